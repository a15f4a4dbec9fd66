"""Rules and queries for events: kickoff, conference, workshops and group meetings."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, column, func, or_, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from api import reactions
from api.config import Settings
from api.db import flush_unique, utcnow
from api.errors import Conflict, InvalidInput, NotFound
from api.events.changes import Aspect, EventFacts, changed_aspects
from api.events.happenings import (
    EventCancelled,
    EventChanged,
    EventPostponed,
    EventResumed,
    MeetingPublished,
    SeatsAdded,
)
from api.events.models import PUBLIC_EVENT_STATUSES, Event, EventFormat, EventKind, EventStatus
from api.events.schemas import EventCreate, EventPublic, EventUpdate, NoticeAction
from api.groups import service as groups
from api.groups.models import GroupStatus, ThematicGroup
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.processes import service as processes
from api.processes.models import Process, ProcessStatus
from api.schemas import changes_of, local_to_utc, values_of
from api.webhooks import service as webhooks
from api.webhooks.events import WebhookEventType

SOONEST_FIRST = SortKey(Event.starts_at, Event.id, parse=parse_datetime)
LATEST_FIRST = SortKey(Event.starts_at, Event.id, descending=True, parse=parse_datetime)
UPCOMING_ON_PROCESS_PAGE = 50
# Calendar feeds keep a month of the past (so a cancelled meeting last week still shows as such) and
# at most this many events, soonest first.
FEED_PAST = timedelta(days=31)
FEED_LIMIT = 1000
_NOT_FOUND = "There is no event with this id in your organization."
_INSTANTS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
_VENUE_COLUMNS = {
    "name": "venue_name",
    "address": "venue_address",
    "room": "venue_room",
    "step_free": "venue_step_free",
    "notes": "venue_notes",
}
_ACCESS_COLUMNS = {
    "join_url": "online_join_url",
    "meeting_id": "online_meeting_id",
    "passcode": "online_passcode",
    "dial_in": "online_dial_in",
}


@dataclass(frozen=True)
class EventFilters:
    process_slug: str | None = None
    process_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    kind: EventKind | None = None
    format: EventFormat | None = None
    from_date: date | None = None
    to_date: date | None = None
    has_seats_left: bool | None = None
    status: EventStatus | None = None
    updated_since: datetime | None = None
    newest_first: bool = False


def public_events(organization: Organization) -> Select[tuple[Event]]:
    """Events the public may see: not drafts, of a visible process, not of a draft group."""
    return (
        select(Event)
        .join(Process, Process.id == Event.process_id)
        .outerjoin(ThematicGroup, ThematicGroup.id == Event.group_id)
        .where(
            Event.organization_id == organization.id,
            Event.status.in_(PUBLIC_EVENT_STATUSES),
            Process.status.in_(processes.PUBLIC_PROCESS_STATUSES),
            or_(Event.group_id.is_(None), ThematicGroup.status == GroupStatus.published),
        )
    )


def _filtered(stmt: Select[tuple[Event]], filters: EventFilters, tz_name: str) -> Select[tuple[Event]]:
    tz = ZoneInfo(tz_name)
    if filters.process_slug is not None:
        stmt = stmt.where(Process.slug == filters.process_slug)
    if filters.process_id is not None:
        stmt = stmt.where(Event.process_id == filters.process_id)
    if filters.group_id is not None:
        stmt = stmt.where(Event.group_id == filters.group_id)
    if filters.kind is not None:
        stmt = stmt.where(Event.kind == filters.kind)
    if filters.format is not None:
        stmt = stmt.where(Event.format == filters.format)
    if filters.status is not None:
        stmt = stmt.where(Event.status == filters.status)
    if filters.from_date is not None:
        stmt = stmt.where(Event.ends_at >= datetime.combine(filters.from_date, time.min, tzinfo=tz))
    if filters.to_date is not None:
        next_day = datetime.combine(filters.to_date + timedelta(days=1), time.min, tzinfo=tz)
        stmt = stmt.where(Event.starts_at < next_day)
    if filters.updated_since is not None:
        stmt = stmt.where(Event.updated_at >= local_to_utc(filters.updated_since, tz_name))
    # By the public count, like the answer itself: an exact filter would tell what the count hides.
    if filters.has_seats_left is True:
        stmt = stmt.where(or_(Event.capacity.is_(None), public_seats_taken() < Event.capacity))
    if filters.has_seats_left is False:
        stmt = stmt.where(Event.capacity.is_not(None), public_seats_taken() >= Event.capacity)
    return stmt


# The sign-ups' table by name only: the events domain counts its rows and does not import the sign-ups' code.
_registrations = table("registrations", column("event_id"), column("status"))


def _unconfirmed_of(event_id: Any) -> Any:
    return (
        select(func.count())
        .select_from(_registrations)
        .where(_registrations.c.event_id == event_id, _registrations.c.status == "pending")
    )


def public_seats_taken() -> Any:
    """The seats residents see as taken (Event.public_seats_left), in SQL for the seat filter."""
    return Event.seats_taken - _unconfirmed_of(Event.id).correlate(Event).scalar_subquery()


async def count_unconfirmed(session: AsyncSession, events: Sequence[Event]) -> None:
    """Gives each event its seats held for unconfirmed sign-ups, for the public count: one query for all."""
    ids = [event.id for event in events if event.capacity is not None]
    counts: dict[uuid.UUID, int] = {}
    if ids:
        rows = await session.execute(
            select(_registrations.c.event_id, func.count())
            .where(_registrations.c.event_id.in_(ids), _registrations.c.status == "pending")
            .group_by(_registrations.c.event_id)
        )
        counts = {uuid.UUID(str(event_id)): n for event_id, n in rows.all()}
    for event in events:
        event.unconfirmed_holds = counts.get(event.id, 0)  # type: ignore[attr-defined]


async def list_public(
    session: AsyncSession, organization: Organization, filters: EventFilters, page: PageRequest
) -> tuple[list[Event], str | None]:
    stmt = _filtered(public_events(organization), filters, organization.timezone)
    if filters.from_date is None and filters.to_date is None and filters.updated_since is None:
        stmt = stmt.where(Event.ends_at >= utcnow())  # upcoming unless asked otherwise
    sort = LATEST_FIRST if filters.newest_first else SOONEST_FIRST
    rows, cursor = await paginate(session, stmt, sort, page)
    await count_unconfirmed(session, rows)
    return list(rows), cursor


async def upcoming_of_process(session: AsyncSession, organization: Organization, process: Process) -> list[Event]:
    rows = await session.scalars(
        public_events(organization)
        .where(Event.process_id == process.id, Event.ends_at >= utcnow())
        .order_by(Event.starts_at, Event.id)
        .limit(UPCOMING_ON_PROCESS_PAGE)
    )
    upcoming = list(rows)
    await count_unconfirmed(session, upcoming)
    return upcoming


async def meetings_of_group(session: AsyncSession, organization: Organization, group: ThematicGroup) -> list[Event]:
    rows = await session.scalars(
        public_events(organization).where(Event.group_id == group.id).order_by(Event.starts_at, Event.id)
    )
    meetings = list(rows)
    await count_unconfirmed(session, meetings)
    return meetings


async def calendar_feed(
    session: AsyncSession,
    organization: Organization,
    *,
    process_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
) -> list[Event]:
    """What a subscribed calendar shows: public events from a month ago on, cancelled ones marked."""
    stmt = public_events(organization).where(Event.ends_at >= utcnow() - FEED_PAST)
    if process_id is not None:
        stmt = stmt.where(Event.process_id == process_id)
    if group_id is not None:
        stmt = stmt.where(Event.group_id == group_id)
    rows = await session.scalars(stmt.order_by(Event.starts_at, Event.id).limit(FEED_LIMIT))
    return list(rows)


async def get_public(session: AsyncSession, organization: Organization, event_id: uuid.UUID) -> Event:
    event = await session.scalar(public_events(organization).where(Event.id == event_id))
    if event is None:
        raise NotFound("There is no published event with this id.")
    return event


async def get_for_residents(session: AsyncSession, organization: Organization, event_id: uuid.UUID) -> Event:
    """A public event as residents see it, with the public seat count (get_public serves sign-up itself)."""
    event = await get_public(session, organization, event_id)
    await count_unconfirmed(session, [event])
    return event


async def list_for_staff(
    session: AsyncSession, organization: Organization, filters: EventFilters, page: PageRequest
) -> tuple[list[Event], str | None]:
    stmt = select(Event).join(Process, Process.id == Event.process_id).where(Event.organization_id == organization.id)
    stmt = _filtered(stmt, filters, organization.timezone)
    sort = LATEST_FIRST if filters.newest_first else SOONEST_FIRST
    rows, cursor = await paginate(session, stmt, sort, page)
    await count_unconfirmed(session, rows)
    return list(rows), cursor


async def get_for_staff(session: AsyncSession, organization: Organization, event_id: uuid.UUID) -> Event:
    event = await session.get(Event, event_id)
    if event is None or event.organization_id != organization.id:
        raise NotFound(_NOT_FOUND)
    return event


async def create(session: AsyncSession, organization: Organization, data: EventCreate) -> Event:
    process = await processes.get_for_staff(session, organization, data.process_id)
    processes.ensure_editable(process)
    event = Event(organization_id=organization.id, process_id=process.id, timezone=organization.timezone, seats_taken=0)
    _apply(event, values_of(data), data, organization)
    event.languages = event.languages or []
    event.interpretation = event.interpretation or []
    await _check_event(session, organization, event)
    session.add(event)
    await session.flush()
    return event


async def update(
    session: AsyncSession, settings: Settings, organization: Organization, event: Event, data: EventUpdate
) -> Event:
    await _lock(session, event)
    process = await session.get_one(Process, event.process_id)
    processes.ensure_editable(process)
    capacity_before, facts_before = event.capacity, EventFacts.of(event)
    changes = _changes_of(event, data)
    note = changes.pop("notice_note", None)
    _apply(event, changes, data, organization)
    announced = event.status != EventStatus.draft and bool(changes)
    if announced:
        event.sequence += 1  # calendars that have the event replace their copy
    await _check_event(session, organization, event)
    # A sign-up racing with a lower capacity is caught by the table's never_overbooked check.
    full = Conflict(
        "Seats were taken meanwhile; the capacity cannot be that low now.",
        field="capacity",
        kind="capacity-below-taken",
    )
    await flush_unique(session, full, constraint="never_overbooked")
    if event.capacity is None or (capacity_before is not None and event.capacity > capacity_before):
        await reactions.tell(session, settings, SeatsAdded(event.id, utcnow()))  # the waiting list moves up
    await session.refresh(event)
    if aspects := _told_aspects(event, facts_before):
        await reactions.tell(session, settings, EventChanged(event.id, facts_before, aspects, note))
    if announced:
        await _announce(session, event, WebhookEventType.event_updated)
    return event


async def notice_preview(
    session: AsyncSession, organization: Organization, event: Event, action: NoticeAction, data: EventUpdate | None
) -> tuple[Aspect, ...] | None:
    """What a change would report (`update`), or None when a status change tells everyone signed up (a
    postponement, a cancellation, publishing a postponed event again); an empty tuple when nobody would be
    told. Checks the change as saving it would, and saves nothing."""
    if action == "publish":
        return None if event.status == EventStatus.postponed else ()
    if action != "update":
        return None
    if data is None:
        return ()
    trial = Event(**{column.key: getattr(event, column.key) for column in Event.__mapper__.column_attrs})
    changes = _changes_of(event, data)
    changes.pop("notice_note", None)
    _apply(trial, changes, data, organization)
    await _check_event(session, organization, trial)
    return _told_aspects(trial, EventFacts.of(event))


def _changes_of(event: Event, data: EventUpdate) -> dict[str, Any]:
    if event.status == EventStatus.cancelled:
        raise Conflict("This event is cancelled and can no longer be changed.", slug="event-cancelled")
    changes = changes_of(data, required=("title", "kind", "format", "starts_at", "ends_at"))
    for listed in ("languages", "interpretation", "questions"):
        if listed in changes and changes[listed] is None:
            changes[listed] = []
    for flag in ("waitlist_enabled", "invitation_only", "childcare"):
        if flag in changes and changes[flag] is None:
            changes[flag] = False
    return changes


def _told_aspects(event: Event, before: EventFacts) -> tuple[Aspect, ...]:
    """People hear of changes to a published event; a postponed one tells its new date when it is on again,
    so that people are not mailed for every draft of it."""
    if event.status != EventStatus.published:
        return ()
    return changed_aspects(before, EventFacts.of(event))


async def _lock(session: AsyncSession, event: Event) -> None:
    """Two saves of the same change, a double click, say, run one after the other: the second sees the
    first's result, finds nothing changed and tells nobody a second time."""
    await session.refresh(event, with_for_update=True)


