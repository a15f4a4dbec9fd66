"""The secrets of mailed links (a registration's and a membership's manage link, a staff invitation, a
password reset) never reach the server's log: the API served as in production (`python -m api serve`,
uvicorn's access log on stdout into a file), every mail that carries a link followed as a browser does —
the site page without the fragment, then the API calls the page makes — and the log searched for every
secret and either half of it. Links of older mails, with the secret in the path, are masked too."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from api import migrations
from api.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seed_demo
from tests.conftest import TEST_SECRET, test_settings

ROOT = Path(__file__).resolve().parent.parent
CITY = "musterstadt"
LINK = re.compile(r"https?://[^\s\"'<>]+")
NEW_PASSWORD = "Vielfalt-in-Musterstadt-2031"
PAGE = "<!doctype html><html lang=de><title>Teilhabe</title><div id=root></div></html>"


@dataclass
class Served:
    base: str
    database: Path
    log: Path

    def mails_to(self, recipient: str) -> list[tuple[str, str]]:
        """(kind, text and HTML) of every mail to `recipient`, oldest first, read from the outbox."""
        with sqlite3.connect(self.database) as connection:
            rows = connection.execute(
                "SELECT kind, body_text || ' ' || body_html FROM outbox_messages"
                " WHERE recipient = ? ORDER BY created_at",
                (recipient,),
            ).fetchall()
        return [(kind, body) for kind, body in rows]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The API with the demo data and a built site, served and logging as in production."""
    workdir = tmp_path_factory.mktemp("link-secrets")
    database = workdir / "teilhabe.db"
    url = f"sqlite+aiosqlite:///{database}"
    migrations.upgrade(url)
    asyncio.run(seed_demo(test_settings(url)))
    dist = workdir / "dist"
    dist.mkdir()
    (dist / "index.html").write_text(PAGE)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "TEILHABE_ENVIRONMENT": "production",
        "TEILHABE_SECRET_KEY": TEST_SECRET,
        "TEILHABE_DATABASE_URL": url,
        "TEILHABE_FRONTEND_DIST": str(dist),
        "TEILHABE_PUBLIC_BASE_URL": base,
        "TEILHABE_LOG_LEVEL": "info",  # the default: every request in the access log
        "TEILHABE_WORKER_IN_PROCESS": "false",
        "TEILHABE_RATE_LIMIT_SIGNUP": "",
        "TEILHABE_RATE_LIMIT_CONFIRM": "",
        "TEILHABE_RATE_LIMIT_LOGIN": "",
        "PYTHONUNBUFFERED": "1",  # as a container runs it: each line reaches the log at once
    }
    log_path = workdir / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "api", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/api/v1/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"the API server did not start:\n{log_path.read_text()}")
            yield Served(base=base, database=database, log=log_path)
        finally:
            process.terminate()
            process.wait(timeout=10)


def secret_links(body: str) -> list[str]:
    """The links of a mail that carry a secret; each must carry it in the fragment only."""
    links = [link for link in LINK.findall(body) if "#" in link]
    for link in links:
        parts = urlsplit(link)
        assert "t" in parse_qs(parts.fragment), link
        assert parse_qs(parts.fragment)["t"][0] not in parts.path + parts.query, link
    return links


def secret_of(link: str) -> str:
    return parse_qs(urlsplit(link).fragment)["t"][0]


async def open_as_browser(http: httpx.AsyncClient, link: str) -> str:
    """GETs the site page as a browser does (the fragment stays in the browser); returns the secret."""
    parts = urlsplit(link)
    page = await http.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert page.status_code == 200, link
    assert page.text == PAGE
    assert page.headers["referrer-policy"] == "no-referrer"
    return secret_of(link)


async def the_log(served: Served, http: httpx.AsyncClient) -> str:
    """The log once every request made so far is in it: a last request marks the end."""
    marker = uuid.uuid4().hex
    await http.get(f"/api/v1/health?marker={marker}")
    deadline = time.monotonic() + 10
    while marker not in (text := served.log.read_text()):
        assert time.monotonic() < deadline, "the access log does not record requests"
        await asyncio.sleep(0.1)
    return text


