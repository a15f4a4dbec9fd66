"""iCalendar feeds (RFC 5545) of an organization, a process, a group or one event: public events only."""

from __future__ import annotations

from collections.abc import Sequence

from api.calendar.entries import ics_entry
from api.calendar.ics import calendar
from api.config import Settings
from api.events.models import Event
from api.organizations.models import Organization

MEDIA_TYPE = "text/calendar; charset=utf-8"


def feed(settings: Settings, organization: Organization, events: Sequence[Event], name: str) -> bytes:
    """The calendar; with no events yet it still holds the city's VTIMEZONE (RFC 5545 wants one component),
    so a subscription made early stays valid and fills up later."""
    entries = [ics_entry(settings, organization, event) for event in events]
    return calendar(entries, name=name, timezone_when_empty=organization.timezone)


def filename(slug: str) -> str:
    return f'inline; filename="{slug}.ics"'
