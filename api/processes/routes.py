from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from api.authz import P, authorize
from api.deps import Caller, Pages, PublicOrganization, Reading, Session, Settings
from api.pagination import Page
from api.processes import service
from api.processes.dependencies import PhaseToChange, ProcessToChange, ProcessToRead, load_process, phase_to_change
from api.processes.models import ProcessStatus
from api.processes.schemas import (
    PhaseCreate,
    PhaseOut,
    PhaseUpdate,
    ProcessCreate,
    ProcessStaff,
    ProcessSummaryPublic,
    ProcessUpdate,
)
from api.translations import service as translations

public_router = APIRouter(prefix="/orgs/{org_slug}/processes", tags=["public"])
staff_router = APIRouter(prefix="/staff", tags=["staff: processes"])


@public_router.get("", response_model=Page[ProcessSummaryPublic], summary="A city's published processes")
async def list_public_processes(
    session: Session, organization: PublicOrganization, page: Pages, language: Reading
) -> Page[ProcessSummaryPublic]:
    rows, cursor = await service.list_public(session, organization, page)
    await translations.show_in(session, organization, language, rows)
    ctx = {"tz": organization.timezone}
    return Page(items=[ProcessSummaryPublic.model_validate(p, context=ctx) for p in rows], next_cursor=cursor)


@staff_router.get("/processes", response_model=Page[ProcessStaff], summary="Your city's processes")
async def list_processes(
    session: Session, caller: Caller, page: Pages, status: Annotated[ProcessStatus | None, Query()] = None
) -> Page[ProcessStaff]:
    authorize(caller, P.processes_read)
    rows, cursor = await service.list_for_staff(session, caller.organization, page, status)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[ProcessStaff.model_validate(p, context=ctx) for p in rows], next_cursor=cursor)


@staff_router.post(
    "/processes", response_model=ProcessStaff, status_code=status.HTTP_201_CREATED, summary="Create a process"
)
async def create_process(request: Request, session: Session, caller: Caller, data: ProcessCreate) -> ProcessStaff:
    authorize(caller, P.processes_create)
    process = await service.create(session, caller.organization, data)
    request.state.audit_object = ("process", process.id)
    return ProcessStaff.model_validate(process, context={"tz": caller.organization.timezone})


@staff_router.get("/processes/{process_id}", response_model=ProcessStaff, summary="A process")
async def get_process(session: Session, caller: Caller, process: ProcessToRead) -> ProcessStaff:
    return ProcessStaff.model_validate(process, context={"tz": caller.organization.timezone})


@staff_router.patch("/processes/{process_id}", response_model=ProcessStaff, summary="Change a process")
async def update_process(
    session: Session, settings: Settings, caller: Caller, process_id: uuid.UUID, data: ProcessUpdate
) -> ProcessStaff:
    process = await load_process(session, caller, process_id, P.processes_write)
    await service.update(session, settings, process, data)
    return ProcessStaff.model_validate(process, context={"tz": caller.organization.timezone})


@staff_router.delete(
    "/processes/{process_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a draft process"
)
async def delete_process(session: Session, caller: Caller, process: ProcessToChange) -> Response:
    await service.delete(session, process)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@staff_router.post("/processes/{process_id}/publish", response_model=ProcessStaff, summary="Publish a process")
async def publish_process(session: Session, caller: Caller, process: ProcessToChange) -> ProcessStaff:
    await service.publish(session, process)
    return ProcessStaff.model_validate(process, context={"tz": caller.organization.timezone})


@staff_router.post("/processes/{process_id}/archive", response_model=ProcessStaff, summary="Archive a finished process")
async def archive_process(session: Session, caller: Caller, process: ProcessToChange) -> ProcessStaff:
    await service.archive(session, process)
    return ProcessStaff.model_validate(process, context={"tz": caller.organization.timezone})


@staff_router.post(
    "/processes/{process_id}/phases",
    response_model=PhaseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a phase to a process",
)
async def create_phase(
    request: Request, session: Session, caller: Caller, process_id: uuid.UUID, data: PhaseCreate
) -> PhaseOut:
    process = await load_process(session, caller, process_id, P.processes_write)
    phase = await service.add_phase(session, process, data)
    request.state.audit_object = ("phase", phase.id)
    return PhaseOut.model_validate(phase, context={"tz": caller.organization.timezone})


@staff_router.patch("/phases/{phase_id}", response_model=PhaseOut, summary="Change a phase")
async def update_phase(session: Session, caller: Caller, phase_id: uuid.UUID, data: PhaseUpdate) -> PhaseOut:
    phase = await phase_to_change(session, caller, phase_id)  # after the body is checked
    await service.update_phase(session, phase, data)
    return PhaseOut.model_validate(phase, context={"tz": caller.organization.timezone})


@staff_router.delete("/phases/{phase_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove a phase")
async def delete_phase(session: Session, phase: PhaseToChange) -> Response:
    await service.delete_phase(session, phase)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
