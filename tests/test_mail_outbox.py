"""The outbox: mails are written with the change they report and sent by the worker through a real
SMTP server (aiosmtpd on 127.0.0.1), exactly once, with retries and back-off when the server fails."""

from __future__ import annotations

import asyncio
import socket
import uuid
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from api.config import Settings
from api.db import utcnow
from api.main import create_app
from api.memberships import mails
from api.memberships.models import Membership
from api.notifications.delivery import CLAIM, backoff, deliver_due
from api.notifications.models import OutboxMessage, OutboxStatus
from api.notifications.sender import SmtpTransport
from api.participants.models import Participant
from tests.builders import problem, published_event, published_group, published_process
from tests.conftest import City, test_settings
from tests.signup_helpers import manage_token, person, sign_up, with_privacy_notice

# --- a real SMTP server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps what arrives; `rcpt_reply` / `data_reply` make the server refuse instead."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.rcpt_reply: str | None = None
        self.data_reply: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.data_reply:
            return self.data_reply
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.original_content))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages


@pytest.fixture
def smtp() -> Any:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def down() -> Any:
    """A port where no SMTP server listens (yet); `start()` brings it up."""
    server = SmtpServer()
    yield server
    server.stop()


def mail_settings(app: Any, server: SmtpServer, **overrides: Any) -> Settings:
    values = {
        "mail_transport": "smtp",
        "smtp_host": "127.0.0.1",
        "smtp_port": server.port,
        "smtp_security": "none",
        "smtp_timeout_seconds": 5,
        "mail_from": "Stadt Teststadt <beteiligung@teststadt.example>",
        **overrides,
    }
    return app.state.settings.model_copy(update=values)


async def deliver(app: Any, settings: Settings, now: Any = None) -> int:
    return await deliver_due(app.state.sessionmaker, SmtpTransport(settings), settings, now or utcnow())


# --- data -------------------------------------------------------------------------------------------


async def outbox(app: Any) -> list[OutboxMessage]:
    async with app.state.sessionmaker() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.created_at, OutboxMessage.id))
        return list(rows)


async def one_mail(app: Any) -> OutboxMessage:
    [row] = await outbox(app)
    return row


async def count(app: Any, model: type) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def event_with_signups(client: httpx.AsyncClient, city: City, db: Any, *emails: str, **body: Any) -> dict:
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    for email in emails:
        response = await sign_up(client, city, event["id"], email=email, **body)
        assert response.status_code == 202, response.text
    return event


def lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


def assert_no_address(text: str | None) -> None:
    assert text, "an error is recorded"
    assert "@" not in text
    assert "example.org" not in text


# --- the outbox is part of the change ---------------------------------------------------------------


async def test_mail_is_in_the_outbox_as_soon_as_the_change_is_committed(client, city, db):
    before = utcnow()
    await event_with_signups(client, city, db, "amira@example.org")
    mail = await one_mail(db)
    assert (mail.kind, mail.recipient, mail.status, mail.attempts) == (
        "confirm_registration",
        "amira@example.org",
        OutboxStatus.pending,
        0,
    )
    assert mail.organization_id == city.organization.id
    assert before <= mail.next_attempt_at <= utcnow()
    assert mail.claimed_until is None
    assert mail.sent_at is None
    async with db.state.sessionmaker() as session:
        participant = await session.scalar(select(Participant).where(Participant.email == "amira@example.org"))
    assert mail.participant_id == participant.id


async def test_a_refused_request_writes_no_mail(client, city, db):
    event = await event_with_signups(client, city, db)
    process_id = event["process_id"]
    steering = await published_group(client, city.headers, process_id, slug="steuerung", membership_mode="appointed")

    problem(await sign_up(client, city, event["id"], consent={"privacy_notice_version": 2}), 422)
    problem(
        await client.post(f"/orgs/{city.slug}/group-applications", json={**person(), "groups": [steering["id"]]}), 409
    )
    assert await outbox(db) == []
    assert await count(db, Participant) == 0


