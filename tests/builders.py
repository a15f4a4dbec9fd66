"""Valid request bodies, and API calls that set up a published process with groups and events."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import update

from api import errors
from api.events.models import Event

BERLIN = ZoneInfo("Europe/Berlin")


def today() -> date:
    return datetime.now(BERLIN).date()


def local(days_from_today: int, hour: int = 16, minute: int = 0) -> str:
    """An ISO instant with offset, `days_from_today` days ahead at `hour` o'clock in Berlin."""
    day = today() + timedelta(days=days_from_today)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN).isoformat()


def process_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "slug": "integrationskonzept",
        "title": "Integrationskonzept Teststadt",
        "summary": "Gemeinsam ein Integrationskonzept schreiben.",
        "starts_on": (today() - timedelta(days=30)).isoformat(),
        "ends_on": (today() + timedelta(days=500)).isoformat(),
        "guiding_principles": ["Wir schätzen unsere Vielfalt."],
        "fields_of_action": ["Bildung", "Arbeit"],
        "contacts": [{"name": "Amt für Integration", "phone": "0123 456", "email": "integration@teststadt.example"}],
    }
    body.update(overrides)
    return body


def group_body(process_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "process_id": process_id,
        "slug": "ag-bildung",
        "name": "AG Bildung",
        "kind": "working_group",
        "field_of_action": "Bildung",
        "membership_mode": "open",
        "capacity": 25,
        "signup_deadline": local(20, 23, 59),
    }
    body.update(overrides)
    return body


def event_body(process_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "process_id": process_id,
        "title": "Digitale Auftaktveranstaltung",
        "kind": "kickoff",
        "format": "online",
        "starts_at": local(14, 16),
        "ends_at": local(14, 18),
        "capacity": 100,
        "registration_closes_at": local(13, 12),
        "online_access": {
            "join_url": "https://meet.example/secret-room",
            "meeting_id": "812 3456 7890",
            "passcode": "Geheim-4711",
            "dial_in": "+49 30 1234567",
        },
    }
    body.update(overrides)
    return body


def in_person(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": "in_person",
        "online_access": None,
        "venue": {"name": "Rathaus", "address": "Marktplatz 1", "step_free": True},
    }
    body.update(overrides)
    return body


async def created(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return response.json()


async def published_process(client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    process = await created(await client.post("/staff/processes", json=process_body(**overrides), headers=headers))
    response = await client.post(f"/staff/processes/{process['id']}/publish", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def published_group(
    client: httpx.AsyncClient, headers: dict[str, str], process_id: str, **overrides: Any
) -> dict[str, Any]:
    group = await created(await client.post("/staff/groups", json=group_body(process_id, **overrides), headers=headers))
    response = await client.post(f"/staff/groups/{group['id']}/publish", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def published_event(
    client: httpx.AsyncClient, headers: dict[str, str], process_id: str, **overrides: Any
) -> dict[str, Any]:
    event = await created(await client.post("/staff/events", json=event_body(process_id, **overrides), headers=headers))
    response = await client.post(f"/staff/events/{event['id']}/publish", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPES = "https://teilhabe.example/problems/"
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def problem(
    response: httpx.Response, status: int, field: str | None = None, *, slug: str | None = None
) -> dict[str, Any]:
    """Asserts an RFC 9457 answer: `status`, the problem+json content type, type, title, status and detail,
    the type `slug` if given (otherwise any of our problem types), and, if given, an error naming `field`.
    Returns the body."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    assert response.headers["content-type"] == PROBLEM_CONTENT_TYPE, response.headers
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}, body
    assert body["status"] == status, body
    if slug is not None:
        assert body["type"] == PROBLEM_TYPES + slug, body
    else:
        assert body["type"].startswith(PROBLEM_TYPES), body
        assert _SLUG.fullmatch(body["type"].removeprefix(PROBLEM_TYPES)), body
    # Every type a client may get is listed for clients to translate (openapi.yaml: ProblemType).
    assert body["type"].removeprefix(PROBLEM_TYPES) in errors.PROBLEM_TYPES, body
    assert isinstance(body["title"], str), body
    assert body["title"], body
    assert isinstance(body["detail"], str), body
    assert body["detail"], body
    if field is not None:
        assert field in [error["field"] for error in body.get("errors") or []], body
    return body


async def fetch(client: httpx.AsyncClient, path: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def walk(
    client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
    limit: int = 2,
) -> list[dict[str, Any]]:
    """Follows `next_cursor` page by page; asserts page sizes and that no item comes twice."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(100):
        query = {**(params or {}), "limit": limit}
        if cursor:
            query["cursor"] = cursor
        response = await client.get(path, params=query, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(page["items"]) == limit, "a page before the last one is full"
    else:
        raise AssertionError("pagination did not end")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "an item came twice"
    return items


async def set_seats_taken(app: Any, event_id: str, seats: int) -> None:
    """Sets the seat counter directly, as sign-ups would (the `db` fixture is the app)."""
    async with app.state.sessionmaker() as session:
        await session.execute(update(Event).where(Event.id == uuid.UUID(event_id)).values(seats_taken=seats))
        await session.commit()
