"""CSV lists of registrations for staff: who is coming, with their answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from api.excel import CHANNEL_WORDS, PERSON_COLUMNS, excel_csv, in_words, local_time, person_cells

STATUS_WORDS = {
    "pending": "unbestätigt",
    "confirmed": "bestätigt",
    "waitlisted": "Warteliste",
    "offered": "Platz angeboten",
    "attended": "teilgenommen",
    "no_show": "nicht erschienen",
    "cancelled": "storniert",
    "expired": "abgelaufen",
}


def registrations_csv(questions: list[dict[str, Any]], rows: Sequence[Any], tz_name: str) -> str:
    """`rows` as `service.export_rows` gives them: the person's and the registration's columns by name."""
    tz = ZoneInfo(tz_name)
    header = [
        *PERSON_COLUMNS,
        "Status",
        "Kanal",
        "Angemeldet am",
        "Bestätigt am",
        "Eingecheckt am",
        *[q["label"] for q in questions],
    ]
    return excel_csv(
        header,
        (
            [
                *person_cells(row),
                in_words(STATUS_WORDS, row.status),
                in_words(CHANNEL_WORDS, row.channel),
                local_time(row.created_at, tz),
                local_time(row.confirmed_at, tz),
                local_time(row.checked_in_at, tz),
                *[_answer((row.answers or {}).get(q["id"])) for q in questions],
            ]
            for row in rows
        ),
    )


def _answer(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)
