"""Public API: what residents, the city's CMS and apps see without logging in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tests.builders import (
    created,
    event_body,
    fetch,
    group_body,
    in_person,
    local,
    problem,
    process_body,
    published_event,
    published_group,
    published_process,
    set_seats_taken,
    today,
    walk,
)

SECRETS = ("meet.example", "secret-room", "812 3456 7890", "Geheim-4711", "+49 30 1234567")
THEIR_SECRETS = ("https://video.example/their-room", "999 000 111", "Fremd-0815", "+49 40 7654321")
SECRET_KEYS = ("online_access", "join_url", "meeting_id", "passcode", "dial_in", "online_")


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


@dataclass
class Scene:
    process: dict[str, Any]
    draft_process: dict[str, Any]
    archived_process: dict[str, Any]
    group: dict[str, Any]
    draft_group: dict[str, Any]
    kickoff: dict[str, Any]  # online, upcoming
    conference: dict[str, Any]  # hybrid, upcoming, unlimited
    meeting: dict[str, Any]  # in person, meeting of `group`, full
    cancelled: dict[str, Any]
    past: dict[str, Any]
    draft_event: dict[str, Any]
    draft_meeting: dict[str, Any]  # a meeting of `group`, not published
    archived_event: dict[str, Any]  # upcoming, of the archived process
    their_process: dict[str, Any]
    their_group: dict[str, Any]
    their_event: dict[str, Any]


async def build_scene(client, db, city, other_city) -> Scene:
    h = city.headers
    process = await published_process(client, h)
    for name, starts, ends in (("Bestandsaufnahme", -30, -1), ("Arbeitsgruppen", 0, 60), ("Konferenz", 61, 120)):
        body = {"name": name, "starts_on": day(starts), "ends_on": day(ends)}
        await created(await client.post(f"/staff/processes/{process['id']}/phases", json=body, headers=h))
    draft_process = await created(await client.post("/staff/processes", json=process_body(slug="entwurf"), headers=h))
    archived_process = await published_process(client, h, slug="altes-konzept", starts_on=day(-900), ends_on=day(60))
    archived_event = await published_event(
        client, h, archived_process["id"], title="Abschlussfeier", starts_at=local(16, 16), ends_at=local(16, 18)
    )
    assert (await client.post(f"/staff/processes/{archived_process['id']}/archive", headers=h)).status_code == 200

    group = await published_group(client, h, process["id"])
    draft_group = await created(
        await client.post(
            "/staff/groups", json=group_body(process["id"], slug="ag-wohnen", name="AG Wohnen"), headers=h
        )
    )
    kickoff = await published_event(client, h, process["id"], starts_at=local(14, 16), ends_at=local(14, 18))
    conference = await published_event(
        client,
        h,
        process["id"],
        title="Integrationskonferenz",
        kind="conference",
        format="hybrid",
        venue={"name": "Stadthalle", "address": "Am Park 2"},
        capacity=None,
        starts_at=local(30, 10),
        ends_at=local(30, 17),
        registration_closes_at=local(25, 12),
    )
    meeting = await published_event(
        client,
        h,
        process["id"],
        title="1. Sitzung AG Bildung",
        kind="group_meeting",
        group_id=group["id"],
        capacity=10,
        starts_at=local(7, 18),
        ends_at=local(7, 20),
        registration_closes_at=local(6, 12),
        **in_person(),
    )
    await set_seats_taken(db, meeting["id"], 10)
    cancelled = await published_event(
        client,
        h,
        process["id"],
        title="Infoabend",
        kind="information_evening",
        starts_at=local(20, 18),
        ends_at=local(20, 20),
        registration_closes_at=None,
    )
    response = await client.post(f"/staff/events/{cancelled['id']}/cancel", json={"reason": "Krank"}, headers=h)
    assert response.status_code == 200, response.text
    cancelled = response.json()
    past = await published_event(
        client,
        h,
        process["id"],
        title="Vorgespräch",
        kind="workshop",
        starts_at=local(-3, 10),
        ends_at=local(-3, 12),
        registration_closes_at=None,
    )
    draft_event = await created(
        await client.post("/staff/events", json=event_body(process["id"], title="Geheimer Entwurf"), headers=h)
    )
    draft_meeting = await created(
        await client.post(
            "/staff/events",
            json=event_body(process["id"], title="Entwurf Sitzung", kind="group_meeting", group_id=group["id"]),
            headers=h,
        )
    )

    their_process = await published_process(client, other_city.headers, slug="konzept-andere-stadt")
    their_group = await published_group(client, other_city.headers, their_process["id"])
    their_event = await published_event(
        client,
        other_city.headers,
        their_process["id"],
        title="Auftakt anderswo",
        online_access={
            "join_url": THEIR_SECRETS[0],
            "meeting_id": THEIR_SECRETS[1],
            "passcode": THEIR_SECRETS[2],
            "dial_in": THEIR_SECRETS[3],
        },
    )
    return Scene(
        process=process,
        draft_process=draft_process,
        archived_process=archived_process,
        group=group,
        draft_group=draft_group,
        kickoff=kickoff,
        conference=conference,
        meeting=meeting,
        cancelled=cancelled,
        past=past,
        draft_event=draft_event,
        draft_meeting=draft_meeting,
        archived_event=archived_event,
        their_process=their_process,
        their_group=their_group,
        their_event=their_event,
    )


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


# --- organizations -------------------------------------------------------------------------------


async def test_cities_are_listed_and_readable(client, city, other_city):
    cities = await walk(client, "/orgs", limit=1)
    assert sorted(c["slug"] for c in cities) == ["andere-stadt", "teststadt"]
    assert [c["name"] for c in cities] == sorted(c["name"] for c in cities)
    one = await fetch(client, f"/orgs/{city.slug}")
    assert (one["slug"], one["name"], one["timezone"]) == ("teststadt", "Stadt Teststadt", "Europe/Berlin")
    assert "cors_origins" not in one
    problem(await client.get("/orgs/gibt-es-nicht"), 404)
    problem(await client.get("/orgs/gibt-es-nicht/events"), 404)


# --- processes -----------------------------------------------------------------------------------


async def test_only_published_and_archived_processes_are_listed(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    listed = await walk(client, f"/orgs/{city.slug}/processes", limit=1)
    assert sorted(ids(listed)) == sorted([s.process["id"], s.archived_process["id"]])
    assert {p["slug"]: p["status"] for p in listed} == {"integrationskonzept": "published", "altes-konzept": "archived"}
    theirs = await fetch(client, f"/orgs/{other_city.slug}/processes")
    assert ids(theirs["items"]) == [s.their_process["id"]]


async def test_drafts_and_other_cities_processes_are_404(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    problem(await client.get(f"/orgs/{city.slug}/processes/{s.draft_process['slug']}"), 404)
    problem(await client.get(f"/orgs/{city.slug}/processes/{s.their_process['slug']}"), 404)
    problem(await client.get(f"/orgs/{city.slug}/processes/gibt-es-nicht"), 404)
    archived = await fetch(client, f"/orgs/{city.slug}/processes/{s.archived_process['slug']}")
    assert archived["status"] == "archived"
    assert (await fetch(client, f"/orgs/{other_city.slug}/processes/{s.their_process['slug']}"))[
        "id"
    ] == s.their_process["id"]


async def test_process_page_shows_the_current_phase_published_groups_and_upcoming_events(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    page = await fetch(client, f"/orgs/{city.slug}/processes/{s.process['slug']}")
    assert page["title"] == s.process["title"]
    assert page["contacts"][0]["name"] == "Amt für Integration"

    assert [p["name"] for p in page["phases"]] == ["Bestandsaufnahme", "Arbeitsgruppen", "Konferenz"]
    assert [p["name"] for p in page["phases"] if p["is_current"]] == ["Arbeitsgruppen"]

    assert ids(page["groups"]) == [s.group["id"]]  # the draft group is not shown

    upcoming = [s.meeting, s.kickoff, s.cancelled, s.conference]  # soonest first; no draft, nothing past
    assert ids(page["upcoming_events"]) == ids(upcoming)
    starts = [datetime.fromisoformat(e["starts_at"]) for e in page["upcoming_events"]]
    assert starts == sorted(starts)


async def test_a_phase_is_current_through_its_last_day(client, city):
    process = await published_process(client, city.headers)
    for name, starts, ends in (("Gestern begonnen", -5, 0), ("Ab morgen", 1, 10)):
        body = {"name": name, "starts_on": day(starts), "ends_on": day(ends)}
        await created(await client.post(f"/staff/processes/{process['id']}/phases", json=body, headers=city.headers))
    page = await fetch(client, f"/orgs/{city.slug}/processes/{process['slug']}")
    assert [(p["name"], p["is_current"]) for p in page["phases"]] == [("Gestern begonnen", True), ("Ab morgen", False)]


# --- groups --------------------------------------------------------------------------------------


async def test_group_page_shows_its_published_meetings(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    page = await fetch(client, f"/orgs/{city.slug}/groups/{s.group['id']}")
    assert (page["name"], page["process_id"], page["capacity"]) == ("AG Bildung", s.process["id"], 25)
    assert page["signup_open"] is True
    assert "status" not in page
    assert ids(page["meetings"]) == [s.meeting["id"]]  # not the draft meeting
    assert page["meetings"][0]["seats_left"] == 0


async def test_draft_and_other_cities_groups_are_404(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    problem(await client.get(f"/orgs/{city.slug}/groups/{s.draft_group['id']}"), 404)
    problem(await client.get(f"/orgs/{city.slug}/groups/{s.their_group['id']}"), 404)
    problem(await client.get(f"/orgs/{city.slug}/groups/{uuid.uuid4()}"), 404)
    assert (await fetch(client, f"/orgs/{other_city.slug}/groups/{s.their_group['id']}"))["id"] == s.their_group["id"]


# --- events --------------------------------------------------------------------------------------


async def test_events_are_upcoming_published_ones_of_this_city_soonest_first(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    listed = await walk(client, f"/orgs/{city.slug}/events")
    # Cancelled stays listed; drafts, past events and other cities' events do not.
    assert ids(listed) == ids([s.meeting, s.kickoff, s.archived_event, s.cancelled, s.conference])
    assert ids(listed) == ids((await fetch(client, f"/orgs/{city.slug}/events?limit=100"))["items"])
    latest_first = await walk(client, f"/orgs/{city.slug}/events", params={"sort": "-starts_at"})
    assert ids(latest_first) == list(reversed(ids(listed)))
    problem(await client.get(f"/orgs/{city.slug}/events?sort=title"), 422, "sort")


async def test_an_event_that_has_begun_is_listed_until_it_ends(client, city):
    process = await published_process(client, city.headers)
    running = await published_event(
        client, city.headers, process["id"], starts_at=local(-1, 9), ends_at=local(1, 17), registration_closes_at=None
    )
    await published_event(
        client, city.headers, process["id"], starts_at=local(-2, 9), ends_at=local(-1, 8), registration_closes_at=None
    )
    listed = await fetch(client, f"/orgs/{city.slug}/events")
    assert ids(listed["items"]) == [running["id"]]


async def test_events_filters(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    url = f"/orgs/{city.slug}/events"

    async def listed(**params: Any) -> list[str]:
        return ids(await walk(client, url, params=params))

    assert await listed(process=s.process["slug"]) == ids([s.meeting, s.kickoff, s.cancelled, s.conference])
    assert await listed(process=s.archived_process["slug"]) == [s.archived_event["id"]]
    assert await listed(process=s.draft_process["slug"]) == []
    assert await listed(process=s.their_process["slug"]) == []
    assert await listed(group_id=s.group["id"]) == [s.meeting["id"]]
    assert await listed(group_id=s.draft_group["id"]) == []
    assert await listed(kind="conference") == [s.conference["id"]]
    assert await listed(kind="group_meeting") == [s.meeting["id"]]
    assert await listed(format="hybrid") == [s.conference["id"]]
    assert await listed(format="in_person") == [s.meeting["id"]]
    assert await listed(has_seats_left="false") == [s.meeting["id"]]
    assert await listed(has_seats_left="true") == ids([s.kickoff, s.archived_event, s.cancelled, s.conference])
    assert await listed(format="online", kind="kickoff", process=s.process["slug"]) == [s.kickoff["id"]]
    assert await listed(format="online", sort="-starts_at") == ids([s.cancelled, s.archived_event, s.kickoff])
    # A period in the past shows past events too.
    assert await listed(**{"from": day(-4), "to": day(-2)}) == [s.past["id"]]
    assert await listed(**{"from": day(-4)}) == ids(
        [s.past, s.meeting, s.kickoff, s.archived_event, s.cancelled, s.conference]
    )
    problem(await client.get(url, params={"kind": "party"}), 422, "kind")
    problem(await client.get(url, params={"from": "gestern"}), 422, "from")


async def test_from_and_to_are_days_in_berlin_time(client, city):
    process = await published_process(client, city.headers)

    async def event(title: str, starts: str, ends: str) -> str:
        made = await published_event(
            client,
            city.headers,
            process["id"],
            title=title,
            starts_at=starts,
            ends_at=ends,
            registration_closes_at=None,
        )
        return made["id"]

    # D is 40 days ahead; at 00:30 in Berlin it is still the day before in UTC.
    evening = await event("Abend vorher", local(39, 20), local(39, 22))
    overnight = await event("Über Mitternacht", local(39, 23), local(40, 0, 15))
    after_midnight = await event("Nach Mitternacht", local(40, 0, 30), local(40, 1, 30))
    next_day = await event("Nächster Tag", local(41, 0, 0), local(41, 1, 0))
    url = f"/orgs/{city.slug}/events"

    async def between(**params: str) -> list[str]:
        return ids((await fetch(client, url + "?" + "&".join(f"{k}={v}" for k, v in params.items())))["items"])

    assert await between(to=day(39)) == [evening, overnight]
    assert await between(**{"from": day(40)}) == [overnight, after_midnight, next_day]
    assert await between(**{"from": day(40), "to": day(40)}) == [overnight, after_midnight]
    assert await between(**{"from": day(41), "to": day(41)}) == [next_day]


async def test_event_page_shows_seats_left(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    await set_seats_taken(db, s.kickoff["id"], 37)
    kickoff = await fetch(client, f"/orgs/{city.slug}/events/{s.kickoff['id']}")
    assert (kickoff["capacity"], kickoff["seats_left"]) == (100, 63)
    assert kickoff["registration_open"] is True
    assert "seats_taken" not in kickoff
    full = await fetch(client, f"/orgs/{city.slug}/events/{s.meeting['id']}")
    assert (full["capacity"], full["seats_left"]) == (10, 0)
    assert full["venue"]["name"] == "Rathaus"
    unlimited = await fetch(client, f"/orgs/{city.slug}/events/{s.conference['id']}")
    assert (unlimited["capacity"], unlimited["seats_left"]) == (None, None)
    assert unlimited["venue"] == {
        "name": "Stadthalle",
        "address": "Am Park 2",
        "room": None,
        "step_free": None,
        "notes": None,
    }


async def test_draft_and_other_cities_events_are_404(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    for event in (s.draft_event, s.draft_meeting, s.their_event):
        problem(await client.get(f"/orgs/{city.slug}/events/{event['id']}"), 404)
    problem(await client.get(f"/orgs/{city.slug}/events/{uuid.uuid4()}"), 404)
    assert (await fetch(client, f"/orgs/{other_city.slug}/events/{s.their_event['id']}"))["id"] == s.their_event["id"]
    # A past event stays readable by its address.
    assert (await fetch(client, f"/orgs/{city.slug}/events/{s.past['id']}"))["id"] == s.past["id"]


# --- what the public never sees ------------------------------------------------------------------


async def public_answers(client, s: Scene, city, other_city) -> dict[str, str]:
    urls = ["/orgs", f"/orgs/{city.slug}", f"/orgs/{other_city.slug}"]
    for org, process, group in (
        (city.slug, s.process, s.group),
        (city.slug, s.archived_process, None),
        (other_city.slug, s.their_process, s.their_group),
    ):
        urls += [f"/orgs/{org}/processes", f"/orgs/{org}/processes/{process['slug']}", f"/orgs/{org}/events"]
        urls += [f"/orgs/{org}/events?from={day(-10)}", f"/orgs/{org}/events?format=online"]
        if group:
            urls.append(f"/orgs/{org}/groups/{group['id']}")
    for event in (s.kickoff, s.conference, s.meeting, s.cancelled, s.past, s.archived_event):
        urls.append(f"/orgs/{city.slug}/events/{event['id']}")
    urls.append(f"/orgs/{other_city.slug}/events/{s.their_event['id']}")
    answers = {}
    for url in urls:
        response = await client.get(url)
        assert response.status_code == 200, (url, response.text)
        answers[url] = response.text
    return answers


async def test_online_access_details_never_appear_in_public_answers(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    answers = await public_answers(client, s, city, other_city)
    # The answers do contain the events, so the check below is about the details, not absence.
    assert s.kickoff["id"] in answers[f"/orgs/{city.slug}/events"]
    assert s.conference["id"] in answers[f"/orgs/{city.slug}/processes/{s.process['slug']}"]
    for url, text in answers.items():
        for secret in (*SECRETS, *THEIR_SECRETS, *SECRET_KEYS):
            assert secret not in text, (url, secret)

    # Staff see them.
    staff = await fetch(client, f"/staff/events/{s.conference['id']}", city.headers)
    assert staff["online_access"] == {
        "join_url": "https://meet.example/secret-room",
        "meeting_id": "812 3456 7890",
        "passcode": "Geheim-4711",
        "dial_in": "+49 30 1234567",
    }
    theirs = await fetch(client, f"/staff/events/{s.their_event['id']}", other_city.headers)
    assert theirs["online_access"]["passcode"] == "Fremd-0815"


async def test_no_staff_personal_data_in_public_answers(client, db, city, other_city):
    s = await build_scene(client, db, city, other_city)
    answers = await public_answers(client, s, city, other_city)
    personal = [city.admin.email, city.admin.full_name, other_city.admin.email, other_city.admin.full_name]
    for url, text in answers.items():
        for value in personal:
            assert value not in text, (url, value)
