from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from api.authz import P, authorize
from api.deps import Caller, Pages, PublicOrganization, Reading, Session, Settings
from api.errors import NotFound
from api.organizations import logo, service
from api.organizations.schemas import (
    OrganizationPublic,
    OrganizationStaff,
    OrganizationUpdate,
    PrivacyNoticeCreate,
    PrivacyNoticeOut,
)
from api.pagination import Page
from api.schemas import CalendarLinks
from api.translations import service as translations

public_router = APIRouter(prefix="/orgs", tags=["public"])
staff_router = APIRouter(prefix="/staff/organization", tags=["staff: organization"])


@public_router.get("", response_model=Page[OrganizationPublic], summary="Cities on this platform")
async def list_organizations(session: Session, page: Pages) -> Page[OrganizationPublic]:
    rows, cursor = await service.list_organizations(session, page)
    return Page(items=[OrganizationPublic.model_validate(o) for o in rows], next_cursor=cursor)


@public_router.get("/{org_slug}", response_model=OrganizationPublic, summary="A city")
async def get_organization(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> OrganizationPublic:
    await translations.show_in(session, organization, language, [organization])
    answer = OrganizationPublic.model_validate(organization)
    answer.calendar = CalendarLinks.of(settings, f"/orgs/{organization.slug}/events.ics")
    return answer


@public_router.get(
    "/{org_slug}/logo",
    response_class=Response,
    summary="The city's logo (PNG)",
    responses={200: {"content": {"image/png": {}}, "description": "The logo."}, 404: {"description": "No logo."}},
)
async def get_logo(session: Session, organization: PublicOrganization) -> Response:
    stored = await logo.of(session, organization)
    if stored is None:
        raise NotFound("This city has no logo.")
    return Response(
        content=stored.data,
        media_type=stored.content_type,
        # The logo's address carries its version, so a new logo is a new address: caches may keep this one.
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )


@public_router.get(
    "/{org_slug}/privacy-notice", response_model=PrivacyNoticeOut, summary="The city's current privacy notice"
)
async def get_privacy_notice(session: Session, organization: PublicOrganization, language: Reading) -> PrivacyNoticeOut:
    notice = await service.current_privacy_notice(session, organization)
    await translations.show_in(session, organization, language, [notice])
    return PrivacyNoticeOut.model_validate(notice)


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


@staff_router.put(
    "/logo",
    response_model=OrganizationStaff,
    summary="Upload your city's logo",
    description="The image itself as the body (PNG, JPEG or WebP, at most 512 KB); it is kept as a PNG of "
    "at most 512 pixels a side, without its metadata.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in logo.ACCEPTED},
        }
    },
)
async def upload_logo(request: Request, session: Session, caller: Caller) -> OrganizationStaff:
    authorize(caller, P.organization_manage)
    await logo.store(session, caller.organization, request.headers.get("content-type", ""), await request.body())
    return OrganizationStaff.model_validate(caller.organization)


@staff_router.delete("/logo", status_code=status.HTTP_204_NO_CONTENT, summary="Remove your city's logo")
async def remove_logo(session: Session, caller: Caller) -> Response:
    authorize(caller, P.organization_manage)
    await logo.remove(session, caller.organization)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
