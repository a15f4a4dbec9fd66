"""Recording who changed what, and reading it back.

`audit_trail` hangs on every staff router (api/main.py). It depends on the request's session and caller,
so it runs inside the request's unit of work: its entry is committed with the change it describes, and
nothing is written when the route raised (the exception comes out of the `yield` and the code after it
never runs; the session rolls back).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from sqlalchemy import String, Uuid, cast, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEntry
from api.authz import P
from api.deps import Caller, Session
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.memberships.models import Membership
from api.organizations.models import Organization, PrivacyNotice
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.participants.models import Participant
from api.processes.models import Phase, Process
from api.registrations.models import Registration
from api.schemas import local_to_utc
from api.staff.models import ApiClient, StaffUser
from api.webhooks.models import WebhookSubscription

CHANGING_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
# GET routes that hand out personal data are logged like changes: who downloaded whom, and when.
EXPORT_PREFIX = "export_"
REDACTED = "[redacted]"
# Fields whose values are personal data or secrets: the log names them, never their values, nor anything
# nested under them. `q` is a search for a name or e-mail address, `contacts` are people, and
# `online_access` holds the meeting's passcode.
PERSONAL_FIELDS = frozenset(
    {
        "full_name",
        "email",
        "phone",
        "affiliation",
        "answers",
        "note",
        "reason",
        "password",
        "text",
        "token",
        "q",
        "contacts",
        "online_access",
        "recipient",
    }
)
# Any field whose name contains one of these is treated as personal or secret too (new_password,
# contact_email, refresh_token, ...), so a field added later does not slip through by its name.
PERSONAL_MARKERS = ("password", "token", "secret", "email", "phone", "passcode", "key")

NEWEST_FIRST = SortKey(AuditEntry.at, AuditEntry.id, descending=True, parse=parse_datetime)


async def audit_trail(request: Request, session: Session, caller: Caller) -> AsyncIterator[None]:
    """Records every successful change (and every export of personal data) made through a staff route.
    A route whose body is not fit for the log (a message's text) sets `request.state.audit_changes`."""
    yield
    route = request.scope.get("route")
    action = getattr(route, "name", None)
    if not action or not _is_audited(request.method, action) or _changes_nothing(route):
        return
    actor_type, actor_id = actor_of(caller)
    object_type, object_id = _object_of(request)
    session.add(
        AuditEntry(
            organization_id=caller.organization.id,
            actor_type=actor_type,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            changes=getattr(request.state, "audit_changes", None) or await _changes(request, route),
        )
    )
    await session.flush()


def _changes_nothing(route: object) -> bool:
    return bool((getattr(route, "openapi_extra", None) or {}).get("x-changes-nothing"))


def _is_audited(method: str, action: str) -> bool:
    return method in CHANGING_METHODS or (method == "GET" and action.startswith(EXPORT_PREFIX))


def _object_of(request: Request) -> tuple[str | None, uuid.UUID | None]:
    """What the request acted on: set by a create route as `request.state.audit_object = (type, id)`,
    otherwise the most specific `…_id` path parameter (`event_id` → ("event", id))."""
    created = getattr(request.state, "audit_object", None)
    if created is not None:
        object_type, object_id = created
        return object_type, object_id
    for name, value in reversed(list(request.path_params.items())):
        if name.endswith("_id"):
            try:
                return name.removesuffix("_id"), uuid.UUID(str(value))
            except ValueError:
                continue
    return None, None


async def _changes(request: Request, route: Any) -> dict[str, Any]:
    if request.method == "GET":
        # An export: the filters it was made with (a search term is personal data). Only the parameters
        # the route knows: anything else in the address was never validated and means nothing.
        declared = _query_parameters(getattr(route, "dependant", None))
        query: dict[str, Any] = {}
        for name, value in request.query_params.multi_items():
            if name in declared:
                query.setdefault(name, []).append(value)
        return redact({name: values[0] if len(values) == 1 else values for name, values in query.items()})
    if getattr(route, "body_field", None) is None:
        return {}
    raw = await request.body()  # read and kept by FastAPI already; this is its copy
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return redact(body) if isinstance(body, dict) else {}


def _query_parameters(dependant: Any) -> set[str]:
    if dependant is None:
        return set()
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_parameters(sub)
    return names


def is_personal(field: str) -> bool:
    name = field.lower()
    return name in PERSONAL_FIELDS or any(marker in name for marker in PERSONAL_MARKERS)


def redact(values: dict[str, Any]) -> dict[str, Any]:
    """Every field name, with its value only when it is not personal data."""
    return {_storable(name): REDACTED if is_personal(name) else _redact_value(value) for name, value in values.items()}


def _redact_value(value: Any) -> Any:
    if isinstance(value, dict):
        return redact(value)
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    if isinstance(value, str):
        return _storable(value)
    return value


def _storable(text: str) -> str:
    """The body as sent can hold what a validator normalised away (a NUL in a URL is percent-encoded);
    PostgreSQL's JSON holds neither NUL nor unpaired surrogates, and the change must not fail on its log."""
    return "".join("\ufffd" if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in text)


# --- reading the log ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilters:
    actor_id: uuid.UUID | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: uuid.UUID | None = None
    from_at: datetime | None = None  # inclusive
    to_at: datetime | None = None  # exclusive


async def list_entries(
    session: AsyncSession, organization: Organization, filters: AuditFilters, page: PageRequest
) -> tuple[Sequence[AuditEntry], str | None]:
    stmt = select(AuditEntry).where(AuditEntry.organization_id == organization.id)
    if filters.actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == filters.actor_id)
    if filters.action is not None:
        stmt = stmt.where(AuditEntry.action == filters.action)
    if filters.object_type is not None:
        stmt = stmt.where(AuditEntry.object_type == filters.object_type)
    if filters.object_id is not None:
        stmt = stmt.where(AuditEntry.object_id == filters.object_id)
    # Instants without an offset are read in the city's time zone.
    if filters.from_at is not None:
        stmt = stmt.where(AuditEntry.at >= local_to_utc(filters.from_at, organization.timezone))
    if filters.to_at is not None:
        stmt = stmt.where(AuditEntry.at < local_to_utc(filters.to_at, organization.timezone))
    return await paginate(session, stmt, NEWEST_FIRST, page)


