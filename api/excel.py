"""Tables for German Excel: what staff download as CSV (semicolons, CRLF, no formulas), and the columns
that name a person in every such list."""

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


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d.%m.%Y %H:%M") if value else ""
