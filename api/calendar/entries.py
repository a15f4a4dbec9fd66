"""An event as calendars see it (RFC 5545), and the words and address that name where and what it is."""

from __future__ import annotations

from typing import Protocol

from api.calendar.ics import IcsEvent, calendar
from api.config import Settings
from api.events.models import Event, EventFormat
from api.notifications.templates import translate
from api.organizations.models import Organization


def event_page(settings: Settings, organization: Organization, event: Event) -> str:
    return f"{settings.public_base_url.rstrip('/')}/{organization.slug}/events/{event.id}"


class Place(Protocol):
    """An event's place, or how it stood before a change (api.events.changes.EventFacts)."""

    format: EventFormat
    venue_name: str | None
    venue_room: str | None
    venue_address: str | None
    venue_step_free: bool | None


def step_free_note(place: Place, language: str) -> str | None:
    """Whether the venue is step-free, where that is known and there is a venue."""
    if place.format == EventFormat.online or place.venue_step_free is None:
        return None
    # The words come from the mails' catalogue: they appear in mails in the person's language.
    return translate(language, "step-free" if place.venue_step_free else "not step-free")


def event_where(event: Place, language: str) -> str:
    venue = ", ".join(part for part in (event.venue_name, event.venue_room, event.venue_address) if part)
    if event.format == EventFormat.online:
        return translate(language, "Online")
    if event.format == EventFormat.hybrid:
        return translate(language, "{venue} – and online", venue=venue)
    return venue


_ICS_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def event_ics(settings: Settings, organization: Organization, event: Event) -> str:
    return calendar([ics_entry(settings, organization, event)]).decode()


def ics_entry(settings: Settings, organization: Organization, event: Event) -> IcsEvent:
    """The event as calendars see it; its UID never changes, its SEQUENCE rises with every change."""
    return IcsEvent(
        uid=f"{event.id}@teilhabe",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        description=event.description,
        location=event_where(event, "de"),
        url=event_page(settings, organization, event),
        status=_ICS_STATUS.get(event.status, "CONFIRMED"),
        sequence=event.sequence,
        last_modified=event.updated_at,
        organizer_name=organization.office_name or organization.name,
        organizer_email=organization.contact_email,
    )