async def test_a_request_failing_after_the_mail_was_written_leaves_neither_change_nor_mail(
    client, city, db, monkeypatch
):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    ag = await published_group(client, city.headers, process["id"], capacity=3)
    original = mails.membership_mail
    wrote: list[int] = []

    async def write_then_fail(session: Any, *args: Any, **kwargs: Any) -> None:
        await original(session, *args, **kwargs)
        wrote.append(sum(isinstance(obj, OutboxMessage) for obj in session.new))
        raise RuntimeError("the request fails after the mail was written")

    monkeypatch.setattr(mails, "membership_mail", write_then_fail)
    transport = httpx.ASGITransport(app=db, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as failing:
        response = await failing.post(f"/orgs/{city.slug}/group-applications", json={**person(), "groups": [ag["id"]]})
    assert response.status_code == 500
    assert wrote == [1]  # the mail was written, in the request's session
    assert await outbox(db) == []
    assert await count(db, Membership) == 0
    assert await count(db, Participant) == 0
    monkeypatch.undo()

    staff_view = await client.get(f"/staff/groups/{ag['id']}", headers=city.headers)
    assert staff_view.json()["places_left"] == 3


# --- delivery through SMTP --------------------------------------------------------------------------


async def test_confirmed_registration_arrives_with_text_html_and_calendar(client, city, db, smtp):
    await event_with_signups(client, city, db, "amira@example.org")
    token = manage_token(await one_mail(db))
    confirmed = await client.post(f"/manage/registrations/{token}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    rows = await outbox(db)
    assert [r.kind for r in rows] == ["confirm_registration", "registration_confirmed"]

    settings = mail_settings(db, smtp)
    assert await deliver(db, settings) == 2
    assert len(smtp.messages) == 2
    by_id = {row.id: row for row in rows}
    arrived = {}
    for message in smtp.messages:
        [row_id] = [row_id for row_id in by_id if str(row_id) in message["Message-ID"]]
        arrived[by_id[row_id].kind] = (message, by_id[row_id])

    for kind, (message, row) in arrived.items():
        assert message["To"] == "amira@example.org", kind
        assert message["From"] == settings.mail_from
        assert message["Subject"] == row.subject
        assert message["Date"]
        assert lines(message.get_body(("plain",)).get_content()) == lines(row.body_text)
        assert lines(message.get_body(("html",)).get_content()) == lines(row.body_html)
    confirm_mail, _ = arrived["confirm_registration"]
    assert list(confirm_mail.iter_attachments()) == []
    confirmed_mail, _ = arrived["registration_confirmed"]
    [ics] = list(confirmed_mail.iter_attachments())
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_filename() == "termin.ics"
    calendar = ics.get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "Digitale Auftaktveranstaltung" in calendar

    for row in await outbox(db):
        assert (row.status, row.attempts, row.last_error, row.claimed_until) == (OutboxStatus.sent, 1, None, None)
        assert row.sent_at is not None


async def test_the_language_follows_the_persons_preference(client, city, db, smtp):
    event = await event_with_signups(client, city, db, "deutsch@example.org")
    response = await sign_up(client, city, event["id"], email="english@example.org", preferred_language="en")
    assert response.status_code == 202, response.text
    assert await deliver(db, mail_settings(db, smtp)) == 2
    subjects = {message["To"]: message for message in smtp.messages}
    german, english = subjects["deutsch@example.org"], subjects["english@example.org"]
    assert german["Subject"] != english["Subject"]
    assert german["Subject"].startswith("Bitte bestätigen Sie Ihre Anmeldung")
    assert english["Subject"].startswith("Please confirm your registration")
    assert '<html lang="de">' in german.get_body(("html",)).get_content()
    assert '<html lang="en">' in english.get_body(("html",)).get_content()
    assert "Hello Amira Haddad" in english.get_body(("plain",)).get_content()
    assert "Hallo Amira Haddad" in german.get_body(("plain",)).get_content()


async def test_each_mail_is_sent_once_when_the_worker_runs_twice(client, city, db, smtp):
    await event_with_signups(client, city, db, *(f"p{i}@example.org" for i in range(4)))
    settings = mail_settings(db, smtp)
    now = utcnow()
    assert await deliver(db, settings, now) == 4
    assert await deliver(db, settings, now) == 0
    assert await deliver(db, settings, now + timedelta(days=1)) == 0
    assert sorted(m["To"] for m in smtp.messages) == [f"p{i}@example.org" for i in range(4)]


async def test_each_mail_is_sent_once_when_two_workers_run_at_the_same_time(client, city, db, smtp):
    await event_with_signups(client, city, db, *(f"p{i}@example.org" for i in range(12)))
    settings = mail_settings(db, smtp)
    now = utcnow()
    sent = await asyncio.gather(*(deliver(db, settings, now) for _ in range(3)))
    assert sum(sent) == 12
    assert len(smtp.messages) == 12
    rows = await outbox(db)
    for row in rows:
        assert sum(str(row.id) in message["Message-ID"] for message in smtp.messages) == 1
        assert (row.status, row.attempts) == (OutboxStatus.sent, 1)


# --- failures ---------------------------------------------------------------------------------------


async def test_server_down_keeps_the_mail_pending_with_back_off_until_it_is_back(client, city, db, down):
    await event_with_signups(client, city, db, "amira@example.org")
    settings = mail_settings(db, down)
    first = utcnow()

    assert await deliver(db, settings, first) == 0
    mail = await one_mail(db)
    assert (mail.status, mail.attempts, mail.claimed_until) == (OutboxStatus.pending, 1, None)
    assert_no_address(mail.last_error)
    assert mail.next_attempt_at == first + backoff(1) == first + timedelta(minutes=1)

    assert await deliver(db, settings, first + timedelta(seconds=59)) == 0  # not due yet: not even tried
    assert (await one_mail(db)).attempts == 1

    second = first + timedelta(minutes=1)
    assert await deliver(db, settings, second) == 0
    mail = await one_mail(db)
    assert (mail.status, mail.attempts) == (OutboxStatus.pending, 2)
    assert mail.next_attempt_at == second + timedelta(minutes=2)

    third = second + timedelta(minutes=2)
    assert await deliver(db, settings, third) == 0
    mail = await one_mail(db)
    assert mail.attempts == 3
    assert mail.next_attempt_at == third + timedelta(minutes=4)

    down.start()
    assert await deliver(db, settings, third + timedelta(minutes=3)) == 0  # back, but the mail is not due
    assert down.messages == []
    assert await deliver(db, settings, third + timedelta(minutes=4)) == 1
    [message] = down.messages
    assert message["To"] == "amira@example.org"
    assert str(mail.id) in message["Message-ID"]
    mail = await one_mail(db)
    assert (mail.status, mail.attempts) == (OutboxStatus.sent, 4)


def test_back_off_doubles_from_one_minute_up_to_six_hours():
    assert [backoff(n) for n in range(1, 6)] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert backoff(9) == timedelta(minutes=256)
    assert backoff(10) == backoff(30) == timedelta(hours=6)


@pytest.mark.parametrize("stage", ["rcpt", "data"])
async def test_a_temporary_refusal_is_retried(client, city, db, smtp, stage):
    await event_with_signups(client, city, db, "amira@example.org")
    refusal = "451 4.7.1 <amira@example.org>: greylisted, please try again later"
    setattr(smtp.inbox, f"{stage}_reply", refusal)
    settings = mail_settings(db, smtp)
    now = utcnow()

    assert await deliver(db, settings, now) == 0
    mail = await one_mail(db)
    assert (mail.status, mail.attempts) == (OutboxStatus.pending, 1)
    assert "451" in mail.last_error
    assert_no_address(mail.last_error)
    assert mail.next_attempt_at == now + timedelta(minutes=1)
    assert smtp.messages == []

    setattr(smtp.inbox, f"{stage}_reply", None)
    assert await deliver(db, settings, now + timedelta(minutes=1)) == 1
    assert len(smtp.messages) == 1
    assert (await one_mail(db)).status == OutboxStatus.sent


async def test_after_the_last_attempt_the_mail_has_failed(client, city, db, down):
    await event_with_signups(client, city, db, "amira@example.org")
    settings = mail_settings(db, down, mail_max_attempts=3)
    now = utcnow()
    for attempt in (1, 2, 3):
        assert await deliver(db, settings, now) == 0
        mail = await one_mail(db)
        assert mail.attempts == attempt
        now = mail.next_attempt_at if mail.status == OutboxStatus.pending else now
    assert mail.status == OutboxStatus.failed
    assert_no_address(mail.last_error)

    down.start()
    assert await deliver(db, settings, now + timedelta(days=2)) == 0
    assert down.messages == []
    assert (await one_mail(db)).attempts == 3


async def test_a_refused_recipient_fails_at_once(client, city, db, smtp):
    await event_with_signups(client, city, db, "amira@example.org")
    smtp.inbox.rcpt_reply = "550 5.1.1 <amira@example.org>: Recipient address rejected: User unknown"
    settings = mail_settings(db, smtp)
    now = utcnow()
    assert await deliver(db, settings, now) == 0
    mail = await one_mail(db)
    assert (mail.status, mail.attempts) == (OutboxStatus.failed, 1)
    assert_no_address(mail.last_error)

    smtp.inbox.rcpt_reply = None
    assert await deliver(db, settings, now + timedelta(days=1)) == 0
    assert smtp.messages == []


async def test_a_crashed_workers_claim_blocks_others_until_it_runs_out(client, city, db, smtp):
    await event_with_signups(client, city, db, "amira@example.org", "jonas@example.org")

    class Crash:
        async def send(self, message: OutboxMessage) -> None:
            raise RuntimeError("the worker process died while sending")

    settings = mail_settings(db, smtp)
    now = utcnow()
    with pytest.raises(RuntimeError):
        await deliver_due(db.state.sessionmaker, Crash(), settings, now)
    for row in await outbox(db):
        assert (row.status, row.attempts, row.claimed_until) == (OutboxStatus.pending, 0, now + CLAIM)

    assert await deliver(db, settings, now + timedelta(minutes=1)) == 0
    assert await deliver(db, settings, now + CLAIM) == 0
    assert smtp.messages == []
    assert await deliver(db, settings, now + CLAIM + timedelta(seconds=1)) == 2
    assert sorted(m["To"] for m in smtp.messages) == ["amira@example.org", "jonas@example.org"]
    assert {row.status for row in await outbox(db)} == {OutboxStatus.sent}


async def test_a_claim_that_ran_out_long_ago_does_not_block(client, city, db, smtp):
    await event_with_signups(client, city, db, "amira@example.org")
    now = utcnow()
    async with db.state.sessionmaker() as session:
        await session.execute(update(OutboxMessage).values(claimed_until=now - timedelta(hours=1)))
        await session.commit()
    assert await deliver(db, mail_settings(db, smtp), now) == 1


# --- the development mail view ----------------------------------------------------------------------


async def test_dev_mail_view_shows_the_citys_own_mails(client, city, other_city, db):
    await event_with_signups(client, city, db, "amira@example.org", "jonas@example.org")
    await event_with_signups(client, other_city, db, "amira@example.org", "elsewhere@example.org")

    response = await client.get("/dev/mails", params={"limit": 100}, headers=city.headers)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert sorted(m["recipient"] for m in items) == ["amira@example.org", "jonas@example.org"]
    async with db.state.sessionmaker() as session:
        own = set(
            await session.scalars(select(OutboxMessage.id).where(OutboxMessage.organization_id == city.organization.id))
        )
    assert {uuid.UUID(m["id"]) for m in items} == own
    assert all(m["kind"] == "confirm_registration" and m["status"] == "pending" for m in items)
    assert all("/manage/registration?confirm=1#t=" in m["body_text"] for m in items)

    filtered = await client.get("/dev/mails", params={"recipient": " Amira@Example.org "}, headers=city.headers)
    assert [m["recipient"] for m in filtered.json()["items"]] == ["amira@example.org"]
    assert uuid.UUID(filtered.json()["items"][0]["id"]) in own
    theirs = await client.get("/dev/mails", params={"recipient": "elsewhere@example.org"}, headers=city.headers)
    assert theirs.json()["items"] == []
    problem(await client.get("/dev/mails"), 401)


async def test_dev_mail_view_does_not_exist_in_production(client, city, db, database_url):
    await event_with_signups(client, city, db, "amira@example.org")
    production = create_app(test_settings(database_url, environment="production"))
    try:
        transport = httpx.ASGITransport(app=production)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as prod:
            assert (await prod.get("/staff/organization", headers=city.headers)).status_code == 200
            problem(await prod.get("/dev/mails", headers=city.headers), 404)
            problem(await prod.get("/dev/mails"), 404)
    finally:
        await production.state.engine.dispose()
    assert (await client.get("/dev/mails", headers=city.headers)).status_code == 200
