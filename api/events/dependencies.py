"""The event a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends

from api.authz import P, Permission, authorize
from api.deps import Caller, Session
from api.events import service
from api.events.models import Event


def staff_event(permission: Permission) -> Any:
    async def load(session: Session, caller: Caller, event_id: uuid.UUID) -> Event:
        event = await service.get_for_staff(session, caller.organization, event_id)
        authorize(caller, permission, process_id=event.process_id, group_id=event.group_id)
        return event

    return Depends(load)


EventToRead = Annotated[Event, staff_event(P.processes_read)]
EventToChange = Annotated[Event, staff_event(P.events_write)]
# An event's sign-ups: personal data.
EventPeopleToRead = Annotated[Event, staff_event(P.people_read)]
EventPeopleToExport = Annotated[Event, staff_event(P.people_export)]
EventPeopleToChange = Annotated[Event, staff_event(P.people_write)]
