"""Public sign-up for events: double opt-in, the manage link, the registration window, the waiting list,
extra questions, bad input, Idempotency-Key, the secrecy of online access details, and the rate limit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from api.main import create_app
from api.models import Base
from api.ratelimit import MemoryRateLimiter
from api.registrations.models import Registration
from api.registrations.reminders import send_due_reminders
from api.worker import run_job
from tests.builders import local, problem, published_event, published_process
from tests.conftest import make_city, test_settings
from tests.signup_helpers import (
    ACCESS_SECRETS,
    assert_no_access_details,
    hours_from_now,
    latest_token,
    mail_kinds,
    mails_to,
    manage_token,
    person,
    registrations_of,
    row_counts,
    run_expiry,
    seat_state,
    sign_up,
    with_privacy_notice,
)

QUESTIONS = [
    {
        "id": "dolmetschen",
        "label": "Dolmetschen in",
        "kind": "choice",
        "options": ["Arabisch", "Türkisch", "Ukrainisch"],
    },
    {"id": "themen", "label": "Themen", "kind": "multi_choice", "options": ["Bildung", "Arbeit", "Wohnen"]},
    {"id": "kinderbetreuung", "label": "Kinderbetreuung nötig?", "kind": "yes_no", "required": True},
    {"id": "hinweis", "label": "Hinweis", "kind": "text", "max_length": 20},
]
GOOD_ANSWERS = {
    "dolmetschen": "Arabisch",
    "themen": ["Bildung", "Wohnen"],
    "kinderbetreuung": True,
    "hinweis": "Rollstuhl",
}


@pytest.fixture
async def process(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def staff_event(client: httpx.AsyncClient, city, event_id: str) -> dict[str, Any]:
    response = await client.get(f"/staff/events/{event_id}", headers=city.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def manage(client: httpx.AsyncClient, token: str) -> dict[str, Any]:
    response = await client.get(f"/manage/registrations/{token}")
    assert response.status_code == 200, response.text
    if response.json()["online_access"] is None:
        assert_no_access_details(response.text)
    return response.json()


async def signed_up(client, city, db, event_id: str, email: str, **body: Any) -> str:
    """Signs `email` up and returns the token of the manage link from the mail it got."""
    response = await sign_up(client, city, event_id, email=email, **body)
    assert response.status_code == 202, response.text
    return await latest_token(db, email)


# --- double opt-in ------------------------------------------------------------------------------------


async def test_sign_up_holds_a_seat_until_confirmed(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=10)
    before = datetime.now(UTC)
    response = await sign_up(client, city, event["id"])
    after = datetime.now(UTC)

    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["status"] == "pending"
    held_until = instant(accepted["hold_expires_at"])
    assert before + timedelta(hours=48) <= held_until <= after + timedelta(hours=48)
    assert "Amira" not in response.text
    assert "amira@example.org" not in response.text

    assert (await staff_event(client, city, event["id"]))["registration_counts"]["pending"] == 1
    public = await client.get(f"/orgs/{city.slug}/events/{event['id']}")
    # The held seat is taken (staff see 9 left), but the public count shows it until it is confirmed: else
    # the count would tell whether an address had signed up before (tests/test_seat_privacy.py).
    assert public.json()["seats_left"] == 10
    assert (await staff_event(client, city, event["id"]))["seats_left"] == 9
    assert await seat_state(db, event["id"]) == (1, 10, 1)

    [mail] = await mails_to(db, "amira@example.org")
    assert mail.kind == "confirm_registration"
    token = manage_token(mail)
    mine = await manage(client, token)
    assert mine["status"] == "pending"
    assert instant(mine["hold_expires_at"]) == held_until

    confirmed = await client.post(f"/manage/registrations/{token}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["hold_expires_at"] is None
    again = await client.post(f"/manage/registrations/{token}/confirm")  # a second click changes nothing
    assert again.status_code == 200
    assert again.json()["status"] == "confirmed"
    assert await mail_kinds(db, "amira@example.org") == ["confirm_registration", "registration_confirmed"]
    assert await seat_state(db, event["id"]) == (1, 10, 1)


async def test_hold_ends_at_the_deadline_or_the_start_when_they_come_first(client, city, db, process):
    soon = (datetime.now(UTC) + timedelta(hours=30)).replace(second=0, microsecond=0)
    starts_soon = await published_event(
        client,
        city.headers,
        process["id"],
        starts_at=soon.isoformat(),
        ends_at=(soon + timedelta(hours=2)).isoformat(),
        registration_closes_at=None,
    )
    deadline = (datetime.now(UTC) + timedelta(hours=20)).replace(second=0, microsecond=0)
    closes_soon = await published_event(
        client, city.headers, process["id"], title="Konferenz", registration_closes_at=deadline.isoformat()
    )

    first = await sign_up(client, city, starts_soon["id"])
    assert first.status_code == 202, first.text
    assert instant(first.json()["hold_expires_at"]) == soon
    second = await sign_up(client, city, closes_soon["id"])
    assert second.status_code == 202, second.text
    assert instant(second.json()["hold_expires_at"]) == deadline


async def test_unconfirmed_sign_up_expires_and_frees_its_seat(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1)
    token = await signed_up(client, city, db, event["id"], "amira@example.org")
    problem(await sign_up(client, city, event["id"], email="zweite@example.org"), 409)  # the held seat counts

    # The last seat is scarce: it is held for an hour, not two days (settings.scarce_hold_minutes).
    assert await run_expiry(db, hours_from_now(0.9)) == 0  # not yet
    assert await run_expiry(db, hours_from_now(1.1)) == 1
    assert await run_expiry(db, hours_from_now(1.1)) == 0  # once only

    mine = await manage(client, token)
    assert mine["status"] == "expired"
    assert mine["hold_expires_at"] is None
    assert await seat_state(db, event["id"]) == (0, 1, 0)
    assert await mail_kinds(db, "amira@example.org") == ["confirm_registration", "registration_expired"]
    ended = await client.post(f"/manage/registrations/{token}/confirm")
    problem(ended, 409, slug="registration-ended")

    # The freed seat can be taken again, also by the same person (the registration comes back to life).
    again = await sign_up(client, city, event["id"])
    assert again.status_code == 202, again.text
    assert again.json()["status"] == "pending"
    assert len(await registrations_of(db, event["id"])) == 1
    assert (await manage(client, token))["status"] == "pending"
    assert await seat_state(db, event["id"]) == (1, 1, 1)


async def test_confirming_too_late_expires_the_hold_and_says_so(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=5)
    token = await signed_up(client, city, db, event["id"], "amira@example.org")
    async with db.state.sessionmaker() as session:  # the worker has not run yet, but the time is up
        await session.execute(update(Registration).values(hold_expires_at=hours_from_now(-1)))
        await session.commit()

    late = await client.post(f"/manage/registrations/{token}/confirm")
    problem(late, 409, slug="confirmation-expired")
    assert (await manage(client, token))["status"] == "expired"  # the expiry stands despite the refusal
    assert await seat_state(db, event["id"]) == (0, 5, 0)


async def test_signing_up_twice_resends_the_links_instead_of_a_second_registration(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    first = await sign_up(client, city, event["id"])
    assert first.status_code == 202, first.text
    before = await row_counts(db)

    again = await sign_up(client, city, event["id"], email="Amira@Example.org", full_name="Jemand Anderes")
    assert again.status_code == 202, again.text
    assert again.json()["status"] == "pending"
    after = await row_counts(db)
    assert after["registrations"] == before["registrations"] == 1
    assert after["participants"] == before["participants"] == 1
    assert after["outbox"] == before["outbox"] + 1
    mails = await mails_to(db, "amira@example.org")
    assert [mail.kind for mail in mails] == ["confirm_registration", "links_resent"]
    assert manage_token(mails[1]) == manage_token(mails[0])
    mine = await manage(client, manage_token(mails[1]))
    assert mine["full_name"] == "Amira Haddad"  # an anonymous form does not rename a known person
    assert await seat_state(db, event["id"]) == (1, 100, 1)


async def test_the_answer_does_not_tell_whether_an_address_is_signed_up(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=2, waitlist_enabled=True)
    await sign_up(client, city, event["id"])
    token = manage_token((await mails_to(db, "amira@example.org"))[0])
    assert (await client.post(f"/manage/registrations/{token}/confirm")).json()["status"] == "confirmed"

    stranger_probe = await sign_up(client, city, event["id"])  # someone who knows Amira's address
    newcomer = await sign_up(client, city, event["id"], email="neu@example.org")
    assert stranger_probe.status_code == newcomer.status_code == 202
    assert stranger_probe.json()["status"] == newcomer.json()["status"] == "pending"
    assert stranger_probe.json()["message"] == newcomer.json()["message"]
    # The real state goes only to the mailbox of the address.
    assert (await mails_to(db, "amira@example.org"))[-1].kind == "links_resent"

    full_probe = await sign_up(client, city, event["id"])
    third = await sign_up(client, city, event["id"], email="dritte@example.org")
    assert full_probe.json()["status"] == third.json()["status"] == "waitlisted"


async def test_a_full_event_without_waiting_list_answers_everyone_alike(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=False)
    await sign_up(client, city, event["id"])
    probe = await sign_up(client, city, event["id"])  # the address that holds the only seat
    newcomer = await sign_up(client, city, event["id"], email="neu@example.org")
    assert probe.status_code == newcomer.status_code == 409
    assert probe.json()["type"] == newcomer.json()["type"]
    assert (await mails_to(db, "amira@example.org"))[-1].kind == "links_resent"  # the owner still gets the links


async def test_manage_link_shows_changes_answers_and_cancels(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=3, questions=QUESTIONS)
    token = await signed_up(client, city, db, event["id"], "amira@example.org", answers=GOOD_ANSWERS)

    mine = await manage(client, token)
    assert mine["status"] == "pending"
    assert mine["event"]["id"] == event["id"]
    assert mine["full_name"] == "Amira Haddad"
    assert mine["email"] == "amira@example.org"
    assert mine["answers"] == GOOD_ANSWERS
    assert mine["waitlist_position"] is None

    changed = await client.patch(
        f"/manage/registrations/{token}", json={"answers": {"kinderbetreuung": False, "themen": ["Arbeit"]}}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["answers"] == {"kinderbetreuung": False, "themen": ["Arbeit"]}
    assert (await manage(client, token))["answers"] == {"kinderbetreuung": False, "themen": ["Arbeit"]}

    cancelled = await client.post(f"/manage/registrations/{token}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert (await client.post(f"/manage/registrations/{token}/cancel")).json()["status"] == "cancelled"
    assert await seat_state(db, event["id"]) == (0, 3, 0)
    assert await mail_kinds(db, "amira@example.org") == ["confirm_registration", "registration_cancelled"]
    problem(await client.patch(f"/manage/registrations/{token}", json={"answers": GOOD_ANSWERS}), 409)
    problem(await client.post(f"/manage/registrations/{token}/confirm"), 409, slug="registration-ended")

    problem(await client.get("/manage/registrations/" + "x" * 43), 404)
    problem(await client.post("/manage/registrations/" + "x" * 43 + "/confirm"), 404)


async def test_idempotency_key_replays_the_first_answer(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    url = f"/orgs/{city.slug}/events/{event['id']}/registrations"
    key = {"Idempotency-Key": "anmeldung-7f3a"}

    first = await client.post(url, json=person(), headers=key)
    assert first.status_code == 202, first.text
    assert "Idempotent-Replayed" not in first.headers
    counts = await row_counts(db)

    replay = await client.post(url, json=person(), headers=key)
    assert replay.status_code == 202, replay.text
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert await row_counts(db) == counts  # no second registration, not even a links_resent mail
    assert counts["registrations"] == 1
    assert counts["outbox"] == 1

    different = await client.post(url, json=person(full_name="Amira H."), headers=key)
    body = problem(different, 422, "Idempotency-Key")
    assert [error["location"] for error in body["errors"]] == ["header"]
    assert "Amira" not in different.text
    assert await row_counts(db) == counts

    other_key = await client.post(url, json=person(), headers={"Idempotency-Key": "anmeldung-8b4c"})
    assert other_key.status_code == 202  # a new key is a new request: the links are sent again
    assert await mail_kinds(db, "amira@example.org") == ["confirm_registration", "links_resent"]
    assert len(await registrations_of(db, event["id"])) == 1


# --- the registration window --------------------------------------------------------------------------


async def _not_open(client, city, process_id):
    return await published_event(client, city.headers, process_id, registration_opens_at=local(2, 8))


async def _closed(client, city, process_id):
    return await published_event(client, city.headers, process_id, registration_closes_at=local(-1, 12))


async def _cancelled(client, city, process_id):
    event = await published_event(client, city.headers, process_id)
    response = await client.post(f"/staff/events/{event['id']}/cancel", json={"reason": "Krank"}, headers=city.headers)
    assert response.status_code == 200, response.text
    return event


async def _postponed(client, city, process_id):
    event = await published_event(client, city.headers, process_id)
    response = await client.post(f"/staff/events/{event['id']}/postpone", headers=city.headers)
    assert response.status_code == 200, response.text
    return event


async def _over(client, city, process_id):
    return await published_event(
        client, city.headers, process_id, starts_at=local(-2, 16), ends_at=local(-2, 18), registration_closes_at=None
    )


async def _invitation_only(client, city, process_id):
    return await published_event(client, city.headers, process_id, invitation_only=True)


async def _full(client, city, process_id):
    event = await published_event(client, city.headers, process_id, capacity=1)
    response = await sign_up(client, city, event["id"], email="erste@example.org")
    assert response.status_code == 202, response.text
    return event


@pytest.mark.parametrize(
    ("make_event", "slug"),
    [
        (_not_open, "registration-not-open"),
        (_closed, "registration-closed"),
        (_cancelled, "event-cancelled"),
        (_postponed, "event-postponed"),
        (_over, "event-over"),
        (_invitation_only, "invitation-only"),
        (_full, "event-full"),
    ],
)
async def test_sign_up_outside_the_window_is_refused_with_its_reason(client, city, db, process, make_event, slug):
    event = await make_event(client, city, process["id"])
    before = await row_counts(db)
    seats = await seat_state(db, event["id"])

    response = await sign_up(client, city, event["id"])
    body = problem(response, 409, slug=slug)
    assert body["detail"]
    assert "Amira" not in response.text
    assert "amira@example.org" not in response.text
    assert await row_counts(db) == before
    assert await seat_state(db, event["id"]) == seats


# --- the waiting list ---------------------------------------------------------------------------------


async def test_full_event_with_waiting_list_queues_in_order(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=2, waitlist_enabled=True)
    tokens, statuses = [], []
    for n in range(5):
        response = await sign_up(client, city, event["id"], email=f"person{n}@example.org")
        assert response.status_code == 202, response.text
        statuses.append(response.json()["status"])
        tokens.append(await latest_token(db, f"person{n}@example.org"))
    assert statuses == ["pending", "pending", "waitlisted", "waitlisted", "waitlisted"]
    assert await mail_kinds(db, "person2@example.org") == ["waitlisted"]
    assert [(await manage(client, t))["waitlist_position"] for t in tokens] == [None, None, 1, 2, 3]
    assert await seat_state(db, event["id"]) == (2, 2, 2)
    counts = (await staff_event(client, city, event["id"]))["registration_counts"]
    assert counts["pending"] == 2
    assert counts["waitlisted"] == 3

    # A waitlisted person cannot confirm: there is no seat to confirm.
    problem(await client.post(f"/manage/registrations/{tokens[2]}/confirm"), 409, slug="waitlisted")
    # Leaving the waiting list moves those behind up.
    assert (await client.post(f"/manage/registrations/{tokens[2]}/cancel")).json()["status"] == "cancelled"
    assert [(await manage(client, t))["waitlist_position"] for t in tokens[3:]] == [1, 2]
    assert await seat_state(db, event["id"]) == (2, 2, 2)


async def test_cancelled_seat_is_offered_to_the_first_on_the_waiting_list(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    first = await signed_up(client, city, db, event["id"], "erste@example.org")
    second = await signed_up(client, city, db, event["id"], "zweite@example.org")
    third = await signed_up(client, city, db, event["id"], "dritte@example.org")
    assert (await client.post(f"/manage/registrations/{first}/confirm")).json()["status"] == "confirmed"

    before = datetime.now(UTC)
    assert (await client.post(f"/manage/registrations/{first}/cancel")).json()["status"] == "cancelled"
    offered = await manage(client, second)
    assert offered["status"] == "offered"
    held_until = instant(offered["hold_expires_at"])
    assert before + timedelta(hours=47) < held_until <= datetime.now(UTC) + timedelta(hours=48)
    assert offered["online_access"] is None
    mails = await mails_to(db, "zweite@example.org")
    assert [mail.kind for mail in mails] == ["waitlisted", "seat_offered"]
    assert manage_token(mails[-1]) == second  # the same link confirms the offer
    assert_no_access_details(mails[-1].body_text + mails[-1].body_html)
    assert (await manage(client, third))["waitlist_position"] == 1
    assert await seat_state(db, event["id"]) == (1, 1, 1)

    accepted = await client.post(f"/manage/registrations/{second}/confirm")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "confirmed"
    assert await mail_kinds(db, "zweite@example.org") == ["waitlisted", "seat_offered", "registration_confirmed"]
    assert (await manage(client, third))["status"] == "waitlisted"


async def test_unanswered_offer_expires_and_the_seat_moves_on(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    first = await signed_up(client, city, db, event["id"], "erste@example.org")
    second = await signed_up(client, city, db, event["id"], "zweite@example.org")
    third = await signed_up(client, city, db, event["id"], "dritte@example.org")
    await client.post(f"/manage/registrations/{first}/confirm")
    await client.post(f"/manage/registrations/{first}/cancel")
    assert (await manage(client, second))["status"] == "offered"

    later = hours_from_now(49)
    assert await run_expiry(db, later) == 1
    assert (await manage(client, second))["status"] == "expired"
    moved_on = await manage(client, third)
    assert moved_on["status"] == "offered"
    assert instant(moved_on["hold_expires_at"]) == later + timedelta(hours=48)
    assert await mail_kinds(db, "zweite@example.org") == ["waitlisted", "seat_offered", "registration_expired"]
    assert await mail_kinds(db, "dritte@example.org") == ["waitlisted", "seat_offered"]
    assert await seat_state(db, event["id"]) == (1, 1, 1)
    assert (await client.post(f"/manage/registrations/{third}/confirm")).json()["status"] == "confirmed"


async def test_expired_sign_up_gives_its_seat_to_the_waiting_list(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    first = await signed_up(client, city, db, event["id"], "erste@example.org")
    second = await signed_up(client, city, db, event["id"], "zweite@example.org")

    assert await run_expiry(db, hours_from_now(49)) == 1
    assert (await manage(client, first))["status"] == "expired"
    assert (await manage(client, second))["status"] == "offered"
    assert await seat_state(db, event["id"]) == (1, 1, 1)


async def test_raised_capacity_moves_the_waiting_list_up(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    await signed_up(client, city, db, event["id"], "erste@example.org")
    by_phone = await client.post(
        f"/staff/events/{event['id']}/registrations",
        json=person("telefon@example.org", full_name="Hans Telefon", channel="phone"),
        headers=city.headers,
    )
    assert by_phone.status_code == 201, by_phone.text
    assert by_phone.json()["status"] == "waitlisted"
    on_web = await signed_up(client, city, db, event["id"], "web@example.org")
    last = await signed_up(client, city, db, event["id"], "letzte@example.org")

    raised = await client.patch(f"/staff/events/{event['id']}", json={"capacity": 3}, headers=city.headers)
    assert raised.status_code == 200, raised.text
    assert raised.json()["seats_taken"] == 3
    counts = raised.json()["registration_counts"]
    assert counts == {**dict.fromkeys(counts, 0), "pending": 1, "confirmed": 1, "offered": 1, "waitlisted": 1}
    staff_entered = await client.get(f"/staff/registrations/{by_phone.json()['id']}", headers=city.headers)
    assert staff_entered.json()["status"] == "confirmed"  # said yes on the phone: no offer to answer
    assert await mail_kinds(db, "telefon@example.org") == ["waitlisted", "registration_confirmed"]
    assert (await manage(client, on_web))["status"] == "offered"
    assert await mail_kinds(db, "web@example.org") == ["waitlisted", "seat_offered"]
    assert (await manage(client, last))["waitlist_position"] == 1
    assert await seat_state(db, event["id"]) == (3, 3, 3)


# --- extra questions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"kinderbetreuung": True, "essen": "vegan"}, "answers.essen"),
        ({"dolmetschen": "Arabisch"}, "answers.kinderbetreuung"),
        ({"kinderbetreuung": None}, "answers.kinderbetreuung"),
        ({"kinderbetreuung": "ja"}, "answers.kinderbetreuung"),
        ({"kinderbetreuung": True, "dolmetschen": "Klingonisch"}, "answers.dolmetschen"),
        ({"kinderbetreuung": True, "dolmetschen": ["Arabisch"]}, "answers.dolmetschen"),
        ({"kinderbetreuung": True, "themen": ["Bildung", "Bildung"]}, "answers.themen"),
        ({"kinderbetreuung": True, "themen": ["Bildung", "Raumfahrt"]}, "answers.themen"),
        ({"kinderbetreuung": True, "themen": "Bildung"}, "answers.themen"),
        ({"kinderbetreuung": True, "hinweis": "x" * 21}, "answers.hinweis"),
        ({"kinderbetreuung": True, "hinweis": True}, "answers.hinweis"),
        ({"kinderbetreuung": 5}, "answers.kinderbetreuung"),
        ({"kinderbetreuung": True, "themen": [1, 2]}, "answers.themen"),
        ({"kinderbetreuung": True, "hinweis": {"text": "x"}}, "answers.hinweis"),
    ],
)
async def test_wrong_answers_are_refused_naming_the_question(client, city, db, process, answers, field):
    event = await published_event(client, city.headers, process["id"], questions=QUESTIONS)
    before = await row_counts(db)
    response = await sign_up(client, city, event["id"], answers=answers)
    body = problem(response, 422, field)
    assert [error["field"] for error in body["errors"]] == [field]
    assert await row_counts(db) == before
    assert await seat_state(db, event["id"]) == (0, 100, 0)


async def test_answers_are_stored_and_checked_again_when_changed(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], questions=QUESTIONS)
    token = await signed_up(
        client, city, db, event["id"], "amira@example.org", answers={**GOOD_ANSWERS, "hinweis": "  Rollstuhl  "}
    )
    assert (await manage(client, token))["answers"] == GOOD_ANSWERS  # text answers are trimmed

    wrong = await client.patch(f"/manage/registrations/{token}", json={"answers": {"kinderbetreuung": "vielleicht"}})
    problem(wrong, 422, "answers.kinderbetreuung")
    missing = await client.patch(f"/manage/registrations/{token}", json={"answers": {"hinweis": "kurz"}})
    problem(missing, 422, "answers.kinderbetreuung")
    assert (await manage(client, token))["answers"] == GOOD_ANSWERS


# --- bad input ----------------------------------------------------------------------------------------


def _without_consent() -> dict[str, Any]:
    body = person()
    del body["consent"]
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (person("amira.example.org"), "email"),
        (person("amira@"), "email"),
        (person("amira@@example.org"), "email"),
        (person("a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".example.org"), "email"),  # 268 characters
        (person(None, phone="0151 2345678"), "email"),
        (person(phone="ruf mich an"), "phone"),
        (person(phone="1234"), "phone"),
        (person(phone="0" * 31), "phone"),
        (person(full_name="x" * 201), "full_name"),
        (person(full_name="   "), "full_name"),
        (person(affiliation="V" * 201), "affiliation"),
        (person(category="koenig"), "category"),
        (person(preferred_language="deutsch"), "preferred_language"),
        (person(is_admin=True), "is_admin"),
        (_without_consent(), "consent"),
        (person(consent={}), "consent.privacy_notice_version"),
        (person(consent={"privacy_notice_version": 2}), "consent.privacy_notice_version"),
        (person(consent={"privacy_notice_version": 0}), "consent.privacy_notice_version"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_writes_nothing(client, city, db, process, body, field):
    event = await published_event(client, city.headers, process["id"])
    before = await row_counts(db)
    response = await client.post(f"/orgs/{city.slug}/events/{event['id']}/registrations", json=body)
    problem(response, 422, field)
    for personal in (body.get("email"), body.get("phone"), body.get("full_name"), "Amira", "Haddad"):
        if personal and personal.strip():
            assert personal not in response.json()["detail"], response.text
            assert personal not in str(response.json().get("errors")), response.text
    assert await row_counts(db) == before


async def test_privacy_notice_must_be_the_current_version(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    await with_privacy_notice(db, city, version=2)
    before = await row_counts(db)
    outdated = await sign_up(client, city, event["id"])  # consents to version 1
    problem(outdated, 422, "consent.privacy_notice_version")
    assert await row_counts(db) == before
    current = await sign_up(client, city, event["id"], consent={"privacy_notice_version": 2})
    assert current.status_code == 202, current.text


async def test_unknown_foreign_and_draft_events_are_not_found(client, city, other_city, db, process):
    draft = await client.post(
        "/staff/events",
        json={
            "process_id": process["id"],
            "title": "Entwurf",
            "kind": "workshop",
            "format": "online",
            "starts_at": local(10, 16),
            "ends_at": local(10, 18),
        },
        headers=city.headers,
    )
    assert draft.status_code == 201, draft.text
    await with_privacy_notice(db, other_city)
    foreign_process = await published_process(client, other_city.headers)
    foreign = await published_event(client, other_city.headers, foreign_process["id"])
    before = await row_counts(db)

    for event_id in (str(uuid.uuid4()), draft.json()["id"], foreign["id"]):
        response = await sign_up(client, city, event_id)
        problem(response, 404)
        assert "amira" not in response.text.lower()
    problem(await client.post(f"/orgs/keine-stadt/events/{foreign['id']}/registrations", json=person()), 404)
    problem(await client.post(f"/orgs/{city.slug}/events/kein-uuid/registrations", json=person()), 422, "event_id")
    assert await row_counts(db) == before


async def test_oversized_body_is_refused(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    before = await row_counts(db)
    response = await sign_up(client, city, event["id"], affiliation="x" * 2_000_000)
    assert response.status_code == 413, response.text
    assert await row_counts(db) == before


# --- online access details ----------------------------------------------------------------------------


async def test_access_details_reach_only_confirmed_people_and_only_in_time(client, city, db, process):
    event = await published_event(
        client,
        city.headers,
        process["id"],
        format="hybrid",
        venue={"name": "Rathaus"},
        capacity=3,
        waitlist_enabled=True,
    )
    people = ("bestaetigt", "offen", "geht", "wartet", "dahinter")
    tokens = {name: await signed_up(client, city, db, event["id"], f"{name}@example.org") for name in people}
    assert (await client.post(f"/manage/registrations/{tokens['bestaetigt']}/confirm")).status_code == 200
    assert (await client.post(f"/manage/registrations/{tokens['geht']}/cancel")).status_code == 200
    assert (await sign_up(client, city, event["id"], email="offen@example.org")).status_code == 202  # links again

    statuses = {name: (await manage(client, token))["status"] for name, token in tokens.items()}
    assert statuses == {
        "bestaetigt": "confirmed",
        "offen": "pending",
        "geht": "cancelled",
        "wartet": "offered",
        "dahinter": "waitlisted",
    }
    # The event starts in 14 days: nobody sees the details on the manage page yet; the confirmed person
    # learns from when they will.
    for token in tokens.values():
        assert (await manage(client, token))["online_access"] is None
    starts = instant(event["starts_at"])
    assert instant((await manage(client, tokens["bestaetigt"]))["online_access_from"]) == starts - timedelta(hours=48)

    # Public answers never carry them, nor anyone's personal data.
    for path in (
        f"/orgs/{city.slug}/events",
        f"/orgs/{city.slug}/events/{event['id']}",
        f"/orgs/{city.slug}/processes/{process['slug']}",
    ):
        response = await client.get(path)
        assert response.status_code == 200, response.text
        assert event["id"] in response.text
        assert_no_access_details(response.text)
        assert "example.org" not in response.text
        assert "Haddad" not in response.text

    # The reminder, 24 hours ahead, goes to the confirmed person only, with the details, once.
    sessionmaker, settings = db.state.sessionmaker, db.state.settings
    assert await run_job(sessionmaker, send_due_reminders, settings, starts - timedelta(hours=25)) == 0
    assert await run_job(sessionmaker, send_due_reminders, settings, starts - timedelta(hours=12)) == 1
    assert await run_job(sessionmaker, send_due_reminders, settings, starts - timedelta(hours=11)) == 0
    reminder = (await mails_to(db, "bestaetigt@example.org"))[-1]
    assert reminder.kind == "reminder"
    assert all(secret in reminder.body_text for secret in ACCESS_SECRETS), reminder.body_text

    # Holds run out: the expired and the next offered hear of it without the details.
    assert await run_expiry(db, hours_from_now(49)) == 2
    assert (await manage(client, tokens["dahinter"]))["status"] == "offered"

    kinds: dict[str, list[str]] = {}
    for name in people:
        for mail in await mails_to(db, f"{name}@example.org"):
            kinds.setdefault(name, []).append(mail.kind)
            if mail.kind in ("registration_confirmed", "reminder"):
                assert all(secret in mail.body_text for secret in ACCESS_SECRETS), mail.body_text
            else:
                assert_no_access_details(mail.body_text + mail.body_html + str(mail.attachments))
    assert kinds == {
        "bestaetigt": ["confirm_registration", "registration_confirmed", "reminder"],
        "offen": ["confirm_registration", "links_resent", "registration_expired"],
        "geht": ["confirm_registration", "registration_cancelled"],
        "wartet": ["waitlisted", "seat_offered", "registration_expired"],
        "dahinter": ["waitlisted", "seat_offered"],
    }


async def test_manage_page_shows_access_details_shortly_before_the_start(client, city, db, process):
    soon = (datetime.now(UTC) + timedelta(hours=30)).replace(second=0, microsecond=0)
    event = await published_event(
        client,
        city.headers,
        process["id"],
        starts_at=soon.isoformat(),
        ends_at=(soon + timedelta(hours=2)).isoformat(),
        registration_closes_at=None,
        capacity=1,
        waitlist_enabled=True,
    )
    confirmed = await signed_up(client, city, db, event["id"], "bestaetigt@example.org")
    waiting = await signed_up(client, city, db, event["id"], "wartet@example.org")
    assert (await manage(client, confirmed))["online_access"] is None  # pending: not yet
    await client.post(f"/manage/registrations/{confirmed}/confirm")

    access = (await manage(client, confirmed))["online_access"]
    assert access == {
        "join_url": "https://meet.example/secret-room",
        "meeting_id": "812 3456 7890",
        "passcode": "Geheim-4711",
        "dial_in": "+49 30 1234567",
    }
    assert (await manage(client, waiting))["online_access"] is None

    # Once cancelled, by the person or because the event is called off, the details are gone again.
    cancelled = await client.post(f"/staff/events/{event['id']}/cancel", headers=city.headers)
    assert cancelled.status_code == 200, cancelled.text
    assert (await manage(client, confirmed))["online_access"] is None
    for address in ("bestaetigt", "wartet"):
        mails = await mails_to(db, f"{address}@example.org")
        assert mails[-1].kind == "event_cancelled"
        assert_no_access_details(mails[-1].body_text + mails[-1].body_html)


# --- rate limit ---------------------------------------------------------------------------------------


async def test_fourth_sign_up_in_a_minute_from_one_client_is_refused(db, database_url):
    limited = create_app(test_settings(database_url, rate_limit_signup="3/minute"))
    # A clock standing still in the middle of a window: the four requests cannot straddle two windows.
    limited.state.rate_limiter = MemoryRateLimiter(clock=lambda: 90.0)
    async with limited.state.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    try:
        city = await make_city(limited, "limitstadt")
        await with_privacy_notice(limited, city)
        transport = httpx.ASGITransport(app=limited)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as client:
            process = await published_process(client, city.headers)
            event = await published_event(client, city.headers, process["id"])
            for n in range(3):
                response = await sign_up(client, city, event["id"], email=f"person{n}@example.org")
                assert response.status_code == 202, response.text
            before = await row_counts(limited)

            refused = await sign_up(client, city, event["id"], email="person3@example.org")
            problem(refused, 429, slug="too-many-requests")
            assert refused.headers["Retry-After"] == "30"
            assert await row_counts(limited) == before
            # Other endpoints keep their own budget.
            assert (await client.get(f"/orgs/{city.slug}/events/{event['id']}")).status_code == 200
    finally:
        await limited.state.engine.dispose()


async def test_stored_idempotent_answers_are_forgotten_after_a_day(client, city, db, process):
    from datetime import UTC, datetime, timedelta

    from api.worker import forget_old_idempotency_keys, run_job

    event = await published_event(client, city.headers, process["id"])
    path = f"/orgs/{city.slug}/events/{event['id']}/registrations"
    first = await client.post(path, json=person(), headers={"Idempotency-Key": "app-retry-1"})
    assert first.status_code == 202, first.text
    assert await run_job(db.state.sessionmaker, forget_old_idempotency_keys, db.state.settings, datetime.now(UTC)) == 0
    assert (
        await run_job(
            db.state.sessionmaker,
            forget_old_idempotency_keys,
            db.state.settings,
            datetime.now(UTC) + timedelta(hours=25),
        )
        == 1
    )
