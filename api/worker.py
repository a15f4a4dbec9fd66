"""The worker: every few seconds it runs each domain's due jobs, each job in one transaction of its own,
so one failing job neither stops the others nor leaves half its work written.

The job bodies live with their domains; the mail outbox and webhook deliveries claim their rows and
commit per message themselves (api/outbox.py), so that one slow receiver holds nothing else up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api import idempotency
from api.config import Settings
from api.db import unit_of_work, utcnow
from api.memberships.service import expire_unconfirmed
from api.notifications.delivery import deliver_due
from api.notifications.sender import MailTransport
from api.privacy.retention import erase_expired_personal_data
from api.registrations.reminders import send_due_reminders
from api.registrations.seats import expire_holds
from api.webhooks.delivery import deliver_due_webhooks

log = logging.getLogger("api.worker")

Job = Callable[[AsyncSession, Settings, datetime], Awaitable[int]]


async def forget_old_idempotency_keys(session: AsyncSession, settings: Settings, now: datetime) -> int:
    del settings  # how long a key is kept is fixed in api.idempotency
    return await idempotency.forget_old(session, now)


# In this order: a hold that ran out frees its seat before reminders go out and mails are sent.
JOBS: tuple[Job, ...] = (expire_holds, expire_unconfirmed, send_due_reminders)
DAILY_AND_HOUSEKEEPING: tuple[Job, ...] = (erase_expired_personal_data, forget_old_idempotency_keys)


async def run_job(sessionmaker: async_sessionmaker[AsyncSession], job: Job, settings: Settings, now: datetime) -> int:
    """Runs one job body in a unit of work of its own; returns how many things it did."""
    async with unit_of_work(sessionmaker) as session:
        return await job(session, settings, now)


async def run_once(
    sessionmaker: async_sessionmaker[AsyncSession], transport: MailTransport, settings: Settings
) -> None:
    now = utcnow()
    for job in JOBS:
        await run_job(sessionmaker, job, settings, now)
    await deliver_due(sessionmaker, transport, settings, utcnow())
    await deliver_due_webhooks(sessionmaker, settings, utcnow())
    for job in DAILY_AND_HOUSEKEEPING:
        await run_job(sessionmaker, job, settings, utcnow())


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
