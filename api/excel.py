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


def from_excel_cell(text: str) -> str:
    """A cell read back from a file this module wrote: without the quote that kept a formula a text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


PERSON_COLUMNS = ["Name", "E-Mail", "Telefon", "Organisation", "Kategorie", "Sprache"]

# The lists are German (their headers are): so are the values of the API's enumerations in them.
CATEGORY_WORDS = {
    "resident": "Einwohnerin/Einwohner",
    "civil_society": "Verein/Zivilgesellschaft",
    "expert": "Fachperson",
    "administration": "Verwaltung",
    "politics": "Politik",
}
CHANNEL_WORDS = {
    "web": "Website",
    "email": "E-Mail",
    "phone": "Telefon",
    "on_site": "vor Ort",
    "staff": "durch Mitarbeitende",
    "system": "automatisch",
}
LANGUAGE_WORDS = {
    "de": "Deutsch",
    "en": "Englisch",
    "ar": "Arabisch",
    "tr": "Türkisch",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "fa": "Persisch",
    "prs": "Dari",
    "ps": "Paschtu",
    "ku": "Kurdisch",
    "kmr": "Kurmandschi",
    "ckb": "Sorani",
    "ti": "Tigrinya",
    "so": "Somali",
    "fr": "Französisch",
    "es": "Spanisch",
    "it": "Italienisch",
    "pl": "Polnisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "sq": "Albanisch",
    "sr": "Serbisch",
    "hr": "Kroatisch",
    "bs": "Bosnisch",
    "el": "Griechisch",
    "vi": "Vietnamesisch",
    "zh": "Chinesisch",
    "hi": "Hindi",
    "ur": "Urdu",
    "pt": "Portugiesisch",
}


def in_words(words: dict[str, str], value: object) -> str:
    """An enumeration's value in the list's language; a value without a word stays as it is."""
    if value is None:
        return ""
    code = str(getattr(value, "value", value))
    return words.get(code, code)


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
        in_words(CATEGORY_WORDS, person.category),
        in_words(LANGUAGE_WORDS, person.preferred_language),
    ]


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%d.%m.%Y %H:%M") if value else ""
