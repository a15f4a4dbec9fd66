"""The built site served beside the API: client routes get index.html, files are files, and neither a
wrong method on an API route nor a strange path becomes anything but a clear 4xx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from api.main import create_app
from tests.builders import problem
from tests.conftest import test_settings


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Teilhabe</title>")
    (dist / "assets" / "app.js").write_text("console.log('teilhabe')")
    app = create_app(test_settings(f"sqlite+aiosqlite:///{tmp_path / 'site.db'}", frontend_dist=str(dist)))
    # A 500 must reach the test as an answer, not as an exception, so that the test can see it.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.engine.dispose()


async def test_client_routes_get_the_app_and_files_are_served(site):
    page = await site.get("/musterstadt/processes/integrationskonzept")
    assert page.status_code == 200
    assert "<title>Teilhabe</title>" in page.text
    script = await site.get("/assets/app.js")
    assert script.status_code == 200
    assert "teilhabe" in script.text


async def test_a_wrong_method_on_an_api_route_is_a_405_with_allow_also_with_the_site(site):
    response = await site.get("/api/v1/auth/token")  # POST only
    problem(response, 405, slug="method-not-allowed")
    assert response.headers["allow"] == "POST"


async def test_an_unknown_api_path_is_a_404_problem_also_with_the_site(site):
    problem(await site.get("/api/v1/no-such-thing"), 404, slug="not-found")


@pytest.mark.parametrize("path", ["/%00", "/assets/%00.js", "/manage/%00/x", "/" + "a" * 5000])
async def test_no_path_makes_the_site_fail(site, path):
    response = await site.get(path)
    assert 200 <= response.status_code < 500, (response.status_code, response.text[:200])
    if "%00" in path:
        problem(response, 404, slug="not-found")
