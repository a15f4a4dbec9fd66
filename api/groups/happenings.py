"""What the groups domain tells others (api.reactions): places and applicants are the memberships' concern."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PlacesAdded:
    """An open group's capacity went up (or its limit went away): the waiting list may move up."""

    group_id: uuid.UUID
    at: datetime
