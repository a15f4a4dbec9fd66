from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status

from api.authz import P, authorize
from api.deps import CHANGES_NOTHING, Caller, Pages, PublicOrganization, Reading, Session, Settings
from api.errors import Forbidden
from api.events import service
from api.events.dependencies import EventToChange, EventToRead, load_event
from api.events.models import Event, EventFormat, EventKind, EventStatus
from api.events.schemas import (
    EventCreate,
    EventPublic,
    EventPublish,
    EventStaff,
    EventStatusChange,
    EventUpdate,
    NoticePreview,
    NoticePreviewRequest,
    RegistrationCounts,
)
from api.events.service import EventFilters
from api.pagination import Page
from api.registrations import office as registrations
from api.schemas import SLUG_PATTERN, CalendarLinks, Day, Instant
from api.translations import service as translations

public_router = APIRouter(prefix="/orgs/{org_slug}/events", tags=["public"])
staff_router = APIRouter(prefix="/staff/events", tags=["staff: events"])
Sort = Literal["starts_at", "-starts_at"]


def event_filters(
    group_id: Annotated[uuid.UUID | None, Query(description="Only meetings of this group.")] = None,
    kind: Annotated[EventKind | None, Query()] = None,
    format: Annotated[EventFormat | None, Query()] = None,  # noqa: A002 - the API's word
    from_date: Annotated[Day | None, Query(alias="from", description="Events ending on or after this day.")] = None,
    to_date: Annotated[Day | None, Query(alias="to", description="Events starting on or before this day.")] = None,
    has_seats_left: Annotated[
        bool | None, Query(description="Only events with (true) or without (false) seats.")
    ] = None,
    sort: Annotated[Sort, Query(description="By start, soonest first; `-starts_at` for latest first.")] = "starts_at",
    updated_since: Annotated[
        Instant | None,
        Query(
            description="Delta sync: only events changed (content, status or seats) at or after this instant, "
            "past ones included. Keep the newest `updated_at` you saw minus a minute and ask again with it."
        ),
    ] = None,
) -> EventFilters:
    return EventFilters(
        group_id=group_id,
        kind=kind,
        format=format,
        from_date=from_date,
        to_date=to_date,
        has_seats_left=has_seats_left,
        updated_since=updated_since,
        newest_first=sort == "-starts_at",
    )


Filters = Annotated[EventFilters, Depends(event_filters)]


@public_router.get("", response_model=Page[EventPublic], summary="A city's published events, upcoming first")
async def list_public_events(
    session: Session,
    organization: PublicOrganization,
    page: Pages,
    filters: Filters,
    language: Reading,
    process: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=80, description="Process slug.")] = None,
) -> Page[EventPublic]:
    filters = EventFilters(**{**filters.__dict__, "process_slug": process})
    rows, cursor = await service.list_public(session, organization, filters, page)
    await translations.show_in(session, organization, language, rows)
    ctx = {"tz": organization.timezone}
    return Page(items=[EventPublic.model_validate(e, context=ctx) for e in rows], next_cursor=cursor)


@public_router.get("/{event_id}", response_model=EventPublic, summary="An event with its venue and seats left")
async def get_public_event(
    settings: Settings, session: Session, organization: PublicOrganization, event_id: uuid.UUID, language: Reading
) -> EventPublic:
    event = await service.get_for_residents(session, organization, event_id)
    await translations.show_in(session, organization, language, [event])
    answer = EventPublic.model_validate(event, context={"tz": organization.timezone})
    feed = f"/orgs/{organization.slug}/events/{event.id}.ics"
    answer.calendar = CalendarLinks.of(settings, feed)
    return answer


@staff_router.get("", response_model=Page[EventStaff], summary="Your city's events, drafts included")
async def list_events(
    session: Session,
    caller: Caller,
    page: Pages,
    filters: Filters,
    process_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[EventStatus | None, Query()] = None,
) -> Page[EventStaff]:
    authorize(caller, P.processes_read)
    filters = EventFilters(**{**filters.__dict__, "process_id": process_id, "status": status})
    rows, cursor = await service.list_for_staff(session, caller.organization, filters, page)
    return Page(items=[_for_caller(caller, e) for e in rows], next_cursor=cursor)


@staff_router.post("", response_model=EventStaff, status_code=status.HTTP_201_CREATED, summary="Create an event")
async def create_event(request: Request, session: Session, caller: Caller, data: EventCreate) -> EventStaff:
    authorize(caller, P.events_write, process_id=data.process_id, group_id=data.group_id)
    _may_set_access_details(caller, data, data.process_id, data.group_id)
    event = await service.create(session, caller.organization, data)
    request.state.audit_object = ("event", event.id)
    return await _staff_answer(session, caller, event)


