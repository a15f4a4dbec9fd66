"""Places in a group: taken with one conditional UPDATE of the group's counter, so a group never
has more members than its capacity; a freed place in an open group goes to the waiting list."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import capacity
from api.config import Settings
from api.groups.models import MembershipMode, ThematicGroup
from api.lifecycle.transitions import transition
from api.memberships import mails
from api.memberships.models import Membership, MembershipStatus
from api.notifications.templates import MailKind
from api.participants.models import Channel


async def lock_group(session: AsyncSession, group_id: uuid.UUID) -> None:
    """Locks the group row first, as taking a place does, so that two changes of one group's places
    always lock in the same order and cannot deadlock on PostgreSQL (SQLite writes one at a time)."""
    await session.execute(select(ThematicGroup.id).where(ThematicGroup.id == group_id).with_for_update())


async def take_place(session: AsyncSession, group_id: uuid.UUID) -> bool:
    return await capacity.take_one(session, ThematicGroup, "places_taken", group_id)


async def free_place(session: AsyncSession, group_id: uuid.UUID) -> None:
    await capacity.give_back(session, ThematicGroup, "places_taken", group_id)


async def fill_open_group(session: AsyncSession, settings: Settings, group_id: uuid.UUID, now: datetime) -> None:
    """In an open group a freed place goes to the first on the waiting list, who is told by mail."""
    group = await session.get_one(ThematicGroup, group_id)
    if group.membership_mode != MembershipMode.open:
        return
    while True:
        waiting = await session.scalar(
            select(Membership)
            .where(Membership.group_id == group_id, Membership.status == MembershipStatus.waitlisted)
            .order_by(Membership.waitlisted_at, Membership.id)
            .limit(1)
        )
        if waiting is None or not await take_place(session, group_id):
            return
        if await transition(
            session,
            waiting,
            (MembershipStatus.waitlisted,),
            MembershipStatus.member,
            channel=Channel.system,
            now=now,
            decided_at=now,
        ):
            await mails.membership_mail(session, settings, MailKind.membership_decided, [waiting])
        else:
            await free_place(session, group_id)
