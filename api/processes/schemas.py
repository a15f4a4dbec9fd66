from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, EmailStr, Field, ValidationInfo, model_validator

from api.processes.models import ConceptKind, ProcessStatus
from api.schemas import Day, LocalizedOut, Slug, Text, untranslated_field

Principle = Text(300)
FieldOfAction = Text(120)


class Contact(BaseModel):
    """A contact person (Ansprechperson) of the office that runs the process."""

    model_config = ConfigDict(extra="forbid")

    name: Text(200)
    role: Text(200) | None = None
    phone: Text(50) | None = None
    email: EmailStr | None = None
    address: Text(300) | None = None
    office_hours: Text(500) | None = None


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text(200)
    url: AnyHttpUrl


class _ProcessFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text(200) | None = None
    summary: Text(500) | None = None
    description: Text(20_000) | None = None
    concept_kind: ConceptKind | None = None
    previous_concept_year: Annotated[int, Field(ge=1950, le=2100)] | None = Field(
        default=None, description="For an update (Fortschreibung): the year of the concept it updates."
    )
    starts_on: Day | None = None
    ends_on: Day | None = None
    funding_note: Text(500) | None = None
    moderating_partner: Text(200) | None = Field(default=None, description="The moderating institute.")
    guiding_principles: list[Principle] | None = Field(default=None, max_length=30)
    fields_of_action: list[FieldOfAction] | None = Field(default=None, max_length=30)
    contacts: list[Contact] | None = Field(default=None, max_length=20)
    links: list[Link] | None = Field(default=None, max_length=30)


class ProcessCreate(_ProcessFields):
    slug: Slug
    title: Text(200)
    concept_kind: ConceptKind = ConceptKind.first
    starts_on: Day
    ends_on: Day


class ProcessUpdate(_ProcessFields):
    """Only the fields sent are changed."""

    slug: Slug | None = None


class PhaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text(200)
    description: Text(5_000) | None = None
    starts_on: Day
    ends_on: Day


class PhaseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text(200) | None = None
    description: Text(5_000) | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None


class PhaseOut(LocalizedOut):
    id: uuid.UUID
    name: str
    description: str | None
    starts_on: date
    ends_on: date
    is_current: bool = Field(default=False, description="Today, in the organization's time zone, lies in it.")
    untranslated: dict[str, str] = untranslated_field()

    @model_validator(mode="after")
    def _mark_current(self, info: ValidationInfo) -> PhaseOut:
        tz_name = (info.context or {}).get("tz")
        if tz_name:
            today = datetime.now(ZoneInfo(tz_name)).date()
            self.is_current = self.starts_on <= today <= self.ends_on
        return self


class ProcessSummaryPublic(LocalizedOut):
    id: uuid.UUID
    slug: str
    title: str
    summary: str | None
    status: ProcessStatus
    concept_kind: ConceptKind
    previous_concept_year: int | None
    starts_on: date
    ends_on: date
    untranslated: dict[str, str] = untranslated_field()


class ProcessStaff(ProcessSummaryPublic):
    description: str | None
    funding_note: str | None
    moderating_partner: str | None
    guiding_principles: list[str]
    fields_of_action: list[str]
    contacts: list[Contact]
    links: list[Link]
    phases: list[PhaseOut]
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
