from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.errors import InvalidInput
from api.memberships.models import MembershipRole, MembershipStatus
from api.registrations.models import RegistrationStatus
from api.schemas import LanguageCode, LocalizedOut, Text

# Who counts as coming to an event unless staff choose otherwise.
SIGNED_UP = [RegistrationStatus.confirmed, RegistrationStatus.pending, RegistrationStatus.offered]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AudienceKind(enum.StrEnum):
    event = "event"  # the people signed up for an event, in the statuses chosen
    waiting_list = "waiting_list"  # an event's waiting list
    group = "group"  # a group's members (or applicants), in the statuses and roles chosen
    process = "process"  # everyone signed up for one of the process's events or in one of its groups


class Audience(_Strict):
    """Whom a message goes to. One flat shape for every kind, so that a refusal names `audience.event_id`
    and not a path through the kinds."""

    kind: AudienceKind
    event_id: uuid.UUID | None = Field(default=None, description="For `event` and `waiting_list`.")
    group_id: uuid.UUID | None = Field(default=None, description="For `group`.")
    statuses: list[RegistrationStatus | MembershipStatus] | None = Field(
        default=None,
        max_length=len(RegistrationStatus),
        description="Registration statuses for `event` (default: confirmed, pending, offered), membership "
        "statuses for `group` (default: member).",
    )
    roles: list[MembershipRole] = Field(
        default_factory=list, max_length=len(MembershipRole), description="For `group`; none means every role."
    )

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Audience:
        if self.kind in (AudienceKind.event, AudienceKind.waiting_list):
            _needed(self.event_id, "audience.event_id")
            self.group_id, self.roles = None, []
            self.statuses = (
                [RegistrationStatus.waitlisted]
                if self.kind == AudienceKind.waiting_list
                else _statuses(self.statuses, RegistrationStatus, SIGNED_UP)
            )
        elif self.kind == AudienceKind.group:
            _needed(self.group_id, "audience.group_id")
            self.event_id = None
            self.statuses = _statuses(self.statuses, MembershipStatus, [MembershipStatus.member])
        else:
            self.event_id = self.group_id = self.statuses = None
            self.roles = []
        return self


def _needed(value: object, field: str) -> None:
    if value is None:
        raise InvalidInput("Choose the event or group this audience belongs to.", field=field, kind="required")


def _statuses(given: list[Any] | None, kind: type[enum.StrEnum], default: list[Any]) -> list[Any]:
    """The statuses as the kind's own (a "waitlisted" is read as a membership's for a group)."""
    if not given:
        return list(default)
    allowed = {member.value for member in kind}
    if any(str(status) not in allowed for status in given):
        raise InvalidInput("Not a status of this kind of audience.", field="audience.statuses", kind="not-a-choice")
    return list(dict.fromkeys(kind(str(status)) for status in given))


class MessageText(_Strict):
    subject: Text(200)
    body: Text(10_000) = Field(
        description="Plain text. Placeholders: `{name}` (the person's name), `{event}` (the event, group or "
        "process the audience belongs to), `{manage_link}` (the person's own manage link)."
    )


class MessageDraft(_Strict):
    """A message to an audience, with its words per language (the city's default language is needed: it
    is what people read whose language has no text)."""

    audience: Audience
    texts: dict[LanguageCode, MessageText] = Field(min_length=1, max_length=20)


class PersonToCall(BaseModel):
    """Someone in the audience without an e-mail address: staff tell them by phone."""

    participant_id: uuid.UUID
    full_name: str
    phone: str | None


class RenderedSample(BaseModel):
    """The mail as one person of the audience would read it (their manage link left out);
    `recipient_name` is empty when nobody in the audience reads this language."""

    language: str
    recipient_name: str | None
    subject: str
    body: str


class AudienceSummary(BaseModel):
    recipient_count: int = Field(description="People who get the message by e-mail.")
    opted_out_count: int = Field(description="People who asked for no messages from staff.")
    to_call: list[PersonToCall]


class Preview(AudienceSummary):
    samples: list[RenderedSample] = Field(description="One per language of the message.")


class TestSent(BaseModel):
    recipient: str = Field(description="Your own address, where the test mails went.")
    mail_count: int = Field(description="One test mail per language of the message.")


class DeliveryReport(BaseModel):
    pending: int = Field(description="Waiting to be sent (or to be tried again).")
    sent: int
    failed: int = Field(description="Given up after the last try, the address not refused.")
    bounced: int = Field(description="The receiving server refused the address for good.")


class StaffMessageOut(LocalizedOut):
    id: uuid.UUID
    process_id: uuid.UUID
    event_id: uuid.UUID | None
    group_id: uuid.UUID | None
    audience: Audience
    subject: str = Field(description="In the city's default language.")
    languages: list[str]
    sender_name: str | None
    created_at: datetime
    recipient_count: int
    to_call_count: int
    opted_out_count: int
    delivery: DeliveryReport


class StaffMessageDetail(StaffMessageOut):
    texts: dict[str, MessageText]
    to_call: list[PersonToCall] = Field(description="The audience's people without e-mail, as of now.")


class MessagePreference(_Strict):
    """Whether the person gets messages from staff. Notices about changes to their own sign-ups always go."""

    receives_staff_messages: bool
