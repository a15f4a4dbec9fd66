"""Signing up for an event as a resident: the web's double opt-in, the manage link, seats and the
waiting list taken on the way; and the steps the office's side (registrations/office.py) shares."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.errors import Conflict, DomainError, NotFound
from api.events import service as events
from api.events.models import Event, EventFormat, EventStatus
from api.lifecycle import transitions
from api.notifications.templates import MailKind
from api.organizations.models import Organization
from api.participants import service as participants
from api.participants.models import Channel, Participant
from api.registrations import mails, seats
from api.registrations.answers import check_answers
from api.registrations.models import ACTIVE, SEAT_HOLDING, Registration, RegistrationStatus
from api.registrations.schemas import SignUpAccepted, SignUpRequest
from api.security import hash_secret_token, link_token

_CHECK_YOUR_MAIL = "We have sent you an e-mail. Please open the link in it to confirm your sign-up."
_ON_WAITLIST = "The event is full. You are on the waiting list; we will write to you when a seat becomes free."
_CANCELLABLE = (*SEAT_HOLDING[:3], RegistrationStatus.waitlisted)  # pending, offered, confirmed, waitlisted


async def sign_up(
    session: AsyncSession,
    settings: Settings,
    organization: Organization,
    event_id: uuid.UUID,
    data: SignUpRequest,
    now: datetime,
    client: str | None = None,
) -> SignUpAccepted:
    event = await events.get_public(session, organization, event_id)
    check_window(event, organization, now)
    answers = check_answers(event.questions, data.answers)
    notice = await participants.check_consent(session, organization, data.consent)
    await seats.expire_holds(session, settings, now, event.id)
    participant = await participants.find_or_add(session, organization, data)
    registration = await registration_of(session, event.id, participant.id)
    hold_until = _hold_until(settings, event, now)
    if registration is not None and registration.status in ACTIVE:
        return await _links_again(session, settings, registration, event, hold_until)
    hold_client = _client_key(settings, client)
    await _ensure_client_may_hold(session, settings, hold_client)
    await participants.record_consent(session, participant, notice, Channel.web)
    try:
        registration = await take_place(
            session,
            settings,
            event,
            participant,
            registration,
            Channel.web,
            now,
            seated=RegistrationStatus.pending,
            answers=answers,
            hold_expires_at=hold_until,
            hold_client=hold_client,
        )
    except SignedUpMeanwhile as meanwhile:  # a double click: both requests passed the check above
        return await _links_again(session, settings, meanwhile.registration, event, hold_until)
    kind = MailKind.confirm_registration if registration.status == RegistrationStatus.pending else MailKind.waitlisted
    await mails.registration_mail(session, settings, kind, registration)
    return _accepted(registration)


async def by_token(session: AsyncSession, token: str) -> Registration:
    registration = await session.scalar(
        select(Registration).where(Registration.manage_token_hash == hash_secret_token(token))
    )
    if registration is None:
        raise NotFound("This link is not valid (any more). Please sign up again or contact the city.")
    return registration


async def confirm(session: AsyncSession, settings: Settings, registration: Registration, now: datetime) -> None:
    """The e-mail link was followed: a held seat or an offered seat becomes the person's."""
    if registration.status in (RegistrationStatus.confirmed, RegistrationStatus.attended):
        return  # a second click on the same link changes nothing
    if registration.status in (RegistrationStatus.pending, RegistrationStatus.offered):
        if registration.hold_expires_at is not None and registration.hold_expires_at <= now:
            await seats.leave(
                session, settings, registration, RegistrationStatus.expired, channel=Channel.system, now=now
            )
            refusal = Conflict(
                "The time to confirm has run out and the seat was given on. Please sign up again.",
                slug="confirmation-expired",
            )
            refusal.keep_changes = True  # the expiry stands even though the answer is a refusal
            raise refusal
        if await transitions.transition(
            session,
            registration,
            (RegistrationStatus.pending, RegistrationStatus.offered),
            RegistrationStatus.confirmed,
            channel=Channel.web,
            now=now,
            hold_expires_at=None,
            hold_client=None,
        ):
            await mails.registration_mail(session, settings, MailKind.registration_confirmed, registration)
            return
    if registration.status == RegistrationStatus.waitlisted:
        raise Conflict("You are on the waiting list. We will write to you when a seat is free.", slug="waitlisted")
    raise Conflict("This registration was cancelled or has expired. Please sign up again.", slug="registration-ended")


async def cancel_by_person(
    session: AsyncSession, settings: Settings, registration: Registration, now: datetime
) -> None:
    if registration.status == RegistrationStatus.cancelled:
        return
    event = await session.get_one(Event, registration.event_id)
    if now >= event.starts_at or registration.status not in _CANCELLABLE:
        raise Conflict("This registration can no longer be cancelled here. Please contact the city.")
    if await seats.leave(session, settings, registration, RegistrationStatus.cancelled, channel=Channel.web, now=now):
        await mails.registration_mail(session, settings, MailKind.registration_cancelled, registration)


