"""Data protection (DSGVO): erasing a person (Art. 17).

Erasure keeps what anonymous statistics need and nothing that points to the person: the participant row
stays as "Gelöschte Person" with category and language only, registrations and memberships stay with
their status (counts per status stay right) but lose answers, notes and their manage links, and
consents, mails and remembered sign-up answers that name the person are deleted. Seats and places still
held for events to come and running processes are given back through the normal paths, so the counters
stay right and the waiting list moves up.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import idempotency
from api.audit.models import AuditEntry
from api.config import Settings
from api.errors import Conflict
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.idempotency import IdempotentResponse
from api.lifecycle.models import StatusChange
from api.memberships import service as memberships
from api.memberships.models import ACTIVE_MEMBERSHIP, Membership
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization
from api.participants.models import Consent, Participant
from api.privacy.people import Actor, is_erased, mails_of
from api.processes.models import Process
from api.registrations import seats
from api.registrations.models import ACTIVE, Registration, RegistrationStatus
from api.security import hash_secret_token, new_secret_token
from api.webhooks import service as webhooks

ERASED_NAME = "Gelöschte Person"
ERASE_ACTION = "erase_participant"


@dataclass
class Erasure:
    participant_id: uuid.UUID
    erased_at: datetime
    registrations: int = 0
    registrations_cancelled: int = 0
    memberships: int = 0
    memberships_withdrawn: int = 0
    consents_deleted: int = 0
    mails_deleted: int = 0
    idempotency_records_deleted: int = 0


async def erase(
    session: AsyncSession, settings: Settings, participant: Participant, actor: Actor, now: datetime
) -> Erasure:
    """Erases the person (Art. 17 DSGVO) everywhere, and records that it happened, without personal data."""
    participant = await _lock_unerased(session, participant)
    done = Erasure(participant_id=participant.id, erased_at=now)
    organization = await session.get_one(Organization, participant.organization_id)
    registrations = await _end_registrations(session, settings, participant, actor, now, done)
    memberships = await _end_memberships(session, settings, participant, organization, actor, now, done)
    await _clear_staff_notes(session, registrations, memberships)
    await _delete_what_names_the_person(session, organization, participant, registrations, done)
    _anonymise(participant, now)
    if actor.kind != "staff":
        # A staff member's erasure is recorded by the audit trail of every staff route (api.audit.service),
        # under the route's name `erase_participant`, with the reason's value withheld: one entry each.
        _record(session, organization, participant, actor, done, now)
    await session.flush()
    return done


async def _lock_unerased(session: AsyncSession, participant: Participant) -> Participant:
    """Two erasures of one person at the same moment (a double click): the second waits here and then
    finds nothing left to do. NO KEY UPDATE: a sign-up inserting a registration for the person may go on."""
    locked = await session.scalar(
        select(Participant)
        .where(Participant.id == participant.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if locked is None or is_erased(locked):
        raise Conflict("The data of this person has been erased already.", slug="already-erased")
    return locked


async def _end_registrations(
    session: AsyncSession, settings: Settings, participant: Participant, actor: Actor, now: datetime, done: Erasure
) -> list[Registration]:
    """For an event still to come the seat goes back and the waiting list moves up, as if the person had
    cancelled; an event that has begun keeps its count of who came. Answers and links go either way."""
    registrations = list(
        await session.scalars(
            select(Registration)
            .where(Registration.participant_id == participant.id)
            .order_by(Registration.event_id, Registration.id)  # events are locked in one fixed order
        )
    )
    for registration in registrations:
        event = await session.get_one(Event, registration.event_id)
        if (
            registration.status in ACTIVE
            and now < event.starts_at
            and await seats.leave(
                session,
                settings,
                registration,
                RegistrationStatus.cancelled,
                channel=actor.channel,
                now=now,
                staff_user_id=actor.staff_user_id,
            )
        ):
            done.registrations_cancelled += 1
        registration.answers = {}
        registration.cancel_reason = None
        registration.manage_token_hash = _void_link()
    done.registrations = len(registrations)
    return registrations


async def _end_memberships(
    session: AsyncSession,
    settings: Settings,
    participant: Participant,
    organization: Organization,
    actor: Actor,
    now: datetime,
    done: Erasure,
) -> list[Membership]:
    """A place in a group of a process still running goes back; notes and links go either way."""
    groups = list(
        await session.scalars(
            select(Membership)
            .where(Membership.participant_id == participant.id)
            .order_by(Membership.group_id, Membership.id)
        )
    )
    today = now.astimezone(ZoneInfo(organization.timezone)).date()
    for membership in groups:
        process = await session.scalar(
            select(Process)
            .join(ThematicGroup, ThematicGroup.process_id == Process.id)
            .where(ThematicGroup.id == membership.group_id)
        )
        if membership.status in ACTIVE_MEMBERSHIP and process is not None and process.ends_on >= today:
            try:
                await memberships.withdraw(
                    session, settings, membership, now, channel=actor.channel, staff_user_id=actor.staff_user_id
                )
                done.memberships_withdrawn += 1
            except Conflict:
                pass  # ended by someone else a moment ago: nothing to give back
        membership.note = None
        membership.manage_token_hash = _void_link()
    done.memberships = len(groups)
    await session.flush()
    return groups


async def _clear_staff_notes(
    session: AsyncSession, registrations: list[Registration], groups: list[Membership]
) -> None:
    """Staff notes on every step of the person's registrations and memberships."""
    registration_ids, membership_ids = [r.id for r in registrations], [m.id for m in groups]
    if not registration_ids and not membership_ids:
        return
    await session.execute(
        update(StatusChange)
        .where(
            or_(
                StatusChange.registration_id.in_(registration_ids),
                StatusChange.membership_id.in_(membership_ids),
            )
        )
        .values(note=None)
        .execution_options(synchronize_session=False)
    )


