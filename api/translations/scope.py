"""What a sheet or a file covers: the city's own texts, or one process with everything in it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.events.models import Event
from api.groups.models import ThematicGroup
from api.organizations.models import Organization, PrivacyNotice
from api.processes.models import Process


async def objects_of(session: AsyncSession, organization: Organization, process: Process | None) -> list[Any]:
    """The city with every version of its privacy notice; or a process (with its phases), its groups and
    its events, drafts included, so a text can be translated before it is published."""
    if process is None:
        notices = await session.scalars(
            select(PrivacyNotice)
            .where(PrivacyNotice.organization_id == organization.id)
            .order_by(PrivacyNotice.version.desc())
        )
        return [organization, *notices]
    groups = await session.scalars(
        select(ThematicGroup)
        .where(ThematicGroup.process_id == process.id, ThematicGroup.organization_id == organization.id)
        .order_by(ThematicGroup.name, ThematicGroup.id)
    )
    events = await session.scalars(
        select(Event)
        .where(Event.process_id == process.id, Event.organization_id == organization.id)
        .order_by(Event.starts_at, Event.id)
    )
    return [process, *groups, *events]
