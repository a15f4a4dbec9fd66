"""Data protection (DSGVO): what the city holds about a person (Art. 15, 20), as one document."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.events.models import Event
from api.groups.models import ThematicGroup
from api.lifecycle.models import StatusChange
from api.memberships.models import Membership
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization, PrivacyNotice
from api.participants.models import Consent, Participant
from api.privacy.people import mails_of
from api.privacy.schemas import PersonalDataExport
from api.processes.models import Process
from api.registrations.models import Registration


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
    mails = await session.scalars(mails_of(participant).order_by(OutboxMessage.created_at, OutboxMessage.id))
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
