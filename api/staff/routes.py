from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, Field

from api.authz import P, authorize
from api.deps import Caller, Pages, Session, Settings
from api.i18n import LANGUAGES, negotiate
from api.organizations.schemas import OrganizationPublic
from api.pagination import Page
from api.ratelimit import rate_limit
from api.staff import administration, authentication
from api.staff.schemas import (
    ApiClientOut,
    InvitationAccept,
    LoginRequest,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    PasswordResetRequested,
    RefreshRequest,
    RoleGrantOut,
    StaffInvite,
    StaffMember,
    StaffUserOut,
    StaffUserUpdate,
    TokenPair,
)

auth_router = APIRouter(prefix="/auth", tags=["auth"])
me_router = APIRouter(tags=["auth"])
users_router = APIRouter(prefix="/staff/users", tags=["staff: users"])
# Per client address; see settings.rate_limit_login.
LOGIN_LIMIT = [Depends(rate_limit("login", "rate_limit_login"))]
RATE_LIMITED = {"x-rate-limited": True}  # documents the 429 answer
RESET_REQUESTED = (
    "If this address belongs to an active staff account, we have sent a link to choose a new password. "
    "It is valid for one hour. / Falls diese Adresse zu einem aktiven Konto gehört, haben wir einen Link "
    "für ein neues Passwort geschickt. Er gilt eine Stunde."
)


class Me(BaseModel):
    """Who is calling and what they may do, so that a frontend shows only what is allowed."""

    user: StaffUserOut | None = Field(description="The staff member; null for an API client.")
    client: ApiClientOut | None = Field(description="The API client; null for a staff member.")
    organization: OrganizationPublic
    roles: list[RoleGrantOut]
    permissions: list[str]


def _failed_logins(request: Request, settings: Settings) -> authentication.FailedLogins | None:
    client = request.client.host if request.client else "unknown"  # the socket peer, as for every rate limit
    return authentication.failed_logins(settings, request.app.state.rate_limiter, client)


@auth_router.post(
    "/token",
    response_model=TokenPair,
    summary="Log in with e-mail and password",
    dependencies=LOGIN_LIMIT,
    openapi_extra=RATE_LIMITED,
)
async def create_token(request: Request, settings: Settings, session: Session, data: LoginRequest) -> TokenPair:
    return await authentication.log_in(session, settings, data.email, data.password, _failed_logins(request, settings))


@auth_router.post("/refresh", response_model=TokenPair, summary="Trade a refresh token for new tokens")
async def refresh_token(settings: Settings, session: Session, data: RefreshRequest) -> TokenPair:
    return await authentication.refresh(session, settings, data.refresh_token)


