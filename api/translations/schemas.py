from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas import LanguageCode, Text

SubjectName = Literal["organization", "privacy_notice", "process", "phase", "group", "event"]
FieldPath = Text(120)
State = Literal["missing", "stale", "current"]


class TranslationItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    subject: SubjectName
    subject_id: uuid.UUID
    subject_title: str = Field(description="The object's name in the original, to recognise it by.")
    field: str = Field(description="Which text: `title`, `guiding_principles.2`, `questions.<id>.label`, ...")
    source: str = Field(description="The original, in the city's default language.")
    text: str | None = Field(description="The translation; null while there is none.")
    state: State = Field(description="missing; stale: the original changed after it was translated; current.")
    updated_at: datetime | None


class StateCounts(BaseModel):
    missing: int = 0
    stale: int = 0
    current: int = 0


class TranslationSheet(BaseModel):
    language: str
    source_language: str
    counts: StateCounts
    items: list[TranslationItem]


class TranslationWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: SubjectName
    subject_id: uuid.UUID
    field: FieldPath
    language: LanguageCode
    text: Text(20_000)


class TranslationChange(BaseModel):
    subject: SubjectName
    subject_id: uuid.UUID
    field: str
    before: str | None
    after: str


class TranslationImportReport(BaseModel):
    language: str
    changed: list[TranslationChange]
    unchanged: int = Field(description="Units in the file that changed nothing (empty or the same text).")
