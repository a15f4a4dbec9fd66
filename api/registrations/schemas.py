from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidatorFunctionWrapHandler, WrapValidator
from pydantic_core import PydanticCustomError

from api.events.schemas import EventSummaryPublic, OnlineAccess, QuestionPublic
from api.lifecycle.schemas import StatusChangeOut
from api.organizations.schemas import OrganizationRef
from api.participants.models import Channel
from api.participants.schemas import ConsentIn, ParticipantOut, PersonIn, WebPersonIn
from api.registrations.models import RegistrationStatus
from api.schemas import CalendarLinks, LocalizedOut, Text


def _one_answer(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    # One error named `answers.<id>`, not one per member of the union (`answers.<id>.str`, `.bool`, ...).
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError(
            "answer_type", "Please answer with a text, one option, a list of options, or yes/no."
        ) from None


Answers = dict[str, Annotated[str | bool | list[str] | None, WrapValidator(_one_answer)]]
ANSWERS_FIELD = Field(
    default_factory=dict,
    max_length=20,
    description="Answers to the event's questions, by question id: text, one option, a list of options, or yes/no.",
)


class SignUpRequest(WebPersonIn):
    """A resident's sign-up on the web. Double opt-in: the seat is held until the e-mail link is followed."""

    answers: Answers = ANSWERS_FIELD
    consent: ConsentIn


class SignUpAccepted(LocalizedOut):
    status: RegistrationStatus = Field(description="pending (seat held, confirm by e-mail) or waitlisted.")
    message: str
    hold_expires_at: datetime | None = None


class StaffRegistrationRequest(PersonIn):
    """A sign-up taken by phone, e-mail or at the door: confirmed at once, no e-mail needed."""

    channel: Literal[Channel.phone, Channel.email, Channel.on_site, Channel.staff] = Channel.phone
    answers: Answers = ANSWERS_FIELD
    consent: ConsentIn


class AnswersUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: Answers = ANSWERS_FIELD


class CancelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(1000) | None = None


class PromoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    add_seat: bool = Field(default=False, description="Raise the capacity by one for this person when no seat is free.")


class CheckInRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: bool = Field(description="true: came (attended); false: did not come (no-show).")


class MyRegistration(LocalizedOut):
    """What a person sees through their manage link."""

    id: uuid.UUID
    status: RegistrationStatus
    organization: OrganizationRef
    event: EventSummaryPublic
    questions: list[QuestionPublic] = Field(
        description="The event's sign-up questions, which `answers` answer, in the reader's language (see "
        "`event.untranslated`); an answer names the option from `options`."
    )
    full_name: str
    email: str | None
    answers: dict[str, Any]
    hold_expires_at: datetime | None
    waitlist_position: int | None = Field(description="1 = next to get a free seat.")
    online_access: OnlineAccess | None = Field(
        description="Only for confirmed registrations of online or hybrid events, from shortly before the start."
    )
    online_access_from: datetime | None = Field(description="When the access details will be shown here.")
    calendar: CalendarLinks | None = Field(
        description="The event as an iCalendar file, to add to one's calendar; null once the registration is "
        "cancelled or expired: then there is nothing to add."
    )


class StaffRegistration(LocalizedOut):
    id: uuid.UUID
    event_id: uuid.UUID
    status: RegistrationStatus
    channel: Channel
    participant: ParticipantOut
    answers: dict[str, Any]
    hold_expires_at: datetime | None
    waitlisted_at: datetime | None
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    checked_in_at: datetime | None
    created_by_id: uuid.UUID | None
    created_at: datetime


class StaffRegistrationDetail(StaffRegistration):
    history: list[StatusChangeOut] = Field(default_factory=list)
