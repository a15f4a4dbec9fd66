"""What the events domain tells others (api.reactions): the people signed up are the registrations' concern."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


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
