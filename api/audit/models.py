from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, utcnow


class AuditEntry(IdMixin, Base):
    """One change made by staff, an API client or the system: who, when, what, on which object.
    `changes` names the fields; values only where they are not personal data."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_org_at", "organization_id", "at"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_type: Mapped[str] = mapped_column(String(20))  # staff, client, system
    # Not foreign keys: the log outlives deleted users and clients.
    actor_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(80))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
