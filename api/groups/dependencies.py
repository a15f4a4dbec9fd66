"""The group a staff route acts on: loaded within the caller's city, then authorized."""

from __future__ import annotations

import uuid
from typing import Annotated

from sqlalchemy.ext.asyncio import AsyncSession

from api import authz
from api.authz import P, Permission, authorize
from api.deps import loaded
from api.groups import service
from api.groups.models import ThematicGroup


async def load_group(
    session: AsyncSession, caller: authz.Caller, group_id: uuid.UUID, permission: Permission
) -> ThematicGroup:
    """Within the caller's organization, and only if the caller may do `permission` on it."""
    group = await service.get_for_staff(session, caller.organization, group_id)
    authorize(caller, permission, process_id=group.process_id, group_id=group.id)
    return group


GroupToRead = Annotated[ThematicGroup, loaded(load_group, "group_id", P.processes_read)]
GroupToChange = Annotated[ThematicGroup, loaded(load_group, "group_id", P.groups_write)]
# A group's members and applicants: personal data.
GroupPeopleToRead = Annotated[ThematicGroup, loaded(load_group, "group_id", P.people_read)]
GroupPeopleToExport = Annotated[ThematicGroup, loaded(load_group, "group_id", P.people_export)]
GroupPeopleToChange = Annotated[ThematicGroup, loaded(load_group, "group_id", P.people_write)]
