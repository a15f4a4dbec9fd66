"""Every error is an RFC 9457 problem+json document, and no refused request writes anything."""

from __future__ import annotations

import base64
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api import errors
from api.main import create_app
from tests import conftest
from tests.builders import created, group_body, problem, process_body


def fields_of(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body["errors"]}


async def process_count(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    response = await client.get("/staff/processes", headers=headers)
    assert response.status_code == 200, response.text
    return len(response.json()["items"])


# --- routing -------------------------------------------------------------------------------------


async def test_unknown_path_is_a_404_problem(client):
    response = await client.get("/no-such-thing")

    body = problem(response, 404, slug="not-found")
    assert body["instance"] == "/api/v1/no-such-thing"


async def test_unknown_path_outside_the_api_is_a_404_problem(client):
    response = await client.get("http://testserver/wp-admin/setup.php")

    problem(response, 404, slug="not-found")


async def test_wrong_method_is_a_405_problem(client):
    response = await client.delete("/health")

    body = problem(response, 405, slug="method-not-allowed")
    assert "DELETE" in body["detail"]
    assert response.headers["allow"] == "GET"


async def test_405_names_every_method_of_a_path_served_by_several_routes(client, city):
    response = await client.put("/staff/events", headers=city.headers)
    problem(response, 405, slug="method-not-allowed")
    assert response.headers["allow"] == "GET, POST"
    one_event = await client.options(f"/staff/events/{uuid.uuid4()}", headers=city.headers)
    assert one_event.headers["allow"] == "DELETE, GET, PATCH"


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b'{"slug": "integrationskonzept",', b"not json at all", b'{"slug": "x"}}'],
    ids=["truncated", "not-json", "trailing-brace"],
)
async def test_invalid_json_is_a_422_problem_and_writes_nothing(client, city, content):
    headers = {**city.headers, "Content-Type": "application/json"}

    response = await client.post("/staff/processes", content=content, headers=headers)

    body = problem(response, 422, slug="validation-error")
    assert body["errors"]
    assert body["errors"][0]["location"] == "body"
    # The whole body is at fault, not some field named after a character offset.
    assert fields_of(body) == {"body"}
    assert await process_count(client, city.headers) == 0


