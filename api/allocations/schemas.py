from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from api.allocations.models import AllocationStatus
from api.participants.models import StakeholderCategory
from api.schemas import LocalizedOut


class AllocatedPerson(BaseModel):
    participant_id: uuid.UUID
    full_name: str
    category: StakeholderCategory
    preference_rank: int | None = Field(
        description="Which of the person's choices among the process's application groups they got (1 = the "
        "most wanted); null for no place."
    )
    choices: list[uuid.UUID] = Field(description="The groups the person applied to, the most wanted first.")


class CompositionGap(BaseModel):
    category: StakeholderCategory
    missing: int = Field(description="How many people of this category the group's wanted composition still lacks.")


class AllocatedGroup(BaseModel):
    group_id: uuid.UUID
    name: str
    capacity: int | None
    free_places: int | None = Field(description="Places free when the allocation ran; null: no limit.")
    people: list[AllocatedPerson]
    composition_gaps: list[CompositionGap]


class RankCount(BaseModel):
    rank: int
    people: int


class AllocationSummary(BaseModel):
    applicants: int
    placed: int
    without_place: int
    by_rank: list[RankCount] = Field(description="How many got their 1st, 2nd, 3rd, ... choice.")
    composition_met: bool = Field(description="False: some wanted composition could not be reached.")


class AllocationOut(LocalizedOut):
    """A proposed (or accepted) allocation of a process's application groups."""

    id: uuid.UUID
    process_id: uuid.UUID
    status: AllocationStatus
    created_at: datetime
    accepted_at: datetime | None
    summary: AllocationSummary
    groups: list[AllocatedGroup]
    without_place: list[AllocatedPerson]
