"""The statistics, counted by the database (GROUP BY), never by loading people's rows.

What counts: a *sign-up* is a registration that was confirmed (confirmed, attended or no-show); a
*member* is a membership with status member; a person *took part* with a confirmed or attended
sign-up, or a membership. Sign-ups and members over time count by the day they came in.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select, union, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from api.events.models import Event, EventStatus
from api.groups.models import GroupStatus, ThematicGroup
from api.memberships.models import Membership, MembershipStatus
from api.organizations.models import Organization
from api.participants.models import Channel, Participant, StakeholderCategory
from api.processes.models import Process
from api.registrations.models import Registration, RegistrationStatus
from api.statistics.periods import periods_between
from api.statistics.schemas import (
    Breakdown,
    Cell,
    EventReach,
    GroupReach,
    OverTime,
    PeriodCount,
    PublicReach,
    Statistics,
)
from api.statistics.suppression import THRESHOLD, suppress

S = RegistrationStatus
SIGNED_UP = (S.confirmed, S.attended, S.no_show)
TOOK_PART = (S.confirmed, S.attended)
# The channels a resident or the office uses; `system` never brings a sign-up of its own.
CHANNELS: list[str | None] = [c.value for c in Channel if c != Channel.system]
CATEGORIES: list[str | None] = [c.value for c in StakeholderCategory]


@dataclass(frozen=True)
class Reach:
    """Whose sign-ups are counted: one city, and within it one process or all of them."""

    organization: Organization
    process_id: uuid.UUID | None = None

    def registrations(self, *statuses: RegistrationStatus) -> list[ColumnElement[bool]]:
        where = [Registration.organization_id == self.organization.id, Registration.status.in_(statuses)]
        if self.process_id is not None:
            where.append(Registration.event_id.in_(select(Event.id).where(Event.process_id == self.process_id)))
        return where

    def memberships(self) -> list[ColumnElement[bool]]:
        where = [Membership.organization_id == self.organization.id, Membership.status == MembershipStatus.member]
        if self.process_id is not None:
            where.append(
                Membership.group_id.in_(select(ThematicGroup.id).where(ThematicGroup.process_id == self.process_id))
            )
        return where

    def events(self) -> list[ColumnElement[bool]]:
        where = [Event.organization_id == self.organization.id, Event.status != EventStatus.draft]
        return [*where, Event.process_id == self.process_id] if self.process_id else where

    def groups(self) -> list[ColumnElement[bool]]:
        where = [ThematicGroup.organization_id == self.organization.id, ThematicGroup.status != GroupStatus.draft]
        return [*where, ThematicGroup.process_id == self.process_id] if self.process_id else where

    def people_who_took_part(self) -> Select[Any]:
        return union(
            select(Registration.participant_id).where(*self.registrations(*TOOK_PART)),
            select(Membership.participant_id).where(*self.memberships()),
        )


async def statistics(session: AsyncSession, reach: Reach) -> Statistics:
    people = await _count(session, select(func.count()).select_from(reach.people_who_took_part().subquery()))
    return Statistics(
        process_id=reach.process_id,
        threshold=THRESHOLD,
        people=None if 0 < people < THRESHOLD else people,
        sign_ups=await _count(session, select(func.count()).where(*reach.registrations(*SIGNED_UP))),
        members=await _count(session, select(func.count()).where(*reach.memberships())),
        over_time=await over_time(session, reach),
        events=await by_event(session, reach),
        groups=await by_group(session, reach),
        by_channel=await by_channel(session, reach),
        by_category=await _people_by(session, reach, Participant.category, CATEGORIES),
        by_language=await _people_by(session, reach, Participant.preferred_language, None),
        by_district=await _people_by(session, reach, Participant.district, [*reach.organization.districts, None]),
    )


async def over_time(session: AsyncSession, reach: Reach) -> OverTime:
    sign_ups = (Registration.created_at, reach.registrations(*SIGNED_UP))
    members = (Membership.created_at, reach.memberships())
    spans = [
        (await session.execute(select(func.min(at), func.max(at)).where(*where))).one()
        for at, where in (sign_ups, members)
    ]
    instants = [instant for span in spans for instant in span if instant is not None]
    if not instants:
        return OverTime(unit="day", periods=[])
    unit, periods = periods_between(min(instants), max(instants), reach.organization.timezone)
    boundaries = [p.starts_at for p in periods[1:]]
    counted = [await _per_period(session, at, where, boundaries) for at, where in (sign_ups, members)]
    return OverTime(
        unit=unit,
        periods=[
            PeriodCount(
                period=p.label, starts_on=p.starts_on, sign_ups=counted[0].get(i, 0), new_members=counted[1].get(i, 0)
            )
            for i, p in enumerate(periods[:-1])
        ],
    )


async def _per_period(
    session: AsyncSession, at: Any, where: list[ColumnElement[bool]], boundaries: Sequence[datetime]
) -> dict[int, int]:
    """Rows per period: the period's index is the first boundary the instant lies before."""
    index = case(*((at < boundary, i) for i, boundary in enumerate(boundaries)), else_=len(boundaries))
    # Grouped by the subquery's column: PostgreSQL would not see a CASE with bound values in GROUP BY
    # as the same expression as the one selected.
    periods = select(index.label("period")).where(*where).subquery()
    rows = await session.execute(select(periods.c.period, func.count()).group_by(periods.c.period))
    return {period: count for period, count in rows}


