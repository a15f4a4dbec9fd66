"""Keyset (cursor) pagination shared by every list: stable order, capped size, opaque cursor."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from api.errors import InvalidInput

T = TypeVar("T")
MAX_LIMIT = 100


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


@dataclass(frozen=True)
class PageRequest:
    limit: int
    cursor: str | None


def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 20,
    cursor: Annotated[str | None, Query(max_length=512, description="`next_cursor` of the previous page.")] = None,
) -> PageRequest:
    return PageRequest(limit=limit, cursor=cursor)


def parse_datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("cursor instant without offset")
    return parsed.astimezone(UTC)  # OverflowError for instants no database holds


def parse_text(value: str) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("cursor text must be a string without NUL")
    value.encode("utf-8")  # UnicodeEncodeError for unpaired surrogates
    return value


def parse_date(value: str) -> date:
    return date.fromisoformat(value)


@dataclass(frozen=True)
class SortKey:
    """One allowed sort order: a column, its direction and how to read it back from a cursor."""

    column: InstrumentedAttribute[Any]
    id_column: InstrumentedAttribute[Any]
    descending: bool = False
    parse: Callable[[str], Any] = parse_text


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, date) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, sort: SortKey) -> tuple[Any, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, ident = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return sort.parse(key), uuid.UUID(ident)
    except (ValueError, TypeError, AttributeError, OverflowError, binascii.Error, UnicodeError) as exc:
        raise InvalidInput(
            "The cursor is not valid; start again without it.", field="cursor", location="query", kind="cursor-invalid"
        ) from exc


async def paginate(
    session: AsyncSession, stmt: Select[Any], sort: SortKey, page: PageRequest
) -> tuple[Sequence[Any], str | None]:
    """Runs `stmt` ordered by (sort key, id) from the cursor on; returns the rows and the next cursor."""
    col, id_col = sort.column, sort.id_column
    if page.cursor:
        # One row comparison rather than `col > key OR (col = key AND id > ident)`: an index on
        # (…, col, id) starts right at the cursor, so a deep page costs what the first one does.
        row, last_seen = tuple_(col, id_col), _decode(page.cursor, sort)
        stmt = stmt.where(row < last_seen if sort.descending else row > last_seen)
    order = (col.desc(), id_col.desc()) if sort.descending else (col.asc(), id_col.asc())
    rows = (await session.scalars(stmt.order_by(*order).limit(page.limit + 1))).all()
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    last = rows[-1]
    return rows, _encode([getattr(last, col.key), str(getattr(last, id_col.key))])
