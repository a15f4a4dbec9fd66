from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import NotFound
from api.organizations.models import Organization
from api.organizations.schemas import OrganizationUpdate
from api.pagination import PageRequest, SortKey, paginate
from api.schemas import changes_of

BY_NAME = SortKey(Organization.name, Organization.id)


async def get_by_slug(session: AsyncSession, slug: str) -> Organization:
    organization = await session.scalar(select(Organization).where(Organization.slug == slug))
    if organization is None:
        raise NotFound("There is no organization with this address.")
    return organization


async def list_organizations(session: AsyncSession, page: PageRequest) -> tuple[list[Organization], str | None]:
    rows, cursor = await paginate(session, select(Organization), BY_NAME, page)
    return list(rows), cursor


async def update_organization(session: AsyncSession, organization: Organization, data: OrganizationUpdate) -> None:
    changes = changes_of(data, required=("name", "timezone", "default_language", "cors_origins"))
    for name, value in changes.items():
        setattr(organization, name, value)
    await session.flush()
