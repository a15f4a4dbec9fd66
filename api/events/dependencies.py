"""The event a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated

from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import loaded
from api.events import service
from api.events.models import Event


async def load_event(session: AsyncSession, caller: authz.Caller, event_id: uuid.UUID, permission: Permission) -> Event:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    event = await service.get_for_staff(session, caller.organization, event_id)
    authorize(caller, permission, process_id=event.process_id, group_id=event.group_id)
    return event


EventToRead = Annotated[Event, loaded(load_event, "event_id", P.processes_read)]
EventToChange = Annotated[Event, loaded(load_event, "event_id", P.events_write)]
# An event's sign-ups: personal data.
EventPeopleToRead = Annotated[Event, loaded(load_event, "event_id", P.people_read)]
EventPeopleToExport = Annotated[Event, loaded(load_event, "event_id", P.people_export)]
EventPeopleToChange = Annotated[Event, loaded(load_event, "event_id", P.people_write)]
