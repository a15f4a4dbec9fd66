"""Public integrations: calendar feeds, schema.org JSON-LD and open data. No personal data, no online
access details, no drafts: everything here is built from the public event and group queries."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Response

from api.calendar import feeds as calendar
from api.deps import ProcessSlug, PublicOrganization, Reading, Session, Settings
from api.errors import NotFound
from api.events import service as events
from api.groups import service as groups
from api.integrations import jsonld, opendata
from api.integrations.opendata import OpenData, OpenEvent, OpenGroup
from api.processes import service as processes
from api.translations import service as translations

router = APIRouter(prefix="/orgs/{org_slug}", tags=["public: integrations"])


def _content(media_type: str, description: str, kind: str = "string") -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {media_type: {"schema": {"type": kind}}}}}


_ICS = _content("text/calendar", "An iCalendar (RFC 5545) file; subscribe to it with its webcal:// address.")


def _ics(body: bytes, slug: str) -> Response:
    return Response(body, media_type=calendar.MEDIA_TYPE, headers={"Content-Disposition": calendar.filename(slug)})


@router.get(
    "/events.ics", response_class=Response, responses=_ICS, summary="Calendar feed of all the city's public events"
)
async def get_organization_calendar(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> Response:
    rows = await events.calendar_feed(session, organization)
    await translations.show_in(session, organization, language, rows)
    body = calendar.feed(settings, organization, rows, organization.name)
    return _ics(body, organization.slug)


@router.get(
    "/processes/{process_slug}/events.ics",
    response_class=Response,
    responses=_ICS,
    summary="Calendar feed of a process's public events",
)
async def get_process_calendar(
    settings: Settings, session: Session, organization: PublicOrganization, process_slug: ProcessSlug, language: Reading
) -> Response:
    process = await processes.get_public(session, organization, process_slug)
    rows = await events.calendar_feed(session, organization, process_id=process.id)
    await translations.show_in(session, organization, language, [process, *rows])
    body = calendar.feed(settings, organization, rows, f"{organization.name}: {process.title}")
    return _ics(body, process.slug)


@router.get(
    "/groups/{group_id}/events.ics",
    response_class=Response,
    responses=_ICS,
    summary="Calendar feed of a working group's meetings",
)
async def get_group_calendar(
    settings: Settings, session: Session, organization: PublicOrganization, group_id: uuid.UUID, language: Reading
) -> Response:
    group = await groups.get_public(session, organization, group_id)
    rows = await events.calendar_feed(session, organization, group_id=group.id)
    await translations.show_in(session, organization, language, [group, *rows])
    body = calendar.feed(settings, organization, rows, f"{organization.name}: {group.name}")
    return _ics(body, group.slug)


@router.get(
    "/events/{event_id}.ics", response_class=Response, responses=_ICS, summary="One public event as a calendar file"
)
async def get_event_calendar(
    settings: Settings, session: Session, organization: PublicOrganization, event_id: uuid.UUID, language: Reading
) -> Response:
    event = await events.get_public(session, organization, event_id)
    await translations.show_in(session, organization, language, [event])
    body = calendar.feed(settings, organization, [event], event.title)
    return _ics(body, f"event-{event.id}")


@router.get(
    "/events/{event_id}/jsonld",
    response_class=Response,
    responses=_content(
        jsonld.MEDIA_TYPE, "A schema.org Event; embed it in a `<script type=application/ld+json>`.", "object"
    ),
    summary="A public event as schema.org JSON-LD",
)
async def get_event_jsonld(
    settings: Settings, session: Session, organization: PublicOrganization, event_id: uuid.UUID, language: Reading
) -> Response:
    event = await events.get_for_residents(session, organization, event_id)
    await translations.show_in(session, organization, language, [event])
    document = jsonld.event_jsonld(settings, organization, event)
    return Response(json.dumps(document, ensure_ascii=False), media_type=jsonld.MEDIA_TYPE)


@router.get(
    "/open-data/events.json",
    response_model=OpenData[OpenEvent],
    summary="Open data: every public event of the city (fields documented in the schema)",
)
async def get_open_events(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> OpenData[OpenEvent]:
    items = await opendata.open_events(session, settings, organization, language)
    return OpenData[OpenEvent](organization=organization.slug, fields=list(OpenEvent.model_fields), items=items)


@router.get(
    "/open-data/events.csv",
    response_class=Response,
    responses=_content("text/csv", "The same as events.json, one row per event (RFC 4180, UTF-8, commas)."),
    summary="Open data: every public event of the city as CSV",
)
async def get_open_events_csv(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> Response:
    items = await opendata.open_events(session, settings, organization, language)
    return _csv(opendata.as_csv(items, OpenEvent), f"{organization.slug}-events.csv")


@router.get(
    "/open-data/groups.json",
    response_model=OpenData[OpenGroup],
    summary="Open data: every public working group of the city (fields documented in the schema)",
)
async def get_open_groups(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> OpenData[OpenGroup]:
    items = await opendata.open_groups(session, settings, organization, language)
    return OpenData[OpenGroup](organization=organization.slug, fields=list(OpenGroup.model_fields), items=items)


@router.get(
    "/open-data/groups.csv",
    response_class=Response,
    responses=_content("text/csv", "The same as groups.json, one row per group (RFC 4180, UTF-8, commas)."),
    summary="Open data: every public working group of the city as CSV",
)
async def get_open_groups_csv(
    settings: Settings, session: Session, organization: PublicOrganization, language: Reading
) -> Response:
    items = await opendata.open_groups(session, settings, organization, language)
    return _csv(opendata.as_csv(items, OpenGroup), f"{organization.slug}-groups.csv")


def _csv(text: str, filename: str) -> Response:
    return Response(
        text, media_type=opendata.CSV_MEDIA_TYPE, headers={"Content-Disposition": f'inline; filename="{filename}"'}
    )


WIDGET_FILE = Path(__file__).parent / "widget" / "teilhabe-widget.js"
widget_router = APIRouter(include_in_schema=False)


@widget_router.get("/widget/v1.js")
async def get_widget() -> Response:
    """The embeddable widget (see api/integrations/widget/README.md). A script tag needs no CORS; the
    widget's own API calls do, and only the city's configured origins get it."""
    if not WIDGET_FILE.is_file():
        raise NotFound("There is nothing at this address.")
    return Response(WIDGET_FILE.read_bytes(), media_type="text/javascript; charset=utf-8")
