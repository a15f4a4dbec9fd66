"""Which changes of an event matter to the people signed up for it.

A new time, a new place, a switch between online and in person: people must hear of these, with the
old and the new. A corrected typo in the description, a new picture, a longer sign-up window: nobody
needs a mail for that. The facts below are the part of an event a participant plans their day by.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import datetime

from api.events.models import Event, EventFormat


class Aspect(enum.StrEnum):
    """One thing about an event that a change notice reports, old → new."""

    when = "when"  # start or end
    where = "where"  # venue, room, address, step-free access, or the format (online, in person, hybrid)
    access = "access"  # the online access details: only confirmed people hold them


@dataclass(frozen=True)
class EventFacts:
    """What a participant plans by, as it stood at one moment (a change notice compares two of these)."""

    starts_at: datetime
    ends_at: datetime
    timezone: str
    format: EventFormat
    venue_name: str | None
    venue_room: str | None
    venue_address: str | None
    venue_step_free: bool | None
    online_join_url: str | None
    online_meeting_id: str | None
    online_passcode: str | None
    online_dial_in: str | None

    @classmethod
    def of(cls, event: Event) -> EventFacts:
        return cls(**{field.name: getattr(event, field.name) for field in fields(cls)})


_WHEN = ("starts_at", "ends_at")
_WHERE = ("format", "venue_name", "venue_room", "venue_address", "venue_step_free")
_ACCESS = ("online_join_url", "online_meeting_id", "online_passcode", "online_dial_in")


def changed_aspects(before: EventFacts, after: EventFacts) -> tuple[Aspect, ...]:
    """What changed that people must hear of, in the order a notice lists it; empty for minor edits."""
    differs = [name for name in (*_WHEN, *_WHERE, *_ACCESS) if getattr(before, name) != getattr(after, name)]
    aspects = []
    if any(name in _WHEN for name in differs):
        aspects.append(Aspect.when)
    if any(name in _WHERE for name in differs):
        aspects.append(Aspect.where)
    # Access details that merely disappear with a switch to in person are told by the new place.
    if any(name in _ACCESS for name in differs) and after.format != EventFormat.in_person:
        aspects.append(Aspect.access)
    return tuple(aspects)
