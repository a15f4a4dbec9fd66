from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.groups.models import GroupKind, GroupStatus, MembershipMode
from api.participants.models import StakeholderCategory
from api.schemas import Capacity, Instant, LocalizedOut, Slug, Text, untranslated_field


class _GroupFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text(200) | None = None
    kind: GroupKind | None = None
    field_of_action: Text(120) | None = None
    description: Text(10_000) | None = None
    membership_mode: MembershipMode | None = Field(
        default=None,
        description="open: join up to capacity; application: staff accept or reject; appointed: no public sign-up.",
    )
    capacity: Capacity | None = None
    signup_deadline: Instant | None = Field(
        default=None, description="Last moment for public sign-up; without offset read in the city's time zone."
    )
    wanted_composition: list[StakeholderCategory] | None = Field(default=None, max_length=5)


class GroupCreate(_GroupFields):
    process_id: uuid.UUID
    slug: Slug
    name: Text(200)
    kind: GroupKind = GroupKind.working_group
    membership_mode: MembershipMode = MembershipMode.open


class GroupUpdate(_GroupFields):
    """Only the fields sent are changed; send null to clear capacity or deadline."""

    slug: Slug | None = None


class GroupSummaryPublic(LocalizedOut):
    id: uuid.UUID
    process_id: uuid.UUID
    slug: str
    name: str
    kind: GroupKind
    field_of_action: str | None
    membership_mode: MembershipMode
    capacity: int | None
    places_left: int | None = Field(default=None, description="Free places now; null when the group has no limit.")
    signup_deadline: datetime | None
    signup_open: bool = Field(
        default=False, description="A resident can sign up now (not appointed, deadline not passed)."
    )
    updated_at: datetime = Field(description="Last change of the group or its places; for `updated_since`.")
    untranslated: dict[str, str] = untranslated_field()


class GroupStaff(GroupSummaryPublic):
    description: str | None
    wanted_composition: list[StakeholderCategory]
    status: GroupStatus
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
