"""What a webhook says about a change: ids, statuses and public fields (never online access details).
The person's own data is added by `service.announce` only for subscriptions allowed to receive it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.events.models import Event
from api.events.schemas import EventPublic
from api.integrations.webhooks import service
from api.integrations.webhooks.events import WebhookEventType, membership_event, registration_event
from api.memberships.models import Membership
from api.organizations.models import Organization
from api.registrations.models import Registration


async def announce_event(session: AsyncSession, event: Event, event_type: WebhookEventType) -> None:
    organization = await session.get_one(Organization, event.organization_id)
    public = EventPublic.model_validate(event, context={"tz": organization.timezone})
    data = {"organization": organization.slug, "event": public.model_dump(mode="json")}
    await service.announce(session, event.organization_id, event_type, data)


async def announce_status_change(
    session: AsyncSession,
    subject: Registration | Membership,
    before: str | None,
    after: str,
    channel: str,
    at: datetime,
) -> None:
    """Called wherever a registration or membership changes status (lifecycle.transition and the two
    places that create them), so every recorded step can reach a receiver."""
    if isinstance(subject, Registration):
        event_type = registration_event(before, after)
        data: dict[str, Any] = {"registration_id": str(subject.id), "event_id": str(subject.event_id)}
    else:
        event_type = membership_event(before, after)
        data = {"membership_id": str(subject.id), "group_id": str(subject.group_id)}
    if event_type is None:
        return
    data |= {"status": after, "previous_status": before, "channel": channel, "changed_at": _iso(at)}
    participant_id: uuid.UUID = subject.participant_id
    await service.announce(session, subject.organization_id, event_type, data, participant_id=participant_id)


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")
