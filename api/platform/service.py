"""Cities on this installation: created with their first admin and privacy notice, listed, switched off."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.config import Settings
from api.db import flush_unique
from api.errors import Conflict, NotFound
from api.organizations.models import Organization, PrivacyNotice
from api.pagination import PageRequest, SortKey, paginate
from api.platform.schemas import CityCreate
from api.staff import administration
from api.staff.authentication import normalize_email
from api.staff.models import StaffRole, StaffUser
from api.staff.schemas import RoleGrantIn, StaffInvite

BY_NAME = SortKey(Organization.name, Organization.id)


async def list_cities(session: AsyncSession, page: PageRequest) -> tuple[list[Organization], str | None]:
    rows, cursor = await paginate(session, select(Organization), BY_NAME, page)
    return list(rows), cursor


async def create_city(session: AsyncSession, settings: Settings, data: CityCreate) -> Organization:
    slug_taken = Conflict("A city with this address (slug) exists already.", field="slug", slug="slug-taken")
    if await session.scalar(select(Organization.id).where(Organization.slug == data.slug)):
        raise slug_taken
    if await session.scalar(select(StaffUser.id).where(StaffUser.email == normalize_email(data.admin_email))):
        raise Conflict(
            "This address already has a staff account; each address belongs to one city.",
            field="admin_email",
            slug="email-taken",
        )
    city = Organization(
        slug=data.slug,
        name=data.name,
        office_name=data.office_name,
        contact_email=data.contact_email,
        timezone=data.timezone,
        default_language=data.default_language,
        languages=[data.default_language],
        cors_origins=[],
    )
    session.add(city)
    await flush_unique(session, slug_taken)
    session.add(
        PrivacyNotice(
            organization_id=city.id,
            version=1,
            text=data.privacy_notice_text,
            url=str(data.privacy_notice_url) if data.privacy_notice_url else None,
        )
    )
    first_admin = StaffInvite(
        email=data.admin_email, full_name=data.admin_name, roles=[RoleGrantIn(role=StaffRole.admin)]
    )
    await administration.invite(session, settings, city, first_admin)
    return city


async def get_city(session: AsyncSession, organization_id: uuid.UUID) -> Organization:
    city = await session.get(Organization, organization_id)
    if city is None:
        raise NotFound("There is no city with this id.")
    return city


async def switch(session: AsyncSession, caller: Caller, city: Organization, *, active: bool) -> Organization:
    """Switching a city off hides its site and API and stops its staff and API keys; nothing is deleted."""
    if not active and city.id == caller.organization.id:
        raise Conflict("You cannot switch off the city your own account belongs to.")
    city.is_active = active
    await session.flush()
    return city