async def publish(session: AsyncSession, settings: Settings, event: Event, note: str | None = None) -> Event:
    await _lock(session, event)
    process = await session.get_one(Process, event.process_id)
    processes.ensure_editable(process)
    if event.status == EventStatus.cancelled:
        raise Conflict("A cancelled event cannot be published again; create a new one.", slug="event-cancelled")
    if process.status != ProcessStatus.published:
        raise Conflict(
            "Publish the process first; its events cannot be public before it is.", slug="publish-process-first"
        )
    if event.group_id is not None:
        group = await session.get_one(ThematicGroup, event.group_id)
        if group.status != GroupStatus.published:
            raise Conflict("Publish the group first; this event is one of its meetings.", slug="publish-group-first")
    if event.status != EventStatus.published:
        resumed, first_time = event.status == EventStatus.postponed, event.published_at is None
        if resumed:
            event.sequence += 1  # back on: calendars update the event they have
        event.status = EventStatus.published
        event.status_reason = None
        event.published_at = event.published_at or utcnow()
        await session.flush()
        if resumed:
            await reactions.tell(session, settings, EventResumed(event.id, note))
        if first_time and event.group_id is not None:
            await reactions.tell(session, settings, MeetingPublished(event.id, event.group_id))
        await _announce(session, event, WebhookEventType.event_published)
    return event


