"""What one domain tells the others when something happened, so that a lower domain need not know who
depends on it: events and groups say "the capacity went up" or "the event was cancelled"; registrations
and memberships react (the waiting list moves up, everyone signed up gets a mail).

Reactions run at once, in the caller's transaction: a refused change leaves no reaction behind, and a
failing reaction refuses the change. A domain registers its reactions in its package's `__init__`, so
they are in place whenever its tables are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings

Happening = TypeVar("Happening")
Reaction = Callable[[AsyncSession, Settings, Any], Awaitable[None]]
_reactions: dict[type, list[Reaction]] = defaultdict(list)


def reacts_to(kind: type[Happening]) -> Callable[[Reaction], Reaction]:
    """Registers the decorated function as a reaction to every happening of `kind`."""

    def register(reaction: Reaction) -> Reaction:
        if reaction not in _reactions[kind]:
            _reactions[kind].append(reaction)
        return reaction

    return register


async def tell(session: AsyncSession, settings: Settings, happening: object) -> None:
    """Runs every reaction to `happening`, in the order they were registered."""
    for reaction in _reactions[type(happening)]:
        await reaction(session, settings, happening)
