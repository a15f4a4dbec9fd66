"""iCalendar files (RFC 5545) for events, written by hand so that no library is needed at runtime.

Times are written in the event's own time zone (``DTSTART;TZID=...``) together with a VTIMEZONE
derived from the zone database, so that calendars show the local time the organizers meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PRODID = "-//Teilhabe//Teilhabe//DE"
_STATUSES = frozenset({"CONFIRMED", "CANCELLED", "TENTATIVE"})
_MAX_OCTETS = 75  # per content line, CRLF not counted (RFC 5545, 3.1)
_IANA_TOKEN = re.compile(r"[A-Za-z0-9-]+")
# Control characters are not allowed in TEXT values (RFC 5545, 3.3.11); HTAB and LF are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LOCAL_FORMAT = "%Y%m%dT%H%M%S"
_UTC_FORMAT = "%Y%m%dT%H%M%SZ"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Offsets are probed this often when looking for transitions; zones never change twice this quickly.
_PROBE_STEP = timedelta(hours=6)
# Observances that repeat yearly are written as starting in 1970, as calendar programs do.
_RULE_EPOCH_YEAR = 1970


@dataclass(frozen=True)
class IcsEvent:
    """One event as it appears in a calendar. ``starts_at`` and ``ends_at`` must be aware datetimes."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    description: str | None = None
    location: str | None = None
    url: str | None = None
    status: Literal["CONFIRMED", "CANCELLED", "TENTATIVE"] = "CONFIRMED"
    sequence: int = 0
    last_modified: datetime | None = None
    organizer_name: str | None = None
    organizer_email: str | None = None

    def __post_init__(self) -> None:
        for name in ("starts_at", "ends_at", "last_modified"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be an aware datetime")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.status not in _STATUSES:
            raise ValueError(f"status must be one of {sorted(_STATUSES)}")
        if self.sequence < 0:
            raise ValueError("sequence must not be negative")
        _zone(self.timezone)


def calendar(
    events: Sequence[IcsEvent],
    *,
    name: str | None = None,
    method: str | None = "PUBLISH",
    timezone_when_empty: str | None = None,
) -> bytes:
    """A complete VCALENDAR with one VEVENT per event, UTF-8 with CRLF line endings. RFC 5545 requires one
    component: a calendar without events needs `timezone_when_empty`, whose VTIMEZONE is that component."""
    if not events and timezone_when_empty is None:
        raise ValueError("a calendar needs at least one event or a time zone")
    if method is not None and not _IANA_TOKEN.fullmatch(method):
        raise ValueError("method must be an iCalendar token such as PUBLISH")
    stamp = datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method is not None:
        lines.append(f"METHOD:{method.upper()}")
    if name:
        lines.append(f"X-WR-CALNAME:{_text(name)}")
    for zone_name in dict.fromkeys(event.timezone for event in events):
        lines += _vtimezone(zone_name, _years_of([event for event in events if event.timezone == zone_name]))
    if not events and timezone_when_empty is not None:
        lines += _vtimezone(timezone_when_empty, (stamp.year, stamp.year))
    for event in events:
        # The event's last change, not this moment: the same event gives the same bytes, so a feed's ETag
        # holds until something changes (RFC 5545 3.8.7.2 allows either for a published object).
        lines += _vevent(event, event.last_modified or stamp)
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) + b"\r\n" for line in lines)


# --- VEVENT -------------------------------------------------------------------------------------


