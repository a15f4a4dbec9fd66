"""Data protection (DSGVO): the people a city holds data about, who acts on their behalf, and finding
them for staff. Erased people keep no personal data and are never listed."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound
from api.memberships.models import Membership
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate
from api.participants import service as participants
from api.participants.models import Channel, Participant
from api.registrations.models import Registration

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


def is_erased(participant: Participant) -> bool:
    """Everyone who signed up gave an e-mail address or a phone number; only erasure takes both away."""
    return participant.email is None and participant.phone is None


def not_erased() -> Any:
    return or_(Participant.email.is_not(None), Participant.phone.is_not(None))


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


# How people write a phone number besides its digits: 0151 2345678, 0151/234-5678, +49 (151) 2345678.
_PHONE_SEPARATORS = (" ", "/", "-", "(", ")", ".", "+")
_PHONE_MIN_DIGITS = 5


def _phone_digits(column: Any) -> Any:
    for separator in _PHONE_SEPARATORS:
        column = func.replace(column, separator, "")
    return column


def _matching(text: str) -> Any:
    """Name or e-mail address contains the text; or, when it is a phone number (at least five digits and
    nothing else but separators), the person's number contains its digits however either is written."""
    condition = participants.matching(text)
    digits = re.sub(r"\D", "", text)
    if len(digits) >= _PHONE_MIN_DIGITS and not re.sub(r"[\d\s/().+\-]", "", text):
        condition = or_(condition, _phone_digits(Participant.phone).contains(digits, autoescape=True))
    return condition


async def search(
    session: AsyncSession, organization: Organization, text: str | None, page: PageRequest
) -> tuple[list[tuple[Participant, int, int]], str | None]:
    """People of the city whose name, e-mail address or phone number contains `text`, by name, with how
    many registrations and memberships each has. Erased people hold no personal data and are not listed."""
    stmt = select(Participant).where(Participant.organization_id == organization.id, not_erased())
    if text:
        stmt = stmt.where(_matching(text))
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


def mails_of(participant: Participant) -> Any:
    """Mails about the person, and any other mail of the city to their address."""
    about = OutboxMessage.participant_id == participant.id
    if not participant.email:
        return select(OutboxMessage).where(about)
    to_address = and_(
        OutboxMessage.organization_id == participant.organization_id,
        func.lower(OutboxMessage.recipient) == participant.email.lower(),
    )
    return select(OutboxMessage).where(or_(about, to_address))
