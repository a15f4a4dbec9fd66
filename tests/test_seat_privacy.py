"""Seats and privacy: the public count cannot tell whether an address is signed up (finding 6), and no one
client can hold a hall's seats with unconfirmed sign-ups (finding 9), while a family still signs up together."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from api.db import utcnow
from tests.builders import created, fetch, problem, process_body, published_event
from tests.conftest import City
from tests.signup_helpers import latest_token, registrations_of, sign_up, with_privacy_notice


async def an_event(client: httpx.AsyncClient, db: Any, city: City, **overrides: Any) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    await client.post(f"/staff/processes/{process['id']}/publish", headers=city.headers)
    return await published_event(client, city.headers, process["id"], **overrides)


async def public_seats(client: httpx.AsyncClient, city: City, event_id: str) -> int:
    return (await fetch(client, f"/orgs/{city.slug}/events/{event_id}"))["seats_left"]


async def from_address(db: Any, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=db, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1")


# --- finding 6: the public count -------------------------------------------------------------------


async def test_signing_up_a_known_and_a_new_address_looks_the_same_from_outside(client, db, city):
    event = await an_event(client, db, city, capacity=20)
    assert (await sign_up(client, city, event["id"], email="bekannt@example.org")).status_code == 202
    await client.post(f"/manage/registrations/{await latest_token(db, 'bekannt@example.org')}/confirm")
    before = await public_seats(client, city, event["id"])
    assert before == 19  # the confirmed seat counts

    # The prober signs up the address they want to test, and a new one, and watches the count.
    known = await sign_up(client, city, event["id"], email="bekannt@example.org")
    after_known = await public_seats(client, city, event["id"])
    new = await sign_up(client, city, event["id"], email="neu@example.org")
    after_new = await public_seats(client, city, event["id"])

    assert (known.status_code, known.json()["status"]) == (new.status_code, new.json()["status"])
    assert after_known == after_new == before
    # Staff see exactly what is held.
    staff_view = await fetch(client, f"/staff/events/{event['id']}", city.headers)
    assert (staff_view["seats_left"], staff_view["seats_taken"]) == (18, 2)
    # Confirming (which needs the mailbox) is what lowers the public count.
    await client.post(f"/manage/registrations/{await latest_token(db, 'neu@example.org')}/confirm")
    assert await public_seats(client, city, event["id"]) == 18


async def test_the_seat_filter_and_open_data_use_the_public_count_too(client, db, city):
    event = await an_event(client, db, city, capacity=1)
    assert (await sign_up(client, city, event["id"], email="neu@example.org")).status_code == 202

    with_seats = await fetch(client, f"/orgs/{city.slug}/events?has_seats_left=true")
    opendata = (await client.get(f"/orgs/{city.slug}/open-data/events.json")).text

    assert [e["id"] for e in with_seats["items"]] == [event["id"]]
    assert '"seats_left":1' in opendata.replace(" ", "")


# --- finding 9: seat hoarding ----------------------------------------------------------------------


@pytest.fixture
def capped(db: Any) -> Any:
    """The production cap on unconfirmed sign-ups per client (the other tests lift it: one client is all)."""
    lifted = db.state.settings
    db.state.settings = lifted.model_copy(update={"unconfirmed_per_client": 10})
    yield
    db.state.settings = lifted


async def test_one_client_holds_a_bounded_number_of_seats_and_a_family_fits(client, db, city, capped):
    event = await an_event(client, db, city, capacity=100)
    hoarder = await from_address(db, "203.0.113.50")
    family = await from_address(db, "198.51.100.20")
    async with hoarder, family:
        for n in range(10):
            response = await sign_up(hoarder, city, event["id"], email=f"fake-{n}@example.org")
            assert response.status_code == 202, response.text

        refused = await sign_up(hoarder, city, event["id"], email="fake-10@example.org")

        problem(refused, 429, slug="too-many-unconfirmed")
        assert len(await registrations_of(db, event["id"])) == 10
        # A family of six on one phone, from another connection, signs up together.
        for member in ("mutter", "vater", "oma", "kind-1", "kind-2", "kind-3"):
            assert (await sign_up(family, city, event["id"], email=f"{member}@familie.example")).status_code == 202
        # Confirming frees the client's budget: it counts what is held, not what was ever sent.
        await hoarder.post(f"/manage/registrations/{await latest_token(db, 'fake-0@example.org')}/confirm")
        assert (await sign_up(hoarder, city, event["id"], email="fake-10@example.org")).status_code == 202


@pytest.mark.parametrize(("capacity", "taken_before", "scarce"), [(100, 10, False), (100, 90, True), (10, 7, True)])
async def test_holds_are_short_when_seats_are_scarce(client, db, city, capacity, taken_before, scarce):
    event = await an_event(client, db, city, capacity=capacity)
    for n in range(taken_before):
        async with await from_address(db, f"10.0.{n // 200}.{n % 200}") as someone:
            assert (await sign_up(someone, city, event["id"], email=f"p{n}@example.org")).status_code == 202

    answer = (await sign_up(client, city, event["id"], email="letzte@example.org")).json()

    held_for = datetime.fromisoformat(answer["hold_expires_at"]) - utcnow()
    if scarce:
        assert timedelta(minutes=55) < held_for <= timedelta(minutes=60)
    else:
        assert held_for > timedelta(hours=47)
