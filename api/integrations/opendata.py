"""Open data: an organization's public events and groups as JSON and CSV, with a documented field list
(the models below; their descriptions are the documentation in openapi.yaml and the README)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.entries import event_page
from api.config import Settings
from api.events import service as events
from api.events.models import Event, EventFormat
from api.events.service import public_events
from api.groups.models import GroupStatus, ThematicGroup
from api.organizations.models import Organization
from api.processes.models import Process
from api.processes.service import PUBLIC_PROCESS_STATUSES
from api.translations import service as translations

T = TypeVar("T")
LICENSE = "https://www.govdata.de/dl-de/zero-2-0"  # Datenlizenz Deutschland – Zero – 2.0
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Open data covers everything public; a city has some hundred events over a process, not millions.
MAX_ROWS = 5000


class OpenEvent(BaseModel):
    id: uuid.UUID
    process_slug: str = Field(description="The process (Beteiligungsprozess) the event belongs to.")
    group_id: uuid.UUID | None = Field(description="The working group whose meeting it is, if any.")
    title: str
    kind: str = Field(description="kickoff, conference, workshop, group_meeting, citizen_dialogue, …")
    format: str = Field(description="in_person, online or hybrid.")
    status: str = Field(description="published, cancelled or postponed.")
    starts_at: datetime = Field(description="Start, ISO 8601 with the city's offset.")
    ends_at: datetime
    timezone: str
    venue_name: str | None
    venue_address: str | None
    step_free: bool | None = Field(description="Step-free access to the venue; empty when unknown.")
    online: bool = Field(description="Can be joined online (online or hybrid).")
    capacity: int | None = Field(description="Seats; empty when unlimited.")
    seats_left: int | None
    registration_closes_at: datetime | None = Field(description="Sign-up deadline.")
    languages: list[str] = Field(description="Languages spoken (ISO 639-1); in CSV joined with `|`.")
    childcare: bool
    url: str = Field(description="The event's page, with the sign-up form.")
    updated_at: datetime


class OpenGroup(BaseModel):
    id: uuid.UUID
    process_slug: str
    name: str
    kind: str = Field(description="working_group, steering_group, forum or expert_round.")
    field_of_action: str | None = Field(description="Handlungsfeld, e.g. education, work, housing.")
    membership_mode: str = Field(description="open, application or appointed.")
    capacity: int | None
    places_left: int | None
    signup_deadline: datetime | None
    url: str = Field(description="The group's page.")
    updated_at: datetime


class OpenData(BaseModel, Generic[T]):
    organization: str = Field(description="The city's slug.")
    license: str = Field(default=LICENSE, description="Datenlizenz Deutschland – Zero – Version 2.0.")
    fields: list[str] = Field(description="The field names, in the order of the CSV columns.")
    items: list[T]


async def open_events(
    session: AsyncSession, settings: Settings, organization: Organization, language: str
) -> list[OpenEvent]:
    rows = await session.execute(
        public_events(organization).add_columns(Process.slug).order_by(Event.starts_at, Event.id).limit(MAX_ROWS)
    )
    tz = organization.timezone
    found = rows.all()
    await events.count_unconfirmed(session, [event for event, _ in found])
    await translations.show_in(session, organization, language, [event for event, _ in found])
    return [_open_event(settings, organization, event, slug, tz) for event, slug in found]


def _open_event(settings: Settings, organization: Organization, event: Event, slug: str, tz: str) -> OpenEvent:
    zone = ZoneInfo(tz)
    return OpenEvent(
        id=event.id,
        process_slug=slug,
        group_id=event.group_id,
        title=event.title,
        kind=str(event.kind),
        format=str(event.format),
        status=str(event.status),
        starts_at=event.starts_at.astimezone(zone),
        ends_at=event.ends_at.astimezone(zone),
        timezone=event.timezone,
        venue_name=event.venue_name,
        venue_address=event.venue_address,
        step_free=event.venue_step_free,
        online=event.format != EventFormat.in_person,
        capacity=event.capacity,
        seats_left=event.public_seats_left,
        registration_closes_at=event.registration_closes_at.astimezone(zone) if event.registration_closes_at else None,
        languages=list(event.languages or []),
        childcare=event.childcare,
        url=event_page(settings, organization, event),
        updated_at=event.updated_at.astimezone(zone),
    )


async def open_groups(
    session: AsyncSession, settings: Settings, organization: Organization, language: str
) -> list[OpenGroup]:
    zone = ZoneInfo(organization.timezone)
    rows = await session.execute(
        select(ThematicGroup, Process.slug)
        .join(Process, Process.id == ThematicGroup.process_id)
        .where(
            ThematicGroup.organization_id == organization.id,
            ThematicGroup.status == GroupStatus.published,
            Process.status.in_(PUBLIC_PROCESS_STATUSES),
        )
        .order_by(Process.slug, ThematicGroup.name, ThematicGroup.id)
        .limit(MAX_ROWS)
    )
    found = rows.all()
    await translations.show_in(session, organization, language, [group for group, _ in found])
    base = settings.public_base_url.rstrip("/")
    return [
        OpenGroup(
            id=group.id,
            process_slug=slug,
            name=group.name,
            kind=str(group.kind),
            field_of_action=group.field_of_action,
            membership_mode=str(group.membership_mode),
            capacity=group.capacity,
            places_left=group.places_left,
            signup_deadline=group.signup_deadline.astimezone(zone) if group.signup_deadline else None,
            url=f"{base}/{organization.slug}/groups/{group.id}",
            updated_at=group.updated_at.astimezone(zone),
        )
        for group, slug in found
    ]


def as_csv(items: Sequence[BaseModel], model: type[BaseModel]) -> str:
    """RFC 4180 CSV, comma-separated, UTF-8, one header row: what open-data portals read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = list(model.model_fields)
    writer.writerow(names)
    for item in items:
        row = item.model_dump(mode="json")
        writer.writerow([_cell(row[name]) for name in names])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
