"""The shapes of a person's data export (Art. 15, 20 DSGVO), the staff's search and the erasure answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.memberships.models import MembershipRole, MembershipStatus
from api.notifications.models import OutboxStatus
from api.participants.models import Channel, StakeholderCategory
from api.registrations.models import RegistrationStatus
from api.schemas import LocalizedOut, Text


class Controller(BaseModel):
    """Who holds the data (the controller in the sense of Art. 4 No. 7 DSGVO) and how to reach them."""

    model_config = ConfigDict(from_attributes=True)

    name: str
    office_name: str | None
    contact_email: str | None
    contact_phone: str | None
    address: str | None
    website: str | None
    timezone: str = Field(description="The city's time zone; every time in the export is given in it.")


class PersonData(LocalizedOut):
    id: uuid.UUID
    full_name: str
    email: str | None
    phone: str | None
    affiliation: str | None
    category: StakeholderCategory
    preferred_language: str
    receives_staff_messages: bool = Field(description="Whether the person gets messages from the city's staff.")
    district: str | None
    created_at: datetime
    updated_at: datetime


class ConsentData(LocalizedOut):
    privacy_notice_version: int
    privacy_notice_url: str | None
    channel: Channel = Field(description="How the consent reached the city: web, phone, e-mail, on site …")
    given_at: datetime


class HistoryStep(LocalizedOut):
    from_status: str | None
    to_status: str
    channel: Channel
    note: str | None
    at: datetime


class EventData(LocalizedOut):
    id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str


class RegistrationData(LocalizedOut):
    id: uuid.UUID
    event: EventData
    status: RegistrationStatus
    channel: Channel
    answers: dict[str, Any]
    hold_expires_at: datetime | None
    waitlisted_at: datetime | None
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    checked_in_at: datetime | None
    reminder_sent_at: datetime | None
    created_at: datetime
    updated_at: datetime
    history: list[HistoryStep]


class GroupData(BaseModel):
    id: uuid.UUID
    name: str
    process_title: str


class MembershipData(LocalizedOut):
    id: uuid.UUID
    group: GroupData
    status: MembershipStatus
    role: MembershipRole
    preference_rank: int | None
    channel: Channel
    waitlisted_at: datetime | None
    decided_at: datetime | None
    note: str | None
    created_at: datetime
    updated_at: datetime
    history: list[HistoryStep]


class MailData(LocalizedOut):
    kind: str
    subject: str
    recipient: str
    status: OutboxStatus
    created_at: datetime
    sent_at: datetime | None


class PersonalDataExport(LocalizedOut):
    """Everything the city holds about one person on this platform (Art. 15 and 20 DSGVO)."""

    generated_at: datetime
    controller: Controller
    retention_months: int = Field(
        description="The person's data is erased this many months after their last event or working group ended."
    )
    person: PersonData
    consents: list[ConsentData]
    registrations: list[RegistrationData]
    memberships: list[MembershipData]
    mails: list[MailData] = Field(description="Mails written to the person: kind, subject and when.")


class ParticipantListItem(LocalizedOut):
    id: uuid.UUID
    full_name: str
    email: str | None
    phone: str | None
    affiliation: str | None
    category: StakeholderCategory
    preferred_language: str
    created_at: datetime
    registrations: int = Field(description="How many event registrations the person has (in any status).")
    memberships: int = Field(description="How many group memberships or applications the person has.")


class ErasureRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(500) = Field(
        description="How the request reached the city, e.g. “letter of 3 May”. The audit log records that a "
        "reason was given, not its text (it may name the person)."
    )


class ErasureDone(LocalizedOut):
    message: str
    erased_at: datetime


class StaffErasureDone(ErasureDone):
    participant_id: uuid.UUID
    registrations_cancelled: int = Field(description="Registrations for events still to come, cancelled.")
    memberships_withdrawn: int = Field(description="Active memberships in running processes, ended.")
    mails_deleted: int
