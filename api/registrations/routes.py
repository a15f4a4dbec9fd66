from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from api import idempotency
from api.authz import P
from api.db import utcnow
from api.deps import Caller, Pages, PublicOrganization, SearchText, Session, Settings, reader_language
from api.events.dependencies import load_event
from api.events.schemas import EventSummaryPublic
from api.lifecycle import transitions
from api.lifecycle.schemas import StatusChangeOut
from api.organizations.models import Organization
from api.pagination import Page
from api.participants.models import Channel, StakeholderCategory
from api.ratelimit import rate_limit
from api.registrations import export, office, signup
from api.registrations.dependencies import (
    LinkedRegistration,
    RegistrationToRead,
    load_registration,
)
from api.registrations.models import ACTIVE, Registration, RegistrationStatus
from api.registrations.office import RegistrationFilters
from api.registrations.schemas import (
    AnswersUpdate,
    CancelRequest,
    CheckInRequest,
    MyRegistration,
    PromoteRequest,
    SignUpAccepted,
    SignUpRequest,
    StaffRegistration,
    StaffRegistrationDetail,
    StaffRegistrationRequest,
)
from api.schemas import CalendarLinks
from api.translations import service as translations

public_router = APIRouter(tags=["public: sign-up"])
staff_router = APIRouter(prefix="/staff", tags=["staff: registrations"])


@public_router.post(
    "/orgs/{org_slug}/events/{event_id}/registrations",
    response_model=SignUpAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Sign up for an event (double opt-in by e-mail)",
    dependencies=[Depends(rate_limit("signup", "rate_limit_signup"))],
    openapi_extra={"x-rate-limited": True},
)
async def sign_up_for_event(
    request: Request,
    settings: Settings,
    session: Session,
    organization: PublicOrganization,
    event_id: uuid.UUID,
    data: SignUpRequest,
    idempotency_key: idempotency.IdempotencyKey = None,
) -> SignUpAccepted | JSONResponse:
    async def sign_up() -> SignUpAccepted:
        client = request.client.host if request.client else None  # the socket peer, as for the rate limits
        accepted = await signup.sign_up(session, settings, organization, event_id, data, utcnow(), client)
        return SignUpAccepted.model_validate(accepted.model_dump(), context={"tz": organization.timezone})

    scope = idempotency.signup_scope(event_id)
    return await idempotency.answer_once(session, organization.id, scope, idempotency_key, data, sign_up)


@public_router.get("/manage/registrations/{token}", response_model=MyRegistration, summary="My registration")
async def get_my_registration(
    request: Request, settings: Settings, session: Session, registration: LinkedRegistration
) -> MyRegistration:
    return await _my_registration(request, settings, session, registration)


