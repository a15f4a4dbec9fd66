"""The group a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import Caller, Session
from api.groups import service
from api.groups.models import ThematicGroup


async def load_group(
    session: AsyncSession, caller: authz.Caller, group_id: uuid.UUID, permission: Permission
) -> ThematicGroup:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    group = await service.get_for_staff(session, caller.organization, group_id)
    authorize(caller, permission, process_id=group.process_id, group_id=group.id)
    return group


def staff_group(permission: Permission) -> Any:
    """load_group as a dependency, for routes whose only input is the id: a route that also takes a body or
    filters calls load_group itself, after FastAPI validated them, so a malformed request is answered
    422 before 403 or 404."""

    async def load(session: Session, caller: Caller, group_id: uuid.UUID) -> ThematicGroup:
        return await load_group(session, caller, group_id, permission)

    return Depends(load)


GroupToRead = Annotated[ThematicGroup, staff_group(P.processes_read)]
GroupToChange = Annotated[ThematicGroup, staff_group(P.groups_write)]
# A group's members and applicants: personal data.
GroupPeopleToRead = Annotated[ThematicGroup, staff_group(P.people_read)]
GroupPeopleToExport = Annotated[ThematicGroup, staff_group(P.people_export)]
GroupPeopleToChange = Annotated[ThematicGroup, staff_group(P.people_write)]
