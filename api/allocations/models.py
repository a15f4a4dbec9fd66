from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, IdMixin, TimestampMixin


class AllocationStatus(enum.StrEnum):
    proposed = "proposed"  # shown to staff; nothing has changed yet
    accepted = "accepted"  # taken over as a whole: the memberships were decided
    superseded = "superseded"  # a newer proposal for the same process replaced it


class AllocationRun(IdMixin, TimestampMixin, Base):
    """One run of the allocation over a process's application groups: the proposal staff look at, and
    later accept as it is. Its fingerprint is the state of the applications and places it was computed
    from; accepting refuses when they have changed since."""

    __tablename__ = "allocation_runs"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    status: Mapped[AllocationStatus] = mapped_column(
        Enum(AllocationStatus, name="allocation_status", native_enum=False, create_constraint=True, length=20),
        default=AllocationStatus.proposed,
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    # What the proposal missed of each group's wanted composition: [{"group_id", "category", "missing"}].
    shortfall: Mapped[list[Any]] = mapped_column(default=list)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))

    assignments: Mapped[list[AllocationAssignment]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="AllocationAssignment.position"
    )


class AllocationAssignment(IdMixin, Base):
    """One applicant in a run: the group they were given (None: no place) and which of their choices it was."""

    __tablename__ = "allocation_assignments"
    __table_args__ = (UniqueConstraint("run_id", "participant_id"),)

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("allocation_runs.id", ondelete="CASCADE"))
    participant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("thematic_groups.id", ondelete="CASCADE"))
    preference_rank: Mapped[int | None]
    position: Mapped[int] = mapped_column(doc="the order the preview lists the applicants in")
