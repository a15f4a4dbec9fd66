from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status

from api.authz import P, authorize
from api.deps import Caller, Pages, Session, Settings
from api.pagination import Page
from api.platform import service
from api.platform.schemas import CityCreate, CityOperator

router = APIRouter(prefix="/platform/cities", tags=["platform: cities"])


@router.get("", response_model=Page[CityOperator], summary="Every city on this installation, switched off ones too")
async def list_cities(session: Session, caller: Caller, page: Pages) -> Page[CityOperator]:
    authorize(caller, P.platform_manage)
    rows, cursor = await service.list_cities(session, page)
    return Page(items=[CityOperator.model_validate(c) for c in rows], next_cursor=cursor)


@router.post(
    "",
    response_model=CityOperator,
    status_code=status.HTTP_201_CREATED,
    summary="Create a city with its first admin (invited by mail) and privacy notice",
)
async def create_city(
    request: Request, settings: Settings, session: Session, caller: Caller, data: CityCreate
) -> CityOperator:
    authorize(caller, P.platform_manage)
    city = await service.create_city(session, settings, data)
    request.state.audit_object = ("organization", city.id)
    return CityOperator.model_validate(city)


@router.post("/{organization_id}/deactivate", response_model=CityOperator, summary="Switch a city off")
async def deactivate_city(
    request: Request, session: Session, caller: Caller, organization_id: uuid.UUID
) -> CityOperator:
    return await _switch(request, session, caller, organization_id, active=False)


@router.post("/{organization_id}/activate", response_model=CityOperator, summary="Switch a city on again")
async def activate_city(request: Request, session: Session, caller: Caller, organization_id: uuid.UUID) -> CityOperator:
    return await _switch(request, session, caller, organization_id, active=True)


async def _switch(
    request: Request, session: Session, caller: Caller, organization_id: uuid.UUID, *, active: bool
) -> CityOperator:
    authorize(caller, P.platform_manage)
    city = await service.switch(session, caller, await service.get_city(session, organization_id), active=active)
    request.state.audit_object = ("organization", city.id)
    return CityOperator.model_validate(city)