@dataclass(frozen=True)
class Named:
    """What the log shows beside an id: a name, and where the object lives in the console."""

    title: str | None
    parent_type: str | None = None
    parent_id: uuid.UUID | None = None


async def names_of(
    session: AsyncSession, organization: Organization, caller: Caller, entries: Sequence[AuditEntry]
) -> tuple[dict[uuid.UUID, str], dict[tuple[str, uuid.UUID], Named]]:
    """The actors' names and the objects' titles of a page of the log, in one statement (a UNION ALL of
    one SELECT per kind on the page; never a query per row). Only what still exists, in this city; a
    person's name only for a caller who may read people."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for entry in entries:
        if entry.actor_id is not None and entry.actor_type in ("staff", "client"):
            wanted.setdefault(f"actor:{entry.actor_type}", set()).add(entry.actor_id)
        if entry.object_type is not None and entry.object_id is not None:
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    parts = [
        part
        for kind, ids in wanted.items()
        if (part := _names_select(kind, ids, organization.id, caller.can(P.people_read))) is not None
    ]
    actors: dict[uuid.UUID, str] = {}
    objects: dict[tuple[str, uuid.UUID], Named] = {}
    if not parts:
        return actors, objects
    for row in (await session.execute(union_all(*parts))).all():
        if row.kind.startswith("actor:"):
            actors[row.id] = row.title
        else:
            objects[row.kind, row.id] = Named(row.title, _PARENTS.get(row.kind), row.parent_id)
    return actors, objects


# Where an object is shown in the console when it has no page of its own.
_PARENTS = {"phase": "process", "registration": "event", "membership": "group"}


def _names_select(kind: str, ids: set[uuid.UUID], org: uuid.UUID, may_read_people: bool) -> Any:
    """(kind, id, title, parent_id) of the objects of one kind; None for a kind without a name."""
    no_parent = cast(null(), Uuid)
    tag = literal(kind, String).label("kind")
    person = Participant.full_name if may_read_people else cast(null(), String)
    simple: dict[str, tuple[Any, Any]] = {
        "actor:staff": (StaffUser, StaffUser.full_name),
        "actor:client": (ApiClient, ApiClient.name),
        "process": (Process, Process.title),
        "event": (Event, Event.title),
        "group": (ThematicGroup, ThematicGroup.name),
        "client": (ApiClient, ApiClient.name),
        # Staff members are named in the log as actors anyway; they are not the residents the rule protects.
        "staff_user": (StaffUser, StaffUser.full_name),
        "user": (StaffUser, StaffUser.full_name),
        "webhook": (WebhookSubscription, WebhookSubscription.url),
        "subscription": (WebhookSubscription, WebhookSubscription.url),
        "privacy_notice": (PrivacyNotice, cast(PrivacyNotice.version, String)),
    }
    if kind in simple:
        model, title = simple[kind]
        return select(tag, model.id, cast(title, String).label("title"), no_parent.label("parent_id")).where(
            model.organization_id == org, model.id.in_(ids)
        )
    if kind == "phase":
        return (
            select(tag, Phase.id, Phase.name.label("title"), Phase.process_id.label("parent_id"))
            .join(Process, Process.id == Phase.process_id)
            .where(Process.organization_id == org, Phase.id.in_(ids))
        )
    if kind == "registration":
        return (
            select(tag, Registration.id, person.label("title"), Registration.event_id.label("parent_id"))
            .join(Participant, Participant.id == Registration.participant_id)
            .where(Registration.organization_id == org, Registration.id.in_(ids))
        )
    if kind == "membership":
        return (
            select(tag, Membership.id, person.label("title"), Membership.group_id.label("parent_id"))
            .join(Participant, Participant.id == Membership.participant_id)
            .where(Membership.organization_id == org, Membership.id.in_(ids))
        )
    if kind == "participant" and may_read_people:
        return select(tag, Participant.id, Participant.full_name.label("title"), no_parent.label("parent_id")).where(
            Participant.organization_id == org, Participant.id.in_(ids)
        )
    return None


def actor_of(caller: Caller) -> tuple[str, uuid.UUID | None]:
    """("staff", user id) or ("client", client id)."""
    if caller.client is not None:
        return "client", caller.client.id
    return "staff", caller.user_id
