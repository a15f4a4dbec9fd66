"""schema.org `Event` JSON-LD of a public event, for the city's CMS to embed for search engines. The
virtual location is the event's page here, never the online access details."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from api.calendar.entries import event_page
from api.config import Settings
from api.db import utcnow
from api.events.models import Event, EventFormat, EventStatus
from api.organizations.models import Organization

MEDIA_TYPE = "application/ld+json"
SCHEMA = "https://schema.org/"
_STATUS = {
    EventStatus.published: "EventScheduled",
    EventStatus.cancelled: "EventCancelled",
    EventStatus.postponed: "EventPostponed",
}
_ATTENDANCE = {
    EventFormat.in_person: "OfflineEventAttendanceMode",
    EventFormat.online: "OnlineEventAttendanceMode",
    EventFormat.hybrid: "MixedEventAttendanceMode",
}
# Few seats left: at most this share of the capacity.
_LIMITED_SHARE = 0.1


def event_jsonld(settings: Settings, organization: Organization, event: Event) -> dict[str, Any]:
    tz = ZoneInfo(event.timezone)
    page = event_page(settings, organization, event)
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page,
        "url": page,
        "name": event.title,
        "startDate": event.starts_at.astimezone(tz).isoformat(),
        "endDate": event.ends_at.astimezone(tz).isoformat(),
        "eventStatus": SCHEMA + _STATUS[event.status],
        "eventAttendanceMode": SCHEMA + _ATTENDANCE[event.format],
        "location": _locations(event, page),
        "organizer": _organizer(organization),
        "isAccessibleForFree": True,
        "offers": _offer(event, page, tz),
    }
    if event.description:
        document["description"] = event.description
    if event.languages:
        document["inLanguage"] = list(event.languages)
    if event.capacity is not None:
        document["maximumAttendeeCapacity"] = event.capacity
        document["remainingAttendeeCapacity"] = event.public_seats_left
    return document


def _locations(event: Event, page: str) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if event.format in (EventFormat.in_person, EventFormat.hybrid) and event.venue_name:
        place: dict[str, Any] = {"@type": "Place", "name": event.venue_name}
        if event.venue_address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": event.venue_address}
        if event.venue_step_free is not None:
            place["amenityFeature"] = {
                "@type": "LocationFeatureSpecification",
                "name": "step-free access",
                "value": event.venue_step_free,
            }
        places.append(place)
    if event.format in (EventFormat.online, EventFormat.hybrid):
        # The page where registered people find the access details, not the meeting link itself.
        places.append({"@type": "VirtualLocation", "url": page})
    return places


def _organizer(organization: Organization) -> dict[str, Any]:
    organizer: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "name": organization.office_name or organization.name,
    }
    if organization.website:
        organizer["url"] = organization.website
    if organization.contact_email:
        organizer["email"] = organization.contact_email
    if organization.contact_phone:
        organizer["telephone"] = organization.contact_phone
    return organizer


def _offer(event: Event, page: str, tz: ZoneInfo) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": page,
        "price": "0",
        "priceCurrency": "EUR",
        "availability": SCHEMA + _availability(event),
    }
    if event.registration_opens_at:
        offer["validFrom"] = event.registration_opens_at.astimezone(tz).isoformat()
    if event.registration_closes_at:
        offer["validThrough"] = event.registration_closes_at.astimezone(tz).isoformat()
    return offer


def _availability(event: Event) -> str:
    if event.status == EventStatus.cancelled:
        return "Discontinued"
    if event.registration_open:
        seats_left = event.public_seats_left
        if seats_left == 0:
            return "SoldOut"  # a waiting list may still take names
        if event.capacity and seats_left is not None and seats_left <= event.capacity * _LIMITED_SHARE:
            return "LimitedAvailability"
        return "InStock"
    opens = event.registration_opens_at
    if event.status == EventStatus.published and opens is not None and utcnow() < opens:
        return "PreOrder"  # sign-up opens later
    return "OutOfStock"  # closed, invitation only, or postponed
