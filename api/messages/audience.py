"""Who an audience is: the people it names, each once, with the manage link the message may carry."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.errors import InvalidInput
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.memberships.mails import membership_link
from api.memberships.models import ACTIVE_MEMBERSHIP, Membership, MembershipStatus
from api.messages.schemas import Audience, AudienceKind, PersonToCall
from api.participants.models import Participant
from api.processes.models import Process
from api.registrations.mails import registration_link
from api.registrations.models import ACTIVE, Registration, RegistrationStatus

Found = TypeVar("Found", Event, ThematicGroup)


@dataclass(frozen=True)
class Target:
    """What an audience belongs to: the event or group (if any) and the words `{event}` stands for."""

    process: Process
    title: str
    event_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Recipient:
    participant: Participant
    manage_url: str


@dataclass(frozen=True)
class People:
    """An audience split the way staff reach it."""

    by_mail: list[Recipient]
    to_call: list[PersonToCall]
    opted_out: int


async def target_of(session: AsyncSession, process: Process, audience: Audience) -> Target:
    """The event or group the audience names, which must be one of this process's."""
    if audience.kind in (AudienceKind.event, AudienceKind.waiting_list):
        event = _ensure_in(process, await session.get(Event, audience.event_id), "audience.event_id")
        return Target(process, event.title, event_id=event.id, group_id=event.group_id)
    if audience.kind == AudienceKind.group:
        group = _ensure_in(process, await session.get(ThematicGroup, audience.group_id), "audience.group_id")
        return Target(process, group.name, group_id=group.id)
    return Target(process, process.title)


def _ensure_in(process: Process, found: Found | None, field: str) -> Found:
    if found is None or found.organization_id != process.organization_id:
        raise InvalidInput("There is no such event or group in your city.", field=field, kind="not-found")
    if found.process_id != process.id:
        raise InvalidInput("This belongs to another process.", field=field, kind="other-process")
    return found


async def people_of(session: AsyncSession, settings: Settings, target: Target, audience: Audience) -> People:
    """Everyone the audience names, once each (the first sign-up found gives the manage link), sorted by name."""
    links: dict[uuid.UUID, tuple[Participant, str]] = {}
    for participant, url in await _sign_ups(session, settings, target, audience):
        links.setdefault(participant.id, (participant, url))
    by_mail: list[Recipient] = []
    to_call: list[PersonToCall] = []
    opted_out = 0
    for participant, url in sorted(links.values(), key=lambda pair: (pair[0].full_name.casefold(), pair[0].id)):
        if not participant.receives_staff_messages:
            opted_out += 1
        elif participant.email:
            by_mail.append(Recipient(participant, url))
        else:
            to_call.append(
                PersonToCall(participant_id=participant.id, full_name=participant.full_name, phone=participant.phone)
            )
    return People(by_mail, to_call, opted_out)


async def _sign_ups(
    session: AsyncSession, settings: Settings, target: Target, audience: Audience
) -> list[tuple[Participant, str]]:
    organization_id = target.process.organization_id
    statuses: Any = audience.statuses or []
    if audience.kind in (AudienceKind.event, AudienceKind.waiting_list):
        registrations = await _registrations(
            session, organization_id, [Registration.event_id == target.event_id], statuses
        )
        return _registration_links(settings, registrations)
    if audience.kind == AudienceKind.group:
        conditions = [Membership.group_id == target.group_id]
        if audience.roles:
            conditions.append(Membership.role.in_(audience.roles))
        memberships = await _memberships(session, organization_id, conditions, statuses)
        return _membership_links(settings, memberships)
    process_events = select(Event.id).where(Event.process_id == target.process.id)
    process_groups = select(ThematicGroup.id).where(ThematicGroup.process_id == target.process.id)
    registrations = await _registrations(session, organization_id, [Registration.event_id.in_(process_events)], ACTIVE)
    memberships = await _memberships(
        session, organization_id, [Membership.group_id.in_(process_groups)], ACTIVE_MEMBERSHIP
    )
    return [*_registration_links(settings, registrations), *_membership_links(settings, memberships)]


async def _registrations(
    session: AsyncSession, organization_id: uuid.UUID, conditions: list, statuses: Iterable[RegistrationStatus]
) -> Sequence[Registration]:
    stmt = (
        select(Registration)
        .where(Registration.organization_id == organization_id, Registration.status.in_(list(statuses)), *conditions)
        .order_by(Registration.created_at, Registration.id)
    )
    return (await session.scalars(stmt)).all()


async def _memberships(
    session: AsyncSession, organization_id: uuid.UUID, conditions: list, statuses: Iterable[MembershipStatus]
) -> Sequence[Membership]:
    stmt = (
        select(Membership)
        .where(Membership.organization_id == organization_id, Membership.status.in_(list(statuses)), *conditions)
        .order_by(Membership.created_at, Membership.id)
    )
    return (await session.scalars(stmt)).all()


def _registration_links(settings: Settings, rows: Sequence[Registration]) -> list[tuple[Participant, str]]:
    return [(row.participant, registration_link(settings, row.id)) for row in rows]


def _membership_links(settings: Settings, rows: Sequence[Membership]) -> list[tuple[Participant, str]]:
    return [(row.participant, membership_link(settings, row.id)) for row in rows]
