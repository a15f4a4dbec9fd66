from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from api.errors import InvalidInput
from api.participants.models import StakeholderCategory
from api.schemas import LanguageCode, Text


def _plausible_phone(value: str) -> str:
    if len(re.sub(r"\D", "", value)) < 5:
        raise PydanticCustomError("phone-format", "must be a phone number with at least 5 digits, e.g. 0123 456789")
    return value


Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()/.\-]{5,30}$", max_length=30),
    AfterValidator(_plausible_phone),
]
Email = Annotated[EmailStr, StringConstraints(max_length=254)]


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    privacy_notice_version: int = Field(
        ge=1, le=1_000_000, description="The version of the city's privacy notice the person agreed to."
    )


class PersonIn(BaseModel):
    """Who signs up. At least an e-mail address or a phone number."""

    model_config = ConfigDict(extra="forbid")

    full_name: Text(200)
    email: Email | None = None
    phone: Phone | None = None
    affiliation: Text(200) | None = Field(default=None, description="Association, office or institution.")
    category: StakeholderCategory = StakeholderCategory.resident
    preferred_language: LanguageCode = "de"
    district: Text(100) | None = Field(
        default=None,
        description="The district (Stadtteil) the person lives in: one of the city's `districts`, if it has any.",
    )

    @model_validator(mode="after")
    def _reachable(self) -> PersonIn:
        if not self.email and not self.phone:
            # Named at the phone field: where e-mail is optional (staff entering a phone sign-up), a phone
            # number is what is missing. A ValueError here would name the body as a whole.
            raise InvalidInput("Please give an e-mail address or a phone number.", field="phone", kind="contact-needed")
        return self


class WebPersonIn(PersonIn):
    """Who signs up on the web: the e-mail address is needed for the confirmation link."""

    email: Email


class ParticipantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    full_name: str
    email: str | None
    phone: str | None
    affiliation: str | None
    category: StakeholderCategory
    preferred_language: str
    district: str | None
