from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from api import idempotency
from api.authz import P
from api.db import utcnow
from api.deps import Caller, Pages, PublicOrganization, SearchText, Session, Settings, reader_language
from api.groups.dependencies import load_group
from api.groups.schemas import GroupSummaryPublic
from api.lifecycle import transitions
from api.lifecycle.schemas import StatusChangeOut
from api.memberships import export, service
from api.memberships.dependencies import LinkedMembership, MembershipToRead, load_membership
from api.memberships.models import Membership, MembershipStatus
from api.memberships.schemas import (
    ApplicationAccepted,
    GroupApplication,
    MembershipDecision,
    MembershipRoleChange,
    MyMembership,
    StaffMembership,
    StaffMembershipDetail,
    StaffMembershipRequest,
    WithdrawRequest,
)
from api.organizations.models import Organization
from api.organizations.schemas import OrganizationRef
from api.pagination import Page
from api.participants.models import Channel
from api.ratelimit import rate_limit
from api.translations import service as translations

public_router = APIRouter(tags=["public: sign-up"])
staff_router = APIRouter(prefix="/staff", tags=["staff: memberships"])


@public_router.post(
    "/orgs/{org_slug}/group-applications",
    response_model=ApplicationAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Apply to one or several working groups, in order of preference",
    dependencies=[Depends(rate_limit("signup", "rate_limit_signup"))],
    openapi_extra={"x-rate-limited": True},
)
async def apply_to_groups(
    settings: Settings,
    session: Session,
    organization: PublicOrganization,
    data: GroupApplication,
    idempotency_key: idempotency.IdempotencyKey = None,
) -> ApplicationAccepted | JSONResponse:
    async def apply() -> ApplicationAccepted:
        return await service.apply(session, settings, organization, data, utcnow())

    return await idempotency.answer_once(
        session, organization.id, idempotency.APPLICATION_SCOPE, idempotency_key, data, apply
    )


@public_router.get("/manage/memberships/{token}", response_model=MyMembership, summary="My group membership")
async def get_my_membership(request: Request, session: Session, membership: LinkedMembership) -> MyMembership:
    return await _mine(request, session, membership)


