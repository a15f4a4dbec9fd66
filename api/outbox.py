"""What the mail outbox and the webhook deliveries share: claiming due rows so that several workers never
send the same one. A claim runs out by itself, so a crashed worker's rows are retried by another."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.db import unit_of_work


async def claim_due(
    sessionmaker: async_sessionmaker[AsyncSession],
    model: Any,
    pending: Any,
    now: datetime,
    *,
    hold: timedelta,
    batch: int,
) -> list[uuid.UUID]:
    """Marks up to `batch` pending rows of `model` that are due as taken until `now + hold`, and returns
    their ids (FOR UPDATE SKIP LOCKED on PostgreSQL: a second worker takes the next rows instead)."""
    async with unit_of_work(sessionmaker) as session:
        stmt = (
            select(model)
            .where(
                model.status == pending,
                model.next_attempt_at <= now,
                or_(model.claimed_until.is_(None), model.claimed_until < now),
            )
            .order_by(model.next_attempt_at, model.id)
            .limit(batch)
        )
        if session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows = (await session.scalars(stmt)).all()
        for row in rows:
            row.claimed_until = now + hold
        return [row.id for row in rows]
