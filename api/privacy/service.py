"""Data protection (DSGVO): what the city holds about a person (Art. 15, 20), and erasing it (Art. 17).

Erasure keeps what anonymous statistics need and nothing that points to the person: the participant row
stays as "Gelöschte Person" with category and language only, registrations and memberships stay with
their status (counts per status stay right) but lose answers, notes and their manage links, and
consents, mails and remembered sign-up answers that name the person are deleted. Seats and places still
held for events to come and running processes are given back through the normal paths, so the counters
stay right and the waiting list moves up.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.config import Settings
from api.errors import Conflict, NotFound
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.idempotency import IdempotentResponse
from api.integrations.webhooks import service as webhooks
from api.memberships import service as memberships
from api.memberships.models import ACTIVE_MEMBERSHIP, Membership
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization, PrivacyNotice
from api.pagination import PageRequest, SortKey, paginate
from api.participants import service as participants
from api.participants.models import Channel, Consent, Participant
from api.privacy.schemas import PersonalDataExport
from api.processes.models import Process
from api.registrations import lifecycle
from api.registrations.models import ACTIVE, Registration, RegistrationStatus, StatusChange
from api.security import hash_secret_token, new_secret_token

log = logging.getLogger("api.privacy")

ERASED_NAME = "Gelöschte Person"
ERASE_ACTION = "erase_participant"
RETENTION_ACTION = "erase_expired_personal_data"
# The retention job runs at most once a day per city (the worker calls it every few seconds) …
RETENTION_INTERVAL = timedelta(hours=24)
# … and erases at most this many people per city and run; the next run goes on at once if there are more.
RETENTION_BATCH = 200
# The scope the sign-up route remembers Idempotency-Key answers under (api.registrations.routes).
_SIGNUP_SCOPE = "event-registration:{event_id}"
APPLICATION_SCOPE = "group-applications"
BY_NAME = SortKey(Participant.full_name, Participant.id)

ActorKind = Literal["resident", "staff", "system"]


@dataclass(frozen=True)
class Actor:
    """Who erases: the person through a manage link, a staff member on request, or the retention job."""

    kind: ActorKind
    staff_user_id: uuid.UUID | None = None

    @property
    def channel(self) -> Channel:
        return {"resident": Channel.web, "staff": Channel.staff, "system": Channel.system}[self.kind]

    @property
    def via(self) -> str:
        return {"resident": "manage_link", "staff": "staff_request", "system": "retention"}[self.kind]


RESIDENT = Actor("resident")
SYSTEM = Actor("system")


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


def is_erased(participant: Participant) -> bool:
    """Everyone who signed up gave an e-mail address or a phone number; only erasure takes both away."""
    return participant.email is None and participant.phone is None


def not_erased() -> Any:
    return or_(Participant.email.is_not(None), Participant.phone.is_not(None))


# --- finding the person -------------------------------------------------------------------------------


async def person_of(session: AsyncSession, subject: Registration | Membership) -> Participant:
    """The person behind a manage link."""
    participant = await session.get_one(Participant, subject.participant_id)
    if is_erased(participant):  # cannot happen through a link (erasure voids them); kept as a safety net
        raise NotFound("This link is not valid (any more). Please contact the city.")
    return participant


async def get_for_staff(session: AsyncSession, organization: Organization, participant_id: uuid.UUID) -> Participant:
    participant = await session.get(Participant, participant_id)
    if participant is None or participant.organization_id != organization.id or is_erased(participant):
        raise NotFound("There is no person with this id in your organization, or their data has been erased.")
    return participant


async def search(
    session: AsyncSession, organization: Organization, text: str | None, page: PageRequest
) -> tuple[list[tuple[Participant, int, int]], str | None]:
    """People of the city whose name or e-mail address contains `text`, by name, with how many
    registrations and memberships each has. Erased people hold no personal data and are not listed."""
    stmt = select(Participant).where(Participant.organization_id == organization.id, not_erased())
    if text:
        stmt = stmt.where(participants.matching(text))
    rows, cursor = await paginate(session, stmt, BY_NAME, page)
    ids = [p.id for p in rows]
    registrations = await _count_by_participant(session, Registration, ids)
    groups = await _count_by_participant(session, Membership, ids)
    return [(p, registrations.get(p.id, 0), groups.get(p.id, 0)) for p in rows], cursor


async def _count_by_participant(
    session: AsyncSession, model: type[Registration] | type[Membership], ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    if not ids:
        return {}
    rows = await session.execute(
        select(model.participant_id, func.count()).where(model.participant_id.in_(ids)).group_by(model.participant_id)
    )
    return {participant_id: count for participant_id, count in rows.all()}


# --- the export ---------------------------------------------------------------------------------------


async def export(session: AsyncSession, participant: Participant, now: datetime) -> PersonalDataExport:
    """Everything held about the person in their city: who they are, what they agreed to, every sign-up
    with its answers and history, every group, and the mails written to them."""
    organization = await session.get_one(Organization, participant.organization_id)
    consents = await session.execute(
        select(Consent, PrivacyNotice)
        .join(PrivacyNotice, PrivacyNotice.id == Consent.privacy_notice_id)
        .where(Consent.participant_id == participant.id)
        .order_by(Consent.given_at, Consent.id)
    )
    registrations = (
        await session.execute(
            select(Registration, Event)
            .join(Event, Event.id == Registration.event_id)
            .where(Registration.participant_id == participant.id)
            .order_by(Event.starts_at, Registration.id)
        )
    ).all()
    groups = (
        await session.execute(
            select(Membership, ThematicGroup, Process)
            .join(ThematicGroup, ThematicGroup.id == Membership.group_id)
            .join(Process, Process.id == ThematicGroup.process_id)
            .where(Membership.participant_id == participant.id)
            .order_by(Membership.created_at, Membership.id)
        )
    ).all()
    history = await _history(session, [r.id for r, _ in registrations], [m.id for m, _, _ in groups])
    mails = await session.scalars(_mails_of(participant).order_by(OutboxMessage.created_at, OutboxMessage.id))
    data = {
        "generated_at": now,
        "controller": organization,
        "retention_months": organization.retention_months,
        "person": participant,
        "consents": [
            {
                "privacy_notice_version": notice.version,
                "privacy_notice_url": notice.url,
                "channel": consent.channel,
                "given_at": consent.given_at,
            }
            for consent, notice in consents.all()
        ],
        "registrations": [
            {
                **_columns(registration, _REGISTRATION_FIELDS),
                "event": event,
                "history": history[registration.id],
            }
            for registration, event in registrations
        ],
        "memberships": [
            {
                **_columns(membership, _MEMBERSHIP_FIELDS),
                "group": {"id": group.id, "name": group.name, "process_title": process.title},
                "history": history[membership.id],
            }
            for membership, group, process in groups
        ],
        "mails": list(mails),
    }
    return PersonalDataExport.model_validate(data, context={"tz": organization.timezone})


_REGISTRATION_FIELDS = (
    "id",
    "status",
    "channel",
    "answers",
    "hold_expires_at",
    "waitlisted_at",
    "confirmed_at",
    "cancelled_at",
    "cancel_reason",
    "checked_in_at",
    "reminder_sent_at",
    "created_at",
    "updated_at",
)
_MEMBERSHIP_FIELDS = (
    "id",
    "status",
    "role",
    "preference_rank",
    "channel",
    "waitlisted_at",
    "decided_at",
    "note",
    "created_at",
    "updated_at",
)


def _columns(row: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


async def _history(
    session: AsyncSession, registration_ids: list[uuid.UUID], membership_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[StatusChange]]:
    steps: dict[uuid.UUID, list[StatusChange]] = defaultdict(list)
    if not registration_ids and not membership_ids:
        return steps
    rows = await session.scalars(
        select(StatusChange)
        .where(or_(StatusChange.registration_id.in_(registration_ids), StatusChange.membership_id.in_(membership_ids)))
        .order_by(StatusChange.at, StatusChange.id)
    )
    for step in rows:
        steps[step.registration_id or step.membership_id].append(step)  # type: ignore[index]
    return steps


def _mails_of(participant: Participant) -> Any:
    """Mails about the person, and any other mail of the city to their address."""
    about = OutboxMessage.participant_id == participant.id
    if not participant.email:
        return select(OutboxMessage).where(about)
    to_address = and_(
        OutboxMessage.organization_id == participant.organization_id,
        func.lower(OutboxMessage.recipient) == participant.email.lower(),
    )
    return select(OutboxMessage).where(or_(about, to_address))


# --- erasure ------------------------------------------------------------------------------------------


async def erase(
    session: AsyncSession, settings: Settings, participant: Participant, actor: Actor, now: datetime
) -> Erasure:
    """Erases the person (Art. 17 DSGVO) everywhere, and records that it happened, without personal data."""
    # Two erasures of one person at the same moment (a double click): the second waits here and then
    # finds nothing left to do. NO KEY UPDATE: a sign-up inserting a registration for the person may go on.
    locked = await session.scalar(
        select(Participant)
        .where(Participant.id == participant.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if locked is None or is_erased(locked):
        raise Conflict("The data of this person has been erased already.", slug="already-erased")
    participant = locked
    done = Erasure(participant_id=participant.id, erased_at=now)
    organization = await session.get_one(Organization, participant.organization_id)

    registrations = list(
        await session.scalars(
            select(Registration)
            .where(Registration.participant_id == participant.id)
            .order_by(Registration.event_id, Registration.id)  # events are locked in one fixed order
        )
    )
    event_ids: list[uuid.UUID] = []
    for registration in registrations:
        event = await session.get_one(Event, registration.event_id)
        event_ids.append(event.id)
        # For an event still to come the seat goes back and the waiting list moves up, as if the person had
        # cancelled; an event that has begun keeps its count of who came.
        if (
            registration.status in ACTIVE
            and now < event.starts_at
            and await lifecycle.leave(
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

    # Staff notes on every step of the person's registrations and memberships.
    registration_ids, membership_ids = [r.id for r in registrations], [m.id for m in groups]
    if registration_ids or membership_ids:
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
    done.consents_deleted = await _delete(session, delete(Consent).where(Consent.participant_id == participant.id))
    # Last: giving seats back above wrote mails to the person (withdrawal notices), which go too.
    mail_ids = list(await session.scalars(_mails_of(participant).with_only_columns(OutboxMessage.id)))
    if mail_ids:
        done.mails_deleted = await _delete(session, delete(OutboxMessage).where(OutboxMessage.id.in_(mail_ids)))
    await webhooks.forget_person(session, participant.id)  # queued or sent payloads that name the person
    done.idempotency_records_deleted = await _forget_remembered_answers(
        session, organization, event_ids, _identifiers(participant)
    )

    participant.full_name = ERASED_NAME
    participant.email = None
    participant.phone = None
    participant.affiliation = None
    participant.updated_at = now
    if actor.kind != "staff":
        # A staff member's erasure is recorded by the audit trail of every staff route (api.audit.service),
        # under the route's name `erase_participant`, with the reason's value withheld: one entry each.
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
    await session.flush()
    return done


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
    scopes = [_SIGNUP_SCOPE.format(event_id=event_id) for event_id in event_ids] + [APPLICATION_SCOPE]
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


# --- retention ----------------------------------------------------------------------------------------


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
