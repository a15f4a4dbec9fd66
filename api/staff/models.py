from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow


class StaffRole(enum.StrEnum):
    admin = "admin"  # the organization's administrator: everything in the city


class StaffUser(IdMixin, TimestampMixin, Base):
    """A person of the city's staff who logs in to manage processes, groups and events."""

    __tablename__ = "staff_users"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # Unique across cities: an e-mail address is the login, before any city is known.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[StaffRole] = mapped_column(
        Enum(StaffRole, name="staff_role", native_enum=False, create_constraint=True, length=30),
        default=StaffRole.admin,
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    # Access tokens issued before this instant are no longer accepted.
    tokens_valid_after: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]


class RefreshToken(IdMixin, Base):
    """A long-lived token that buys new access tokens; rotated on every use, stored hashed."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # All tokens rotated from one login share a family; reuse of a spent one revokes the family.
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
