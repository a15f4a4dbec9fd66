"""The process a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import Caller, Session, loaded
from api.processes import service
from api.processes.models import Phase, Process


async def load_process(
    session: AsyncSession, caller: authz.Caller, process_id: uuid.UUID, permission: Permission
) -> Process:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    process = await service.get_for_staff(session, caller.organization, process_id)
    authorize(caller, permission, process_id=process.id)
    return process


ProcessToRead = Annotated[Process, loaded(load_process, "process_id", P.processes_read)]
ProcessToChange = Annotated[Process, loaded(load_process, "process_id", P.processes_write)]


async def phase_to_change(session: Session, caller: Caller, phase_id: uuid.UUID) -> Phase:
    phase = await service.get_phase(session, caller.organization, phase_id)
    authorize(caller, P.processes_write, process_id=phase.process_id)
    return phase


PhaseToChange = Annotated[Phase, Depends(phase_to_change)]
