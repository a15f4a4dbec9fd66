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


# Every problem type the API sends: the last part of `type` (https://teilhabe.example/problems/<slug>),
# with its English title. Clients translate by slug; a test fails when code raises a slug not listed here.
PROBLEM_TYPES: dict[str, str] = {
    "bad-request": "Bad request",
    "unauthorized": "Not authenticated",
    "forbidden": "Forbidden",
    "not-found": "Not found",
    "method-not-allowed": "Method not allowed",
    "not-acceptable": "Not acceptable",
    "conflict": "Conflict",
    "payload-too-large": "Request body too large",
    "unsupported-media-type": "Unsupported media type",
    "validation-error": "Invalid input",
    "too-many-requests": "Too many requests",
    "error": "Error",
    # sign-up and membership refusals
    "event-closed": "Event closed for sign-ups",
    "event-full": "Event fully booked",
    "confirmation-expired": "Confirmation expired",
    "waitlisted": "On the waiting list",
    "registration-ended": "Registration ended",
    "event-cancelled": "Event cancelled",
    "event-postponed": "Event postponed",
    "event-over": "Event over",
    "invitation-only": "By invitation only",
    "registration-not-open": "Sign-up not open yet",
    "registration-closed": "Sign-up closed",
    "group-full": "Group full",
    "appointed-group": "Appointed group",
    "already-erased": "Already erased",
    "link-invalid": "Link not valid",
    "not-checkable": "Cannot be checked in",
    "not-active": "Not active",
    "not-waitlisted": "Not on the waiting list",
    "changed-meanwhile": "Changed meanwhile",
    "request-in-progress": "Request in progress",
    "membership-ended": "Membership ended",
    "not-decidable": "Cannot be decided",
    # the staff's own objects
    "process-archived": "Process archived",
    "draft-not-archivable": "A draft cannot be archived",
    "only-drafts-deletable": "Only drafts can be deleted",
    "event-cancelled-already": "Event cancelled already",
    "event-postponed-already": "Event postponed already",
    "publish-process-first": "Publish the process first",
    "publish-group-first": "Publish the group first",
    "draft-not-cancellable": "A draft cannot be cancelled",
    "invitation-accepted": "Invitation accepted already",
    "own-account": "Own account",
    "never-activated": "Never activated",
    "last-admin": "Last admin",
    "client-only": "Not for API clients",
    "client-revoked": "API client revoked",
    # cities (the platform operator) and sign-up limits
    "slug-taken": "Address taken",
    "email-taken": "E-mail address taken",
    "too-many-unconfirmed": "Too many unconfirmed sign-ups",
    # allocation of group places
    "no-application-groups": "No groups chosen by application",
    "allocation-stale": "Allocation out of date",
    "allocation-not-proposed": "Allocation no longer open",
}

# What was wrong with one field (`errors[].kind`); `limit` carries the number for the size kinds.
FIELD_ERROR_KINDS: dict[str, str] = {
    "required": "The field is missing or empty.",
    "too-long": "Longer than `limit` characters or items.",
    "too-short": "Shorter than `limit` characters or items.",
    "too-small": "Smaller than `limit`.",
    "too-large": "Larger than `limit`.",
    "not-a-number": "Not a number.",
    "not-a-date": "Not a date or time.",
    "out-of-range-date": "Not between the years 2000 and 2100.",
    "not-a-choice": "Not one of the allowed values.",
    "not-an-id": "Not an id.",
    "not-an-email": "Not an e-mail address.",
    "not-a-url": "Not a web address.",
    "phone-format": "Not a phone number.",
    "slug-format": "Not lower-case letters, digits and hyphens.",
    "language-format": "Not a language code.",
    "question-id-format": "Not a question id.",
    "format": "Not in the expected form.",
    "wrong-type": "Of the wrong type.",
    "unknown-field": "Not a field of this request.",
    "not-json": "Not valid JSON.",
    "not-text": "Contains characters that are not text.",
    "duplicate": "Names something twice.",
    "unknown-time-zone": "Not a known time zone.",
    "cannot-be-emptied": "Must keep a value.",
    "contact-needed": "An e-mail address or a phone number is needed.",
    "unknown-district": "Not one of the city's districts.",
    "ends-before-start": "Ends before it starts.",
    "outside-process": "Lies outside the process's dates.",
    "deadline-after-start": "The sign-up deadline is not before the start.",
    "opens-after-start": "Sign-up opens after the start.",
    "opens-after-close": "Sign-up opens after it closes.",
    "venue-needed": "An event in person or hybrid needs a venue.",
    "venue-not-online": "An online event has no venue.",
    "access-not-in-person": "Only online and hybrid events have online access details.",
    "other-process": "Belongs to another process.",
    "capacity-below-taken": "Lower than the seats or places taken.",
    "taken": "Used by another object already.",
    "signed-up-already": "This person is signed up already.",
    "choice-needs-options": "A choice question needs at least two options.",
    "options-only-for-choice": "Only choice questions have options.",
    "no-such-question": "The event has no such question.",
    "answer-required": "The question must be answered.",
    "role-scope": "The role does not fit the process or group given.",
    "password-wrong": "The current password is wrong.",
    "password-same": "The new password equals the current one.",
    "password-weak": "The password is too weak.",
    "link-invalid": "The link is not valid (any more).",
    "https-needed": "Must use https.",
    "not-public": "Must be reachable on the internet.",
    "deadline-after-end": "The sign-up deadline lies after the end.",
    "not-found": "Names nothing that exists.",
    "consent-outdated": "Not the current privacy notice.",
    "key-reused": "The Idempotency-Key was used for a different request.",
    "cursor-invalid": "The cursor is not valid.",
    "previous-year-needed": "An update needs the year of the concept it updates.",
    "previous-year-too-late": "The updated concept must be older than the process.",
    "previous-year-only-for-update": "Only an update has a previous concept year.",
    "phase-overlap": "The phase overlaps another.",
    "too-little-contrast": "White text on this colour is not readable (contrast below 4.5:1).",
    "default-language-missing": "The site must offer the city's default language.",
    "not-an-image": "Not a readable PNG, JPEG or WebP image.",
    "file-too-large": "Larger than `limit` KB.",
    "unknown-placeholder": "Names a placeholder that does not exist.",
    "language-not-offered": "Not a language the city's site offers.",
    "default-language-needed": "A text in the city's default language is needed.",
    "no-recipients": "Reaches nobody.",
    "stale-source": "The original changed after the translation was made.",
    "wrong-language": "In another language than the one asked for.",
    "invalid": "Not valid.",
}


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the field, e.g. `venue.name`.")
    location: str = Field(description="Where the field was sent: body, query, path or header.")
    message: str = Field(description="In English, for developers; clients show their own text for `kind`.")
    kind: str = Field(
        default="invalid",
        description="What is wrong, for clients to word in their language: "
        + ", ".join(f"`{kind}`" for kind in FIELD_ERROR_KINDS)
        + ".",
        json_schema_extra={"enum": list(FIELD_ERROR_KINDS)},
    )
    limit: int | None = Field(default=None, description="For too-long, too-short, too-small, too-large: the limit.")


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
        kind: str = "invalid",
        limit: int | None = None,
    ):
        super().__init__(detail)
        if slug is not None:
            self.slug = slug  # a more precise problem type, e.g. "event-full"
        self.detail = detail
        self.field = field
        self.kind = kind  # what is wrong with the field, one of FIELD_ERROR_KINDS
        self.limit = limit
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
    errors: list[dict[str, Any]] | None = None,
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


