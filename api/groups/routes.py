from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from api.authz import P, authorize
from api.deps import Caller, Pages, PublicOrganization, Reading, Session, Settings
from api.groups import service
from api.groups.dependencies import GroupToChange, GroupToRead, load_group
from api.groups.schemas import GroupCreate, GroupStaff, GroupSummaryPublic, GroupUpdate
from api.pagination import Page
from api.schemas import SLUG_PATTERN, Instant
from api.translations import service as translations

public_router = APIRouter(prefix="/orgs/{org_slug}/groups", tags=["public"])
staff_router = APIRouter(prefix="/staff/groups", tags=["staff: groups"])


@public_router.get("", response_model=Page[GroupSummaryPublic], summary="A city's public working groups, by name")
async def list_public_groups(
    session: Session,
    organization: PublicOrganization,
    page: Pages,
    language: Reading,
    process: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=80, description="Process slug.")] = None,
    updated_since: Annotated[
        Instant | None, Query(description="Delta sync: only groups changed (also their places) since then.")
    ] = None,
) -> Page[GroupSummaryPublic]:
    rows, cursor = await service.list_public(session, organization, page, process, updated_since)
    await translations.show_in(session, organization, language, rows)
    ctx = {"tz": organization.timezone}
    return Page(items=[GroupSummaryPublic.model_validate(g, context=ctx) for g in rows], next_cursor=cursor)


@staff_router.get("", response_model=Page[GroupStaff], summary="Your city's groups")
async def list_groups(
    session: Session,
    caller: Caller,
    page: Pages,
    process_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[GroupStaff]:
    authorize(caller, P.processes_read)
    rows, cursor = await service.list_for_staff(session, caller.organization, page, process_id)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[GroupStaff.model_validate(g, context=ctx) for g in rows], next_cursor=cursor)


@staff_router.post("", response_model=GroupStaff, status_code=status.HTTP_201_CREATED, summary="Create a group")
async def create_group(request: Request, session: Session, caller: Caller, data: GroupCreate) -> GroupStaff:
    authorize(caller, P.groups_write, process_id=data.process_id)
    group = await service.create(session, caller.organization, data)
    request.state.audit_object = ("group", group.id)
    return GroupStaff.model_validate(group, context={"tz": caller.organization.timezone})


@staff_router.get("/{group_id}", response_model=GroupStaff, summary="A group")
async def get_group(session: Session, caller: Caller, group: GroupToRead) -> GroupStaff:
    return GroupStaff.model_validate(group, context={"tz": caller.organization.timezone})


@staff_router.patch("/{group_id}", response_model=GroupStaff, summary="Change a group")
async def update_group(
    settings: Settings, session: Session, caller: Caller, group_id: uuid.UUID, data: GroupUpdate
) -> GroupStaff:
    group = await load_group(session, caller, group_id, P.groups_write)
    await service.update(session, settings, caller.organization, group, data)
    return GroupStaff.model_validate(group, context={"tz": caller.organization.timezone})


@staff_router.delete("/{group_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a draft group")
async def delete_group(session: Session, caller: Caller, group: GroupToChange) -> Response:
    await service.delete(session, group)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@staff_router.post("/{group_id}/publish", response_model=GroupStaff, summary="Publish a group")
async def publish_group(session: Session, caller: Caller, group: GroupToChange) -> GroupStaff:
    await service.publish(session, group)
    return GroupStaff.model_validate(group, context={"tz": caller.organization.timezone})
