"""API clients as admins see them. The key itself appears only in the answer that created or rotated it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.authz import Scope
from api.schemas import LocalizedOut, Text


class ApiClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text(200) = Field(examples=["Stadt-CMS"])
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope), description="What the key may do.")

    @field_validator("scopes")
    @classmethod
    def _each_once(cls, scopes: list[Scope]) -> list[Scope]:
        if len(set(scopes)) != len(scopes):
            raise PydanticCustomError("duplicate", "Name each scope only once.")
        return scopes


class ApiClientStaff(LocalizedOut):
    id: uuid.UUID
    name: str
    scopes: list[str]
    key_hint: str = Field(description="The key's first characters, to tell keys apart; not usable.")
    created_by_id: uuid.UUID | None
    created_at: datetime
    rotated_at: datetime | None
    last_used_at: datetime | None = Field(description="Last request with the key (to the minute).")
    revoked_at: datetime | None


class ApiClientWithKey(ApiClientStaff):
    key: str = Field(
        description="The API key, sent as `Authorization: Bearer thk_…`. Shown this once; only its hash is kept."
    )
