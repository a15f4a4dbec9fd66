"""A recorded step as staff see it in a registration's or membership's history."""

from __future__ import annotations

import uuid
from datetime import datetime

from api.participants.models import Channel
from api.schemas import LocalizedOut


class StatusChangeOut(LocalizedOut):
    from_status: str | None
    to_status: str
    channel: Channel
    staff_user_id: uuid.UUID | None
    note: str | None
    at: datetime
