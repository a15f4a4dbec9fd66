"""The registration a route acts on: a staff member's, loaded within the city and authorized on its
event; a resident's, found by the secret of their manage link."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends

from api.authz import P, Permission, authorize
from api.deps import Caller, ManageToken, Session
from api.registrations import service
from api.registrations.models import Registration


def staff_registration(permission: Permission) -> Any:
    async def load(session: Session, caller: Caller, registration_id: uuid.UUID) -> Registration:
        registration = await service.get_for_staff(session, caller.organization, registration_id)
        event = await service.event_of(session, registration)
        authorize(caller, permission, process_id=event.process_id, group_id=event.group_id)
        return registration

    return Depends(load)


async def registration_by_link(session: Session, token: ManageToken) -> Registration:
    return await service.by_token(session, token)


RegistrationToRead = Annotated[Registration, staff_registration(P.people_read)]
RegistrationToChange = Annotated[Registration, staff_registration(P.people_write)]
LinkedRegistration = Annotated[Registration, Depends(registration_by_link)]
