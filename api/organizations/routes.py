from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.db import Session
from api.organizations import service
from api.organizations.dependencies import PublicOrganization
from api.organizations.schemas import OrganizationPublic, OrganizationStaff, OrganizationUpdate
from api.pagination import Page, PageRequest, page_request
from api.staff.dependencies import Staff

public_router = APIRouter(prefix="/orgs", tags=["public"])
staff_router = APIRouter(prefix="/staff/organization", tags=["staff: organization"])


@public_router.get("", response_model=Page[OrganizationPublic], summary="Cities on this platform")
async def list_organizations(
    session: Session, page: Annotated[PageRequest, Depends(page_request)]
) -> Page[OrganizationPublic]:
    rows, cursor = await service.list_organizations(session, page)
    return Page(items=[OrganizationPublic.model_validate(o) for o in rows], next_cursor=cursor)


@public_router.get("/{org_slug}", response_model=OrganizationPublic, summary="A city")
async def get_organization(organization: PublicOrganization) -> OrganizationPublic:
    return OrganizationPublic.model_validate(organization)


@staff_router.get("", response_model=OrganizationStaff, summary="Your city's settings")
async def get_own_organization(staff: Staff) -> OrganizationStaff:
    return OrganizationStaff.model_validate(staff.organization)


@staff_router.patch("", response_model=OrganizationStaff, summary="Change your city's settings")
async def update_own_organization(session: Session, staff: Staff, data: OrganizationUpdate) -> OrganizationStaff:
    await service.update_organization(session, staff.organization, data)
    return OrganizationStaff.model_validate(staff.organization)
