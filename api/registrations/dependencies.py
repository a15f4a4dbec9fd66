"""The registration a route acts on: a staff member's, loaded within the city and authorized on its
event; a resident's, found by the secret of their manage link."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import ManageToken, Session, loaded
from api.registrations import office, signup
from api.registrations.models import Registration


async def load_registration(
    session: AsyncSession, caller: authz.Caller, registration_id: uuid.UUID, permission: Permission
) -> Registration:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    registration = await office.get_for_staff(session, caller.organization, registration_id)
    event = await signup.event_of(session, registration)
    authorize(caller, permission, process_id=event.process_id, group_id=event.group_id)
    return registration


async def registration_by_link(session: Session, token: ManageToken) -> Registration:
    return await signup.by_token(session, token)


RegistrationToRead = Annotated[Registration, loaded(load_registration, "registration_id", P.people_read)]
RegistrationToChange = Annotated[Registration, loaded(load_registration, "registration_id", P.people_write)]
LinkedRegistration = Annotated[Registration, Depends(registration_by_link)]
