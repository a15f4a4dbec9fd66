"""Development only: the captured mails, so a new user can follow a sign-up end to end."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from api.authz import P, authorize
from api.deps import Caller, Pages, Session, Settings
from api.errors import NotFound
from api.notifications import service
from api.notifications.models import OutboxStatus
from api.pagination import Page

router = APIRouter(prefix="/dev/mails", tags=["development"])


class CapturedMail(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    recipient: str
    subject: str
    body_text: str
    body_html: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


def development_only(settings: Settings) -> None:
    if not settings.is_development:
        raise NotFound("There is nothing at this address.")


@router.get(
    "",
    response_model=Page[CapturedMail],
    summary="Mails of your city (development only)",
    dependencies=[Depends(development_only)],
)
async def list_mails(
    session: Session,
    caller: Caller,
    page: Pages,
    recipient: Annotated[str | None, Query(max_length=254, pattern=r"^[^\x00]+$")] = None,
) -> Page[CapturedMail]:
    authorize(caller, P.organization_manage)
    rows, cursor = await service.list_mails(session, caller.organization, recipient, page)
    return Page(items=[CapturedMail.model_validate(m) for m in rows], next_cursor=cursor)
