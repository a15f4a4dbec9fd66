from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.memberships.models import MembershipRole, MembershipStatus
from api.registrations.models import RegistrationStatus
from api.schemas import LanguageCode, LocalizedOut, Text

# Who counts as coming to an event unless staff choose otherwise.
SIGNED_UP = [RegistrationStatus.confirmed, RegistrationStatus.pending, RegistrationStatus.offered]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventAudience(_Strict):
    """The people signed up for an event, in the statuses chosen."""

    kind: Literal["event"]
    event_id: uuid.UUID
    statuses: list[RegistrationStatus] = Field(default=SIGNED_UP, min_length=1, max_length=len(RegistrationStatus))


class WaitingListAudience(_Strict):
    """The people on an event's waiting list."""

    kind: Literal["waiting_list"]
    event_id: uuid.UUID


class GroupAudience(_Strict):
    """A group's members (or applicants), in the statuses and roles chosen; no roles means every role."""

    kind: Literal["group"]
    group_id: uuid.UUID
    statuses: list[MembershipStatus] = Field(
        default=[MembershipStatus.member], min_length=1, max_length=len(MembershipStatus)
    )
    roles: list[MembershipRole] = Field(default_factory=list, max_length=len(MembershipRole))


class ProcessAudience(_Strict):
    """Everyone taking part in the process: signed up for one of its events or in one of its groups."""

    kind: Literal["process"]


Audience = Annotated[EventAudience | WaitingListAudience | GroupAudience | ProcessAudience, Field(discriminator="kind")]


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
    """The mail as one person of the audience would read it (their manage link left out)."""

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
