"""iCalendar feeds and schema.org JSON-LD, parsed with real parsers (icalendar, json) as a calendar app or
a search engine would read them."""

from __future__ import annotations

import json
from datetime import timedelta

import icalendar
import pytest

from tests.builders import (
    created,
    event_body,
    fetch,
    in_person,
    local,
    published_event,
    published_group,
    published_process,
)
from tests.signup_helpers import assert_no_access_details


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
async def world(client, city):
    process = await published_process(client, city.headers)
    group = await published_group(client, city.headers, process["id"])
    kickoff = await published_event(client, city.headers, process["id"], title="Auftakt, online")
    meeting = await published_event(
        client, city.headers, process["id"], group_id=group["id"], title="AG Bildung: 1. Treffen", **in_person()
    )
    draft = await created(
        await client.post("/staff/events", json=event_body(process["id"], title="Entwurf"), headers=city.headers)
    )
    return {"process": process, "group": group, "kickoff": kickoff, "meeting": meeting, "draft": draft}


async def test_feeds_of_city_process_group_and_event_hold_exactly_their_public_events(client, city, world):
    slug, process, group = city.slug, world["process"], world["group"]
    kickoff, meeting = world["kickoff"]["id"], world["meeting"]["id"]
    feeds = {
        f"/orgs/{slug}/events.ics": {kickoff, meeting},
        f"/orgs/{slug}/processes/{process['slug']}/events.ics": {kickoff, meeting},
        f"/orgs/{slug}/groups/{group['id']}/events.ics": {meeting},
        f"/orgs/{slug}/events/{kickoff}.ics": {kickoff},
    }
    for path, expected in feeds.items():
        response = await client.get(path)
        calendar = parse(response)
        assert {uid.removesuffix("@teilhabe") for uid in vevents(calendar)} == expected, path
        assert_no_access_details(response.text)  # the join link is for confirmed people only
        assert "Entwurf" not in response.text


