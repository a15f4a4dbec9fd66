"""People known to a city through their sign-ups, and the consents they gave."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import InvalidInput
from api.organizations import service as organizations
from api.organizations.models import Organization, PrivacyNotice
from api.participants.models import Channel, Consent, Participant
from api.participants.schemas import ConsentIn, PersonIn


async def check_consent(session: AsyncSession, organization: Organization, consent: ConsentIn) -> PrivacyNotice:
    notice = await organizations.latest_privacy_notice(session, organization.id)
    if notice is None or notice.version != consent.privacy_notice_version:
        raise InvalidInput(
            "Please read and accept the current privacy notice (version {version})."
            if notice
            else "Please read and accept the current privacy notice.",
            params={"version": notice.version} if notice else None,
            field="consent.privacy_notice_version",
            kind="consent-outdated",
        )
    return notice


async def find_or_add(session: AsyncSession, organization: Organization, person: PersonIn) -> Participant:
    """The person with this e-mail address in this city, or a new one. Known people keep their data:
    an unauthenticated form must not overwrite someone else's name. Only the district follows the latest
    answer: people move, and a wrong district harms nobody but the statistics."""
    _check_district(organization, person.district)
    email = person.email.lower() if person.email else None
    if email is not None:
        known = await _by_email(session, organization.id, email)
        if known is not None:
            known.district = person.district or known.district
            return known
    participant = Participant(
        organization_id=organization.id,
        full_name=person.full_name,
        email=email,
        phone=person.phone,
        affiliation=person.affiliation,
        category=person.category,
        preferred_language=person.preferred_language,
        district=person.district,
    )
    try:
        async with session.begin_nested():
            session.add(participant)
    except IntegrityError:
        # The same address signed up in a parallel request a moment ago: use that person.
        known = await _by_email(session, organization.id, email) if email else None
        if known is None:
            raise
        known.district = person.district or known.district
        return known
    return participant


def _check_district(organization: Organization, district: str | None) -> None:
    if district is not None and district not in organization.districts:
        raise InvalidInput(
            "Please choose one of the city's districts, or leave the district out.",
            field="district",
            kind="unknown-district",
        )


async def record_consent(
    session: AsyncSession,
    participant: Participant,
    notice: PrivacyNotice,
    channel: Channel,
    staff_user_id: uuid.UUID | None = None,
) -> None:
    session.add(
        Consent(
            organization_id=participant.organization_id,
            participant_id=participant.id,
            privacy_notice_id=notice.id,
            channel=channel,
            recorded_by_id=staff_user_id,
        )
    )


async def _by_email(session: AsyncSession, organization_id: uuid.UUID, email: str) -> Participant | None:
    return await session.scalar(
        select(Participant).where(Participant.organization_id == organization_id, Participant.email == email)
    )


def matching(search: str) -> ColumnElement[bool]:
    """People whose name or e-mail address contains the search text: any case, % and _ taken literally."""
    escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(
        func.lower(Participant.full_name).like(pattern, escape="\\"),
        func.lower(Participant.email).like(pattern, escape="\\"),
    )
