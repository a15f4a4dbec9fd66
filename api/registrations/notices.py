"""Change notices: when an event moves, changes place, is postponed, is on again or is cancelled, everyone
signed up for it hears of it, in their language, with what changed, old → new.

Everyone who may still come is told: pending, confirmed, waitlisted and offered. New online access
details go to the confirmed only, as they are the only ones who hold them. Those with a calendar entry
(the confirmed) get the entry again, with the same UID and a higher SEQUENCE, so their calendar
replaces the old date rather than adding a second one. Notices go whether or not a person declined
other messages: they are about the person's own event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.events.changes import Aspect, EventFacts
from api.events.models import Event
from api.notifications.templates import MailKind, format_when
from api.participants.models import Participant
from api.registrations import mails
from api.registrations.models import Registration, RegistrationStatus

TOLD = (
    RegistrationStatus.pending,
    RegistrationStatus.offered,
    RegistrationStatus.confirmed,
    RegistrationStatus.waitlisted,
)
# The aspects that only the confirmed hear of.
_FOR_CONFIRMED_ONLY = {Aspect.access}


@dataclass(frozen=True)
class Audience:
    notified: int  # by e-mail
    to_call: int  # signed up without an e-mail address: the office tells them by phone


def _told_statuses(aspects: Sequence[Aspect] | None) -> tuple[RegistrationStatus, ...]:
    """Who hears of these aspects; None stands for a status change (postponed, on again, cancelled)."""
    if aspects is None or set(aspects) - _FOR_CONFIRMED_ONLY:
        return TOLD
    if aspects:
        return (RegistrationStatus.confirmed,)
    return ()


def _told(event_id: Any, aspects: Sequence[Aspect] | None) -> Select[tuple[Registration]]:
    return select(Registration).where(
        Registration.event_id == event_id, Registration.status.in_(_told_statuses(aspects))
    )


async def audience(session: AsyncSession, event: Event, aspects: Sequence[Aspect] | None) -> Audience:
    """How many people a notice about `aspects` would reach, counted, not loaded."""
    told = _told(event.id, aspects).subquery()
    has_email = func.count(Participant.email)
    row = (
        await session.execute(
            select(has_email, func.count() - has_email)
            .select_from(told)
            .join(Participant, Participant.id == told.c.participant_id)
        )
    ).one()
    return Audience(notified=row[0], to_call=row[1])


async def tell_of_change(
    session: AsyncSession,
    settings: Settings,
    event_id: Any,
    before: EventFacts,
    aspects: Sequence[Aspect],
    note: str | None,
) -> None:
    for registration in (await session.scalars(_told(event_id, aspects))).all():
        await mails.notice_mail(
            session, settings, MailKind.event_changed, registration, note=note, changes=_changes(before, aspects)
        )


async def tell_everyone(
    session: AsyncSession, settings: Settings, kind: MailKind, event_id: Any, note: str | None, **extra: Any
) -> None:
    """A notice of postponement, resumption or cancellation to everyone who may still come."""
    for registration in (await session.scalars(_told(event_id, None))).all():
        await mails.notice_mail(session, settings, kind, registration, note=note, **extra)


def _changes(before: EventFacts, aspects: Sequence[Aspect]) -> mails.Changes:
    """The old values of what changed; each mail puts them into the person's language beside the new."""

    def old(language: str) -> dict[str, str]:
        texts = {
            Aspect.when: format_when(before.starts_at, before.ends_at, before.timezone, language),
            Aspect.where: mails.place_text(before, language),
        }
        return {str(aspect): texts[aspect] for aspect in aspects if aspect in texts}

    return mails.Changes(aspects=tuple(aspects), old=old)
