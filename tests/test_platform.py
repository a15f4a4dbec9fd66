"""A new city without SQL: the platform operator creates cities (console API and `python -m api create-city`),
lists them and switches them off; a city's admin sets its look (languages, districts, colour, logo)."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from api.authz import Scope
from api.organizations.models import Organization, OrganizationLogo
from api.staff.models import StaffRole, StaffUser
from tests.access_helpers import a_png, api_key, platform_operator, staff_with_role
from tests.builders import created, event_body, fetch, group_body, problem, process_body, published_process
from tests.conftest import City, logged_in_token
from tests.test_staff_users import GOOD_PASSWORD, accept, invitation_token, log_in

NEW_CITY = {
    "slug": "neustadt",
    "name": "Stadt Neustadt",
    "timezone": "Europe/Berlin",
    "default_language": "de",
    "contact_email": "integration@neustadt.example",
    "admin_email": "Erste.Admin@Neustadt.example",
    "admin_name": "Erste Admin",
    "privacy_notice_text": "Die Stadt Neustadt verarbeitet Ihre Angaben nur für Ihre Anmeldung.",
    "privacy_notice_url": "https://www.neustadt.example/datenschutz",
}


async def operator_headers(app: Any, city: City) -> dict[str, str]:
    user_id = await platform_operator(app, city)
    return {"Authorization": f"Bearer {await logged_in_token(app, user_id, city.organization.id)}"}


# --- the operator's cities -----------------------------------------------------------------------


async def test_operator_creates_a_city_whose_admin_accepts_and_runs_it(client, db, city):
    operator = await operator_headers(db, city)

    response = await client.post("/platform/cities", json=NEW_CITY, headers=operator)

    new = await created(response)
    assert (new["slug"], new["name"], new["is_active"]) == ("neustadt", "Stadt Neustadt", True)
    public = await fetch(client, "/orgs/neustadt")
    assert (public["languages"], public["districts"], public["logo_url"]) == (["de"], [], None)
    notice = await fetch(client, "/orgs/neustadt/privacy-notice")
    assert (notice["version"], notice["url"]) == (1, NEW_CITY["privacy_notice_url"])
    # The first admin is invited by mail, chooses a password and is the new city's admin.
    assert (await accept(client, await invitation_token(db, "erste.admin@neustadt.example"))).status_code == 204
    login = await log_in(client, "erste.admin@neustadt.example")
    assert login.status_code == 200, login.text
    me = await fetch(client, "/me", {"Authorization": f"Bearer {login.json()['access_token']}"})
    assert me["organization"]["slug"] == "neustadt"
    assert [role["role"] for role in me["roles"]] == ["admin"]
    assert "platform:manage" not in me["permissions"]
    # The operator sees every city; a city's admin cannot reach the platform.
    slugs = [c["slug"] for c in (await fetch(client, "/platform/cities", operator))["items"]]
    assert {"neustadt", city.slug} <= set(slugs)
    problem(await client.get("/platform/cities", headers=city.headers), 403)


async def test_operator_holds_no_right_in_the_city_and_a_city_role_no_platform_right(client, db, city):
    operator = await operator_headers(db, city)
    me = await fetch(client, "/me", operator)
    assert me["permissions"] == ["platform:manage"]
    problem(await client.get("/staff/processes", headers=operator), 403)
    problem(await client.post("/platform/cities", json=NEW_CITY, headers=city.headers), 403)
    _, key = await api_key(client, city, "events:manage")
    problem(await client.get("/platform/cities", headers=key), 403)
    assert await count(db, Organization) == 1


@pytest.mark.parametrize(
    ("change", "status", "field", "slug"),
    [
        ({"slug": "teststadt"}, 409, "slug", "slug-taken"),
        ({"admin_email": "ADMIN@teststadt.example"}, 409, "admin_email", "email-taken"),
        ({"slug": "Neu Stadt"}, 422, "slug", None),
        ({"timezone": "Mars/Olympus"}, 422, "timezone", None),
        ({"privacy_notice_text": "  "}, 422, "privacy_notice_text", None),
        ({"admin_email": "keine-adresse"}, 422, "admin_email", None),
    ],
)
async def test_a_refused_city_changes_nothing(client, db, city, change, status, field, slug):
    operator = await operator_headers(db, city)

    response = await client.post("/platform/cities", json={**NEW_CITY, **change}, headers=operator)

    problem(response, status, field, slug=slug)
    assert await count(db, Organization) == 1
    assert await count(db, StaffUser) == 2  # the city's admin and the operator


async def test_a_switched_off_city_disappears_and_its_staff_and_keys_stop(client, db, city, other_city):
    operator = await operator_headers(db, city)
    _, key = await api_key(client, other_city, "events:read")
    process = await published_process(client, other_city.headers)
    assert (await client.get(f"/orgs/{other_city.slug}")).status_code == 200

    off = await client.post(f"/platform/cities/{other_city.organization.id}/deactivate", headers=operator)

    assert off.status_code == 200, off.text
    assert off.json()["is_active"] is False
    problem(await client.get(f"/orgs/{other_city.slug}"), 404)
    problem(await client.get(f"/orgs/{other_city.slug}/processes/{process['slug']}"), 404)
    assert other_city.slug not in [c["slug"] for c in (await fetch(client, "/orgs"))["items"]]
    problem(await client.get("/staff/processes", headers=other_city.headers), 401)
    problem(await client.get("/staff/processes", headers=key), 401)
    # Nothing is deleted: switched on again, all is back.
    on = await client.post(f"/platform/cities/{other_city.organization.id}/activate", headers=operator)
    assert on.json()["is_active"] is True
    assert (await client.get("/staff/processes", headers=key)).status_code == 200
    assert (await fetch(client, f"/orgs/{other_city.slug}/processes/{process['slug']}"))["title"] == process["title"]


async def test_the_operator_cannot_switch_off_their_own_city(client, db, city):
    operator = await operator_headers(db, city)
    problem(await client.post(f"/platform/cities/{city.organization.id}/deactivate", headers=operator), 409)
    problem(await client.post(f"/platform/cities/{city.admin.id}/deactivate", headers=operator), 404)


async def test_create_city_command_on_a_fresh_install(client, db):
    """The README's way to the first city: the command, then the invitation, then the console."""
    assert await count(db, Organization) == 0

    result = await run_cli(
        db,
        "create-city",
        "--slug=neustadt",
        "--name=Stadt Neustadt",
        "--admin-email=erste@neustadt.example",
        "--admin-name=Erste Admin",
    )

    assert result.returncode == 0, result.stderr
    assert "neustadt" in result.stdout
    assert (await fetch(client, "/orgs/neustadt"))["name"] == "Stadt Neustadt"
    assert (await fetch(client, "/orgs/neustadt/privacy-notice"))["version"] == 1
    assert (await accept(client, await invitation_token(db, "erste@neustadt.example"))).status_code == 204
    assert (await log_in(client, "erste@neustadt.example", GOOD_PASSWORD)).status_code == 200
    # The same slug again: a clear message, no traceback, nothing changed.
    again = await run_cli(
        db, "create-city", "--slug=neustadt", "--name=X", "--admin-email=x@y.example", "--admin-name=X"
    )
    assert again.returncode != 0
    assert "create-city:" in again.stderr
    assert "Traceback" not in again.stderr
    assert await count(db, Organization) == 1


