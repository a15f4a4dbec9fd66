from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status

from api.allocations import service
from api.allocations.models import AllocationRun
from api.allocations.schemas import AllocationOut
from api.authz import P, Permission, authorize
from api.db import utcnow
from api.deps import Caller, Session, Settings
from api.processes.dependencies import load_process

staff_router = APIRouter(prefix="/staff", tags=["staff: allocation"])


@staff_router.post(
    "/processes/{process_id}/allocations",
    response_model=AllocationOut,
    status_code=status.HTTP_201_CREATED,
    summary="Propose an allocation of the places in the process's application groups (changes no membership)",
)
async def propose_allocation(
    request: Request, session: Session, caller: Caller, process_id: uuid.UUID
) -> AllocationOut:
    process = await load_process(session, caller, process_id, P.people_write)
    run = await service.propose(session, caller, process)
    request.state.audit_object = ("allocation", run.id)
    return await service.describe(session, run, caller.organization.timezone)


@staff_router.get("/allocations/{allocation_id}", response_model=AllocationOut, summary="A proposed allocation")
async def get_allocation(session: Session, caller: Caller, allocation_id: uuid.UUID) -> AllocationOut:
    run = await _load(session, caller, allocation_id, P.people_read)
    return await service.describe(session, run, caller.organization.timezone)


@staff_router.post(
    "/allocations/{allocation_id}/accept",
    response_model=AllocationOut,
    summary="Accept a proposed allocation as a whole: decides the applications and writes the mails",
)
async def accept_allocation(
    settings: Settings, session: Session, caller: Caller, allocation_id: uuid.UUID
) -> AllocationOut:
    run = await _load(session, caller, allocation_id, P.people_write)
    await service.accept(session, settings, caller, run, utcnow())
    return await service.describe(session, run, caller.organization.timezone)


async def _load(session: Session, caller: Caller, allocation_id: uuid.UUID, permission: Permission) -> AllocationRun:
    run = await service.get_for_staff(session, caller.organization, allocation_id)
    authorize(caller, permission, process_id=run.process_id)
    return run
