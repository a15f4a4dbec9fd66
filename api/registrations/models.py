from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, IdMixin, TimestampMixin, utcnow
from api.participants.models import Channel, Participant


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
    waitlisted_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))
    checked_in_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))

    participant: Mapped[Participant] = relationship(lazy="joined")


class StatusChange(IdMixin, Base):
    """One step in the life of a registration or membership: who, when, through which channel."""

    __tablename__ = "status_changes"
    __table_args__ = (
        CheckConstraint("(registration_id IS NULL) <> (membership_id IS NULL)", name="registration_or_membership"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    membership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("group_memberships.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, name="channel", native_enum=False, create_constraint=True, length=20)
    )
    staff_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(1000))
    at: Mapped[datetime] = mapped_column(default=utcnow)
