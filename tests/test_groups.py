"""Staff API for thematic groups (working groups, steering group, forums)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.builders import (
    BERLIN,
    created,
    fetch,
    group_body,
    problem,
    process_body,
    published_group,
    published_process,
    today,
    walk,
)


async def new_group(client, headers, process_id, **overrides):
    return await created(await client.post("/staff/groups", json=group_body(process_id, **overrides), headers=headers))


async def staff_groups(client, headers):
    return (await fetch(client, "/staff/groups?limit=100", headers))["items"]


async def test_created_group_is_a_draft_that_can_be_read_back(client, city):
    process = await published_process(client, city.headers)
    body = group_body(
        process["id"],
        description="Wir arbeiten an Kita und Schule.",
        wanted_composition=["administration", "civil_society"],
    )
    group = await created(await client.post("/staff/groups", json=body, headers=city.headers))
    assert group["status"] == "draft"
    assert group["published_at"] is None
    assert group["process_id"] == process["id"]
    for field in ("slug", "name", "kind", "field_of_action", "membership_mode", "capacity", "description"):
        assert group[field] == body[field], field
    assert group["wanted_composition"] == ["administration", "civil_society"]
    assert group["signup_open"] is False  # not published yet
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == group


async def test_signup_deadline_without_offset_is_read_in_berlin(client, city):
    process = await published_process(client, city.headers)
    group = await new_group(client, city.headers, process["id"], signup_deadline="2027-03-04T18:00:00")
    assert group["signup_deadline"] == "2027-03-04T18:00:00+01:00"
    response = await client.patch(
        f"/staff/groups/{group['id']}", json={"signup_deadline": "2027-07-01T12:00:00Z"}, headers=city.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["signup_deadline"] == "2027-07-01T14:00:00+02:00"


async def test_unknown_group_is_404(client, city):
    problem(await client.get(f"/staff/groups/{uuid.uuid4()}", headers=city.headers), 404)
    problem(await client.post("/staff/groups", json=group_body(str(uuid.uuid4())), headers=city.headers), 404)


async def test_list_walks_every_group_once_in_a_stable_order(client, city):
    process = await published_process(client, city.headers)
    other = await published_process(client, city.headers, slug="fortschreibung")
    names = ["AG 3", "AG 1", "AG 2", "AG 2", "AG 2"]  # equal names: the id breaks the tie
    made = [await new_group(client, city.headers, process["id"], slug=f"ag-{i}", name=n) for i, n in enumerate(names)]
    elsewhere = await new_group(client, city.headers, other["id"], name="AG 0")

    walked = await walk(client, "/staff/groups", city.headers, {"process_id": process["id"]})
    expected = sorted(made, key=lambda g: (g["name"], uuid.UUID(g["id"])))
    assert [g["id"] for g in walked] == [g["id"] for g in expected]
    again = await walk(client, "/staff/groups", city.headers, {"process_id": process["id"]})
    assert [g["id"] for g in again] == [g["id"] for g in walked]

    everything = await walk(client, "/staff/groups", city.headers)
    assert [g["id"] for g in everything] == [elsewhere["id"]] + [g["id"] for g in expected]


async def test_patch_changes_only_the_fields_sent(client, city):
    process = await published_process(client, city.headers)
    group = await new_group(client, city.headers, process["id"], description="Alt")
    response = await client.patch(
        f"/staff/groups/{group['id']}",
        json={"name": "AG Bildung und Sprache", "capacity": None, "signup_deadline": None},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["name"] == "AG Bildung und Sprache"
    assert changed["capacity"] is None  # unlimited
    assert changed["signup_deadline"] is None
    assert changed["places_left"] is None  # follows the capacity
    touched = {"name", "capacity", "places_left", "signup_deadline", "updated_at"}
    assert {k: v for k, v in changed.items() if k not in touched} == {
        k: v for k, v in group.items() if k not in touched
    }
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == changed


@pytest.mark.parametrize("field", ["slug", "name", "kind", "membership_mode"])
async def test_patch_null_on_a_required_field_is_refused(client, city, field):
    process = await published_process(client, city.headers)
    group = await new_group(client, city.headers, process["id"])
    problem(await client.patch(f"/staff/groups/{group['id']}", json={field: None}, headers=city.headers), 422, field)
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == group


@pytest.mark.parametrize("capacity", [0, -5])
async def test_capacity_must_be_at_least_one(client, city, capacity):
    process = await published_process(client, city.headers)
    response = await client.post(
        "/staff/groups", json=group_body(process["id"], capacity=capacity), headers=city.headers
    )
    problem(response, 422, "capacity")
    assert await staff_groups(client, city.headers) == []

    group = await new_group(client, city.headers, process["id"], capacity=1)
    response = await client.patch(f"/staff/groups/{group['id']}", json={"capacity": capacity}, headers=city.headers)
    problem(response, 422, "capacity")
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == group


async def test_signup_deadline_must_lie_before_the_process_ends(client, city):
    end = today() + timedelta(days=100)
    process = await published_process(client, city.headers, ends_on=end.isoformat())
    next_day = end + timedelta(days=1)
    # 00:30 in Berlin the day after the end; in UTC it is still the last day.
    just_after = datetime(next_day.year, next_day.month, next_day.day, 0, 30, tzinfo=BERLIN).astimezone(UTC)
    assert just_after.date() == end

    for late in (just_after.isoformat(), f"{next_day.isoformat()}T00:01:00", f"{end.isoformat()}T23:59:59-11:00"):
        body = group_body(process["id"], signup_deadline=late)
        problem(await client.post("/staff/groups", json=body, headers=city.headers), 422, "signup_deadline")
    assert await staff_groups(client, city.headers) == []

    group = await new_group(client, city.headers, process["id"], signup_deadline=f"{end.isoformat()}T23:59:00")
    assert group["signup_deadline"].startswith(f"{end.isoformat()}T23:59:00+")
    response = await client.patch(
        f"/staff/groups/{group['id']}", json={"signup_deadline": just_after.isoformat()}, headers=city.headers
    )
    problem(response, 422, "signup_deadline")
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == group


async def test_duplicate_slug_in_the_same_process_is_a_conflict(client, city):
    process = await published_process(client, city.headers)
    other = await published_process(client, city.headers, slug="fortschreibung")
    first = await new_group(client, city.headers, process["id"])
    problem(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers), 409, "slug")
    await new_group(client, city.headers, other["id"])  # another process may use it

    second = await new_group(client, city.headers, process["id"], slug="ag-arbeit")
    problem(
        await client.patch(f"/staff/groups/{second['id']}", json={"slug": first["slug"]}, headers=city.headers),
        409,
        "slug",
    )
    assert await fetch(client, f"/staff/groups/{second['id']}", city.headers) == second
    assert len(await staff_groups(client, city.headers)) == 3


async def test_a_group_is_published_only_after_its_process(client, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    group = await new_group(client, city.headers, process["id"])
    problem(await client.post(f"/staff/groups/{group['id']}/publish", headers=city.headers), 409)
    assert await fetch(client, f"/staff/groups/{group['id']}", city.headers) == group

    assert (await client.post(f"/staff/processes/{process['id']}/publish", headers=city.headers)).status_code == 200
    response = await client.post(f"/staff/groups/{group['id']}/publish", headers=city.headers)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None
    assert response.json()["signup_open"] is True
    public = await fetch(client, f"/orgs/{city.slug}/groups/{group['id']}")
    assert public["name"] == group["name"]


async def test_only_draft_groups_can_be_deleted(client, city):
    process = await published_process(client, city.headers)
    draft = await new_group(client, city.headers, process["id"], slug="entwurf")
    response = await client.delete(f"/staff/groups/{draft['id']}", headers=city.headers)
    assert response.status_code == 204, response.text
    problem(await client.get(f"/staff/groups/{draft['id']}", headers=city.headers), 404)

    published = await published_group(client, city.headers, process["id"])
    problem(await client.delete(f"/staff/groups/{published['id']}", headers=city.headers), 409)
    assert await fetch(client, f"/staff/groups/{published['id']}", city.headers) == published


async def test_groups_of_an_archived_process_cannot_be_changed(client, city):
    process = await published_process(client, city.headers)
    published = await published_group(client, city.headers, process["id"])
    draft = await new_group(client, city.headers, process["id"], slug="entwurf")
    assert (await client.post(f"/staff/processes/{process['id']}/archive", headers=city.headers)).status_code == 200
    before = [await fetch(client, f"/staff/groups/{g['id']}", city.headers) for g in (published, draft)]

    problem(await client.post("/staff/groups", json=group_body(process["id"], slug="neu"), headers=city.headers), 409)
    for group in (published, draft):
        url = f"/staff/groups/{group['id']}"
        problem(await client.patch(url, json={"name": "Neu"}, headers=city.headers), 409)
        problem(await client.post(f"{url}/publish", headers=city.headers), 409)
        problem(await client.delete(url, headers=city.headers), 409)

    assert [await fetch(client, f"/staff/groups/{g['id']}", city.headers) for g in (published, draft)] == before
    assert len(await staff_groups(client, city.headers)) == 2


async def test_another_citys_groups_are_404_and_stay_unchanged(client, city, other_city):
    mine = await published_process(client, city.headers)
    theirs_process = await published_process(client, other_city.headers)
    draft = await new_group(client, other_city.headers, theirs_process["id"], slug="entwurf")
    published = await published_group(client, other_city.headers, theirs_process["id"])
    before = [await fetch(client, f"/staff/groups/{g['id']}", other_city.headers) for g in (draft, published)]

    for group in (draft, published):
        url = f"/staff/groups/{group['id']}"
        problem(await client.get(url, headers=city.headers), 404)
        problem(await client.patch(url, json={"name": "Übernommen"}, headers=city.headers), 404)
        problem(await client.post(f"{url}/publish", headers=city.headers), 404)
        problem(await client.delete(url, headers=city.headers), 404)
    # Nor can a group be put into another city's process.
    response = await client.post("/staff/groups", json=group_body(theirs_process["id"]), headers=city.headers)
    problem(response, 404)

    assert await staff_groups(client, city.headers) == []
    filtered = await fetch(client, f"/staff/groups?process_id={theirs_process['id']}", city.headers)
    assert filtered["items"] == []
    assert [await fetch(client, f"/staff/groups/{g['id']}", other_city.headers) for g in (draft, published)] == before
    assert len(await staff_groups(client, other_city.headers)) == 2
    assert mine["id"] != theirs_process["id"]
