from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin


class StaffMessage(IdMixin, TimestampMixin, Base):
    """A message staff wrote to an audience; its mails are outbox rows that point back to it."""

    __tablename__ = "staff_messages"
    __table_args__ = (Index("ix_staff_messages_process_created", "process_id", "created_at", "id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    # The event or group the audience belongs to, if any: a group's moderator may read what went to it.
    event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("thematic_groups.id", ondelete="SET NULL"), index=True
    )
    # As sent: {"kind": "event", "event_id": …, "statuses": […]} and so on (see schemas.Audience).
    audience: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # {language: {"subject": …, "body": …}}; the city's default language is always there.
    texts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sender_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    recipient_count: Mapped[int] = mapped_column(default=0)  # mails written
    to_call_count: Mapped[int] = mapped_column(default=0)  # people without an e-mail address
    opted_out_count: Mapped[int] = mapped_column(default=0)  # people who asked for no such messages
