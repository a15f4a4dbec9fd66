"""Typed domain errors and the one RFC 9457 problem+json handler for every error."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.logs import redact

log = logging.getLogger("api.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://teilhabe.example/problems/"


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the field, e.g. `venue.name`.")
    location: str = Field(description="Where the field was sent: body, query, path or header.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None


class DomainError(Exception):
    status = 400
    slug = "bad-request"
    title = "Bad request"
    # Set on refusals whose side effects must be committed anyway (see db.request_session).
    keep_changes = False

    def __init__(
        self,
        detail: str,
        *,
        field: str | None = None,
        location: str = "body",
        headers: dict[str, str] | None = None,
        slug: str | None = None,
    ):
        super().__init__(detail)
        if slug is not None:
            self.slug = slug  # a more precise problem type, e.g. "event-full"
        self.detail = detail
        self.field = field
        self.location = location
        self.headers = headers


class NotFound(DomainError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(DomainError):
    status, slug, title = 409, "conflict", "Conflict"


class InvalidInput(DomainError):
    status, slug, title = 422, "validation-error", "Invalid input"


class Unauthorized(DomainError):
    status, slug, title = 401, "unauthorized", "Not authenticated"

    def __init__(self, detail: str = "A valid bearer token is required."):
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(DomainError):
    status, slug, title = 403, "forbidden", "Forbidden"


class PayloadTooLarge(DomainError):
    status, slug, title = 413, "payload-too-large", "Request body too large"


_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Not authenticated"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation-error", "Invalid input"),
    429: ("too-many-requests", "Too many requests"),
}


def problem_response(
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    default_slug, default_title = _TITLES.get(status, ("error", "Error"))
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or default_slug),
        "title": title or default_title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


_PATTERN_MESSAGE = "This is not in the expected form."
_PATTERN_MESSAGES = {
    "phone": "Please give a phone number: digits, spaces and + ( ) / . - only, 5 to 30 characters.",
    "slug": "Use lower-case letters, digits and hyphens only, e.g. ag-bildung.",
    "process_slug": "Use lower-case letters, digits and hyphens only, e.g. integrationskonzept.",
    "org_slug": "Use lower-case letters, digits and hyphens only, e.g. musterstadt.",
}


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        if error.get("type") == "json_invalid":
            # Its loc ends in a character offset, not a field: the body as a whole is at fault.
            loc = loc[:1]
        location = loc[0] if loc else "body"
        field = ".".join(loc[1:]) or location
        message = str(error.get("msg", "is invalid"))
        # Pydantic's "Value error, ..." prefix means nothing to a person, nor does a regular expression.
        message = message.removeprefix("Value error, ")
        if error.get("type") == "string_pattern_mismatch":
            message = _PATTERN_MESSAGES.get(loc[-1] if loc else "", _PATTERN_MESSAGE)
        errors.append({"field": field, "location": location, "message": message})
    return errors


_METHODS = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> list[str]:
    """Every method the API offers at this path (Starlette's own answer names only the first route's)."""
    # Routes hidden from the schema (docs, the frontend's catch-all) do not speak for API paths.
    routes = [r for r in request.app.router.routes if getattr(r, "include_in_schema", True) is not False]
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        errors = None
        if exc.field:
            errors = [{"field": exc.field, "location": exc.location, "message": exc.detail}]
        return problem_response(
            exc.status,
            exc.detail,
            slug=exc.slug,
            title=exc.title,
            errors=errors,
            headers=exc.headers,
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        fields = ", ".join(sorted({e["field"] for e in errors}))
        return problem_response(422, f"Please check these fields: {fields}.", errors=errors, instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is nothing at this address."
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            detail = f"{request.method} is not allowed here; use {', '.join(allowed)}."
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return problem_response(exc.status_code, detail, headers=headers, instance=request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with the trace for operators; the client gets no internals.
        log.exception("unhandled error on %s %s", request.method, redact(request.url.path))
        return problem_response(500, "Something went wrong on our side. Please try again later.")
