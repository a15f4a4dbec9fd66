"""The staff's side of sign-ups: entries by phone, lists with filters, check-in, cancelling, the waiting list
by hand, the history of every change, the CSV export for German Excel, and the wall between cities."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.builders import problem, published_event, published_process, walk
from tests.signup_helpers import (
    ACCESS_SECRETS,
    hours_from_now,
    latest_token,
    mail_kinds,
    mails_to,
    registrations_of,
    row_counts,
    run_expiry,
    seat_state,
    sign_up,
    with_privacy_notice,
)

QUESTIONS = [
    {"id": "kinderbetreuung", "label": "Kinderbetreuung nötig?", "kind": "yes_no"},
    {"id": "themen", "label": "Themen", "kind": "multi_choice", "options": ["Bildung", "Arbeit", "Wohnen"]},
]


@pytest.fixture
async def process(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


def by_phone(full_name: str = "Hans Müller", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "full_name": full_name,
        "phone": "0151 2345678",
        "channel": "phone",
        "consent": {"privacy_notice_version": 1},
    }
    body.update(overrides)
    return body


async def enter(client: httpx.AsyncClient, city, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/staff/events/{event_id}/registrations", json=body, headers=city.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def detail(client: httpx.AsyncClient, city, registration_id: str) -> dict[str, Any]:
    response = await client.get(f"/staff/registrations/{registration_id}", headers=city.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def web_registration(client, city, db, event_id: str, email: str, **body: Any) -> tuple[str, str]:
    """A web sign-up: (its id as staff see it, the manage token from its mail)."""
    response = await sign_up(client, city, event_id, email=email, **body)
    assert response.status_code == 202, response.text
    [row] = [r for r in await registrations_of(db, event_id) if r.participant.email == email]
    return str(row.id), await latest_token(db, email)


def steps(history: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(h["from_status"], h["to_status"], h["channel"], h["staff_user_id"], h["note"]) for h in history]


# --- entries by phone, e-mail or at the door ----------------------------------------------------------


async def test_phone_sign_up_is_confirmed_at_once_for_a_person_without_e_mail(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=5)
    before = await row_counts(db)

    entered = await enter(client, city, event["id"], by_phone())
    assert entered["status"] == "confirmed"
    assert entered["channel"] == "phone"
    assert entered["created_by_id"] == str(city.admin.id)
    assert entered["confirmed_at"] is not None
    assert entered["hold_expires_at"] is None
    assert entered["participant"]["email"] is None
    assert entered["participant"]["phone"] == "0151 2345678"
    after = await row_counts(db)
    assert after["outbox"] == before["outbox"]  # nobody to write to: staff call them
    assert after["consents"] == before["consents"] + 1
    assert await seat_state(db, event["id"]) == (1, 5, 1)

    [step] = (await detail(client, city, entered["id"]))["history"]
    assert steps([step]) == [(None, "confirmed", "phone", str(city.admin.id), None)]
    assert datetime.fromisoformat(step["at"]) <= datetime.now(UTC)

    # Phone-only people cannot be recognised again: the same name is a second person.
    again = await enter(client, city, event["id"], by_phone())
    assert again["participant"]["id"] != entered["participant"]["id"]
    assert await seat_state(db, event["id"]) == (2, 5, 2)


async def test_staff_entry_with_e_mail_sends_the_confirmation_with_access_details(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    entered = await enter(
        client, city, event["id"], by_phone(email="Eva@Example.org", phone=None, channel="email", category="expert")
    )
    assert entered["status"] == "confirmed"
    assert entered["channel"] == "email"
    assert entered["participant"]["email"] == "eva@example.org"
    [mail] = await mails_to(db, "eva@example.org")
    assert mail.kind == "registration_confirmed"
    assert all(secret in mail.body_text for secret in ACCESS_SECRETS)

    # Signed up already: refused, naming the field, without repeating the address.
    before = await row_counts(db)
    twice = await client.post(
        f"/staff/events/{event['id']}/registrations", json=by_phone(email="eva@example.org"), headers=city.headers
    )
    problem(twice, 409, "email")
    assert "eva@example.org" not in twice.text
    assert await row_counts(db) == before
    web = await sign_up(client, city, event["id"], email="eva@example.org")
    assert web.status_code == 202
    assert len(await registrations_of(db, event["id"])) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (by_phone(phone=None), "phone"),  # neither e-mail nor phone: the phone is what staff must add
        (by_phone(phone="anrufen"), "phone"),
        (by_phone(email="kaputt@"), "email"),
        (by_phone(channel="web"), "channel"),
        (by_phone(channel="system"), "channel"),
        (by_phone(consent={"privacy_notice_version": 3}), "consent.privacy_notice_version"),
        (by_phone(full_name="x" * 201), "full_name"),
        (by_phone(answers={"unbekannt": True}), "answers.unbekannt"),
    ],
)
async def test_bad_staff_entries_are_refused_and_write_nothing(client, city, db, process, body, field):
    event = await published_event(client, city.headers, process["id"], questions=QUESTIONS)
    before = await row_counts(db)
    response = await client.post(f"/staff/events/{event['id']}/registrations", json=body, headers=city.headers)
    problem(response, 422, field)
    assert "0151 2345678" not in response.text
    assert await row_counts(db) == before


async def test_staff_entries_follow_the_seats_but_not_the_public_window(client, city, db, process):
    closed = await published_event(
        client, city.headers, process["id"], capacity=1, invitation_only=True, registration_closes_at=None
    )
    assert (await enter(client, city, closed["id"], by_phone()))["status"] == "confirmed"  # invited by phone
    full = await client.post(f"/staff/events/{closed['id']}/registrations", json=by_phone(), headers=city.headers)
    problem(full, 409, slug="event-full")

    queued = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    assert (await enter(client, city, queued["id"], by_phone("Erste")))["status"] == "confirmed"
    assert (await enter(client, city, queued["id"], by_phone("Zweite")))["status"] == "waitlisted"

    cancelled = await published_event(client, city.headers, process["id"])
    await client.post(f"/staff/events/{cancelled['id']}/cancel", headers=city.headers)
    refused = await client.post(f"/staff/events/{cancelled['id']}/registrations", json=by_phone(), headers=city.headers)
    problem(refused, 409, slug="event-closed")


async def test_person_who_cancelled_can_be_entered_again_by_phone(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=3)
    registration_id, token = await web_registration(client, city, db, event["id"], "amira@example.org")
    await client.post(f"/manage/registrations/{token}/cancel")

    again = await enter(client, city, event["id"], by_phone(email="amira@example.org"))
    assert again["id"] == registration_id  # the same registration, back to life
    assert again["status"] == "confirmed"
    assert again["channel"] == "phone"
    assert again["created_by_id"] == str(city.admin.id)
    assert again["cancelled_at"] is None
    assert steps((await detail(client, city, registration_id))["history"]) == [
        (None, "pending", "web", None, None),
        ("pending", "cancelled", "web", None, None),
        ("cancelled", "confirmed", "phone", str(city.admin.id), None),
    ]
    assert await seat_state(db, event["id"]) == (1, 3, 1)


async def test_registration_coming_back_on_the_web_starts_a_fresh_life(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=3)
    registration_id, token = await web_registration(client, city, db, event["id"], "amira@example.org")
    await client.post(f"/manage/registrations/{token}/confirm")
    await client.post(
        f"/staff/registrations/{registration_id}/cancel", json={"reason": "Verwechslung"}, headers=city.headers
    )

    again = await sign_up(client, city, event["id"])
    assert again.status_code == 202, again.text
    assert again.json()["status"] == "pending"
    back = await detail(client, city, registration_id)
    assert back["status"] == "pending"
    assert back["hold_expires_at"] is not None
    assert (back["confirmed_at"], back["cancelled_at"], back["cancel_reason"]) == (None, None, None)
    assert steps(back["history"])[-1] == ("cancelled", "pending", "web", None, None)
    assert await mail_kinds(db, "amira@example.org") == [
        "confirm_registration",
        "registration_confirmed",
        "registration_cancelled",
        "confirm_registration",
    ]
    assert await seat_state(db, event["id"]) == (1, 3, 1)


# --- lists, counts, paging ----------------------------------------------------------------------------


async def test_list_filters_by_status_channel_category_and_name_with_paging(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=10)
    ids: dict[str, str] = {}
    ids["amira"], _ = await web_registration(client, city, db, event["id"], "amira@example.org")
    ids["juergen"], token = await web_registration(
        client, city, db, event["id"], "j.gross@example.org", full_name="Jürgen Groß", category="civil_society"
    )
    await client.post(f"/manage/registrations/{token}/confirm")
    ids["hans"] = (await enter(client, city, event["id"], by_phone("Hans Telefon", category="expert")))["id"]
    ids["eva"] = (
        await enter(
            client,
            city,
            event["id"],
            by_phone("Eva Amt", email="eva@stadt.example", channel="email", category="administration"),
        )
    )["id"]
    ids["chris"], token = await web_registration(
        client, city, db, event["id"], "chris@example.org", full_name="Chris Weg"
    )
    await client.post(f"/manage/registrations/{token}/cancel")
    path = f"/staff/events/{event['id']}/registrations"

    async def found(**params: Any) -> set[str]:
        items = await walk(client, path, city.headers, params=params, limit=2)
        return {item["id"] for item in items}

    every = await walk(client, path, city.headers, limit=2)
    assert [item["id"] for item in every] == [ids[n] for n in ("chris", "eva", "hans", "juergen", "amira")]
    assert await found(status="confirmed") == {ids["juergen"], ids["hans"], ids["eva"]}
    assert await found(status="pending") == {ids["amira"]}
    assert await found(status="cancelled") == {ids["chris"]}
    assert await found(channel="web") == {ids["amira"], ids["juergen"], ids["chris"]}
    assert await found(channel="phone") == {ids["hans"]}
    assert await found(category="expert") == {ids["hans"]}
    assert await found(category="resident") == {ids["amira"], ids["chris"]}
    assert await found(q="jürgen") == {ids["juergen"]}
    assert await found(q="GROSS") == {ids["juergen"]}  # by the e-mail address
    assert await found(q="amira") == {ids["amira"]}
    assert await found(q="telefon") == {ids["hans"]}
    assert await found(q="a", status="confirmed", channel="email") == {ids["eva"]}
    assert await found(q="niemand") == set()

    first = (await client.get(path, params={"limit": 1}, headers=city.headers)).json()
    assert first["items"][0]["participant"]["full_name"] == "Chris Weg"
    assert first["items"][0]["cancelled_at"] is not None
    problem(await client.get(path, params={"status": "vielleicht"}, headers=city.headers), 422, "status")
    problem(await client.get(path, params={"channel": "brief"}, headers=city.headers), 422, "channel")
    problem(await client.get(path, params={"cursor": "kaputt"}, headers=city.headers), 422, "cursor")

    counts = (await client.get(f"/staff/events/{event['id']}", headers=city.headers)).json()["registration_counts"]
    assert counts == {**dict.fromkeys(counts, 0), "pending": 1, "confirmed": 3, "cancelled": 1}
    assert await seat_state(db, event["id"]) == (4, 10, 4)


# --- check-in, cancel, the waiting list by hand -------------------------------------------------------


async def test_check_in_records_attended_and_no_show(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    came = (await enter(client, city, event["id"], by_phone("Kam")))["id"]
    waiting = (await enter(client, city, event["id"], by_phone("Wartet")))["id"]
    url = "/staff/registrations/{}/check-in"

    attended = await client.post(url.format(came), json={"attended": True}, headers=city.headers)
    assert attended.status_code == 200, attended.text
    assert attended.json()["status"] == "attended"
    assert attended.json()["checked_in_at"] is not None
    again = await client.post(url.format(came), json={"attended": True}, headers=city.headers)
    assert again.json()["status"] == "attended"
    corrected = await client.post(url.format(came), json={"attended": False}, headers=city.headers)
    assert corrected.json()["status"] == "no_show"
    assert steps(corrected.json()["history"]) == [
        (None, "confirmed", "phone", str(city.admin.id), None),
        ("confirmed", "attended", "on_site", str(city.admin.id), None),
        ("attended", "no_show", "on_site", str(city.admin.id), None),
    ]
    problem(await client.post(url.format(waiting), json={"attended": True}, headers=city.headers), 409)
    problem(await client.post(url.format(came), json={}, headers=city.headers), 422, "attended")
    assert await seat_state(db, event["id"]) == (1, 1, 1)  # a checked-in person keeps the seat


async def test_staff_cancel_with_reason_frees_the_seat_for_the_waiting_list(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    first, token = await web_registration(client, city, db, event["id"], "erste@example.org")
    await client.post(f"/manage/registrations/{token}/confirm")
    second, second_token = await web_registration(client, city, db, event["id"], "zweite@example.org")

    reason = "Doppelt angemeldet; bitte melden Sie sich bei Fragen."
    cancelled = await client.post(f"/staff/registrations/{first}/cancel", json={"reason": reason}, headers=city.headers)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == reason
    assert steps(cancelled.json()["history"])[-1] == ("confirmed", "cancelled", "staff", str(city.admin.id), reason)
    mail = (await mails_to(db, "erste@example.org"))[-1]
    assert mail.kind == "registration_cancelled"
    assert "Doppelt angemeldet" in mail.body_text

    offered = await detail(client, city, second)
    assert offered["status"] == "offered"
    assert steps(offered["history"])[-1] == ("waitlisted", "offered", "system", None, None)
    assert await mail_kinds(db, "zweite@example.org") == ["waitlisted", "seat_offered"]
    assert await seat_state(db, event["id"]) == (1, 1, 1)
    problem(await client.post(f"/staff/registrations/{first}/cancel", json={}, headers=city.headers), 409)
    problem(
        await client.post(f"/staff/registrations/{first}/cancel", json={"reason": "x" * 1001}, headers=city.headers),
        422,
        "reason",
    )

    # The offer runs out unanswered: expired by the system.
    assert await run_expiry(db, hours_from_now(49)) == 1
    expired = await detail(client, city, second)
    assert steps(expired["history"])[-1] == ("offered", "expired", "system", None, None)
    assert (await client.get(f"/manage/registrations/{second_token}")).json()["status"] == "expired"


async def test_moving_someone_up_by_hand_needs_a_free_seat(client, city, db, process):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    running = await published_event(  # has begun: freed seats no longer go to the waiting list by themselves
        client,
        city.headers,
        process["id"],
        starts_at=(now - timedelta(hours=1)).isoformat(),
        ends_at=(now + timedelta(hours=2)).isoformat(),
        registration_closes_at=None,
        capacity=1,
        waitlist_enabled=True,
    )
    seated = (await enter(client, city, running["id"], by_phone("Sitzt")))["id"]
    at_door = (await enter(client, city, running["id"], by_phone("An der Tür", email="tuer@example.org")))["id"]
    promote = "/staff/registrations/{}/promote"

    no_seat = await client.post(promote.format(at_door), headers=city.headers)
    problem(no_seat, 409, slug="event-full")
    assert (await detail(client, city, at_door))["status"] == "waitlisted"
    problem(await client.post(promote.format(seated), headers=city.headers), 409)
    assert await seat_state(db, running["id"]) == (1, 1, 1)

    await client.post(
        f"/staff/registrations/{seated}/cancel", json={"reason": "Ist nicht gekommen"}, headers=city.headers
    )
    assert (await detail(client, city, at_door))["status"] == "waitlisted"
    assert await seat_state(db, running["id"]) == (0, 1, 0)

    moved = await client.post(promote.format(at_door), headers=city.headers)
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "confirmed"
    assert steps(moved.json()["history"]) == [
        (None, "waitlisted", "phone", str(city.admin.id), None),
        ("waitlisted", "confirmed", "staff", str(city.admin.id), None),
    ]
    assert await mail_kinds(db, "tuer@example.org") == ["waitlisted", "registration_confirmed"]
    assert await seat_state(db, running["id"]) == (1, 1, 1)
    # The event has begun: the person's own link no longer cancels; the staff can.
    token = await latest_token(db, "tuer@example.org")
    problem(await client.post(f"/manage/registrations/{token}/cancel"), 409)
    assert (await client.get(f"/manage/registrations/{token}")).json()["status"] == "confirmed"


async def test_history_records_who_when_and_how_for_every_step(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    registration_id, token = await web_registration(client, city, db, event["id"], "amira@example.org")
    await client.post(f"/manage/registrations/{token}/confirm")
    await client.post(f"/staff/registrations/{registration_id}/check-in", json={"attended": True}, headers=city.headers)
    await client.post(f"/staff/registrations/{registration_id}/cancel", json={"reason": "Test"}, headers=city.headers)

    history = (await detail(client, city, registration_id))["history"]
    admin = str(city.admin.id)
    assert steps(history) == [
        (None, "pending", "web", None, None),
        ("pending", "confirmed", "web", None, None),
        ("confirmed", "attended", "on_site", admin, None),
        ("attended", "cancelled", "staff", admin, "Test"),
    ]
    moments = [datetime.fromisoformat(step["at"]) for step in history]
    assert moments == sorted(moments)
    assert all(moment.utcoffset() is not None for moment in moments)


# --- the CSV export -----------------------------------------------------------------------------------


async def test_csv_export_opens_in_german_excel(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], questions=QUESTIONS)
    _, token = await web_registration(
        client,
        city,
        db,
        event["id"],
        "j.gross@example.org",
        full_name="Jürgen Groß-Öztürk",
        affiliation="Verein für Bürger; Begegnung",
        answers={"kinderbetreuung": True, "themen": ["Bildung", "Wohnen"]},
    )
    await client.post(f"/manage/registrations/{token}/confirm")
    await enter(client, city, event["id"], by_phone('=HYPERLINK("http://evil.example","Klick")', phone="+49 151 23"))
    await enter(client, city, event["id"], by_phone("Zoë Ünal", answers={"kinderbetreuung": False}))

    response = await client.get(f"/staff/events/{event['id']}/registrations.csv", headers=city.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="anmeldungen-')
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.count("\n") == text.count("\r\n") == 4  # header and three rows, each ended by CRLF
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, *body = rows
    assert header[:3] == ["Name", "E-Mail", "Telefon"]
    assert header[-2:] == ["Kinderbetreuung nötig?", "Themen"]
    assert all(len(row) == len(header) for row in body)
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_name) == {"Jürgen Groß-Öztürk", '\'=HYPERLINK("http://evil.example","Klick")', "Zoë Ünal"}
    juergen = by_name["Jürgen Groß-Öztürk"]
    assert juergen["Organisation"] == "Verein für Bürger; Begegnung"  # the semicolon stays in its cell
    # Statuses, channels, categories and languages in the list's language, as its headers are.
    assert juergen["Status"] == "bestätigt"
    assert juergen["Kanal"] == "Website"
    assert juergen["Kategorie"] == "Einwohnerin/Einwohner"
    assert juergen["Sprache"] == "Deutsch"
    assert by_name["Zoë Ünal"]["Kanal"] == "Telefon"
    assert by_name["Zoë Ünal"]["Status"] == "bestätigt"
    assert juergen["Kinderbetreuung nötig?"] == "ja"
    assert juergen["Themen"] == "Bildung, Wohnen"
    assert datetime.strptime(juergen["Bestätigt am"], "%d.%m.%Y %H:%M")
    assert by_name["Zoë Ünal"]["Kinderbetreuung nötig?"] == "nein"
    assert by_name['\'=HYPERLINK("http://evil.example","Klick")']["Telefon"] == "'+49 151 23"

    only_web = await client.get(
        f"/staff/events/{event['id']}/registrations.csv", params={"channel": "web"}, headers=city.headers
    )
    assert only_web.content.decode("utf-8-sig").count("\r\n") == 2


# --- one city never sees another's ---------------------------------------------------------------------


async def test_another_citys_staff_gets_not_found_everywhere(client, city, other_city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    seated, _ = await web_registration(client, city, db, event["id"], "amira@example.org")
    waiting = (await enter(client, city, event["id"], by_phone("Wartet")))["id"]
    await with_privacy_notice(db, other_city)
    before = await row_counts(db)
    foreign = other_city.headers
    event_path = f"/staff/events/{event['id']}"

    responses = [
        await client.get(event_path, headers=foreign),
        await client.patch(event_path, json={"capacity": 5}, headers=foreign),
        await client.get(f"{event_path}/registrations", headers=foreign),
        await client.get(f"{event_path}/registrations.csv", headers=foreign),
        await client.post(f"{event_path}/registrations", json=by_phone(), headers=foreign),
        await client.get(f"/staff/registrations/{seated}", headers=foreign),
        await client.post(f"/staff/registrations/{seated}/check-in", json={"attended": True}, headers=foreign),
        await client.post(f"/staff/registrations/{seated}/cancel", json={"reason": "x"}, headers=foreign),
        await client.post(f"/staff/registrations/{waiting}/promote", headers=foreign),
        await client.get(f"/staff/registrations/{uuid.uuid4()}", headers=city.headers),
    ]
    for response in responses:
        problem(response, 404)
        assert "amira" not in response.text.lower()
    assert await row_counts(db) == before
    assert await seat_state(db, event["id"]) == (1, 1, 1)
    assert (await detail(client, city, seated))["status"] == "pending"

    for method, path in (
        ("GET", f"{event_path}/registrations"),
        ("GET", f"{event_path}/registrations.csv"),
        ("GET", f"/staff/registrations/{seated}"),
        ("POST", f"/staff/registrations/{seated}/cancel"),
    ):
        problem(await client.request(method, path, json={}), 401)


async def test_moving_someone_up_out_of_turn_adds_one_seat_for_them(client, city, db, process):
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    await enter(client, city, event["id"], by_phone("Sitzt"))
    first_in_line = (await enter(client, city, event["id"], by_phone("Erste in der Reihe")))["id"]
    chosen = (await enter(client, city, event["id"], by_phone("Dolmetscherin", email="dolm@example.org")))["id"]
    promote = f"/staff/registrations/{chosen}/promote"

    problem(await client.post(promote, headers=city.headers), 409, slug="event-full")
    moved = await client.post(promote, json={"add_seat": True}, headers=city.headers)

    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "confirmed"
    assert (await detail(client, city, first_in_line))["status"] == "waitlisted"
    staff_view = await client.get(f"/staff/events/{event['id']}", headers=city.headers)
    assert (staff_view.json()["capacity"], staff_view.json()["seats_taken"]) == (2, 2)


async def test_search_ignores_case_of_umlauts_and_takes_wildcards_literally(client, city, db, process):
    event = await published_event(client, city.headers, process["id"])
    ozlem = (await enter(client, city, event["id"], by_phone("Özlem Yılmaz")))["id"]
    percent = (await enter(client, city, event["id"], by_phone("Rabatt 100% Müller")))["id"]
    path = f"/staff/events/{event['id']}/registrations"

    async def found(q: str) -> set[str]:
        return {item["id"] for item in await walk(client, path, city.headers, params={"q": q}, limit=5)}

    assert await found("ÖZLEM") == {ozlem}
    assert await found("özlem") == {ozlem}
    assert await found("100%") == {percent}
    assert await found("%") == {percent}
    assert await found("_") == set()


async def test_refusals_name_the_field_in_words_a_person_understands(client, city, process):
    event = await published_event(client, city.headers, process["id"])
    url = f"/staff/events/{event['id']}/registrations"
    bad_phone = problem(await client.post(url, json=by_phone(phone="anrufen"), headers=city.headers), 422, "phone")
    [error] = bad_phone["errors"]
    assert error["message"].startswith("Please give a phone number")
    assert "pattern" not in error["message"]
    nobody = problem(await client.post(url, json=by_phone(phone=None), headers=city.headers), 422, "phone")
    assert nobody["errors"][0]["message"] == "Please give an e-mail address or a phone number."
