"""Test fixtures: every test that uses `client` runs once on SQLite and once on PostgreSQL.

PostgreSQL: 127.0.0.1:5432, user postgres (override with TEST_POSTGRES_URL). The suite creates its
own database and drops it at the end. Without a PostgreSQL the PostgreSQL half is skipped loudly,
except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from api import security
from api.config import Settings
from api.main import create_app
from api.models import Base
from api.organizations.models import Organization
from api.security import create_access_token, hash_password
from api.staff.models import RoleGrant, StaffRole, StaffSession, StaffUser

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
TEST_SECRET = secrets.token_urlsafe(48)
STAFF_PASSWORD = "correct-horse-battery-staple"

# Argon2 at its cheapest for the whole suite (before any test hashes a password, so the hashes made at import
# below and in tests/access_helpers.py are cheap too). The tests check who may log in, not what a hash costs:
# the hashes are still argon2id, made and verified by the same code; only the cost parameters inside them are
# lower. At the production cost (a tenth of a second or more per hash) logins took minutes of every run.
security._password_hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
security._DUMMY_HASH = security._password_hasher.hash("no-such-user-" + secrets.token_hex(8))
_STAFF_PASSWORD_HASH = hash_password(STAFF_PASSWORD)
_POSTGRES_DOWN = "PostgreSQL NOT TESTED:"


# The longest tests (fuzzing, each minutes long, then the races) go first, so that pytest-xdist hands them to
# different workers at the start instead of leaving one of them to run alone at the end.
_LONGEST_FIRST = ("tests/test_schemathesis.py", "tests/test_concurrency.py", "tests/test_permissions.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return _LONGEST_FIRST.index(path) if path in _LONGEST_FIRST else len(_LONGEST_FIRST)

    items.sort(key=rank)  # a stable sort: the order within each rank stays as collected


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Read from the skip reports, not from this process's memory: under pytest-xdist the skips happen in
    # the workers and only their reports reach the process that prints the summary.
    skipped = [
        str(report.longrepr[2])
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and _POSTGRES_DOWN in str(report.longrepr[2])
    ]
    if skipped:
        terminalreporter.section("POSTGRESQL NOT TESTED", sep="!", red=True, bold=True)
        terminalreporter.write_line(f"!!! {skipped[0].partition(_POSTGRES_DOWN)[2].strip()}", red=True, bold=True)
        terminalreporter.write_line("!!! Every PostgreSQL test was skipped. Start PostgreSQL or set TEST_POSTGRES_URL.")


def test_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "frontend_dist": "/nonexistent",
        "worker_in_process": False,  # tests run the worker's steps themselves
        "rate_limit_signup": "",  # the rate limit has tests of its own; others must not trip over it
        "rate_limit_confirm": "",
        "rate_limit_login": "",
        "unconfirmed_per_client": 1000,  # every test client is one address; the cap has tests of its own
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


test_settings.__test__ = False  # a helper, not a test


async def _postgres_database() -> AsyncIterator[str]:
    base = make_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    name = f"teilhabe_test_{uuid.uuid4().hex[:10]}"
    admin_dsn = base.set(drivername="postgresql", database=base.database or "postgres").render_as_string(
        hide_password=False
    )
    try:
        connection = await asyncpg.connect(admin_dsn, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL at {base.host}:{base.port} does not answer ({exc.__class__.__name__}: {exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI=true requires PostgreSQL", pytrace=False)
        pytest.skip(f"{_POSTGRES_DOWN} {message}")
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


@pytest.fixture(scope="session")
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for tests that manage their own schema (migrations)."""
    async for url in _postgres_database():
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'teilhabe.db'}"
        return
    async for url in _postgres_database():
        yield url


@pytest.fixture(scope="session")
async def app(database_url: str) -> AsyncIterator[object]:
    application = create_app(test_settings(database_url))
    async with application.state.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def db(app: object) -> AsyncIterator[object]:
    """The app, emptied after the test so every test starts from a clean database."""
    yield app
    async with app.state.engine.begin() as connection:  # type: ignore[attr-defined]
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(delete(table))


@pytest.fixture
async def client(db: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=db)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as http:
        yield http


@dataclass
class City:
    """An organization with one admin, and the headers that admin sends."""

    organization: Organization
    admin: StaffUser
    headers: dict[str, str]

    @property
    def slug(self) -> str:
        return self.organization.slug


async def logged_in_token(
    app: Any, user_id: uuid.UUID, organization_id: uuid.UUID, *, now: datetime | None = None
) -> str:
    """An access token of a new login (StaffSession) of the staff member, as `POST /auth/token` would give."""
    async with app.state.sessionmaker() as session:
        login = StaffSession(user_id=user_id)
        session.add(login)
        await session.commit()
        login_id = login.id
    token, _ = create_access_token(app.state.settings, user_id, organization_id, login_id, now=now)
    return token


async def make_city(app: object, slug: str, *, email: str | None = None) -> City:
    async with app.state.sessionmaker() as session:  # type: ignore[attr-defined]
        organization = Organization(
            slug=slug, name=f"Stadt {slug.title()}", timezone="Europe/Berlin", default_language="de", cors_origins=[]
        )
        session.add(organization)
        await session.flush()
        admin = StaffUser(
            organization_id=organization.id,
            email=email or f"admin@{slug}.example",
            full_name=f"Admin {slug}",
            password_hash=_STAFF_PASSWORD_HASH,
        )
        session.add(admin)
        await session.flush()
        session.add(RoleGrant(organization_id=organization.id, user_id=admin.id, role=StaffRole.admin))
        await session.commit()
    token = await logged_in_token(app, admin.id, organization.id)
    return City(organization=organization, admin=admin, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
async def city(db: object) -> City:
    """Musterstadt-like test city with its admin."""
    return await make_city(db, "teststadt")


@pytest.fixture
async def other_city(db: object) -> City:
    """A second tenant, to prove that cities never see each other's data."""
    return await make_city(db, "andere-stadt")
