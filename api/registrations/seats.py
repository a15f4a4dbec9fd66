"""Seats and the waiting list: what a registration's status changes take and free.

Each status change is one conditional UPDATE (api.lifecycle), so two requests racing over the same
registration cannot both win, and each seat is taken with one conditional UPDATE of the event's
counter (`WHERE seats_taken < capacity`), so no event is ever overbooked, on SQLite or PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import capacity
from api.config import Settings
from api.events.models import Event, EventStatus
from api.lifecycle.transitions import transition
from api.notifications.templates import MailKind
from api.participants.models import Channel
from api.registrations import mails
from api.registrations.models import SEAT_HOLDING, Registration, RegistrationStatus


async def lock_event(session: AsyncSession, event_id: uuid.UUID) -> None:
    """Locks the event's row until commit (PostgreSQL; SQLite runs one writer at a time anyway).

    Taken before a registration changes in a way that takes or frees a seat: event first, registration
    second, always. Otherwise a request holding a registration and waiting for the event could deadlock
    with one holding the event and waiting for that registration (the worker expiring several holds), and
    a seat freed while someone is being put on the waiting list could miss them and stay empty."""
    await session.execute(select(Event.id).where(Event.id == event_id).with_for_update())


async def take_seat(session: AsyncSession, event_id: uuid.UUID) -> bool:
    return await capacity.take_one(session, Event, "seats_taken", event_id)


async def add_seat(session: AsyncSession, event_id: uuid.UUID) -> None:
    """One more seat (capacity + 1) for an event with a limit."""
    await session.execute(
        update(Event)
        .where(Event.id == event_id, Event.capacity.is_not(None))
        .values(capacity=Event.capacity + 1)
        .execution_options(synchronize_session=False)
    )


async def free_seat(session: AsyncSession, event_id: uuid.UUID) -> None:
    await capacity.give_back(session, Event, "seats_taken", event_id)


async def leave(
    session: AsyncSession,
    settings: Settings,
    registration: Registration,
    to: RegistrationStatus,
    *,
    channel: Channel,
    now: datetime,
    staff_user_id: uuid.UUID | None = None,
    note: str | None = None,
) -> bool:
    """Cancels or expires a registration; a seat it held goes to the waiting list."""
    await lock_event(session, registration.event_id)
    change = {
        "channel": channel,
        "now": now,
        "staff_user_id": staff_user_id,
        "note": note,
        "hold_expires_at": None,
        "hold_client": None,
    }
    if to == RegistrationStatus.cancelled:
        change["cancel_reason"] = note
    # Whether a seat comes free is decided by the row as it is in the database, not as we read it.
    holding = (
        SEAT_HOLDING if to == RegistrationStatus.cancelled else (RegistrationStatus.pending, RegistrationStatus.offered)
    )
    if await transition(session, registration, holding, to, **change):
        await free_seat(session, registration.event_id)
        await fill_free_seats(session, settings, registration.event_id, now)
        return True
    if to == RegistrationStatus.cancelled:
        return await transition(session, registration, (RegistrationStatus.waitlisted,), to, **change)
    return False


async def fill_free_seats(session: AsyncSession, settings: Settings, event_id: uuid.UUID, now: datetime) -> None:
    """Gives free seats to the waiting list, first come first served. People who signed up on the web get
    an offer to confirm in time; people entered by staff (they said yes on the phone) are confirmed."""
    event = await session.get_one(Event, event_id)
    if event.status != EventStatus.published or now >= event.starts_at:
        return
    while True:
        waiting = await session.scalar(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.status == RegistrationStatus.waitlisted)
            .order_by(Registration.waitlisted_at, Registration.id)
            .limit(1)
        )
        if waiting is None or not await take_seat(session, event_id):
            return
        if not await _promote(session, settings, waiting, event, now):
            await free_seat(session, event_id)  # someone else moved this person meanwhile; try the next


async def _promote(
    session: AsyncSession, settings: Settings, waiting: Registration, event: Event, now: datetime
) -> bool:
    if waiting.channel == Channel.web:
        hold_until = min(now + timedelta(hours=settings.offer_hold_hours), event.starts_at)
        moved = await transition(
            session,
            waiting,
            (RegistrationStatus.waitlisted,),
            RegistrationStatus.offered,
            channel=Channel.system,
            now=now,
            hold_expires_at=hold_until,
        )
        if moved:
            await mails.registration_mail(session, settings, MailKind.seat_offered, waiting)
        return moved
    moved = await transition(
        session,
        waiting,
        (RegistrationStatus.waitlisted,),
        RegistrationStatus.confirmed,
        channel=Channel.system,
        now=now,
    )
    if moved:
        await mails.registration_mail(session, settings, MailKind.registration_confirmed, waiting)
    return moved


async def expire_holds(
    session: AsyncSession, settings: Settings, now: datetime, event_id: uuid.UUID | None = None
) -> int:
    """Unconfirmed sign-ups and unanswered offers whose time ran out give their seat back."""
    stmt = select(Registration).where(
        Registration.status.in_((RegistrationStatus.pending, RegistrationStatus.offered)),
        Registration.hold_expires_at <= now,
    )
    if event_id is not None:
        stmt = stmt.where(Registration.event_id == event_id)
    expired = 0
    for registration in (await session.scalars(stmt.order_by(Registration.hold_expires_at).limit(500))).all():
        if await leave(session, settings, registration, RegistrationStatus.expired, channel=Channel.system, now=now):
            await mails.registration_mail(session, settings, MailKind.registration_expired, registration)
            expired += 1
    return expired
