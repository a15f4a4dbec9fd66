"""CSV lists of a group's members and applicants for staff."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from api.excel import CHANNEL_WORDS, PERSON_COLUMNS, excel_csv, in_words, local_time, person_cells
from api.memberships.models import Membership

STATUS_WORDS = {
    "applied": "beworben",
    "member": "Mitglied",
    "waitlisted": "Warteliste",
    "rejected": "abgelehnt",
    "withdrawn": "zurückgezogen",
}
ROLE_WORDS = {"member": "Mitglied", "lead": "Leitung", "deputy": "Stellvertretung"}


def memberships_csv(rows: Sequence[Membership], tz_name: str) -> str:
    tz = ZoneInfo(tz_name)
    header = [*PERSON_COLUMNS, "Status", "Rolle", "Präferenz", "Kanal", "Angemeldet am"]
    return excel_csv(
        header,
        (
            [
                *person_cells(membership.participant),
                in_words(STATUS_WORDS, membership.status),
                in_words(ROLE_WORDS, membership.role),
                membership.preference_rank,
                in_words(CHANNEL_WORDS, membership.channel),
                local_time(membership.created_at, tz),
            ]
            for membership in rows
        ),
    )
