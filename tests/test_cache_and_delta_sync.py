"""What the CMS and mobile apps rely on: ETag and 304 on public answers, Cache-Control that never lets
personal data be cached, `updated_since` for delta sync, open data, and CORS only for a city's origins."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import httpx

from api.config import Settings
from api.integrations import caching
from api.integrations.opendata import OpenEvent, OpenGroup
from api.main import create_app
from tests import conftest
from tests.builders import fetch, in_person, published_event, published_group, published_process
from tests.signup_helpers import assert_no_access_details, latest_token, sign_up, with_privacy_notice


async def test_public_answers_carry_an_etag_and_answer_304_until_something_changes(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    path = f"/orgs/{city.slug}/events/{event['id']}"
    first = await client.get(path)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"  # it counts seats: asked again every time
    assert "Origin" in first.headers["vary"]

    unchanged = await client.get(path, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    assert etag.startswith('W/"')  # the same for the gzip-compressed answer
    assert (await client.get(path, headers={"If-None-Match": f'"other", {etag.removeprefix("W/")}'})).status_code == 304
    compressed = await client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert compressed.status_code == 304

    await client.patch(f"/staff/events/{event['id']}", json={"title": "Neuer Titel"}, headers=city.headers)
    changed = await client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["title"] == "Neuer Titel"
    assert changed.headers["etag"] != etag


async def test_answers_that_count_seats_are_revalidated_every_time_and_the_rest_kept_a_minute(client, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    group = await published_group(client, city.headers, process["id"])
    with_seats = (
        f"/orgs/{city.slug}/events",
        f"/orgs/{city.slug}/events/{event['id']}",
        f"/orgs/{city.slug}/events/{event['id']}/jsonld",
        f"/orgs/{city.slug}/processes/{process['slug']}",
        f"/orgs/{city.slug}/groups",
        f"/orgs/{city.slug}/groups/{group['id']}",
        f"/orgs/{city.slug}/open-data/events.json",
        f"/orgs/{city.slug}/open-data/groups.csv",
    )
    for path in with_seats:
        response = await client.get(path)
        assert response.status_code == 200, path
        control = response.headers["cache-control"]
        assert control == "public, no-cache", path  # no max-age, no stale-while-revalidate
        assert response.headers["etag"], path
        again = await client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert (again.status_code, again.headers["cache-control"]) == (304, "public, no-cache"), path
    for path in ("/orgs", f"/orgs/{city.slug}", f"/orgs/{city.slug}/events.ics", f"/orgs/{city.slug}/privacy-notice"):
        response = await client.get(path)
        if response.status_code == 200:
            assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300", path


async def test_a_taken_seat_changes_the_event_s_tag_at_once(client, db, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=2)
    path = f"/orgs/{city.slug}/events/{event['id']}"
    before = await client.get(path)
    await with_privacy_notice(db, city)
    # Staff take a seat by phone (confirmed at once; a web sign-up's held seat still counts as free publicly).
    taken = await client.post(
        f"/staff/events/{event['id']}/registrations",
        json={"full_name": "Per Telefon", "phone": "0123 456789", "consent": {"privacy_notice_version": 1}},
        headers=city.headers,
    )
    assert taken.status_code == 201, taken.text

    after = await client.get(path, headers={"If-None-Match": before.headers["etag"]})

    assert after.status_code == 200
    assert after.json()["seats_left"] == before.json()["seats_left"] - 1


async def test_every_kind_of_public_get_is_tagged(client, city):
    process = await published_process(client, city.headers)
    await published_event(client, city.headers, process["id"])
    for path in (
        "/orgs",
        f"/orgs/{city.slug}",
        f"/orgs/{city.slug}/processes/{process['slug']}",
        f"/orgs/{city.slug}/events",
        f"/orgs/{city.slug}/groups",
        f"/orgs/{city.slug}/events.ics",
        f"/orgs/{city.slug}/open-data/events.csv",
    ):
        response = await client.get(path)
        assert response.status_code == 200, path
        again = await client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304, path


async def test_personal_and_staff_answers_are_never_cached(client, db, city):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    await sign_up(client, city, event["id"])
    token = await latest_token(db, "amira@example.org")
    for response in (
        await client.get(f"/manage/registrations/{token}"),
        await client.get(f"/staff/events/{event['id']}/registrations", headers=city.headers),
        await client.get("/me", headers=city.headers),
    ):
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert "etag" not in response.headers
    missing = await client.get(f"/orgs/{city.slug}/events/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert "etag" not in missing.headers


async def test_updated_since_returns_only_what_changed(client, city):
    process = await published_process(client, city.headers)
    group = await published_group(client, city.headers, process["id"])
    quiet = await published_event(client, city.headers, process["id"], title="Bleibt")
    changed = await published_event(client, city.headers, process["id"], title="Ändert sich")
    events_page = await fetch(client, f"/orgs/{city.slug}/events")
    newest = max(datetime.fromisoformat(e["updated_at"]) for e in events_page["items"])
    since = (newest + timedelta(milliseconds=1)).isoformat()

    nothing = await client.get(f"/orgs/{city.slug}/events", params={"updated_since": since})
    assert nothing.json()["items"] == []
    await client.patch(f"/staff/events/{changed['id']}", json={"title": "Geändert"}, headers=city.headers)
    delta = await fetch(client, f"/orgs/{city.slug}/events?updated_since={since.replace('+', '%2B')}")
    assert [e["id"] for e in delta["items"]] == [changed["id"]]
    assert quiet["id"] not in str(delta)

    groups = await fetch(client, f"/orgs/{city.slug}/groups", None)
    assert [g["id"] for g in groups["items"]] == [group["id"]]
    later = (datetime.fromisoformat(groups["items"][0]["updated_at"]) + timedelta(seconds=1)).isoformat()
    assert (await client.get(f"/orgs/{city.slug}/groups", params={"updated_since": later})).json()["items"] == []
    bad = await client.get(f"/orgs/{city.slug}/events", params={"updated_since": "gestern"})
    assert bad.status_code == 422


async def test_open_data_lists_public_events_and_groups_with_the_documented_fields(client, city):
    process = await published_process(client, city.headers)
    group = await published_group(client, city.headers, process["id"])
    event = await published_event(client, city.headers, process["id"], title="Konferenz, groß", **in_person())
    draft_event = await client.post(
        "/staff/events",
        json={
            "process_id": process["id"],
            "title": "Geheim",
            "kind": "workshop",
            "format": "online",
            "starts_at": event["starts_at"],
            "ends_at": event["ends_at"],
        },
        headers=city.headers,
    )
    assert draft_event.status_code == 201

    data = await fetch(client, f"/orgs/{city.slug}/open-data/events.json")
    assert data["fields"] == list(OpenEvent.model_fields)
    assert data["license"].startswith("https://www.govdata.de/dl-de/zero-2-0")
    [row] = data["items"]
    assert row["id"] == event["id"]
    assert row["venue_name"] == "Rathaus"
    assert row["step_free"] is True
    assert row["url"].endswith(f"/{city.slug}/events/{event['id']}")

    response = await client.get(f"/orgs/{city.slug}/open-data/events.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert_no_access_details(response.text)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(OpenEvent.model_fields)
    assert [r["title"] for r in rows] == ["Konferenz, groß"]  # quoted comma, umlaut intact
    assert rows[0]["online"] == "false"
    assert rows[0]["capacity"] == "100"

    groups = list(csv.DictReader(io.StringIO((await client.get(f"/orgs/{city.slug}/open-data/groups.csv")).text)))
    assert list(groups[0]) == list(OpenGroup.model_fields)
    assert [(g["id"], g["membership_mode"]) for g in groups] == [(group["id"], "open")]


async def test_cors_is_allowed_only_for_the_origins_the_city_configured(client, city, other_city):
    cms = "https://www.teststadt.example"
    await published_process(client, city.headers)
    path = f"/orgs/{city.slug}/events"
    assert "access-control-allow-origin" not in (await client.get(path, headers={"Origin": cms})).headers

    configured = await client.patch("/staff/organization", json={"cors_origins": [cms + "/"]}, headers=city.headers)
    assert configured.status_code == 200, configured.text
    allowed = await client.get(path, headers={"Origin": cms})
    assert allowed.headers["access-control-allow-origin"] == cms
    assert "ETag" in allowed.headers["access-control-expose-headers"]
    preflight = await client.options(
        path,
        headers={
            "Origin": cms,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == cms
    assert "If-None-Match" in preflight.headers["access-control-allow-headers"]

    # Another origin, another city's pages, and the staff API stay closed to that origin.
    assert (
        "access-control-allow-origin"
        not in (await client.get(path, headers={"Origin": "https://evil.example"})).headers
    )
    other = await client.get(f"/orgs/{other_city.slug}/events", headers={"Origin": cms})
    assert "access-control-allow-origin" not in other.headers
    staff = await client.get("/staff/events", headers={"Origin": cms, **city.headers})
    assert "access-control-allow-origin" not in staff.headers

    await client.patch("/staff/organization", json={"cors_origins": []}, headers=city.headers)
    assert "access-control-allow-origin" not in (await client.get(path, headers={"Origin": cms})).headers


async def test_a_process_holds_public_answers_briefly_during_a_rush(client, db, city, database_url, monkeypatch):
    """With `public_cache_seconds` (2 s by default in production) an API process answers the same public
    address from memory for that long; then it asks the database again. Personal answers never are held."""
    now = [1000.0]
    monkeypatch.setattr(caching, "clock", lambda: now[0])
    held = create_app(conftest.test_settings(database_url, public_cache_seconds=2))
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    path = f"/orgs/{city.slug}/events/{event['id']}"
    transport = httpx.ASGITransport(app=held)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as rush:
        first = await rush.get(path)
        await client.patch(f"/staff/events/{event['id']}", json={"title": "Neu"}, headers=city.headers)
        again = await rush.get(path)
        assert again.json()["title"] == first.json()["title"]  # from memory, the same ETag
        assert again.headers["etag"] == first.headers["etag"]
        assert (await rush.get(path, headers={"If-None-Match": first.headers["etag"]})).status_code == 304
        assert (await rush.get("/me", headers=city.headers)).headers["cache-control"] == "no-store"

        now[0] += 2.5
        fresh = await rush.get(path)
        assert fresh.json()["title"] == "Neu"
        assert fresh.headers["etag"] != first.headers["etag"]
    await held.state.engine.dispose()


def test_production_holds_public_answers_two_seconds_unless_told_otherwise():
    secret = "x" * 20 + "abcdefghijklmnopqrstuvwxyz"
    assert Settings(environment="production", secret_key=secret).public_answer_hold == 2.0
    assert Settings(environment="production", secret_key=secret, public_cache_seconds=0).public_answer_hold == 0
    assert Settings(environment="development").public_answer_hold == 0
