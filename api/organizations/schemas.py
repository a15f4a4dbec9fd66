from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import available_timezones

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from api.schemas import CalendarLinks, LanguageCode, Text, untranslated_field


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
    languages: list[str] = Field(description="The languages the city's site offers, as language codes.")
    districts: list[str] = Field(description="The city's districts (Stadtteile), in the city's own words.")
    brand_color: str | None = Field(description='The colour of the site\'s header and buttons, "#RRGGBB".')
    logo_url: str | None = Field(default=None, description="The city's logo (PNG); its address changes with it.")
    untranslated: dict[str, str] = untranslated_field()

    @model_validator(mode="before")
    @classmethod
    def _logo_address(cls, data: Any) -> Any:
        version = getattr(data, "logo_version", None)
        if version is not None and not isinstance(data, dict):
            fields = {name: getattr(data, name) for name in cls.model_fields if hasattr(data, name)}
            fields["logo_url"] = f"/api/v1/orgs/{data.slug}/logo?v={version}"
            return fields
        return data


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
    languages: list[LanguageCode] | None = Field(default=None, min_length=1, max_length=20)
    districts: list[Text(100)] | None = Field(default=None, max_length=200)
    brand_color: str | None = Field(
        default=None,
        pattern=r"^#[0-9A-Fa-f]{6}$",
        examples=["#1D4F91"],
        description="White text on it must be readable: a contrast of at least 4.5:1 (WCAG AA).",
    )

    @field_validator("languages", "districts")
    @classmethod
    def _distinct(cls, values: list[str] | None) -> list[str] | None:
        if values is not None and len({v.casefold() for v in values}) != len(values):
            raise PydanticCustomError("duplicate", "names the same entry twice")
        return values

    @field_validator("brand_color")
    @classmethod
    def _readable_on(cls, value: str | None) -> str | None:
        if value is not None and contrast_with_white(value) < MIN_CONTRAST:
            raise PydanticCustomError(
                "too-little-contrast",
                "is too light: white text on it has a contrast of {contrast}:1, at least {needed}:1 is needed",
                {"contrast": f"{contrast_with_white(value):.1f}", "needed": MIN_CONTRAST},
            )
        return value.upper() if value else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in available_timezones():
            raise PydanticCustomError("unknown-time-zone", "is not a known time zone, e.g. Europe/Berlin")
        return value


# WCAG 2.x AA for normal text: the site's white header text and button labels sit on the brand colour.
MIN_CONTRAST = 4.5


def contrast_with_white(color: str) -> float:
    """The WCAG contrast ratio of white against "#RRGGBB"."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (luminance + 0.05)


class PrivacyNoticeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    url: str | None
    text: str
    effective_at: datetime
    untranslated: dict[str, str] = untranslated_field()


class PrivacyNoticeCreate(BaseModel):
    """A new version of the privacy notice; sign-ups from now on must accept this one."""

    model_config = ConfigDict(extra="forbid")

    text: Text(50_000)
    url: AnyHttpUrl | None = None
