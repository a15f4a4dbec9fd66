"""Typed domain errors and the one RFC 9457 problem+json handler for every error."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.i18n import API_LANGUAGE, LANGUAGES, fallbacks, negotiate
from api.i18n.catalogues import catalogue, gettext, ngettext
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

# What a person reads for each kind in `errors[].message`, translated in the `problems` catalogue; `{limit}`
# is filled in for the size kinds. Pydantic's own English messages mean little to a resident and exist in
# English only, so in every other language this sentence replaces them.
KIND_MESSAGES: dict[str, str] = {
    "required": "Please fill in this field.",
    "too-long": "Please enter at most {limit} characters.",
    "too-short": "Please enter at least {limit} characters.",
    "too-small": "Please enter a number of at least {limit}.",
    "too-large": "Please enter a number of at most {limit}.",
    "not-a-number": "Please enter a number.",
    "not-a-date": "Please enter a valid date or time.",
    "out-of-range-date": "Please enter a date between the years 2000 and 2100.",
    "not-a-choice": "Please choose one of the offered options.",
    "not-an-id": "This is not a valid id.",
    "not-an-email": "Please enter a valid e-mail address.",
    "not-a-url": "Please enter a valid web address.",
    "phone-format": "Please enter a valid phone number.",
    "slug-format": "Please use only lower-case letters, digits and hyphens.",
    "language-format": "Please enter a valid language code, e.g. de or ar.",
    "question-id-format": "Please enter a valid question id.",
    "format": "This is not in the expected form.",
    "wrong-type": "This value has the wrong type.",
    "unknown-field": "This field is not part of this request.",
    "not-json": "The request is not valid JSON.",
    "not-text": "Please use text characters only.",
    "duplicate": "Please name each entry only once.",
    "unknown-time-zone": "Please enter a known time zone, e.g. Europe/Berlin.",
    "cannot-be-emptied": "This field must keep a value.",
    "contact-needed": "Please give an e-mail address or a phone number.",
    "unknown-district": "Please choose one of the city's districts.",
    "ends-before-start": "The end must not be before the start.",
    "outside-process": "This must lie within the dates of the process.",
    "deadline-after-start": "The sign-up deadline must be before the start.",
    "opens-after-start": "Sign-up must open before the start.",
    "opens-after-close": "Sign-up must open before it closes.",
    "venue-needed": "An event in person or a hybrid event needs a venue.",
    "venue-not-online": "An online event has no venue.",
    "access-not-in-person": "Only online and hybrid events have online access details.",
    "other-process": "This belongs to another process.",
    "capacity-below-taken": "This is lower than the number of seats or places already taken.",
    "taken": "This is already in use.",
    "signed-up-already": "This person is already signed up.",
    "choice-needs-options": "A choice question needs at least two options.",
    "options-only-for-choice": "Only choice questions have options.",
    "no-such-question": "The event has no such question.",
    "answer-required": "Please answer this question.",
    "role-scope": "The role does not fit the process or group given.",
    "password-wrong": "The current password is wrong.",
    "password-same": "The new password must differ from the current one.",
    "password-weak": "This password is too weak. Please choose another.",
    "link-invalid": "This link is no longer valid.",
    "https-needed": "The address must use https.",
    "not-public": "The address must be reachable on the internet.",
    "deadline-after-end": "The sign-up deadline must not be after the end.",
    "not-found": "This does not exist.",
    "consent-outdated": "Please accept the current privacy notice.",
    "key-reused": "This Idempotency-Key was already used for a different request.",
    "cursor-invalid": "This page link is not valid. Please start again from the first page.",
    "previous-year-needed": "An update needs the year of the concept it updates.",
    "previous-year-too-late": "The updated concept must be older than the process.",
    "previous-year-only-for-update": "Only an update has a previous concept year.",
    "phase-overlap": "This phase overlaps another one.",
    "too-little-contrast": "White text on this colour is hard to read. Please choose a darker colour.",
    "default-language-missing": "The site must offer the city's default language.",
    "not-an-image": "Please upload a PNG, JPEG or WebP image.",
    "file-too-large": "The file may be at most {limit} KB.",
    "unknown-placeholder": "This text names a placeholder that does not exist.",
    "language-not-offered": "The city's site does not offer this language.",
    "default-language-needed": "A text in the city's default language is needed.",
    "no-recipients": "This reaches nobody.",
    "stale-source": "The original has changed since this translation was made; export the texts again.",
    "wrong-language": "This file is a translation into another language.",
    "invalid": "Please check this entry.",
}
# For lists, the size kinds count entries, not characters (pydantic's `too_long` and `too_short`).
ITEM_KIND_MESSAGES: dict[str, str] = {
    "too-long": "Please give at most {limit} entries.",
    "too-short": "Please give at least {limit} entries.",
}


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the field, e.g. `venue.name`.")
    location: str = Field(description="Where the field was sent: body, query, path or header.")
    message: str = Field(
        description="In the caller's language (Accept-Language / ?lang=, else English), for a person to read; "
        "clients may show their own text for `kind` instead."
    )
    kind: str = Field(
        default="invalid",
        description="What is wrong, for clients to word in their language: "
        + ", ".join(f"`{kind}`" for kind in FIELD_ERROR_KINDS)
        + ".",
        json_schema_extra={"enum": list(FIELD_ERROR_KINDS)},
    )
    limit: int | None = Field(default=None, description="For too-long, too-short, too-small, too-large: the limit.")


# `title`, `detail` and `errors[].message` come in the caller's language (`?lang=`, else Accept-Language, else
# English; named in Content-Language); `type` is the same in every language, for clients that translate by it.
class Problem(BaseModel):
    """RFC 9457 problem details; title, detail and field messages in the caller's language."""

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
        params: Mapping[str, Any] | None = None,
        plural: str | None = None,
    ):
        # `detail` is a msgid of the `problems` catalogue, with `{name}` placeholders filled from `params`;
        # with `plural`, `params["count"]` chooses the form. The filled-in English text is kept as `detail`
        # (logs, `str(exc)`, the command line); the problem answer translates `template` instead.
        self.template = detail
        self.plural = plural
        self.params: dict[str, Any] = dict(params or {})
        count = self.params.get("count")
        english = plural if plural is not None and count != 1 else detail
        detail = english.format(**self.params) if self.params else english
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


