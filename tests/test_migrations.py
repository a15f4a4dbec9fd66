"""Every schema change has a migration: head matches the models, and the chain goes up and down."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect

from api import migrations
from api.db import make_engine
from api.models import Base


async def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def _check_constraints(url: str) -> set[str]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(
            lambda sync: {
                check["name"]
                for table in inspect(sync).get_table_names()
                for check in inspect(sync).get_check_constraints(table)
                if check.get("name")
            }
        )
    await engine.dispose()
    return names


def _model_check_constraints() -> set[str]:
    # Rules such as never_overbooked live in CHECK constraints, which autogenerate does not compare.
    # (The naming convention has already made each name its full ck_<table>_<rule> form.)
    return {
        str(constraint.name)
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }


async def _differences(url: str) -> list[object]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata)
        )
    await engine.dispose()
    return diff


async def test_migrations_on_sqlite(tmp_path: Path) -> None:
    await _up_and_down(f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}")


async def test_migrations_on_postgresql(postgres_url: str) -> None:
    await _up_and_down(postgres_url)


async def _up_and_down(empty_database: str) -> None:
    """Upgrade to head matches the models; downgrade to base leaves nothing; and up again works."""
    await asyncio.to_thread(migrations.upgrade, empty_database)
    assert await _tables(empty_database) == set(Base.metadata.tables)
    assert await _differences(empty_database) == [], "the models changed without a migration"
    assert await _check_constraints(empty_database) == _model_check_constraints()

    await asyncio.to_thread(migrations.downgrade, empty_database)
    assert await _tables(empty_database) == set()

    # And up again: a downgrade that leaves debris would break this.
    await asyncio.to_thread(migrations.upgrade, empty_database)
    assert await _tables(empty_database) == set(Base.metadata.tables)
    await asyncio.to_thread(migrations.downgrade, empty_database)


def test_migration_files_have_dated_names() -> None:
    files = sorted(p.name for p in (migrations.MIGRATIONS_DIR / "versions").glob("*.py"))
    assert files, "no migrations"
    for name in files:
        assert re.match(r"^\d{8}_", name), f"{name} does not start with a date (YYYYMMDD_)"
