"""What memberships do when their group changes (api.reactions): new places go to the waiting list."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.groups.happenings import PlacesAdded
from api.memberships import places
from api.reactions import reacts_to


@reacts_to(PlacesAdded)
async def give_new_places_to_the_waiting_list(session: AsyncSession, settings: Settings, added: PlacesAdded) -> None:
    await places.fill_open_group(session, settings, added.group_id, added.at)
