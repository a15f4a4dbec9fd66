"""Allocation of a process's application groups: every applicant gets at most one place, chosen so that
the most people get a high choice (api.allocations.solver), instead of first come, first served.

Staff first see a proposal, stored as a run with its assignments, so that what they accept is exactly
what they saw. Accepting takes the run as a whole or not at all, and refuses a run whose applications or
places have changed since it was computed. Who got a place becomes a member and their other applications
are rejected (they hold a place already); who got none stays on the waiting list of every group they
named, so staff can give them a place that comes free. Each person gets one mail about all their groups.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.allocations import solver
from api.allocations.models import AllocationAssignment, AllocationRun, AllocationStatus
from api.allocations.schemas import AllocationOut
from api.authz import Caller
from api.config import Settings
from api.errors import Conflict, NotFound
from api.groups.models import MembershipMode, ThematicGroup
from api.memberships import mails
from api.memberships import service as memberships
from api.memberships.models import Membership, MembershipStatus
from api.notifications.templates import MailKind
from api.organizations.models import Organization
from api.participants.models import Participant
from api.processes.models import Process

_PLACED_ELSEWHERE = "Allocated a place in another group."
_NO_PLACE = "No place in the allocation; on the waiting list."


@dataclass
class _Situation:
    """What an allocation is computed from, as it is now."""

    groups: list[ThematicGroup]
    applications: list[Membership]  # status applied, in the order they came in
    members: Counter[tuple[uuid.UUID, str]]  # (group, category) -> members already in the group

    def fingerprint(self) -> str:
        state = {
            "groups": [[str(g.id), g.capacity, g.places_taken, sorted(g.wanted_composition)] for g in self.groups],
            "applications": sorted([str(m.id), m.preference_rank] for m in self.applications),
            "members": sorted([str(g), c, n] for (g, c), n in self.members.items()),
        }
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()

    def choices(self) -> dict[uuid.UUID, list[Membership]]:
        """Each applicant's applications, the most wanted first."""
        by_person: dict[uuid.UUID, list[Membership]] = defaultdict(list)
        for application in self.applications:
            by_person[application.participant_id].append(application)
        for wanted in by_person.values():
            wanted.sort(key=lambda m: (m.preference_rank is None, m.preference_rank or 0, m.created_at))
        return by_person


async def propose(session: AsyncSession, staff: Caller, process: Process) -> AllocationRun:
    situation = await _situation_of(session, process)
    if not situation.groups:
        raise Conflict(
            "This process has no groups whose members are chosen by application.", slug="no-application-groups"
        )
    choices = situation.choices()
    people = {p.id: p for p in await _participants(session, list(choices))}
    applicants = [
        solver.Applicant(person_id, people[person_id].category, [m.group_id for m in wanted])
        for person_id, wanted in choices.items()
    ]
    places = [solver.Places(g.id, g.places_left, _still_wanted(g, situation.members)) for g in situation.groups]
    result = solver.allocate(applicants, places)
    await session.execute(
        update(AllocationRun)
        .where(AllocationRun.process_id == process.id, AllocationRun.status == AllocationStatus.proposed)
        .values(status=AllocationStatus.superseded)
        .execution_options(synchronize_session=False)
    )
    in_preview_order = sorted(applicants, key=lambda a: (people[a.key].full_name.casefold(), str(a.key)))
    run = AllocationRun(
        organization_id=process.organization_id,
        process_id=process.id,
        status=AllocationStatus.proposed,
        fingerprint=situation.fingerprint(),
        shortfall=[
            {"group_id": str(group), "category": category, "missing": missing}
            for (group, category), missing in result.shortfall.items()
        ],
        created_by_id=staff.user_id,
        assignments=[
            AllocationAssignment(
                participant_id=a.key,
                group_id=result.groups[a.key],
                preference_rank=result.rank_of(a),
                position=position,
            )
            for position, a in enumerate(in_preview_order)
        ],
    )
    session.add(run)
    await session.flush()
    return run


async def get_for_staff(session: AsyncSession, organization: Organization, run_id: uuid.UUID) -> AllocationRun:
    run = await session.get(AllocationRun, run_id)
    if run is None or run.organization_id != organization.id:
        raise NotFound("There is no allocation with this id in your organization.")
    return run


