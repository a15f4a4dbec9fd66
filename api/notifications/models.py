from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, utcnow


class OutboxStatus(enum.StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"  # gave up after the last retry; kept for staff to see


class OutboxMessage(IdMixin, Base):
    """A mail written in the same transaction as the change it reports, sent after commit by the worker."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # Whom the mail is about, so that erasing a person also erases their mails.
    participant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # [{"filename", "content_type", "content"}]: small text attachments such as the event's .ics.
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, name="outbox_status", native_enum=False, create_constraint=True, length=20),
        default=OutboxStatus.pending,
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A worker claims a row until this instant; a crashed worker's claim runs out and another retries.
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(1000))
    # The receiving server refused the address for good (SMTP 5xx at RCPT): the address is wrong.
    bounced: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The staff message this mail is one copy of, for its delivery report.
    staff_message_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("staff_messages.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