def _vevent(event: IcsEvent, stamp: datetime) -> list[str]:
    zone = _zone(event.timezone)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(event.uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART{_zoned(event.starts_at, zone)}",
        f"DTEND{_zoned(event.ends_at, zone)}",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{event.status}",
        f"SUMMARY:{_text(event.title)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    if event.url:
        lines.append(f"URL:{_uri(event.url)}")
    if event.last_modified is not None:
        lines.append(f"LAST-MODIFIED:{_utc(event.last_modified)}")
    if event.organizer_email:
        lines.append(_organizer(event.organizer_name, event.organizer_email))
    lines.append("END:VEVENT")
    return lines


def _zoned(value: datetime, zone: ZoneInfo) -> str:
    """``;TZID=zone:local`` – or UTC where the local time would name the wrong instant."""
    local = value.astimezone(zone)
    # A local time in the hour that repeats when clocks go back means its first occurrence
    # (RFC 5545, 3.3.5), so the second occurrence can only be written in UTC.
    if local.fold == 1 and local.replace(fold=0).utcoffset() != local.utcoffset():
        return f":{_utc(value)}"
    return f";TZID={_param(zone.key)}:{local.strftime(_LOCAL_FORMAT)}"


def _organizer(name: str | None, email: str) -> str:
    params = f';CN="{_rfc6868(name)}"' if name else ""
    return f"ORGANIZER{params}:mailto:{_uri(email)}"


# --- VTIMEZONE ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    offset: timedelta
    dst: bool
    name: str


@dataclass(frozen=True)
class _Observance:
    daylight: bool
    onset: datetime  # naive local time in the offset before the change, as DTSTART wants it
    offset_from: timedelta
    offset_to: timedelta
    name: str
    rrule: str | None = None

    def lines(self) -> list[str]:
        kind = "DAYLIGHT" if self.daylight else "STANDARD"
        lines = [
            f"BEGIN:{kind}",
            f"DTSTART:{self.onset.strftime(_LOCAL_FORMAT)}",
            f"TZOFFSETFROM:{_offset(self.offset_from)}",
            f"TZOFFSETTO:{_offset(self.offset_to)}",
        ]
        if self.rrule:
            lines.append(f"RRULE:{self.rrule}")
        lines += [f"TZNAME:{_text(self.name)}", f"END:{kind}"]
        return lines


def _years_of(events: Sequence[IcsEvent]) -> tuple[int, int]:
    first_year = min(event.starts_at.astimezone(UTC).year for event in events)
    last_year = max(event.ends_at.astimezone(UTC).year for event in events)
    return first_year, last_year


def _vtimezone(zone_name: str, years: tuple[int, int]) -> list[str]:
    """The zone's rules for the years the events touch, derived from the zone database."""
    zone = _zone(zone_name)
    first_year, last_year = years
    # A day's margin on each side keeps events on New Year's Eve inside the scanned window.
    window_start = datetime(first_year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    window_end = datetime(last_year + 1, 1, 1, tzinfo=UTC) + timedelta(days=1)
    observances = _observances(zone, window_start, window_end, range(first_year, last_year + 1))
    lines = ["BEGIN:VTIMEZONE", f"TZID:{_text(zone_name)}"]
    for observance in observances:
        lines += observance.lines()
    lines.append("END:VTIMEZONE")
    return lines


def _observances(zone: ZoneInfo, start: datetime, end: datetime, years: range) -> list[_Observance]:
    transitions = list(_transitions(zone, start, end))
    if not transitions:
        state = _state(zone, start)
        onset = datetime(_RULE_EPOCH_YEAR, 1, 1)
        return [_Observance(state.dst, onset, state.offset, state.offset, state.name)]
    yearly = _yearly_rules(transitions, years)
    if yearly is not None:
        return yearly
    # Irregular changes: list each one, after the rules in force when the window opens.
    state = _state(zone, start)
    opening = _Observance(
        state.dst, (start + state.offset).replace(tzinfo=None), state.offset, state.offset, state.name
    )
    return [opening, *transitions]


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> Iterable[_Observance]:
    """Every change of offset, DST flag or abbreviation between start and end."""
    probe, state = start, _state(zone, start)
    while probe < end:
        following = min(probe + _PROBE_STEP, end)
        next_state = _state(zone, following)
        if next_state != state:
            instant = _first_change(zone, probe, following, state)
            after = _state(zone, instant)
            onset = (instant + state.offset).replace(tzinfo=None)
            yield _Observance(after.dst, onset, state.offset, after.offset, after.name)
        probe, state = following, next_state


def _first_change(zone: ZoneInfo, before: datetime, after: datetime, state: _State) -> datetime:
    """The first whole second after ``before`` at which the zone no longer is in ``state``."""
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, datetime.fromtimestamp(middle, UTC)) == state:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _yearly_rules(transitions: list[_Observance], years: range) -> list[_Observance] | None:
    """Two RRULE observances if the changes follow one weekday rule each year (as in the EU), else None."""
    rules: list[_Observance] = []
    for daylight in (True, False):
        changes = [change for change in transitions if change.daylight == daylight]
        if [change.onset.year for change in changes] != list(years):
            return None
        shapes = {(_shape(change), change.offset_from, change.offset_to, change.name) for change in changes}
        if len(shapes) != 1:
            return None
        (month, ordinal, weekday, clock), *_ = shapes.pop()
        onset = datetime.combine(_nth_weekday(_RULE_EPOCH_YEAR, month, ordinal, weekday), clock)
        rrule = f"FREQ=YEARLY;BYMONTH={month};BYDAY={ordinal}{_WEEKDAYS[weekday]}"
        rules.append(_Observance(daylight, onset, changes[0].offset_from, changes[0].offset_to, changes[0].name, rrule))
    return sorted(rules, key=lambda rule: rule.onset)


def _shape(change: _Observance) -> tuple[int, int, int, time]:
    """Month, ordinal (1–4, or -1 for the last), weekday and local clock time of a change."""
    day = change.onset.date()
    ordinal = -1 if day.day + 7 > _days_in_month(day.year, day.month) else (day.day - 1) // 7 + 1
    return day.month, ordinal, day.weekday(), change.onset.time()


def _nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> date:
    if ordinal == -1:
        last = date(year, month, _days_in_month(year, month))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _state(zone: ZoneInfo, instant: datetime) -> _State:
    local = instant.astimezone(zone)
    return _State(local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or zone.key)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


# --- Values and lines ---------------------------------------------------------------------------


def _text(value: str) -> str:
    """A TEXT value, escaped per RFC 5545, 3.3.11."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _uri(value: str) -> str:
    # URIs are not escaped, so a line break in one would start a new property: drop all controls.
    return re.sub(r"[\x00-\x20\x7f]", "", value)


def _param(value: str) -> str:
    return f'"{value}"' if re.search(r"[;:,]", value) else value


def _rfc6868(value: str) -> str:
    """A quoted parameter value; RFC 6868 encodes the quote and line breaks it could not hold."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("^", "^^").replace("\n", "^n")
    return _CONTROL.sub("", value.replace('"', "^'"))


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_UTC_FORMAT)


def _offset(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _fold(line: str) -> bytes:
    """Folds at 75 octets, never inside a UTF-8 sequence; continuation lines start with a space."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    start, limit = 0, _MAX_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: the character began earlier
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, _MAX_OCTETS - 1  # the leading space counts
    parts.append(data[start:])
    return b"\r\n ".join(parts)