async def test_a_feed_has_berlin_time_zone_data_and_the_event_fields(client, city, world):
    calendar = parse(await client.get(f"/orgs/{city.slug}/events.ics"))
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Berlin"]
    observances = {c.name: c for c in zones[0].subcomponents}
    summer = observances["DAYLIGHT"]["RRULE"]  # the last Sunday of March, every year
    assert (summer["FREQ"], summer["BYMONTH"], summer["BYDAY"]) == (["YEARLY"], [3], ["-1SU"])
    assert observances["STANDARD"].decoded("TZOFFSETTO") == timedelta(hours=1)

    meeting = vevents(calendar)[f"{world['meeting']['id']}@teilhabe"]
    start = meeting.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start.isoformat() == world["meeting"]["starts_at"]
    assert meeting["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(meeting["SUMMARY"]) == "AG Bildung: 1. Treffen"
    assert str(meeting["LOCATION"]) == "Rathaus, Marktplatz 1"
    assert str(meeting["URL"]) == f"http://127.0.0.1:8000/{city.slug}/events/{world['meeting']['id']}"
    assert str(meeting["STATUS"]) == "CONFIRMED"
    assert int(meeting["SEQUENCE"]) == 0
    kickoff = vevents(calendar)[f"{world['kickoff']['id']}@teilhabe"]
    assert str(kickoff["SUMMARY"]) == "Auftakt, online"  # the comma survives RFC 5545 escaping


async def test_a_change_raises_the_sequence_and_cancelling_marks_it_cancelled(client, city, world):
    event_id, path = world["kickoff"]["id"], f"/orgs/{city.slug}/events/{world['kickoff']['id']}.ics"
    uid = f"{event_id}@teilhabe"
    before = vevents(parse(await client.get(path)))[uid]

    moved = await client.patch(
        f"/staff/events/{event_id}", json={"starts_at": local(15, 17), "ends_at": local(15, 19)}, headers=city.headers
    )
    assert moved.status_code == 200, moved.text
    after_move = vevents(parse(await client.get(path)))[uid]
    assert int(after_move["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after_move.decoded("DTSTART").isoformat() == local(15, 17)

    cancelled = await client.post(f"/staff/events/{event_id}/cancel", json={"reason": "Krank"}, headers=city.headers)
    assert cancelled.status_code == 200, cancelled.text
    after_cancel = vevents(parse(await client.get(f"/orgs/{city.slug}/events.ics")))[uid]  # still in the feed
    assert str(after_cancel["STATUS"]) == "CANCELLED"
    assert int(after_cancel["SEQUENCE"]) == int(after_move["SEQUENCE"]) + 1
    assert str(after_cancel["UID"]) == uid  # the same entry, so calendars update it


async def test_an_empty_feed_is_still_a_valid_calendar(client, city):
    await published_process(client, city.headers)
    calendar = parse(await client.get(f"/orgs/{city.slug}/events.ics"))
    assert calendar.walk("VEVENT") == []
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


async def test_public_answers_show_https_and_webcal_addresses_of_their_feed(client, city, world):
    organization = await fetch(client, f"/orgs/{city.slug}")
    assert organization["calendar"] == {
        "ics_url": f"http://127.0.0.1:8000/api/v1/orgs/{city.slug}/events.ics",
        "webcal_url": f"webcal://127.0.0.1:8000/api/v1/orgs/{city.slug}/events.ics",
    }
    process = await fetch(client, f"/orgs/{city.slug}/processes/{world['process']['slug']}")
    assert process["calendar"]["webcal_url"].endswith(f"/processes/{world['process']['slug']}/events.ics")
    group = await fetch(client, f"/orgs/{city.slug}/groups/{world['group']['id']}")
    assert group["calendar"]["webcal_url"].startswith("webcal://")
    event = await fetch(client, f"/orgs/{city.slug}/events/{world['kickoff']['id']}")
    assert event["calendar"]["ics_url"].endswith(f"/events/{world['kickoff']['id']}.ics")
    # Each advertised address answers with a calendar.
    parse(await client.get(event["calendar"]["ics_url"].removeprefix("http://127.0.0.1:8000/api/v1")))


async def test_feeds_of_unknown_or_draft_things_are_404(client, city, other_city, world):
    assert (await client.get(f"/orgs/{city.slug}/events/{world['draft']['id']}.ics")).status_code == 404
    assert (await client.get(f"/orgs/{other_city.slug}/events/{world['kickoff']['id']}.ics")).status_code == 404
    assert (await client.get(f"/orgs/{city.slug}/processes/gibt-es-nicht/events.ics")).status_code == 404
    assert (await client.get(f"/orgs/{city.slug}/events/not-a-uuid.ics")).status_code == 422


async def test_json_ld_describes_the_event_for_search_engines_without_access_details(client, city, world):
    response = await client.get(f"/orgs/{city.slug}/events/{world['kickoff']['id']}/jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert_no_access_details(response.text)
    online = json.loads(response.text)
    assert online["@context"] == "https://schema.org"
    assert online["@type"] == "Event"
    assert online["name"] == "Auftakt, online"
    assert online["startDate"] == world["kickoff"]["starts_at"]
    assert online["eventStatus"] == "https://schema.org/EventScheduled"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == [{"@type": "VirtualLocation", "url": online["url"]}]
    assert online["offers"]["availability"] == "https://schema.org/InStock"
    assert online["offers"]["price"] == "0"
    assert online["organizer"]["name"] == city.organization.name
    assert online["maximumAttendeeCapacity"] == 100
    assert online["remainingAttendeeCapacity"] == 100

    meeting = await fetch(client, f"/orgs/{city.slug}/events/{world['meeting']['id']}/jsonld")
    assert meeting["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    place = meeting["location"][0]
    assert place["@type"] == "Place"
    assert place["name"] == "Rathaus"
    assert place["address"] == {"@type": "PostalAddress", "streetAddress": "Marktplatz 1"}

    await client.post(f"/staff/events/{world['meeting']['id']}/cancel", json={"reason": "x"}, headers=city.headers)
    cancelled = await fetch(client, f"/orgs/{city.slug}/events/{world['meeting']['id']}/jsonld")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["offers"]["availability"] == "https://schema.org/Discontinued"
