"""What routes ask FastAPI for, defined once: the request's session, the settings, the caller of a staff
route, a page of a list, a manage link's secret, a search text, and the public organization of a path.

A route reads: parse → these dependencies (and its domain's load-and-authorize ones) → service.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import authz, config
from api.authz import Grant, Scope
from api.db import request_session, utcnow
from api.errors import Unauthorized
from api.i18n import negotiate
from api.organizations import service as organizations
from api.organizations.models import Organization
from api.pagination import PageRequest, page_request
from api.schemas import SLUG_PATTERN
from api.security import API_KEY_PREFIX, InvalidToken, hash_secret_token, verify_access_token
from api.staff.models import ApiClient, RoleGrant, StaffSession, StaffUser

Session = Annotated[AsyncSession, Depends(request_session, scope="function")]


def app_settings(request: Request) -> config.Settings:
    return request.app.state.settings


Settings = Annotated[config.Settings, Depends(app_settings)]
Pages = Annotated[PageRequest, Depends(page_request)]
ManageToken = Annotated[
    str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$", description="The secret of a manage link.")
]
SearchText = Annotated[
    str | None,
    Query(min_length=1, max_length=100, pattern=r"^[^\x00]+$", description="Part of the name or e-mail address."),
]
OrgSlug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80, description="The city's slug.")]
ProcessSlug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80)]


async def public_organization(session: Session, org_slug: OrgSlug) -> Organization:
    return await organizations.get_by_slug(session, org_slug)


PublicOrganization = Annotated[Organization, Depends(public_organization)]

LanguageChoice = Annotated[
    str | None,
    Query(
        alias="lang",
        max_length=35,
        pattern=r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$",
        description="The language to answer in, e.g. `tr` or `de-x-ls` (Leichte Sprache); before Accept-Language. "
        "A language the city does not offer is answered in the city's default.",
    ),
]


def reader_language(request: Request, organization: Organization) -> str:
    """The language a resident reads the city's texts in: `?lang=`, else Accept-Language, among the city's
    languages, else the city's default. For answers whose city is not in the path (manage links)."""
    return negotiate(
        request.query_params.get("lang"),
        request.headers.get("accept-language"),
        organization.languages,
        organization.default_language,
    )


async def reading_language(request: Request, organization: PublicOrganization, lang: LanguageChoice = None) -> str:
    """The language a public answer is in: `?lang=`, else the browser's Accept-Language, among the city's
    languages; else the city's default. Kept on the request for the `Content-Language` header, which the
    public caching layer sets on every public answer (also on calendar files and CSV)."""
    language = reader_language(request, organization)  # `lang` is declared for its checks and the docs
    request.state.content_language = language
    return language


Reading = Annotated[str, Depends(reading_language)]


# --- the caller of a staff route: a staff member's access token or an API client's key ---------------

bearer = HTTPBearer(
    auto_error=False,
    description="A staff access token from `POST /api/v1/auth/token`, or an API client's key (`thk_…`).",
)
# Recording every single use of a key would make each read a write; once a minute is enough to see it.
_LAST_USED_PRECISION = timedelta(minutes=1)


async def current_caller(
    session: Session,
    settings: Settings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> authz.Caller:
    if credentials is None:
        raise Unauthorized()
    if credentials.credentials.startswith(API_KEY_PREFIX):
        return await _client(session, credentials.credentials)
    try:
        claims = verify_access_token(settings, credentials.credentials)
    except InvalidToken:
        raise Unauthorized("The access token is invalid or has expired.") from None
    # The login is checked in the same query that loads the person: an ended login (logout, password or
    # role change, deactivation) ends its access tokens at once, at no extra round trip.
    user = await session.scalar(
        select(StaffUser)
        .join(StaffSession, StaffSession.user_id == StaffUser.id)
        .where(StaffUser.id == claims.user_id, StaffSession.id == claims.session_id, StaffSession.ended_at.is_(None))
    )
    if user is None or not user.is_active or user.organization_id != claims.organization_id:
        raise Unauthorized("The access token is no longer valid.")
    organization = await session.get(Organization, user.organization_id)
    if organization is None or not organization.is_active:
        raise Unauthorized("The access token is no longer valid.")
    return authz.Caller(
        organization=organization, user=user, grants=await grants_of(session, user), session_id=claims.session_id
    )


async def grants_of(session: AsyncSession, user: StaffUser) -> tuple[Grant, ...]:
    rows = await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id))
    return tuple(Grant(role=g.role, process_id=g.process_id, group_id=g.group_id) for g in rows)


async def _client(session: AsyncSession, key: str) -> authz.Caller:
    client = await session.scalar(select(ApiClient).where(ApiClient.key_hash == hash_secret_token(key)))
    if client is None or client.revoked_at is not None:
        raise Unauthorized("The API key is invalid or has been revoked.")
    now = utcnow()
    if client.last_used_at is None or now - client.last_used_at > _LAST_USED_PRECISION:
        client.last_used_at = now
    organization = await session.get_one(Organization, client.organization_id)
    if not organization.is_active:
        raise Unauthorized("The API key is invalid or has been revoked.")
    scopes = frozenset(Scope(s) for s in client.scopes if s in Scope.__members__.values())
    return authz.Caller(organization=organization, client=client, scopes=scopes)


Caller = Annotated[authz.Caller, Depends(current_caller)]


# --- the object a staff route acts on ------------------------------------------------------------------

Loader = Callable[[AsyncSession, authz.Caller, uuid.UUID, authz.Permission], Awaitable[Any]]


def loaded(load: Loader, id_name: str, permission: authz.Permission) -> Any:
    """`load` (a domain's load-and-authorize function) as a dependency that takes the id from the path
    parameter `id_name`. For routes whose only input is that id: a route that also takes a body or
    filters calls `load` itself, after FastAPI has checked them, so a malformed request is still answered
    422 before 403 or 404."""

    async def dependency(session: Session, caller: Caller, object_id: uuid.UUID) -> Any:
        return await load(session, caller, object_id, permission)

    # The path parameter keeps its own name (`event_id`, …). Set as an object: this module's annotations
    # are strings, and a string could not name `id_name`.
    dependency.__annotations__["object_id"] = Annotated[uuid.UUID, Path(alias=id_name)]
    return Depends(dependency)


# A POST that only answers a question (whom would a change notice reach? what would a message look like?)
# is marked so in its route's `openapi_extra`; it changes nothing, so the audit log records nothing.
CHANGES_NOTHING = {"x-changes-nothing": True}
