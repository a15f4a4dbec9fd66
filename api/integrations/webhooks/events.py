"""The event types a subscription can ask for, and which status change announces which."""

from __future__ import annotations

import enum


class WebhookEventType(enum.StrEnum):
    event_published = "event.published"
    event_updated = "event.updated"
    event_cancelled = "event.cancelled"
    event_postponed = "event.postponed"
    registration_created = "registration.created"
    registration_confirmed = "registration.confirmed"
    registration_waitlisted = "registration.waitlisted"
    registration_promoted = "registration.promoted"
    registration_cancelled = "registration.cancelled"
    registration_expired = "registration.expired"
    registration_checked_in = "registration.checked_in"
    registration_no_show = "registration.no_show"
    membership_applied = "membership.applied"
    membership_accepted = "membership.accepted"
    membership_waitlisted = "membership.waitlisted"
    membership_rejected = "membership.rejected"
    membership_withdrawn = "membership.withdrawn"


# Sent only by "send test event"; nobody subscribes to it.
TEST_EVENT = "webhook.test"

_REGISTRATION = {
    "pending": WebhookEventType.registration_created,
    "confirmed": WebhookEventType.registration_confirmed,
    "waitlisted": WebhookEventType.registration_waitlisted,
    "cancelled": WebhookEventType.registration_cancelled,
    "expired": WebhookEventType.registration_expired,
    "attended": WebhookEventType.registration_checked_in,
    "no_show": WebhookEventType.registration_no_show,
}
_MEMBERSHIP = {
    "applied": WebhookEventType.membership_applied,
    "member": WebhookEventType.membership_accepted,
    "waitlisted": WebhookEventType.membership_waitlisted,
    "rejected": WebhookEventType.membership_rejected,
    "withdrawn": WebhookEventType.membership_withdrawn,
}
_LEFT_WAITING_LIST = ("waitlisted",)


def registration_event(before: str | None, after: str) -> WebhookEventType | None:
    """A seat offered to, or given to, someone from the waiting list is a promotion."""
    if before in _LEFT_WAITING_LIST and after in ("offered", "confirmed", "pending"):
        return WebhookEventType.registration_promoted
    if after == "offered":
        return None  # an offer made anew (after a lapsed one) is no news to a receiver
    return _REGISTRATION.get(after)


def membership_event(before: str | None, after: str) -> WebhookEventType | None:
    del before  # the new status says it all for memberships
    return _MEMBERSHIP.get(after)
