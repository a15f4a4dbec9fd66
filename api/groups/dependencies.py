"""The group a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends

from api.authz import P, Permission, authorize
from api.deps import Caller, Session
from api.groups import service
from api.groups.models import ThematicGroup


def staff_group(permission: Permission) -> Any:
    async def load(session: Session, caller: Caller, group_id: uuid.UUID) -> ThematicGroup:
        group = await service.get_for_staff(session, caller.organization, group_id)
        authorize(caller, permission, process_id=group.process_id, group_id=group.id)
        return group

    return Depends(load)


GroupToRead = Annotated[ThematicGroup, staff_group(P.processes_read)]
GroupToChange = Annotated[ThematicGroup, staff_group(P.groups_write)]
# A group's members and applicants: personal data.
GroupPeopleToRead = Annotated[ThematicGroup, staff_group(P.people_read)]
GroupPeopleToExport = Annotated[ThematicGroup, staff_group(P.people_export)]
GroupPeopleToChange = Annotated[ThematicGroup, staff_group(P.people_write)]
