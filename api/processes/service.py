"""Rules and queries for participation processes and their phases."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api import reactions
from api.config import Settings
from api.db import flush_unique, utcnow
from api.errors import Conflict, InvalidInput, NotFound
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_date
from api.processes.happenings import ProcessEndChanging
from api.processes.models import ConceptKind, Phase, Process, ProcessStatus
from api.processes.schemas import PhaseCreate, PhaseUpdate, ProcessCreate, ProcessUpdate
from api.schemas import changes_of, values_of

# Archived processes stay readable: the concept they produced is still the city's.
PUBLIC_PROCESS_STATUSES = (ProcessStatus.published, ProcessStatus.archived)
NEWEST_FIRST = SortKey(Process.starts_on, Process.id, descending=True, parse=parse_date)
_NOT_FOUND = "There is no process with this id in your organization."
_LIST_FIELDS = ("guiding_principles", "fields_of_action", "contacts", "links")


async def list_public(
    session: AsyncSession, organization: Organization, page: PageRequest
) -> tuple[list[Process], str | None]:
    stmt = select(Process).where(
        Process.organization_id == organization.id, Process.status.in_(PUBLIC_PROCESS_STATUSES)
    )
    rows, cursor = await paginate(session, stmt, NEWEST_FIRST, page)
    return list(rows), cursor


async def get_public(session: AsyncSession, organization: Organization, slug: str) -> Process:
    process = await session.scalar(
        select(Process).where(
            Process.organization_id == organization.id,
            Process.slug == slug,
            Process.status.in_(PUBLIC_PROCESS_STATUSES),
        )
    )
    if process is None:
        raise NotFound("There is no published process with this address.")
    return process


async def list_for_staff(
    session: AsyncSession, organization: Organization, page: PageRequest, status: ProcessStatus | None
) -> tuple[list[Process], str | None]:
    stmt = select(Process).where(Process.organization_id == organization.id)
    if status is not None:
        stmt = stmt.where(Process.status == status)
    rows, cursor = await paginate(session, stmt, NEWEST_FIRST, page)
    return list(rows), cursor


async def get_for_staff(session: AsyncSession, organization: Organization, process_id: uuid.UUID) -> Process:
    process = await session.get(Process, process_id)
    if process is None or process.organization_id != organization.id:
        raise NotFound(_NOT_FOUND)
    return process


def ensure_editable(process: Process) -> None:
    if process.status == ProcessStatus.archived:
        raise Conflict(
            "This process is archived; it and its groups and events can no longer be changed.", slug="process-archived"
        )


async def create(session: AsyncSession, organization: Organization, data: ProcessCreate) -> Process:
    process = Process(organization_id=organization.id, phases=[], **_lists_emptied(values_of(data)))
    _check_process(process)
    session.add(process)
    await flush_unique(
        session, Conflict("Another process of your organization has this slug already.", field="slug", kind="taken")
    )
    return process


async def update(session: AsyncSession, settings: Settings, process: Process, data: ProcessUpdate) -> Process:
    ensure_editable(process)
    changes = _lists_emptied(changes_of(data, required=("slug", "title", "concept_kind", "starts_on", "ends_on")))
    for name, value in changes.items():
        setattr(process, name, value)
    _check_process(process)
    for phase in process.phases:
        _check_phase_in_process(phase, process)
    organization = await session.get_one(Organization, process.organization_id)
    await reactions.tell(session, settings, ProcessEndChanging(process.id, last_moment(process, organization.timezone)))
    await flush_unique(
        session, Conflict("Another process of your organization has this slug already.", field="slug", kind="taken")
    )
    return process


def last_moment(process: Process, tz_name: str) -> datetime:
    """The end of the process's last day, in the city's time zone."""
    return datetime.combine(process.ends_on, time.max, tzinfo=ZoneInfo(tz_name))


def _lists_emptied(changes: dict[str, Any]) -> dict[str, Any]:
    # null for a list means "none": an empty list, never a NULL the answers cannot show.
    return {name: [] if value is None and name in _LIST_FIELDS else value for name, value in changes.items()}


async def publish(session: AsyncSession, process: Process) -> Process:
    ensure_editable(process)
    if process.status == ProcessStatus.draft:
        process.status = ProcessStatus.published
        process.published_at = utcnow()
        await session.flush()
    return process


async def archive(session: AsyncSession, process: Process) -> Process:
    if process.status == ProcessStatus.draft:
        raise Conflict("A draft cannot be archived; delete it instead.", slug="draft-not-archivable")
    process.status = ProcessStatus.archived
    await session.flush()
    return process


async def delete(session: AsyncSession, process: Process) -> None:
    if process.status != ProcessStatus.draft:
        raise Conflict(
            "Only a draft can be deleted; archive a published process instead.", slug="only-drafts-deletable"
        )
    await session.delete(process)
    await session.flush()


async def add_phase(session: AsyncSession, process: Process, data: PhaseCreate) -> Phase:
    ensure_editable(process)
    phase = Phase(organization_id=process.organization_id, process_id=process.id, **values_of(data))
    _check_phase_in_process(phase, process)
    _check_phase_overlap(phase, process)
    session.add(phase)
    process.phases.append(phase)
    await session.flush()
    return phase


async def get_phase(session: AsyncSession, organization: Organization, phase_id: uuid.UUID) -> Phase:
    phase = await session.get(Phase, phase_id)
    if phase is None or phase.organization_id != organization.id:
        raise NotFound("There is no phase with this id in your organization.")
    return phase


async def update_phase(session: AsyncSession, phase: Phase, data: PhaseUpdate) -> Phase:
    process = await session.get_one(Process, phase.process_id)
    ensure_editable(process)
    for name, value in changes_of(data, required=("name", "starts_on", "ends_on")).items():
        setattr(phase, name, value)
    _check_phase_in_process(phase, process)
    _check_phase_overlap(phase, process)
    await session.flush()
    return phase


async def delete_phase(session: AsyncSession, phase: Phase) -> None:
    process = await session.get_one(Process, phase.process_id)
    ensure_editable(process)
    process.phases.remove(phase)
    await session.flush()


def _check_process(process: Process) -> None:
    if process.ends_on < process.starts_on:
        raise InvalidInput("The process cannot end before it starts.", field="ends_on", kind="ends-before-start")
    if process.concept_kind == ConceptKind.update:
        if process.previous_concept_year is None:
            raise InvalidInput(
                "An update (Fortschreibung) needs the year of the concept it updates.",
                field="previous_concept_year",
                kind="previous-year-needed",
            )
        if process.previous_concept_year > process.starts_on.year:
            raise InvalidInput(
                "The concept being updated must be older than this process.",
                field="previous_concept_year",
                kind="previous-year-too-late",
            )
    elif process.previous_concept_year is not None:
        raise InvalidInput(
            "Only an update (Fortschreibung) has a previous concept year.",
            field="previous_concept_year",
            kind="previous-year-only-for-update",
        )


def _check_phase_in_process(phase: Phase, process: Process) -> None:
    if phase.ends_on < phase.starts_on:
        raise InvalidInput("A phase cannot end before it starts.", field="ends_on", kind="ends-before-start")
    if phase.starts_on < process.starts_on or phase.ends_on > process.ends_on:
        raise InvalidInput(
            "The phase “{phase}” must lie within the process, {starts_on} to {ends_on}.",
            params={
                "phase": phase.name,
                "starts_on": process.starts_on.isoformat(),
                "ends_on": process.ends_on.isoformat(),
            },
            field="starts_on" if phase.starts_on < process.starts_on else "ends_on",
            kind="outside-process",
        )


def _check_phase_overlap(phase: Phase, process: Process) -> None:
    """Phases follow one another, so that on any day at most one of them is the current one."""
    for other in process.phases:
        if other is not phase and other.starts_on <= phase.ends_on and phase.starts_on <= other.ends_on:
            raise InvalidInput(
                "The phase overlaps “{other}”, {starts_on} to {ends_on}; phases follow one another.",
                params={
                    "other": other.name,
                    "starts_on": other.starts_on.isoformat(),
                    "ends_on": other.ends_on.isoformat(),
                },
                field="starts_on" if phase.starts_on >= other.starts_on else "ends_on",
                kind="phase-overlap",
            )
