"""Sending the mail outbox after commit (a job of api.worker).

Each outbox row is claimed for a while before it is sent (FOR UPDATE SKIP LOCKED on PostgreSQL, so
several workers never take the same row). A worker that crashes mid-send leaves its claim to run out;
another worker then retries, so no mail is lost. A mail can only be sent twice if the crash falls
between the SMTP server's "accepted" and our commit; the Message-ID stays the same then.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.db import unit_of_work, utcnow
from api.notifications.models import OutboxMessage, OutboxStatus
from api.notifications.sender import MailTransport, SendFailed
from api.outbox import claim_due

log = logging.getLogger("api.worker")  # the worker's log, as before the move
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
        async with unit_of_work(sessionmaker) as session:
            sent += await _send_one(session, transport, settings, message_id, now)
    return sent


async def _send_one(
    session: AsyncSession, transport: MailTransport, settings: Settings, message_id: object, now: datetime
) -> int:
    message = await session.get(OutboxMessage, message_id)
    if message is None:  # erased with its person after we claimed it: nothing to send
        return 0
    try:
        await transport.send(message)
    except SendFailed as exc:
        message.bounced = exc.bounced
        _record_failure(message, settings, str(exc), exc.permanent, now)
        return 0
    message.status, message.sent_at, message.claimed_until = OutboxStatus.sent, utcnow(), None
    message.attempts += 1
    return 1


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
