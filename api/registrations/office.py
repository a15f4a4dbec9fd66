"""The office's side of sign-ups: entering people who called or wrote, the lists and the CSV, check-in at
the door, cancelling on request, moving people up from the waiting list, counts per status."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.config import Settings
from api.errors import Conflict, NotFound
from api.events import service as events
from api.events.changes import Aspect
from api.events.models import Event, EventStatus
from api.lifecycle import transitions
from api.notifications.templates import MailKind
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.participants import service as participants
from api.participants.models import Channel, Participant
from api.registrations import mails, notices, seats
from api.registrations.answers import check_answers
from api.registrations.models import ACTIVE, Registration, RegistrationStatus
from api.registrations.schemas import StaffRegistrationRequest
from api.registrations.signup import SignedUpMeanwhile, registration_of, take_place

NEWEST_FIRST = SortKey(Registration.created_at, Registration.id, descending=True, parse=parse_datetime)
_SIGNED_UP_ALREADY = "This person is signed up for this event already."


@dataclass(frozen=True)
class RegistrationFilters:
    status: RegistrationStatus | None = None
    channel: Channel | None = None
    category: str | None = None
    search: str | None = None


async def enter_for_person(
    session: AsyncSession,
    settings: Settings,
    staff: Caller,
    event_id: uuid.UUID,
    data: StaffRegistrationRequest,
    now: datetime,
) -> Registration:
    """A sign-up taken by phone, e-mail or at the door: confirmed at once, no e-mail needed."""
    event = await events.get_for_staff(session, staff.organization, event_id)
    if event.status in (EventStatus.cancelled, EventStatus.draft) or now >= event.ends_at:
        raise Conflict("Sign-ups can only be entered for published events that are not over.", slug="event-closed")
    answers = check_answers(event.questions, data.answers)
    notice = await participants.check_consent(session, staff.organization, data.consent)
    await seats.expire_holds(session, settings, now, event.id)
    # Phone-only people cannot be recognised again; each such entry is a person of its own.
    participant = await participants.find_or_add(session, staff.organization, data)
    registration = await registration_of(session, event.id, participant.id)
    if registration is not None and registration.status in ACTIVE:
        raise Conflict(_SIGNED_UP_ALREADY, field="email", kind="signed-up-already")
    await participants.record_consent(session, participant, notice, data.channel, staff.user_id)
    try:
        registration = await take_place(
            session,
            settings,
            event,
            participant,
            registration,
            data.channel,
            now,
            seated=RegistrationStatus.confirmed,
            answers=answers,
            staff_user_id=staff.user_id,
        )
    except SignedUpMeanwhile:
        raise Conflict(_SIGNED_UP_ALREADY, field="email", kind="signed-up-already") from None
    kind = (
        MailKind.registration_confirmed if registration.status == RegistrationStatus.confirmed else MailKind.waitlisted
    )
    await mails.registration_mail(session, settings, kind, registration)
    await session.refresh(registration, ["participant"])  # shown in the answer; no lazy load in async code
    return registration


async def get_for_staff(session: AsyncSession, organization: Organization, registration_id: uuid.UUID) -> Registration:
    registration = await session.get(Registration, registration_id)
    if registration is None or registration.organization_id != organization.id:
        raise NotFound("There is no registration with this id in your organization.")
    return registration


async def list_for_event(
    session: AsyncSession,
    organization: Organization,
    event_id: uuid.UUID,
    filters: RegistrationFilters,
    page: PageRequest,
) -> tuple[Sequence[Registration], str | None]:
    event = await events.get_for_staff(session, organization, event_id)
    return await paginate(session, _of_event(select(Registration), event.id, filters), NEWEST_FIRST, page)


# What the CSV export shows, as plain rows. Ten thousand registrations loaded as ORM objects with their
# participants spent most of a 4-second export on identity-map bookkeeping (bench: staff_csv).
EXPORT_COLUMNS = (
    Participant.full_name,
    Participant.email,
    Participant.phone,
    Participant.affiliation,
    Participant.category,
    Participant.preferred_language,
    Registration.status,
    Registration.channel,
    Registration.created_at,
    Registration.confirmed_at,
    Registration.checked_in_at,
    Registration.answers,
)


async def export_rows(
    session: AsyncSession, organization: Organization, event_id: uuid.UUID, filters: RegistrationFilters
) -> Sequence[Any]:
    """Every registration of the event for the CSV export, oldest first: rows named like EXPORT_COLUMNS."""
    event = await events.get_for_staff(session, organization, event_id)
    stmt = _of_event(select(*EXPORT_COLUMNS), event.id, filters)
    rows = await session.execute(stmt.order_by(Registration.created_at, Registration.id))
    return rows.all()


def _of_event(stmt: Select[Any], event_id: uuid.UUID, filters: RegistrationFilters) -> Select[Any]:
    stmt = stmt.join(Participant, Participant.id == Registration.participant_id).where(
        Registration.event_id == event_id
    )
    if filters.status is not None:
        stmt = stmt.where(Registration.status == filters.status)
    if filters.channel is not None:
        stmt = stmt.where(Registration.channel == filters.channel)
    if filters.category is not None:
        stmt = stmt.where(Participant.category == filters.category)
    if filters.search:
        stmt = stmt.where(participants.matching(filters.search))
    return stmt


async def check_in(
    session: AsyncSession, staff: Caller, registration: Registration, attended: bool, now: datetime
) -> None:
    to = RegistrationStatus.attended if attended else RegistrationStatus.no_show
    allowed = (RegistrationStatus.confirmed, RegistrationStatus.attended, RegistrationStatus.no_show)
    if registration.status == to:
        return
    if not await transitions.transition(
        session, registration, allowed, to, channel=Channel.on_site, now=now, staff_user_id=staff.user_id
    ):
        raise Conflict("Only confirmed registrations can be checked in.", slug="not-checkable")


async def cancel_by_staff(
    session: AsyncSession,
    settings: Settings,
    staff: Caller,
    registration: Registration,
    reason: str | None,
    now: datetime,
) -> None:
    if not await seats.leave(
        session,
        settings,
        registration,
        RegistrationStatus.cancelled,
        channel=Channel.staff,
        now=now,
        staff_user_id=staff.user_id,
        note=reason,
    ):
        raise Conflict("This registration is not active; there is nothing to cancel.", slug="not-active")
    await mails.registration_mail(session, settings, MailKind.registration_cancelled, registration, reason=reason)


async def move_from_waitlist(
    session: AsyncSession,
    settings: Settings,
    staff: Caller,
    registration: Registration,
    now: datetime,
    *,
    add_seat: bool = False,
) -> None:
    """Staff give a waiting person a seat by hand (they talked to them): confirmed at once. Free seats
    go to the waiting list in order by themselves, so a person out of turn needs `add_seat`: the
    capacity grows by one for them — a decision staff take knowingly, never an overbooking."""
    if registration.status != RegistrationStatus.waitlisted:
        raise Conflict("This person is not on the waiting list.", slug="not-waitlisted")
    await seats.lock_event(session, registration.event_id)
    if add_seat:
        await seats.add_seat(session, registration.event_id)
    if not await seats.take_seat(session, registration.event_id):
        raise Conflict(
            "There is no free seat. Send add_seat: true to raise the capacity by one for this person.",
            slug="event-full",
        )
    if not await transitions.transition(
        session,
        registration,
        (RegistrationStatus.waitlisted,),
        RegistrationStatus.confirmed,
        channel=Channel.staff,
        now=now,
        staff_user_id=staff.user_id,
    ):
        await seats.free_seat(session, registration.event_id)
        raise Conflict("This person is not on the waiting list any more.", slug="not-waitlisted")
    await mails.registration_mail(session, settings, MailKind.registration_confirmed, registration)


async def notice_audience(session: AsyncSession, event: Event, aspects: Sequence[Aspect] | None) -> notices.Audience:
    """How many people a change notice would reach (the staff see it before they save)."""
    return await notices.audience(session, event, aspects)


async def registration_counts(session: AsyncSession, event: Event) -> dict[str, int]:
    """How many sign-ups the event has in each status (the staff's view of the event shows them)."""
    rows = await session.execute(
        select(Registration.status, func.count()).where(Registration.event_id == event.id).group_by(Registration.status)
    )
    return {str(status): count for status, count in rows.all()}
