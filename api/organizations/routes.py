from __future__ import annotations

from fastapi import APIRouter, Request

from api.authz import P, authorize
from api.deps import Caller, Pages, PublicOrganization, Session, Settings
from api.organizations import service
from api.organizations.schemas import (
    OrganizationPublic,
    OrganizationStaff,
    OrganizationUpdate,
    PrivacyNoticeCreate,
    PrivacyNoticeOut,
)
from api.pagination import Page
from api.schemas import CalendarLinks

public_router = APIRouter(prefix="/orgs", tags=["public"])
staff_router = APIRouter(prefix="/staff/organization", tags=["staff: organization"])


@public_router.get("", response_model=Page[OrganizationPublic], summary="Cities on this platform")
async def list_organizations(session: Session, page: Pages) -> Page[OrganizationPublic]:
    rows, cursor = await service.list_organizations(session, page)
    return Page(items=[OrganizationPublic.model_validate(o) for o in rows], next_cursor=cursor)


@public_router.get("/{org_slug}", response_model=OrganizationPublic, summary="A city")
async def get_organization(settings: Settings, organization: PublicOrganization) -> OrganizationPublic:
    answer = OrganizationPublic.model_validate(organization)
    answer.calendar = CalendarLinks.of(settings, f"/orgs/{organization.slug}/events.ics")
    return answer


@public_router.get(
    "/{org_slug}/privacy-notice", response_model=PrivacyNoticeOut, summary="The city's current privacy notice"
)
async def get_privacy_notice(session: Session, organization: PublicOrganization) -> PrivacyNoticeOut:
    return PrivacyNoticeOut.model_validate(await service.current_privacy_notice(session, organization))


@staff_router.get(
    "/privacy-notices", response_model=list[PrivacyNoticeOut], summary="Every version of your privacy notice"
)
async def list_privacy_notices(session: Session, caller: Caller) -> list[PrivacyNoticeOut]:
    authorize(caller, P.processes_read)
    return [PrivacyNoticeOut.model_validate(n) for n in await service.privacy_notices(session, caller.organization)]


@staff_router.post(
    "/privacy-notices",
    response_model=PrivacyNoticeOut,
    status_code=201,
    summary="Publish a new version of the privacy notice",
)
async def publish_privacy_notice(
    request: Request, session: Session, caller: Caller, data: PrivacyNoticeCreate
) -> PrivacyNoticeOut:
    authorize(caller, P.privacy_manage)
    notice = await service.publish_privacy_notice(session, caller.organization, data)
    request.state.audit_object = ("privacy_notice", notice.id)
    return PrivacyNoticeOut.model_validate(notice)


@staff_router.get("", response_model=OrganizationStaff, summary="Your city's settings")
async def get_own_organization(caller: Caller) -> OrganizationStaff:
    authorize(caller, P.processes_read)
    return OrganizationStaff.model_validate(caller.organization)


@staff_router.patch("", response_model=OrganizationStaff, summary="Change your city's settings")
async def update_own_organization(
    request: Request, session: Session, caller: Caller, data: OrganizationUpdate
) -> OrganizationStaff:
    authorize(caller, P.organization_manage)
    await service.update_organization(session, caller.organization, data)
    request.app.state.organization_origins.forget(caller.organization.slug)  # new CORS origins apply at once
    return OrganizationStaff.model_validate(caller.organization)
