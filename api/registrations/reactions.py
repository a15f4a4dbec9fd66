"""What sign-ups do when their event changes (api.reactions): free seats go to the waiting list, and
everyone signed up hears of a change of time or place, a postponement, the new date, a cancellation."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.events.happenings import EventCancelled, EventChanged, EventPostponed, EventResumed, SeatsAdded
from api.notifications.templates import MailKind
from api.reactions import reacts_to
from api.registrations import notices, seats


@reacts_to(SeatsAdded)
async def give_new_seats_to_the_waiting_list(session: AsyncSession, settings: Settings, added: SeatsAdded) -> None:
    await seats.fill_free_seats(session, settings, added.event_id, added.at)


@reacts_to(EventChanged)
async def tell_of_the_change(session: AsyncSession, settings: Settings, changed: EventChanged) -> None:
    await notices.tell_of_change(session, settings, changed.event_id, changed.before, changed.aspects, changed.note)


@reacts_to(EventPostponed)
async def tell_of_the_postponement(session: AsyncSession, settings: Settings, postponed: EventPostponed) -> None:
    await notices.tell_everyone(
        session, settings, MailKind.event_postponed, postponed.event_id, postponed.note, reason=postponed.reason
    )


@reacts_to(EventResumed)
async def tell_of_the_new_date(session: AsyncSession, settings: Settings, resumed: EventResumed) -> None:
    await notices.tell_everyone(session, settings, MailKind.event_resumed, resumed.event_id, resumed.note)


@reacts_to(EventCancelled)
async def tell_everyone_signed_up(session: AsyncSession, settings: Settings, cancelled: EventCancelled) -> None:
    await notices.tell_everyone(
        session, settings, MailKind.event_cancelled, cancelled.event_id, cancelled.note, reason=cancelled.reason
    )
