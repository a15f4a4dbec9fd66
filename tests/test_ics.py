"""iCalendar output, read back with the `icalendar` library as calendar programs would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component

from api.calendar import ics
from api.calendar.ics import PRODID, IcsEvent, calendar

BERLIN = ZoneInfo("Europe/Berlin")
WINTER_START = datetime(2026, 12, 6, 16, 0, tzinfo=BERLIN)

BERLIN_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "TZNAME:CEST",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19701025T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "TZNAME:CET",
    "END:STANDARD",
    "END:VTIMEZONE",
]

LONG_TEXT = (
    "Herzlich willkommen zur Auftaktveranstaltung für das Integrationskonzept der Stadt Musterstadt! "
    "Wir sprechen über Sprache, Arbeit, Wohnen und Schule – und über Ihre Erfahrungen.\n"
    "أهلاً وسهلاً بكم في الفعالية الافتتاحية لمفهوم الاندماج في مدينتنا. نريد أن نسمع تجاربكم وأفكاركم. "
    "Übersetzung ins Arabische, Türkische und Ukrainische ist vorhanden. Grüße aus der Verwaltung 👋🏽, "
    "Straße, Größe, Fußgängerzone; dazu „Anführungszeichen“ und ein Backslash \\ am Ende."
)


def _event(**changes: object) -> IcsEvent:
    event = IcsEvent(
        uid="3f2c9a1e-kickoff@teilhabe.example",
        title="Auftakt Integrationskonzept",
        starts_at=WINTER_START,
        ends_at=WINTER_START + timedelta(hours=2),
        timezone="Europe/Berlin",
    )
    return replace(event, **changes)  # type: ignore[arg-type]


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _events(data: bytes) -> list[Component]:
    return _parse(data).walk("VEVENT")


def _lines(data: bytes) -> list[str]:
    """Unfolded content lines."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def _own_zone(data: bytes, name: str) -> object:
    """The time zone as our VTIMEZONE defines it, not as icalendar's own zone database would."""
    [vtimezone] = [tz for tz in _parse(data).walk("VTIMEZONE") if str(tz["TZID"]) == name]
    return vtimezone.to_tz(lookup_tzid=False)


def test_every_field_reads_back() -> None:
    modified = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    event = _event(
        description="Wir sammeln Ideen für das Integrationskonzept.",
        location="Rathaus Musterstadt, Ratssaal",
        url="https://teilhabe.example/e/auftakt?lang=de&ref=mail",
        sequence=3,
        last_modified=modified,
        organizer_name="Integrationsbüro Musterstadt",
        organizer_email="integration@musterstadt.example",
    )
    data = calendar([event], name="Teilhabe Musterstadt")

    cal = _parse(data)
    assert str(cal["PRODID"]) == PRODID == "-//Teilhabe//Teilhabe//DE"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Teilhabe Musterstadt"
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["UID"]) == event.uid
    assert str(vevent["SUMMARY"]) == "Auftakt Integrationskonzept"
    assert str(vevent["DESCRIPTION"]) == "Wir sammeln Ideen für das Integrationskonzept."
    assert str(vevent["LOCATION"]) == "Rathaus Musterstadt, Ratssaal"
    assert str(vevent["URL"]) == "https://teilhabe.example/e/auftakt?lang=de&ref=mail"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("SEQUENCE") == 3
    assert vevent.decoded("LAST-MODIFIED") == modified
    assert vevent.decoded("DTSTAMP") == modified  # the last change: the feed stays byte-identical until the next
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert str(vevent["ORGANIZER"]) == "mailto:integration@musterstadt.example"
    assert vevent["ORGANIZER"].params["CN"] == "Integrationsbüro Musterstadt"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at


def test_optional_fields_are_left_out() -> None:
    lines = _lines(calendar([_event()], method=None))
    names = {line.split(":")[0].split(";")[0] for line in lines}
    assert {"DESCRIPTION", "LOCATION", "URL", "LAST-MODIFIED", "ORGANIZER", "METHOD", "X-WR-CALNAME"}.isdisjoint(names)
    assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY"} <= names
    assert "SEQUENCE:0" in lines


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (datetime(2026, 12, 6, 16, 0), datetime(2026, 12, 6, 15, 0, tzinfo=UTC)),  # CET, UTC+1
        (datetime(2026, 6, 14, 16, 0), datetime(2026, 6, 14, 14, 0, tzinfo=UTC)),  # CEST, UTC+2
    ],
    ids=["winter", "summer"],
)
def test_berlin_local_time_names_the_right_instant(local: datetime, utc: datetime) -> None:
    data = calendar([_event(starts_at=utc, ends_at=utc + timedelta(hours=2))])

    stamp = local.strftime("%Y%m%dT%H%M%S")
    assert f"DTSTART;TZID=Europe/Berlin:{stamp}" in _lines(data)
    [vevent] = _events(data)
    assert vevent.decoded("DTSTART") == utc
    # The same local time read through our own VTIMEZONE, as a program without a zone database would.
    assert local.replace(tzinfo=_own_zone(data, "Europe/Berlin")).astimezone(UTC) == utc


