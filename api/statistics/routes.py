"""The statistics of a process, or of all the city's processes, as JSON and each table as CSV.

Aggregates with small cells hidden, but about people: reading them takes people:read, within the
process for a process, city-wide for the city. The CSVs are downloads, not exports of personal data:
the audit log (which records those) leaves them out."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from api.authz import P, authorize
from api.deps import Caller, Session
from api.processes.dependencies import load_process
from api.statistics import export, service
from api.statistics.schemas import Statistics, Table

router = APIRouter(prefix="/staff", tags=["staff: statistics"])
_CSV = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}


@router.get("/statistics", response_model=Statistics, summary="The reach of all the city's processes")
async def get_city_statistics(session: Session, caller: Caller) -> Statistics:
    authorize(caller, P.people_read)
    return await service.statistics(session, service.Reach(caller.organization))


@router.get(
    "/statistics/{table}.csv",
    summary="One table of the city's statistics as CSV for Excel (UTF-8 with BOM, semicolons)",
    response_class=Response,
    responses=_CSV,
)
async def download_city_statistics(session: Session, caller: Caller, table: Table) -> Response:
    authorize(caller, P.people_read)
    stats = await service.statistics(session, service.Reach(caller.organization))
    return _csv(caller, stats, table, f"statistik-{caller.organization.slug}-{table.value}.csv")


@router.get("/processes/{process_id}/statistics", response_model=Statistics, summary="The reach of a process")
async def get_process_statistics(session: Session, caller: Caller, process_id: uuid.UUID) -> Statistics:
    process = await load_process(session, caller, process_id, P.people_read)
    return await service.statistics(session, service.Reach(caller.organization, process.id))


@router.get(
    "/processes/{process_id}/statistics/{table}.csv",
    summary="One table of a process's statistics as CSV for Excel (UTF-8 with BOM, semicolons)",
    response_class=Response,
    responses=_CSV,
)
async def download_process_statistics(
    session: Session, caller: Caller, process_id: uuid.UUID, table: Table
) -> Response:
    process = await load_process(session, caller, process_id, P.people_read)
    stats = await service.statistics(session, service.Reach(caller.organization, process.id))
    return _csv(caller, stats, table, f"statistik-{process.slug}-{table.value}.csv")


def _csv(caller: Caller, stats: Statistics, table: Table, filename: str) -> Response:
    text = export.statistics_csv(stats, table, caller.organization.timezone)
    return Response(
        content="\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
