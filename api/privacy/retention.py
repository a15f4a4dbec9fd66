"""Data protection (DSGVO): the retention job erases people whose events and groups ended longer ago
than their city keeps data (a job of api.worker)."""

from __future__ import annotations

import calendar
import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.config import Settings
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.memberships.models import Membership
from api.organizations.models import Organization
from api.participants.models import Participant
from api.privacy.erasure import erase
from api.privacy.people import SYSTEM, not_erased
from api.processes.models import Process
from api.registrations.models import Registration

log = logging.getLogger("api.privacy")

RETENTION_ACTION = "erase_expired_personal_data"
# The retention job runs at most once a day per city (the worker calls it every few seconds) …
RETENTION_INTERVAL = timedelta(hours=24)
# … and erases at most this many people per city and run; the next run goes on at once if there are more.
RETENTION_BATCH = 200


def months_before(instant: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    year, month = divmod(instant.year * 12 + instant.month - 1 - months, 12)
    day = min(instant.day, calendar.monthrange(year, month + 1)[1])
    return instant.replace(year=year, month=month + 1, day=day)


async def erase_expired_personal_data(session: AsyncSession, settings: Settings, now: datetime) -> int:
    """The retention job: in each city, erases everyone whose every event ended and every working group's
    process ended more than the city's `retention_months` ago. At most once a day per city; each run is
    recorded in the audit log with its count. Returns how many people were erased."""
    erased = 0
    for organization in list(await session.scalars(select(Organization).order_by(Organization.id))):
        if await _ran_recently(session, organization, now):
            continue
        cutoff = months_before(now, organization.retention_months)
        due = list(await session.scalars(_expired(organization, cutoff).limit(RETENTION_BATCH + 1)))
        more = len(due) > RETENTION_BATCH
        for participant in due[:RETENTION_BATCH]:
            await erase(session, settings, participant, SYSTEM, now)
        session.add(
            AuditEntry(
                organization_id=organization.id,
                at=now,
                actor_type="system",
                action=RETENTION_ACTION,
                object_type="organization",
                object_id=organization.id,
                changes={
                    "erased": min(len(due), RETENTION_BATCH),
                    "retention_months": organization.retention_months,
                    "ended_before": cutoff.isoformat(),
                    "more": more,
                },
            )
        )
        await session.flush()
        if due:
            log.info("retention: erased %d people in organization %s", min(len(due), RETENTION_BATCH), organization.id)
        erased += min(len(due), RETENTION_BATCH)
    return erased


async def _ran_recently(session: AsyncSession, organization: Organization, now: datetime) -> bool:
    last = await session.scalar(
        select(AuditEntry)
        .where(AuditEntry.organization_id == organization.id, AuditEntry.action == RETENTION_ACTION)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    if last is None or last.changes.get("more"):
        return False
    return now - RETENTION_INTERVAL < last.at <= now


def _expired(organization: Organization, cutoff: datetime) -> Any:
    cutoff_day = cutoff.astimezone(ZoneInfo(organization.timezone)).date()
    recent_event = exists().where(
        Registration.participant_id == Participant.id,
        Event.id == Registration.event_id,
        Event.ends_at >= cutoff,
    )
    running_process = exists().where(
        Membership.participant_id == Participant.id,
        ThematicGroup.id == Membership.group_id,
        Process.id == ThematicGroup.process_id,
        Process.ends_on >= cutoff_day,
    )
    return (
        select(Participant)
        .where(
            Participant.organization_id == organization.id,
            not_erased(),
            Participant.created_at < cutoff,
            ~recent_event,
            ~running_process,
        )
        .order_by(Participant.created_at, Participant.id)
    )
