"""CSV lists of registrations for staff: who is coming, with their answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from api.participants.models import Participant

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell that Excel would run as a formula is written as text (CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text


PERSON_COLUMNS = ["Name", "E-Mail", "Telefon", "Organisation", "Kategorie", "Sprache"]


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table as German Excel opens it: semicolons, CRLF; the caller adds the UTF-8 byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([excel_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def person_cells(person: Participant | Any) -> list[object]:
    """A participant, or any row with the participant's column names."""
    return [
        person.full_name,
        person.email,
        person.phone,
        person.affiliation,
        person.category,
        person.preferred_language,
    ]


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
                row.status,
                row.channel,
                local_time(row.created_at, tz),
                local_time(row.confirmed_at, tz),
                local_time(row.checked_in_at, tz),
                *[_answer((row.answers or {}).get(q["id"])) for q in questions],
            ]
            for row in rows
        ),
    )


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d.%m.%Y %H:%M") if value else ""


def _answer(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)
