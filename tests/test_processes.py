"""Staff API for participation processes and their phases."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.builders import (
    created,
    fetch,
    problem,
    process_body,
    published_process,
    today,
    walk,
)


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


async def new_process(client, headers, **overrides):
    return await created(await client.post("/staff/processes", json=process_body(**overrides), headers=headers))


async def new_phase(client, headers, process_id, name="Bestandsaufnahme", starts=-10, ends=30):
    body = {"name": name, "starts_on": day(starts), "ends_on": day(ends)}
    return await created(await client.post(f"/staff/processes/{process_id}/phases", json=body, headers=headers))


async def staff_processes(client, headers):
    return (await fetch(client, "/staff/processes?limit=100", headers))["items"]


# --- create, get, list ---------------------------------------------------------------------------


async def test_created_process_is_a_draft_that_can_be_read_back(client, city):
    body = process_body(
        description="Langer Text",
        funding_note="Gefördert vom Land",
        moderating_partner="Institut für Partizipation",
        links=[{"title": "Ratsbeschluss", "url": "https://teststadt.example/rat"}],
    )
    response = await client.post("/staff/processes", json=body, headers=city.headers)
    process = await created(response)
    assert process["status"] == "draft"
    assert process["published_at"] is None
    assert process["phases"] == []
    assert process["concept_kind"] == "first"
    assert process["previous_concept_year"] is None
    for field in ("slug", "title", "summary", "starts_on", "ends_on", "guiding_principles", "fields_of_action"):
        assert process[field] == body[field], field
    assert process["description"] == "Langer Text"
    assert process["moderating_partner"] == "Institut für Partizipation"
    assert process["contacts"][0]["name"] == "Amt für Integration"
    assert process["links"] == [{"title": "Ratsbeschluss", "url": "https://teststadt.example/rat"}]
    assert await fetch(client, f"/staff/processes/{process['id']}", city.headers) == process


async def test_unknown_process_is_404(client, city):
    problem(await client.get(f"/staff/processes/{uuid.uuid4()}", headers=city.headers), 404)


async def test_staff_routes_need_a_token(client, city):
    problem(await client.get("/staff/processes"), 401)
    problem(await client.post("/staff/processes", json=process_body()), 401)
    assert await staff_processes(client, city.headers) == []


async def test_list_walks_every_process_once_in_a_stable_order(client, city):
    starts = [-40, -10, -10, -10, 5]  # three share a start day: the id breaks the tie
    made = [
        await new_process(client, city.headers, slug=f"prozess-{i}", starts_on=day(s)) for i, s in enumerate(starts)
    ]
    walked = await walk(client, "/staff/processes", city.headers)
    assert sorted(p["id"] for p in walked) == sorted(p["id"] for p in made)
    # Newest first: by start day, descending; the same day by id, descending.
    expected = sorted(made, key=lambda p: (p["starts_on"], uuid.UUID(p["id"])), reverse=True)
    assert [p["id"] for p in walked] == [p["id"] for p in expected]
    assert [p["id"] for p in await walk(client, "/staff/processes", city.headers)] == [p["id"] for p in walked]
    assert [p["id"] for p in await staff_processes(client, city.headers)] == [p["id"] for p in walked]


async def test_list_filters_by_status(client, city):
    draft = await new_process(client, city.headers, slug="entwurf")
    published = await published_process(client, city.headers, slug="laufend")
    drafts = await fetch(client, "/staff/processes?status=draft", city.headers)
    assert [p["id"] for p in drafts["items"]] == [draft["id"]]
    live = await fetch(client, "/staff/processes?status=published", city.headers)
    assert [p["id"] for p in live["items"]] == [published["id"]]


async def test_a_bad_cursor_is_a_422(client, city):
    problem(await client.get("/staff/processes?cursor=not-a-cursor", headers=city.headers), 422, "cursor")


# --- PATCH ---------------------------------------------------------------------------------------


async def test_patch_changes_only_the_fields_sent(client, city):
    process = await new_process(client, city.headers, description="Alt")
    response = await client.patch(
        f"/staff/processes/{process['id']}",
        json={"title": "Integrationskonzept 2030", "description": None, "fields_of_action": None},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["title"] == "Integrationskonzept 2030"
    assert changed["description"] is None
    assert changed["fields_of_action"] == []
    untouched = {"title", "description", "fields_of_action", "updated_at"}
    assert {k: v for k, v in changed.items() if k not in untouched} == {
        k: v for k, v in process.items() if k not in untouched
    }
    assert await fetch(client, f"/staff/processes/{process['id']}", city.headers) == changed


@pytest.mark.parametrize("field", ["slug", "title", "concept_kind", "starts_on", "ends_on"])
async def test_patch_null_on_a_required_field_is_refused(client, city, field):
    process = await new_process(client, city.headers)
    response = await client.patch(f"/staff/processes/{process['id']}", json={field: None}, headers=city.headers)
    problem(response, 422, field)
    assert await fetch(client, f"/staff/processes/{process['id']}", city.headers) == process


async def test_patch_refuses_unknown_fields(client, city):
    process = await new_process(client, city.headers)
    response = await client.patch(
        f"/staff/processes/{process['id']}", json={"status": "archived"}, headers=city.headers
    )
    problem(response, 422, "status")
    assert await fetch(client, f"/staff/processes/{process['id']}", city.headers) == process


# --- time frame and concept kind -----------------------------------------------------------------


async def test_process_cannot_end_before_it_starts(client, city):
    response = await client.post(
        "/staff/processes", json=process_body(starts_on=day(10), ends_on=day(9)), headers=city.headers
    )
    problem(response, 422, "ends_on")
    assert await staff_processes(client, city.headers) == []

    one_day = await new_process(client, city.headers, starts_on=day(10), ends_on=day(10))
    assert one_day["starts_on"] == one_day["ends_on"]

    response = await client.patch(f"/staff/processes/{one_day['id']}", json={"ends_on": day(9)}, headers=city.headers)
    problem(response, 422, "ends_on")
    response = await client.patch(
        f"/staff/processes/{one_day['id']}", json={"starts_on": day(11)}, headers=city.headers
    )
    problem(response, 422, "ends_on")
    assert await fetch(client, f"/staff/processes/{one_day['id']}", city.headers) == one_day


async def test_an_update_needs_the_year_of_the_previous_concept(client, city):
    response = await client.post("/staff/processes", json=process_body(concept_kind="update"), headers=city.headers)
    problem(response, 422, "previous_concept_year")
    response = await client.post(
        "/staff/processes", json=process_body(previous_concept_year=2012), headers=city.headers
    )
    problem(response, 422, "previous_concept_year")
    assert await staff_processes(client, city.headers) == []

    update = await new_process(client, city.headers, concept_kind="update", previous_concept_year=2012)
    assert (update["concept_kind"], update["previous_concept_year"]) == ("update", 2012)

    # Switching kind without fixing the year is refused both ways.
    response = await client.patch(
        f"/staff/processes/{update['id']}", json={"concept_kind": "first"}, headers=city.headers
    )
    problem(response, 422, "previous_concept_year")
    response = await client.patch(
        f"/staff/processes/{update['id']}", json={"previous_concept_year": None}, headers=city.headers
    )
    problem(response, 422, "previous_concept_year")
    assert await fetch(client, f"/staff/processes/{update['id']}", city.headers) == update

    first = await new_process(client, city.headers, slug="erstes-konzept")
    response = await client.patch(
        f"/staff/processes/{first['id']}", json={"concept_kind": "update"}, headers=city.headers
    )
    problem(response, 422, "previous_concept_year")
    assert await fetch(client, f"/staff/processes/{first['id']}", city.headers) == first

    response = await client.patch(
        f"/staff/processes/{update['id']}",
        json={"concept_kind": "first", "previous_concept_year": None},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["concept_kind"], response.json()["previous_concept_year"]) == ("first", None)


async def test_duplicate_slug_in_the_same_city_is_a_conflict(client, city, other_city):
    first = await new_process(client, city.headers)
    problem(await client.post("/staff/processes", json=process_body(), headers=city.headers), 409, "slug")
    assert [p["id"] for p in await staff_processes(client, city.headers)] == [first["id"]]

    # Another city may use the same slug.
    elsewhere = await new_process(client, other_city.headers)
    assert elsewhere["slug"] == first["slug"]

    second = await new_process(client, city.headers, slug="fortschreibung")
    response = await client.patch(
        f"/staff/processes/{second['id']}", json={"slug": first["slug"]}, headers=city.headers
    )
    problem(response, 409, "slug")
    assert await fetch(client, f"/staff/processes/{second['id']}", city.headers) == second


# --- publish, archive, delete --------------------------------------------------------------------


async def test_publish_makes_a_draft_public(client, city):
    process = await new_process(client, city.headers)
    problem(await client.get(f"/orgs/{city.slug}/processes/{process['slug']}"), 404)
    response = await client.post(f"/staff/processes/{process['id']}/publish", headers=city.headers)
    assert response.status_code == 200, response.text
    published = response.json()
    assert published["status"] == "published"
    assert published["published_at"] is not None
    public = await fetch(client, f"/orgs/{city.slug}/processes/{process['slug']}")
    assert public["id"] == process["id"]
    # Publishing twice changes nothing.
    again = await client.post(f"/staff/processes/{process['id']}/publish", headers=city.headers)
    assert again.json()["published_at"] == published["published_at"]


async def test_a_draft_cannot_be_archived(client, city):
    process = await new_process(client, city.headers)
    problem(await client.post(f"/staff/processes/{process['id']}/archive", headers=city.headers), 409)
    assert await fetch(client, f"/staff/processes/{process['id']}", city.headers) == process


async def test_an_archived_process_and_its_phases_cannot_be_changed(client, city):
    process = await published_process(client, city.headers)
    phase = await new_phase(client, city.headers, process["id"])
    response = await client.post(f"/staff/processes/{process['id']}/archive", headers=city.headers)
    assert response.status_code == 200, response.text
    archived = response.json()
    assert archived["status"] == "archived"
    url = f"/staff/processes/{process['id']}"

    problem(await client.patch(url, json={"title": "Neu"}, headers=city.headers), 409)
    problem(await client.post(f"{url}/publish", headers=city.headers), 409)
    problem(await client.delete(url, headers=city.headers), 409)
    body = {"name": "Neue Phase", "starts_on": day(40), "ends_on": day(50)}
    problem(await client.post(f"{url}/phases", json=body, headers=city.headers), 409)
    problem(await client.patch(f"/staff/phases/{phase['id']}", json={"name": "Neu"}, headers=city.headers), 409)
    problem(await client.delete(f"/staff/phases/{phase['id']}", headers=city.headers), 409)

    assert await fetch(client, url, city.headers) == archived
    assert [p["name"] for p in archived["phases"]] == ["Bestandsaufnahme"]


async def test_only_drafts_can_be_deleted(client, city):
    draft = await new_process(client, city.headers, slug="entwurf")
    await new_phase(client, city.headers, draft["id"])
    response = await client.delete(f"/staff/processes/{draft['id']}", headers=city.headers)
    assert response.status_code == 204, response.text
    problem(await client.get(f"/staff/processes/{draft['id']}", headers=city.headers), 404)

    published = await published_process(client, city.headers)
    problem(await client.delete(f"/staff/processes/{published['id']}", headers=city.headers), 409)
    assert await fetch(client, f"/staff/processes/{published['id']}", city.headers) == published


# --- phases --------------------------------------------------------------------------------------


async def test_phases_are_added_changed_and_removed(client, city):
    process = await new_process(client, city.headers)
    later = await new_phase(client, city.headers, process["id"], name="Konferenz", starts=100, ends=120)
    earlier = await new_phase(client, city.headers, process["id"], name="Bestandsaufnahme", starts=-30, ends=99)
    assert later["name"] == "Konferenz"
    assert (later["starts_on"], later["ends_on"]) == (day(100), day(120))

    phases = (await fetch(client, f"/staff/processes/{process['id']}", city.headers))["phases"]
    assert [p["id"] for p in phases] == [earlier["id"], later["id"]]  # in time order

    response = await client.patch(
        f"/staff/phases/{later['id']}", json={"description": "Große Konferenz im Rathaus"}, headers=city.headers
    )
    assert response.status_code == 200, response.text
    assert response.json() == {**later, "description": "Große Konferenz im Rathaus"}

    response = await client.delete(f"/staff/phases/{earlier['id']}", headers=city.headers)
    assert response.status_code == 204, response.text
    phases = (await fetch(client, f"/staff/processes/{process['id']}", city.headers))["phases"]
    assert [p["id"] for p in phases] == [later["id"]]
    problem(await client.patch(f"/staff/phases/{earlier['id']}", json={"name": "x"}, headers=city.headers), 404)


async def test_a_phase_must_lie_within_the_process(client, city):
    process = await new_process(client, city.headers, starts_on=day(0), ends_on=day(100))
    url = f"/staff/processes/{process['id']}/phases"
    cases = [
        ({"name": "Zu früh", "starts_on": day(-1), "ends_on": day(10)}, "starts_on"),
        ({"name": "Zu spät", "starts_on": day(90), "ends_on": day(101)}, "ends_on"),
        ({"name": "Rückwärts", "starts_on": day(20), "ends_on": day(19)}, "ends_on"),
    ]
    for body, field in cases:
        problem(await client.post(url, json=body, headers=city.headers), 422, field)
    assert (await fetch(client, f"/staff/processes/{process['id']}", city.headers))["phases"] == []

    whole = await created(
        await client.post(url, json={"name": "Ganz", "starts_on": day(0), "ends_on": day(100)}, headers=city.headers)
    )
    phase_url = f"/staff/phases/{whole['id']}"
    problem(await client.patch(phase_url, json={"starts_on": day(-1)}, headers=city.headers), 422, "starts_on")
    problem(await client.patch(phase_url, json={"ends_on": day(101)}, headers=city.headers), 422, "ends_on")
    problem(await client.patch(phase_url, json={"ends_on": day(-5)}, headers=city.headers), 422, "ends_on")
    for field in ("name", "starts_on", "ends_on"):
        problem(await client.patch(phase_url, json={field: None}, headers=city.headers), 422, field)
    phases = (await fetch(client, f"/staff/processes/{process['id']}", city.headers))["phases"]
    assert [(p["name"], p["starts_on"], p["ends_on"]) for p in phases] == [("Ganz", day(0), day(100))]


async def test_phases_do_not_overlap(client, city):
    process = await new_process(client, city.headers, starts_on=day(0), ends_on=day(100))
    first = await new_phase(client, city.headers, process["id"], name="Erste", starts=10, ends=40)
    url = f"/staff/processes/{process['id']}/phases"
    cases = [
        ({"name": "Beginnt darin", "starts_on": day(40), "ends_on": day(50)}, "starts_on"),
        ({"name": "Endet darin", "starts_on": day(0), "ends_on": day(10)}, "ends_on"),
        ({"name": "Umfasst sie", "starts_on": day(5), "ends_on": day(60)}, "ends_on"),
        ({"name": "Liegt darin", "starts_on": day(20), "ends_on": day(30)}, "starts_on"),
    ]
    for body, field in cases:
        problem(await client.post(url, json=body, headers=city.headers), 422, field)
    second = await new_phase(client, city.headers, process["id"], name="Zweite", starts=41, ends=60)

    # Changing a phase into its neighbour is refused too; changing it within its own days is fine.
    response = await client.patch(f"/staff/phases/{second['id']}", json={"starts_on": day(40)}, headers=city.headers)
    problem(response, 422, "starts_on")
    response = await client.patch(f"/staff/phases/{first['id']}", json={"starts_on": day(11)}, headers=city.headers)
    assert response.status_code == 200, response.text
    phases = (await fetch(client, f"/staff/processes/{process['id']}", city.headers))["phases"]
    assert [(p["name"], p["starts_on"], p["ends_on"]) for p in phases] == [
        ("Erste", day(11), day(40)),
        ("Zweite", day(41), day(60)),
    ]


async def test_process_dates_cannot_leave_a_phase_outside(client, city):
    process = await new_process(client, city.headers, starts_on=day(0), ends_on=day(100))
    await new_phase(client, city.headers, process["id"], starts=10, ends=90)
    process = await fetch(client, f"/staff/processes/{process['id']}", city.headers)
    url = f"/staff/processes/{process['id']}"
    problem(await client.patch(url, json={"starts_on": day(11)}, headers=city.headers), 422, "starts_on")
    problem(await client.patch(url, json={"ends_on": day(89)}, headers=city.headers), 422, "ends_on")
    assert await fetch(client, url, city.headers) == process

    response = await client.patch(url, json={"starts_on": day(10), "ends_on": day(90)}, headers=city.headers)
    assert response.status_code == 200, response.text


async def test_process_end_cannot_move_before_a_group_deadline(client, city):
    process = await new_process(client, city.headers, starts_on=day(0), ends_on=day(100))
    group = {
        "process_id": process["id"],
        "slug": "ag-arbeit",
        "name": "AG Arbeit",
        "signup_deadline": f"{day(50)}T12:00:00",
    }
    await created(await client.post("/staff/groups", json=group, headers=city.headers))
    url = f"/staff/processes/{process['id']}"
    problem(await client.patch(url, json={"ends_on": day(49)}, headers=city.headers), 422, "ends_on")
    assert (await fetch(client, url, city.headers))["ends_on"] == day(100)
    response = await client.patch(url, json={"ends_on": day(50)}, headers=city.headers)
    assert response.status_code == 200, response.text


async def test_null_lists_mean_none(client, city):
    body = process_body(contacts=None, links=None, guiding_principles=None, fields_of_action=None)
    process = await created(await client.post("/staff/processes", json=body, headers=city.headers))
    assert [process[k] for k in ("contacts", "links", "guiding_principles", "fields_of_action")] == [[], [], [], []]
    url = f"/staff/processes/{process['id']}"
    patched = await client.patch(url, json={"contacts": None}, headers=city.headers)
    assert patched.status_code == 200
    assert patched.json()["contacts"] == []


async def test_unknown_phase_is_404(client, city):
    problem(await client.patch(f"/staff/phases/{uuid.uuid4()}", json={"name": "x"}, headers=city.headers), 404)
    problem(await client.delete(f"/staff/phases/{uuid.uuid4()}", headers=city.headers), 404)
    body = {"name": "x", "starts_on": day(0), "ends_on": day(1)}
    problem(await client.post(f"/staff/processes/{uuid.uuid4()}/phases", json=body, headers=city.headers), 404)


# --- tenants -------------------------------------------------------------------------------------


async def test_another_citys_process_and_phases_are_404_and_stay_unchanged(client, city, other_city):
    theirs_draft = await new_process(client, other_city.headers, slug="entwurf")
    theirs = await published_process(client, other_city.headers)
    phase = await new_phase(client, other_city.headers, theirs["id"])
    before = [await fetch(client, f"/staff/processes/{p['id']}", other_city.headers) for p in (theirs_draft, theirs)]

    for process in (theirs_draft, theirs):
        url = f"/staff/processes/{process['id']}"
        problem(await client.get(url, headers=city.headers), 404)
        problem(await client.patch(url, json={"title": "Übernommen"}, headers=city.headers), 404)
        problem(await client.post(f"{url}/publish", headers=city.headers), 404)
        problem(await client.post(f"{url}/archive", headers=city.headers), 404)
        problem(await client.delete(url, headers=city.headers), 404)
        body = {"name": "Fremd", "starts_on": day(0), "ends_on": day(1)}
        problem(await client.post(f"{url}/phases", json=body, headers=city.headers), 404)
    problem(await client.patch(f"/staff/phases/{phase['id']}", json={"name": "Fremd"}, headers=city.headers), 404)
    problem(await client.delete(f"/staff/phases/{phase['id']}", headers=city.headers), 404)

    assert await staff_processes(client, city.headers) == []
    after = [await fetch(client, f"/staff/processes/{p['id']}", other_city.headers) for p in (theirs_draft, theirs)]
    assert after == before
