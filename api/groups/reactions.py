"""What groups do when their process changes (api.reactions): a process cannot end before a group's
sign-up deadline."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.errors import InvalidInput
from api.groups.models import ThematicGroup
from api.processes.happenings import ProcessEndChanging
from api.reactions import reacts_to


@reacts_to(ProcessEndChanging)
async def keep_deadlines_within_the_process(
    session: AsyncSession, settings: Settings, changing: ProcessEndChanging
) -> None:
    del settings  # a check of dates alone
    latest = await session.scalar(
        select(func.max(ThematicGroup.signup_deadline)).where(ThematicGroup.process_id == changing.process_id)
    )
    if latest is not None and latest > changing.last_moment:
        raise InvalidInput(
            "A group's sign-up deadline lies after this end; move the deadline first.",
            field="ends_on",
            kind="deadline-after-end",
        )
