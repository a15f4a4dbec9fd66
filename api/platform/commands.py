"""The operator's commands for a fresh installation, where no one can log in yet: `python -m api create-city`
and `python -m api create-operator`. Both only queue invitation mails; the worker sends them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.db import make_engine, make_sessionmaker, unit_of_work
from api.errors import DomainError
from api.organizations.models import Organization
from api.platform import service
from api.platform.schemas import CityCreate
from api.staff.authentication import UNUSABLE_PASSWORD, normalize_email, send_link
from api.staff.models import StaffTokenPurpose, StaffUser


class CommandFailed(Exception):
    """What the command line prints instead of a traceback."""


def city_from(**fields: object) -> CityCreate:
    try:
        return CityCreate.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise CommandFailed(problems) from None


async def create_city(settings: Settings, data: CityCreate) -> None:
    async with _session(settings) as session:
        await service.create_city(session, settings, data)


async def create_operator(settings: Settings, org_slug: str, email: str, name: str) -> None:
    """An operator account in the city it belongs to (the platform's own, or the first city), invited by mail."""
    async with _session(settings) as session:
        city = await session.scalar(select(Organization).where(Organization.slug == org_slug))
        if city is None:
            raise CommandFailed(f"There is no city with the slug {org_slug!r}.")
        address = normalize_email(email)
        if await session.scalar(select(StaffUser.id).where(StaffUser.email == address)):
            raise CommandFailed(f"{address} has a staff account already.")
        operator = StaffUser(
            organization_id=city.id,
            email=address,
            full_name=name,
            password_hash=UNUSABLE_PASSWORD,
            is_active=False,
            is_operator=True,
        )
        session.add(operator)
        await session.flush()
        await send_link(session, settings, operator, StaffTokenPurpose.invitation)


@asynccontextmanager
async def _session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """The command's one transaction: written when its work succeeded, else nothing changes."""
    engine = make_engine(settings.database_url)
    try:
        async with unit_of_work(make_sessionmaker(engine)) as session:
            yield session
    except DomainError as refused:
        raise CommandFailed(refused.detail) from None
    finally:
        await engine.dispose()
