"""The membership a route acts on: a staff member's, loaded within the city and authorized on its group;
a resident's, found by the secret of their manage link."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import ManageToken, Session, loaded
from api.memberships import service
from api.memberships.models import Membership


async def load_membership(
    session: AsyncSession, caller: authz.Caller, membership_id: uuid.UUID, permission: Permission
) -> Membership:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    membership = await service.get_for_staff(session, caller.organization, membership_id)
    group = await service.group_of(session, membership)
    authorize(caller, permission, process_id=group.process_id, group_id=group.id)
    return membership


async def membership_by_link(session: Session, token: ManageToken) -> Membership:
    return await service.by_token(session, token)


MembershipToRead = Annotated[Membership, loaded(load_membership, "membership_id", P.people_read)]
MembershipToChange = Annotated[Membership, loaded(load_membership, "membership_id", P.people_write)]
LinkedMembership = Annotated[Membership, Depends(membership_by_link)]