async def test_create_operator_command_invites_an_operator(client, db, city):
    result = await run_cli(db, "create-operator", f"--org={city.slug}", "--email=betrieb@it.example", "--name=IT")

    assert result.returncode == 0, result.stderr
    assert (await accept(client, await invitation_token(db, "betrieb@it.example"))).status_code == 204
    login = (await log_in(client, "betrieb@it.example")).json()
    me = await fetch(client, "/me", {"Authorization": f"Bearer {login['access_token']}"})
    assert me["permissions"] == ["platform:manage"]


class CliResult:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


async def run_cli(app: Any, *args: str) -> CliResult:
    env = {**os.environ, "TEILHABE_DATABASE_URL": app.state.settings.database_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "api", *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    return CliResult(process.returncode or 0, out.decode(), err.decode())


async def count(app: Any, model: Any) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


# --- the city's look and languages -------------------------------------------------------------------


async def test_admin_sets_languages_districts_and_colour_and_the_site_shows_them(client, city):
    change = {"languages": ["de", "ar", "uk"], "districts": ["Innenstadt", "Nordviertel"], "brand_color": "#1d4f91"}

    response = await client.patch("/staff/organization", json=change, headers=city.headers)

    assert response.status_code == 200, response.text
    public = await fetch(client, f"/orgs/{city.slug}")
    assert public["languages"] == ["de", "ar", "uk"]
    assert public["districts"] == ["Innenstadt", "Nordviertel"]
    assert public["brand_color"] == "#1D4F91"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"brand_color": "#FFD700"}, "brand_color"),  # gold: white text on it is unreadable (1.4:1)
        ({"brand_color": "#777777"}, "brand_color"),  # 4.48:1, just below AA
        ({"brand_color": "blue"}, "brand_color"),
        ({"languages": ["ar"]}, "languages"),  # the default language (de) must stay offered
        ({"languages": []}, "languages"),
        ({"languages": ["de", "de"]}, "languages"),
        ({"languages": ["Deutsch, Arabisch"]}, "languages.0"),
        ({"districts": ["Mitte", "mitte"]}, "districts"),
        ({"districts": ["x" * 101]}, "districts.0"),
    ],
)
async def test_unreadable_colours_and_wrong_languages_are_refused(client, city, change, field):
    before = await fetch(client, "/staff/organization", city.headers)

    response = await client.patch("/staff/organization", json=change, headers=city.headers)

    problem(response, 422, field)
    assert await fetch(client, "/staff/organization", city.headers) == before