@public_router.post(
    "/manage/memberships/{token}/confirm",
    response_model=MyMembership,
    summary="Confirm my application by the link in the mail",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def confirm_my_membership(
    request: Request, settings: Settings, session: Session, membership: LinkedMembership
) -> MyMembership:
    await service.confirm(session, settings, membership, utcnow())
    return await _mine(request, session, membership)


@public_router.post(
    "/manage/memberships/{token}/withdraw",
    response_model=MyMembership,
    summary="Withdraw from a group",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def withdraw_my_membership(
    request: Request, settings: Settings, session: Session, membership: LinkedMembership
) -> MyMembership:
    await service.withdraw(session, settings, membership, utcnow())
    return await _mine(request, session, membership)


async def _mine(request: Request, session: Session, membership: Membership) -> MyMembership:
    group = await service.group_of(session, membership)
    person = membership.participant
    organization = await session.get_one(Organization, membership.organization_id)
    # The group's name in the reader's language; the loaded group keeps its originals.
    texts = await translations.shown(session, organization, reader_language(request, organization), group)
    summary = GroupSummaryPublic.model_validate(group)
    summary.name, summary.field_of_action = texts.values["name"], texts.values["field_of_action"]
    summary.untranslated = texts.untranslated
    return MyMembership(
        id=membership.id,
        organization=OrganizationRef.model_validate(organization),
        group=summary,
        status=membership.status,
        role=membership.role,
        preference_rank=membership.preference_rank,
        hold_expires_at=membership.hold_expires_at,
        full_name=person.full_name,
        email=person.email,
    )


@staff_router.get("/groups/{group_id}/memberships", response_model=Page[StaffMembership], summary="A group's people")
async def list_memberships(
    session: Session,
    caller: Caller,
    group_id: uuid.UUID,
    page: Pages,
    status: Annotated[MembershipStatus | None, Query()] = None,
    q: SearchText = None,
) -> Page[StaffMembership]:
    group = await load_group(session, caller, group_id, P.people_read)
    rows, cursor = await service.list_for_group(session, caller.organization, group.id, status, q, page)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[StaffMembership.model_validate(m, context=ctx) for m in rows], next_cursor=cursor)


@staff_router.get(
    "/groups/{group_id}/memberships.csv",
    summary="A group's people as CSV for Excel (UTF-8 with BOM, semicolons)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def export_memberships(
    session: Session,
    caller: Caller,
    group_id: uuid.UUID,
    status: Annotated[MembershipStatus | None, Query()] = None,
    q: SearchText = None,
) -> Response:
    group = await load_group(session, caller, group_id, P.people_export)
    rows, _ = await service.list_for_group(session, caller.organization, group.id, status, q, None)
    return Response(
        content="\ufeff" + export.memberships_csv(rows, caller.organization.timezone),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="mitglieder.csv"'},
    )


@staff_router.post(
    "/groups/{group_id}/memberships",
    response_model=StaffMembership,
    status_code=status.HTTP_201_CREATED,
    summary="Add a person to a group (also appointed groups), with a role",
)
async def add_membership(
    request: Request,
    settings: Settings,
    session: Session,
    caller: Caller,
    group_id: uuid.UUID,
    data: StaffMembershipRequest,
) -> StaffMembership:
    group = await load_group(session, caller, group_id, P.people_write)
    membership = await service.add_by_staff(session, settings, caller, group.id, data, utcnow())
    request.state.audit_object = ("membership", membership.id)
    return StaffMembership.model_validate(membership, context={"tz": caller.organization.timezone})


@staff_router.get("/memberships/{membership_id}", response_model=StaffMembershipDetail, summary="A membership")
async def get_membership(session: Session, caller: Caller, membership: MembershipToRead) -> StaffMembershipDetail:
    return await _detail(session, caller, membership)


@staff_router.post(
    "/memberships/{membership_id}/decision",
    response_model=StaffMembershipDetail,
    summary="Accept, reject or waitlist an application",
)
async def decide_membership(
    settings: Settings, session: Session, caller: Caller, membership_id: uuid.UUID, data: MembershipDecision
) -> StaffMembershipDetail:
    membership = await load_membership(session, caller, membership_id, P.people_write)
    await service.decide(session, settings, caller, membership, data.status, data.note, utcnow())
    return await _detail(session, caller, membership)


@staff_router.patch("/memberships/{membership_id}", response_model=StaffMembershipDetail, summary="Change the role")
async def change_membership_role(
    session: Session, caller: Caller, membership_id: uuid.UUID, data: MembershipRoleChange
) -> StaffMembershipDetail:
    membership = await load_membership(session, caller, membership_id, P.people_write)
    await service.change_role(session, membership, data.role)
    return await _detail(session, caller, membership)


@staff_router.post(
    "/memberships/{membership_id}/withdraw", response_model=StaffMembershipDetail, summary="End a membership"
)
async def withdraw_membership(
    settings: Settings, session: Session, caller: Caller, membership_id: uuid.UUID, data: WithdrawRequest
) -> StaffMembershipDetail:
    membership = await load_membership(session, caller, membership_id, P.people_write)
    await service.withdraw(
        session,
        settings,
        membership,
        utcnow(),
        channel=Channel.staff,
        staff_user_id=caller.user_id,
        reason=data.reason,
    )
    return await _detail(session, caller, membership)


async def _detail(session: Session, caller: Caller, membership: Membership) -> StaffMembershipDetail:
    ctx = {"tz": caller.organization.timezone}
    detail = StaffMembershipDetail.model_validate(membership, context=ctx)
    detail.history = [
        StatusChangeOut.model_validate(c, context=ctx) for c in await transitions.history(session, membership)
    ]
    return detail
