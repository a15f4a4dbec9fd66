"""API clients: a key is made here, shown once, and stored only as its hash."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.clients.schemas import ApiClientCreate
from api.db import utcnow
from api.errors import Conflict, NotFound
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.security import API_KEY_PREFIX, hash_secret_token, new_secret_token
from api.staff.models import ApiClient

KEY_HINT_LENGTH = len(API_KEY_PREFIX) + 4
NEWEST_FIRST = SortKey(ApiClient.created_at, ApiClient.id, descending=True, parse=parse_datetime)


def _new_key(client: ApiClient) -> str:
    key = API_KEY_PREFIX + new_secret_token()
    client.key_hash = hash_secret_token(key)
    client.key_hint = key[:KEY_HINT_LENGTH]
    return key


async def create(session: AsyncSession, caller: Caller, data: ApiClientCreate) -> tuple[ApiClient, str]:
    client = ApiClient(
        organization_id=caller.organization.id,
        name=data.name,
        scopes=[str(scope) for scope in data.scopes],
        created_by_id=caller.user_id,
        created_at=utcnow(),
    )
    key = _new_key(client)
    session.add(client)
    await session.flush()
    return client, key


async def list_clients(
    session: AsyncSession, caller: Caller, page: PageRequest
) -> tuple[Sequence[ApiClient], str | None]:
    stmt = select(ApiClient).where(ApiClient.organization_id == caller.organization.id)
    return await paginate(session, stmt, NEWEST_FIRST, page)


async def get(session: AsyncSession, caller: Caller, client_id: uuid.UUID) -> ApiClient:
    client = await session.get(ApiClient, client_id)
    if client is None or client.organization_id != caller.organization.id:
        raise NotFound("There is no API client with this id in your organization.")
    return client


async def rotate(session: AsyncSession, client: ApiClient) -> str:
    """A new key; the old one stops working with this transaction."""
    if client.revoked_at is not None:
        raise Conflict("This API client is revoked; create a new one.", slug="client-revoked")
    key = _new_key(client)
    client.rotated_at = utcnow()
    await session.flush()
    return key


async def revoke(session: AsyncSession, client: ApiClient) -> None:
    """Every request with the key is refused from now on. Revoking twice keeps the first instant."""
    if client.revoked_at is None:
        client.revoked_at = utcnow()
        await session.flush()
