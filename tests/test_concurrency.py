"""A sign-up rush, on SQLite and PostgreSQL: hundreds of concurrent sign-ups never overbook an event, the
seat counter always equals the rows that hold a seat, and one person never gets two registrations.

Each test prints a one-line summary (requests, seats, outcomes, wall time); see it with -s or -rA.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from api.db import make_engine
from api.participants import service as participants
from api.participants.models import Participant
from api.registrations import seats
from api.registrations.models import Registration
from api.security import hash_secret_token
from tests.builders import problem, published_event, published_process
from tests.signup_helpers import (
    hours_from_now,
    latest_token,
    mail_kinds,
    registrations_of,
    row_counts,
    run_expiry,
    seat_state,
    seat_state_query,
    sign_up,
    with_privacy_notice,
)

REQUESTS = 300
SEATS = 30


@pytest.fixture
async def process(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


def summary(db: Any, name: str, requests: int, seats: int, outcomes: Counter[str], started: float) -> None:
    figures = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
    print(
        f"\n[concurrency/{db.state.engine.dialect.name}] {name}: {requests} requests, {seats} seats -> "
        f"{figures}; wall time {time.perf_counter() - started:.2f} s"
    )


def outcome(response: httpx.Response) -> str:
    if response.status_code == 202:
        return response.json()["status"]
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        return f"{response.status_code} {response.json()['type'].rsplit('/', 1)[-1]}"
    return str(response.status_code)


async def rush(client: httpx.AsyncClient, city, event_id: str, emails: list[str]) -> list[httpx.Response]:
    return await asyncio.gather(*(sign_up(client, city, event_id, email=email) for email in emails))


def cancel(client: httpx.AsyncClient, token: str) -> Any:
    return client.post(f"/manage/registrations/{token}/cancel")


def confirm(client: httpx.AsyncClient, token: str) -> Any:
    return client.post(f"/manage/registrations/{token}/confirm")


def assert_no_server_errors(responses: list[httpx.Response]) -> None:
    errors = [(r.status_code, r.text[:200]) for r in responses if r.status_code >= 500]
    assert not errors, errors[:3]


async def test_rush_fills_the_seats_exactly_and_queues_the_rest(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=SEATS, waitlist_enabled=True)
    emails = [f"person{n:03d}@example.org" for n in range(REQUESTS)]

    started = time.perf_counter()
    responses = await rush(client, city, event["id"], emails)
    outcomes = Counter(outcome(r) for r in responses)
    summary(db, "sign-ups with waiting list", REQUESTS, SEATS, outcomes, started)

    assert_no_server_errors(responses)
    assert outcomes == {"pending": SEATS, "waitlisted": REQUESTS - SEATS}
    rows = await registrations_of(db, event["id"])
    assert len(rows) == REQUESTS
    assert len({row.participant_id for row in rows}) == REQUESTS
    assert sorted(row.participant.email for row in rows) == emails
    assert Counter(row.status for row in rows) == {"pending": SEATS, "waitlisted": REQUESTS - SEATS}
    assert await seat_state(db, event["id"]) == (SEATS, SEATS, SEATS)
    counts = await row_counts(db)
    assert counts["participants"] == counts["consents"] == counts["outbox"] == REQUESTS
    # Every waiting person has a place of their own in the queue.
    waiting = sorted((row.waitlisted_at, row.id) for row in rows if row.status == "waitlisted")
    assert len(set(waiting)) == REQUESTS - SEATS


async def test_rush_without_waiting_list_refuses_everyone_after_the_last_seat(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=SEATS)
    emails = [f"person{n:03d}@example.org" for n in range(REQUESTS)]

    started = time.perf_counter()
    responses = await rush(client, city, event["id"], emails)
    outcomes = Counter(outcome(r) for r in responses)
    summary(db, "sign-ups without waiting list", REQUESTS, SEATS, outcomes, started)

    assert_no_server_errors(responses)
    assert outcomes == {"pending": SEATS, "409 event-full": REQUESTS - SEATS}
    for response in responses:
        if response.status_code == 409:
            problem(response, 409, slug="event-full")
    rows = await registrations_of(db, event["id"])
    assert len(rows) == SEATS
    assert {row.status for row in rows} == {"pending"}
    assert await seat_state(db, event["id"]) == (SEATS, SEATS, SEATS)
    counts = await row_counts(db)  # the refused wrote nothing: no person, no consent, no mail
    assert counts["participants"] == counts["consents"] == counts["outbox"] == counts["registrations"] == SEATS


async def test_cancellations_racing_with_sign_ups_keep_the_seat_count_true(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=SEATS, waitlist_enabled=True)
    first = [f"first{n:02d}@example.org" for n in range(60)]
    status = {email: outcome(r) for email, r in zip(first, await rush(client, city, event["id"], first), strict=True)}
    assert Counter(status.values()) == {"pending": SEATS, "waitlisted": 30}
    tokens = {email: await latest_token(db, email) for email in first}
    seated = [email for email in first if status[email] == "pending"]
    queued = [email for email in first if status[email] == "waitlisted"]
    confirms = await asyncio.gather(*(confirm(client, tokens[e]) for e in seated[:15]))
    assert {r.status_code for r in confirms} == {200}
    # Five holds have run out; the worker and the people themselves (confirming late) race to expire them.
    late = seated[25:]
    async with db.state.sessionmaker() as session:
        await session.execute(
            update(Registration)
            .where(Registration.manage_token_hash.in_([hash_secret_token(tokens[e]) for e in late]))
            .values(hold_expires_at=hours_from_now(-1))
        )
        await session.commit()

    samples = 0
    racing = True
    watching = make_engine(db.state.settings.database_url)  # its own connection, not queued behind the rush

    async def watch() -> None:
        # One statement, so one snapshot: every committed state must be true, not only the last one.
        nonlocal samples
        async with watching.connect() as connection:
            while racing:
                query = seat_state_query(event["id"], waiting=True)
                taken, capacity, holding, waiting = (await connection.execute(query)).one()
                await connection.commit()
                assert taken == holding, (taken, holding)
                assert taken <= capacity, (taken, capacity)
                assert taken == capacity or not waiting, f"{capacity - taken} seats free while {waiting} wait"
                samples += 1
                await asyncio.sleep(0.001)

    newcomers = [f"new{n:03d}@example.org" for n in range(150)]
    work: list[Any] = [
        *(cancel(client, tokens[e]) for e in seated[:10]),  # confirmed people leave
        *(cancel(client, tokens[e]) for e in seated[15:25]),  # pending people leave
        *(cancel(client, tokens[e]) for e in queued[10:20]),  # people leave the waiting list
        *(sign_up(client, city, event["id"], email=e) for e in newcomers[:75]),
        *(confirm(client, tokens[e]) for e in late),
        run_expiry(db, datetime.now(UTC)),
        client.patch(f"/staff/events/{event['id']}", json={"capacity": SEATS + 5}, headers=city.headers),
        *(sign_up(client, city, event["id"], email=e) for e in newcomers[75:]),
    ]
    started = time.perf_counter()
    watcher = asyncio.ensure_future(watch())
    try:
        results = await asyncio.gather(*work)
    finally:
        racing = False
        await watcher
        await watching.dispose()
    responses = [r for r in results if isinstance(r, httpx.Response)]
    outcomes = Counter(f"{r.request.method} {outcome(r) if r.status_code == 202 else r.status_code}" for r in responses)
    outcomes["expired by the worker"] = results[110]
    final = Counter(str(row.status) for row in await registrations_of(db, event["id"]))
    rows_now = ", ".join(f"{count} {status}" for status, count in sorted(final.items()))
    name = f"cancel/expire/raise vs sign-ups ({samples} snapshots checked; rows now: {rows_now})"
    summary(db, name, len(work), SEATS + 5, outcomes, started)

    assert_no_server_errors(responses)
    assert samples > 0
    assert {(r.status_code, r.json()["status"]) for r in results[:30]} == {(200, "cancelled")}
    assert {r.status_code for r in results[30:105] + results[112:]} == {202}
    for response in results[105:110]:  # the hold ran out: refused, whoever expired it
        problem(response, 409)
        assert response.json()["type"].endswith(("/confirmation-expired", "/registration-ended"))
    assert results[111].status_code == 200, results[111].text

    taken, capacity, holding = await seat_state(db, event["id"])
    assert (taken, capacity) == (holding, SEATS + 5)
    rows = await registrations_of(db, event["id"])
    assert len(rows) == len(first) + len(newcomers)
    assert len({row.participant_id for row in rows}) == len(rows)
    assert Counter(row.status for row in rows)["expired"] == len(late)
    assert any(row.status == "waitlisted" for row in rows)
    assert taken == capacity, "a seat stayed free while people were waiting"


@pytest.fixture
def double_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slows every sign-up down right after its "signed up already?" check, so that parallel requests of one
    person really pass that check together, as they can on a loaded server."""
    record_consent = participants.record_consent

    async def slowly(*args: Any, **kwargs: Any) -> None:
        await asyncio.sleep(0.05)
        await record_consent(*args, **kwargs)

    monkeypatch.setattr(participants, "record_consent", slowly)


