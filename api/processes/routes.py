from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from api.authz import P, authorize
from api.calendar.links import CalendarLinks
from api.db import Session
from api.events import service as events
from api.events.schemas import EventSummaryPublic
from api.groups import service as groups
from api.groups.schemas import GroupSummaryPublic
from api.organizations.dependencies import PublicOrganization
from api.pagination import Page, PageRequest, page_request
from api.processes import service
from api.processes.models import ProcessStatus
from api.processes.schemas import (
    PhaseCreate,
    PhaseOut,
    PhaseUpdate,
    ProcessCreate,
    ProcessPublic,
    ProcessStaff,
    ProcessSummaryPublic,
    ProcessUpdate,
)
from api.schemas import SLUG_PATTERN
from api.staff.dependencies import Staff

public_router = APIRouter(prefix="/orgs/{org_slug}/processes", tags=["public"])
staff_router = APIRouter(prefix="/staff", tags=["staff: processes"])
Pages = Annotated[PageRequest, Depends(page_request)]
ProcessSlug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80)]


@public_router.get("", response_model=Page[ProcessSummaryPublic], summary="A city's published processes")
async def list_public_processes(
    session: Session, organization: PublicOrganization, page: Pages
) -> Page[ProcessSummaryPublic]:
    rows, cursor = await service.list_public(session, organization, page)
    ctx = {"tz": organization.timezone}
    return Page(items=[ProcessSummaryPublic.model_validate(p, context=ctx) for p in rows], next_cursor=cursor)


@public_router.get(
    "/{process_slug}", response_model=ProcessPublic, summary="A process with its phases, groups and next events"
)
async def get_public_process(
    request: Request, session: Session, organization: PublicOrganization, process_slug: ProcessSlug
) -> ProcessPublic:
    process = await service.get_public(session, organization, process_slug)
    ctx = {"tz": organization.timezone}
    page = ProcessPublic.model_validate(process, context=ctx)
    feed = f"/orgs/{organization.slug}/processes/{process.slug}/events.ics"
    page.calendar = CalendarLinks.of(request.app.state.settings, feed)
    page.groups = [
        GroupSummaryPublic.model_validate(g, context=ctx) for g in await groups.list_public_of_process(session, process)
    ]
    page.upcoming_events = [
        EventSummaryPublic.model_validate(e, context=ctx)
        for e in await events.upcoming_of_process(session, organization, process)
    ]
    return page


@staff_router.get("/processes", response_model=Page[ProcessStaff], summary="Your city's processes")
async def list_processes(
    session: Session, staff: Staff, page: Pages, status: Annotated[ProcessStatus | None, Query()] = None
) -> Page[ProcessStaff]:
    authorize(staff, P.processes_read)
    rows, cursor = await service.list_for_staff(session, staff.organization, page, status)
    ctx = {"tz": staff.organization.timezone}
    return Page(items=[ProcessStaff.model_validate(p, context=ctx) for p in rows], next_cursor=cursor)


@staff_router.post(
    "/processes", response_model=ProcessStaff, status_code=status.HTTP_201_CREATED, summary="Create a process"
)
async def create_process(request: Request, session: Session, staff: Staff, data: ProcessCreate) -> ProcessStaff:
    authorize(staff, P.processes_create)
    process = await service.create(session, staff.organization, data)
    request.state.audit_object = ("process", process.id)
    return ProcessStaff.model_validate(process, context={"tz": staff.organization.timezone})


@staff_router.get("/processes/{process_id}", response_model=ProcessStaff, summary="A process")
async def get_process(session: Session, staff: Staff, process_id: uuid.UUID) -> ProcessStaff:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_read, process_id=process.id)
    return ProcessStaff.model_validate(process, context={"tz": staff.organization.timezone})


@staff_router.patch("/processes/{process_id}", response_model=ProcessStaff, summary="Change a process")
async def update_process(session: Session, staff: Staff, process_id: uuid.UUID, data: ProcessUpdate) -> ProcessStaff:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_write, process_id=process.id)
    await service.update(session, process, data)
    return ProcessStaff.model_validate(process, context={"tz": staff.organization.timezone})


@staff_router.delete(
    "/processes/{process_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a draft process"
)
async def delete_process(session: Session, staff: Staff, process_id: uuid.UUID) -> Response:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_write, process_id=process.id)
    await service.delete(session, process)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@staff_router.post("/processes/{process_id}/publish", response_model=ProcessStaff, summary="Publish a process")
async def publish_process(session: Session, staff: Staff, process_id: uuid.UUID) -> ProcessStaff:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_write, process_id=process.id)
    await service.publish(session, process)
    return ProcessStaff.model_validate(process, context={"tz": staff.organization.timezone})


@staff_router.post("/processes/{process_id}/archive", response_model=ProcessStaff, summary="Archive a finished process")
async def archive_process(session: Session, staff: Staff, process_id: uuid.UUID) -> ProcessStaff:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_write, process_id=process.id)
    await service.archive(session, process)
    return ProcessStaff.model_validate(process, context={"tz": staff.organization.timezone})


@staff_router.post(
    "/processes/{process_id}/phases",
    response_model=PhaseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a phase to a process",
)
async def create_phase(
    request: Request, session: Session, staff: Staff, process_id: uuid.UUID, data: PhaseCreate
) -> PhaseOut:
    process = await service.get_for_staff(session, staff.organization, process_id)
    authorize(staff, P.processes_write, process_id=process.id)
    phase = await service.add_phase(session, process, data)
    request.state.audit_object = ("phase", phase.id)
    return PhaseOut.model_validate(phase, context={"tz": staff.organization.timezone})


@staff_router.patch("/phases/{phase_id}", response_model=PhaseOut, summary="Change a phase")
async def update_phase(session: Session, staff: Staff, phase_id: uuid.UUID, data: PhaseUpdate) -> PhaseOut:
    phase = await service.get_phase(session, staff.organization, phase_id)
    authorize(staff, P.processes_write, process_id=phase.process_id)
    await service.update_phase(session, phase, data)
    return PhaseOut.model_validate(phase, context={"tz": staff.organization.timezone})


@staff_router.delete("/phases/{phase_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove a phase")
async def delete_phase(session: Session, staff: Staff, phase_id: uuid.UUID) -> Response:
    phase = await service.get_phase(session, staff.organization, phase_id)
    authorize(staff, P.processes_write, process_id=phase.process_id)
    await service.delete_phase(session, phase)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
