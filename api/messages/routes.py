from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, status

from api.authz import P
from api.db import utcnow
from api.deps import CHANGES_NOTHING, Caller, Pages, Session, Settings
from api.memberships.dependencies import LinkedMembership
from api.messages import service
from api.messages.audience import People
from api.messages.models import StaffMessage
from api.messages.schemas import (
    MessageDraft,
    MessagePreference,
    Preview,
    StaffMessageDetail,
    StaffMessageOut,
    TestSent,
)
from api.organizations.models import Organization
from api.pagination import Page
from api.processes.dependencies import load_process
from api.ratelimit import rate_limit
from api.registrations.dependencies import LinkedRegistration

staff_router = APIRouter(prefix="/staff", tags=["staff: messages"])
public_router = APIRouter(tags=["public: sign-up"])


def _audit(request: Request, draft: MessageDraft, people: People) -> None:
    # Who wrote to whom and how many: the log keeps the audience and the counts, never the words.
    request.state.audit_changes = {
        "audience": draft.audience.model_dump(mode="json"),
        "languages": sorted(draft.texts),
        "recipient_count": len(people.by_mail),
        "to_call_count": len(people.to_call),
    }


@staff_router.get(
    "/processes/{process_id}/messages",
    response_model=Page[StaffMessageOut],
    summary="Messages sent to this process's people, with their delivery reports",
)
async def list_staff_messages(
    session: Session, caller: Caller, process_id: uuid.UUID, page: Pages
) -> Page[StaffMessageOut]:
    process = await load_process(session, caller, process_id, P.processes_read)
    rows, cursor = await service.list_for_process(session, caller, process, page)
    return Page(items=await _summaries(session, caller.organization, rows), next_cursor=cursor)


@staff_router.post(
    "/processes/{process_id}/messages/preview",
    response_model=Preview,
    summary="Preview a message: how many it reaches, who must be called, and each language's mail",
    openapi_extra=CHANGES_NOTHING,
)
async def preview_staff_message(
    settings: Settings, session: Session, caller: Caller, process_id: uuid.UUID, data: MessageDraft
) -> Preview:
    process = await load_process(session, caller, process_id, P.processes_read)
    target, people = await service.audience_of(session, settings, caller, process, data)
    return service.preview(settings, caller.organization, data, target, people)


@staff_router.post(
    "/processes/{process_id}/messages/test",
    response_model=TestSent,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send a message to yourself first, once per language",
)
async def test_staff_message(
    request: Request, settings: Settings, session: Session, caller: Caller, process_id: uuid.UUID, data: MessageDraft
) -> TestSent:
    process = await load_process(session, caller, process_id, P.processes_read)
    target, people = await service.audience_of(session, settings, caller, process, data)
    recipient = await service.send_test(session, settings, caller, data, target)
    _audit(request, data, people)
    return TestSent(recipient=recipient, mail_count=len(data.texts))


@staff_router.post(
    "/processes/{process_id}/messages",
    response_model=StaffMessageDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Send a message to an audience (by e-mail, at a steady pace; people without e-mail are listed)",
)
async def send_staff_message(
    request: Request, settings: Settings, session: Session, caller: Caller, process_id: uuid.UUID, data: MessageDraft
) -> StaffMessageDetail:
    process = await load_process(session, caller, process_id, P.processes_read)
    target, people = await service.audience_of(session, settings, caller, process, data)
    message = await service.send(session, settings, caller, process, data, target, people, utcnow())
    request.state.audit_object = ("message", message.id)
    _audit(request, data, people)
    return await _detail(session, settings, caller, message)


@staff_router.get("/messages/{message_id}", response_model=StaffMessageDetail, summary="A message and its delivery")
async def get_staff_message(
    settings: Settings, session: Session, caller: Caller, message_id: uuid.UUID
) -> StaffMessageDetail:
    message = await service.get_for_staff(session, caller, message_id)
    return await _detail(session, settings, caller, message)


async def _summaries(session: Session, organization: Organization, rows: Any) -> list[StaffMessageOut]:
    reports = await service.delivery_reports(session, [m.id for m in rows])
    names = await service.sender_names(session, rows)
    return [
        StaffMessageOut.model_validate(
            {
                **_fields(message),
                "subject": service.default_text(organization, message).subject,
                "languages": sorted(message.texts),
                "sender_name": names.get(message.sender_id) if message.sender_id else None,
                "delivery": reports[message.id],
            },
            context={"tz": organization.timezone},
        )
        for message in rows
    ]


async def _detail(session: Session, settings: Settings, caller: Caller, message: StaffMessage) -> StaffMessageDetail:
    [summary] = await _summaries(session, caller.organization, [message])
    to_call = await service.people_to_call(session, settings, message)
    return StaffMessageDetail.model_validate(
        {**summary.model_dump(), "texts": message.texts, "to_call": to_call},
        context={"tz": caller.organization.timezone},
    )


def _fields(message: StaffMessage) -> dict[str, Any]:
    names = ("id", "process_id", "event_id", "group_id", "audience", "created_at")
    counts = ("recipient_count", "to_call_count", "opted_out_count")
    return {name: getattr(message, name) for name in (*names, *counts)}


# --- a resident's own choice, through the manage link ------------------------------------------------


@public_router.get(
    "/manage/registrations/{token}/messages",
    response_model=MessagePreference,
    summary="Whether I get messages from the city's staff",
)
async def get_my_message_preference_by_registration(
    session: Session, registration: LinkedRegistration
) -> MessagePreference:
    return await service.preference_of(session, registration.participant_id)


@public_router.put(
    "/manage/registrations/{token}/messages",
    response_model=MessagePreference,
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
    summary="Get or stop messages from the city's staff (notices about my sign-ups always come)",
)
async def set_my_message_preference_by_registration(
    session: Session, registration: LinkedRegistration, data: MessagePreference
) -> MessagePreference:
    return await service.preference_of(session, registration.participant_id, data)


@public_router.get(
    "/manage/memberships/{token}/messages",
    response_model=MessagePreference,
    summary="Whether I get messages from the city's staff",
)
async def get_my_message_preference_by_membership(session: Session, membership: LinkedMembership) -> MessagePreference:
    return await service.preference_of(session, membership.participant_id)


@public_router.put(
    "/manage/memberships/{token}/messages",
    response_model=MessagePreference,
    dependencies=[Depends(rate_limit("confirm", "rate_limit_confirm"))],
    openapi_extra={"x-rate-limited": True},
    summary="Get or stop messages from the city's staff (notices about my memberships always come)",
)
async def set_my_message_preference_by_membership(
    session: Session, membership: LinkedMembership, data: MessagePreference
) -> MessagePreference:
    return await service.preference_of(session, membership.participant_id, data)
