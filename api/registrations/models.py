from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Enum, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, IdMixin, TimestampMixin
from api.participants.models import Channel, Participant
from api.webhooks.events import WebhookEventType


class RegistrationStatus(enum.StrEnum):
    pending = "pending"  # web sign-up, e-mail not yet confirmed; seat held until hold_expires_at
    confirmed = "confirmed"
    waitlisted = "waitlisted"
    offered = "offered"  # a seat freed up and is held for this person until hold_expires_at
    attended = "attended"
    no_show = "no_show"
    cancelled = "cancelled"
    expired = "expired"


# Statuses that occupy one of the event's seats (Event.seats_taken counts exactly these).
SEAT_HOLDING = (
    RegistrationStatus.pending,
    RegistrationStatus.offered,
    RegistrationStatus.confirmed,
    RegistrationStatus.attended,
    RegistrationStatus.no_show,
)
ACTIVE = (*SEAT_HOLDING, RegistrationStatus.waitlisted)


class Registration(IdMixin, TimestampMixin, Base):
    """A person's sign-up (Anmeldung) for one event."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "participant_id"),
        # The staff's list of an event's registrations (keyset pages, newest first, filtered by status or
        # not) and the CSV export walk them in sign-up order and stop after a page, however big the event.
        Index("ix_registrations_event_created", "event_id", "created_at", "id"),
        Index("ix_registrations_event_status_created", "event_id", "status", "created_at", "id"),
        Index("ix_registrations_hold", "status", "hold_expires_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    participant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        Enum(RegistrationStatus, name="registration_status", native_enum=False, create_constraint=True, length=20)
    )
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, name="channel", native_enum=False, create_constraint=True, length=20)
    )
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The secret of the person's manage link; only its hash is kept.
    manage_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hold_expires_at: Mapped[datetime | None]
    # A keyed hash of the client address an unconfirmed web sign-up came from, to bound how many seats one
    # client holds at once; cleared once the sign-up is confirmed or ends.
    hold_client: Mapped[str | None] = mapped_column(String(64), index=True)
    waitlisted_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))
    checked_in_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))

    participant: Mapped[Participant] = relationship(lazy="joined")

    # How api.lifecycle records this registration's steps: its history rows and the times it stamps.
    status_change_link: ClassVar[str] = "registration_id"
    status_stamps: ClassVar[dict[str, str]] = {
        RegistrationStatus.confirmed: "confirmed_at",
        RegistrationStatus.cancelled: "cancelled_at",
        RegistrationStatus.attended: "checked_in_at",
        RegistrationStatus.no_show: "checked_in_at",
    }

    def status_announcement(self, before: str | None, after: str) -> tuple[str, dict[str, Any]] | None:
        event_type = _webhook_event(before, after)
        if event_type is None:
            return None
        return event_type, {"registration_id": str(self.id), "event_id": str(self.event_id)}


_WEBHOOK_EVENTS = {
    RegistrationStatus.pending: WebhookEventType.registration_created,
    RegistrationStatus.confirmed: WebhookEventType.registration_confirmed,
    RegistrationStatus.waitlisted: WebhookEventType.registration_waitlisted,
    RegistrationStatus.cancelled: WebhookEventType.registration_cancelled,
    RegistrationStatus.expired: WebhookEventType.registration_expired,
    RegistrationStatus.attended: WebhookEventType.registration_checked_in,
    RegistrationStatus.no_show: WebhookEventType.registration_no_show,
}
_PROMOTED_TO = (RegistrationStatus.offered, RegistrationStatus.confirmed, RegistrationStatus.pending)


def _webhook_event(before: str | None, after: str) -> WebhookEventType | None:
    """A seat offered to, or given to, someone from the waiting list is a promotion."""
    if before == RegistrationStatus.waitlisted and after in _PROMOTED_TO:
        return WebhookEventType.registration_promoted
    if after == RegistrationStatus.offered:
        return None  # an offer made anew (after a lapsed one) is no news to a receiver
    return _WEBHOOK_EVENTS.get(after)  # type: ignore[call-overload]
