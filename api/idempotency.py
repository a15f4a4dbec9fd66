"""Idempotency-Key for sign-up POSTs: a client that retries gets the first answer again, not a second sign-up."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, flush_unique, utcnow
from api.errors import Conflict, InvalidInput


class IdempotentResponse(IdMixin, Base):
    __tablename__ = "idempotent_responses"
    __table_args__ = (UniqueConstraint("organization_id", "scope", "key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Answer = TypeVar("Answer", bound=BaseModel)

# The header a client sends to make a retried POST safe.
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Send the same key when retrying; the first answer is replayed.",
    ),
]


# The scopes answers are remembered under: one per event's sign-up, one for all group applications.
# Erasure (api.privacy.erasure) looks in them for keys that name the person.
APPLICATION_SCOPE = "group-applications"


def signup_scope(event_id: object) -> str:
    return f"event-registration:{event_id}"


async def answer_once(
    session: AsyncSession,
    organization_id: uuid.UUID,
    scope: str,
    key: str | None,
    request: BaseModel,
    produce: Callable[[], Awaitable[Answer]],
    status_code: int = 202,
) -> Answer | JSONResponse:
    """`produce()`'s answer, remembered under `key`; the same key with the same request gets that answer
    again without producing anything, and with another request a 422."""
    fingerprint = request_hash(request.model_dump(mode="json"))
    if key:
        earlier = await earlier_response(session, organization_id, scope, key, fingerprint)
        if earlier is not None:
            return JSONResponse(earlier.body, status_code=earlier.status_code, headers={"Idempotent-Replayed": "true"})
    answer = await produce()
    if key:
        await remember(session, organization_id, scope, key, fingerprint, status_code, answer.model_dump(mode="json"))
    return answer


def request_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


async def earlier_response(
    session: AsyncSession, organization_id: uuid.UUID, scope: str, key: str, payload_hash: str
) -> IdempotentResponse | None:
    stored = await session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.organization_id == organization_id,
            IdempotentResponse.scope == scope,
            IdempotentResponse.key == key,
        )
    )
    if stored is not None and stored.request_hash != payload_hash:
        raise InvalidInput(
            "This Idempotency-Key was used for a different request; use a new key.",
            field="Idempotency-Key",
            location="header",
            kind="key-reused",
        )
    return stored


async def remember(
    session: AsyncSession,
    organization_id: uuid.UUID,
    scope: str,
    key: str,
    payload_hash: str,
    status_code: int,
    body: dict[str, Any],
) -> None:
    session.add(
        IdempotentResponse(
            organization_id=organization_id,
            scope=scope,
            key=key,
            request_hash=payload_hash,
            status_code=status_code,
            body=body,
        )
    )
    # Two requests with one key at the same time: the second is told to retry, and then gets the replay.
    await flush_unique(
        session,
        Conflict(
            "A request with this Idempotency-Key is still in progress; retry shortly.", slug="request-in-progress"
        ),
    )


KEPT_FOR = timedelta(hours=24)


async def forget_old(session: AsyncSession, now: datetime) -> int:
    """Retries come within minutes; after a day a stored answer is only data kept for nothing."""
    result = await session.execute(delete(IdempotentResponse).where(IdempotentResponse.created_at < now - KEPT_FOR))
    return result.rowcount or 0
