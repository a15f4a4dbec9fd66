from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, text, true
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow


# Who a person is in the process; a group's wanted composition counts these.
class StakeholderCategory(enum.StrEnum):
    resident = "resident"
    civil_society = "civil_society"
    expert = "expert"
    administration = "administration"
    politics = "politics"


class Channel(enum.StrEnum):
    """How a sign-up or a change reached the city."""

    web = "web"
    email = "email"
    phone = "phone"
    on_site = "on_site"
    staff = "staff"
    system = "system"  # the platform itself: an expired hold, a seat passed on from the waiting list


class Participant(IdMixin, TimestampMixin, Base):
    """A person known to one organization through their sign-ups; no account, no password."""

    __tablename__ = "participants"
    __table_args__ = (
        # One person per e-mail address and city; phone-only people (entered by staff) have none.
        Index(
            "uq_participants_org_email",
            "organization_id",
            "email",
            unique=True,
            sqlite_where=text("email IS NOT NULL"),
            postgresql_where=text("email IS NOT NULL"),
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    affiliation: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[StakeholderCategory] = mapped_column(
        Enum(StakeholderCategory, name="stakeholder_category", native_enum=False, create_constraint=True, length=30),
        default=StakeholderCategory.resident,
    )
    preferred_language: Mapped[str] = mapped_column(String(8), default="de")
    # Staff messages to an audience are optional; notices about changes to the person's own events are not
    # and ignore this.
    receives_staff_messages: Mapped[bool] = mapped_column(default=True, server_default=true())
    # One of the city's districts (Organization.districts) the person lives in, if they said; the
    # latest sign-up's answer wins. Only ever counted in statistics, never shown publicly.
    district: Mapped[str | None] = mapped_column(String(100))


class Consent(IdMixin, Base):
    """Consent to one version of the privacy notice: when, and through which channel."""

    __tablename__ = "consents"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    privacy_notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("privacy_notices.id", ondelete="RESTRICT"))
    channel: Mapped[Channel] = mapped_column(
        Enum(Channel, name="channel", native_enum=False, create_constraint=True, length=20)
    )
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
