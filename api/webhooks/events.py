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
