from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import available_timezones

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, EmailStr, Field, field_validator
from pydantic_core import PydanticCustomError

from api.schemas import CalendarLinks, LanguageCode, Text


class OrganizationRef(BaseModel):
    """The city a manage link belongs to: enough to link back to its pages and show its local time."""

    model_config = ConfigDict(from_attributes=True)

    slug: str
    name: str
    timezone: str


class OrganizationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    calendar: CalendarLinks | None = Field(default=None, description="All the city's public events as a feed.")

    id: uuid.UUID
    slug: str
    name: str
    office_name: str | None
    contact_email: str | None
    contact_phone: str | None
    address: str | None
    website: str | None
    timezone: str
    default_language: str


class OrganizationStaff(OrganizationPublic):
    cors_origins: list[str]
    retention_months: int = Field(
        description="Personal data is erased this many months after a person's last event or working group ended."
    )


class OrganizationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text(200) | None = None
    office_name: Text(200) | None = None
    contact_email: EmailStr | None = None
    contact_phone: Text(50) | None = None
    address: Text(300) | None = None
    website: AnyHttpUrl | None = None
    timezone: str | None = Field(default=None, max_length=64, examples=["Europe/Berlin"])
    default_language: LanguageCode | None = None
    cors_origins: list[AnyHttpUrl] | None = Field(default=None, max_length=20)
    retention_months: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="Months after a person's last event or working group ended until their data is erased.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in available_timezones():
            raise PydanticCustomError("unknown-time-zone", "is not a known time zone, e.g. Europe/Berlin")
        return value


class PrivacyNoticeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    url: str | None
    text: str
    effective_at: datetime


class PrivacyNoticeCreate(BaseModel):
    """A new version of the privacy notice; sign-ups from now on must accept this one."""

    model_config = ConfigDict(extra="forbid")

    text: Text(50_000)
    url: AnyHttpUrl | None = None