async def change_answers(
    session: AsyncSession, registration: Registration, answers: dict[str, Any], now: datetime
) -> None:
    event = await session.get_one(Event, registration.event_id)
    if registration.status not in ACTIVE or now >= event.starts_at:
        raise Conflict("The answers of this registration can no longer be changed.")
    registration.answers = check_answers(event.questions, answers)
    registration.updated_at = now
    await session.flush()


async def event_of(session: AsyncSession, registration: Registration) -> Event:
    return await session.get_one(Event, registration.event_id)


async def waitlist_position(session: AsyncSession, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.waitlisted:
        return None
    ahead = await session.scalar(
        select(func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.status == RegistrationStatus.waitlisted,
            tuple_(Registration.waitlisted_at, Registration.id) < tuple_(registration.waitlisted_at, registration.id),
        )
    )
    return (ahead or 0) + 1


def access_details_from(settings: Settings, event: Event) -> datetime | None:
    """From when a confirmed person sees the online access details on their manage page."""
    if event.format == EventFormat.in_person:
        return None
    return event.starts_at - timedelta(hours=settings.access_details_lead_hours)


def released_access(settings: Settings, registration: Registration, event: Event, now: datetime) -> Any:
    shown_from = access_details_from(settings, event)
    if (
        shown_from is None
        or now < shown_from
        or event.status in (EventStatus.cancelled, EventStatus.postponed)
        or registration.status not in (RegistrationStatus.confirmed, RegistrationStatus.attended)
    ):
        return None
    return events.access_details(event)


def check_window(event: Event, organization: Organization, now: datetime) -> None:
    """Public sign-up only while the event's registration window is open. Says which rule refused."""
    tz = ZoneInfo(organization.timezone)
    if event.status == EventStatus.cancelled:
        raise Conflict("This event has been cancelled.", slug="event-cancelled")
    if event.status == EventStatus.postponed:
        raise Conflict("This event has been postponed; sign-up opens again with the new date.", slug="event-postponed")
    if now >= event.starts_at:
        raise Conflict("This event has already taken place.", slug="event-over")
    if event.invitation_only:
        raise Conflict("This event is by invitation only.", slug="invitation-only")
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = event.registration_opens_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        raise Conflict(
            "Sign-up opens on {opens} ({timezone}).",
            params={"opens": opens, "timezone": organization.timezone},
            slug="registration-not-open",
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        closed = event.registration_closes_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        raise Conflict(
            "The sign-up deadline was {closed} ({timezone}).",
            params={"closed": closed, "timezone": organization.timezone},
            slug="registration-closed",
        )


async def take_place(
    session: AsyncSession,
    settings: Settings,
    event: Event,
    participant: Participant,
    registration: Registration | None,
    channel: Channel,
    now: datetime,
    *,
    seated: RegistrationStatus,
    answers: dict[str, Any],
    hold_expires_at: datetime | None = None,
    hold_client: str | None = None,
    staff_user_id: uuid.UUID | None = None,
) -> Registration:
    """A seat if there is one, else the waiting list if the event has one, else "full"."""
    # The event stays locked until commit: a seat freed meanwhile waits and then finds this person waiting.
    # So what is pending (the consent) is written first: every statement after the lock is time that all
    # other sign-ups for this event wait (bench: signup_rush).
    await session.flush()
    await seats.lock_event(session, event.id)
    got_seat = await seats.take_seat(session, event.id)
    if not got_seat and not event.waitlist_enabled:
        raise Conflict("This event is fully booked.", slug="event-full")
    status = seated if got_seat else RegistrationStatus.waitlisted
    values = {
        "answers": answers,
        "hold_expires_at": hold_expires_at if status == RegistrationStatus.pending else None,
        "hold_client": hold_client if status == RegistrationStatus.pending else None,
        "waitlisted_at": None if got_seat else now,
        "created_by_id": staff_user_id,
        "cancel_reason": None,
    }
    if registration is None:
        registration = new_registration(settings, event, participant)
        registration.status = status
        registration.channel = channel
        registration.confirmed_at = now if status == RegistrationStatus.confirmed else None
        for name, value in values.items():
            setattr(registration, name, value)
        try:
            async with session.begin_nested():
                session.add(registration)
                await session.flush()  # the registration first: its history row points at it
                session.add(
                    transitions.step(registration, None, status, channel=channel, now=now, staff_user_id=staff_user_id)
                )
        except IntegrityError:
            await give_back_seat(session, event, got_seat)
            existing = await registration_of(session, event.id, participant.id)
            if existing is None:
                raise  # another constraint than the one registration per person and event
            raise SignedUpMeanwhile(existing) from None
        await transitions.announce(session, registration, None, status, channel, now)
        return registration
    # A cancelled or expired registration of the same person comes back to life, without the stamps of
    # its earlier life. (`channel` names the StatusChange's channel in transition(), so the column is set after.)
    ended = (RegistrationStatus.cancelled, RegistrationStatus.expired)
    fresh = {"confirmed_at": None, "cancelled_at": None, "checked_in_at": None, "reminder_sent_at": None}
    if not await transitions.transition(
        session, registration, ended, status, channel=channel, now=now, staff_user_id=staff_user_id, **fresh, **values
    ):
        await give_back_seat(session, event, got_seat)
        raise SignedUpMeanwhile(registration)  # another request of this person brought it back first
    registration.channel = channel
    await session.flush()
    return registration


class TooManyUnconfirmed(DomainError):
    status, slug, title = 429, "too-many-unconfirmed", "Too many unconfirmed sign-ups"


def _hold_until(settings: Settings, event: Event, now: datetime) -> datetime:
    """How long an unconfirmed sign-up holds its seat: two days normally, an hour when seats are scarce."""
    hold = timedelta(hours=settings.confirmation_hold_hours)
    left = event.seats_left
    if left is not None and event.capacity and left - 1 <= max(2, event.capacity // 10):
        hold = min(hold, timedelta(minutes=settings.scarce_hold_minutes))
    return min(now + hold, event.registration_closes_at or event.starts_at, event.starts_at)


def _client_key(settings: Settings, client: str | None) -> str | None:
    # Keyed, so the column names no address; the key is the server's, so the same client gets the same hash.
    if client is None:
        return None
    return hmac.new(settings.secret_key.encode(), f"hold:{client}".encode(), hashlib.sha256).hexdigest()


async def _ensure_client_may_hold(session: AsyncSession, settings: Settings, hold_client: str | None) -> None:
    if hold_client is None:
        return
    held = await session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.hold_client == hold_client, Registration.status == RegistrationStatus.pending)
    )
    if held >= settings.unconfirmed_per_client:
        raise TooManyUnconfirmed(
            "There are many sign-ups from your connection that are not confirmed yet. Please open the links in "
            "the e-mails we sent to confirm them, then sign up again."
        )


class SignedUpMeanwhile(Exception):
    """The same person signed up for the same event in a parallel request (a double click), which passed
    the "signed up already?" check at the same moment and won the race for the registration row."""

    def __init__(self, registration: Registration):
        super().__init__("signed up meanwhile")
        self.registration = registration


async def give_back_seat(session: AsyncSession, event: Event, got_seat: bool) -> None:
    if got_seat:
        await seats.free_seat(session, event.id)


async def _links_again(
    session: AsyncSession, settings: Settings, registration: Registration, event: Event, hold_until: datetime
) -> SignUpAccepted:
    """Signed up already: no second registration, the links again instead. The answer is the one a new
    sign-up would get now, so nobody can find out through this form whether an address is signed up;
    the person's real state is in the mail, which only the address's owner reads."""
    await mails.registration_mail(session, settings, MailKind.links_resent, registration)
    await session.refresh(event, ["seats_taken"])
    if event.seats_left is None or event.seats_left > 0:
        return SignUpAccepted(status=RegistrationStatus.pending, message=_CHECK_YOUR_MAIL, hold_expires_at=hold_until)
    if event.waitlist_enabled:
        return SignUpAccepted(status=RegistrationStatus.waitlisted, message=_ON_WAITLIST)
    full = Conflict("This event is fully booked.", slug="event-full")
    full.keep_changes = True  # the answer a newcomer gets; the mail with the links still goes out
    raise full


def new_registration(settings: Settings, event: Event, participant: Participant) -> Registration:
    registration_id = uuid.uuid4()
    return Registration(
        id=registration_id,
        organization_id=event.organization_id,
        event_id=event.id,
        participant_id=participant.id,
        manage_token_hash=hash_secret_token(link_token(settings, "registration", registration_id)),
    )


async def registration_of(session: AsyncSession, event_id: uuid.UUID, participant_id: uuid.UUID) -> Registration | None:
    return await session.scalar(
        select(Registration).where(Registration.event_id == event_id, Registration.participant_id == participant_id)
    )


def _accepted(registration: Registration) -> SignUpAccepted:
    waiting = registration.status == RegistrationStatus.waitlisted
    return SignUpAccepted(
        status=registration.status,
        message=_ON_WAITLIST if waiting else _CHECK_YOUR_MAIL,
        hold_expires_at=registration.hold_expires_at,
    )
