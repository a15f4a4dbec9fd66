from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel

from api.db import Session
from api.organizations.schemas import OrganizationPublic
from api.staff import service
from api.staff.dependencies import Staff
from api.staff.schemas import LoginRequest, RefreshRequest, StaffUserOut, TokenPair

auth_router = APIRouter(prefix="/auth", tags=["auth"])
me_router = APIRouter(tags=["auth"])


class Me(BaseModel):
    user: StaffUserOut
    organization: OrganizationPublic
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
        user=StaffUserOut.model_validate(staff.user),
        organization=OrganizationPublic.model_validate(staff.organization),
        permissions=service.permissions_of(staff.user),
    )