def assert_nowhere_in(log: str, secrets: list[str]) -> None:
    assert secrets
    for secret in secrets:
        assert len(secret) >= 40
        half = len(secret) // 2
        for piece in (secret, secret[:half], secret[half:]):
            assert piece not in log, f"a link's secret (or half of it) is in the log: {piece}"


async def test_no_secret_of_a_mailed_link_reaches_the_log(served: Served) -> None:
    secrets: list[str] = []
    async with httpx.AsyncClient(base_url=served.base, timeout=30) as http:
        process = (await http.get(f"/api/v1/orgs/{CITY}/processes/integrationskonzept")).json()
        consent = {"privacy_notice_version": (await http.get(f"/api/v1/orgs/{CITY}/privacy-notice")).json()["version"]}

        # A sign-up: the confirmation mail's link confirms, the page shows the registration, it is cancelled.
        kickoff = next(event for event in process["upcoming_events"] if event["kind"] == "kickoff")
        person = {"full_name": "Amira Haddad", "email": "amira@example.org", "answers": {}, "consent": consent}
        signed_up = await http.post(f"/api/v1/orgs/{CITY}/events/{kickoff['id']}/registrations", json=person)
        assert signed_up.status_code == 202, signed_up.text
        [(_, first_mail)] = served.mails_to("amira@example.org")
        links = secret_links(first_mail)
        confirm_link = next(link for link in links if "confirm=1" in link)
        assert urlsplit(confirm_link).path == "/manage/registration"
        token = await open_as_browser(http, confirm_link)
        confirmed = await http.post(f"/api/v1/manage/registrations/{token}/confirm")
        assert confirmed.json()["status"] == "confirmed"
        assert confirmed.headers["referrer-policy"] == "no-referrer"
        # While the registration stands, its event can be added to a calendar.
        assert confirmed.json()["calendar"]["ics_url"] == f"{served.base}/api/v1/orgs/{CITY}/events/{kickoff['id']}.ics"
        for _, body in served.mails_to("amira@example.org"):  # the confirmation with its manage link
            for link in secret_links(body):
                assert await open_as_browser(http, link) == token
        assert (await http.get(f"/api/v1/manage/registrations/{token}")).status_code == 200
        assert (await http.get(f"/api/v1/manage/registrations/{token}/my-data")).status_code == 200
        cancelled = await http.post(f"/api/v1/manage/registrations/{token}/cancel")
        assert cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["calendar"] is None  # nothing to add to a calendar any more
        secrets.append(token)

        # An application to a working group: the membership's manage link.
        group = next(group for group in process["groups"] if group["signup_open"])
        application = {"full_name": "Jonas Weber", "email": "jonas@example.org", "groups": [group["id"]]}
        applied = await http.post(f"/api/v1/orgs/{CITY}/group-applications", json={**application, "consent": consent})
        assert applied.status_code == 202, applied.text
        [(_, membership_mail)] = served.mails_to("jonas@example.org")
        confirm_link, membership_link = sorted(set(secret_links(membership_mail)), key=lambda link: "?" not in link)
        assert urlsplit(membership_link).path == urlsplit(confirm_link).path == "/manage/membership"
        membership = await open_as_browser(http, membership_link)
        assert await open_as_browser(http, confirm_link) == membership
        confirmed = await http.post(f"/api/v1/manage/memberships/{membership}/confirm")
        assert confirmed.status_code == 200, confirmed.text
        assert (await http.get(f"/api/v1/manage/memberships/{membership}")).status_code == 200
        secrets.append(membership)

        # A staff invitation, accepted through its link; then a password reset through its link.
        login = {"email": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD}
        admin = {
            "Authorization": f"Bearer {(await http.post('/api/v1/auth/token', json=login)).json()['access_token']}"
        }
        invited = {"email": "neu@musterstadt.example", "full_name": "Neue Kollegin", "roles": [{"role": "viewer"}]}
        assert (await http.post("/api/v1/staff/users", json=invited, headers=admin)).status_code == 201
        [(_, invitation_mail)] = served.mails_to("neu@musterstadt.example")
        [invitation_link] = set(secret_links(invitation_mail))
        assert urlsplit(invitation_link).path == "/staff/invitation"
        invitation = await open_as_browser(http, invitation_link)
        accepted = await http.post(
            "/api/v1/auth/invitations/accept", json={"token": invitation, "password": NEW_PASSWORD}
        )
        assert accepted.status_code == 204, accepted.text
        secrets.append(invitation)

        requested = await http.post("/api/v1/auth/password-reset", json={"email": "neu@musterstadt.example"})
        assert requested.status_code == 202
        [reset_mail] = [body for kind, body in served.mails_to("neu@musterstadt.example") if kind == "password_reset"]
        [reset_link] = set(secret_links(reset_mail))
        assert urlsplit(reset_link).path == "/staff/password-reset"
        reset = await open_as_browser(http, reset_link)
        changed = await http.post(
            "/api/v1/auth/password-reset/confirm", json={"token": reset, "password": NEW_PASSWORD}
        )
        assert changed.status_code == 204, changed.text
        secrets.append(reset)

        # Links of mails sent before: the secret in the path. The site still answers (its page moves the
        # secret into the fragment in the browser); the log shows a placeholder.
        old_links = [
            f"/manage/registration/{token}?confirm=1",
            f"/manage/registration/{token}/data",
            f"/manage/membership/{membership}",
            f"/manage/membership/{membership}/erase",
            f"/staff/invitation/{invitation}",
            f"/staff/password-reset/{reset}",
        ]
        for path in old_links:
            old = await http.get(path)
            assert old.status_code == 200, path
            assert old.headers["referrer-policy"] == "no-referrer"
        # A secret in any query parameter that names one, on the site or the API.
        for query in (f"t={token}", f"token={membership}", f"key={invitation}", f"code={reset}&secret={token}"):
            assert (await http.get(f"/api/v1/orgs/{CITY}/events?{query}")).status_code in (200, 422)
            assert (await http.get(f"/{CITY}?{query}")).status_code == 200

        log = await the_log(served, http)

    assert_nowhere_in(log, secrets)
    # The log did record every visit, with the secret masked.
    assert '"GET /manage/registration?confirm=1 HTTP/1.1" 200' in log
    assert '"POST /api/v1/manage/registrations/[token]/confirm HTTP/1.1" 200' in log
    assert '"GET /manage/membership HTTP/1.1" 200' in log
    assert '"GET /staff/invitation HTTP/1.1" 200' in log
    assert '"GET /staff/password-reset HTTP/1.1" 200' in log
    assert '"GET /manage/registration/[token]?confirm=1 HTTP/1.1" 200' in log
    assert '"GET /manage/registration/[token]/data HTTP/1.1" 200' in log
    assert '"GET /manage/membership/[token]/erase HTTP/1.1" 200' in log
    assert '"GET /staff/invitation/[token] HTTP/1.1" 200' in log
    assert '"GET /staff/password-reset/[token] HTTP/1.1" 200' in log
    assert f'"GET /{CITY}?code=[redacted]&secret=[redacted] HTTP/1.1" 200' in log


async def test_every_answer_says_where_its_address_may_go(served: Served) -> None:
    async with httpx.AsyncClient(base_url=served.base) as http:

        async def policy(path: str) -> str:
            return (await http.get(path)).headers["referrer-policy"]

        # Pages and routes that handle a link's secret send no Referer to anyone.
        for path in (
            "/manage/registration",
            "/manage/membership/data",
            "/staff/invitation",
            "/staff/password-reset",
            "/api/v1/manage/registrations/unknown-secret-unknown-secret-unknown-00",
        ):
            assert await policy(path) == "no-referrer", path
        # The site's pages that read a secret load nothing from another origin.
        for path in ("/manage/registration", "/manage/membership/erase", "/staff/invitation", "/staff/password-reset"):
            assert (await http.get(path)).headers["content-security-policy"].startswith("default-src 'self';"), path
        # The built scripts name no address when they load the site's further parts (a language, a page).
        assert await policy("/assets/index.js") == "no-referrer"
        # Everything else names its address to this site only, answers that refuse included.
        for path in ("/", f"/{CITY}", "/staff/login", f"/api/v1/orgs/{CITY}/events", "/api/v1/orgs/nowhere"):
            assert await policy(path) == "same-origin", path
