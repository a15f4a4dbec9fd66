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


class MembershipStatus(enum.StrEnum):
    # A web application whose e-mail address is not confirmed yet: it takes no place and is decided on by
    # no one until the person follows the link in the mail; unconfirmed past hold_expires_at, it expires.
    unconfirmed = "unconfirmed"
    applied = "applied"  # waiting for staff to accept or reject (application groups)
    member = "member"
    waitlisted = "waitlisted"
    rejected = "rejected"
    withdrawn = "withdrawn"
    expired = "expired"  # not confirmed in time


class MembershipRole(enum.StrEnum):
    member = "member"
    lead = "lead"
    deputy = "deputy"


# Statuses that occupy one of the group's places (ThematicGroup.places_taken counts exactly these).
PLACE_HOLDING = (MembershipStatus.member,)
ACTIVE_MEMBERSHIP = (
    MembershipStatus.unconfirmed,
    MembershipStatus.applied,
    MembershipStatus.member,
    MembershipStatus.waitlisted,
)


class Membership(IdMixin, TimestampMixin, Base):
    """A person's membership (Mitgliedschaft) in a thematic group, or their application for one."""

    __tablename__ = "group_memberships"
    __table_args__ = (
        UniqueConstraint("group_id", "participant_id"),
        Index("ix_group_memberships_group_status", "group_id", "status"),
        Index("ix_group_memberships_hold", "status", "hold_expires_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("thematic_groups.id", ondelete="CASCADE"))
    participant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[MembershipStatus] = mapped_column(
        Enum(MembershipStatus, name="membership_status", native_enum=False, create_constraint=True, length=20)
    )
    role: Mapped[MembershipRole] = mapped_column(
        Enum(MembershipRole, name="membership_role", native_enum=False, create_constraint=True, length=20),
        default=MembershipRole.member,
    )
    preference_rank: Mapped[int | None] = mapped_column(doc="1 = the group the person wants most")
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, name="channel", native_enum=False, create_constraint=True, length=20)
    )
    manage_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hold_expires_at: Mapped[datetime | None] = mapped_column(doc="until when an unconfirmed application waits")
    waitlisted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(String(1000))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))

    participant: Mapped[Participant] = relationship(lazy="joined")

    # How api.lifecycle records this membership's steps: its history rows (no time is stamped).
    status_change_link: ClassVar[str] = "membership_id"
    status_stamps: ClassVar[dict[str, str]] = {}

    def status_announcement(self, before: str | None, after: str) -> tuple[str, dict[str, Any]] | None:
        del before  # the new status says it all for memberships
        event_type = _WEBHOOK_EVENTS.get(after)  # type: ignore[call-overload]
        if event_type is None:
            return None
        return event_type, {"membership_id": str(self.id), "group_id": str(self.group_id)}


_WEBHOOK_EVENTS = {
    MembershipStatus.applied: WebhookEventType.membership_applied,
    MembershipStatus.member: WebhookEventType.membership_accepted,
    MembershipStatus.waitlisted: WebhookEventType.membership_waitlisted,
    MembershipStatus.rejected: WebhookEventType.membership_rejected,
    MembershipStatus.withdrawn: WebhookEventType.membership_withdrawn,
}