# The catalogue of problem answers: api/locales/problems/<language>.po, declared in api/problem_texts.py.
PROBLEMS = "problems"


class HTTPProblem(StarletteHTTPException):
    """An HTTP error raised where no DomainError may be (middleware, while FastAPI reads the body: it turns
    any other exception there into a 400), with its detail as a catalogue template and its parameters."""

    def __init__(self, status_code: int, template: str, params: Mapping[str, Any] | None = None) -> None:
        self.template = template
        self.params = dict(params or {})
        super().__init__(status_code, template.format(**self.params) if self.params else template)


def problem_language(request: Request) -> str:
    """The language of a problem answer: `?lang=` if Teilhabe speaks it, else the Accept-Language header,
    else English, as the API always answered clients that name no language. A language whose catalogue
    is not written yet answers in its fallback (Leichte Sprache in German, the others in English), and
    that is the language Content-Language names."""
    asked = negotiate(
        request.query_params.get("lang"),
        request.headers.get("accept-language"),
        offered=LANGUAGES,
        default=API_LANGUAGE,
    )
    return next(
        (
            code
            for code in fallbacks(asked, API_LANGUAGE)
            if code == API_LANGUAGE or catalogue(PROBLEMS, code) is not None
        ),
        API_LANGUAGE,
    )


def problem_text(language: str, msgid: str, **params: Any) -> str:
    """A sentence of the `problems` catalogue in the language (English, the msgid, where none is translated)."""
    return gettext(PROBLEMS, language, msgid, **params)


def domain_detail(exc: DomainError, language: str) -> str:
    if exc.plural is not None:
        params = {name: value for name, value in exc.params.items() if name != "count"}
        return ngettext(PROBLEMS, language, exc.template, exc.plural, int(exc.params["count"]), **params)
    return problem_text(language, exc.template, **exc.params)


def problem_response(
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
    language: str = API_LANGUAGE,
) -> JSONResponse:
    """The problem+json answer. `detail` and the field messages come translated; the title is translated
    here. `type` is the same slug in every language, so clients that translate by it keep working."""
    default_slug, default_title = _TITLES.get(status, ("error", "Error"))
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or default_slug),
        "title": problem_text(language, title or default_title),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    # The answer differs by the language asked for: caches must keep one per language.
    headers = {**(headers or {}), "Content-Language": language, "Vary": "Accept-Language"}
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


def _kind_message(language: str, kind: str, limit: int | None, pydantic_type: str) -> str:
    """The sentence for a kind, in the language, with the limit filled in."""
    message = KIND_MESSAGES.get(kind, KIND_MESSAGES["invalid"])
    if pydantic_type in ("too_long", "too_short") and kind in ITEM_KIND_MESSAGES:
        message = ITEM_KIND_MESSAGES[kind]
    if "{limit}" in message:
        if limit is None:  # a size kind without its number (never sent so, but a person still gets a sentence)
            message = KIND_MESSAGES["invalid"]
        else:
            return problem_text(language, message, limit=limit)
    return problem_text(language, message)


def _field_errors(exc: RequestValidationError, language: str = API_LANGUAGE) -> list[dict[str, Any]]:
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
        if language != API_LANGUAGE:
            # Pydantic speaks English only; a resident reads the kind's sentence in their language.
            message = _kind_message(language, kind, limit, str(error.get("type", "")))
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
        language = problem_language(request)
        detail = domain_detail(exc, language)
        errors = None
        if exc.field:
            errors = [
                {
                    "field": exc.field,
                    "location": exc.location,
                    "message": detail,
                    "kind": exc.kind,
                    "limit": exc.limit,
                }
            ]
        return problem_response(
            exc.status,
            detail,
            slug=exc.slug,
            title=exc.title,
            errors=errors,
            headers=exc.headers,
            instance=request.url.path,
            language=language,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        language = problem_language(request)
        errors = _field_errors(exc, language)
        fields = ", ".join(sorted({e["field"] for e in errors}))
        detail = problem_text(language, "Please check these fields: {fields}.", fields=fields)
        return problem_response(422, detail, errors=errors, instance=request.url.path, language=language)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        language = problem_language(request)
        detail = exc.detail if isinstance(exc.detail, str) else None
        if isinstance(exc, HTTPProblem):
            detail = problem_text(language, exc.template, **exc.params)
        elif exc.status_code == 404 and detail == "Not Found":
            detail = problem_text(language, "There is nothing at this address.")
        elif detail is not None:
            # Starlette's and FastAPI's own details (declared in api/problem_texts.py); others stay as they are.
            detail = problem_text(language, detail)
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            detail = problem_text(
                language,
                "{method} is not allowed here; use {allowed}.",
                method=request.method,
                allowed=", ".join(allowed),
            )
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return problem_response(exc.status_code, detail, headers=headers, instance=request.url.path, language=language)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with the trace for operators; the client gets no internals.
        log.exception("unhandled error on %s %s", request.method, redact(request.url.path))
        language = problem_language(request)
        detail = problem_text(language, "Something went wrong on our side. Please try again later.")
        return problem_response(500, detail, language=language)
