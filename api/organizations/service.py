from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import flush_unique
from api.errors import Conflict, InvalidInput, NotFound
from api.organizations.models import Organization, PrivacyNotice
from api.organizations.schemas import OrganizationUpdate, PrivacyNoticeCreate
from api.pagination import PageRequest, SortKey, paginate
from api.schemas import changes_of

BY_NAME = SortKey(Organization.name, Organization.id)


async def get_by_slug(session: AsyncSession, slug: str) -> Organization:
    organization = await session.scalar(
        select(Organization).where(Organization.slug == slug, Organization.is_active.is_(True))
    )
    if organization is None:
        raise NotFound("There is no organization with this address.")
    return organization


async def list_organizations(session: AsyncSession, page: PageRequest) -> tuple[list[Organization], str | None]:
    active = select(Organization).where(Organization.is_active.is_(True))
    rows, cursor = await paginate(session, active, BY_NAME, page)
    return list(rows), cursor


async def update_organization(session: AsyncSession, organization: Organization, data: OrganizationUpdate) -> None:
    changes = changes_of(
        data,
        required=(
            "name",
            "timezone",
            "default_language",
            "cors_origins",
            "retention_months",
            "languages",
            "districts",
        ),
    )
    for name, value in changes.items():
        setattr(organization, name, value)
    _ensure_default_offered(organization, changed=changes)
    await session.flush()


def _ensure_default_offered(organization: Organization, changed: dict[str, object]) -> None:
    """The site always offers the city's default language: residents land in it."""
    if organization.default_language in organization.languages:
        return
    if "languages" in changed:
        raise InvalidInput(
            "The site must offer the city's default language.", field="languages", kind="default-language-missing"
        )
    # Only the default changed: it joins the offered languages, first.
    organization.languages = [organization.default_language, *organization.languages]


async def latest_privacy_notice(session: AsyncSession, organization_id: uuid.UUID) -> PrivacyNotice | None:
    return await session.scalar(
        select(PrivacyNotice)
        .where(PrivacyNotice.organization_id == organization_id)
        .order_by(PrivacyNotice.version.desc())
        .limit(1)
    )


async def current_privacy_notice(session: AsyncSession, organization: Organization) -> PrivacyNotice:
    notice = await latest_privacy_notice(session, organization.id)
    if notice is None:
        raise NotFound("This city has not published a privacy notice yet.")
    return notice


async def privacy_notices(session: AsyncSession, organization: Organization) -> list[PrivacyNotice]:
    rows = await session.scalars(
        select(PrivacyNotice)
        .where(PrivacyNotice.organization_id == organization.id)
        .order_by(PrivacyNotice.version.desc())
    )
    return list(rows)


async def publish_privacy_notice(
    session: AsyncSession, organization: Organization, data: PrivacyNoticeCreate
) -> PrivacyNotice:
    latest = await latest_privacy_notice(session, organization.id)
    notice = PrivacyNotice(
        organization_id=organization.id,
        version=(latest.version + 1) if latest else 1,
        text=data.text,
        url=str(data.url) if data.url else None,
    )
    session.add(notice)
    await flush_unique(
        session, Conflict("Another version was published at the same moment; please retry.", slug="changed-meanwhile")
    )
    return notice