async def clicks(client, city, db, event_id: str, name: str, times: int = 20) -> Counter[str]:
    started = time.perf_counter()
    responses = await asyncio.gather(*(sign_up(client, city, event_id) for _ in range(times)))
    outcomes = Counter(outcome(r) for r in responses)
    summary(db, name, times, SEATS, outcomes, started)
    assert_no_server_errors(responses)
    return outcomes


async def test_new_person_clicking_twenty_times_gets_one_registration(client, city, db, process, double_click):
    event = await published_event(client, city.headers, process["id"], capacity=SEATS)
    assert await clicks(client, city, db, event["id"], "one new person, 20 clicks") == {"pending": 20}
    assert len(await registrations_of(db, event["id"])) == 1
    assert await seat_state(db, event["id"]) == (1, SEATS, 1)
    assert (await row_counts(db))["participants"] == 1
    assert sorted(await mail_kinds(db, "amira@example.org")) == ["confirm_registration"] + ["links_resent"] * 19


async def test_known_person_clicking_twenty_times_gets_one_registration(client, city, db, process, double_click):
    earlier = await published_event(client, city.headers, process["id"], title="Auftakt")
    assert (await sign_up(client, city, earlier["id"])).status_code == 202  # known to the city from now on
    event = await published_event(client, city.headers, process["id"], title="Konferenz", capacity=SEATS)

    assert await clicks(client, city, db, event["id"], "one known person, 20 clicks") == {"pending": 20}
    assert len(await registrations_of(db, event["id"])) == 1
    assert await seat_state(db, event["id"]) == (1, SEATS, 1)
    assert (await row_counts(db))["participants"] == 1
    kinds = await mail_kinds(db, "amira@example.org")
    assert sorted(kinds) == sorted(["confirm_registration"] * 2 + ["links_resent"] * 19)


