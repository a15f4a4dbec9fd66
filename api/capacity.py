"""Seats of an event and places of a group: counted in a column next to the capacity.

Taking one is a single conditional UPDATE (`SET taken = taken + 1 WHERE taken < capacity`). The
database evaluates the condition on the row as it is at that moment, under the row's lock, so
however many requests race, no more are taken than there are — on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession


async def take_one(session: AsyncSession, model: Any, counter: str, row_id: uuid.UUID) -> bool:
    """True if one was free and is now taken; a row without capacity has room for everyone."""
    taken, capacity = getattr(model, counter), model.capacity
    result = await session.execute(
        update(model)
        .where(model.id == row_id, or_(capacity.is_(None), taken < capacity))
        .values({counter: taken + 1})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def give_back(session: AsyncSession, model: Any, counter: str, row_id: uuid.UUID) -> None:
    taken = getattr(model, counter)
    await session.execute(
        update(model)
        .where(model.id == row_id, taken > 0)
        .values({counter: taken - 1})
        .execution_options(synchronize_session=False)
    )