def test_berlin_vtimezone_is_the_standard_definition() -> None:
    lines = _lines(calendar([_event()]))
    start = lines.index("BEGIN:VTIMEZONE")
    assert lines[start : start + len(BERLIN_VTIMEZONE)] == BERLIN_VTIMEZONE
    assert lines.index("END:VTIMEZONE") < lines.index("BEGIN:VEVENT")


@pytest.mark.parametrize(
    ("zone", "first_year", "last_year"),
    [
        ("Europe/Berlin", 2026, 2028),
        ("Europe/London", 2026, 2026),
        ("America/New_York", 2026, 2027),
        ("Australia/Sydney", 2026, 2027),  # summer time spans the turn of the year
        ("Asia/Kolkata", 2026, 2026),  # no summer time at all
        ("Asia/Tehran", 2022, 2023),  # summer time abolished after 2022: irregular changes
    ],
)
def test_vtimezone_agrees_with_the_zone_database(zone: str, first_year: int, last_year: int) -> None:
    event = _event(
        timezone=zone,
        starts_at=datetime(first_year, 1, 5, tzinfo=UTC),
        ends_at=datetime(last_year, 12, 20, tzinfo=UTC),
    )
    data = calendar([event])
    ours, reference = _own_zone(data, zone), ZoneInfo(zone)

    instants = _probes(reference, datetime(first_year, 1, 1, tzinfo=UTC), datetime(last_year + 1, 1, 1, tzinfo=UTC))
    mismatches = [t for t in instants if t.astimezone(ours).utcoffset() != t.astimezone(reference).utcoffset()]
    assert mismatches == []