async def test_wrong_types_are_named_field_by_field(client, city):
    bad = process_body(starts_on="bald", ends_on=20261231, title=123, guiding_principles="nur einer")

    response = await client.post("/staff/processes", json=bad, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    assert fields_of(body) == {"starts_on", "ends_on", "title", "guiding_principles"}
    assert all(error["location"] == "body" for error in body["errors"])
    assert all(error["message"] for error in body["errors"])
    for field in ("starts_on", "ends_on", "title", "guiding_principles"):
        assert field in body["detail"]
    assert await process_count(client, city.headers) == 0


async def test_missing_required_field_is_named(client, city):
    bad = process_body()
    del bad["starts_on"]

    response = await client.post("/staff/processes", json=bad, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    assert fields_of(body) == {"starts_on"}
    assert await process_count(client, city.headers) == 0


async def test_nested_field_is_named_with_its_path(client, city):
    bad = process_body(contacts=[{"name": "Amt", "email": "keine-adresse"}])

    response = await client.post("/staff/processes", json=bad, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    assert fields_of(body) == {"contacts.0.email"}
    assert await process_count(client, city.headers) == 0


async def test_wrong_capacity_type_is_named_and_no_group_is_written(client, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))

    response = await client.post(
        "/staff/groups", json=group_body(process["id"], capacity="viele"), headers=city.headers
    )

    body = problem(response, 422, slug="validation-error")
    assert fields_of(body) == {"capacity"}
    groups = await client.get("/staff/groups", headers=city.headers)
    assert groups.json()["items"] == []


async def test_a_valid_body_is_accepted(client, city):
    """The control for the refusals above: the same request with a good body creates the process."""
    response = await client.post("/staff/processes", json=process_body(), headers=city.headers)

    assert response.status_code == 201, response.text
    assert await process_count(client, city.headers) == 1


# --- body size -----------------------------------------------------------------------------------


async def test_body_over_the_limit_is_a_413_problem(client, db, city):
    limit = db.state.settings.max_body_bytes
    body = json.dumps(process_body(summary="x" * limit)).encode()
    assert len(body) > limit

    response = await client.post(
        "/staff/processes", content=body, headers={**city.headers, "Content-Type": "application/json"}
    )

    refused = problem(response, 413, slug="payload-too-large")
    assert str(limit) in refused["detail"]
    assert await process_count(client, city.headers) == 0


async def test_a_huge_announced_body_is_refused_before_it_is_read(client, city):
    async def body() -> AsyncIterator[bytes]:
        yield b"{}"

    headers = {**city.headers, "Content-Type": "application/json", "Content-Length": str(10**12)}
    response = await client.post("/staff/processes", content=body(), headers=headers)

    problem(response, 413, slug="payload-too-large")
    assert await process_count(client, city.headers) == 0


async def _stream(payload: bytes, chunk: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(payload), chunk):
        yield payload[start : start + chunk]


async def test_streamed_body_over_the_limit_is_a_413_problem(client, db, city):
    limit = db.state.settings.max_body_bytes
    payload = json.dumps(process_body(summary="x" * limit)).encode()
    headers = {**city.headers, "Content-Type": "application/json"}

    response = await client.post("/staff/processes", content=_stream(payload), headers=headers)

    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    problem(response, 413, slug="payload-too-large")
    assert await process_count(client, city.headers) == 0


async def test_streamed_body_under_the_limit_is_accepted(client, city):
    payload = json.dumps(process_body()).encode()
    headers = {**city.headers, "Content-Type": "application/json"}

    response = await client.post("/staff/processes", content=_stream(payload, chunk=16), headers=headers)

    assert "content-length" not in response.request.headers
    assert response.status_code == 201, response.text
    assert await process_count(client, city.headers) == 1


# --- unexpected errors ---------------------------------------------------------------------------


async def test_unexpected_error_is_a_500_problem_without_internals(tmp_path, caplog):
    app = create_app(conftest.test_settings(f"sqlite+aiosqlite:///{tmp_path / 'boom.db'}"))

    @app.get("/api/v1/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        with caplog.at_level(logging.ERROR, logger="api.errors"):
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                response = await http.get("/api/v1/boom")
    finally:
        await app.state.engine.dispose()

    body = problem(response, 500, slug="error")
    for leak in ("secret internals", "RuntimeError", "Traceback", "boom", ".py"):
        assert leak not in response.text
    # Operators still get the whole story in the log.
    logged = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], RuntimeError)]
    assert logged
    assert str(logged[0].exc_info[1]) == "secret internals"
    assert body["detail"]