async def cancel(
    session: AsyncSession, settings: Settings, event: Event, reason: str | None, note: str | None = None
) -> Event:
    """A cancelled event stays visible to the public, marked as cancelled, with the reason; everyone
    signed up is told by mail."""
    await _end_publicly(session, event, EventStatus.cancelled, reason)
    await reactions.tell(session, settings, EventCancelled(event.id, reason, note))
    return event


async def postpone(
    session: AsyncSession, settings: Settings, event: Event, reason: str | None, note: str | None = None
) -> Event:
    """Postponed: the date no longer holds, the sign-ups do; everyone signed up is told by mail."""
    await _end_publicly(session, event, EventStatus.postponed, reason)
    await reactions.tell(session, settings, EventPostponed(event.id, reason, note))
    return event


async def delete(session: AsyncSession, event: Event) -> None:
    processes.ensure_editable(await session.get_one(Process, event.process_id))
    if event.status != EventStatus.draft:
        raise Conflict(
            "Only a draft event can be deleted; cancel a published one instead.", slug="only-drafts-deletable"
        )
    await session.delete(event)
    await session.flush()


async def _end_publicly(session: AsyncSession, event: Event, status: EventStatus, reason: str | None) -> Event:
    await _lock(session, event)
    process = await session.get_one(Process, event.process_id)
    processes.ensure_editable(process)
    if event.status == EventStatus.draft:
        raise Conflict("This event is a draft nobody has seen; delete it instead.", slug="draft-not-cancellable")
    if event.status == EventStatus.cancelled:
        raise Conflict("This event is cancelled already.", slug="event-cancelled-already")
    if event.status == status:  # a second click would tell everyone a second time
        raise Conflict("This event is postponed already.", slug="event-postponed-already")
    event.status = status
    event.status_reason = reason
    event.sequence += 1
    await session.flush()
    kind = WebhookEventType.event_cancelled if status == EventStatus.cancelled else WebhookEventType.event_postponed
    await _announce(session, event, kind)
    return event