async def by_event(session: AsyncSession, reach: Reach) -> list[EventReach]:
    def counting(*statuses: RegistrationStatus) -> Any:
        return func.coalesce(func.sum(case((Registration.status.in_(statuses), 1), else_=0)), 0)

    rows = await session.execute(
        select(
            Event.id,
            Event.title,
            Event.starts_at,
            Event.status,
            counting(*SIGNED_UP),
            counting(S.attended),
            counting(S.no_show),
            counting(S.waitlisted),
        )
        .outerjoin(Registration, Registration.event_id == Event.id)
        .where(*reach.events())
        .group_by(Event.id, Event.title, Event.starts_at, Event.status)
        .order_by(Event.starts_at, Event.id)
    )
    tz = {"tz": reach.organization.timezone}
    return [EventReach.model_validate(dict(zip(EventReach.model_fields, row, strict=True)), context=tz) for row in rows]


async def by_group(session: AsyncSession, reach: Reach) -> list[GroupReach]:
    def counting(status: MembershipStatus) -> Any:
        return func.coalesce(func.sum(case((Membership.status == status, 1), else_=0)), 0)

    rows = await session.execute(
        select(
            ThematicGroup.id,
            ThematicGroup.name,
            counting(MembershipStatus.member),
            counting(MembershipStatus.applied),
            counting(MembershipStatus.waitlisted),
        )
        .outerjoin(Membership, Membership.group_id == ThematicGroup.id)
        .where(*reach.groups())
        .group_by(ThematicGroup.id, ThematicGroup.name)
        .order_by(ThematicGroup.name, ThematicGroup.id)
    )
    return [GroupReach.model_validate(dict(zip(GroupReach.model_fields, row, strict=True))) for row in rows]


async def by_channel(session: AsyncSession, reach: Reach) -> Breakdown:
    came_in = union_all(
        select(Registration.channel.label("channel")).where(*reach.registrations(*SIGNED_UP)),
        select(Membership.channel.label("channel")).where(*reach.memberships()),
    ).subquery()
    rows = await session.execute(select(came_in.c.channel, func.count()).group_by(came_in.c.channel))
    return _breakdown({_plain(value): count for value, count in rows}, CHANNELS)


async def _people_by(session: AsyncSession, reach: Reach, attribute: Any, order: list[str | None] | None) -> Breakdown:
    rows = await session.execute(
        select(attribute, func.count()).where(Participant.id.in_(reach.people_who_took_part())).group_by(attribute)
    )
    counts = {_plain(value): count for value, count in rows}
    # Languages in code order; a district the city has since struck from its list is still counted.
    order = [*(order or []), *sorted(v for v in counts if v not in (order or []) and v is not None)]
    if None in counts and None not in order:
        order.append(None)
    return _breakdown(counts, order)


def _breakdown(counts: dict[str | None, int], order: list[str | None]) -> Breakdown:
    shown, total = suppress(counts, order)
    return Breakdown(total=total, cells=[Cell(value=c.value, count=c.count, suppressed=c.suppressed) for c in shown])


def _plain(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


async def _count(session: AsyncSession, query: Select[Any]) -> int:
    return (await session.scalar(query)) or 0


async def public_reach(
    session: AsyncSession, organization: Organization, process: Process, now: datetime
) -> PublicReach:
    """In one statement: the public page is read often and counts its queries."""
    people = select(func.count()).select_from(Reach(organization, process.id).people_who_took_part().subquery())
    held = select(func.count()).where(
        Event.process_id == process.id, Event.status == EventStatus.published, Event.ends_at <= now
    )
    groups = select(func.count()).where(
        ThematicGroup.process_id == process.id, ThematicGroup.status == GroupStatus.published
    )
    row = (
        await session.execute(select(people.scalar_subquery(), held.scalar_subquery(), groups.scalar_subquery()))
    ).one()
    return PublicReach(participants=row[0], events_held=row[1], groups=row[2])
