"""The audit log: every successful change through a staff route (and every export of personal data) is
recorded with who did what to which object, in the same transaction; refused requests leave no trace;
personal data never enters the log; only a city's admins read it, and only their city's."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEntry
from api.audit.service import REDACTED
from api.staff.models import StaffRole
from tests.access_helpers import api_key, staff_with_role
from tests.builders import (
    created,
    event_body,
    group_body,
    local,
    problem,
    process_body,
    published_event,
    published_group,
    published_process,
    walk,
)
from tests.signup_helpers import with_privacy_notice

# The people of these tests, and what staff wrote about them: none of it may reach the audit log.
HANS = {
    "full_name": "Hans Müller",
    "email": "hans.mueller@example.org",
    "phone": "0151 2345678",
    "affiliation": "Verein Brückenbauer",
}
FATMA = {"full_name": "Fatma Yılmaz", "email": "fatma.yilmaz@example.org", "phone": "0176 9876543"}
PERSONAL_STRINGS = (
    "Hans",
    "Müller",
    "hans.mueller",
    "2345678",
    "Brückenbauer",
    "Fatma",
    "Yılmaz",
    "fatma.yilmaz",
    "9876543",
    "Rollstuhl",  # an answer
    "umgezogen",  # a cancellation reason
    "Vereinsszene",  # a note
    "Referentin",  # an event's cancellation reason
    "Geheim-4711",  # the online passcode of builders.event_body
)


def by_phone(person: dict[str, str], **overrides: Any) -> dict[str, Any]:
    return {**person, "channel": "phone", "consent": {"privacy_notice_version": 1}, **overrides}


async def audit(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    return await walk(client, "/staff/audit", headers, params={k: v for k, v in params.items() if v is not None})


async def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json() if response.content and status != 204 else {}


async def audit_rows(app: Any) -> list[AuditEntry]:
    async with app.state.sessionmaker() as session:
        return list(await session.scalars(select(AuditEntry)))


async def audit_count(app: Any) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.fixture
async def process(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


# --- what is recorded ------------------------------------------------------------------------------------


async def test_create_update_publish_cancel_delete_are_recorded_with_who_and_what(client, city, db):
    h = city.headers
    process = await created(await client.post("/staff/processes", json=process_body(), headers=h))
    await ok(await client.patch(f"/staff/processes/{process['id']}", json={"title": "Neuer Titel"}, headers=h))
    await ok(await client.post(f"/staff/processes/{process['id']}/publish", headers=h))
    group = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=h))
    event = await created(await client.post("/staff/events", json=event_body(process["id"]), headers=h))
    await ok(await client.patch(f"/staff/events/{event['id']}", json={"capacity": 50}, headers=h))
    await ok(await client.post(f"/staff/events/{event['id']}/publish", headers=h))
    reason = {"reason": "Die Referentin ist krank."}
    await ok(await client.post(f"/staff/events/{event['id']}/cancel", json=reason, headers=h))
    draft = await created(await client.post("/staff/events", json=event_body(process["id"]), headers=h))
    await ok(await client.delete(f"/staff/events/{draft['id']}", headers=h), 204)

    entries = await audit(client, h)
    expected = [  # oldest first
        ("create_process", "process", process["id"]),
        ("update_process", "process", process["id"]),
        ("publish_process", "process", process["id"]),
        ("create_group", "group", group["id"]),
        ("create_event", "event", event["id"]),
        ("update_event", "event", event["id"]),
        ("publish_event", "event", event["id"]),
        ("cancel_event", "event", event["id"]),
        ("create_event", "event", draft["id"]),
        ("delete_event", "event", draft["id"]),
    ]
    assert [(e["action"], e["object_type"], e["object_id"]) for e in entries] == expected[::-1], "newest first"
    assert {(e["actor_type"], e["actor_id"]) for e in entries} == {("staff", str(city.admin.id))}

    changes = {(e["action"], e["object_id"]): e["changes"] for e in entries}
    created_process = changes["create_process", process["id"]]
    assert created_process["slug"] == "integrationskonzept"
    assert created_process["title"] == "Integrationskonzept Teststadt"
    assert created_process["contacts"] == REDACTED, "contact people are personal data"
    assert changes["update_process", process["id"]] == {"title": "Neuer Titel"}
    assert changes["publish_process", process["id"]] == {}
    assert changes["create_group", group["id"]]["capacity"] == 25
    assert changes["create_event", event["id"]]["online_access"] == REDACTED, "the passcode is a secret"
    assert changes["update_event", event["id"]] == {"capacity": 50}
    assert changes["cancel_event", event["id"]] == {"reason": REDACTED}
    assert changes["delete_event", draft["id"]] == {}
    # The instant is the server's, in the city's time zone.
    assert datetime.fromisoformat(entries[0]["at"]).utcoffset() is not None


async def test_work_with_people_is_recorded_without_their_personal_data(client, city, db, process):
    h = city.headers
    questions = [{"id": "hinweise", "label": "Was sollen wir wissen?", "kind": "text"}]
    event = await published_event(client, h, process["id"], capacity=1, waitlist_enabled=True, questions=questions)
    base = f"/staff/events/{event['id']}/registrations"
    hans = await created(
        await client.post(base, json=by_phone(HANS, answers={"hinweise": "Rollstuhl, bitte Rampe"}), headers=h)
    )
    fatma = await created(await client.post(base, json=by_phone(FATMA), headers=h))
    assert fatma["status"] == "waitlisted"
    await ok(await client.post(f"/staff/registrations/{hans['id']}/check-in", json={"attended": True}, headers=h))
    await ok(await client.post(f"/staff/registrations/{fatma['id']}/promote", json={"add_seat": True}, headers=h))
    reason = {"reason": "Frau Yılmaz ist umgezogen."}
    await ok(await client.post(f"/staff/registrations/{fatma['id']}/cancel", json=reason, headers=h))
    filters = {"q": "Hans", "status": "attended", "name": "Hans Müller", "x\u0000": "\u0000"}  # two unknown
    export = await client.get(f"{base}.csv", params=filters, headers=h)
    assert export.status_code == 200, export.text
    assert "Hans" in export.text, "the export itself does hold the data"

    group = await published_group(client, h, process["id"])
    body = by_phone(HANS, channel="staff", note="Hans kennt die Vereinsszene gut.")
    membership = await created(await client.post(f"/staff/groups/{group['id']}/memberships", json=body, headers=h))
    await ok(await client.patch(f"/staff/memberships/{membership['id']}", json={"role": "lead"}, headers=h))
    assert (await client.get(f"/staff/groups/{group['id']}/memberships.csv", headers=h)).status_code == 200

    entries = {(e["action"], e["object_id"]): e for e in await audit(client, h)}
    entered = entries["enter_registration", hans["id"]]
    assert entered["object_type"] == "registration"
    assert entered["changes"] == {
        "full_name": REDACTED,
        "email": REDACTED,
        "phone": REDACTED,
        "affiliation": REDACTED,
        "channel": "phone",
        "consent": {"privacy_notice_version": 1},
        "answers": REDACTED,
    }, "the fields are named, the person is not"
    assert entries["check_in_registration", hans["id"]]["changes"] == {"attended": True}
    assert entries["promote_registration", fatma["id"]]["changes"] == {"add_seat": True}
    assert entries["cancel_registration", fatma["id"]]["changes"] == {"reason": REDACTED}
    exported = entries["export_registrations", event["id"]]
    assert (exported["object_type"], exported["changes"]) == ("event", {"q": REDACTED, "status": "attended"})
    added = entries["add_membership", membership["id"]]
    assert (added["object_type"], added["changes"]["note"], added["changes"]["full_name"]) == (
        "membership",
        REDACTED,
        REDACTED,
    )
    assert entries["change_membership_role", membership["id"]]["changes"] == {"role": "lead"}
    assert entries["export_memberships", group["id"]]["object_type"] == "group"

    # Every row of the log, every column: no name, address, number, answer, note or reason of anyone.
    rows = await audit_rows(db)
    assert len(rows) >= 10
    for row in rows:
        text = json.dumps(
            {column.name: getattr(row, column.key) for column in AuditEntry.__table__.columns},
            default=str,
            ensure_ascii=False,
        )
        leaked = [s for s in PERSONAL_STRINGS if s.lower() in text.lower()]
        assert not leaked, f"personal data in the audit log ({row.action}): {leaked}"


async def test_changes_by_an_api_client_name_the_client_and_its_key_never_appears(client, city, db, process):
    cms, key_headers = await api_key(client, city, "events:manage")
    event = await published_event(client, city.headers, process["id"])
    await ok(await client.patch(f"/staff/events/{event['id']}", json={"capacity": 70}, headers=key_headers))
    rotated = await ok(await client.post(f"/staff/clients/{cms['id']}/rotate", headers=city.headers))
    await ok(await client.post(f"/staff/clients/{cms['id']}/revoke", headers=city.headers))

    entries = await audit(client, city.headers)
    by_action = {e["action"]: e for e in entries}
    assert (by_action["update_event"]["actor_type"], by_action["update_event"]["actor_id"]) == ("client", cms["id"])
    for action in ("create_client", "rotate_client", "revoke_client"):
        entry = by_action[action]
        assert (entry["object_type"], entry["object_id"], entry["actor_id"]) == (
            "client",
            cms["id"],
            str(city.admin.id),
        )
    assert by_action["create_client"]["changes"] == {"name": "Stadt-CMS", "scopes": ["events:manage"]}
    stored = json.dumps([e["changes"] for e in entries])
    assert cms["key"] not in stored
    assert rotated["key"] not in stored


# --- what is not recorded --------------------------------------------------------------------------------


async def test_refused_and_failed_requests_and_reads_record_nothing(client, city, other_city, db, process):
    event = await published_event(client, city.headers, process["id"])
    _, viewer = await staff_with_role(db, city, StaffRole.viewer)
    before = await audit_count(db)
    url = f"/staff/events/{event['id']}"

    problem(await client.patch(url, json={"capacity": 5}, headers=viewer), 403)  # role refused
    problem(await client.patch(url, json={"capacity": 5}, headers=other_city.headers), 404)  # another city
    problem(await client.patch(url, json={"capacity": 5}), 401)  # nobody
    problem(await client.delete(url, headers=city.headers), 409)  # a rule refused (published)
    # The service had applied the change to the event when its check refused it: nothing is kept or logged.
    problem(await client.patch(url, json={"ends_at": local(1, 10)}, headers=city.headers), 422, "ends_at")
    problem(await client.post(f"/staff/events/{uuid.uuid4()}/publish", headers=city.headers), 404)
    for path in (url, "/staff/events", "/staff/processes", f"/staff/events/{event['id']}/registrations"):
        await ok(await client.get(path, headers=city.headers))  # reads are not changes
    assert await audit_count(db) == before

    await ok(await client.patch(url, json={"capacity": 5}, headers=city.headers))
    assert await audit_count(db) == before + 1, "the same request, allowed, is recorded"


# --- who reads it ----------------------------------------------------------------------------------------


async def test_the_log_filters_by_actor_action_object_and_time_and_pages_newest_first(client, city, db, process):
    h = city.headers
    pm_id, pm = await staff_with_role(db, city, StaffRole.process_manager, process_id=process["id"])
    first = await published_event(client, h, process["id"])
    second = await published_event(client, pm, process["id"])
    for capacity in (10, 20, 30):
        await ok(await client.patch(f"/staff/events/{second['id']}", json={"capacity": capacity}, headers=pm))

    everything = await audit(client, h)
    instants = [datetime.fromisoformat(e["at"]) for e in everything]
    assert instants == sorted(instants, reverse=True), "newest first"
    assert len(await audit(client, h, limit=1)) == len(everything), "pages of one add up to the whole log"

    by_pm = await audit(client, h, actor_id=str(pm_id))
    assert [e["action"] for e in by_pm] == ["update_event"] * 3 + ["publish_event", "create_event"]
    assert all(e["actor_id"] == str(pm_id) for e in by_pm)
    assert {e["object_id"] for e in await audit(client, h, object_id=first["id"])} == {first["id"]}
    assert len(await audit(client, h, object_id=first["id"], action="publish_event")) == 1
    assert {e["object_type"] for e in await audit(client, h, object_type="event")} == {"event"}
    assert [e["changes"]["capacity"] for e in await audit(client, h, action="update_event")] == [30, 20, 10]

    # from is inclusive, to exclusive: split the log at one entry's instant.
    middle = everything[2]
    older = await audit(client, h, to=middle["at"])
    newer = await audit(client, h, **{"from": middle["at"]})
    assert [e["id"] for e in newer] + [e["id"] for e in older] == [e["id"] for e in everything]
    assert middle["id"] in [e["id"] for e in newer]
    later = (datetime.fromisoformat(everything[0]["at"]) + timedelta(seconds=1)).isoformat()
    assert await audit(client, h, **{"from": later}) == []
    problem(await client.get("/staff/audit", params={"from": "yesterday"}, headers=h), 422, "from")
    problem(await client.get("/staff/audit", params={"actor_id": "someone"}, headers=h), 422, "actor_id")


async def test_another_citys_admin_sees_none_of_it(client, city, other_city, db, process):
    event = await published_event(client, city.headers, process["id"])
    assert await audit(client, city.headers)
    assert await audit(client, other_city.headers) == []
    assert await audit(client, other_city.headers, object_id=event["id"]) == []
    assert await audit(client, other_city.headers, actor_id=str(city.admin.id)) == []
    # Their own changes are theirs alone.
    await ok(await client.patch("/staff/organization", json={"office_name": "Amt B"}, headers=other_city.headers))
    theirs = await audit(client, other_city.headers)
    assert [(e["action"], e["actor_id"]) for e in theirs] == [("update_own_organization", str(other_city.admin.id))]
    assert "update_own_organization" not in [e["action"] for e in await audit(client, city.headers)]


async def test_only_admins_read_the_log(client, city, db, process):
    group = await published_group(client, city.headers, process["id"])
    refused = [
        (await staff_with_role(db, city, StaffRole.viewer))[1],
        (await staff_with_role(db, city, StaffRole.process_manager, process_id=process["id"]))[1],
        (await staff_with_role(db, city, StaffRole.group_moderator, group_id=group["id"]))[1],
        (await api_key(client, city, "events:read", "events:manage", "registrations:read", "registrations:write"))[1],
    ]
    for headers in refused:
        problem(await client.get("/staff/audit", headers=headers), 403)
    problem(await client.get("/staff/audit"), 401)
    problem(await client.get("/staff/audit", headers={"Authorization": f"Bearer thk_{uuid.uuid4().hex}"}), 401)
    await ok(await client.get("/staff/audit", headers=city.headers))


async def test_text_the_database_cannot_hold_does_not_break_the_change(client, city, db):
    # A URL with a NUL passes validation (it is percent-encoded), but PostgreSQL cannot store a NUL in the
    # log's JSON: the log writes a replacement character, and the change itself goes through.
    changed = await client.patch(
        "/staff/organization", json={"website": "https://stadt.example/a\u0000b"}, headers=city.headers
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["website"] == "https://stadt.example/a%00b"
    [entry] = await audit(client, city.headers)
    assert entry["changes"] == {"website": "https://stadt.example/a\ufffdb"}


# --- who and what, in words ------------------------------------------------------------------------------


async def test_entries_name_the_actor_and_the_object_as_they_are_now(client, city, db, process):
    h = city.headers
    group = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=h))
    event = await published_event(client, h, process["id"], title="Auftakt")
    await ok(await client.patch(f"/staff/events/{event['id']}", json={"title": "Digitaler Auftakt"}, headers=h))
    draft = await created(await client.post("/staff/events", json=event_body(process["id"]), headers=h))
    await ok(await client.delete(f"/staff/events/{draft['id']}", headers=h), 204)
    hans = await created(
        await client.post(f"/staff/events/{event['id']}/registrations", json=by_phone(HANS), headers=h)
    )
    phase = await created(
        await client.post(
            f"/staff/processes/{process['id']}/phases",
            json={"name": "Bestandsaufnahme", "starts_on": process["starts_on"], "ends_on": process["starts_on"]},
            headers=h,
        )
    )

    entries = {(e["action"], e["object_id"]): e for e in await audit(client, h)}

    updated = entries["update_event", event["id"]]
    assert updated["actor_name"] == city.admin.full_name
    assert updated["object_title"] == "Digitaler Auftakt", "the title as it is now"
    assert entries["create_group", group["id"]]["object_title"] == group["name"]
    deleted = entries["delete_event", draft["id"]]
    assert (deleted["object_title"], deleted["parent_type"]) == (None, None), "gone: no title"
    entered = entries["enter_registration", hans["id"]]
    # An admin may read people: the person's name, and the event it belongs to for the link.
    assert (entered["object_title"], entered["parent_type"], entered["parent_id"]) == (
        HANS["full_name"],
        "event",
        event["id"],
    )
    created_phase = entries["create_phase", phase["id"]]
    assert (created_phase["object_title"], created_phase["parent_type"], created_phase["parent_id"]) == (
        "Bestandsaufnahme",
        "process",
        process["id"],
    )


async def test_an_api_client_is_named_by_its_name(client, city, db, process):
    _, cms = await api_key(client, city, "events:manage", name="CMS der Stadt")
    event = await published_event(client, city.headers, process["id"])
    changed = await client.patch(f"/staff/events/{event['id']}", json={"title": "Vom CMS"}, headers=cms)
    assert changed.status_code == 200, changed.text

    entries = await audit(client, city.headers, action="update_event")

    assert [(e["actor_type"], e["actor_name"], e["object_title"]) for e in entries] == [
        ("client", "CMS der Stadt", "Vom CMS")
    ]
