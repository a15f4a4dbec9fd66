from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from api.schemas import Text
from api.staff.models import StaffRole


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Text(254)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=512)


class TokenPair(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str


class RoleGrantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: StaffRole
    process_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None


class StaffUserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organization_id: uuid.UUID
    email: str
    full_name: str
    is_active: bool


class ApiClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    scopes: list[str]
