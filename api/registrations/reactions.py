"""What sign-ups do when their event changes (api.reactions): free seats go to the waiting list, and
everyone signed up hears of a cancellation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.events.happenings import EventCancelled, SeatsAdded
from api.notifications.templates import MailKind
from api.reactions import reacts_to
from api.registrations import mails, seats
from api.registrations.models import ACTIVE, Registration


@reacts_to(SeatsAdded)
async def give_new_seats_to_the_waiting_list(session: AsyncSession, settings: Settings, added: SeatsAdded) -> None:
    await seats.fill_free_seats(session, settings, added.event_id, added.at)


@reacts_to(EventCancelled)
async def tell_everyone_signed_up(session: AsyncSession, settings: Settings, cancelled: EventCancelled) -> None:
    signed_up = await session.scalars(
        select(Registration).where(Registration.event_id == cancelled.event_id, Registration.status.in_(ACTIVE))
    )
    for registration in signed_up.all():
        await mails.registration_mail(
            session, settings, MailKind.event_cancelled, registration, reason=cancelled.reason
        )
