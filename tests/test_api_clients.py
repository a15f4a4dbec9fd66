"""API clients: a city's systems (a CMS, an app) get a scoped key, shown once and stored hashed; it can be
rotated and revoked at once; it does only what its scopes allow, and only in its own city."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.authz import Scope
from api.registrations.models import Registration
from api.security import hash_secret_token
from api.staff.models import ApiClient, StaffRole
from tests.access_helpers import api_key, staff_with_role
from tests.builders import fetch, problem, published_event, published_process
from tests.signup_helpers import with_privacy_notice

ALL_SCOPES = [str(scope) for scope in Scope]


def by_phone(full_name: str = "Hans Müller", **overrides: Any) -> dict[str, Any]:
    return {"full_name": full_name, "phone": "0151 2345678", "consent": {"privacy_notice_version": 1}, **overrides}


async def stored_client(app: Any, client_id: str) -> ApiClient:
    async with app.state.sessionmaker() as session:
        return await session.get_one(ApiClient, uuid.UUID(client_id))


@pytest.fixture
async def event(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    return await published_event(client, city.headers, process["id"])


async def test_a_cms_reads_events_and_enters_registrations_until_its_key_is_revoked(client, city, db, event):
    response = await client.post(
        "/staff/clients",
        json={"name": "Stadt-CMS", "scopes": ["events:read", "registrations:write"]},
        headers=city.headers,
    )
    assert response.status_code == 201, response.text
    cms = response.json()
    key = cms["key"]
    assert key.startswith("thk_")
    assert len(key) > 40
    assert cms["key_hint"] == key[:8]
    assert cms["scopes"] == ["events:read", "registrations:write"]
    assert (cms["name"], cms["created_by_id"], cms["last_used_at"], cms["revoked_at"]) == (
        "Stadt-CMS",
        str(city.admin.id),
        None,
        None,
    )
    # Only the hash is kept; nothing stored would let anyone use the key.
    row = await stored_client(db, cms["id"])
    assert row.key_hash == hash_secret_token(key)
    assert all(key not in str(getattr(row, c.key)) for c in ApiClient.__table__.columns)
    cms_headers = {"Authorization": f"Bearer {key}"}

    events = await fetch(client, "/staff/events", cms_headers)
    assert [e["id"] for e in events["items"]] == [event["id"]]
    entered = await client.post(f"/staff/events/{event['id']}/registrations", json=by_phone(), headers=cms_headers)
    assert entered.status_code == 201, entered.text
    assert (entered.json()["status"], entered.json()["created_by_id"]) == ("confirmed", None), "no staff member did it"
    async with db.state.sessionmaker() as session:
        assert await session.scalar(select(Registration.id).where(Registration.id == uuid.UUID(entered.json()["id"])))

    # Admins see the client and when it was last used, never its key.
    seen = await client.get(f"/staff/clients/{cms['id']}", headers=city.headers)
    listed = await client.get("/staff/clients", headers=city.headers)
    for answer in (seen, listed):
        assert answer.status_code == 200, answer.text
        for secret in (key, '"key"', "key_hash"):
            assert secret not in answer.text
    assert seen.json()["last_used_at"] is not None
    assert [c["id"] for c in listed.json()["items"]] == [cms["id"]]

    revoked = await client.post(f"/staff/clients/{cms['id']}/revoke", headers=city.headers)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    problem(await client.get("/staff/events", headers=cms_headers), 401)
    problem(await client.post(f"/staff/events/{event['id']}/registrations", json=by_phone(), headers=cms_headers), 401)
    problem(await client.get("/me", headers=cms_headers), 401)
    again = await client.post(f"/staff/clients/{cms['id']}/revoke", headers=city.headers)
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"], "revoking twice keeps the first instant"
    problem(await client.post(f"/staff/clients/{cms['id']}/rotate", headers=city.headers), 409)
    problem(await client.get("/staff/events", headers=cms_headers), 401)


async def test_rotation_shows_a_new_key_once_and_the_old_one_stops_at_once(client, city, db, event):
    cms, old_headers = await api_key(client, city, "events:read")
    await fetch(client, "/staff/events", old_headers)
    response = await client.post(f"/staff/clients/{cms['id']}/rotate", headers=city.headers)
    assert response.status_code == 200, response.text
    rotated = response.json()
    assert rotated["id"] == cms["id"]
    assert rotated["key"].startswith("thk_")
    assert rotated["key"] != cms["key"]
    assert rotated["key_hint"] == rotated["key"][:8]
    assert rotated["rotated_at"] is not None
    assert (await stored_client(db, cms["id"])).key_hash == hash_secret_token(rotated["key"])

    problem(await client.get("/staff/events", headers=old_headers), 401)
    await fetch(client, "/staff/events", {"Authorization": f"Bearer {rotated['key']}"})
    assert "key" not in await fetch(client, f"/staff/clients/{cms['id']}", city.headers)


async def test_a_key_does_only_what_its_scopes_allow(client, city, db, event):
    _, reader = await api_key(client, city, "events:read")
    await fetch(client, f"/staff/events/{event['id']}", reader)
    registrations = f"/staff/events/{event['id']}/registrations"
    problem(await client.post(registrations, json=by_phone(), headers=reader), 403)
    problem(await client.get(registrations, headers=reader), 403)
    problem(await client.get(f"{registrations}.csv", headers=reader), 403)
    problem(await client.patch(f"/staff/events/{event['id']}", json={"capacity": 5}, headers=reader), 403)

    _, writer = await api_key(client, city, "registrations:write")
    assert (await client.post(registrations, json=by_phone(), headers=writer)).status_code == 201
    problem(await client.get(f"{registrations}.csv", headers=writer), 403)
    problem(await client.patch(f"/staff/events/{event['id']}", json={"capacity": 5}, headers=writer), 403)

    # No scope reaches what only staff do: keys, the audit log, staff, settings.
    _, everything = await api_key(client, city, *ALL_SCOPES)
    for method, path in (("GET", "/staff/clients"), ("GET", "/staff/audit"), ("GET", "/staff/participants")):
        problem(await client.request(method, path, headers=everything), 403)
    problem(await client.post("/staff/clients", json={"name": "x", "scopes": ["events:read"]}, headers=everything), 403)
    problem(await client.patch("/staff/organization", json={"name": "Y"}, headers=everything), 403)
    me = await fetch(client, "/me", everything)
    assert me["user"] is None
    assert me["client"]["scopes"] == ALL_SCOPES
    assert "clients:manage" not in me["permissions"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "CMS", "scopes": ["events:delete"]}, "scopes.0"),
        ({"name": "CMS", "scopes": ["admin"]}, "scopes.0"),
        ({"name": "CMS", "scopes": []}, "scopes"),
        ({"name": "CMS", "scopes": ["events:read", "events:read"]}, "scopes"),
        ({"name": "CMS", "scopes": "events:read"}, "scopes"),
        ({"name": " ", "scopes": ["events:read"]}, "name"),
        ({"scopes": ["events:read"]}, "name"),
        ({"name": "CMS", "scopes": ["events:read"], "key": "thk_mine"}, "key"),
    ],
)
async def test_scopes_and_name_are_checked(client, city, db, body, field):
    problem(await client.post("/staff/clients", json=body, headers=city.headers), 422, field)
    assert (await fetch(client, "/staff/clients", city.headers))["items"] == []


async def test_another_citys_key_and_admin_see_nothing_of_this_city(client, city, other_city, db, event):
    ours, _ = await api_key(client, city, *ALL_SCOPES)
    entered = await client.post(f"/staff/events/{event['id']}/registrations", json=by_phone(), headers=city.headers)
    registration_id = entered.json()["id"]
    _, foreign = await api_key(client, other_city, *ALL_SCOPES)

    for path in (
        f"/staff/events/{event['id']}",
        f"/staff/events/{event['id']}/registrations",
        f"/staff/events/{event['id']}/registrations.csv",
        f"/staff/registrations/{registration_id}",
        f"/staff/processes/{event['process_id']}",
    ):
        problem(await client.get(path, headers=foreign), 404)
    problem(await client.post(f"/staff/events/{event['id']}/registrations", json=by_phone(), headers=foreign), 404)
    problem(await client.patch(f"/staff/events/{event['id']}", json={"capacity": 5}, headers=foreign), 404)
    problem(await client.post(f"/staff/registrations/{registration_id}/cancel", json={}, headers=foreign), 404)
    assert (await fetch(client, "/staff/events", foreign))["items"] == []
    assert (await fetch(client, "/staff/processes", foreign))["items"] == []

    # The other city's admin cannot see, rotate or revoke our key.
    for method, suffix in (("GET", ""), ("POST", "/rotate"), ("POST", "/revoke")):
        problem(await client.request(method, f"/staff/clients/{ours['id']}{suffix}", headers=other_city.headers), 404)
    assert ours["id"] not in [c["id"] for c in (await fetch(client, "/staff/clients", other_city.headers))["items"]]
    assert (await stored_client(db, ours["id"])).revoked_at is None


async def test_only_admins_manage_api_clients(client, city, db, event):
    cms, _ = await api_key(client, city, "events:read")
    _, viewer = await staff_with_role(db, city, StaffRole.viewer)
    _, manager = await staff_with_role(db, city, StaffRole.process_manager, process_id=event["process_id"])
    body = {"name": "CMS", "scopes": ["events:read"]}
    for headers in (viewer, manager):
        problem(await client.get("/staff/clients", headers=headers), 403)
        problem(await client.post("/staff/clients", json=body, headers=headers), 403)
        problem(await client.get(f"/staff/clients/{cms['id']}", headers=headers), 403)
        problem(await client.post(f"/staff/clients/{cms['id']}/rotate", headers=headers), 403)
        problem(await client.post(f"/staff/clients/{cms['id']}/revoke", headers=headers), 403)
    problem(await client.get("/staff/clients"), 401)
    problem(await client.get("/staff/events", headers={"Authorization": f"Bearer thk_{uuid.uuid4().hex}"}), 401)
    assert (await stored_client(db, cms["id"])).revoked_at is None
    problem(await client.get(f"/staff/clients/{uuid.uuid4()}", headers=city.headers), 404)


async def test_clients_are_listed_newest_first_page_by_page(client, city, db):
    made = [(await api_key(client, city, "events:read", name=f"System {n}"))[0]["id"] for n in range(5)]
    pages: list[str] = []
    cursor = None
    while True:
        page = await fetch(client, f"/staff/clients?limit=2{'&cursor=' + cursor if cursor else ''}", city.headers)
        pages += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == made[::-1]