# --- pagination ----------------------------------------------------------------------------------


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense!",
        "abc",
        _cursor({"a": 1}),
        _cursor(["2026-01-01"]),
        _cursor(["2026-01-01", "not-a-uuid"]),
        _cursor(["kein-datum", "00000000-0000-0000-0000-000000000000"]),
        _cursor([None, None]),
        _cursor([1, 2]),
        base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode(),
    ],
)
async def test_invalid_cursor_is_a_422_problem_naming_cursor(client, city, cursor):
    response = await client.get("/staff/processes", params={"cursor": cursor}, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    assert "cursor" in fields_of(body)


_SOME_ID = "00000000-0000-0000-0000-000000000000"


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/staff/events", _cursor(["2026-01-01T10:00:00", _SOME_ID])),  # an instant without offset
        ("/staff/events", _cursor(["9999-12-31T23:59:59-12:00", _SOME_ID])),  # past what a database holds
        ("/staff/groups", _cursor(["AG\u0000Bildung", _SOME_ID])),  # NUL, refused by PostgreSQL
        ("/staff/groups", _cursor(["\ud800", _SOME_ID])),  # an unpaired surrogate
    ],
)
async def test_cursor_keys_no_database_accepts_are_a_422_in_the_query(client, city, path, cursor):
    response = await client.get(path, params={"cursor": cursor}, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    assert body["errors"] == [
        {"field": "cursor", "location": "query", "message": body["detail"], "kind": "cursor-invalid", "limit": None}
    ]


async def test_cursor_of_a_previous_page_works(client, city):
    """The control for the refusals above: a cursor the API handed out is accepted."""
    for slug in ("eins", "zwei"):
        await created(await client.post("/staff/processes", json=process_body(slug=slug), headers=city.headers))
    first = await client.get("/staff/processes", params={"limit": 1}, headers=city.headers)
    cursor = first.json()["next_cursor"]
    assert cursor

    second = await client.get("/staff/processes", params={"limit": 1, "cursor": cursor}, headers=city.headers)

    assert second.status_code == 200, second.text
    assert len(second.json()["items"]) == 1
    assert second.json()["items"][0]["id"] != first.json()["items"][0]["id"]


@pytest.mark.parametrize("limit", ["101", "0", "-1", "viele"])
async def test_limit_out_of_range_is_a_422_problem(client, city, limit):
    response = await client.get("/staff/processes", params={"limit": limit}, headers=city.headers)

    body = problem(response, 422, slug="validation-error")
    error = body["errors"][0]
    assert body["errors"] == [
        {
            "field": "limit",
            "location": "query",
            "message": error["message"],
            "kind": error["kind"],
            "limit": error["limit"],
        },
    ]
    assert (error["kind"], error["limit"]) == {
        "101": ("too-large", 100),
        "0": ("too-small", 1),
        "-1": ("too-small", 1),
        "viele": ("not-a-number", None),
    }[limit]


async def test_limit_of_100_is_allowed(client, city):
    response = await client.get("/staff/processes", params={"limit": 100}, headers=city.headers)

    assert response.status_code == 200, response.text


# --- problem types and field error kinds: what clients translate ----------------------------------


def _literals(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in (Path(__file__).parent.parent / "api").rglob("*.py"):
        if path.name == "demo.py":  # slugs of demo cities and processes, not problem types
            continue
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_problem_type_the_code_raises_is_listed_for_clients():
    raised = _literals(r'\bslug="([a-z-]+)"') | _literals(r'slug, title = \d+, "([a-z-]+)"')
    raised |= {slug for slug, _title in errors._TITLES.values()} | {"error"}
    assert raised <= set(errors.PROBLEM_TYPES), "a problem slug is missing in api.errors.PROBLEM_TYPES"
    assert {"event-full", "validation-error", "publish-process-first"} <= raised


def test_every_field_error_kind_the_code_sends_is_listed_for_clients():
    sent = _literals(r'\bkind="([a-z-]+)"') | _literals(r'PydanticCustomError\(\s*"([a-z-]+)"')
    sent |= set(errors._KINDS.values()) | set(errors._PATTERN_KINDS.values())
    assert sent <= set(errors.FIELD_ERROR_KINDS)


async def test_the_problem_types_and_field_error_kinds_are_in_the_openapi_document(client):
    schema = (await client.get("http://testserver/api/openapi.json")).json()["components"]["schemas"]

    assert schema["ProblemType"]["enum"] == list(errors.PROBLEM_TYPES)
    assert schema["FieldError"]["properties"]["kind"]["enum"] == list(errors.FIELD_ERROR_KINDS)


async def test_a_too_long_text_says_how_long_it_may_be(client, city):
    response = await client.post("/staff/processes", json=process_body(title="x" * 260), headers=city.headers)

    body = problem(response, 422, "title", slug="validation-error")
    assert body["errors"] == [
        {
            "field": "title",
            "location": "body",
            "message": body["errors"][0]["message"],
            "kind": "too-long",
            "limit": 200,
        }
    ]


async def test_field_errors_name_their_kind(client, city):
    bad = process_body(slug="Nicht Gut", starts_on="bald", title="", contacts=[{"name": "Amt", "email": "keine"}])

    response = await client.post("/staff/processes", json=bad, headers=city.headers)

    kinds = {error["field"]: error["kind"] for error in problem(response, 422)["errors"]}
    assert kinds == {
        "slug": "slug-format",
        "starts_on": "not-a-date",
        "title": "required",
        "contacts.0.email": "not-an-email",
    }


async def test_a_refusal_of_the_domain_names_its_kind(client, city):
    response = await client.post(
        "/staff/processes",
        json=process_body(starts_on="2027-05-01", ends_on="2027-01-01"),
        headers=city.headers,
    )

    assert problem(response, 422, "ends_on")["errors"][0]["kind"] == "ends-before-start"
