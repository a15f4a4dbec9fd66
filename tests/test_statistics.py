"""The reach of a process in figures: counted from known rows and compared, small cells hidden in the
JSON and the CSV, the district checked against the city's list, the public totals, and who may read."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from api.events.models import Event
from api.memberships.models import Membership, MembershipStatus
from api.organizations.models import Organization
from api.participants.models import Participant
from api.registrations.models import Registration, RegistrationStatus
from api.staff.models import StaffRole
from api.statistics.suppression import THRESHOLD, suppress
from tests.access_helpers import staff_with_role
from tests.builders import problem, published_event, published_group, published_process
from tests.signup_helpers import person, row_counts, with_privacy_notice

DISTRICTS = ["Altstadt", "Nordstadt", "Südstadt"]
# A Monday noon in Berlin, long enough ago that the weeks counted below are all in the past.
MONDAY = datetime(2026, 9, 7, 10, 0, tzinfo=UTC)


# --- suppression on its own ---------------------------------------------------------------------------------


def figures(counts: dict[str | None, int]) -> tuple[dict[str | None, int | None], int | None]:
    cells, total = suppress(counts, list(counts))
    return {cell.value: cell.count for cell in cells}, total


def test_cells_of_five_or_more_are_shown_as_they_are():
    assert figures({"web": 12, "phone": 5}) == ({"web": 12, "phone": 5}, 17)


def test_a_small_cell_is_hidden_and_so_is_the_next_smallest_so_the_total_does_not_give_it_away():
    shown, total = figures({"web": 12, "phone": 6, "email": 3, "staff": 9})
    assert shown == {"web": 12, "phone": 6, "email": None, "staff": 9} | {"phone": None}
    assert total == 30


def test_hidden_cells_that_add_up_to_fewer_than_five_take_a_shown_cell_with_them():
    shown, _ = figures({"a": 20, "b": 7, "c": 1, "d": 2})
    assert shown == {"a": 20, "b": None, "c": None, "d": None}


def test_a_table_of_fewer_than_five_people_shows_neither_cells_nor_total():
    assert figures({"resident": 3}) == ({"resident": None}, None)


def test_an_empty_table_says_zero():
    assert figures({}) == ({}, 0)


def test_values_nobody_has_are_left_out():
    assert figures({"web": 0, "phone": 9}) == ({"phone": 9}, 9)


# --- a process with known rows ------------------------------------------------------------------------------


@dataclass
class Known:
    """The rows the test wrote, to count the expected figures from."""

    process: dict[str, Any]
    events: list[dict[str, Any]]
    group: dict[str, Any]
    people: list[Participant]
    registrations: list[Registration]
    memberships: list[Membership]


async def with_districts(app: Any, organization_id: uuid.UUID) -> None:
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Organization).where(Organization.id == organization_id).values(districts=DISTRICTS)
        )
        await session.commit()


async def build(client: httpx.AsyncClient, app: Any, city: Any, slug: str = "integrationskonzept") -> Known:
    """A process with two events (one held last week) and a group, and people signed up straight into the
    tables: 12 residents of the Altstadt (German), 6 from associations in the Nordstadt (Arabic), 2 experts
    (English, no district) and a politician (Ukrainian, Südstadt); plus sign-ups that do not count."""
    process = await published_process(client, city.headers, slug=slug, title=f"Prozess {slug}")
    kickoff = await published_event(client, city.headers, process["id"], title="Auftakt")
    workshop = await published_event(client, city.headers, process["id"], title="Werkstatt")
    group = await published_group(client, city.headers, process["id"], slug=f"ag-{slug}")
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Event)
            .where(Event.id == uuid.UUID(kickoff["id"]))
            .values(starts_at=MONDAY - timedelta(days=7), ends_at=MONDAY - timedelta(days=7, hours=-2))
        )
        people: list[Participant] = []
        registrations: list[Registration] = []
        memberships: list[Membership] = []

        def someone(n: int, category: str, language: str, district: str | None) -> Participant:
            p = Participant(
                organization_id=city.organization.id,
                full_name=f"Person {slug} {n}",
                email=f"p{n}-{slug}@example.org",
                category=category,
                preferred_language=language,
                district=district,
            )
            people.append(p)
            return p

        def signed_up(
            p: Participant, event: dict[str, Any], status: RegistrationStatus, channel: str, day: int
        ) -> None:
            registrations.append(
                Registration(
                    organization_id=city.organization.id,
                    event_id=uuid.UUID(event["id"]),
                    participant=p,
                    status=status,
                    channel=channel,
                    manage_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                    created_at=MONDAY + timedelta(days=day),
                )
            )

        # Week 1: the residents sign up for the kickoff on the web; 10 came, 2 did not.
        for n in range(12):
            status = RegistrationStatus.attended if n < 10 else RegistrationStatus.no_show
            signed_up(someone(n, "resident", "de", "Altstadt"), kickoff, status, "web", day=n % 5)
        # Week 2: the associations by phone for the workshop, still to come.
        for n in range(12, 18):
            signed_up(
                someone(n, "civil_society", "ar", "Nordstadt"), workshop, RegistrationStatus.confirmed, "phone", 8
            )
        # Week 3: two experts by e-mail, one of whom also joins the group.
        for n in range(18, 20):
            signed_up(someone(n, "expert", "en", None), workshop, RegistrationStatus.confirmed, "email", 15)
        # The politician is only a member of the group, entered by staff.
        for p, channel in ((someone(20, "politics", "uk", "Südstadt"), "staff"), (people[18], "email")):
            memberships.append(
                Membership(
                    organization_id=city.organization.id,
                    group_id=uuid.UUID(group["id"]),
                    participant=p,
                    status=MembershipStatus.member,
                    channel=channel,
                    manage_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                    created_at=MONDAY + timedelta(days=16),
                )
            )
        # Not counted: a sign-up never confirmed, one cancelled, one on the waiting list, an application.
        for n, status in enumerate(
            (RegistrationStatus.pending, RegistrationStatus.cancelled, RegistrationStatus.waitlisted)
        ):
            signed_up(someone(30 + n, "resident", "tr", "Südstadt"), workshop, status, "web", 9)
        memberships.append(
            Membership(
                organization_id=city.organization.id,
                group_id=uuid.UUID(group["id"]),
                participant=someone(40, "resident", "tr", "Südstadt"),
                status=MembershipStatus.applied,
                channel="web",
                manage_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                created_at=MONDAY + timedelta(days=16),
            )
        )
        session.add_all([*registrations, *memberships])
        await session.commit()
    return Known(process, [kickoff, workshop], group, people, registrations, memberships)


COUNTED = (RegistrationStatus.confirmed, RegistrationStatus.attended, RegistrationStatus.no_show)
TOOK_PART = (RegistrationStatus.confirmed, RegistrationStatus.attended)


def expected_people(known: Known) -> list[Participant]:
    ids = {r.participant_id for r in known.registrations if r.status in TOOK_PART}
    ids |= {m.participant_id for m in known.memberships if m.status == MembershipStatus.member}
    return [p for p in known.people if p.id in ids]


def cells(breakdown: dict[str, Any]) -> dict[str | None, int | None]:
    return {cell["value"]: cell["count"] for cell in breakdown["cells"]}


def assert_hidden_consistently(breakdown: dict[str, Any]) -> None:
    """No number below the threshold in the answer, and never exactly one hidden cell."""
    counts = [cell["count"] for cell in breakdown["cells"]]
    assert all(count is None or count >= THRESHOLD for count in counts), breakdown
    assert [cell["suppressed"] for cell in breakdown["cells"]] == [count is None for count in counts]
    assert counts.count(None) != 1, breakdown


@pytest.fixture
async def known(client, db, city) -> Known:
    await with_districts(db, city.organization.id)
    return await build(client, db, city)


async def test_the_statistics_match_the_rows_they_were_counted_from(client, city, known):
    response = await client.get(f"/staff/processes/{known.process['id']}/statistics", headers=city.headers)
    assert response.status_code == 200, response.text
    stats = response.json()

    took_part = expected_people(known)
    assert stats["people"] == len(took_part) == 19  # the two no-shows did not take part
    assert stats["sign_ups"] == sum(r.status in COUNTED for r in known.registrations) == 20
    assert stats["members"] == 2
    kickoff, workshop = stats["events"]
    assert (kickoff["title"], kickoff["sign_ups"], kickoff["attended"], kickoff["no_show"]) == ("Auftakt", 12, 10, 2)
    assert (workshop["sign_ups"], workshop["attended"], workshop["waitlisted"]) == (8, 0, 1)
    assert stats["groups"] == [
        {"group_id": known.group["id"], "name": known.group["name"], "members": 2, "applied": 1, "waitlisted": 0}
    ]

    # Channel: web 12, phone 6, e-mail 3 (two sign-ups and a membership), staff 1. E-mail and staff are
    # small; together 4, still fewer than five, so phone (the smallest shown) is hidden with them.
    assert cells(stats["by_channel"]) == {"web": 12, "phone": None, "email": None, "staff": None}
    assert stats["by_channel"]["total"] == 22
    # Category: residents 10 (two did not come), associations 6, experts 2, politics 1: the same pattern.
    assert Counter(p.category for p in took_part) == {"resident": 10, "civil_society": 6, "expert": 2, "politics": 1}
    assert cells(stats["by_category"]) == {"resident": 10, "civil_society": None, "expert": None, "politics": None}
    assert cells(stats["by_language"]) == {"ar": None, "de": 10, "en": None, "uk": None}
    # District in the city's order, "not given" last.
    assert cells(stats["by_district"]) == {"Altstadt": 10, "Nordstadt": None, "Südstadt": None, None: None}
    assert [cell["value"] for cell in stats["by_district"]["cells"]] == [*DISTRICTS, None]
    assert stats["by_district"]["total"] == 19
    for table in ("by_channel", "by_category", "by_language", "by_district"):
        assert_hidden_consistently(stats[table])

    # Over time: 17 days (short enough to count days); the residents over the first five days, the
    # associations on day 8 (the tr sign-ups of day 9 do not count), the experts on day 15, the group on 16.
    assert stats["over_time"]["unit"] == "day"
    days = {p["period"]: (p["sign_ups"], p["new_members"]) for p in stats["over_time"]["periods"]}
    assert len(days) == 17
    assert next(iter(days)) == "2026-09-07"
    busy = {day: counted for day, counted in days.items() if counted != (0, 0)}
    assert busy == {
        "2026-09-07": (3, 0),
        "2026-09-08": (3, 0),
        "2026-09-09": (2, 0),
        "2026-09-10": (2, 0),
        "2026-09-11": (2, 0),
        "2026-09-15": (6, 0),
        "2026-09-22": (2, 0),
        "2026-09-23": (0, 2),
    }


async def test_over_time_counts_days_in_the_citys_time_zone(client, city, db):
    """Short spans are counted per day; a sign-up at 23:30 UTC on a Sunday belongs to Monday in Berlin."""
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    late = datetime(2026, 9, 6, 22, 30, tzinfo=UTC)  # 00:30 on Monday 7 September in Berlin
    async with db.state.sessionmaker() as session:
        for n, at in enumerate((late, late + timedelta(hours=1), late + timedelta(days=2))):
            p = Participant(organization_id=city.organization.id, full_name=f"P{n}", email=f"t{n}@example.org")
            session.add(
                Registration(
                    organization_id=city.organization.id,
                    event_id=uuid.UUID(event["id"]),
                    participant=p,
                    status=RegistrationStatus.confirmed,
                    channel="web",
                    manage_token_hash=uuid.uuid4().hex * 2,
                    created_at=at,
                )
            )
        await session.commit()
    stats = (await client.get(f"/staff/processes/{process['id']}/statistics", headers=city.headers)).json()
    assert stats["over_time"]["unit"] == "day"
    assert [(p["period"], p["sign_ups"]) for p in stats["over_time"]["periods"]] == [
        ("2026-09-07", 2),
        ("2026-09-08", 0),
        ("2026-09-09", 1),
    ]
    # Three people: too few to show how many, and every breakdown hidden entirely.
    assert stats["people"] is None
    assert stats["by_category"] == {"total": None, "cells": [{"value": "resident", "count": None, "suppressed": True}]}


async def test_long_spans_are_counted_in_iso_weeks_from_monday_in_the_citys_time_zone(client, city, db):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    sunday_night = datetime(2026, 9, 13, 22, 30, tzinfo=UTC)  # 00:30 on Monday 14 September in Berlin
    instants = (MONDAY, sunday_night - timedelta(hours=1), sunday_night, MONDAY + timedelta(days=70))
    async with db.state.sessionmaker() as session:
        for n, at in enumerate(instants):
            p = Participant(organization_id=city.organization.id, full_name=f"P{n}", email=f"w{n}@example.org")
            session.add(
                Registration(
                    organization_id=city.organization.id,
                    event_id=uuid.UUID(event["id"]),
                    participant=p,
                    status=RegistrationStatus.confirmed,
                    channel="web",
                    manage_token_hash=uuid.uuid4().hex * 2,
                    created_at=at,
                )
            )
        await session.commit()
    stats = (await client.get(f"/staff/processes/{process['id']}/statistics", headers=city.headers)).json()
    assert stats["over_time"]["unit"] == "week"
    periods = stats["over_time"]["periods"]
    assert [p["period"] for p in periods] == [f"2026-W{week}" for week in range(37, 48)]
    assert periods[0]["starts_on"] == "2026-09-07"
    assert [p["sign_ups"] for p in periods] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]


async def test_the_city_counts_all_its_processes_and_nothing_of_another_city(client, db, city, other_city, known):
    await build(client, db, city, slug="fortschreibung")
    await with_districts(db, other_city.organization.id)
    await build(client, db, other_city)
    stats = (await client.get("/staff/statistics", headers=city.headers)).json()
    assert stats["process_id"] is None
    assert (stats["people"], stats["sign_ups"], stats["members"]) == (38, 40, 4)
    assert cells(stats["by_category"]) == {"resident": 20, "civil_society": 12, "expert": None, "politics": None}
    assert len(stats["events"]) == 4
    one = (await client.get(f"/staff/processes/{known.process['id']}/statistics", headers=city.headers)).json()
    assert one["people"] == 19
    foreign = await client.get(f"/staff/processes/{known.process['id']}/statistics", headers=other_city.headers)
    problem(foreign, 404)


async def test_each_table_downloads_as_csv_for_excel_with_small_cells_hidden(client, city, known):
    base = f"/staff/processes/{known.process['id']}/statistics"
    response = await client.get(f"{base}/channel.csv", headers=city.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "statistik-integrationskonzept-channel.csv" in response.headers["content-disposition"]
    assert response.text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(response.text.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Kanal", "Anmeldungen und Mitgliedschaften"],
        ["Website", "12"],
        ["E-Mail", "< 5"],
        ["Telefon", "< 5"],
        ["durch Mitarbeitende", "< 5"],
        ["Insgesamt", "22"],
    ]
    district = await client.get(f"{base}/district.csv", headers=city.headers)
    assert district.text.removeprefix("\ufeff").splitlines()[-2:] == ["nicht angegeben;< 5", "Insgesamt;19"]
    events = await client.get(f"{base}/events.csv", headers=city.headers)
    assert events.text.splitlines()[1].split(";")[3:] == ["12", "10", "2", "0"]
    for table in ("over_time", "groups", "category", "language"):
        assert (await client.get(f"{base}/{table}.csv", headers=city.headers)).status_code == 200
    problem(await client.get(f"{base}/people.csv", headers=city.headers), 422)


async def test_who_may_read_the_statistics(client, db, city, known):
    process_id = known.process["id"]
    _, manager = await staff_with_role(db, city, StaffRole.process_manager, process_id=process_id)
    _, viewer = await staff_with_role(db, city, StaffRole.viewer)
    _, moderator = await staff_with_role(db, city, StaffRole.group_moderator, group_id=known.group["id"])
    assert (await client.get(f"/staff/processes/{process_id}/statistics", headers=manager)).status_code == 200
    problem(await client.get("/staff/statistics", headers=manager), 403)  # city-wide is beyond their process
    assert (await client.get("/staff/statistics", headers=viewer)).status_code == 200
    problem(await client.get(f"/staff/processes/{process_id}/statistics", headers=moderator), 403)
    problem(await client.get(f"/staff/processes/{uuid.uuid4()}/statistics", headers=city.headers), 404)
    problem(await client.get("/staff/processes/not-an-id/statistics", headers=city.headers), 422)
    problem(await client.get("/staff/statistics"), 401)


# --- the public totals --------------------------------------------------------------------------------------


async def test_the_process_page_shows_totals_and_no_personal_data(client, city, known):
    response = await client.get(f"/orgs/{city.slug}/processes/{known.process['slug']}")
    assert response.status_code == 200, response.text
    # 19 took part; the kickoff is over (the workshop is ahead); one published group.
    assert response.json()["reach"] == {"participants": 19, "events_held": 1, "groups": 1}
    for p in known.people:
        assert p.full_name not in response.text
        assert p.email not in response.text
    assert "Altstadt" not in response.text
    again = await client.get(
        f"/orgs/{city.slug}/processes/{known.process['slug']}", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


# --- the district at sign-up --------------------------------------------------------------------------------


@pytest.fixture
async def open_process(client, db, city) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    await with_districts(db, city.organization.id)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    group = await published_group(client, city.headers, process["id"])
    return {"event": event, "group": group}


async def district_of(app: Any, email: str) -> str | None:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(Participant.district).where(Participant.email == email))


async def test_an_unknown_district_is_refused_everywhere_a_person_signs_up_and_changes_nothing(
    client, db, city, open_process
):
    event_id, group_id = open_process["event"]["id"], open_process["group"]["id"]
    before = await row_counts(db)
    web = await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=person(district="Atlantis"))
    body = problem(web, 422, "district")
    assert [e.get("kind") for e in body["errors"] if e["field"] == "district"] == ["unknown-district"]
    application = await client.post(
        f"/orgs/{city.slug}/group-applications", json={**person(district="Atlantis"), "groups": [group_id]}
    )
    problem(application, 422, "district")
    phone = {
        "full_name": "Hans Müller",
        "phone": "0151 2345678",
        "district": "atlantis",
        "consent": {"privacy_notice_version": 1},
    }
    problem(
        await client.post(f"/staff/events/{event_id}/registrations", json=phone, headers=city.headers), 422, "district"
    )
    problem(
        await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=person(district="Nord\x00stadt")),
        422,
        "district",
    )
    assert await row_counts(db) == before


async def test_the_district_is_kept_and_the_latest_answer_wins(client, db, city, open_process):
    event_id, group_id = open_process["event"]["id"], open_process["group"]["id"]
    signed = await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=person(district="Nordstadt"))
    assert signed.status_code == 202, signed.text
    assert await district_of(db, "amira@example.org") == "Nordstadt"
    applied = await client.post(
        f"/orgs/{city.slug}/group-applications", json={**person(district="Südstadt"), "groups": [group_id]}
    )
    assert applied.status_code in (200, 201, 202), applied.text
    assert await district_of(db, "amira@example.org") == "Südstadt"
    # No answer leaves the district as it was.
    await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=person())
    assert await district_of(db, "amira@example.org") == "Südstadt"
    phone = {
        "full_name": "Hans Müller",
        "phone": "0151 2345678",
        "district": "Altstadt",
        "consent": {"privacy_notice_version": 1},
    }
    entered = await client.post(f"/staff/events/{event_id}/registrations", json=phone, headers=city.headers)
    assert entered.status_code == 201, entered.text
    assert entered.json()["participant"]["district"] == "Altstadt"


async def test_a_city_without_districts_takes_no_district(client, db, city):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    refused = await client.post(
        f"/orgs/{city.slug}/events/{event['id']}/registrations", json=person(district="Altstadt")
    )
    problem(refused, 422, "district")
    assert (
        await client.post(f"/orgs/{city.slug}/events/{event['id']}/registrations", json=person())
    ).status_code == 202


async def test_the_district_is_in_the_persons_data_and_goes_with_the_erasure(client, db, city, open_process):
    event_id = open_process["event"]["id"]
    phone = {"full_name": "Hans Müller", "phone": "0151 2345678", "district": "Altstadt"}
    entered = await client.post(
        f"/staff/events/{event_id}/registrations",
        json={**phone, "consent": {"privacy_notice_version": 1}},
        headers=city.headers,
    )
    participant_id = entered.json()["participant"]["id"]
    export = await client.get(f"/staff/participants/{participant_id}/export", headers=city.headers)
    assert export.json()["person"]["district"] == "Altstadt"
    erased = await client.post(
        f"/staff/participants/{participant_id}/erase", json={"reason": "Auf Wunsch"}, headers=city.headers
    )
    assert erased.status_code == 200, erased.text
    async with db.state.sessionmaker() as session:
        assert (
            await session.scalar(select(Participant.district).where(Participant.id == uuid.UUID(participant_id)))
            is None
        )
