"""The statistics' tables as CSV for German Excel, the same figures as the JSON: hidden cells read "< 5"."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from api.excel import CATEGORY_WORDS, CHANNEL_WORDS, LANGUAGE_WORDS, excel_csv, in_words, local_time
from api.statistics.schemas import Breakdown, EventReach, Statistics, Table
from api.statistics.suppression import THRESHOLD

_HIDDEN = f"< {THRESHOLD}"
_UNIT_WORDS = {"day": "Tag", "week": "Kalenderwoche", "month": "Monat"}
_EVENT_STATUS_WORDS = {"published": "veröffentlicht", "cancelled": "abgesagt", "postponed": "verschoben"}
_BREAKDOWNS = {
    Table.channel: ("Kanal", "Anmeldungen und Mitgliedschaften", CHANNEL_WORDS),
    Table.category: ("Kategorie", "Personen", CATEGORY_WORDS),
    Table.language: ("Sprache", "Personen", LANGUAGE_WORDS),
    Table.district: ("Stadtteil", "Personen", {}),
}


def statistics_csv(stats: Statistics, table: Table, tz_name: str) -> str:
    if table == Table.over_time:
        unit = _UNIT_WORDS[stats.over_time.unit]
        rows = [
            [p.period, p.starts_on.strftime("%d.%m.%Y"), p.sign_ups, p.new_members] for p in stats.over_time.periods
        ]
        return excel_csv([unit, "Beginn", "Anmeldungen", "Neue Mitglieder"], rows)
    if table == Table.events:
        tz = ZoneInfo(tz_name)
        header = ["Veranstaltung", "Beginn", "Status", "Anmeldungen", "Teilgenommen", "Nicht erschienen", "Warteliste"]
        return excel_csv(
            header,
            (
                [e.title, local_time(e.starts_at, tz), in_words(_EVENT_STATUS_WORDS, e.status), *_attendance(e)]
                for e in stats.events
            ),
        )
    if table == Table.groups:
        header = ["Gruppe", "Mitglieder", "Bewerbungen offen", "Warteliste"]
        return excel_csv(header, ([g.name, g.members, g.applied, g.waitlisted] for g in stats.groups))
    attribute, counted, words = _BREAKDOWNS[table]
    return _breakdown_csv(getattr(stats, f"by_{table.value}"), attribute, counted, words)


def _attendance(event: EventReach) -> list[int]:
    return [event.sign_ups, event.attended, event.no_show, event.waitlisted]


def _breakdown_csv(breakdown: Breakdown, attribute: str, counted: str, words: dict[str, str]) -> str:
    rows = [
        [in_words(words, cell.value) if cell.value is not None else "nicht angegeben", _figure(cell.count)]
        for cell in breakdown.cells
    ]
    return excel_csv([attribute, counted], [*rows, ["Insgesamt", _figure(breakdown.total)]])


def _figure(count: int | None) -> object:
    return _HIDDEN if count is None else count
