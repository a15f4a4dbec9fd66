"""What the events domain tells others (api.reactions): the people signed up are the registrations' concern."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from api.events.changes import Aspect, EventFacts


@dataclass(frozen=True)
class SeatsAdded:
    """The event's capacity went up (or its limit went away): seats may be free for the waiting list."""

    event_id: uuid.UUID
    at: datetime


@dataclass(frozen=True)
class EventCancelled:
    """The event was cancelled; everyone signed up should hear it, with the reason."""

    event_id: uuid.UUID
    reason: str | None
    note: str | None = None


@dataclass(frozen=True)
class EventChanged:
    """Something people plan by changed (see api.events.changes): everyone signed up hears old → new."""

    event_id: uuid.UUID
    before: EventFacts
    aspects: tuple[Aspect, ...]
    note: str | None  # the staff's personal words to the people told


@dataclass(frozen=True)
class EventPostponed:
    """The event will not take place as announced; a new date follows. Sign-ups stay."""

    event_id: uuid.UUID
    reason: str | None
    note: str | None


@dataclass(frozen=True)
class EventResumed:
    """A postponed event is on again, at the date it now has. Edits while it was postponed told nobody:
    this one notice brings the new date and place, so people are not mailed for every draft of it."""

    event_id: uuid.UUID
    note: str | None


@dataclass(frozen=True)
class MeetingPublished:
    """A group's new meeting went public for the first time: the group's members should hear of it."""

    event_id: uuid.UUID
    group_id: uuid.UUID
