"""The membership a route acts on: a staff member's, loaded within the city and authorized on its group;
a resident's, found by the secret of their manage link."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends

from api.authz import P, Permission, authorize
from api.deps import Caller, ManageToken, Session
from api.memberships import service
from api.memberships.models import Membership


def staff_membership(permission: Permission) -> Any:
    async def load(session: Session, caller: Caller, membership_id: uuid.UUID) -> Membership:
        membership = await service.get_for_staff(session, caller.organization, membership_id)
        group = await service.group_of(session, membership)
        authorize(caller, permission, process_id=group.process_id, group_id=group.id)
        return membership

    return Depends(load)


async def membership_by_link(session: Session, token: ManageToken) -> Membership:
    return await service.by_token(session, token)


MembershipToRead = Annotated[Membership, staff_membership(P.people_read)]
MembershipToChange = Annotated[Membership, staff_membership(P.people_write)]
LinkedMembership = Annotated[Membership, Depends(membership_by_link)]