async def test_a_new_default_language_joins_the_offered_ones(client, city):
    response = await client.patch("/staff/organization", json={"default_language": "en"}, headers=city.headers)
    assert response.json()["languages"] == ["en", "de"]


async def test_a_logo_is_checked_reencoded_without_metadata_and_served(client, db, city):
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make: a stand-in for the metadata (GPS, device) an upload may carry
    Image.new("RGB", (1600, 800), "#1D4F91").save(photo, format="JPEG", exif=exif.tobytes())

    response = await client.put(
        "/staff/organization/logo", content=photo.getvalue(), headers={**city.headers, "Content-Type": "image/jpeg"}
    )

    assert response.status_code == 200, response.text
    logo_url = response.json()["logo_url"]
    assert (await fetch(client, f"/orgs/{city.slug}"))["logo_url"] == logo_url
    served = await client.get(logo_url.removeprefix("/api/v1"))
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(served.content))
    assert (image.format, image.size) == ("PNG", (512, 256))  # scaled down to 512 a side
    assert not image.getexif()
    # A new logo, a new address; removed, it is gone.
    again = await client.put(
        "/staff/organization/logo", content=a_png(), headers={**city.headers, "Content-Type": "image/png"}
    )
    assert again.json()["logo_url"] != logo_url
    assert (await client.delete("/staff/organization/logo", headers=city.headers)).status_code == 204
    assert (await fetch(client, f"/orgs/{city.slug}"))["logo_url"] is None
    problem(await client.get(f"/orgs/{city.slug}/logo"), 404)


