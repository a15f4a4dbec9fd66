"""API clients of the city's systems (CMS, apps): scoped keys, shown once, stored hashed."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status

from api.authz import P, authorize
from api.clients import service
from api.clients.schemas import ApiClientCreate, ApiClientStaff, ApiClientWithKey
from api.deps import Caller, Pages, Session
from api.pagination import Page

router = APIRouter(prefix="/staff/clients", tags=["staff: API clients"])


@router.get("", response_model=Page[ApiClientStaff], summary="Your city's API clients, newest first")
async def list_clients(session: Session, caller: Caller, page: Pages) -> Page[ApiClientStaff]:
    authorize(caller, P.clients_manage)
    rows, cursor = await service.list_clients(session, caller, page)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[ApiClientStaff.model_validate(c, context=ctx) for c in rows], next_cursor=cursor)


@router.post(
    "",
    response_model=ApiClientWithKey,
    status_code=status.HTTP_201_CREATED,
    summary="Create an API client; its key is shown only in this answer",
)
async def create_client(request: Request, session: Session, caller: Caller, data: ApiClientCreate) -> ApiClientWithKey:
    authorize(caller, P.clients_manage)
    client, key = await service.create(session, caller, data)
    request.state.audit_object = ("client", client.id)
    return _with_key(caller, client, key)


@router.get("/{client_id}", response_model=ApiClientStaff, summary="An API client (never its key)")
async def get_client(session: Session, caller: Caller, client_id: uuid.UUID) -> ApiClientStaff:
    authorize(caller, P.clients_manage)
    client = await service.get(session, caller, client_id)
    return ApiClientStaff.model_validate(client, context={"tz": caller.organization.timezone})


@router.post(
    "/{client_id}/rotate",
    response_model=ApiClientWithKey,
    summary="Replace the key; the old one stops working at once, the new one is shown only here",
)
async def rotate_client(session: Session, caller: Caller, client_id: uuid.UUID) -> ApiClientWithKey:
    authorize(caller, P.clients_manage)
    client = await service.get(session, caller, client_id)
    key = await service.rotate(session, client)
    return _with_key(caller, client, key)


@router.post("/{client_id}/revoke", response_model=ApiClientStaff, summary="Revoke the key for good")
async def revoke_client(session: Session, caller: Caller, client_id: uuid.UUID) -> ApiClientStaff:
    authorize(caller, P.clients_manage)
    client = await service.get(session, caller, client_id)
    await service.revoke(session, client)
    return ApiClientStaff.model_validate(client, context={"tz": caller.organization.timezone})


def _with_key(caller: Caller, client: object, key: str) -> ApiClientWithKey:
    answer = ApiClientStaff.model_validate(client, context={"tz": caller.organization.timezone})
    return ApiClientWithKey(**answer.model_dump(), key=key)
