from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow
from api.translations.subjects import Translatable


class GroupKind(enum.StrEnum):
    working_group = "working_group"  # Arbeitsgruppe, Arbeitskreis
    steering_group = "steering_group"  # Steuerungsgruppe
    forum = "forum"  # Themenforum
    expert_round = "expert_round"  # Fachrunde


class MembershipMode(enum.StrEnum):
    open = "open"  # join up to capacity
    application = "application"  # staff accept or reject
    appointed = "appointed"  # no public sign-up


class GroupStatus(enum.StrEnum):
    draft = "draft"
    published = "published"


class ThematicGroup(IdMixin, TimestampMixin, Base):
    """A working group, steering group, forum or expert round of one process."""

    __tablename__ = "thematic_groups"
    __translatable__ = Translatable("group", ("name", "description", "field_of_action"), title="name")
    __table_args__ = (
        UniqueConstraint("process_id", "slug"),
        CheckConstraint("capacity IS NULL OR places_taken <= capacity", name="never_overfull"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[GroupKind] = mapped_column(
        Enum(GroupKind, name="group_kind", native_enum=False, create_constraint=True, length=30)
    )
    field_of_action: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    membership_mode: Mapped[MembershipMode] = mapped_column(
        Enum(MembershipMode, name="membership_mode", native_enum=False, create_constraint=True, length=20)
    )
    capacity: Mapped[int | None]
    signup_deadline: Mapped[datetime | None]
    wanted_composition: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[GroupStatus] = mapped_column(
        Enum(GroupStatus, name="group_status", native_enum=False, create_constraint=True, length=20),
        default=GroupStatus.draft,
    )
    published_at: Mapped[datetime | None]
    # Members counted as a column so that joining takes a place with one conditional UPDATE.
    places_taken: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def signup_open(self) -> bool:
        if self.status != GroupStatus.published or self.membership_mode == MembershipMode.appointed:
            return False
        return self.signup_deadline is None or utcnow() < self.signup_deadline

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.places_taken, 0)
