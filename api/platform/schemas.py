from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import available_timezones

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, EmailStr, Field, field_validator

from api.schemas import SLUG_PATTERN, LanguageCode, Text


class CityOperator(BaseModel):
    """A city as the platform operator sees it: no residents, no staff, only the city itself."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    name: str
    is_active: bool
    created_at: datetime
    timezone: str
    default_language: str
    contact_email: str | None


class CityCreate(BaseModel):
    """A new city with its first admin, who gets an invitation mail, and its first privacy notice."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=SLUG_PATTERN, min_length=2, max_length=80, examples=["musterstadt"])
    name: Text(200)
    timezone: str = Field(default="Europe/Berlin", max_length=64)
    default_language: LanguageCode = "de"
    contact_email: EmailStr | None = None
    office_name: Text(200) | None = None
    admin_email: EmailStr
    admin_name: Text(200)
    privacy_notice_text: Text(50_000) = Field(
        description="The privacy notice residents accept when they sign up (Datenschutzhinweis)."
    )
    privacy_notice_url: AnyHttpUrl | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError("is not a known time zone, e.g. Europe/Berlin")
        return value
