"""Subscriptions, and announcing what happened: one delivery row per interested subscription, written in
the transaction of the change itself, so a rolled-back change announces nothing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.authz import Caller
from api.config import Settings
from api.db import utcnow
from api.errors import InvalidInput, NotFound
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.participants.models import Participant
from api.schemas import changes_of
from api.webhooks import egress, signing
from api.webhooks.events import TEST_EVENT, WebhookEventType
from api.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from api.webhooks.schemas import SubscriptionCreate, SubscriptionUpdate

NEWEST_FIRST = SortKey(WebhookSubscription.created_at, WebhookSubscription.id, descending=True, parse=parse_datetime)
DELIVERIES_NEWEST_FIRST = SortKey(WebhookDelivery.created_at, WebhookDelivery.id, descending=True, parse=parse_datetime)
_NOT_FOUND = "There is no webhook subscription with this id in your organization."


def _new_secret(settings: Settings, subscription: WebhookSubscription) -> str:
    secret = signing.subscription_secret(settings, subscription.id, subscription.secret_version)
    subscription.secret_hint = signing.secret_hint(secret)
    return secret


def _check_target(settings: Settings, url: str) -> None:
    """A receiver must be an https address on the internet: a webhook must not be a way to make the server
    call its own neighbours. Checked again, with the name resolved, at every delivery (egress.py)."""
    try:
        egress.check_url(egress.Policy.of(settings), url)
    except egress.Refused as refused:
        # https-needed: not https (or not its standard port); not-public: not an address on the internet.
        kind = "https-needed" if "https" in str(refused) else "not-public"
        raise InvalidInput(refused.template, params=refused.params, field="url", kind=kind) from None


async def subscribe(
    session: AsyncSession, settings: Settings, caller: Caller, data: SubscriptionCreate
) -> tuple[WebhookSubscription, str]:
    _check_target(settings, str(data.url))
    subscription = WebhookSubscription(
        id=uuid.uuid4(),
        organization_id=caller.organization.id,
        url=str(data.url),
        description=data.description,
        event_types=[str(kind) for kind in data.event_types],
        include_personal_data=data.include_personal_data,
        secret_version=1,
        created_by_id=caller.user_id,
    )
    secret = _new_secret(settings, subscription)
    session.add(subscription)
    await session.flush()
    return subscription, secret


async def list_subscriptions(
    session: AsyncSession, caller: Caller, page: PageRequest
) -> tuple[Sequence[WebhookSubscription], str | None]:
    stmt = select(WebhookSubscription).where(WebhookSubscription.organization_id == caller.organization.id)
    return await paginate(session, stmt, NEWEST_FIRST, page)


async def get(session: AsyncSession, caller: Caller, subscription_id: uuid.UUID) -> WebhookSubscription:
    subscription = await session.get(WebhookSubscription, subscription_id)
    if subscription is None or subscription.organization_id != caller.organization.id:
        raise NotFound(_NOT_FOUND)
    return subscription


async def update(
    session: AsyncSession, settings: Settings, subscription: WebhookSubscription, data: SubscriptionUpdate
) -> None:
    changes = changes_of(data, required=("url", "event_types", "include_personal_data", "active"))
    if "url" in changes:
        changes["url"] = str(changes["url"])
        _check_target(settings, changes["url"])
    if "event_types" in changes:
        changes["event_types"] = [str(kind) for kind in changes["event_types"]]
    if changes.get("active"):
        changes["disabled_reason"] = None
    for name, value in changes.items():
        setattr(subscription, name, value)
    await session.flush()


async def rotate_secret(session: AsyncSession, settings: Settings, subscription: WebhookSubscription) -> str:
    """A new secret, in force for every delivery sent from now on (retries included)."""
    subscription.secret_version += 1
    secret = _new_secret(settings, subscription)
    await session.flush()
    return secret


async def unsubscribe(session: AsyncSession, subscription: WebhookSubscription) -> None:
    await session.delete(subscription)
    await session.flush()


async def announce(
    session: AsyncSession,
    organization_id: uuid.UUID,
    event_type: WebhookEventType,
    data: dict[str, Any],
    *,
    participant_id: uuid.UUID | None = None,
) -> int:
    """Queues `event_type` for every active subscription of the organization that asked for it. The
    person it is about (`participant_id`) is named only to subscriptions allowed personal data."""
    subscriptions = await session.scalars(
        select(WebhookSubscription).where(
            WebhookSubscription.organization_id == organization_id, WebhookSubscription.active.is_(True)
        )
    )
    interested = [s for s in subscriptions.all() if str(event_type) in s.event_types]
    person = None
    if participant_id is not None and any(s.include_personal_data for s in interested):
        person = await _person(session, participant_id)
    now = utcnow()
    for subscription in interested:
        body = dict(data)
        about = None
        if person is not None and subscription.include_personal_data:
            body["person"], about = person, participant_id
        session.add(_delivery(subscription, str(event_type), body, now, about))
    return len(interested)


async def _person(session: AsyncSession, participant_id: uuid.UUID) -> dict[str, Any]:
    participant = await session.get_one(Participant, participant_id)
    return {
        "id": str(participant.id),
        "full_name": participant.full_name,
        "email": participant.email,
        "phone": participant.phone,
        "preferred_language": participant.preferred_language,
    }


def _delivery(
    subscription: WebhookSubscription,
    event_type: str,
    data: dict[str, Any],
    now: datetime,
    participant_id: uuid.UUID | None = None,
) -> WebhookDelivery:
    delivery_id = uuid.uuid4()
    # The envelope Standard Webhooks recommends: type, timestamp, data.
    payload = {"type": event_type, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": data}
    return WebhookDelivery(
        id=delivery_id,
        organization_id=subscription.organization_id,
        subscription_id=subscription.id,
        participant_id=participant_id,
        event_type=event_type,
        payload=payload,
        next_attempt_at=now,
    )


async def send_test(session: AsyncSession, subscription: WebhookSubscription) -> WebhookDelivery:
    """A `webhook.test` delivery, so an admin can check the receiver and its signature check."""
    delivery = _delivery(subscription, TEST_EVENT, {"subscription_id": str(subscription.id)}, utcnow())
    session.add(delivery)
    await session.flush()
    return await get_delivery(session, subscription, delivery.id)


async def list_deliveries(
    session: AsyncSession, subscription: WebhookSubscription, page: PageRequest, status: DeliveryStatus | None
) -> tuple[Sequence[WebhookDelivery], str | None]:
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id)
        .options(selectinload(WebhookDelivery.log))
    )
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    return await paginate(session, stmt, DELIVERIES_NEWEST_FIRST, page)


async def get_delivery(
    session: AsyncSession, subscription: WebhookSubscription, delivery_id: uuid.UUID
) -> WebhookDelivery:
    delivery = await session.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.subscription_id == subscription.id)
        .options(selectinload(WebhookDelivery.log))
        .execution_options(populate_existing=True)
    )
    if delivery is None:
        raise NotFound("This subscription has no delivery with this id.")
    return delivery


async def redeliver(session: AsyncSession, subscription: WebhookSubscription, delivery: WebhookDelivery) -> None:
    """Sends the same message (same webhook-id, so a receiver that got it already can ignore it) again
    soon, with a fresh set of retries."""
    delivery.status = DeliveryStatus.pending
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    delivery.claimed_until = None
    if not subscription.active:
        subscription.active, subscription.disabled_reason = True, None
    await session.flush()


async def forget_person(session: AsyncSession, participant_id: uuid.UUID) -> None:
    """Erasure: deliveries that carry the person's data go, sent or not."""
    await session.execute(delete(WebhookDelivery).where(WebhookDelivery.participant_id == participant_id))
