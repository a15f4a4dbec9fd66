"""Data protection (DSGVO): a person's data export and erasure, by manage link and by staff."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Response

from api.authz import P, authorize
from api.db import utcnow
from api.deps import Caller, Pages, SearchText, Session, Settings
from api.memberships.dependencies import LinkedMembership
from api.organizations.models import Organization
from api.pagination import Page
from api.participants.models import Participant
from api.privacy import people
from api.privacy.dependencies import ParticipantToServe, participant_to_serve
from api.privacy.erasure import erase
from api.privacy.export import export
from api.privacy.schemas import (
    ErasureDone,
    ErasureRequest,
    ParticipantListItem,
    PersonalDataExport,
    StaffErasureDone,
)
from api.ratelimit import rate_limit
from api.registrations.dependencies import LinkedRegistration

public_router = APIRouter(tags=["public: my data"])
staff_router = APIRouter(prefix="/staff", tags=["staff: data protection"])
_DOWNLOAD = {
    200: {"headers": {"Content-Disposition": {"description": "attachment; filename=…", "schema": {"type": "string"}}}}
}
_ERASED = (
    "Your personal data has been erased. Your sign-ups for events still to come are cancelled and your "
    "working group memberships have ended; the links in our mails no longer work."
)
_ERASED_BY_STAFF = "The person's data has been erased."


# --- the person, through any of their manage links ------------------------------------------------------


@public_router.get(
    "/manage/registrations/{token}/my-data",
    response_model=PersonalDataExport,
    summary="Download everything the city holds about me (JSON)",
    responses=_DOWNLOAD,
)
async def get_my_data_via_registration(
    session: Session, registration: LinkedRegistration, response: Response
) -> PersonalDataExport:
    return await _download(session, await people.person_of(session, registration), response)


@public_router.get(
    "/manage/memberships/{token}/my-data",
    response_model=PersonalDataExport,
    summary="Download everything the city holds about me (JSON)",
    responses=_DOWNLOAD,
)
async def get_my_data_via_membership(
    session: Session, membership: LinkedMembership, response: Response
) -> PersonalDataExport:
    return await _download(session, await people.person_of(session, membership), response)


@public_router.post(
    "/manage/registrations/{token}/erase",
    response_model=ErasureDone,
    summary="Erase all my data (cancels my sign-ups and memberships)",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def erase_me_via_registration(
    settings: Settings, session: Session, registration: LinkedRegistration
) -> ErasureDone:
    return await _erase_me(settings, session, await people.person_of(session, registration))


@public_router.post(
    "/manage/memberships/{token}/erase",
    response_model=ErasureDone,
    summary="Erase all my data (cancels my sign-ups and memberships)",
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
)
async def erase_me_via_membership(settings: Settings, session: Session, membership: LinkedMembership) -> ErasureDone:
    return await _erase_me(settings, session, await people.person_of(session, membership))


async def _erase_me(settings: Settings, session: Session, participant: Participant) -> ErasureDone:
    organization = await session.get_one(Organization, participant.organization_id)
    done = await erase(session, settings, participant, people.RESIDENT, utcnow())
    return ErasureDone.model_validate(
        {"message": _ERASED, "erased_at": done.erased_at}, context={"tz": organization.timezone}
    )


# --- caller, on a request by letter or phone ---------------------------------------------------------------


@staff_router.get(
    "/participants",
    response_model=Page[ParticipantListItem],
    summary="Find a person by name, e-mail address or phone number",
)
async def list_participants(
    session: Session, caller: Caller, page: Pages, q: SearchText = None
) -> Page[ParticipantListItem]:
    authorize(caller, P.privacy_manage)
    rows, cursor = await people.search(session, caller.organization, q, page)
    ctx = {"tz": caller.organization.timezone}
    items = [
        ParticipantListItem.model_validate(
            {**_person_fields(person), "registrations": registrations, "memberships": groups}, context=ctx
        )
        for person, registrations, groups in rows
    ]
    return Page(items=items, next_cursor=cursor)


@staff_router.get(
    "/participants/{participant_id}/export",
    response_model=PersonalDataExport,
    summary="Everything held about a person (JSON, for a request under Art. 15 DSGVO)",
    responses=_DOWNLOAD,
)
async def export_participant_data(
    session: Session, participant: ParticipantToServe, response: Response
) -> PersonalDataExport:
    return await _download(session, participant, response)


@staff_router.post(
    "/participants/{participant_id}/erase",
    response_model=StaffErasureDone,
    summary="Erase a person's data (Art. 17 DSGVO)",
)
async def erase_participant(
    settings: Settings, session: Session, caller: Caller, participant_id: uuid.UUID, data: ErasureRequest
) -> StaffErasureDone:
    participant = await participant_to_serve(session, caller, participant_id)  # after the body is checked
    # `data.reason` is for the audit trail of staff routes, which records that a reason was given, not its text.
    actor = people.Actor("staff", staff_user_id=caller.user_id)
    done = await erase(session, settings, participant, actor, utcnow())
    return StaffErasureDone.model_validate(
        {
            "message": _ERASED_BY_STAFF,
            "erased_at": done.erased_at,
            "participant_id": done.participant_id,
            "registrations_cancelled": done.registrations_cancelled,
            "memberships_withdrawn": done.memberships_withdrawn,
            "mails_deleted": done.mails_deleted,
        },
        context={"tz": caller.organization.timezone},
    )


# --- shared -------------------------------------------------------------------------------------------


async def _download(session: Session, participant: Participant, response: Response) -> PersonalDataExport:
    now = utcnow()
    data = await export(session, participant, now)
    filename = f"meine-daten-{now.date().isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return data


def _person_fields(participant: Participant) -> dict[str, object]:
    names = ("id", "full_name", "email", "phone", "affiliation", "category", "preferred_language", "created_at")
    return {name: getattr(participant, name) for name in names}