async def test_person_coming_back_clicking_twenty_times_gets_one_registration(client, city, db, process, double_click):
    event = await published_event(client, city.headers, process["id"], capacity=SEATS)
    assert (await sign_up(client, city, event["id"])).status_code == 202
    token = await latest_token(db, "amira@example.org")
    assert (await cancel(client, token)).status_code == 200

    assert await clicks(client, city, db, event["id"], "one person coming back, 20 clicks") == {"pending": 20}
    [row] = await registrations_of(db, event["id"])
    assert row.status == "pending"
    assert await seat_state(db, event["id"]) == (1, SEATS, 1)
    kinds = await mail_kinds(db, "amira@example.org")
    assert sorted(kinds) == sorted(["confirm_registration"] * 2 + ["registration_cancelled"] + ["links_resent"] * 19)


async def test_person_cancelling_while_the_worker_expires_holds_does_not_deadlock(
    client, city, db, process, monkeypatch
):
    """The worker expires two overdue holds in one transaction while the second person cancels. The steps
    are forced into the order that deadlocks when a registration is locked before its event: the person's
    request holds their registration, the worker holds the event and wants that registration next."""
    event = await published_event(client, city.headers, process["id"], capacity=5, waitlist_enabled=True)
    for email in ("erste@example.org", "zweite@example.org"):
        assert (await sign_up(client, city, event["id"], email=email)).status_code == 202
    second = await latest_token(db, "zweite@example.org")
    async with db.state.sessionmaker() as session:
        for email, overdue in (("erste@example.org", 2), ("zweite@example.org", 1)):
            await session.execute(
                update(Registration)
                .where(Registration.participant_id == (await participant_id(session, email)))
                .values(hold_expires_at=hours_from_now(-overdue))
            )
        await session.commit()

    role: contextvars.ContextVar[str] = contextvars.ContextVar("role", default="request")
    request_holds_its_registration, worker_freed_a_seat = asyncio.Event(), asyncio.Event()
    free_seat = seats.free_seat

    async def ordered_free_seat(session: Any, event_id: Any) -> None:
        if role.get() == "worker":
            await free_seat(session, event_id)
            worker_freed_a_seat.set()
            return
        request_holds_its_registration.set()
        # Waits for the worker to hold the event; in the right lock order the worker cannot get there first.
        await asyncio.wait([asyncio.ensure_future(worker_freed_a_seat.wait())], timeout=0.5)
        await free_seat(session, event_id)

    monkeypatch.setattr(seats, "free_seat", ordered_free_seat)

    async def worker() -> int:
        role.set("worker")
        await asyncio.wait_for(request_holds_its_registration.wait(), timeout=5)
        return await run_expiry(db, datetime.now(UTC))

    started = time.perf_counter()
    cancelled, expired = await asyncio.wait_for(
        asyncio.gather(cancel(client, second), worker(), return_exceptions=True), timeout=20
    )
    outcomes = Counter({f"cancel {getattr(cancelled, 'status_code', repr(cancelled))}": 1, f"expired {expired!r}": 1})
    summary(db, "cancel vs worker expiry, forced interleaving", 2, 5, outcomes, started)

    assert not isinstance(expired, BaseException), repr(expired)
    assert isinstance(cancelled, httpx.Response), repr(cancelled)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert expired == 1
    statuses = {row.participant.email: row.status for row in await registrations_of(db, event["id"])}
    assert statuses == {"erste@example.org": "expired", "zweite@example.org": "cancelled"}
    assert await seat_state(db, event["id"]) == (0, 5, 0)


