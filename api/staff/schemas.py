from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from api.participants.schemas import Email
from api.schemas import LocalizedOut, Text
from api.staff.models import StaffRole
from api.staff.passwords import MAX_LENGTH


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


# --- Staff management -----------------------------------------------------------------------------

Password = Annotated[str, Field(min_length=1, max_length=MAX_LENGTH)]
LinkToken = Annotated[str, Field(min_length=1, max_length=512, description="The secret from the mailed link.")]


class RoleGrantIn(BaseModel):
    """One role: process_manager needs a process_id, group_moderator a group_id, admin and viewer neither."""

    model_config = ConfigDict(extra="forbid")

    role: StaffRole
    process_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _scope_fits_role(self) -> RoleGrantIn:
        needs_process = self.role == StaffRole.process_manager
        needs_group = self.role == StaffRole.group_moderator
        if needs_process != (self.process_id is not None):
            raise PydanticCustomError(
                "role-scope",
                "process_manager needs a process_id." if needs_process else f"{self.role} takes no process_id.",
            )
        if needs_group != (self.group_id is not None):
            raise PydanticCustomError(
                "role-scope", "group_moderator needs a group_id." if needs_group else f"{self.role} takes no group_id."
            )
        return self


Roles = Annotated[list[RoleGrantIn], Field(min_length=1, max_length=50)]


class StaffInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    full_name: Text(200)
    roles: Roles


class StaffUserUpdate(BaseModel):
    """The fields to change; `roles` replaces all roles of the person."""

    model_config = ConfigDict(extra="forbid")

    full_name: Text(200) | None = None
    roles: Roles | None = None


class StaffStatus(enum.StrEnum):
    invited = "invited"  # has not chosen a password yet
    active = "active"
    deactivated = "deactivated"


class StaffMember(LocalizedOut):
    """A staff member as their city's admins see them."""

    id: uuid.UUID
    email: str
    full_name: str
    is_active: bool
    status: StaffStatus
    roles: list[RoleGrantOut]
    invitation_expires_at: datetime | None = Field(
        default=None, description="Until when the open invitation can be accepted; null without one."
    )
    last_login_at: datetime | None = None
    created_at: datetime


class InvitationAccept(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LinkToken
    password: Password


class PasswordResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Text(254)


class PasswordResetConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LinkToken
    password: Password


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Password
    new_password: Password


class PasswordResetRequested(BaseModel):
    detail: str
