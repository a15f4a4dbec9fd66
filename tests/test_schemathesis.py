"""The API fuzzed from its own schema: schemathesis drives a real server (uvicorn) on SQLite and
PostgreSQL, over every operation, with all checks: no 5xx, every answer matches the schema."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from api import migrations
from api.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_OPERATOR_EMAIL, seed_demo
from tests.conftest import TEST_SECRET, _postgres_database, test_settings

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "25")
SEED = os.environ.get("FUZZ_SEED", "20261122")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["sqlite", "postgresql"])
async def fuzz_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[str, str]]:
    if request.param == "sqlite":
        yield request.param, f"sqlite+aiosqlite:///{tmp_path / 'fuzz.db'}"
        return
    async for url in _postgres_database():
        yield request.param, url


@pytest.fixture
def server(fuzz_database: tuple[str, str]) -> Iterator[tuple[str, str]]:
    name, url = fuzz_database
    migrations.upgrade(url)
    asyncio.run(seed_demo(test_settings(url)))
    port = _free_port()
    env = {
        **os.environ,
        "TEILHABE_ENVIRONMENT": "test",
        "TEILHABE_DATABASE_URL": url,
        "TEILHABE_SECRET_KEY": TEST_SECRET,
        "TEILHABE_FRONTEND_DIST": "/nonexistent",
        "TEILHABE_LOG_LEVEL": "warning",
        # Fuzzing sends thousands of sign-ups from one address; the limit has tests of its own.
        "TEILHABE_RATE_LIMIT_SIGNUP": "",
        "TEILHABE_RATE_LIMIT_CONFIRM": "",
        "TEILHABE_RATE_LIMIT_LOGIN": "",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / f"schemathesis-server-{name}.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "api", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("the API server did not start; see test-artifacts/schemathesis-server-*.log")
        yield name, base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _access_token(base: str, email: str) -> str:
    login = httpx.post(f"{base}/api/v1/auth/token", json={"email": email, "password": DEMO_ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    return login.json()["access_token"]


def _demo_ids(base: str, token: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    process = httpx.get(f"{base}/api/v1/orgs/musterstadt/processes/integrationskonzept").json()
    return {
        "FUZZ_PROCESS_ID": process["id"],
        "FUZZ_GROUP_ID": process["groups"][0]["id"],
        "FUZZ_EVENT_ID": httpx.get(f"{base}/api/v1/staff/events?status=draft", headers=headers).json()["items"][0][
            "id"
        ],
        "FUZZ_PHASE_ID": process["phases"][-1]["id"],
    }


@pytest.mark.fuzz
def test_schemathesis_finds_no_server_error_and_no_schema_violation(server: tuple[str, str]) -> None:
    name, base = server
    token, operator_token = (_access_token(base, email) for email in (DEMO_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL))
    report = ARTIFACTS / f"schemathesis-{name}.txt"
    command = [
        str(Path(sys.executable).parent / "st"),
        "--config-file",
        str(ROOT / "tests" / "schemathesis.toml"),
        "run",
        f"{base}/api/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--generation-database",
        "none",
        "--no-color",
        # One worker: CPython 3.11's ast module can fail with "recursion depth mismatch" when
        # schemathesis compiles schemas in several threads at once.
        "--workers",
        "1",
        "--report",
        "junit",
        "--report-junit-path",
        str(ARTIFACTS / f"schemathesis-{name}.xml"),
    ]
    result = subprocess.run(  # noqa: S603 - schemathesis from our own virtualenv
        command,
        env={**os.environ, **_demo_ids(base, token), "FUZZ_ADMIN_TOKEN": token, "FUZZ_OPERATOR_TOKEN": operator_token},
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    report.write_text(result.stdout + result.stderr)
    summary = result.stdout[result.stdout.rfind("SUMMARY") :]
    print(summary)
    assert result.returncode == 0, f"schemathesis found problems (full report: {report}):\n{summary[-6000:]}"
