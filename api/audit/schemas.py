"""The audit log as admins read it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from api.schemas import LocalizedOut


class AuditEntryOut(LocalizedOut):
    id: uuid.UUID
    at: datetime
    actor_type: str = Field(description="staff, client, resident (through their manage link) or system.")
    actor_id: uuid.UUID | None = Field(description="The staff user or API client; null for a resident or the system.")
    action: str = Field(description="The operation, e.g. `update_event` or `export_registrations`.")
    object_type: str | None = Field(description="e.g. event, registration, group.")
    object_id: uuid.UUID | None
    changes: dict[str, Any] = Field(
        description='The fields sent, with values only where they are not personal data ("[redacted]").'
    )
    actor_name: str | None = Field(
        default=None, description="The staff member's or API client's name as it is now; null for the system."
    )
    object_title: str | None = Field(
        default=None,
        description="The object's title or name while it exists (a process's title, a group's name …); a "
        "person's name only for callers who may read people, else null.",
    )
    parent_type: str | None = Field(
        default=None,
        description="Where the object is shown: a registration's event, a membership's group, a phase's process.",
    )
    parent_id: uuid.UUID | None = None
