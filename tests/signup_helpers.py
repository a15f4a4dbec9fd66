"""Helpers for sign-up tests: a city with a privacy notice, sign-up bodies, and the mails it wrote."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Select, func, select

from api.events.models import Event
from api.idempotency import IdempotentResponse
from api.lifecycle.models import StatusChange
from api.notifications.models import OutboxMessage
from api.organizations.models import PrivacyNotice
from api.participants.models import Consent, Participant
from api.registrations.models import SEAT_HOLDING, Registration, RegistrationStatus
from api.registrations.seats import expire_holds
from tests.conftest import City

# The secret rides in the fragment (`/manage/registration?confirm=1#t=…`): browsers never send it to the server.
LINK = re.compile(r"/manage/(registration|membership)(?:\?[^#\s]*)?#t=([A-Za-z0-9_-]{20,})")


async def with_privacy_notice(app: Any, city: City, version: int = 1) -> int:
    async with app.state.sessionmaker() as session:
        session.add(PrivacyNotice(organization_id=city.organization.id, version=version, text="Datenschutz"))
        await session.commit()
    return version


def person(email: str = "amira@example.org", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "full_name": "Amira Haddad",
        "email": email,
        "preferred_language": "de",
        "category": "resident",
        "consent": {"privacy_notice_version": 1},
    }
    body.update(overrides)
    return body


async def mails_to(app: Any, recipient: str) -> list[OutboxMessage]:
    async with app.state.sessionmaker() as session:
        rows = await session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.created_at)
        )
        return list(rows)


def manage_token(mail: OutboxMessage) -> str:
    match = LINK.search(mail.body_text)
    assert match, mail.body_text
    return match.group(2)


async def sign_up(client: httpx.AsyncClient, city: City, event_id: str, **body: Any) -> httpx.Response:
    return await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=person(**body))


# --- shared by the registration, staff and concurrency tests -------------------------------------------

# The online access details of builders.event_body: none of them may leak before a seat is confirmed.
ACCESS_SECRETS = ("https://meet.example/secret-room", "812 3456 7890", "Geheim-4711", "+49 30 1234567")


def assert_no_access_details(text: str) -> None:
    leaked = [secret for secret in ACCESS_SECRETS if secret in text]
    assert not leaked, f"online access details leaked: {leaked}"


async def row_counts(app: Any) -> dict[str, int]:
    """Rows of everything a sign-up writes, to prove that a refused one wrote nothing."""
    counted = {
        "participants": Participant,
        "consents": Consent,
        "registrations": Registration,
        "status_changes": StatusChange,
        "outbox": OutboxMessage,
        "idempotent_responses": IdempotentResponse,
    }
    async with app.state.sessionmaker() as session:
        return {name: await session.scalar(select(func.count()).select_from(model)) for name, model in counted.items()}


def seat_state_query(event_id: str, *, waiting: bool = False) -> Select[Any]:
    """(seats_taken, capacity, rows holding a seat[, rows on the waiting list]) in one statement, so that one
    snapshot answers."""
    columns = [Event.seats_taken, Event.capacity, _rows_of(Event.id, SEAT_HOLDING)]
    if waiting:
        columns.append(_rows_of(Event.id, (RegistrationStatus.waitlisted,)))
    return select(*columns).where(Event.id == uuid.UUID(event_id))


def _rows_of(event_id: Any, statuses: tuple[RegistrationStatus, ...]) -> Any:
    return (
        select(func.count())
        .where(Registration.event_id == event_id, Registration.status.in_(statuses))
        .scalar_subquery()
    )


async def seat_state(app: Any, event_id: str) -> tuple[int, int | None, int]:
    async with app.state.sessionmaker() as session:
        taken, capacity, holding = (await session.execute(seat_state_query(event_id))).one()
        return taken, capacity, holding


async def registrations_of(app: Any, event_id: str) -> list[Any]:
    async with app.state.sessionmaker() as session:
        rows = await session.scalars(
            select(Registration)
            .where(Registration.event_id == uuid.UUID(event_id))
            .order_by(Registration.created_at, Registration.id)
        )
        return list(rows)


async def run_expiry(app: Any, now: datetime) -> int:
    """The worker's expiry step at `now`, as the worker runs it: its own session, then commit."""
    async with app.state.sessionmaker() as session:
        expired = await expire_holds(session, app.state.settings, now)
        await session.commit()
    return expired


async def mail_kinds(app: Any, recipient: str) -> list[str]:
    return [mail.kind for mail in await mails_to(app, recipient)]


async def latest_token(app: Any, recipient: str) -> str:
    """The manage token from the newest mail to `recipient`."""
    mails = await mails_to(app, recipient)
    assert mails, f"no mail to {recipient}"
    return manage_token(mails[-1])


def hours_from_now(hours: float) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)
