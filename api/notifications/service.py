from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.notifications.models import OutboxMessage
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_datetime

NEWEST_FIRST = SortKey(OutboxMessage.created_at, OutboxMessage.id, descending=True, parse=parse_datetime)


async def list_mails(
    session: AsyncSession, organization: Organization, recipient: str | None, page: PageRequest
) -> tuple[Sequence[OutboxMessage], str | None]:
    stmt = select(OutboxMessage).where(OutboxMessage.organization_id == organization.id)
    if recipient:
        stmt = stmt.where(OutboxMessage.recipient == recipient.strip().lower())
    return await paginate(session, stmt, NEWEST_FIRST, page)