async def _delete_what_names_the_person(
    session: AsyncSession,
    organization: Organization,
    participant: Participant,
    registrations: list[Registration],
    done: Erasure,
) -> None:
    """Consents, mails, webhook payloads and remembered sign-up answers that name the person."""
    done.consents_deleted = await _delete(session, delete(Consent).where(Consent.participant_id == participant.id))
    # After the steps above: giving seats back wrote mails to the person (withdrawal notices), which go too.
    mail_ids = list(await session.scalars(mails_of(participant).with_only_columns(OutboxMessage.id)))
    if mail_ids:
        done.mails_deleted = await _delete(session, delete(OutboxMessage).where(OutboxMessage.id.in_(mail_ids)))
    await webhooks.forget_person(session, participant.id)  # queued or sent payloads that name the person
    event_ids = [registration.event_id for registration in registrations]
    done.idempotency_records_deleted = await _forget_remembered_answers(
        session, organization, event_ids, _identifiers(participant)
    )


def _anonymise(participant: Participant, now: datetime) -> None:
    """The row stays for anonymous statistics: category and language only. The district goes too: with
    them it could point at a person in a small district."""
    participant.full_name = ERASED_NAME
    participant.email = None
    participant.phone = None
    participant.affiliation = None
    participant.district = None
    participant.updated_at = now


def _record(
    session: AsyncSession,
    organization: Organization,
    participant: Participant,
    actor: Actor,
    done: Erasure,
    now: datetime,
) -> None:
    session.add(
        AuditEntry(
            organization_id=organization.id,
            at=now,
            actor_type=actor.kind,
            actor_id=None,
            action=ERASE_ACTION,
            object_type="participant",
            object_id=participant.id,
            changes={
                "via": actor.via,
                "registrations": done.registrations,
                "registrations_cancelled": done.registrations_cancelled,
                "memberships": done.memberships,
                "memberships_withdrawn": done.memberships_withdrawn,
                "consents_deleted": done.consents_deleted,
                "mails_deleted": done.mails_deleted,
                "idempotency_records_deleted": done.idempotency_records_deleted,
            },
        )
    )


def _void_link() -> str:
    """A fresh secret nobody knows: the person's old manage links open nothing any more."""
    return hash_secret_token(new_secret_token())


async def _delete(session: AsyncSession, stmt: Any) -> int:
    result = await session.execute(stmt.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


async def _forget_remembered_answers(
    session: AsyncSession, organization: Organization, event_ids: list[uuid.UUID], identifiers: list[str]
) -> int:
    """Answers remembered for an Idempotency-Key hold only the sign-up's status and message, but the key is
    the client's choice and could be the person's address: such records of the person's events go."""
    if not identifiers:
        return 0
    scopes = [idempotency.signup_scope(event_id) for event_id in event_ids] + [idempotency.APPLICATION_SCOPE]
    remembered = await session.scalars(
        select(IdempotentResponse).where(
            IdempotentResponse.organization_id == organization.id, IdempotentResponse.scope.in_(scopes)
        )
    )
    naming = [
        record.id
        for record in remembered
        if _mentions(f"{record.key} {json.dumps(record.body, ensure_ascii=False)}", identifiers)
    ]
    if not naming:
        return 0
    return await _delete(session, delete(IdempotentResponse).where(IdempotentResponse.id.in_(naming)))


def _identifiers(participant: Participant) -> list[str]:
    """What names the person in free text: the name, the address, the phone number."""
    return [text for text in (participant.full_name, participant.email, participant.phone) if text and text.strip()]


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    """The number however it is written: 0151 2345678, 0151/2345678, 01512345678."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 5:
        return None
    return re.compile(r"[\s/().\-]*".join(re.escape(digit) for digit in digits))


def _mentions(text: str, identifiers: list[str]) -> bool:
    patterns = [re.compile(re.escape(identifier), re.IGNORECASE) for identifier in identifiers]
    patterns.extend(p for p in (_phone_pattern(identifier) for identifier in identifiers) if p is not None)
    return any(pattern.search(text) for pattern in patterns)
