"""The audit log, for admins."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.audit import service
from api.audit.schemas import AuditEntryOut
from api.audit.service import AuditFilters
from api.authz import P, authorize
from api.deps import Caller, Pages, Session
from api.pagination import Page
from api.schemas import Instant

router = APIRouter(prefix="/staff/audit", tags=["staff: audit log"])


def audit_filters(
    actor_id: Annotated[uuid.UUID | None, Query(description="A staff user's or API client's id.")] = None,
    action: Annotated[
        str | None, Query(max_length=80, pattern=r"^[a-z_]+$", description="e.g. `update_event`.")
    ] = None,
    object_type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$", description="e.g. `event`.")] = None,
    object_id: Annotated[uuid.UUID | None, Query()] = None,
    from_at: Annotated[
        Instant | None, Query(alias="from", description="From this instant on (inclusive); no offset: city time.")
    ] = None,
    to_at: Annotated[Instant | None, Query(alias="to", description="Before this instant (exclusive).")] = None,
) -> AuditFilters:
    return AuditFilters(
        actor_id=actor_id, action=action, object_type=object_type, object_id=object_id, from_at=from_at, to_at=to_at
    )


@router.get("", response_model=Page[AuditEntryOut], summary="Who changed what, newest first")
async def list_audit_entries(
    session: Session,
    caller: Caller,
    page: Pages,
    filters: Annotated[AuditFilters, Depends(audit_filters)],
) -> Page[AuditEntryOut]:
    authorize(caller, P.audit_read)
    rows, cursor = await service.list_entries(session, caller.organization, filters, page)
    actors, objects = await service.names_of(session, caller.organization, caller, rows)
    ctx = {"tz": caller.organization.timezone}
    items = []
    for entry in rows:
        named = objects.get((entry.object_type or "", entry.object_id)) if entry.object_id else None
        names = {"actor_name": actors.get(entry.actor_id) if entry.actor_id else None}
        if named is not None:
            names |= {"object_title": named.title, "parent_type": named.parent_type, "parent_id": named.parent_id}
        items.append(AuditEntryOut.model_validate(entry, context=ctx).model_copy(update=names))
    return Page(items=items, next_cursor=cursor)
