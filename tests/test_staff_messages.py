"""Messages from staff to an audience: each person reads it in their language, through a real SMTP server,
at a steady pace, with a delivery report; people without e-mail are listed to call; a resident may opt out."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from api.audit.models import AuditEntry
from api.db import utcnow
from api.messages.models import StaffMessage
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization
from api.registrations.models import Registration
from api.staff.models import StaffRole
from tests.access_helpers import staff_with_role
from tests.builders import problem, published_event, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import LINK, with_privacy_notice
from tests.test_mail_outbox import deliver, mail_settings, smtp  # noqa: F401 - the real SMTP server fixture

HELLO = {
    "de": {"subject": "Neuigkeiten zu {event}", "body": "Hallo {name},\n\nder Raum ändert sich.\n\n{manage_link}"},
    "en": {"subject": "News about {event}", "body": "Hello {name},\n\nthe room changes.\n\n{manage_link}"},
    "ar": {"subject": "أخبار عن {event}", "body": "مرحبا {name}،\n\nتغيرت القاعة.\n\n{manage_link}"},
}


# --- helpers ----------------------------------------------------------------------------------------


async def speaking(db: Any, city: City, *languages: str) -> None:
    async with db.state.sessionmaker() as session:
        await session.execute(
            update(Organization).where(Organization.id == city.organization.id).values(languages=list(languages))
        )
        await session.commit()


def entry(full_name: str, email: str | None = None, language: str = "de", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "full_name": full_name,
        "channel": "phone",
        "preferred_language": language,
        "consent": {"privacy_notice_version": 1},
        **overrides,
    }
    if email:
        body["email"] = email
    else:
        body.setdefault("phone", "0151 2345678")
    return body


async def enter(client: httpx.AsyncClient, city: City, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/staff/events/{event_id}/registrations", json=body, headers=city.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def add_member(client: httpx.AsyncClient, city: City, group_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/staff/groups/{group_id}/memberships", json=body, headers=city.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def world(client: httpx.AsyncClient, city: City, db: Any) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    return {"process": process, "event": event}


def message(audience: dict[str, Any], *languages: str) -> dict[str, Any]:
    return {"audience": audience, "texts": {lang: HELLO[lang] for lang in languages or ("de",)}}


async def send(client: httpx.AsyncClient, city: City, process_id: str, body: dict[str, Any], headers=None):
    return await client.post(f"/staff/processes/{process_id}/messages", json=body, headers=headers or city.headers)


async def message_mails(db: Any) -> list[OutboxMessage]:
    async with db.state.sessionmaker() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "staff_message")
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        )
        return list(rows)


async def count(db: Any, model: type) -> int:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


def later() -> Any:
    return utcnow() + timedelta(hours=1)


# --- an audience in each person's language ------------------------------------------------------------


async def test_a_message_reaches_each_person_in_their_language(client, city, db, smtp):  # noqa: F811
    await speaking(db, city, "de", "en", "ar")
    w = await world(client, city, db)
    event = w["event"]
    people = {
        "de": await enter(client, city, event["id"], entry("Hans Müller", "hans@example.org", "de")),
        "en": await enter(client, city, event["id"], entry("Grace Hopper", "grace@example.org", "en-GB")),
        "ar": await enter(client, city, event["id"], entry("Amira Haddad", "amira@example.org", "ar")),
        # French has no text: the city's default language stands in.
        "fr": await enter(client, city, event["id"], entry("Jean Dupont", "jean@example.org", "fr")),
    }
    response = await send(
        client, city, w["process"]["id"], message({"kind": "event", "event_id": event["id"]}, "de", "en", "ar")
    )
    assert response.status_code == 201, response.text
    sent = response.json()
    assert sent["recipient_count"] == 4
    assert sent["delivery"] == {"pending": 4, "sent": 0, "failed": 0, "bounced": 0}

    assert await deliver(db, mail_settings(db, smtp), later()) >= 4
    arrived = {mail["To"]: mail for mail in smtp.messages if "Auftakt" in mail["Subject"]}
    assert arrived["hans@example.org"]["Subject"] == "Neuigkeiten zu Digitale Auftaktveranstaltung"
    assert arrived["grace@example.org"]["Subject"] == "News about Digitale Auftaktveranstaltung"
    assert arrived["amira@example.org"]["Subject"] == "أخبار عن Digitale Auftaktveranstaltung"
    assert arrived["jean@example.org"]["Subject"] == "Neuigkeiten zu Digitale Auftaktveranstaltung"
    text = arrived["grace@example.org"].get_body(("plain",)).get_content()
    assert "Hello Grace Hopper," in text
    assert "{" not in text
    # The link in the mail is the person's own: it opens their registration, no one else's.
    token = LINK.search(text).group(2)
    mine = await client.get(f"/manage/registrations/{token}")
    assert mine.status_code == 200
    assert mine.json()["id"] == people["en"]["id"]

    report = (await client.get(f"/staff/messages/{sent['id']}", headers=city.headers)).json()
    assert report["delivery"] == {"pending": 0, "sent": 4, "failed": 0, "bounced": 0}
    listed = (await client.get(f"/staff/processes/{w['process']['id']}/messages", headers=city.headers)).json()
    assert [(m["id"], m["subject"], m["delivery"]["sent"]) for m in listed["items"]] == [
        (sent["id"], "Neuigkeiten zu {event}", 4)
    ]
    assert listed["items"][0]["sender_name"] == city.admin.full_name


async def test_mails_leave_one_by_one_at_the_configured_pace(client, city, db, smtp):  # noqa: F811
    w = await world(client, city, db)
    for n in range(3):
        await enter(client, city, w["event"]["id"], entry(f"Person {n}", f"p{n}@example.org"))
    before = utcnow()
    assert (
        await send(client, city, w["process"]["id"], message({"kind": "event", "event_id": w["event"]["id"]}))
    ).status_code == 201
    mails = await message_mails(db)
    interval = timedelta(seconds=db.state.settings.staff_message_interval_seconds)
    assert interval > timedelta(0)
    gaps = [b.next_attempt_at - a.next_attempt_at for a, b in pairwise(mails)]
    assert gaps == [interval, interval]
    assert mails[0].next_attempt_at >= before
    # Right now only the first is due; the others wait their turn.
    await deliver(db, mail_settings(db, smtp), mails[0].next_attempt_at)
    assert [m["To"] for m in smtp.messages if m["Subject"].startswith("Neuigkeiten")] == [mails[0].recipient]


async def test_a_second_message_queues_behind_the_first_instead_of_doubling_the_pace(client, city, db):
    w = await world(client, city, db)
    for n in range(2):
        await enter(client, city, w["event"]["id"], entry(f"Person {n}", f"p{n}@example.org"))
    audience = {"kind": "event", "event_id": w["event"]["id"]}
    for _ in range(2):
        assert (await send(client, city, w["process"]["id"], message(audience))).status_code == 201
    times = [m.next_attempt_at for m in await message_mails(db)]
    interval = timedelta(seconds=db.state.settings.staff_message_interval_seconds)
    assert [b - a for a, b in pairwise(times)] == [interval, interval, interval]


async def test_a_long_subject_with_a_long_title_is_shortened_to_fit(client, city, db):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], title="T" * 200)
    await enter(client, city, event["id"], entry("N" * 200, "lang@example.org"))
    texts = {"de": {"subject": "{event} {name} " + "S" * 150, "body": "Hallo"}}
    response = await send(
        client, city, process["id"], {"audience": {"kind": "event", "event_id": event["id"]}, "texts": texts}
    )
    assert response.status_code == 201, response.text
    [mail] = await message_mails(db)
    assert len(mail.subject) == 300
    assert mail.subject == "T" * 200 + " " + "N" * 98 + "…"


async def test_a_refused_address_is_reported_as_bounced(client, city, db, smtp):  # noqa: F811
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Niemand", "niemand@example.org"))
    sent = (
        await send(client, city, w["process"]["id"], message({"kind": "event", "event_id": w["event"]["id"]}))
    ).json()
    smtp.inbox.rcpt_reply = "550 5.1.1 No such user"
    await deliver(db, mail_settings(db, smtp), later())
    report = (await client.get(f"/staff/messages/{sent['id']}", headers=city.headers)).json()
    assert report["delivery"] == {"pending": 0, "sent": 0, "failed": 0, "bounced": 1}


async def test_a_server_that_stays_away_makes_a_failure_not_a_bounce(client, city, db, smtp):  # noqa: F811
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Greta", "greta@example.org"))
    sent = (
        await send(client, city, w["process"]["id"], message({"kind": "event", "event_id": w["event"]["id"]}))
    ).json()
    smtp.inbox.data_reply = "451 4.3.0 Try again later"
    settings = mail_settings(db, smtp, mail_max_attempts=1)
    await deliver(db, settings, later())
    report = (await client.get(f"/staff/messages/{sent['id']}", headers=city.headers)).json()
    assert report["delivery"] == {"pending": 0, "sent": 0, "failed": 1, "bounced": 0}


# --- who is in the audience ---------------------------------------------------------------------------


async def test_people_without_e_mail_are_listed_to_call_with_their_phone(client, city, db):
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    phoned = await enter(client, city, w["event"]["id"], entry("Fatma Yilmaz", phone="0171 9876543"))
    body = message({"kind": "event", "event_id": w["event"]["id"]})
    preview = await client.post(
        f"/staff/processes/{w['process']['id']}/messages/preview", json=body, headers=city.headers
    )
    assert preview.status_code == 200, preview.text
    expected = [{"participant_id": phoned["participant"]["id"], "full_name": "Fatma Yilmaz", "phone": "0171 9876543"}]
    assert preview.json()["to_call"] == expected
    assert preview.json()["recipient_count"] == 1
    sent = (await send(client, city, w["process"]["id"], body)).json()
    assert sent["to_call"] == expected
    assert sent["to_call_count"] == 1
    assert [m.recipient for m in await message_mails(db)] == ["hans@example.org"]


async def test_the_waiting_list_and_chosen_statuses_are_their_own_audiences(client, city, db):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    await enter(client, city, event["id"], entry("Auf Platz", "platz@example.org"))
    waiting = await enter(client, city, event["id"], entry("Wartend", "warte@example.org"))
    assert waiting["status"] == "waitlisted"
    waiting_list = {"kind": "waiting_list", "event_id": event["id"]}
    await send(client, city, process["id"], message(waiting_list))
    assert [m.recipient for m in await message_mails(db)] == ["warte@example.org"]
    by_status = {"kind": "event", "event_id": event["id"], "statuses": ["confirmed"]}
    preview = await client.post(
        f"/staff/processes/{process['id']}/messages/preview", json=message(by_status), headers=city.headers
    )
    assert preview.json()["recipient_count"] == 1
    assert preview.json()["samples"][0]["recipient_name"] == "Auf Platz"


async def test_a_groups_members_by_role_and_everyone_in_the_process_once(client, city, db):
    w = await world(client, city, db)
    group = await published_group(client, city.headers, w["process"]["id"])
    lead = entry("Leiterin", "lead@example.org", role="lead")
    lead.pop("channel")
    await add_member(client, city, group["id"], lead)
    member = entry("Mitglied", "member@example.org")
    member.pop("channel")
    await add_member(client, city, group["id"], member)
    # The lead is also signed up for the event: one mail for the process, not two.
    await enter(client, city, w["event"]["id"], entry("Leiterin", "lead@example.org"))
    leads = {"kind": "group", "group_id": group["id"], "roles": ["lead"]}
    preview = await client.post(
        f"/staff/processes/{w['process']['id']}/messages/preview", json=message(leads), headers=city.headers
    )
    assert preview.json()["recipient_count"] == 1
    assert preview.json()["samples"][0]["recipient_name"] == "Leiterin"
    await send(client, city, w["process"]["id"], message({"kind": "process"}))
    assert sorted(m.recipient for m in await message_mails(db)) == ["lead@example.org", "member@example.org"]
    # A group message tells of the group, with the person's membership link.
    await send(client, city, w["process"]["id"], message({"kind": "group", "group_id": group["id"]}))
    group_mails = [m for m in await message_mails(db) if m.subject == "Neuigkeiten zu AG Bildung"]
    assert len(group_mails) == 2
    assert all("/manage/membership#t=" in m.body_text for m in group_mails)


# --- opting out --------------------------------------------------------------------------------------


async def test_a_person_opts_out_through_the_manage_link_but_still_hears_of_changes(client, city, db):
    w = await world(client, city, db)
    for name, email in (("Amira Haddad", "amira@example.org"), ("Bob Beispiel", "bob@example.org")):
        response = await client.post(
            f"/orgs/{city.slug}/events/{w['event']['id']}/registrations",
            json={"full_name": name, "email": email, "consent": {"privacy_notice_version": 1}},
        )
        assert response.status_code == 202, response.text
    async with db.state.sessionmaker() as session:
        confirm = await session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "amira@example.org"))
    token = LINK.search(confirm.body_text).group(2)
    assert (await client.get(f"/manage/registrations/{token}/messages")).json() == {"receives_staff_messages": True}
    stop = await client.put(f"/manage/registrations/{token}/messages", json={"receives_staff_messages": False})
    assert stop.status_code == 200, stop.text
    assert (await client.get(f"/manage/registrations/{token}/messages")).json() == {"receives_staff_messages": False}
    audience = {"kind": "event", "event_id": w["event"]["id"], "statuses": ["pending"]}
    sent = await send(client, city, w["process"]["id"], message(audience))
    assert sent.status_code == 201, sent.text
    assert (sent.json()["recipient_count"], sent.json()["opted_out_count"]) == (1, 1)
    assert [m.recipient for m in await message_mails(db)] == ["bob@example.org"]
    # A notice about the person's own event is not a staff message: it still comes.
    cancelled = await client.post(
        f"/staff/events/{w['event']['id']}/cancel", json={"reason": "Der Saal ist gesperrt."}, headers=city.headers
    )
    assert cancelled.status_code == 200, cancelled.text
    async with db.state.sessionmaker() as session:
        kinds = await session.scalars(select(OutboxMessage.kind).where(OutboxMessage.recipient == "amira@example.org"))
        assert "event_cancelled" in list(kinds)


async def test_a_member_opts_out_through_the_membership_link(client, city, db):
    w = await world(client, city, db)
    group = await published_group(client, city.headers, w["process"]["id"])
    applied = await client.post(
        f"/orgs/{city.slug}/group-applications",
        json={
            "full_name": "Samir",
            "email": "samir@example.org",
            "consent": {"privacy_notice_version": 1},
            "groups": [group["id"]],
        },
    )
    assert applied.status_code == 202, applied.text
    async with db.state.sessionmaker() as session:
        mail = await session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "samir@example.org"))
    token = LINK.search(mail.body_text).group(2)
    stop = await client.put(f"/manage/memberships/{token}/messages", json={"receives_staff_messages": False})
    assert stop.json() == {"receives_staff_messages": False}
    preview = await client.post(
        f"/staff/processes/{w['process']['id']}/messages/preview",
        json=message({"kind": "process"}),
        headers=city.headers,
    )
    assert preview.json()["opted_out_count"] == 1
    assert preview.json()["recipient_count"] == 0
    bad = await client.put(f"/manage/memberships/{token}/messages", json={"receives_staff_messages": "vielleicht"})
    problem(bad, 422, "receives_staff_messages")


# --- preview and test -------------------------------------------------------------------------------


async def test_the_preview_shows_each_language_for_a_reader_without_their_secret_link(client, city, db):
    await speaking(db, city, "de", "en", "ar")
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Grace Hopper", "grace@example.org", "en"))
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org", "de"))
    body = message({"kind": "event", "event_id": w["event"]["id"]}, "de", "en", "ar")
    preview = await client.post(
        f"/staff/processes/{w['process']['id']}/messages/preview", json=body, headers=city.headers
    )
    samples = {s["language"]: s for s in preview.json()["samples"]}
    assert samples["en"]["recipient_name"] == "Grace Hopper"
    assert samples["en"]["body"].startswith("Hello Grace Hopper,")
    assert samples["de"]["subject"] == "Neuigkeiten zu Digitale Auftaktveranstaltung"
    assert not LINK.search(samples["de"]["body"])
    # Nobody reads Arabic: an example, filled in for the first person, names no reader.
    assert samples["ar"]["recipient_name"] is None
    # The sample is the mail's own text: right to left, each line opened by a RIGHT-TO-LEFT MARK.
    assert samples["ar"]["body"].startswith("\u200fمرحبا Grace Hopper،")
    assert await count(db, StaffMessage) == 0


async def test_a_test_goes_to_my_own_address_once_per_language(client, city, db):
    await speaking(db, city, "de", "en")
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    body = message({"kind": "event", "event_id": w["event"]["id"]}, "de", "en")
    response = await client.post(
        f"/staff/processes/{w['process']['id']}/messages/test", json=body, headers=city.headers
    )
    assert response.status_code == 202, response.text
    assert response.json() == {"recipient": city.admin.email, "mail_count": 2}
    async with db.state.sessionmaker() as session:
        tests = list(await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "staff_message_test")))
    assert sorted(m.subject for m in tests) == [
        "Neuigkeiten zu Digitale Auftaktveranstaltung",
        "News about Digitale Auftaktveranstaltung",
    ]
    assert {m.recipient for m in tests} == {city.admin.email}
    assert all(f"{city.admin.full_name}" in m.body_text and not LINK.search(m.body_text) for m in tests)
    assert await message_mails(db) == []
    assert await count(db, StaffMessage) == 0


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "field", "kind"),
    [
        ({"de": {"subject": "Hallo {nmae}", "body": "Text"}}, "texts.de.subject", "unknown-placeholder"),
        ({"de": {"subject": "Hallo", "body": "{name.__class__}"}}, "texts.de.body", "unknown-placeholder"),
        (
            {"de": {"subject": "Hallo", "body": "Text"}, "tr": {"subject": "Merhaba", "body": "Metin"}},
            "texts.tr",
            "language-not-offered",
        ),
        ({"en": {"subject": "Hello", "body": "Text"}}, "texts.de", "default-language-needed"),
        ({"de": {"subject": "Hallo", "body": "Text\x00"}}, "texts.de.body", "not-text"),
        ({"de": {"subject": "", "body": "Text"}}, "texts.de.subject", None),
        ({}, "texts", None),
    ],
)
async def test_bad_words_are_refused_and_nothing_is_sent(client, city, db, texts, field, kind):
    await speaking(db, city, "de", "en")
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    body = {"audience": {"kind": "event", "event_id": w["event"]["id"]}, "texts": texts}
    for path in ("", "/preview", "/test"):
        response = await client.post(
            f"/staff/processes/{w['process']['id']}/messages{path}", json=body, headers=city.headers
        )
        errors = problem(response, 422, field)["errors"]
        if kind:
            assert kind in [e["kind"] for e in errors if e["field"] == field]
    assert await count(db, StaffMessage) == 0
    assert await message_mails(db) == []
    async with db.state.sessionmaker() as session:
        assert await session.scalar(select(func.count()).where(OutboxMessage.kind == "staff_message_test")) == 0


async def test_an_audience_of_nobody_is_refused(client, city, db):
    w = await world(client, city, db)
    response = await send(client, city, w["process"]["id"], message({"kind": "event", "event_id": w["event"]["id"]}))
    assert "no-recipients" in [e["kind"] for e in problem(response, 422, "audience")["errors"]]
    assert await count(db, StaffMessage) == 0


async def test_events_and_groups_of_other_processes_and_cities_are_refused(client, city, other_city, db):
    w = await world(client, city, db)
    other_process = await published_process(client, city.headers, slug="anderer-prozess")
    elsewhere = await published_event(client, city.headers, other_process["id"])
    foreign_process = await published_process(client, other_city.headers)
    foreign_event = await published_event(client, other_city.headers, foreign_process["id"])
    path = f"/staff/processes/{w['process']['id']}/messages"
    response = await client.post(
        path, json=message({"kind": "event", "event_id": elsewhere["id"]}), headers=city.headers
    )
    assert "other-process" in [e["kind"] for e in problem(response, 422, "audience.event_id")["errors"]]
    response = await client.post(
        path, json=message({"kind": "event", "event_id": foreign_event["id"]}), headers=city.headers
    )
    assert "not-found" in [e["kind"] for e in problem(response, 422, "audience.event_id")["errors"]]
    response = await client.post(
        path, json=message({"kind": "group", "group_id": foreign_event["id"]}), headers=city.headers
    )
    problem(response, 422, "audience.group_id")
    response = await client.post(path, json=message({"kind": "everyone"}), headers=city.headers)
    problem(response, 422, "audience.kind")
    response = await client.post(path, json=message({"kind": "event"}), headers=city.headers)
    assert "required" in [e["kind"] for e in problem(response, 422, "audience.event_id")["errors"]]
    response = await client.post(path, json=message({"kind": "event", "event_id": "nicht-da"}), headers=city.headers)
    assert "not-an-id" in [e["kind"] for e in problem(response, 422, "audience.event_id")["errors"]]
    group = await published_group(client, city.headers, w["process"]["id"])
    as_registrations = {"kind": "group", "group_id": group["id"], "statuses": ["confirmed"]}
    response = await client.post(path, json=message(as_registrations), headers=city.headers)
    assert "not-a-choice" in [e["kind"] for e in problem(response, 422, "audience.statuses")["errors"]]
    # Another city's process, and another city's message: nothing of theirs exists for us.
    problem(await send(client, city, foreign_process["id"], message({"kind": "process"})), 404)
    await with_privacy_notice(db, other_city)
    await enter(client, other_city, foreign_event["id"], entry("Fremd", "fremd@example.org"))
    theirs = (await send(client, other_city, foreign_process["id"], message({"kind": "process"}))).json()
    problem(await client.get(f"/staff/messages/{theirs['id']}", headers=city.headers), 404)
    problem(await client.get("/staff/messages/not-a-uuid", headers=city.headers), 422)


# --- who may write ----------------------------------------------------------------------------------


async def test_a_groups_moderator_writes_to_their_group_only_and_a_viewer_to_nobody(client, city, db):
    w = await world(client, city, db)
    group = await published_group(client, city.headers, w["process"]["id"])
    member = entry("Mitglied", "member@example.org")
    member.pop("channel")
    await add_member(client, city, group["id"], member)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    _, moderator = await staff_with_role(db, city, StaffRole.group_moderator, group_id=group["id"])
    _, viewer = await staff_with_role(db, city, StaffRole.viewer)
    to_group = message({"kind": "group", "group_id": group["id"]})
    to_event = message({"kind": "event", "event_id": w["event"]["id"]})
    ours = await send(client, city, w["process"]["id"], to_group, headers=moderator)
    assert ours.status_code == 201, ours.text
    problem(await send(client, city, w["process"]["id"], to_event, headers=moderator), 403)
    problem(await send(client, city, w["process"]["id"], message({"kind": "process"}), headers=moderator), 403)
    problem(await send(client, city, w["process"]["id"], to_group, headers=viewer), 403)
    admins = await send(client, city, w["process"]["id"], to_event)
    listed = await client.get(f"/staff/processes/{w['process']['id']}/messages", headers=moderator)
    assert [m["id"] for m in listed.json()["items"]] == [ours.json()["id"]]
    problem(await client.get(f"/staff/messages/{admins.json()['id']}", headers=moderator), 403)
    problem(await client.get(f"/staff/processes/{w['process']['id']}/messages", headers=viewer), 403)
    assert sorted(m.recipient for m in await message_mails(db)) == ["hans@example.org", "member@example.org"]


async def test_the_audit_log_names_who_the_audience_and_the_count_never_the_words(client, city, db):
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    audience = {"kind": "event", "event_id": w["event"]["id"]}
    sent = (await send(client, city, w["process"]["id"], message(audience))).json()
    async with db.state.sessionmaker() as session:
        [logged] = await session.scalars(select(AuditEntry).where(AuditEntry.action == "send_staff_message"))
    assert logged.actor_id == city.admin.id
    assert (logged.object_type, str(logged.object_id)) == ("message", sent["id"])
    assert logged.changes["recipient_count"] == 1
    assert logged.changes["audience"]["event_id"] == w["event"]["id"]
    assert "Raum" not in str(logged.changes)
    assert "texts" not in logged.changes


async def test_the_message_and_its_count_stay_when_the_sign_ups_are_gone(client, city, db):
    w = await world(client, city, db)
    await enter(client, city, w["event"]["id"], entry("Hans Müller", "hans@example.org"))
    sent = (
        await send(client, city, w["process"]["id"], message({"kind": "event", "event_id": w["event"]["id"]}))
    ).json()
    async with db.state.sessionmaker() as session:
        await session.execute(Registration.__table__.delete())
        await session.commit()
    report = await client.get(f"/staff/messages/{sent['id']}", headers=city.headers)
    assert report.status_code == 200, report.text
    assert report.json()["to_call"] == []
    assert report.json()["recipient_count"] == 1
