from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from api.events.changes import Aspect
from api.events.models import Event, EventFormat, EventKind, EventStatus, QuestionKind
from api.schemas import CalendarLinks, Capacity, Instant, LanguageCode, LocalizedOut, Text, untranslated_field


class Venue(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    name: Text(200)
    address: Text(300) | None = None
    room: Text(200) | None = None
    step_free: bool | None = Field(default=None, description="Step-free access (barrierefrei).")
    notes: Text(1000) | None = None


class OnlineAccess(BaseModel):
    """How to join an online or hybrid event. Secret: only confirmed registrants receive it."""

    model_config = ConfigDict(extra="forbid")

    join_url: AnyHttpUrl | None = None
    meeting_id: Text(100) | None = None
    passcode: Text(100) | None = None
    dial_in: Text(300) | None = None


class Question(BaseModel):
    """An extra question asked at sign-up: interpretation language, accessibility, childcare, diet."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="Stable key of the answer, e.g. `childcare`.")
    label: Text(300)
    kind: QuestionKind
    required: bool = False
    options: list[Text(100)] = Field(default_factory=list, max_length=30)
    max_length: int = Field(default=500, ge=1, le=2000, description="For text answers.")

    @model_validator(mode="after")
    def _options_fit_kind(self) -> Question:
        choice = self.kind in (QuestionKind.choice, QuestionKind.multi_choice)
        if choice and len(self.options) < 2:
            raise PydanticCustomError("choice-needs-options", "A choice question needs at least two options.")
        if not choice and self.options:
            raise PydanticCustomError("options-only-for-choice", "Only choice questions have options.")
        if len(set(self.options)) != len(self.options):
            raise PydanticCustomError("duplicate", "The options must differ from each other.")
        return self


def _distinct_ids(questions: list[Question] | None) -> list[Question] | None:
    if questions and len({q.id for q in questions}) != len(questions):
        raise PydanticCustomError("duplicate", "Every question needs its own id.")
    return questions


Questions = Annotated[list[Question], Field(max_length=20), AfterValidator(_distinct_ids)]


class _EventFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group_id: uuid.UUID | None = Field(default=None, description="The thematic group this is a meeting of.")
    title: Text(200) | None = None
    description: Text(20_000) | None = None
    kind: EventKind | None = None
    format: EventFormat | None = None
    starts_at: Instant | None = Field(default=None, description="Without offset read in the city's time zone.")
    ends_at: Instant | None = None
    venue: Venue | None = None
    online_access: OnlineAccess | None = None
    capacity: Capacity | None = None
    registration_opens_at: Instant | None = None
    registration_closes_at: Instant | None = Field(default=None, description="The sign-up deadline.")
    waitlist_enabled: bool | None = None
    invitation_only: bool | None = None
    languages: list[LanguageCode] | None = Field(default=None, max_length=20)
    interpretation: list[LanguageCode] | None = Field(
        default=None, max_length=20, description="Languages interpreted into on request."
    )
    childcare: bool | None = None
    questions: Questions | None = None


class EventCreate(_EventFields):
    process_id: uuid.UUID
    title: Text(200)
    kind: EventKind
    format: EventFormat
    starts_at: Instant
    ends_at: Instant


_NOTICE_NOTE = (
    "Your own words for the people signed up, added to the notice they get of this change. "
    "Not shown publicly and not kept."
)


class EventUpdate(_EventFields):
    """Only the fields sent are changed; send null to clear venue, capacity or a window bound.

    A change of time, place, format or online access details of a published event tells everyone
    signed up (pending, confirmed, waitlisted, offered) by mail, old → new, with the updated calendar
    entry; `POST …/notice-preview` says beforehand how many people that is."""

    notice_note: Text(2000) | None = Field(default=None, description=_NOTICE_NOTE)


class EventStatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(1000) | None = Field(default=None, description="Shown to the public with the event.")
    notice_note: Text(2000) | None = Field(default=None, description=_NOTICE_NOTE)


class EventPublish(BaseModel):
    """Publishing a postponed event again tells everyone signed up the date it now has."""

    model_config = ConfigDict(extra="forbid")

    notice_note: Text(2000) | None = Field(default=None, description=_NOTICE_NOTE)


NoticeAction = Literal["update", "postpone", "cancel", "publish"]


class NoticePreviewRequest(BaseModel):
    """What staff are about to do to an event; nothing is saved."""

    model_config = ConfigDict(extra="forbid")

    action: NoticeAction = Field(default="update", description="`update` with `changes`, or one of the status changes.")
    changes: EventUpdate | None = Field(default=None, description="For `update`: the PATCH body about to be sent.")


class NoticePreview(BaseModel):
    """Who would be told, before staff save: people with an e-mail get the notice, the others are on the
    phone list of the event's sign-ups."""

    changes: list[Aspect] = Field(description="What would be reported, old → new; empty when nobody is told.")
    notified: int = Field(description="People who would get a notice by e-mail.")
    to_call: int = Field(description="People signed up without an e-mail address, to be told by phone.")


def _venue_of(event: Event) -> dict[str, Any] | None:
    if not event.venue_name:
        return None
    return {
        "name": event.venue_name,
        "address": event.venue_address,
        "room": event.venue_room,
        "step_free": event.venue_step_free,
        "notes": event.venue_notes,
    }


class EventSummaryPublic(LocalizedOut):
    # The public count hides seats held for unconfirmed sign-ups (Event.public_seats_left); staff see it exact.
    exact_seats: ClassVar[bool] = False

    id: uuid.UUID
    process_id: uuid.UUID
    group_id: uuid.UUID | None
    title: str
    kind: EventKind
    format: EventFormat
    status: EventStatus
    status_reason: str | None
    starts_at: datetime
    ends_at: datetime
    timezone: str
    venue: Venue | None
    capacity: int | None
    seats_left: int | None = Field(
        description="Seats not taken by a confirmed sign-up; null when the event has no limit. Seats held for "
        "sign-ups whose e-mail address is not confirmed yet count as free here (so the number cannot tell whether "
        "an address is signed up); a sign-up may then still land on the waiting list."
    )
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    registration_open: bool
    waitlist_enabled: bool
    updated_at: datetime = Field(description="Last change of content, status or seats; for `updated_since`.")
    untranslated: dict[str, str] = untranslated_field()

    @model_validator(mode="before")
    @classmethod
    def _nest_venue(cls, data: Any) -> Any:
        if isinstance(data, Event):
            nested = ("venue", "online_access")
            fields = {
                name: getattr(data, name) for name in cls.model_fields if name not in nested and hasattr(data, name)
            }
            fields["venue"] = _venue_of(data)
            fields["seats_left"] = data.seats_left if cls.exact_seats else data.public_seats_left
            if "online_access" in cls.model_fields:
                fields["online_access"] = _online_access_of(data)
            return fields
        return data


class QuestionPublic(Question):
    model_config = ConfigDict(extra="ignore", from_attributes=True)

    option_labels: list[str] = Field(
        default_factory=list,
        description="The options in the answer's language, in the same order as `options`: show these, and "
        "send the option from `options` as the answer.",
    )

    @model_validator(mode="after")
    def _labels_default_to_options(self) -> QuestionPublic:
        if len(self.option_labels) != len(self.options):
            self.option_labels = list(self.options)
        return self


class EventPublic(EventSummaryPublic):
    calendar: CalendarLinks | None = Field(default=None, description="This event as an iCalendar file.")
    description: str | None
    invitation_only: bool
    languages: list[str]
    interpretation: list[str]
    childcare: bool
    questions: list[QuestionPublic]


def _online_access_of(event: Event) -> dict[str, Any] | None:
    access = {
        "join_url": event.online_join_url,
        "meeting_id": event.online_meeting_id,
        "passcode": event.online_passcode,
        "dial_in": event.online_dial_in,
    }
    return access if any(access.values()) else None


class RegistrationCounts(BaseModel):
    pending: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    offered: int = 0
    attended: int = 0
    no_show: int = 0
    cancelled: int = 0
    expired: int = 0


class EventStaff(EventPublic):
    exact_seats: ClassVar[bool] = True

    questions: list[Question]  # the originals, as staff edit and send them back

    online_access: OnlineAccess | None = Field(
        description="Only for admins, the process's managers, the moderators of the event's group and API "
        "clients with the scope events:access-details; null for everyone else."
    )
    online_access_withheld: bool = Field(
        default=False, description="True when the event has online access details that the caller may not see."
    )
    seats_taken: int
    registration_counts: RegistrationCounts | None = Field(
        default=None, description="Registrations per status (on the single-event answers)."
    )
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