@staff_router.get("/{event_id}", response_model=EventStaff, summary="An event, with its online access details")
async def get_event(session: Session, caller: Caller, event: EventToRead) -> EventStaff:
    return await _staff_answer(session, caller, event)


@staff_router.patch("/{event_id}", response_model=EventStaff, summary="Change an event")
async def update_event(
    settings: Settings, session: Session, caller: Caller, event_id: uuid.UUID, data: EventUpdate
) -> EventStaff:
    event = await load_event(session, caller, event_id, P.events_write)
    if "group_id" in data.model_fields_set:  # moving it: the caller must hold the group it moves to as well
        authorize(caller, P.events_write, process_id=event.process_id, group_id=data.group_id)
    _may_set_access_details(caller, data, event.process_id, event.group_id)
    await service.update(session, settings, caller.organization, event, data)
    return await _staff_answer(session, caller, event)


@staff_router.delete("/{event_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a draft event")
async def delete_event(session: Session, caller: Caller, event: EventToChange) -> Response:
    await service.delete(session, event)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@staff_router.post("/{event_id}/publish", response_model=EventStaff, summary="Publish an event")
async def publish_event(
    settings: Settings,
    session: Session,
    caller: Caller,
    event_id: uuid.UUID,
    data: Annotated[EventPublish | None, Body()] = None,
) -> EventStaff:
    event = await load_event(session, caller, event_id, P.events_write)
    await service.publish(session, settings, event, data.notice_note if data else None)
    return await _staff_answer(session, caller, event)


@staff_router.post(
    "/{event_id}/notice-preview",
    response_model=NoticePreview,
    summary="Before saving: who would be told of a change, postponement or cancellation",
    openapi_extra=CHANGES_NOTHING,
)
async def preview_notice(
    session: Session, caller: Caller, event: EventToChange, data: NoticePreviewRequest
) -> NoticePreview:
    aspects = await service.notice_preview(session, caller.organization, event, data.action, data.changes)
    audience = await registrations.notice_audience(session, event, aspects)
    return NoticePreview(changes=list(aspects or ()), notified=audience.notified, to_call=audience.to_call)


@staff_router.post("/{event_id}/cancel", response_model=EventStaff, summary="Cancel an event (stays visible)")
async def cancel_event(
    settings: Settings,
    session: Session,
    caller: Caller,
    event_id: uuid.UUID,
    data: Annotated[EventStatusChange | None, Body()] = None,
) -> EventStaff:
    event = await load_event(session, caller, event_id, P.events_write)
    await service.cancel(session, settings, event, data.reason if data else None, data.notice_note if data else None)
    return await _staff_answer(session, caller, event)


@staff_router.post("/{event_id}/postpone", response_model=EventStaff, summary="Postpone an event")
async def postpone_event(
    settings: Settings,
    session: Session,
    caller: Caller,
    event_id: uuid.UUID,
    data: Annotated[EventStatusChange | None, Body()] = None,
) -> EventStaff:
    event = await load_event(session, caller, event_id, P.events_write)
    await service.postpone(session, settings, event, data.reason if data else None, data.notice_note if data else None)
    return await _staff_answer(session, caller, event)


async def _staff_answer(session: Session, caller: Caller, event: Event) -> EventStaff:
    """One event for caller, with its registrations counted per status."""
    answer = _for_caller(caller, event)
    answer.registration_counts = RegistrationCounts(**await registrations.registration_counts(session, event))
    return answer


def _may_set_access_details(
    caller: Caller, data: EventCreate | EventUpdate, process_id: uuid.UUID, group_id: uuid.UUID | None
) -> None:
    """Whoever may not see the online access details may not set or replace them either."""
    if "online_access" in data.model_fields_set and not caller.can(
        P.access_details_read, process_id=process_id, group_id=group_id
    ):
        raise Forbidden("Your role does not allow setting the online access details.")


def _for_caller(caller: Caller, event: Event) -> EventStaff:
    """The event as the caller may see it: the online access details only for those who run the meeting."""
    answer = EventStaff.model_validate(event, context={"tz": caller.organization.timezone})
    if answer.online_access is not None and not caller.can(
        P.access_details_read, process_id=event.process_id, group_id=event.group_id
    ):
        answer.online_access, answer.online_access_withheld = None, True
    return answer
