"""Sends queued webhook deliveries: signed per Standard Webhooks, retried with back-off for more than a
day, logged per attempt. A receiver answering 410 Gone has unsubscribed: its subscription is disabled.

Rows are claimed like the mail outbox (FOR UPDATE SKIP LOCKED on PostgreSQL), so several workers never
send the same delivery at once; a delivery is sent again only when no 2xx came back for it.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.db import unit_of_work, utcnow
from api.outbox import claim_due
from api.webhooks import egress, signing
from api.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription

log = logging.getLogger("api.webhooks")
# The schedule Standard Webhooks suggests: after the first try, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
# (about 27.5 hours in all) before giving up.
RETRY_AFTER = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
CLAIM = timedelta(minutes=2)
BATCH = 50
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_GONE = 410


async def deliver_due_webhooks(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    now: datetime,
    client: httpx.AsyncClient | None = None,
    resolver: egress.Resolver | None = None,
) -> int:
    """Sends what is due; returns how many deliveries a receiver accepted. (`resolver` stands in for DNS in
    tests.)"""
    claimed = await claim_due(sessionmaker, WebhookDelivery, DeliveryStatus.pending, now, hold=CLAIM, batch=BATCH)
    if not claimed:
        return 0
    accepted = 0
    async with _client(client) as http:
        for delivery_id in claimed:
            async with unit_of_work(sessionmaker) as session:
                accepted += await _send_one(session, settings, http, delivery_id, resolver)
    return accepted


@asynccontextmanager
async def _client(given: httpx.AsyncClient | None) -> AsyncIterator[httpx.AsyncClient]:
    """The given client (tests) or one for this round; redirects are never followed."""
    if given is not None:
        yield given
        return
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
        yield client


async def _send_one(
    session: AsyncSession,
    settings: Settings,
    http: httpx.AsyncClient,
    delivery_id: uuid.UUID,
    resolver: egress.Resolver | None = None,
) -> int:
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status != DeliveryStatus.pending:
        return 0  # erased with its person, or settled by a redelivery meanwhile
    subscription = await session.get_one(WebhookSubscription, delivery.subscription_id)
    if not subscription.active:
        _give_up(delivery, "The subscription is disabled.")
        return 0
    status_code, error, duration_ms = await _post(settings, http, subscription, delivery, resolver)
    delivery.attempts += 1
    delivery.claimed_until = None
    delivery.last_status_code, delivery.last_error = status_code, error
    session.add(
        WebhookAttempt(
            delivery_id=delivery.id,
            number=delivery.attempts,
            at=utcnow(),
            status_code=status_code,
            error=error,
            duration_ms=duration_ms,
        )
    )
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.delivered_at = DeliveryStatus.delivered, utcnow()
        return 1
    if status_code == _GONE:
        await _disable(session, subscription, delivery)
    elif delivery.attempts >= MAX_ATTEMPTS:
        _give_up(delivery, error)
    else:
        delivery.next_attempt_at = utcnow() + RETRY_AFTER[delivery.attempts - 1]
    return 0


async def _post(
    settings: Settings,
    http: httpx.AsyncClient,
    subscription: WebhookSubscription,
    delivery: WebhookDelivery,
    resolver: egress.Resolver | None,
) -> tuple[int | None, str | None, int]:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    secret = signing.subscription_secret(settings, subscription.id, subscription.secret_version)
    headers = signing.headers(secret, str(delivery.id), int(time.time()), body)
    started = time.perf_counter()
    try:
        target = await egress.resolve_target(egress.Policy.of(settings), subscription.url, resolver)
        response = await http.post(
            target.url,
            content=body,
            headers={**headers, "Host": _host_header(subscription.url, target.host)},
            timeout=TIMEOUT,
            extensions={"sni_hostname": target.host},
        )
    except (egress.Refused, httpx.HTTPError) as exc:
        # One message for a blocked address, no such host, refused, reset and timeout alike: the delivery
        # log must not tell an admin which internal hosts and ports exist. The cause goes to the server log.
        log.info("webhook delivery %s not sent: %s", delivery.id, type(exc).__name__)
        return None, egress.UNREACHABLE, _elapsed_ms(started)
    error = None if response.is_success else f"The receiver answered {response.status_code}."
    return response.status_code, error, _elapsed_ms(started)


def _host_header(url: str, host: str) -> str:
    name = f"[{host}]" if ":" in host else host
    port = urlsplit(url).port
    return f"{name}:{port}" if port is not None else name


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _give_up(delivery: WebhookDelivery, reason: str | None) -> None:
    delivery.status, delivery.claimed_until = DeliveryStatus.failed, None
    delivery.last_error = reason
    log.warning("webhook delivery %s failed for good after %d attempts: %s", delivery.id, delivery.attempts, reason)


async def _disable(session: AsyncSession, subscription: WebhookSubscription, delivery: WebhookDelivery) -> None:
    """410 Gone: the receiver wants nothing more. Nothing else is sent until an admin re-enables it."""
    subscription.active = False
    subscription.disabled_reason = f"The receiver answered 410 Gone on {utcnow():%Y-%m-%d %H:%M} UTC."
    _give_up(delivery, "The receiver answered 410 Gone; the subscription is disabled.")
    await session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.subscription_id == subscription.id,
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.id != delivery.id,
        )
        .values(status=DeliveryStatus.failed, last_error="The subscription was disabled (410 Gone).")
        .execution_options(synchronize_session=False)
    )
