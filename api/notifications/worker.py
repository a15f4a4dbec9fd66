"""The worker: sends the outbox after commit, expires held seats, sends reminders.

Each outbox row is claimed for a while before it is sent (FOR UPDATE SKIP LOCKED on PostgreSQL, so
several workers never take the same row). A worker that crashes mid-send leaves its claim to run out;
another worker then retries, so no mail is lost. A mail can only be sent twice if the crash falls
between the SMTP server's "accepted" and our commit; the Message-ID stays the same then.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api import idempotency
from api.config import Settings
from api.db import utcnow
from api.events.models import Event, EventStatus
from api.integrations.webhooks.delivery import deliver_due_webhooks
from api.notifications import compose
from api.notifications.models import OutboxMessage, OutboxStatus
from api.notifications.sender import MailTransport, SendFailed
from api.notifications.templates import MailKind
from api.outbox import claim_due
from api.privacy.service import erase_expired_personal_data
from api.registrations import lifecycle
from api.registrations.models import Registration, RegistrationStatus

log = logging.getLogger("api.worker")
CLAIM = timedelta(minutes=5)
BATCH = 50


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes, at most 6 hours between tries: twelve tries span more than a day."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


async def deliver_due(
    sessionmaker: async_sessionmaker[AsyncSession], transport: MailTransport, settings: Settings, now: datetime
) -> int:
    """Sends what is due; returns how many mails went out."""
    claimed = await claim_due(sessionmaker, OutboxMessage, OutboxStatus.pending, now, hold=CLAIM, batch=BATCH)
    sent = 0
    for message_id in claimed:
        async with sessionmaker() as session:
            message = await session.get(OutboxMessage, message_id)
            if message is None:  # erased with its person after we claimed it: nothing to send
                continue
            try:
                await transport.send(message)
            except SendFailed as exc:
                _record_failure(message, settings, str(exc), exc.permanent, now)
            else:
                message.status, message.sent_at, message.claimed_until = OutboxStatus.sent, utcnow(), None
                message.attempts += 1
                sent += 1
            await session.commit()
    return sent


def _record_failure(message: OutboxMessage, settings: Settings, reason: str, permanent: bool, now: datetime) -> None:
    message.attempts += 1
    message.last_error = reason[:1000]
    message.claimed_until = None
    if permanent or message.attempts >= settings.mail_max_attempts:
        message.status = OutboxStatus.failed
        log.warning("mail %s failed for good after %d attempts: %s", message.id, message.attempts, reason)
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        log.info("mail %s failed (%s); retry at %s", message.id, reason, message.next_attempt_at.isoformat())


async def expire_holds(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> int:
    async with sessionmaker() as session:
        expired = await lifecycle.expire_holds(session, settings, now)
        await session.commit()
        return expired


async def send_reminders(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> int:
    """Confirmed people get a reminder (with the online access details) the lead time before the start."""
    async with sessionmaker() as session:
        due = await session.scalars(
            select(Registration)
            .join(Event, Event.id == Registration.event_id)
            .where(
                Registration.status == RegistrationStatus.confirmed,
                Registration.reminder_sent_at.is_(None),
                Event.status == EventStatus.published,
                Event.starts_at > now,
                Event.starts_at <= now + timedelta(hours=settings.reminder_lead_hours),
            )
            .limit(500)
        )
        reminded = 0
        for registration in due.all():
            registration.reminder_sent_at = now
            await compose.registration_mail(session, settings, MailKind.reminder, registration)
            reminded += 1
        await session.commit()
        return reminded


async def erase_expired(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, now: datetime) -> int:
    """Erases the people whose retention period ran out (at most once a day per city)."""
    async with sessionmaker() as session:
        erased = await erase_expired_personal_data(session, settings, now)
        await session.commit()
        return erased


async def run_once(
    sessionmaker: async_sessionmaker[AsyncSession], transport: MailTransport, settings: Settings
) -> None:
    now = utcnow()
    await expire_holds(sessionmaker, settings, now)
    await send_reminders(sessionmaker, settings, now)
    await deliver_due(sessionmaker, transport, settings, utcnow())
    await deliver_due_webhooks(sessionmaker, settings, utcnow())
    await erase_expired(sessionmaker, settings, utcnow())
    await forget_old_idempotency_keys(sessionmaker, utcnow())


async def forget_old_idempotency_keys(sessionmaker: async_sessionmaker[AsyncSession], now: datetime) -> int:
    async with sessionmaker() as session:
        forgotten = await idempotency.forget_old(session, now)
        await session.commit()
        return forgotten


async def run_forever(
    sessionmaker: async_sessionmaker[AsyncSession], transport: MailTransport, settings: Settings
) -> None:
    log.info("worker started: every %.0f s", settings.worker_interval_seconds)
    while True:
        try:
            await run_once(sessionmaker, transport, settings)
        except Exception:
            log.exception("worker round failed; trying again next round")
        await asyncio.sleep(settings.worker_interval_seconds)
