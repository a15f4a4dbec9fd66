from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.db import Session
from api.errors import Unauthorized
from api.organizations.models import Organization
from api.security import InvalidToken, verify_access_token
from api.staff.models import StaffUser

bearer = HTTPBearer(auto_error=False, description="An access token from `POST /api/v1/auth/token`.")


@dataclass(frozen=True)
class StaffContext:
    """Who is calling, and the one organization every query of theirs is scoped to."""

    user: StaffUser
    organization: Organization


async def current_staff(
    request: Request,
    session: Session,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> StaffContext:
    if credentials is None:
        raise Unauthorized()
    try:
        claims = verify_access_token(request.app.state.settings, credentials.credentials)
    except InvalidToken:
        raise Unauthorized("The access token is invalid or has expired.") from None
    user = await session.get(StaffUser, claims.user_id)
    if (
        user is None
        or not user.is_active
        or user.organization_id != claims.organization_id
        or claims.issued_at < user.tokens_valid_after.replace(microsecond=0)
    ):
        raise Unauthorized("The access token is no longer valid.")
    organization = await session.get(Organization, user.organization_id)
    if organization is None:
        raise Unauthorized("The access token is no longer valid.")
    return StaffContext(user=user, organization=organization)


Staff = Annotated[StaffContext, Depends(current_staff)]
