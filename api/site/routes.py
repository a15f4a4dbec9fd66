"""A process's page and a group's page: the object, its calendar feed, and what belongs to it."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from api.db import utcnow
from api.deps import ProcessSlug, PublicOrganization, Reading, Session, Settings
from api.events import service as events
from api.events.schemas import EventSummaryPublic
from api.groups import service as groups
from api.groups.schemas import GroupSummaryPublic
from api.processes import service as processes
from api.schemas import CalendarLinks
from api.site.schemas import GroupPublic, ProcessPublic
from api.statistics import service as statistics
from api.translations import service as translations

# Included right after the processes' and the groups' own public routers (api.main), under their prefixes.
process_page_router = APIRouter(prefix="/orgs/{org_slug}/processes", tags=["public"])
group_page_router = APIRouter(prefix="/orgs/{org_slug}/groups", tags=["public"])


@process_page_router.get(
    "/{process_slug}", response_model=ProcessPublic, summary="A process with its phases, groups and next events"
)
async def get_public_process(
    settings: Settings,
    session: Session,
    organization: PublicOrganization,
    process_slug: ProcessSlug,
    language: Reading,
) -> ProcessPublic:
    process = await processes.get_public(session, organization, process_slug)
    process_groups = await groups.list_public_of_process(session, process)
    upcoming = await events.upcoming_of_process(session, organization, process)
    await translations.show_in(session, organization, language, [process, *process_groups, *upcoming])
    ctx = {"tz": organization.timezone}
    page = ProcessPublic.model_validate(process, context=ctx)
    feed = f"/orgs/{organization.slug}/processes/{process.slug}/events.ics"
    page.calendar = CalendarLinks.of(settings, feed)
    page.groups = [GroupSummaryPublic.model_validate(g, context=ctx) for g in process_groups]
    page.upcoming_events = [EventSummaryPublic.model_validate(e, context=ctx) for e in upcoming]
    page.reach = await statistics.public_reach(session, organization, process, utcnow())
    return page


@group_page_router.get("/{group_id}", response_model=GroupPublic, summary="A thematic group with its meetings")
async def get_public_group(
    settings: Settings, session: Session, organization: PublicOrganization, group_id: uuid.UUID, language: Reading
) -> GroupPublic:
    group = await groups.get_public(session, organization, group_id)
    meetings = await events.meetings_of_group(session, organization, group)
    await translations.show_in(session, organization, language, [group, *meetings])
    ctx = {"tz": organization.timezone}
    page = GroupPublic.model_validate(group, context=ctx)
    feed = f"/orgs/{organization.slug}/groups/{group.id}/events.ics"
    page.calendar = CalendarLinks.of(settings, feed)
    page.meetings = [EventSummaryPublic.model_validate(e, context=ctx) for e in meetings]
    return page
