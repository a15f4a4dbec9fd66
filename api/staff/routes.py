from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from api.db import Session
from api.organizations.schemas import OrganizationPublic
from api.staff import service
from api.staff.dependencies import Staff
from api.staff.schemas import ApiClientOut, LoginRequest, RefreshRequest, RoleGrantOut, StaffUserOut, TokenPair

auth_router = APIRouter(prefix="/auth", tags=["auth"])
me_router = APIRouter(tags=["auth"])
users_router = APIRouter(prefix="/staff/users", tags=["staff: users"])


class Me(BaseModel):
    """Who is calling and what they may do, so that a frontend shows only what is allowed."""

    user: StaffUserOut | None = Field(description="The staff member; null for an API client.")
    client: ApiClientOut | None = Field(description="The API client; null for a staff member.")
    organization: OrganizationPublic
    roles: list[RoleGrantOut]
    permissions: list[str]


@auth_router.post("/token", response_model=TokenPair, summary="Log in with e-mail and password")
async def create_token(request: Request, session: Session, data: LoginRequest) -> TokenPair:
    return await service.log_in(session, request.app.state.settings, data.email, data.password)


@auth_router.post("/refresh", response_model=TokenPair, summary="Trade a refresh token for new tokens")
async def refresh_token(request: Request, session: Session, data: RefreshRequest) -> TokenPair:
    return await service.refresh(session, request.app.state.settings, data.refresh_token)


@auth_router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End a login")
async def log_out(session: Session, data: RefreshRequest) -> Response:
    await service.log_out(session, data.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.get("/me", response_model=Me, summary="Who is logged in and what they may do")
async def get_me(staff: Staff) -> Me:
    return Me(
        user=StaffUserOut.model_validate(staff.user) if staff.user else None,
        client=ApiClientOut.model_validate(staff.client) if staff.client else None,
        organization=OrganizationPublic.model_validate(staff.organization),
        roles=[RoleGrantOut.model_validate(grant) for grant in staff.grants],
        permissions=staff.permissions(),
    )