# Pydantic's error types, in the API's words (FIELD_ERROR_KINDS).
_KINDS = {
    "missing": "required",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "string_too_short": "too-short",
    "too_short": "too-short",
    "greater_than_equal": "too-small",
    "greater_than": "too-small",
    "less_than_equal": "too-large",
    "less_than": "too-large",
    "int_parsing": "not-a-number",
    "int_type": "not-a-number",
    "int_from_float": "not-a-number",
    "float_parsing": "not-a-number",
    "float_type": "not-a-number",
    "finite_number": "not-a-number",
    "enum": "not-a-choice",
    "literal_error": "not-a-choice",
    "bool_parsing": "wrong-type",
    "bool_type": "wrong-type",
    "string_type": "wrong-type",
    "list_type": "wrong-type",
    "dict_type": "wrong-type",
    "model_type": "wrong-type",
    "model_attributes_type": "wrong-type",
    "extra_forbidden": "unknown-field",
    "json_invalid": "not-json",
    "url_parsing": "not-a-url",
    "url_scheme": "not-a-url",
    "url_type": "not-a-url",
    "url_too_long": "too-long",
}
_LIMITS = ("max_length", "min_length", "ge", "gt", "le", "lt")
_PATTERN_KINDS = {
    "phone": "phone-format",
    "slug": "slug-format",
    "process_slug": "slug-format",
    "org_slug": "slug-format",
}


def _kind_of(error: Any, loc: list[str]) -> tuple[str, int | None]:
    """The kind of one pydantic error, and the number it was measured against."""
    type_ = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    limit = next((ctx[key] for key in _LIMITS if isinstance(ctx.get(key), int | float)), None)
    limit = int(limit) if limit is not None else None
    if type_ in FIELD_ERROR_KINDS:  # raised as PydanticCustomError(kind, message) by the schemas
        return type_, limit
    if type_ == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[a-z]{2,3}"):
            return "language-format", None
        if pattern.startswith("^[a-z][a-z0-9_]"):
            return "question-id-format", None
        return _PATTERN_KINDS.get(loc[-1] if loc else "", "format"), None
    if type_ == "string_too_short" and limit == 1:
        return "required", None  # an empty text where one is needed
    if type_.startswith(("datetime", "date", "time", "timezone")):
        return "not-a-date", None
    if type_.startswith("uuid"):
        return "not-an-id", None
    if type_ == "value_error" and "email address" in str(error.get("msg", "")):
        return "not-an-email", None
    return _KINDS.get(type_, "invalid"), limit


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
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
        kind, limit = _kind_of(error, loc)
        errors.append({"field": field, "location": location, "message": message, "kind": kind, "limit": limit})
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
            errors = [
                {
                    "field": exc.field,
                    "location": exc.location,
                    "message": exc.detail,
                    "kind": exc.kind,
                    "limit": exc.limit,
                }
            ]
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
