"""Staff API for events: kickoff, conference, workshops and group meetings."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

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
    walk,
)

SECRETS = {
    "join_url": "https://meet.example/secret-room",
    "meeting_id": "812 3456 7890",
    "passcode": "Geheim-4711",
    "dial_in": "+49 30 1234567",
}


async def new_event(client, headers, process_id, **overrides):
    return await created(await client.post("/staff/events", json=event_body(process_id, **overrides), headers=headers))


async def staff_events(client, headers):
    return (await fetch(client, "/staff/events?limit=100", headers))["items"]


async def staff_event(client, headers, event):
    return await fetch(client, f"/staff/events/{event['id']}", headers)


# --- create, get, list ---------------------------------------------------------------------------


async def test_created_event_is_a_draft_with_its_access_details_for_staff(client, city):
    process = await published_process(client, city.headers)
    body = event_body(process["id"], languages=["de", "ar"], childcare=True, waitlist_enabled=True)
    event = await created(await client.post("/staff/events", json=body, headers=city.headers))
    assert event["status"] == "draft"
    assert event["published_at"] is None
    assert event["process_id"] == process["id"]
    assert event["group_id"] is None
    assert (event["title"], event["kind"], event["format"]) == (body["title"], "kickoff", "online")
    assert event["starts_at"] == body["starts_at"]
    assert event["ends_at"] == body["ends_at"]
    assert event["registration_closes_at"] == body["registration_closes_at"]
    assert event["timezone"] == "Europe/Berlin"
    assert event["venue"] is None
    assert event["online_access"] == SECRETS
    assert (event["capacity"], event["seats_taken"], event["seats_left"]) == (100, 0, 100)
    assert event["languages"] == ["de", "ar"]
    assert event["childcare"] is True
    assert event["waitlist_enabled"] is True
    assert await staff_event(client, city.headers, event) == event


async def test_unknown_event_is_404(client, city):
    problem(await client.get(f"/staff/events/{uuid.uuid4()}", headers=city.headers), 404)
    problem(await client.post("/staff/events", json=event_body(str(uuid.uuid4())), headers=city.headers), 404)


async def test_list_walks_every_event_once_in_a_stable_order(client, city):
    process = await published_process(client, city.headers)
    days = [30, 10, 20, 20, 20]  # three start at the same moment: the id breaks the tie
    made = [
        await new_event(
            client,
            city.headers,
            process["id"],
            title=f"Termin {i}",
            starts_at=local(d, 16),
            ends_at=local(d, 18),
            registration_closes_at=None,
        )
        for i, d in enumerate(days)
    ]
    soonest_first = sorted(made, key=lambda e: (datetime.fromisoformat(e["starts_at"]), uuid.UUID(e["id"])))
    walked = await walk(client, "/staff/events", city.headers)
    assert [e["id"] for e in walked] == [e["id"] for e in soonest_first]
    assert [e["id"] for e in await walk(client, "/staff/events", city.headers)] == [e["id"] for e in walked]

    latest_first = await walk(client, "/staff/events", city.headers, {"sort": "-starts_at"})
    assert [e["id"] for e in latest_first] == [e["id"] for e in reversed(soonest_first)]


# --- times ---------------------------------------------------------------------------------------


async def test_times_without_offset_are_read_in_berlin_and_returned_with_its_offset(client, city):
    process = await published_process(client, city.headers)
    winter = await new_event(
        client,
        city.headers,
        process["id"],
        starts_at="2027-03-04T16:00:00",
        ends_at="2027-03-04T18:00:00",
        registration_opens_at="2027-02-01T08:00:00",
        registration_closes_at="2027-03-03T12:00:00",
    )
    assert winter["starts_at"] == "2027-03-04T16:00:00+01:00"
    assert winter["ends_at"] == "2027-03-04T18:00:00+01:00"
    assert winter["registration_opens_at"] == "2027-02-01T08:00:00+01:00"
    assert winter["registration_closes_at"] == "2027-03-03T12:00:00+01:00"

    summer = await new_event(
        client,
        city.headers,
        process["id"],
        starts_at="2027-07-01T16:00:00",
        ends_at="2027-07-01T18:00:00",
        registration_closes_at=None,
    )
    assert summer["starts_at"] == "2027-07-01T16:00:00+02:00"


async def test_instants_with_another_offset_are_returned_in_berlin_time(client, city):
    process = await published_process(client, city.headers)
    event = await new_event(
        client,
        city.headers,
        process["id"],
        starts_at="2027-07-01T10:00:00-04:00",
        ends_at="2027-07-01T16:00:00Z",
        registration_closes_at="2027-06-30T22:00:00+00:00",
    )
    assert event["starts_at"] == "2027-07-01T16:00:00+02:00"
    assert event["ends_at"] == "2027-07-01T18:00:00+02:00"
    assert event["registration_closes_at"] == "2027-07-01T00:00:00+02:00"
    response = await client.patch(
        f"/staff/events/{event['id']}", json={"starts_at": "2027-07-01T08:30:00-05:00"}, headers=city.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["starts_at"] == "2027-07-01T15:30:00+02:00"


# --- validation ----------------------------------------------------------------------------------


async def test_event_must_end_after_it_starts(client, city):
    process = await published_process(client, city.headers)
    for ends_at in (local(14, 16), local(14, 15)):
        body = event_body(process["id"], ends_at=ends_at)
        problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "ends_at")
    assert await staff_events(client, city.headers) == []

    event = await new_event(client, city.headers, process["id"])
    url = f"/staff/events/{event['id']}"
    problem(await client.patch(url, json={"ends_at": local(14, 15)}, headers=city.headers), 422, "ends_at")
    problem(await client.patch(url, json={"starts_at": local(14, 19)}, headers=city.headers), 422)
    assert await staff_event(client, city.headers, event) == event


async def test_signup_deadline_cannot_be_after_the_start(client, city):
    process = await published_process(client, city.headers)
    body = event_body(process["id"], registration_closes_at=local(14, 16, 1))
    problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "registration_closes_at")
    assert await staff_events(client, city.headers) == []

    at_start = await new_event(client, city.headers, process["id"], registration_closes_at=local(14, 16))
    assert at_start["registration_closes_at"] == at_start["starts_at"]

    event = await new_event(client, city.headers, process["id"])
    url = f"/staff/events/{event['id']}"
    response = await client.patch(url, json={"registration_closes_at": local(15, 9)}, headers=city.headers)
    problem(response, 422, "registration_closes_at")
    # Moving the start before the deadline is refused as well.
    response = await client.patch(
        url, json={"starts_at": local(13, 10), "ends_at": local(13, 11)}, headers=city.headers
    )
    problem(response, 422, "registration_closes_at")
    assert await staff_event(client, city.headers, event) == event


async def test_signup_must_open_before_it_closes(client, city):
    process = await published_process(client, city.headers)
    for opens in (local(13, 12), local(13, 13)):
        body = event_body(process["id"], registration_opens_at=opens, registration_closes_at=local(13, 12))
        problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "registration_closes_at")
    body = event_body(process["id"], registration_opens_at=local(14, 17), registration_closes_at=None)
    problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "registration_opens_at")
    assert await staff_events(client, city.headers) == []

    event = await new_event(client, city.headers, process["id"], registration_opens_at=local(1, 8))
    assert event["registration_opens_at"] == local(1, 8)
    response = await client.patch(
        f"/staff/events/{event['id']}", json={"registration_opens_at": local(13, 12)}, headers=city.headers
    )
    problem(response, 422, "registration_closes_at")
    assert await staff_event(client, city.headers, event) == event


@pytest.mark.parametrize("capacity", [0, -5])
async def test_capacity_must_be_at_least_one(client, city, capacity):
    process = await published_process(client, city.headers)
    body = event_body(process["id"], capacity=capacity)
    problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "capacity")
    assert await staff_events(client, city.headers) == []

    event = await new_event(client, city.headers, process["id"])
    response = await client.patch(f"/staff/events/{event['id']}", json={"capacity": capacity}, headers=city.headers)
    problem(response, 422, "capacity")
    assert await staff_event(client, city.headers, event) == event


async def test_capacity_null_means_unlimited(client, city):
    process = await published_process(client, city.headers)
    unlimited = await new_event(client, city.headers, process["id"], capacity=None)
    assert (unlimited["capacity"], unlimited["seats_left"]) == (None, None)
    limited = await new_event(client, city.headers, process["id"])
    response = await client.patch(f"/staff/events/{limited['id']}", json={"capacity": None}, headers=city.headers)
    assert response.status_code == 200, response.text
    assert (response.json()["capacity"], response.json()["seats_left"]) == (None, None)


async def test_capacity_cannot_drop_below_the_seats_taken(client, db, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=20)
    await set_seats_taken(db, event["id"], 12)
    before = await staff_event(client, city.headers, event)
    assert (before["seats_taken"], before["seats_left"]) == (12, 8)

    response = await client.patch(f"/staff/events/{event['id']}", json={"capacity": 11}, headers=city.headers)
    problem(response, 409, "capacity")
    assert await staff_event(client, city.headers, event) == before

    response = await client.patch(f"/staff/events/{event['id']}", json={"capacity": 12}, headers=city.headers)
    assert response.status_code == 200, response.text
    assert (response.json()["capacity"], response.json()["seats_left"]) == (12, 0)


async def test_in_person_and_hybrid_need_a_venue_online_has_none(client, city):
    process = await published_process(client, city.headers)
    venue = {"name": "Rathaus", "address": "Marktplatz 1"}
    cases = [
        (in_person(venue=None), "venue"),
        ({"format": "hybrid"}, "venue"),
        ({"format": "online", "venue": venue}, "venue"),
        (in_person(online_access={"join_url": "https://meet.example/x"}), "online_access"),
    ]
    for overrides, field in cases:
        body = event_body(process["id"], **overrides)
        problem(await client.post("/staff/events", json=body, headers=city.headers), 422, field)
    assert await staff_events(client, city.headers) == []

    hybrid = await new_event(client, city.headers, process["id"], format="hybrid", venue=venue)
    assert hybrid["venue"]["name"] == "Rathaus"
    assert hybrid["online_access"] == SECRETS
    on_site = await new_event(client, city.headers, process["id"], **in_person())
    assert on_site["online_access"] is None
    assert on_site["venue"] == {
        "name": "Rathaus",
        "address": "Marktplatz 1",
        "room": None,
        "step_free": True,
        "notes": None,
    }

    online = await new_event(client, city.headers, process["id"])
    url = f"/staff/events/{online['id']}"
    problem(
        await client.patch(url, json={"format": "in_person", "venue": venue}, headers=city.headers),
        422,
        "online_access",
    )
    problem(await client.patch(url, json={"venue": venue}, headers=city.headers), 422, "venue")
    problem(
        await client.patch(f"/staff/events/{on_site['id']}", json={"venue": None}, headers=city.headers), 422, "venue"
    )
    assert await staff_event(client, city.headers, online) == online
    assert await staff_event(client, city.headers, on_site) == on_site

    response = await client.patch(
        url, json={"format": "in_person", "venue": venue, "online_access": None}, headers=city.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["online_access"] is None


# --- PATCH ---------------------------------------------------------------------------------------


async def test_patch_changes_only_the_fields_sent(client, city):
    process = await published_process(client, city.headers)
    event = await new_event(client, city.headers, process["id"], description="Alt", languages=["de"])
    response = await client.patch(
        f"/staff/events/{event['id']}",
        json={"title": "Online-Auftakt", "description": None, "languages": None},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["title"], changed["description"], changed["languages"]) == ("Online-Auftakt", None, [])
    touched = {"title", "description", "languages", "updated_at"}
    assert {k: v for k, v in changed.items() if k not in touched} == {
        k: v for k, v in event.items() if k not in touched
    }
    assert await staff_event(client, city.headers, event) == changed


@pytest.mark.parametrize("field", ["title", "kind", "format", "starts_at", "ends_at"])
async def test_patch_null_on_a_required_field_is_refused(client, city, field):
    process = await published_process(client, city.headers)
    event = await new_event(client, city.headers, process["id"])
    problem(await client.patch(f"/staff/events/{event['id']}", json={field: None}, headers=city.headers), 422, field)
    assert await staff_event(client, city.headers, event) == event


# --- groups --------------------------------------------------------------------------------------


async def test_an_events_group_must_belong_to_its_process(client, city, other_city):
    process = await published_process(client, city.headers)
    other_process = await published_process(client, city.headers, slug="fortschreibung")
    group = await published_group(client, city.headers, process["id"])
    foreign_group = await published_group(client, city.headers, other_process["id"])
    their_process = await published_process(client, other_city.headers)
    their_group = await published_group(client, other_city.headers, their_process["id"])

    meeting = await new_event(client, city.headers, process["id"], kind="group_meeting", group_id=group["id"])
    assert meeting["group_id"] == group["id"]

    body = event_body(process["id"], group_id=foreign_group["id"])
    problem(await client.post("/staff/events", json=body, headers=city.headers), 422, "group_id")
    body = event_body(process["id"], group_id=their_group["id"])
    problem(await client.post("/staff/events", json=body, headers=city.headers), 404)
    assert [e["id"] for e in await staff_events(client, city.headers)] == [meeting["id"]]

    url = f"/staff/events/{meeting['id']}"
    problem(await client.patch(url, json={"group_id": foreign_group["id"]}, headers=city.headers), 422, "group_id")
    problem(await client.patch(url, json={"group_id": their_group["id"]}, headers=city.headers), 404)
    assert await staff_event(client, city.headers, meeting) == meeting


# --- publish, cancel, postpone, delete -----------------------------------------------------------


async def test_an_event_is_published_only_after_its_process_and_group(client, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    event = await new_event(client, city.headers, process["id"])
    problem(await client.post(f"/staff/events/{event['id']}/publish", headers=city.headers), 409)
    assert await staff_event(client, city.headers, event) == event

    assert (await client.post(f"/staff/processes/{process['id']}/publish", headers=city.headers)).status_code == 200
    group = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers))
    meeting = await new_event(client, city.headers, process["id"], group_id=group["id"], kind="group_meeting")
    problem(await client.post(f"/staff/events/{meeting['id']}/publish", headers=city.headers), 409)
    assert await staff_event(client, city.headers, meeting) == meeting
    problem(await client.get(f"/orgs/{city.slug}/events/{meeting['id']}"), 404)

    assert (await client.post(f"/staff/groups/{group['id']}/publish", headers=city.headers)).status_code == 200
    for draft in (event, meeting):
        response = await client.post(f"/staff/events/{draft['id']}/publish", headers=city.headers)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "published"
        assert response.json()["published_at"] is not None
        assert (await fetch(client, f"/orgs/{city.slug}/events/{draft['id']}"))["status"] == "published"


async def test_a_cancelled_event_stays_public_with_its_reason_and_is_frozen(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    reason = "Die Referentin ist erkrankt."
    response = await client.post(f"/staff/events/{event['id']}/cancel", json={"reason": reason}, headers=city.headers)
    assert response.status_code == 200, response.text
    cancelled = response.json()
    assert (cancelled["status"], cancelled["status_reason"]) == ("cancelled", reason)

    public = await fetch(client, f"/orgs/{city.slug}/events/{event['id']}")
    assert (public["status"], public["status_reason"]) == ("cancelled", reason)
    assert public["registration_open"] is False
    listed = await fetch(client, f"/orgs/{city.slug}/events")
    assert [(e["id"], e["status"], e["status_reason"]) for e in listed["items"]] == [(event["id"], "cancelled", reason)]

    url = f"/staff/events/{event['id']}"
    problem(await client.patch(url, json={"title": "Doch nicht"}, headers=city.headers), 409)
    problem(await client.post(f"{url}/publish", headers=city.headers), 409)
    problem(await client.post(f"{url}/cancel", json={"reason": "Nochmal"}, headers=city.headers), 409)
    problem(await client.post(f"{url}/postpone", headers=city.headers), 409)
    problem(await client.delete(url, headers=city.headers), 409)
    assert await staff_event(client, city.headers, event) == cancelled


async def test_a_cancellation_needs_no_reason(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    response = await client.post(f"/staff/events/{event['id']}/cancel", headers=city.headers)
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["status_reason"]) == ("cancelled", None)


async def test_a_postponed_event_can_be_changed_and_published_again(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    url = f"/staff/events/{event['id']}"
    response = await client.post(f"{url}/postpone", json={"reason": "Neuer Termin folgt."}, headers=city.headers)
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["status_reason"]) == ("postponed", "Neuer Termin folgt.")
    public = await fetch(client, f"/orgs/{city.slug}/events/{event['id']}")
    assert (public["status"], public["status_reason"]) == ("postponed", "Neuer Termin folgt.")

    new_times = {"starts_at": local(40, 16), "ends_at": local(40, 18), "registration_closes_at": local(39, 12)}
    response = await client.patch(url, json=new_times, headers=city.headers)
    assert response.status_code == 200, response.text
    response = await client.post(f"{url}/publish", headers=city.headers)
    assert response.status_code == 200, response.text
    republished = response.json()
    assert (republished["status"], republished["status_reason"]) == ("published", None)
    assert republished["starts_at"] == local(40, 16)


async def test_a_draft_cannot_be_cancelled_or_postponed(client, city):
    process = await published_process(client, city.headers)
    event = await new_event(client, city.headers, process["id"])
    problem(await client.post(f"/staff/events/{event['id']}/cancel", headers=city.headers), 409)
    problem(await client.post(f"/staff/events/{event['id']}/postpone", headers=city.headers), 409)
    assert await staff_event(client, city.headers, event) == event


async def test_only_draft_events_can_be_deleted(client, city):
    process = await published_process(client, city.headers)
    draft = await new_event(client, city.headers, process["id"])
    response = await client.delete(f"/staff/events/{draft['id']}", headers=city.headers)
    assert response.status_code == 204, response.text
    problem(await client.get(f"/staff/events/{draft['id']}", headers=city.headers), 404)

    published = await published_event(client, city.headers, process["id"])
    problem(await client.delete(f"/staff/events/{published['id']}", headers=city.headers), 409)
    assert await staff_event(client, city.headers, published) == published


async def test_events_of_an_archived_process_cannot_be_changed(client, city):
    process = await published_process(client, city.headers)
    published = await published_event(client, city.headers, process["id"], title="Konferenz")
    draft = await new_event(client, city.headers, process["id"], title="Entwurf")
    assert (await client.post(f"/staff/processes/{process['id']}/archive", headers=city.headers)).status_code == 200
    before = [await staff_event(client, city.headers, e) for e in (published, draft)]

    problem(await client.post("/staff/events", json=event_body(process["id"]), headers=city.headers), 409)
    for event in (published, draft):
        url = f"/staff/events/{event['id']}"
        problem(await client.patch(url, json={"title": "Neu"}, headers=city.headers), 409)
        problem(await client.post(f"{url}/publish", headers=city.headers), 409)
        problem(await client.post(f"{url}/cancel", json={"reason": "x"}, headers=city.headers), 409)
        problem(await client.post(f"{url}/postpone", headers=city.headers), 409)
        problem(await client.delete(url, headers=city.headers), 409)

    assert [await staff_event(client, city.headers, e) for e in (published, draft)] == before
    assert len(await staff_events(client, city.headers)) == 2


# --- tenants -------------------------------------------------------------------------------------


async def test_another_citys_events_are_404_and_stay_unchanged(client, city, other_city):
    await published_process(client, city.headers)
    their_process = await published_process(client, other_city.headers)
    draft = await new_event(client, other_city.headers, their_process["id"], title="Entwurf")
    published = await published_event(client, other_city.headers, their_process["id"])
    before = [await staff_event(client, other_city.headers, e) for e in (draft, published)]

    for event in (draft, published):
        url = f"/staff/events/{event['id']}"
        problem(await client.get(url, headers=city.headers), 404)
        problem(await client.patch(url, json={"title": "Übernommen"}, headers=city.headers), 404)
        problem(await client.post(f"{url}/publish", headers=city.headers), 404)
        problem(await client.post(f"{url}/cancel", json={"reason": "x"}, headers=city.headers), 404)
        problem(await client.post(f"{url}/postpone", headers=city.headers), 404)
        problem(await client.delete(url, headers=city.headers), 404)
    response = await client.post("/staff/events", json=event_body(their_process["id"]), headers=city.headers)
    problem(response, 404)

    assert await staff_events(client, city.headers) == []
    filtered = await fetch(client, f"/staff/events?process_id={their_process['id']}", city.headers)
    assert filtered["items"] == []
    assert [await staff_event(client, other_city.headers, e) for e in (draft, published)] == before
