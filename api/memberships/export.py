"""CSV lists of a group's members and applicants for staff."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from api.excel import PERSON_COLUMNS, excel_csv, local_time, person_cells
from api.memberships.models import Membership


def memberships_csv(rows: Sequence[Membership], tz_name: str) -> str:
    tz = ZoneInfo(tz_name)
    header = [*PERSON_COLUMNS, "Status", "Rolle", "Präferenz", "Kanal", "Angemeldet am"]
    return excel_csv(
        header,
        (
            [
                *person_cells(membership.participant),
                membership.status,
                membership.role,
                membership.preference_rank,
                membership.channel,
                local_time(membership.created_at, tz),
            ]
            for membership in rows
        ),
    )
