"""What the processes domain tells others (api.reactions): its groups' deadlines are the groups' concern."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ProcessEndChanging:
    """The process is about to end at `last_moment`; whatever must lie within the process may refuse."""

    process_id: uuid.UUID
    last_moment: datetime