@pytest.mark.parametrize(
    ("content_type", "content", "status"),
    [
        ("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 415),
        ("text/html", b"<html></html>", 415),
        ("image/png", b"<html>not a png</html>", 422),
        ("image/png", b"", 422),
        ("image/jpeg", a_png(), 422),  # a PNG that says it is a JPEG
        ("image/png", a_png()[:60], 422),  # cut off
        ("image/png", a_png(4000, 4000) + b"\0" * 600_000, 422),  # too large (over 512 KB)
    ],
)
async def test_what_is_not_a_logo_is_refused_and_changes_nothing(client, db, city, content_type, content, status):
    response = await client.put(
        "/staff/organization/logo", content=content, headers={**city.headers, "Content-Type": content_type}
    )

    problem(response, status)
    assert await count(db, OrganizationLogo) == 0
    assert (await fetch(client, f"/orgs/{city.slug}"))["logo_url"] is None


# --- online access details: a permission of their own -----------------------------------------------


async def test_online_access_details_only_for_those_who_run_the_meeting(client, db, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    ours = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers))
    theirs = await created(
        await client.post("/staff/groups", json=group_body(process["id"], slug="ag-andere"), headers=city.headers)
    )
    access = {"join_url": "https://meet.example/ag", "meeting_id": "123 456", "passcode": "Geheim-2027"}
    body = {**event_body(process["id"], group_id=ours["id"]), "format": "online", "online_access": access}
    event = await created(await client.post("/staff/events", json=body, headers=city.headers))
    assert event["online_access"]["passcode"] == "Geheim-2027"

    allowed = {
        "process manager": (await staff_with_role(db, city, StaffRole.process_manager, process_id=process["id"]))[1],
        "the group's moderator": (await staff_with_role(db, city, StaffRole.group_moderator, group_id=ours["id"]))[1],
        "key with events:access-details": (await api_key(client, city, Scope.access_details_read))[1],
    }
    refused = {
        "viewer": (await staff_with_role(db, city, StaffRole.viewer))[1],
        "another group's moderator": (
            await staff_with_role(db, city, StaffRole.group_moderator, group_id=theirs["id"])
        )[1],
        "key with events:read": (await api_key(client, city, "events:read"))[1],
        "key with registrations:read": (await api_key(client, city, "registrations:read"))[1],
    }
    for who, headers in allowed.items():
        seen = await fetch(client, f"/staff/events/{event['id']}", headers)
        assert seen["online_access"]["passcode"] == "Geheim-2027", who
        assert seen["online_access_withheld"] is False, who
    for who, headers in refused.items():
        for answer in (
            await client.get(f"/staff/events/{event['id']}", headers=headers),
            await client.get("/staff/events", headers=headers),
        ):
            assert answer.status_code == 200, (who, answer.text)
            assert "Geheim-2027" not in answer.text, who
            assert "meet.example" not in answer.text, who
        assert (await fetch(client, f"/staff/events/{event['id']}", headers))["online_access_withheld"] is True


async def test_who_may_not_see_access_details_may_not_set_them(client, db, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    body = {**event_body(process["id"]), "format": "online"}
    _, cms = await api_key(client, city, "events:manage")
    event = await created(await client.post("/staff/events", json=body, headers=city.headers))
    url = f"/staff/events/{event['id']}"

    replaced = {"online_access": {"join_url": "https://evil.example/room"}}
    problem(await client.patch(url, json=replaced, headers=cms), 403)
    problem(await client.patch(url, json={"online_access": None}, headers=cms), 403)
    with_access = await client.post("/staff/events", json=body, headers=cms)
    problem(with_access, 403)

    assert (await fetch(client, url, city.headers))["online_access"] == event["online_access"]
    # The rest of the event stays theirs to change, and the details stay as they were.
    assert (await client.patch(url, json={"capacity": 99}, headers=cms)).status_code == 200
    assert (await fetch(client, url, city.headers))["online_access"] == event["online_access"]
    without = {key: value for key, value in body.items() if key != "online_access"}
    assert (await client.post("/staff/events", json=without, headers=cms)).status_code == 201
