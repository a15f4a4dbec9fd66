"""Reminders before an event (a job of api.worker): confirmed people get the online access details
the lead time before the start, once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.events.models import Event, EventStatus
from api.notifications.templates import MailKind
from api.registrations import mails
from api.registrations.models import Registration, RegistrationStatus


async def send_due_reminders(session: AsyncSession, settings: Settings, now: datetime) -> int:
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
        await mails.registration_mail(session, settings, MailKind.reminder, registration)
        reminded += 1
    return reminded
