"""The event a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import Caller, Session
from api.events import service
from api.events.models import Event


async def load_event(session: AsyncSession, caller: authz.Caller, event_id: uuid.UUID, permission: Permission) -> Event:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    event = await service.get_for_staff(session, caller.organization, event_id)
    authorize(caller, permission, process_id=event.process_id, group_id=event.group_id)
    return event


def staff_event(permission: Permission) -> Any:
    """load_event as a dependency, for routes whose only input is the id: a route that also takes a body or
    filters calls load_event itself, after FastAPI validated them, so a malformed request is answered
    422 before 403 or 404."""

    async def load(session: Session, caller: Caller, event_id: uuid.UUID) -> Event:
        return await load_event(session, caller, event_id, permission)

    return Depends(load)


EventToRead = Annotated[Event, staff_event(P.processes_read)]
EventToChange = Annotated[Event, staff_event(P.events_write)]
# An event's sign-ups: personal data.
EventPeopleToRead = Annotated[Event, staff_event(P.people_read)]
EventPeopleToExport = Annotated[Event, staff_event(P.people_export)]
EventPeopleToChange = Annotated[Event, staff_event(P.people_write)]
