from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.groups.schemas import GroupSummaryPublic
from api.lifecycle.schemas import StatusChangeOut
from api.memberships.models import MembershipRole, MembershipStatus
from api.organizations.schemas import OrganizationRef
from api.participants.models import Channel
from api.participants.schemas import ConsentIn, ParticipantOut, PersonIn, WebPersonIn
from api.schemas import LocalizedOut, Text


class GroupApplication(WebPersonIn):
    """A resident applies to one or several groups at once, the most wanted first."""

    groups: list[uuid.UUID] = Field(min_length=1, max_length=5, description="Group ids in order of preference.")
    consent: ConsentIn

    @field_validator("groups")
    @classmethod
    def _each_once(cls, groups: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(groups)) != len(groups):
            raise PydanticCustomError("duplicate", "Name each group only once.")
        return groups


class ApplicationResult(BaseModel):
    group_id: uuid.UUID
    group_name: str
    preference_rank: int
    status: MembershipStatus


class ApplicationAccepted(BaseModel):
    message: str
    memberships: list[ApplicationResult]


class StaffMembershipRequest(PersonIn):
    """Staff add a person to a group (also the appointed steering group), with a role."""

    role: MembershipRole = MembershipRole.member
    channel: Literal[Channel.phone, Channel.email, Channel.on_site, Channel.staff] = Channel.staff
    consent: ConsentIn
    note: Text(1000) | None = None


class MembershipDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal[MembershipStatus.member, MembershipStatus.rejected, MembershipStatus.waitlisted]
    note: Text(1000) | None = None


class MembershipRoleChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: MembershipRole


class WithdrawRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(1000) | None = None


class MyMembership(LocalizedOut):
    id: uuid.UUID
    organization: OrganizationRef
    group: GroupSummaryPublic
    status: MembershipStatus
    role: MembershipRole
    preference_rank: int | None
    hold_expires_at: datetime | None = Field(description="Until when an unconfirmed application waits.")
    full_name: str
    email: str | None


class StaffMembership(LocalizedOut):
    id: uuid.UUID
    group_id: uuid.UUID
    status: MembershipStatus
    role: MembershipRole
    preference_rank: int | None
    channel: Channel
    participant: ParticipantOut
    waitlisted_at: datetime | None
    decided_at: datetime | None
    note: str | None
    created_by_id: uuid.UUID | None
    created_at: datetime


class StaffMembershipDetail(StaffMembership):
    history: list[StatusChangeOut] = Field(default_factory=list)