async def participant_id(session: Any, email: str) -> Any:
    return await session.scalar(select(Participant.id).where(Participant.email == email))


async def test_seat_freed_while_someone_joins_the_waiting_list_goes_to_them(client, city, db, process, monkeypatch):
    """A newcomer finds the event full and is being put on the waiting list; at that moment the only seated
    person cancels. Forced into the order that loses the seat when the two do not wait for each other: the
    cancellation looks for someone waiting before the newcomer's row is committed, and commits first."""
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    assert (await sign_up(client, city, event["id"], email="sitzt@example.org")).status_code == 202
    seated = await latest_token(db, "sitzt@example.org")

    role: contextvars.ContextVar[str] = contextvars.ContextVar("role", default="request")
    newcomer_found_it_full, cancellation_done = asyncio.Event(), asyncio.Event()
    take_seat = seats.take_seat

    async def ordered_take_seat(session: Any, event_id: Any) -> bool:
        got = await take_seat(session, event_id)
        if role.get() == "newcomer" and not got:
            newcomer_found_it_full.set()
            # Lets the cancellation run now; in the right lock order it waits for the newcomer instead.
            await asyncio.wait([asyncio.ensure_future(cancellation_done.wait())], timeout=0.5)
        return got

    monkeypatch.setattr(seats, "take_seat", ordered_take_seat)

    async def newcomer() -> httpx.Response:
        role.set("newcomer")
        return await sign_up(client, city, event["id"], email="neu@example.org")

    async def canceller() -> httpx.Response:
        await asyncio.wait_for(newcomer_found_it_full.wait(), timeout=5)
        response = await cancel(client, seated)
        cancellation_done.set()
        return response

    started = time.perf_counter()
    joined, cancelled = await asyncio.wait_for(asyncio.gather(newcomer(), canceller()), timeout=20)
    taken, capacity, holding = await seat_state(db, event["id"])
    newcomer_now = (await client.get(f"/manage/registrations/{await latest_token(db, 'neu@example.org')}")).json()
    outcomes = Counter({f"sign-up {outcome(joined)}": 1, f"cancel {cancelled.status_code}": 1})
    outcomes[f"newcomer now {newcomer_now['status']}, seats {taken}/{capacity}"] = 1
    summary(db, "cancel vs joining the waiting list, forced interleaving", 2, 1, outcomes, started)

    assert joined.status_code == 202, joined.text
    assert cancelled.status_code == 200, cancelled.text
    assert (taken, capacity) == (holding, 1)
    assert newcomer_now["status"] in ("pending", "offered"), "the freed seat stayed empty while someone waited"
    assert taken == 1
