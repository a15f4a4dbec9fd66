from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from api.db import Session
from api.organizations import service
from api.organizations.models import Organization
from api.schemas import SLUG_PATTERN

OrgSlug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80, description="The city's slug.")]


async def public_organization(session: Session, org_slug: OrgSlug) -> Organization:
    return await service.get_by_slug(session, org_slug)


PublicOrganization = Annotated[Organization, Depends(public_organization)]
