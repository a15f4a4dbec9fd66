from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow


class StaffRole(enum.StrEnum):
    admin = "admin"  # everything in the city: staff, API clients, audit log, all processes
    process_manager = "process_manager"  # one process with its groups, events and sign-ups
    group_moderator = "group_moderator"  # one group: its members and meetings
    viewer = "viewer"  # reads everything, changes nothing, exports no personal data


class StaffUser(IdMixin, TimestampMixin, Base):
    """A person of the city's staff who logs in to manage processes, groups and events."""

    __tablename__ = "staff_users"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # Unique across cities: an e-mail address is the login, before any city is known.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Runs the platform: creates, lists and deactivates cities. Only `python -m api create-operator` sets it.
    is_operator: Mapped[bool] = mapped_column(default=False, server_default="false")
    last_login_at: Mapped[datetime | None]


class StaffSession(IdMixin, Base):
    """One login: every access and refresh token of it names it, and ending it ends them all at once.

    Its id is the family id of the login's refresh tokens."""

    __tablename__ = "staff_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


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


class RoleGrant(IdMixin, Base):
    """One role of a staff user: organization-wide (admin, viewer) or for one process or group."""

    __tablename__ = "staff_role_grants"
    __table_args__ = (
        UniqueConstraint("user_id", "role", "process_id", "group_id"),
        CheckConstraint(
            "(role = 'process_manager') = (process_id IS NOT NULL)"
            " AND (role = 'group_moderator') = (group_id IS NOT NULL)",
            name="scope_fits_role",
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    role: Mapped[StaffRole] = mapped_column(
        Enum(StaffRole, name="staff_role", native_enum=False, create_constraint=True, length=30)
    )
    process_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("thematic_groups.id", ondelete="CASCADE"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiClient(IdMixin, Base):
    """A machine of the city (CMS, app, another municipal system) with a scoped, revocable key."""

    __tablename__ = "api_clients"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the key, so that staff can tell keys apart; never enough to use it.
    key_hint: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rotated_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class StaffTokenPurpose(enum.StrEnum):
    invitation = "invitation"  # sets the first password of an invited staff member
    password_reset = "password_reset"  # noqa: S105 - a purpose, not a password


class StaffToken(IdMixin, Base):
    """A one-time link sent by mail to a staff member; only its hash is stored."""

    __tablename__ = "staff_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[StaffTokenPurpose] = mapped_column(
        Enum(StaffTokenPurpose, name="staff_token_purpose", native_enum=False, create_constraint=True, length=20)
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
