from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from api.authz import P, authorize
from api.calendar.links import CalendarLinks
from api.db import Session
from api.events import service as events
from api.events.schemas import EventSummaryPublic
from api.groups import service
from api.groups.schemas import GroupCreate, GroupPublic, GroupStaff, GroupSummaryPublic, GroupUpdate
from api.organizations.dependencies import PublicOrganization
from api.pagination import Page, PageRequest, page_request
from api.schemas import SLUG_PATTERN, Instant
from api.staff.dependencies import Staff

public_router = APIRouter(prefix="/orgs/{org_slug}/groups", tags=["public"])
staff_router = APIRouter(prefix="/staff/groups", tags=["staff: groups"])


@public_router.get("", response_model=Page[GroupSummaryPublic], summary="A city's public working groups, by name")
async def list_public_groups(
    session: Session,
    organization: PublicOrganization,
    page: Annotated[PageRequest, Depends(page_request)],
    process: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=80, description="Process slug.")] = None,
    updated_since: Annotated[
        Instant | None, Query(description="Delta sync: only groups changed (also their places) since then.")
    ] = None,
) -> Page[GroupSummaryPublic]:
    rows, cursor = await service.list_public(session, organization, page, process, updated_since)
    ctx = {"tz": organization.timezone}
    return Page(items=[GroupSummaryPublic.model_validate(g, context=ctx) for g in rows], next_cursor=cursor)


@public_router.get("/{group_id}", response_model=GroupPublic, summary="A thematic group with its meetings")
async def get_public_group(
    request: Request, session: Session, organization: PublicOrganization, group_id: uuid.UUID
) -> GroupPublic:
    group = await service.get_public(session, organization, group_id)
    ctx = {"tz": organization.timezone}
    page = GroupPublic.model_validate(group, context=ctx)
    feed = f"/orgs/{organization.slug}/groups/{group.id}/events.ics"
    page.calendar = CalendarLinks.of(request.app.state.settings, feed)
    page.meetings = [
        EventSummaryPublic.model_validate(e, context=ctx)
        for e in await events.meetings_of_group(session, organization, group)
    ]
    return page


@staff_router.get("", response_model=Page[GroupStaff], summary="Your city's groups")
async def list_groups(
    session: Session,
    staff: Staff,
    page: Annotated[PageRequest, Depends(page_request)],
    process_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[GroupStaff]:
    authorize(staff, P.processes_read)
    rows, cursor = await service.list_for_staff(session, staff.organization, page, process_id)
    ctx = {"tz": staff.organization.timezone}
    return Page(items=[GroupStaff.model_validate(g, context=ctx) for g in rows], next_cursor=cursor)


@staff_router.post("", response_model=GroupStaff, status_code=status.HTTP_201_CREATED, summary="Create a group")
async def create_group(request: Request, session: Session, staff: Staff, data: GroupCreate) -> GroupStaff:
    authorize(staff, P.groups_write, process_id=data.process_id)
    group = await service.create(session, staff.organization, data)
    request.state.audit_object = ("group", group.id)
    return GroupStaff.model_validate(group, context={"tz": staff.organization.timezone})


@staff_router.get("/{group_id}", response_model=GroupStaff, summary="A group")
async def get_group(session: Session, staff: Staff, group_id: uuid.UUID) -> GroupStaff:
    group = await service.get_for_staff(session, staff.organization, group_id)
    authorize(staff, P.processes_read, process_id=group.process_id, group_id=group.id)
    return GroupStaff.model_validate(group, context={"tz": staff.organization.timezone})


@staff_router.patch("/{group_id}", response_model=GroupStaff, summary="Change a group")
async def update_group(
    request: Request, session: Session, staff: Staff, group_id: uuid.UUID, data: GroupUpdate
) -> GroupStaff:
    group = await service.get_for_staff(session, staff.organization, group_id)
    authorize(staff, P.groups_write, process_id=group.process_id, group_id=group.id)
    await service.update(session, request.app.state.settings, staff.organization, group, data)
    return GroupStaff.model_validate(group, context={"tz": staff.organization.timezone})


@staff_router.delete("/{group_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a draft group")
async def delete_group(session: Session, staff: Staff, group_id: uuid.UUID) -> Response:
    group = await service.get_for_staff(session, staff.organization, group_id)
    authorize(staff, P.groups_write, process_id=group.process_id, group_id=group.id)
    await service.delete(session, group)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@staff_router.post("/{group_id}/publish", response_model=GroupStaff, summary="Publish a group")
async def publish_group(session: Session, staff: Staff, group_id: uuid.UUID) -> GroupStaff:
    group = await service.get_for_staff(session, staff.organization, group_id)
    authorize(staff, P.groups_write, process_id=group.process_id, group_id=group.id)
    await service.publish(session, group)
    return GroupStaff.model_validate(group, context={"tz": staff.organization.timezone})
