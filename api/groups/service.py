"""Rules and queries for thematic groups (working groups, steering group, forums)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import reactions
from api.config import Settings
from api.db import flush_unique, utcnow
from api.errors import Conflict, InvalidInput, NotFound
from api.groups.happenings import PlacesAdded
from api.groups.models import GroupStatus, ThematicGroup
from api.groups.schemas import GroupCreate, GroupUpdate
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate
from api.processes import service as processes
from api.processes.models import Process, ProcessStatus
from api.schemas import changes_of, local_to_utc, values_of

BY_NAME = SortKey(ThematicGroup.name, ThematicGroup.id)
_NOT_FOUND = "There is no group with this id in your organization."


def _visible_to_public(organization: Organization):
    return (
        ThematicGroup.organization_id == organization.id,
        ThematicGroup.status == GroupStatus.published,
        Process.status.in_(processes.PUBLIC_PROCESS_STATUSES),
    )


async def list_public_of_process(session: AsyncSession, process: Process) -> list[ThematicGroup]:
    rows = await session.scalars(
        select(ThematicGroup)
        .where(ThematicGroup.process_id == process.id, ThematicGroup.status == GroupStatus.published)
        .order_by(ThematicGroup.name, ThematicGroup.id)
    )
    return list(rows)


async def list_public(
    session: AsyncSession,
    organization: Organization,
    page: PageRequest,
    process_slug: str | None,
    updated_since: datetime | None,
) -> tuple[Sequence[ThematicGroup], str | None]:
    stmt = (
        select(ThematicGroup)
        .join(Process, Process.id == ThematicGroup.process_id)
        .where(*_visible_to_public(organization))
    )
    if process_slug is not None:
        stmt = stmt.where(Process.slug == process_slug)
    if updated_since is not None:
        stmt = stmt.where(ThematicGroup.updated_at >= local_to_utc(updated_since, organization.timezone))
    return await paginate(session, stmt, BY_NAME, page)


async def get_public(session: AsyncSession, organization: Organization, group_id: uuid.UUID) -> ThematicGroup:
    group = await session.scalar(
        select(ThematicGroup)
        .join(Process, Process.id == ThematicGroup.process_id)
        .where(ThematicGroup.id == group_id, *_visible_to_public(organization))
    )
    if group is None:
        raise NotFound("There is no published group with this id.")
    return group


async def list_for_staff(
    session: AsyncSession, organization: Organization, page: PageRequest, process_id: uuid.UUID | None
) -> tuple[list[ThematicGroup], str | None]:
    stmt = select(ThematicGroup).where(ThematicGroup.organization_id == organization.id)
    if process_id is not None:
        stmt = stmt.where(ThematicGroup.process_id == process_id)
    rows, cursor = await paginate(session, stmt, BY_NAME, page)
    return list(rows), cursor


async def get_for_staff(session: AsyncSession, organization: Organization, group_id: uuid.UUID) -> ThematicGroup:
    group = await session.get(ThematicGroup, group_id)
    if group is None or group.organization_id != organization.id:
        raise NotFound(_NOT_FOUND)
    return group


async def create(session: AsyncSession, organization: Organization, data: GroupCreate) -> ThematicGroup:
    process = await processes.get_for_staff(session, organization, data.process_id)
    processes.ensure_editable(process)
    changes = values_of(data)
    changes["signup_deadline"] = local_to_utc(data.signup_deadline, organization.timezone)
    changes.setdefault("wanted_composition", [])
    group = ThematicGroup(organization_id=organization.id, places_taken=0, **changes)
    _check_group(group, process, organization)
    session.add(group)
    await flush_unique(
        session, Conflict("Another group of this process has this slug already.", field="slug", kind="taken")
    )
    return group


async def update(
    session: AsyncSession, settings: Settings, organization: Organization, group: ThematicGroup, data: GroupUpdate
) -> ThematicGroup:
    process = await session.get_one(Process, group.process_id)
    processes.ensure_editable(process)
    changes = changes_of(data, required=("slug", "name", "kind", "membership_mode"))
    if "signup_deadline" in changes:
        changes["signup_deadline"] = local_to_utc(data.signup_deadline, organization.timezone)
    if changes.get("wanted_composition", ()) is None:
        changes["wanted_composition"] = []
    capacity_before = group.capacity
    for name, value in changes.items():
        setattr(group, name, value)
    _check_group(group, process, organization)
    await flush_unique(
        session, Conflict("Another group of this process has this slug already.", field="slug", kind="taken")
    )
    full = Conflict(
        "Members joined meanwhile; the capacity cannot be that low now.", field="capacity", kind="capacity-below-taken"
    )
    await flush_unique(session, full, constraint="never_overfull")
    if group.capacity is None or (capacity_before is not None and group.capacity > capacity_before):
        await reactions.tell(session, settings, PlacesAdded(group.id, utcnow()))  # the waiting list moves up
    await session.refresh(group)
    return group


async def publish(session: AsyncSession, group: ThematicGroup) -> ThematicGroup:
    process = await session.get_one(Process, group.process_id)
    processes.ensure_editable(process)
    if process.status != ProcessStatus.published:
        raise Conflict(
            "Publish the process first; its groups cannot be public before it is.", slug="publish-process-first"
        )
    if group.status == GroupStatus.draft:
        group.status = GroupStatus.published
        group.published_at = utcnow()
        await session.flush()
    return group


async def delete(session: AsyncSession, group: ThematicGroup) -> None:
    processes.ensure_editable(await session.get_one(Process, group.process_id))
    if group.status != GroupStatus.draft:
        raise Conflict(
            "Only a draft group can be deleted; a published one has people who rely on it.",
            slug="only-drafts-deletable",
        )
    await session.delete(group)
    await session.flush()


def _check_group(group: ThematicGroup, process: Process, organization: Organization) -> None:
    if group.capacity is not None and group.capacity < group.places_taken:
        raise Conflict(
            "{taken} people are members already; the capacity cannot be lower.",
            params={"taken": group.places_taken},
            field="capacity",
            kind="capacity-below-taken",
        )
    deadline = group.signup_deadline
    if deadline is not None and deadline > processes.last_moment(process, organization.timezone):
        raise InvalidInput(
            "The sign-up deadline must lie before the process ends.", field="signup_deadline", kind="deadline-after-end"
        )