def _probes(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Every sixth hour, and every quarter hour of each day on which the zone changes its offset."""
    probes, day = [], start
    while day < end:
        following = day + timedelta(days=1)
        step = (
            timedelta(minutes=15)
            if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset()
            else timedelta(hours=6)
        )
        probes += [day + step * n for n in range(timedelta(days=1) // step)]
        day = following
    return probes


def test_second_pass_through_the_repeated_hour_is_written_in_utc() -> None:
    # On 25 October 2026 Berlin's clocks go from 03:00 back to 02:00, so 02:30 happens twice.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    data = calendar([_event(starts_at=first, ends_at=second)])

    lines = _lines(data)
    assert "DTSTART;TZID=Europe/Berlin:20261025T023000" in lines
    assert "DTEND:20261025T013000Z" in lines
    [vevent] = _events(data)
    # Compared in UTC: Python never finds a time in the repeated hour equal to one in another zone.
    assert vevent.decoded("DTSTART").astimezone(UTC) == first
    assert vevent.decoded("DTEND").astimezone(UTC) == second


def test_long_text_folds_at_75_octets_and_unfolds_exactly() -> None:
    data = calendar([_event(description=LONG_TEXT, location=LONG_TEXT[:200])])

    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    assert max(len(line) for line in physical) == 75  # folded right at the limit, not earlier
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold had cut a character in two
    description = [line for line in _lines(data) if line.startswith("DESCRIPTION:")]
    assert len(description) == 1
    assert str(_events(data)[0]["DESCRIPTION"]) == LONG_TEXT
    assert str(_events(data)[0]["LOCATION"]) == LONG_TEXT[:200]


def test_lines_of_exactly_75_octets_stay_whole() -> None:
    exact = calendar([_event(title="x" * (75 - len("SUMMARY:")))])
    longer = calendar([_event(title="x" * (76 - len("SUMMARY:")))])

    assert f"SUMMARY:{'x' * 67}\r\n".encode() in exact
    assert f"SUMMARY:{'x' * 67}\r\n x\r\n".encode() in longer


def test_special_characters_round_trip() -> None:
    title = 'Café; Kultur, Sprache & "Begegnung" \\ <Treff>'
    description = "Zeile eins,\r\nZeile zwei; mit Semikolon\nZeile drei \\n ist kein Umbruch"
    organizer = 'Büro "Vielfalt" ^ Miteinander'
    data = calendar(
        [
            _event(
                title=title,
                description=description,
                location="Markt 1, 12345 Musterstadt",
                organizer_name=organizer,
                organizer_email="vielfalt@musterstadt.example",
            )
        ],
        name="Kalender; mit, Sonderzeichen",
    )

    assert 'SUMMARY:Café\\; Kultur\\, Sprache & "Begegnung" \\\\ <Treff>' in _lines(data)
    cal = _parse(data)
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]) == description.replace("\r\n", "\n")
    assert str(vevent["LOCATION"]) == "Markt 1, 12345 Musterstadt"
    assert vevent["ORGANIZER"].params["CN"] == organizer
    # icalendar leaves X- properties undecoded, though they are TEXT by default (RFC 5545, 3.8.8.2):
    # read the value back as a SUMMARY, which it decodes as TEXT.
    raw_name = cal["X-WR-CALNAME"].to_ical()
    as_text = Component.from_ical(b"BEGIN:VEVENT\r\nSUMMARY:" + raw_name + b"\r\nEND:VEVENT\r\n")
    assert str(as_text["SUMMARY"]) == "Kalender; mit, Sonderzeichen"


def test_line_breaks_cannot_add_properties() -> None:
    data = calendar(
        [
            _event(
                title="Treffen\r\nATTENDEE:mailto:evil@example.com",
                url="https://teilhabe.example/e/1\r\nATTENDEE:mailto:evil@example.com",
                organizer_name="Büro\nATTENDEE:x",
                organizer_email="a@example.com\r\nATTENDEE:mailto:evil@example.com",
            )
        ]
    )

    assert not any(line.startswith("ATTENDEE") for line in data.decode().split("\r\n"))
    [vevent] = _events(data)
    assert "ATTENDEE" not in vevent
    assert str(vevent["SUMMARY"]) == "Treffen\nATTENDEE:mailto:evil@example.com"


def test_cancelled_event() -> None:
    data = calendar([_event(status="CANCELLED", sequence=2)])

    [vevent] = _events(data)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent.decoded("SEQUENCE") == 2
    assert str(vevent["UID"]) == _event().uid  # same UID, so calendars update the entry they have


def test_several_events_in_one_calendar() -> None:
    online = datetime(2026, 11, 10, 18, 0, tzinfo=ZoneInfo("America/New_York"))
    events = [
        _event(uid="kickoff@teilhabe.example", title="Auftakt"),
        _event(
            uid="conference@teilhabe.example",
            title="Konferenz",
            starts_at=datetime(2027, 3, 20, 10, 0, tzinfo=BERLIN),
            ends_at=datetime(2027, 3, 20, 17, 0, tzinfo=BERLIN),
        ),
        _event(
            uid="diaspora@teilhabe.example",
            title="Online-Treffen",
            timezone="America/New_York",
            starts_at=online,
            ends_at=online + timedelta(hours=1),
        ),
    ]
    data = calendar(events)

    cal = _parse(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin", "America/New_York"]
    vevents = cal.walk("VEVENT")
    assert [str(vevent["UID"]) for vevent in vevents] == [event.uid for event in events]
    assert [vevent.decoded("DTSTART") for vevent in vevents] == [event.starts_at for event in events]
    assert "DTSTART;TZID=America/New_York:20261110T180000" in _lines(data)
    conference = datetime(2027, 3, 20, 10, 0, tzinfo=_own_zone(data, "Europe/Berlin"))  # type: ignore[arg-type]
    assert conference.astimezone(UTC) == datetime(2027, 3, 20, 9, 0, tzinfo=UTC)


def test_crlf_line_endings_only() -> None:
    data = calendar([_event(description="eins\nzwei")])

    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r") == data.count(b"\r\n")


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": datetime(2026, 12, 6, 16, 0)},
        {"ends_at": WINTER_START},
        {"ends_at": WINTER_START - timedelta(minutes=1)},
        {"timezone": "Europe/Musterstadt"},
        {"status": "MAYBE"},
        {"sequence": -1},
        {"last_modified": datetime(2026, 11, 1, 12, 0)},
    ],
)
def test_invalid_events_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        _event(**changes)


def test_invalid_calendars_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one event"):
        calendar([])
    with pytest.raises(ValueError, match="method"):
        calendar([_event()], method="PUBLISH\r\nX-EVIL:1")


def test_a_published_event_gives_the_same_bytes_until_it_changes(monkeypatch):
    """DTSTAMP is the event's last change, not the moment of the request: a calendar app's If-None-Match
    finds the feed unchanged, however many seconds lie between two requests."""
    changed = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    event = _event(last_modified=changed)
    first = calendar([event])
    later = datetime(2026, 3, 2, 12, 0, 7, tzinfo=UTC)

    class LaterClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return later

    monkeypatch.setattr(ics, "datetime", LaterClock)
    assert calendar([event]) == first
    [vevent] = _events(first)
    assert vevent["DTSTAMP"].dt == changed
    assert vevent["LAST-MODIFIED"].dt == changed


def test_an_event_without_a_recorded_change_is_stamped_with_the_moment_of_writing():
    before = datetime.now(UTC).replace(microsecond=0)
    [vevent] = _events(calendar([_event()]))
    after = datetime.now(UTC)
    assert before <= vevent.decoded("DTSTAMP") <= after