def _apply(event: Event, changes: dict[str, Any], data: EventCreate | EventUpdate, org: Organization) -> None:
    for name in _INSTANTS:
        if name in changes:
            changes[name] = local_to_utc(getattr(data, name), org.timezone)
    venue = changes.pop("venue", ...)
    if venue is not ...:
        for key, column in _VENUE_COLUMNS.items():
            setattr(event, column, (venue or {}).get(key))
    access = changes.pop("online_access", ...)
    if access is not ...:
        for key, column in _ACCESS_COLUMNS.items():
            setattr(event, column, (access or {}).get(key))
    changes.pop("process_id", None)
    for name, value in changes.items():
        setattr(event, name, value)


async def _check_event(session: AsyncSession, organization: Organization, event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise InvalidInput("The event must end after it starts.", field="ends_at", kind="ends-before-start")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if closes is not None and closes > event.starts_at:
        raise InvalidInput(
            "The sign-up deadline must be before the event starts.",
            field="registration_closes_at",
            kind="deadline-after-start",
        )
    if opens is not None and opens >= event.starts_at:
        raise InvalidInput(
            "Sign-up must open before the event starts.", field="registration_opens_at", kind="opens-after-start"
        )
    if opens is not None and closes is not None and opens >= closes:
        raise InvalidInput(
            "Sign-up must open before it closes.", field="registration_closes_at", kind="opens-after-close"
        )
    has_venue = bool(event.venue_name)
    has_access = any(getattr(event, column) for column in _ACCESS_COLUMNS.values())
    if event.format in (EventFormat.in_person, EventFormat.hybrid) and not has_venue:
        raise InvalidInput("An event in person or hybrid needs a venue.", field="venue", kind="venue-needed")
    if event.format == EventFormat.online and has_venue:
        raise InvalidInput(
            "An online event has no venue; choose the hybrid format.", field="venue", kind="venue-not-online"
        )
    if event.format == EventFormat.in_person and has_access:
        raise InvalidInput(
            "Only online and hybrid events have online access details.",
            field="online_access",
            kind="access-not-in-person",
        )
    if event.capacity is not None and event.capacity < event.seats_taken:
        raise Conflict(
            "{taken} seats are taken already; the capacity cannot be lower.",
            params={"taken": event.seats_taken},
            field="capacity",
            kind="capacity-below-taken",
        )
    if event.group_id is not None:
        group = await groups.get_for_staff(session, organization, event.group_id)
        if group.process_id != event.process_id:
            raise InvalidInput("This group belongs to another process.", field="group_id", kind="other-process")


async def _announce(session: AsyncSession, event: Event, event_type: WebhookEventType) -> None:
    """Tells webhook subscribers about an event: its public fields, never its online access details."""
    organization = await session.get_one(Organization, event.organization_id)
    public = EventPublic.model_validate(event, context={"tz": organization.timezone})
    data = {"organization": organization.slug, "event": public.model_dump(mode="json")}
    await webhooks.announce(session, event.organization_id, event_type, data)


def access_details(event: Event) -> Mapping[str, str] | None:
    """The online access details, for confirmed people only (mails and the manage page)."""
    if event.format == EventFormat.in_person:
        return None
    access = {
        "join_url": event.online_join_url,
        "meeting_id": event.online_meeting_id,
        "passcode": event.online_passcode,
        "dial_in": event.online_dial_in,
    }
    return {key: value for key, value in access.items() if value} or None