@auth_router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End a login")
async def log_out(session: Session, data: RefreshRequest) -> Response:
    await authentication.log_out(session, data.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@me_router.get("/me", response_model=Me, summary="Who is logged in and what they may do")
async def get_me(caller: Caller) -> Me:
    return Me(
        user=StaffUserOut.model_validate(caller.user) if caller.user else None,
        client=ApiClientOut.model_validate(caller.client) if caller.client else None,
        organization=OrganizationPublic.model_validate(caller.organization),
        roles=[RoleGrantOut.model_validate(grant) for grant in caller.grants],
        permissions=caller.permissions(),
    )


# --- Passwords and mailed links ----------------------------------------------------------------------


@auth_router.post(
    "/invitations/accept",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Accept an invitation by choosing a password",
    dependencies=LOGIN_LIMIT,
    openapi_extra=RATE_LIMITED,
)
async def accept_invitation(session: Session, data: InvitationAccept) -> Response:
    await authentication.accept_invitation(session, data.token, data.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@auth_router.post(
    "/password-reset",
    response_model=PasswordResetRequested,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Ask for a link to choose a new password",
    dependencies=LOGIN_LIMIT,
    openapi_extra=RATE_LIMITED,
)
async def request_password_reset(
    request: Request, settings: Settings, session: Session, data: PasswordResetRequest
) -> PasswordResetRequested:
    asked = negotiate(request.query_params.get("lang"), request.headers.get("accept-language"), LANGUAGES, "")
    await authentication.request_password_reset(session, settings, data.email, asked or None)
    # The same answer whether or not the address has an account.
    return PasswordResetRequested(detail=RESET_REQUESTED)


@auth_router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Choose a new password with the mailed link",
)
async def confirm_password_reset(session: Session, data: PasswordResetConfirm) -> Response:
    await authentication.reset_password(session, data.token, data.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@auth_router.post(
    "/password",
    response_model=TokenPair,
    summary="Change your own password",
    description="Ends every login of yours, this one included, and answers with the tokens of a new one. "
    "Wrong current passwords count as failed logins of your address.",
    openapi_extra=RATE_LIMITED,
)
async def change_password(
    request: Request, settings: Settings, session: Session, caller: Caller, data: PasswordChange
) -> TokenPair:
    return await authentication.change_password(
        session, settings, caller, data.current_password, data.new_password, _failed_logins(request, settings)
    )


# --- The city's staff --------------------------------------------------------------------------------


def _member_out(member: administration.Member, timezone: str) -> StaffMember:
    user = member.user
    return StaffMember.model_validate(
        {
            "id": user.id,
            "email": user.email,
            "full_name": user.full_name,
            "is_active": user.is_active,
            "status": member.status,
            "roles": [RoleGrantOut.model_validate(grant) for grant in member.roles],
            "invitation_expires_at": member.invitation_expires_at,
            "last_login_at": user.last_login_at,
            "created_at": user.created_at,
        },
        context={"tz": timezone},
    )


@users_router.get("", response_model=Page[StaffMember], summary="Your city's staff with their roles")
async def list_staff_users(session: Session, caller: Caller, page: Pages) -> Page[StaffMember]:
    authorize(caller, P.staff_manage)
    members, cursor = await administration.list_members(session, caller.organization, page)
    tz = caller.organization.timezone
    return Page(items=[_member_out(m, tz) for m in members], next_cursor=cursor)


@users_router.post(
    "",
    response_model=StaffMember,
    status_code=status.HTTP_201_CREATED,
    summary="Invite a staff member",
    description="Creates the person without a password and mails them a link (valid 7 days) to choose one; "
    "they can log in once they have.",
)
async def invite_staff_user(
    request: Request, settings: Settings, session: Session, caller: Caller, data: StaffInvite
) -> StaffMember:
    authorize(caller, P.staff_manage)
    user = await administration.invite(session, settings, caller.organization, data)
    request.state.audit_object = ("staff_user", user.id)
    return _member_out(await administration.member(session, user), caller.organization.timezone)


@users_router.get("/{user_id}", response_model=StaffMember, summary="A staff member with their roles")
async def get_staff_user(session: Session, caller: Caller, user_id: uuid.UUID) -> StaffMember:
    user = await administration.get_user(session, caller.organization, user_id)
    authorize(caller, P.staff_manage)
    return _member_out(await administration.member(session, user), caller.organization.timezone)


@users_router.patch(
    "/{user_id}",
    response_model=StaffMember,
    summary="Change a staff member's name or roles",
    description="`roles` replaces all roles of the person. The last active admin keeps the admin role.",
)
async def update_staff_user(session: Session, caller: Caller, user_id: uuid.UUID, data: StaffUserUpdate) -> StaffMember:
    user = await administration.get_user(session, caller.organization, user_id)
    authorize(caller, P.staff_manage)
    await administration.update_user(session, caller.organization, user, data)
    return _member_out(await administration.member(session, user), caller.organization.timezone)


@users_router.post(
    "/{user_id}/deactivate",
    response_model=StaffMember,
    summary="Deactivate a staff member",
    description="Ends every login, token and mailed link of the person. You cannot deactivate yourself, "
    "nor the last active admin.",
)
async def deactivate_staff_user(session: Session, caller: Caller, user_id: uuid.UUID) -> StaffMember:
    user = await administration.get_user(session, caller.organization, user_id)
    authorize(caller, P.staff_manage)
    await administration.deactivate(session, caller.organization, user, caller)
    return _member_out(await administration.member(session, user), caller.organization.timezone)


@users_router.post(
    "/{user_id}/reactivate",
    response_model=StaffMember,
    summary="Reactivate a staff member",
    description="The person can log in again with their password; their tokens from before stay invalid.",
)
async def reactivate_staff_user(session: Session, caller: Caller, user_id: uuid.UUID) -> StaffMember:
    user = await administration.get_user(session, caller.organization, user_id)
    authorize(caller, P.staff_manage)
    await administration.reactivate(session, user)
    return _member_out(await administration.member(session, user), caller.organization.timezone)


@users_router.post(
    "/{user_id}/invitation",
    response_model=StaffMember,
    summary="Send a new invitation",
    description="For someone who has not chosen a password yet: a new link (valid 7 days); earlier links stop working.",
)
async def resend_staff_invitation(
    settings: Settings, session: Session, caller: Caller, user_id: uuid.UUID
) -> StaffMember:
    user = await administration.get_user(session, caller.organization, user_id)
    authorize(caller, P.staff_manage)
    await administration.resend_invitation(session, settings, user)
    return _member_out(await administration.member(session, user), caller.organization.timezone)