async def accept(session: AsyncSession, settings: Settings, staff: Caller, run: AllocationRun, now: datetime) -> None:
    # Claimed with one conditional UPDATE: of two staff members accepting at the same moment, one wins.
    claimed = await session.execute(
        update(AllocationRun)
        .where(AllocationRun.id == run.id, AllocationRun.status == AllocationStatus.proposed)
        .values(status=AllocationStatus.accepted, accepted_at=now, accepted_by_id=staff.user_id, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict(
            "This allocation was accepted already or replaced by a newer one.", slug="allocation-not-proposed"
        )
    process = await session.get_one(Process, run.process_id)
    situation = await _situation_of(session, process)
    if situation.fingerprint() != run.fingerprint:
        raise Conflict(
            "The applications or places have changed since this allocation was proposed. Please run it again.",
            slug="allocation-stale",
        )
    choices = situation.choices()
    decisions = [
        (application, *_outcome(application, assignment))
        for assignment in run.assignments
        for application in choices[assignment.participant_id]
    ]
    # Places are taken group by group in one fixed order, as everywhere, so that no two requests deadlock.
    for application, to, note in sorted(decisions, key=lambda d: (str(d[0].group_id), str(d[0].id))):
        await memberships.record_decision(session, staff, application, to, note, now)
    for assignment in run.assignments:
        wanted = choices[assignment.participant_id]
        told = sorted(wanted, key=lambda m: m.status != MembershipStatus.member)  # the place first
        await mails.membership_mail(session, settings, MailKind.allocation_decided, told)
    await session.refresh(run, ["status", "accepted_at", "accepted_by_id", "updated_at"])


async def describe(session: AsyncSession, run: AllocationRun, timezone: str) -> AllocationOut:
    """The run as staff see it: the summary, each group with the people it gets, and who gets none."""
    process = await session.get_one(Process, run.process_id)
    situation = await _situation_of(session, process)
    groups = {g.id: g for g in situation.groups}
    for missing_group in {a.group_id for a in run.assignments} - groups.keys() - {None}:
        groups[missing_group] = await session.get_one(ThematicGroup, missing_group)
    people = {p.id: p for p in await _participants(session, [a.participant_id for a in run.assignments])}
    named = await _named_groups(session, run)

    def person(assignment: AllocationAssignment) -> dict[str, Any]:
        who = people[assignment.participant_id]
        return {
            "participant_id": who.id,
            "full_name": who.full_name,
            "category": who.category,
            "preference_rank": assignment.preference_rank,
            "choices": named.get(who.id, []),
        }

    gaps: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for gap in run.shortfall:
        gaps[gap["group_id"]].append({"category": gap["category"], "missing": gap["missing"]})
    placed = [a for a in run.assignments if a.group_id is not None]
    ranks = Counter(a.preference_rank for a in placed)
    body = {
        "id": run.id,
        "process_id": run.process_id,
        "status": run.status,
        "created_at": run.created_at,
        "accepted_at": run.accepted_at,
        "summary": {
            "applicants": len(run.assignments),
            "placed": len(placed),
            "without_place": len(run.assignments) - len(placed),
            "by_rank": [{"rank": rank, "people": ranks[rank]} for rank in sorted(ranks)],
            "composition_met": not run.shortfall,
        },
        "groups": [
            {
                "group_id": g.id,
                "name": g.name,
                "capacity": g.capacity,
                "free_places": g.places_left if run.status == AllocationStatus.proposed else None,
                "people": [person(a) for a in placed if a.group_id == g.id],
                "composition_gaps": gaps.get(str(g.id), []),
            }
            for g in sorted(groups.values(), key=lambda g: g.name.casefold())
        ],
        "without_place": [person(a) for a in run.assignments if a.group_id is None],
    }
    return AllocationOut.model_validate(body, context={"tz": timezone})


# --- shared steps -----------------------------------------------------------------------------------


def _outcome(application: Membership, assignment: AllocationAssignment) -> tuple[MembershipStatus, str | None]:
    if application.group_id == assignment.group_id:
        return MembershipStatus.member, None
    if assignment.group_id is not None:
        return MembershipStatus.rejected, _PLACED_ELSEWHERE
    return MembershipStatus.waitlisted, _NO_PLACE


def _still_wanted(group: ThematicGroup, members: Counter[tuple[uuid.UUID, str]]) -> dict[str, int]:
    """The wanted composition asks for at least one person of each named category; members count."""
    return {c: 1 for c in set(group.wanted_composition) if members[(group.id, c)] == 0}


async def _situation_of(session: AsyncSession, process: Process) -> _Situation:
    groups = (
        await session.scalars(
            select(ThematicGroup)
            .where(ThematicGroup.process_id == process.id, ThematicGroup.membership_mode == MembershipMode.application)
            .order_by(ThematicGroup.id)
        )
    ).all()
    group_ids = [g.id for g in groups]
    applications = (
        await session.scalars(
            select(Membership)
            .where(Membership.group_id.in_(group_ids), Membership.status == MembershipStatus.applied)
            .order_by(Membership.created_at, Membership.id)
        )
    ).all()
    members = await session.execute(
        select(Membership.group_id, Participant.category, func.count())
        .join(Participant, Participant.id == Membership.participant_id)
        .where(Membership.group_id.in_(group_ids), Membership.status == MembershipStatus.member)
        .group_by(Membership.group_id, Participant.category)
    )
    return _Situation(list(groups), list(applications), Counter({(g, str(c)): n for g, c, n in members.all()}))


async def _participants(session: AsyncSession, ids: Sequence[uuid.UUID]) -> Sequence[Participant]:
    if not ids:
        return []
    return (await session.scalars(select(Participant).where(Participant.id.in_(ids)))).all()


async def _named_groups(session: AsyncSession, run: AllocationRun) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The groups each person of the run named, most wanted first, as the applications are now."""
    people = [a.participant_id for a in run.assignments]
    if not people:
        return {}
    rows = await session.execute(
        select(Membership.participant_id, Membership.group_id)
        .join(ThematicGroup, ThematicGroup.id == Membership.group_id)
        .where(
            Membership.participant_id.in_(people),
            ThematicGroup.process_id == run.process_id,
            ThematicGroup.membership_mode == MembershipMode.application,
            Membership.preference_rank.is_not(None),
        )
        .order_by(Membership.participant_id, Membership.preference_rank)
    )
    named: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for participant_id, group_id in rows.all():
        named[participant_id].append(group_id)
    return named
