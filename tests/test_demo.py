"""The demo data: Musterstadt modelled on the seeds, a second city, loaded once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from sqlalchemy import func, select

from api import migrations
from api.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seed_demo
from api.events.models import Event
from api.main import create_app
from tests.conftest import test_settings


async def test_demo_loads_once_and_serves_musterstadt(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    await asyncio.to_thread(migrations.upgrade, url)
    settings = test_settings(url)
    assert await seed_demo(settings) is True
    assert await seed_demo(settings) is False  # run again: kept, not duplicated

    app = create_app(settings)
    async with app.state.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 15
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t/api/v1") as client:
        process = (await client.get("/orgs/musterstadt/processes/integrationskonzept")).json()
        groups = {g["name"]: g for g in process["groups"]}
        assert {
            "AG Bildung",
            "AG Arbeit",
            "AG Soziales, Gesundheit und Wohnen",
            "AG Gesellschaftliche Teilhabe",
            "AG Interkulturelle Öffnung der Verwaltung",
        } <= set(groups)
        assert groups["Steuerungsgruppe"]["membership_mode"] == "appointed"
        assert groups["Steuerungsgruppe"]["signup_open"] is False
        assert all(g["signup_deadline"] for name, g in groups.items() if name.startswith("AG "))
        assert sum(p["is_current"] for p in process["phases"]) == 1

        kickoff = next(e for e in process["upcoming_events"] if e["kind"] == "kickoff")
        assert kickoff["format"] == "online"
        kickoff_page = (await client.get(f"/orgs/musterstadt/events/{kickoff['id']}")).json()
        assert [q["id"] for q in kickoff_page["questions"]] == ["interpretation", "accessibility"]
        notice = (await client.get("/orgs/musterstadt/privacy-notice")).json()
        assert notice["version"] == 1
        assert kickoff["starts_at"][11:16] == "16:00"
        assert kickoff["ends_at"][11:16] == "18:00"
        conference = next(e for e in process["upcoming_events"] if e["kind"] == "conference")
        assert conference["venue"]["step_free"] is True

        await _reads_in_every_demo_language(client, kickoff["id"])

        bildung = (await client.get(f"/orgs/musterstadt/groups/{groups['AG Bildung']['id']}")).json()
        assert len(bildung["meetings"]) == 2
        assert all(m["venue"]["name"] for m in bildung["meetings"])

        other = (await client.get("/orgs/beispielhausen/processes")).json()["items"]
        assert [p["concept_kind"] for p in other] == ["update"]

        login = await client.post("/auth/token", json={"email": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD})
        assert login.status_code == 200
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        staff_kickoff = (await client.get(f"/staff/events/{kickoff['id']}", headers=headers)).json()
        for email, role in (
            ("prozess@musterstadt.example", "process_manager"),
            ("ag-bildung@musterstadt.example", "group_moderator"),
            ("lesen@musterstadt.example", "viewer"),
        ):
            token = await client.post("/auth/token", json={"email": email, "password": DEMO_ADMIN_PASSWORD})
            me = await client.get("/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
            assert [grant["role"] for grant in me.json()["roles"]] == [role]
        assert staff_kickoff["online_access"]["join_url"].startswith("https://")

        # The appointed steering group has its members, with their roles, as staff see them.
        steering = groups["Steuerungsgruppe"]["id"]
        members = (await client.get(f"/staff/groups/{steering}/memberships", headers=headers)).json()["items"]
        assert len(members) >= 5
        assert {m["status"] for m in members} == {"member"}
        assert {m["role"] for m in members} == {"lead", "deputy", "member"}
        assert {m["participant"]["category"] for m in members} >= {"politics", "administration", "civil_society"}
        assert all(m["participant"]["full_name"] and m["participant"]["affiliation"] for m in members)
    await app.state.engine.dispose()


async def _reads_in_every_demo_language(client: httpx.AsyncClient, kickoff_id: str) -> None:
    """The issue's demo: the kickoff, the working groups, the sign-up questions and the privacy notice in
    English, Arabic, Turkish, Ukrainian and Leichte Sprache, each in real words of that language."""
    city = (await client.get("/orgs/musterstadt")).json()
    assert {"de", "en", "ar", "tr", "uk", "de-x-ls"} <= set(city["languages"])
    german = (await client.get(f"/orgs/musterstadt/events/{kickoff_id}")).json()
    for language in ("en", "ar", "tr", "uk", "de-x-ls"):
        headers = {"Accept-Language": language}
        kickoff = await client.get(f"/orgs/musterstadt/events/{kickoff_id}", headers=headers)
        assert kickoff.headers["content-language"] == language
        page = kickoff.json()
        assert page["untranslated"] == {}, (language, page["untranslated"])
        assert page["title"] != german["title"], language
        assert page["description"] != german["description"], language
        interpretation = page["questions"][0]
        assert "questions.interpretation.label" not in page["untranslated"], language
        assert interpretation["options"] == german["questions"][0]["options"]  # what a sign-up sends
        if language != "de-x-ls":  # an easy German sentence may already be Leichte Sprache
            assert interpretation["label"] != german["questions"][0]["label"], language
            assert interpretation["option_labels"] != interpretation["options"], language
        process = (await client.get("/orgs/musterstadt/processes/integrationskonzept", headers=headers)).json()
        assert all("name" not in g["untranslated"] for g in process["groups"]), language
        notice = (await client.get("/orgs/musterstadt/privacy-notice", headers=headers)).json()
        assert notice["untranslated"] == {}, language
    # Persian and Russian may be partly translated; whatever is not says it is German.
    persian = (await client.get(f"/orgs/musterstadt/events/{kickoff_id}", headers={"Accept-Language": "fa"})).json()
    assert set(persian["untranslated"].values()) <= {"de"}
