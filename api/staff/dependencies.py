from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller, Grant, Scope
from api.db import Session, utcnow
from api.errors import Unauthorized
from api.organizations.models import Organization
from api.security import InvalidToken, hash_secret_token, verify_access_token
from api.staff.models import ApiClient, RoleGrant, StaffUser

API_KEY_PREFIX = "thk_"
bearer = HTTPBearer(
    auto_error=False,
    description="A staff access token from `POST /api/v1/auth/token`, or an API client's key (`thk_…`).",
)
# Recording every single use of a key would make each read a write; once a minute is enough to see it.
_LAST_USED_PRECISION = timedelta(minutes=1)

# The name the routes and services use for whoever calls a staff route.
StaffContext = Caller


async def current_staff(
    request: Request,
    session: Session,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    if credentials is None:
        raise Unauthorized()
    if credentials.credentials.startswith(API_KEY_PREFIX):
        return await _client(session, credentials.credentials)
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
    return Caller(organization=organization, user=user, grants=await grants_of(session, user))


async def grants_of(session: AsyncSession, user: StaffUser) -> tuple[Grant, ...]:
    rows = await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id))
    return tuple(Grant(role=g.role, process_id=g.process_id, group_id=g.group_id) for g in rows)


async def _client(session: AsyncSession, key: str) -> Caller:
    client = await session.scalar(select(ApiClient).where(ApiClient.key_hash == hash_secret_token(key)))
    if client is None or client.revoked_at is not None:
        raise Unauthorized("The API key is invalid or has been revoked.")
    now = utcnow()
    if client.last_used_at is None or now - client.last_used_at > _LAST_USED_PRECISION:
        client.last_used_at = now
    organization = await session.get_one(Organization, client.organization_id)
    scopes = frozenset(Scope(s) for s in client.scopes if s in Scope.__members__.values())
    return Caller(organization=organization, client=client, scopes=scopes)


Staff = Annotated[Caller, Depends(current_staff)]
