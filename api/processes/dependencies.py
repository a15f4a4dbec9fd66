"""The process a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends

from api.authz import P, Permission, authorize
from api.deps import Caller, Session
from api.processes import service
from api.processes.models import Process


def staff_process(permission: Permission) -> Any:
    async def load(session: Session, caller: Caller, process_id: uuid.UUID) -> Process:
        process = await service.get_for_staff(session, caller.organization, process_id)
        authorize(caller, permission, process_id=process.id)
        return process

    return Depends(load)


ProcessToRead = Annotated[Process, staff_process(P.processes_read)]
ProcessToChange = Annotated[Process, staff_process(P.processes_write)]