@public_router.post(
    "/manage/registrations/{token}/confirm",
    response_model=MyRegistration,
    summary="Confirm my sign-up or accept the offered seat",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def confirm_my_registration(
    request: Request, settings: Settings, session: Session, registration: LinkedRegistration
) -> MyRegistration:
    await signup.confirm(session, settings, registration, utcnow())
    return await _my_registration(request, settings, session, registration)


@public_router.patch("/manage/registrations/{token}", response_model=MyRegistration, summary="Change my answers")
async def change_my_answers(
    request: Request, settings: Settings, session: Session, registration: LinkedRegistration, data: AnswersUpdate
) -> MyRegistration:
    await signup.change_answers(session, registration, data.answers, utcnow())
    return await _my_registration(request, settings, session, registration)


@public_router.post(
    "/manage/registrations/{token}/cancel",
    response_model=MyRegistration,
    summary="Cancel my registration",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def cancel_my_registration(
    request: Request, settings: Settings, session: Session, registration: LinkedRegistration
) -> MyRegistration:
    await signup.cancel_by_person(session, settings, registration, utcnow())
    return await _my_registration(request, settings, session, registration)


async def _my_registration(
    request: Request, settings: Settings, session: Session, registration: Registration
) -> MyRegistration:
    event = await signup.event_of(session, registration)
    tz = {"tz": event.timezone}
    participant = registration.participant
    organization = await session.get_one(Organization, registration.organization_id)
    # The event's texts in the reader's language; the loaded event keeps its originals (a change may
    # still be flushed in this transaction).
    texts = await translations.shown(session, organization, reader_language(request, organization), event)
    summary = EventSummaryPublic.model_validate(event, context=tz)
    summary.title = texts.values["title"]
    summary.status_reason = texts.values["status_reason"]
    summary.untranslated = texts.untranslated
    # A cancelled or expired sign-up has no date to keep: nothing to add to a calendar.
    calendar = (
        CalendarLinks.of(settings, f"/orgs/{organization.slug}/events/{event.id}.ics")
        if registration.status in ACTIVE
        else None
    )
    return MyRegistration.model_validate(
        {
            "id": registration.id,
            "status": registration.status,
            "organization": organization,
            "event": summary,
            "questions": texts.values["questions"],
            "full_name": participant.full_name,
            "email": participant.email,
            "answers": registration.answers,
            "hold_expires_at": registration.hold_expires_at,
            "waitlist_position": await signup.waitlist_position(session, registration),
            "online_access": signup.released_access(settings, registration, event, utcnow()),
            "online_access_from": signup.access_details_from(settings, event),
            "calendar": calendar,
        },
        context=tz,
    )


# --- staff --------------------------------------------------------------------------------------


def registration_filters(
    status: Annotated[RegistrationStatus | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    category: Annotated[StakeholderCategory | None, Query()] = None,
    q: SearchText = None,
) -> RegistrationFilters:
    return RegistrationFilters(status=status, channel=channel, category=category, search=q)


Filters = Annotated[RegistrationFilters, Depends(registration_filters)]


@staff_router.get("/events/{event_id}/registrations", response_model=Page[StaffRegistration], summary="Who signed up")
async def list_registrations(
    session: Session,
    caller: Caller,
    event_id: uuid.UUID,
    filters: Filters,
    page: Pages,
) -> Page[StaffRegistration]:
    event = await load_event(session, caller, event_id, P.people_read)
    rows, cursor = await office.list_for_event(session, caller.organization, event.id, filters, page)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[StaffRegistration.model_validate(r, context=ctx) for r in rows], next_cursor=cursor)


@staff_router.get(
    "/events/{event_id}/registrations.csv",
    summary="Registrations as CSV for Excel (UTF-8 with BOM, semicolons)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def export_registrations(session: Session, caller: Caller, event_id: uuid.UUID, filters: Filters) -> Response:
    event = await load_event(session, caller, event_id, P.people_export)
    rows = await office.export_rows(session, caller.organization, event.id, filters)
    text = export.registrations_csv(event.questions, rows, caller.organization.timezone)
    filename = f"anmeldungen-{event.starts_at.date().isoformat()}.csv"
    return Response(
        content="\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@staff_router.post(
    "/events/{event_id}/registrations",
    response_model=StaffRegistration,
    status_code=status.HTTP_201_CREATED,
    summary="Enter a sign-up taken by phone, e-mail or on site",
)
async def enter_registration(
    request: Request,
    settings: Settings,
    session: Session,
    caller: Caller,
    event_id: uuid.UUID,
    data: StaffRegistrationRequest,
) -> StaffRegistration:
    event = await load_event(session, caller, event_id, P.people_write)
    registration = await office.enter_for_person(session, settings, caller, event.id, data, utcnow())
    request.state.audit_object = ("registration", registration.id)
    return StaffRegistration.model_validate(registration, context={"tz": caller.organization.timezone})


@staff_router.get(
    "/registrations/{registration_id}", response_model=StaffRegistrationDetail, summary="A registration and its history"
)
async def get_registration(
    session: Session, caller: Caller, registration: RegistrationToRead
) -> StaffRegistrationDetail:
    return await _detail(session, caller, registration)


@staff_router.post(
    "/registrations/{registration_id}/check-in", response_model=StaffRegistrationDetail, summary="Check in at the door"
)
async def check_in_registration(
    session: Session, caller: Caller, registration_id: uuid.UUID, data: CheckInRequest
) -> StaffRegistrationDetail:
    registration = await load_registration(session, caller, registration_id, P.people_write)
    await office.check_in(session, caller, registration, data.attended, utcnow())
    return await _detail(session, caller, registration)


@staff_router.post(
    "/registrations/{registration_id}/cancel", response_model=StaffRegistrationDetail, summary="Cancel, with a reason"
)
async def cancel_registration(
    settings: Settings, session: Session, caller: Caller, registration_id: uuid.UUID, data: CancelRequest
) -> StaffRegistrationDetail:
    registration = await load_registration(session, caller, registration_id, P.people_write)
    await office.cancel_by_staff(session, settings, caller, registration, data.reason, utcnow())
    return await _detail(session, caller, registration)


@staff_router.post(
    "/registrations/{registration_id}/promote",
    response_model=StaffRegistrationDetail,
    summary="Move someone from the waiting list to a seat",
)
async def promote_registration(
    settings: Settings,
    session: Session,
    caller: Caller,
    registration_id: uuid.UUID,
    data: Annotated[PromoteRequest | None, Body()] = None,
) -> StaffRegistrationDetail:
    registration = await load_registration(session, caller, registration_id, P.people_write)
    await office.move_from_waitlist(
        session, settings, caller, registration, utcnow(), add_seat=bool(data and data.add_seat)
    )
    return await _detail(session, caller, registration)


async def _detail(session: Session, caller: Caller, registration: Registration) -> StaffRegistrationDetail:
    ctx = {"tz": caller.organization.timezone}
    detail = StaffRegistrationDetail.model_validate(registration, context=ctx)
    detail.history = [
        StatusChangeOut.model_validate(c, context=ctx) for c in await transitions.history(session, registration)
    ]
    return detail
