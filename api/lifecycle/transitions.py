"""Moving a registration or membership from one status to the next, and its recorded history."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.lifecycle.models import StatusChange
from api.participants.models import Channel
from api.webhooks import service as webhooks

# What a subject tells webhook subscribers about one of its steps: the event type and the payload's data.
Announcement = tuple[str, dict[str, Any]]


class Tracked(Protocol):
    """A row whose status the lifecycle moves: a registration or a membership."""

    # The StatusChange column that points at this kind of row, and the column stamped on entering a status.
    status_change_link: ClassVar[str]
    status_stamps: ClassVar[Mapping[str, str]]
    id: Any
    organization_id: Any
    participant_id: Any
    status: Any

    def status_announcement(self, before: str | None, after: str) -> Announcement | None: ...


async def transition(
    session: AsyncSession,
    subject: Tracked,
    allowed_from: tuple[str, ...],
    to: str,
    *,
    channel: Channel,
    now: datetime,
    staff_user_id: uuid.UUID | None = None,
    note: str | None = None,
    **values: Any,
) -> bool:
    """Moves a registration or membership to `to` if it is still in one of `allowed_from`, and records
    who, when and through which channel. False if another request changed it first."""
    model: Any = type(subject)
    # The status as the database holds it now, locked until commit: the history records the real
    # step even if another request changed the row after we read it.
    before = await session.scalar(select(model.status).where(model.id == subject.id).with_for_update())
    if to in subject.status_stamps:
        values[subject.status_stamps[to]] = now
    result = None
    if before in allowed_from:
        result = await session.execute(
            update(model)
            .where(model.id == subject.id, model.status.in_(allowed_from))
            .values(status=to, updated_at=now, **values)
            .execution_options(synchronize_session=False)
        )
    if result is None or result.rowcount != 1:
        await session.refresh(subject)
        return False
    session.add(step(subject, before, to, channel=channel, now=now, staff_user_id=staff_user_id, note=note))
    await announce(session, subject, before, to, channel, now)
    await session.flush()
    await session.refresh(subject)
    return True


def step(
    subject: Tracked,
    before: str | None,
    to: str,
    *,
    channel: Channel,
    now: datetime,
    staff_user_id: uuid.UUID | None = None,
    note: str | None = None,
) -> StatusChange:
    """The history row of one step; `before` is None for the first one, when the subject is created."""
    return StatusChange(
        organization_id=subject.organization_id,
        from_status=before,
        to_status=to,
        channel=channel,
        staff_user_id=staff_user_id,
        note=note,
        at=now,
        **{subject.status_change_link: subject.id},
    )


async def announce(
    session: AsyncSession, subject: Tracked, before: str | None, after: str, channel: str, now: datetime
) -> None:
    """Called wherever a registration or membership changes status (transition and the two places that
    create them), so every recorded step can reach a receiver."""
    announcement = subject.status_announcement(before, after)
    if announcement is None:
        return
    event_type, data = announcement
    data |= {"status": after, "previous_status": before, "channel": channel, "changed_at": _iso(now)}
    await webhooks.announce(session, subject.organization_id, event_type, data, participant_id=subject.participant_id)


async def history(session: AsyncSession, subject: Tracked) -> Sequence[StatusChange]:
    """Every step of a registration or membership, oldest first."""
    link = getattr(StatusChange, subject.status_change_link)
    rows = await session.scalars(
        select(StatusChange).where(link == subject.id).order_by(StatusChange.at, StatusChange.id)
    )
    return rows.all()


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")
