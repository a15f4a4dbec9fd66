"""Data protection (DSGVO): a person downloads everything held about them and has it erased, through any
manage link or on request through staff; the retention job erases people whose participation ended long ago.
After erasure not one row of any table names the person; everyone else and every counter stays right."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from api import worker
from api.audit.models import AuditEntry
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.idempotency import IdempotentResponse
from api.lifecycle.models import StatusChange
from api.memberships.models import Membership
from api.models import Base
from api.notifications.models import OutboxMessage
from api.notifications.sender import CaptureTransport
from api.participants.models import Consent, Participant
from api.privacy.erasure import ERASED_NAME
from api.privacy.retention import erase_expired_personal_data, months_before
from api.registrations.models import Registration
from api.staff.models import RoleGrant, StaffRole, StaffUser
from tests.builders import created, fetch, problem, published_event, published_group, published_process, walk
from tests.conftest import City, logged_in_token, make_city
from tests.signup_helpers import (
    latest_token,
    mail_kinds,
    mails_to,
    manage_token,
    person,
    registrations_of,
    seat_state,
    sign_up,
    with_privacy_notice,
)

AMIRA = {"full_name": "Amira Haddad", "email": "amira@example.org", "phone": "0151 2345678"}
# Everything that would name Amira in a row: her name and its parts, her address, her number written two ways.
AMIRA_TRACES = ("Amira Haddad", "Amira", "Haddad", "amira@example.org", "0151 2345678", "01512345678")
QUESTIONS = [{"id": "wunsch", "label": "Was wünschen Sie sich?", "kind": "text"}]


# --- helpers ----------------------------------------------------------------------------------------


async def setup(client: httpx.AsyncClient, city: City, db: Any) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


async def confirmed(client: httpx.AsyncClient, city: City, db: Any, event_id: str, **body: Any) -> str:
    """A web sign-up, confirmed through the link in its mail; returns the manage token."""
    response = await sign_up(client, city, event_id, **body)
    assert response.status_code == 202, response.text
    token = await latest_token(db, body["email"])
    confirm = await client.post(f"/manage/registrations/{token}/confirm")
    assert confirm.status_code == 200, confirm.text
    return token


async def applied(client: httpx.AsyncClient, city: City, db: Any, group_id: str, **body: Any) -> tuple[str, str]:
    """An application to one group, confirmed by the link in its mail: (its status then, the manage token)."""
    response = await client.post(f"/orgs/{city.slug}/group-applications", json={**person(**body), "groups": [group_id]})
    assert response.status_code == 202, response.text
    [mail] = [m for m in await mails_to(db, body["email"]) if m.kind == "group_application"]
    confirmed = await client.post(f"/manage/memberships/{manage_token(mail)}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    return confirmed.json()["status"], manage_token(mail)


def _as_text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


async def traces(db: Any, needles: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every value of every column of every row in the database that contains
    one of the needles, any case."""
    found = []
    async with db.state.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in (await connection.execute(select(table))).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    text = _as_text(value).casefold()
                    found.extend((table.name, column, needle) for needle in needles if needle.casefold() in text)
    return found


async def row(db: Any, model: type, **where: Any) -> Any:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(model).filter_by(**where))


async def rows(db: Any, model: type, *where: Any) -> list[Any]:
    async with db.state.sessionmaker() as session:
        return list(await session.scalars(select(model).where(*where)))


async def participant(db: Any, email: str) -> Participant:
    found = await row(db, Participant, email=email)
    assert found is not None, email
    return found


async def staff_with_role(db: Any, city: City, role: StaffRole) -> dict[str, str]:
    async with db.state.sessionmaker() as session:
        user = StaffUser(
            organization_id=city.organization.id,
            email=f"{role}@{city.slug}.example",
            full_name=f"{role} {city.slug}",
            password_hash="x",
        )
        session.add(user)
        await session.flush()
        session.add(RoleGrant(organization_id=city.organization.id, user_id=user.id, role=role))
        await session.commit()
    token = await logged_in_token(db, user.id, city.organization.id)
    return {"Authorization": f"Bearer {token}"}


async def move_event_into_the_past(db: Any, event_id: str, days_ago: int) -> None:
    async with db.state.sessionmaker() as session:
        starts = datetime.now().astimezone() - timedelta(days=days_ago)
        await session.execute(
            update(Event)
            .where(Event.id == uuid.UUID(event_id))
            .values(starts_at=starts, ends_at=starts + timedelta(hours=2))
        )
        await session.commit()


def assert_download(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"].startswith('attachment; filename="meine-daten-')
    assert response.headers["content-disposition"].endswith('.json"')
    assert response.headers["cache-control"] == "no-store"
    return response.json()


# --- the export -------------------------------------------------------------------------------------


async def test_my_data_holds_everything_about_the_person_through_any_of_their_links(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"], questions=QUESTIONS)
    ag = await published_group(client, city.headers, process["id"])
    token = await confirmed(
        client,
        city,
        db,
        event["id"],
        **AMIRA,
        affiliation="Elternverein",
        category="civil_society",
        preferred_language="en",
        answers={"wunsch": "Kinderbetreuung"},
    )
    _, membership_token = await applied(client, city, db, ag["id"], **AMIRA)
    await confirmed(client, city, db, event["id"], full_name="Bernd Roth", email="bernd@example.org")

    data = assert_download(await client.get(f"/manage/registrations/{token}/my-data"))
    amira = await participant(db, AMIRA["email"])
    assert data["person"] == {
        "id": str(amira.id),
        "full_name": "Amira Haddad",
        "email": "amira@example.org",
        "phone": "0151 2345678",
        "affiliation": "Elternverein",
        "category": "civil_society",
        "preferred_language": "en",
        "receives_staff_messages": True,
        "district": None,
        "created_at": data["person"]["created_at"],
        "updated_at": data["person"]["updated_at"],
    }
    assert data["controller"]["name"] == city.organization.name
    assert data["retention_months"] == 6
    assert [(c["privacy_notice_version"], c["channel"]) for c in data["consents"]] == [(1, "web"), (1, "web")]
    assert all(c["given_at"] for c in data["consents"])

    [registration] = data["registrations"]
    assert registration["event"]["id"] == event["id"]
    assert registration["event"]["title"] == event["title"]
    assert datetime.fromisoformat(registration["event"]["starts_at"]) == datetime.fromisoformat(event["starts_at"])
    assert datetime.fromisoformat(registration["event"]["ends_at"]) == datetime.fromisoformat(event["ends_at"])
    assert registration["status"] == "confirmed"
    assert registration["answers"] == {"wunsch": "Kinderbetreuung"}
    assert [(h["from_status"], h["to_status"], h["channel"]) for h in registration["history"]] == [
        (None, "pending", "web"),
        ("pending", "confirmed", "web"),
    ]
    assert registration["event"]["starts_at"].endswith(("+01:00", "+02:00"))  # in the city's time zone

    [membership] = data["memberships"]
    assert membership["group"] == {"id": ag["id"], "name": ag["name"], "process_title": process["title"]}
    assert (membership["status"], membership["role"]) == ("member", "member")
    assert [(h["from_status"], h["to_status"]) for h in membership["history"]] == [
        (None, "unconfirmed"),
        ("unconfirmed", "member"),
    ]

    assert [m["kind"] for m in data["mails"]] == ["confirm_registration", "registration_confirmed", "group_application"]
    sent = await mails_to(db, AMIRA["email"])
    assert [m["subject"] for m in data["mails"]] == [m.subject for m in sent]
    assert all(m["created_at"] and m["recipient"] == AMIRA["email"] for m in data["mails"])
    assert "Bernd" not in json.dumps(data)
    assert "body_text" not in data["mails"][0]  # the mails carry the manage links: subject, time and kind only

    # The same through the group link.
    through_group = assert_download(await client.get(f"/manage/memberships/{membership_token}/my-data"))
    assert {k: v for k, v in through_group.items() if k != "generated_at"} == {
        k: v for k, v in data.items() if k != "generated_at"
    }

    problem(await client.get(f"/manage/registrations/{'x' * 43}/my-data"), 404)
    problem(await client.get(f"/manage/memberships/{'x' * 43}/my-data"), 404)


async def test_staff_find_a_person_and_export_their_data(client, city, other_city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    await confirmed(client, city, db, event["id"], **AMIRA)
    for name in ("Anna Amira", "Bernd Roth", "Carla Amirabad"):
        email = name.split()[0].lower() + "@example.org"
        assert (await sign_up(client, city, event["id"], full_name=name, email=email)).status_code == 202

    found = await walk(client, "/staff/participants", city.headers, params={"q": "AMIRA"}, limit=2)
    assert [p["full_name"] for p in found] == ["Amira Haddad", "Anna Amira", "Carla Amirabad"]
    amira = found[0]
    amira_id = uuid.UUID(amira["id"])
    assert (amira["email"], amira["phone"], amira["registrations"], amira["memberships"]) == (
        AMIRA["email"],
        AMIRA["phone"],
        1,
        0,
    )
    everyone = await walk(client, "/staff/participants", city.headers, limit=3)
    assert len(everyone) == 4
    by_mail = await fetch(client, "/staff/participants?q=bernd@example", city.headers)
    assert [p["full_name"] for p in by_mail["items"]] == ["Bernd Roth"]

    data = assert_download(await client.get(f"/staff/participants/{amira['id']}/export", headers=city.headers))
    assert data["person"]["full_name"] == "Amira Haddad"
    assert [r["status"] for r in data["registrations"]] == ["confirmed"]
    assert [m["kind"] for m in data["mails"]] == ["confirm_registration", "registration_confirmed"]
    # The audit log knows who downloaded whose data, and when; not the data.
    [logged] = await rows(db, AuditEntry, AuditEntry.action == "export_participant_data")
    assert (logged.actor_id, logged.object_type, logged.object_id) == (city.admin.id, "participant", amira_id)

    # Another city sees none of it.
    assert (await fetch(client, "/staff/participants", other_city.headers))["items"] == []
    problem(await client.get(f"/staff/participants/{amira['id']}/export", headers=other_city.headers), 404)
    problem(
        await client.post(
            f"/staff/participants/{amira['id']}/erase", json={"reason": "Brief"}, headers=other_city.headers
        ),
        404,
    )
    problem(await client.get(f"/staff/participants/{uuid.uuid4()}/export", headers=city.headers), 404)
    assert (await participant(db, AMIRA["email"])).full_name == "Amira Haddad"


async def test_staff_find_a_person_by_phone_number_however_it_is_written(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    consent = {"privacy_notice_version": 1}
    for name, phone in (("Hans Müller", "0171 9876543"), ("Olga Petrova", "+49 (171) 111-2222")):
        body = {"full_name": name, "phone": phone, "channel": "phone", "consent": consent}
        await created(await client.post(f"/staff/events/{event['id']}/registrations", json=body, headers=city.headers))

    async def found(q: str) -> list[str]:
        answer = await client.get("/staff/participants", params={"q": q}, headers=city.headers)
        assert answer.status_code == 200, answer.text
        return [p["full_name"] for p in answer.json()["items"]]

    assert await found("0171 9876543") == ["Hans Müller"]
    assert await found("01719876543") == ["Hans Müller"]
    assert await found("0171/987-6543") == ["Hans Müller"]
    assert await found("9876543") == ["Hans Müller"]
    assert await found("171 1112222") == ["Olga Petrova"]
    assert await found("0171") == []  # too few digits to be a number: only names and addresses
    assert await found("Olga") == ["Olga Petrova"]


@pytest.mark.parametrize("role", [StaffRole.viewer, StaffRole.process_manager])
async def test_only_admins_handle_data_protection_requests(client, city, db, role):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    await confirmed(client, city, db, event["id"], **AMIRA)
    amira = await participant(db, AMIRA["email"])
    if role == StaffRole.process_manager:
        async with db.state.sessionmaker() as session:
            user = StaffUser(
                organization_id=city.organization.id, email="pm@x.example", full_name="PM", password_hash="x"
            )
            session.add(user)
            await session.flush()
            session.add(
                RoleGrant(
                    organization_id=city.organization.id,
                    user_id=user.id,
                    role=role,
                    process_id=uuid.UUID(process["id"]),
                )
            )
            await session.commit()
        token = await logged_in_token(db, user.id, city.organization.id)
        headers = {"Authorization": f"Bearer {token}"}
    else:
        headers = await staff_with_role(db, city, role)

    problem(await client.get("/staff/participants", headers=headers), 403)
    problem(await client.get(f"/staff/participants/{amira.id}/export", headers=headers), 403)
    problem(await client.post(f"/staff/participants/{amira.id}/erase", json={"reason": "x"}, headers=headers), 403)
    problem(await client.get("/staff/participants"), 401)
    assert (await participant(db, AMIRA["email"])).full_name == "Amira Haddad"


async def test_export_of_a_person_entered_by_phone_without_e_mail(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    body = {
        "full_name": "Hans Müller",
        "phone": "0171 9876543",
        "channel": "phone",
        "consent": {"privacy_notice_version": 1},
    }
    await created(await client.post(f"/staff/events/{event['id']}/registrations", json=body, headers=city.headers))
    [hans] = (await fetch(client, "/staff/participants?q=müller", city.headers))["items"]

    data = assert_download(await client.get(f"/staff/participants/{hans['id']}/export", headers=city.headers))
    assert (data["person"]["email"], data["person"]["phone"]) == (None, "0171 9876543")
    assert [(c["channel"], c["privacy_notice_version"]) for c in data["consents"]] == [("phone", 1)]
    assert [r["channel"] for r in data["registrations"]] == ["phone"]
    assert data["mails"] == []

    response = await client.post(
        f"/staff/participants/{hans['id']}/erase", json={"reason": "Anruf"}, headers=city.headers
    )
    assert response.status_code == 200, response.text
    assert await traces(db, ("Hans Müller", "Müller", "0171 9876543", "01719876543")) == []
    assert await seat_state(db, event["id"]) == (0, 100, 0)


# --- erasure ----------------------------------------------------------------------------------------


async def test_erasure_leaves_no_trace_of_the_person_in_any_table(client, city, db):
    process = await setup(client, city, db)
    coming = await published_event(client, city.headers, process["id"], questions=QUESTIONS, capacity=10)
    past = await published_event(client, city.headers, process["id"], title="Workshop")
    dropped = await published_event(client, city.headers, process["id"], title="Fachtag")
    steering = await published_group(
        client, city.headers, process["id"], slug="steuerung", name="Steuerungsgruppe", membership_mode="appointed"
    )

    # Amira everywhere: answers naming her, an Idempotency-Key that is her address, a past event she came to,
    # a registration staff cancelled with a note naming her, a group staff put her in with a note.
    response = await client.post(
        f"/orgs/{city.slug}/events/{coming['id']}/registrations",
        json=person(**AMIRA, category="expert", preferred_language="en", answers={"wunsch": "Amira Haddad, vegan"}),
        headers={"Idempotency-Key": "amira@example.org/auftakt"},
    )
    assert response.status_code == 202, response.text
    token = await latest_token(db, AMIRA["email"])
    assert (await client.post(f"/manage/registrations/{token}/confirm")).status_code == 200
    await confirmed(client, city, db, past["id"], **AMIRA)
    await confirmed(client, city, db, dropped["id"], **AMIRA)
    amira = await participant(db, AMIRA["email"])
    [at_past] = [r for r in await registrations_of(db, past["id"]) if r.participant_id == amira.id]
    [at_dropped] = [r for r in await registrations_of(db, dropped["id"]) if r.participant_id == amira.id]
    check_in = await client.post(
        f"/staff/registrations/{at_past.id}/check-in", json={"attended": True}, headers=city.headers
    )
    assert check_in.status_code == 200, check_in.text
    cancel = await client.post(
        f"/staff/registrations/{at_dropped.id}/cancel",
        json={"reason": "Frau Haddad hat abgesagt, Rückruf 0151/2345678"},
        headers=city.headers,
    )
    assert cancel.status_code == 200, cancel.text
    added = await client.post(
        f"/staff/groups/{steering['id']}/memberships",
        json={**person(**AMIRA), "role": "deputy", "note": "Amira vertritt den Elternverein"},
        headers=city.headers,
    )
    assert added.status_code == 201, added.text
    await move_event_into_the_past(db, past["id"], days_ago=10)

    # Bernd at the same event, before and after.
    bernd_token = await confirmed(
        client, city, db, coming["id"], full_name="Bernd Roth", email="bernd@example.org", answers={"wunsch": "Tee"}
    )
    bernd_before = await participant(db, "bernd@example.org")
    bernd_mails = await mail_kinds(db, "bernd@example.org")
    assert await seat_state(db, coming["id"]) == (2, 10, 2)
    past_counts = (await fetch(client, f"/staff/events/{past['id']}", city.headers))["registration_counts"]
    assert past_counts["attended"] == 1
    assert sum(past_counts.values()) == 1

    # The scan finds her everywhere before (so it would find anything left after).
    before = {(table, column) for table, column, _ in await traces(db, AMIRA_TRACES)}
    assert {
        ("participants", "full_name"),
        ("participants", "email"),
        ("participants", "phone"),
        ("registrations", "answers"),
        ("registrations", "cancel_reason"),
        ("status_changes", "note"),
        ("group_memberships", "note"),
        ("outbox_messages", "recipient"),
        ("outbox_messages", "body_text"),
        ("idempotent_responses", "key"),
    } <= before

    erased = await client.post(f"/manage/registrations/{token}/erase")
    assert erased.status_code == 200, erased.text
    assert "erased" in erased.json()["message"]
    assert erased.json()["erased_at"]

    assert await traces(db, AMIRA_TRACES) == []

    # What stays is anonymous: the row for statistics, the registrations with their status.
    shell = await row(db, Participant, id=amira.id)
    assert (shell.full_name, shell.email, shell.phone, shell.affiliation) == (ERASED_NAME, None, None, None)
    assert (shell.category, shell.preferred_language) == ("expert", "en")
    mine = {r.event_id: r for r in await rows(db, Registration, Registration.participant_id == amira.id)}
    assert {str(e): r.status for e, r in mine.items()} == {
        coming["id"]: "cancelled",  # still to come: the seat went back
        past["id"]: "attended",  # over: the count of who came stays
        dropped["id"]: "cancelled",
    }
    assert all(r.answers == {} and r.cancel_reason is None for r in mine.values())
    assert await rows(db, Consent, Consent.participant_id == amira.id) == []
    assert await rows(db, OutboxMessage, OutboxMessage.participant_id == amira.id) == []
    assert await rows(db, IdempotentResponse) == []
    [membership] = await rows(db, Membership, Membership.participant_id == amira.id)
    assert (membership.status, membership.role, membership.note) == ("withdrawn", "deputy", None)
    notes = await rows(db, StatusChange, StatusChange.registration_id.in_([r.id for r in mine.values()]))
    assert len(notes) >= 6
    assert all(step.note is None for step in notes)
    assert (await fetch(client, f"/staff/events/{past['id']}", city.headers))["registration_counts"] == past_counts
    assert await seat_state(db, coming["id"]) == (1, 10, 1)
    assert await seat_state(db, past["id"]) == (1, 100, 1)

    # Bernd is untouched.
    bernd = await participant(db, "bernd@example.org")
    assert (bernd.full_name, bernd.email, bernd.updated_at) == (
        "Bernd Roth",
        "bernd@example.org",
        bernd_before.updated_at,
    )
    assert await mail_kinds(db, "bernd@example.org") == bernd_mails
    bernds = (await client.get(f"/manage/registrations/{bernd_token}")).json()
    assert (bernds["status"], bernds["answers"]) == ("confirmed", {"wunsch": "Tee"})

    # Every link of hers is dead; the log says what happened, without her.
    problem(await client.get(f"/manage/registrations/{token}"), 404)
    problem(await client.get(f"/manage/registrations/{token}/my-data"), 404)
    problem(await client.post(f"/manage/registrations/{token}/erase"), 404)
    [entry] = await rows(db, AuditEntry, AuditEntry.action == "erase_participant")
    assert (entry.actor_type, entry.actor_id, entry.object_type, entry.object_id) == (
        "resident",
        None,
        "participant",
        amira.id,
    )
    assert entry.changes["via"] == "manage_link"
    assert (entry.changes["registrations"], entry.changes["registrations_cancelled"]) == (3, 1)
    assert (entry.changes["memberships"], entry.changes["memberships_withdrawn"]) == (1, 1)
    assert entry.changes["mails_deleted"] >= 6
    assert (entry.changes["consents_deleted"], entry.changes["idempotency_records_deleted"]) == (4, 1)
    assert (await fetch(client, "/staff/participants?q=Gelöschte", city.headers))["items"] == []

    # She may sign up again, as a new person.
    again = await sign_up(client, city, coming["id"], **AMIRA)
    assert again.status_code == 202, again.text
    assert (await participant(db, AMIRA["email"])).id != amira.id


async def test_erasure_gives_the_seat_to_the_waiting_list(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    await confirmed(client, city, db, event["id"], **AMIRA)
    assert (await sign_up(client, city, event["id"], full_name="Bernd Roth", email="bernd@example.org")).json()[
        "status"
    ] == "waitlisted"
    amira = await participant(db, AMIRA["email"])

    response = await client.post(
        f"/staff/participants/{amira.id}/erase",
        json={"reason": "Brief von Amira Haddad (amira@example.org, Tel. 0151-2345678) vom 3. Mai"},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["participant_id"], body["registrations_cancelled"], body["memberships_withdrawn"]) == (
        str(amira.id),
        1,
        0,
    )
    assert body["mails_deleted"] == 2

    assert await traces(db, AMIRA_TRACES) == []
    assert await seat_state(db, event["id"]) == (1, 1, 1)
    [_, bernd] = await registrations_of(db, event["id"])
    assert bernd.status == "offered"
    assert await mail_kinds(db, "bernd@example.org") == ["waitlisted", "seat_offered"]

    # One entry, by the staff member, naming no one (the reason may: only that one was given is kept).
    [entry] = await rows(db, AuditEntry, AuditEntry.action == "erase_participant")
    assert (entry.actor_type, entry.actor_id) == ("staff", city.admin.id)
    assert (entry.object_type, entry.object_id) == ("participant", amira.id)
    assert "reason" in entry.changes
    [step] = [s for s in await rows(db, StatusChange) if s.to_status == "cancelled"]
    assert (step.channel, step.staff_user_id) == ("staff", city.admin.id)

    # Erased is erased: nothing left to find, export or erase.
    assert (await fetch(client, "/staff/participants?q=amira", city.headers))["items"] == []
    problem(await client.get(f"/staff/participants/{amira.id}/export", headers=city.headers), 404)
    problem(await client.post(f"/staff/participants/{amira.id}/erase", json={"reason": "x"}, headers=city.headers), 404)
    problem(await client.post(f"/staff/participants/{amira.id}/erase", json={}, headers=city.headers), 422, "reason")


async def test_erasure_through_the_group_link_gives_the_place_to_the_waiting_list(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], capacity=1)
    status, token = await applied(client, city, db, ag["id"], **AMIRA)
    assert status == "member"
    assert (await applied(client, city, db, ag["id"], full_name="Bernd Roth", email="bernd@example.org"))[
        0
    ] == "waitlisted"

    erased = await client.post(f"/manage/memberships/{token}/erase")
    assert erased.status_code == 200, erased.text

    assert await traces(db, AMIRA_TRACES) == []
    memberships = {m.participant.full_name: m.status for m in await rows(db, Membership)}
    assert memberships == {ERASED_NAME: "withdrawn", "Bernd Roth": "member"}
    async with db.state.sessionmaker() as session:
        group = await session.get_one(ThematicGroup, uuid.UUID(ag["id"]))
        assert group.places_taken == 1
    assert await mail_kinds(db, "bernd@example.org") == ["group_application", "membership_decided"]
    [step] = [s for s in await rows(db, StatusChange) if s.to_status == "withdrawn"]
    assert (step.channel, step.staff_user_id) == ("web", None)
    problem(await client.get(f"/manage/memberships/{token}"), 404)
    problem(await client.post(f"/manage/memberships/{token}/erase"), 404)


async def test_two_erasures_at_the_same_moment_erase_once(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=True)
    ag = await published_group(client, city.headers, process["id"], capacity=1)
    token = await confirmed(client, city, db, event["id"], **AMIRA)
    _, membership_token = await applied(client, city, db, ag["id"], **AMIRA)
    assert (await sign_up(client, city, event["id"], full_name="Bernd Roth", email="bernd@example.org")).json()[
        "status"
    ] == "waitlisted"

    through_event, through_group = await asyncio.gather(
        client.post(f"/manage/registrations/{token}/erase"),
        client.post(f"/manage/memberships/{membership_token}/erase"),
    )
    outcomes = sorted([through_event.status_code, through_group.status_code])
    assert outcomes[0] == 200, (through_event.text, through_group.text)
    assert outcomes[1] in (404, 409), (through_event.text, through_group.text)  # link gone, or erased meanwhile

    assert await traces(db, AMIRA_TRACES) == []
    assert len(await rows(db, AuditEntry, AuditEntry.action == "erase_participant")) == 1
    assert await seat_state(db, event["id"]) == (1, 1, 1)
    assert [r.status for r in await registrations_of(db, event["id"])] == ["cancelled", "offered"]
    async with db.state.sessionmaker() as session:
        assert (await session.get_one(ThematicGroup, uuid.UUID(ag["id"]))).places_taken == 0


# --- retention --------------------------------------------------------------------------------------


async def retention_runs(db: Any, city: City) -> list[dict[str, Any]]:
    entries = await rows(
        db,
        AuditEntry,
        AuditEntry.action == "erase_expired_personal_data",
        AuditEntry.organization_id == city.organization.id,
    )
    return [entry.changes for entry in sorted(entries, key=lambda e: e.at)]


async def run_retention(db: Any, now: datetime) -> int:
    async with db.state.sessionmaker() as session:
        erased = await erase_expired_personal_data(session, db.state.settings, now)
        await session.commit()
    return erased


async def test_retention_erases_people_whose_participation_ended_long_ago(client, city, db):
    other = await make_city(db, "nachbarstadt")
    patched = await client.patch("/staff/organization", json={"retention_months": 12}, headers=other.headers)
    assert patched.status_code == 200, patched.text
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    ag = await published_group(client, city.headers, process["id"])
    await confirmed(client, city, db, event["id"], **AMIRA)
    await applied(client, city, db, ag["id"], **AMIRA)  # her group's process runs on
    await confirmed(client, city, db, event["id"], full_name="Bernd Roth", email="bernd@example.org")
    await with_privacy_notice(db, other)
    other_process = await published_process(client, other.headers)
    other_event = await published_event(client, other.headers, other_process["id"])
    await confirmed(client, other, db, other_event["id"], full_name="Carla Neumann", email="carla@example.org")

    event_end = datetime.fromisoformat(event["ends_at"])
    process_end = datetime.fromisoformat(f"{process['ends_on']}T23:59:59+00:00")

    # Five months after the event: too early for anyone.
    assert await run_retention(db, event_end + timedelta(days=150)) == 0
    assert [r["erased"] for r in await retention_runs(db, city)] == [0]

    # Seven months after: Bernd, whose only event is long over; Amira's group still works, Carla's city keeps
    # data for twelve months.
    seven_months_on = event_end + timedelta(days=214)
    assert await run_retention(db, seven_months_on) == 1
    assert await row(db, Participant, email="bernd@example.org") is None
    assert await traces(db, ("Bernd Roth", "bernd@example.org")) == []
    assert (await participant(db, AMIRA["email"])).full_name == "Amira Haddad"
    assert (await participant(db, "carla@example.org")).full_name == "Carla Neumann"
    runs = await retention_runs(db, city)
    assert [r["erased"] for r in runs] == [0, 1]
    assert runs[-1]["retention_months"] == 6
    assert [r["erased"] for r in await retention_runs(db, other)] == [0, 0]
    [entry] = await rows(db, AuditEntry, AuditEntry.action == "erase_participant")
    assert (entry.actor_type, entry.changes["via"]) == ("system", "retention")
    # The registration stays for the statistics, with its status and seat.
    assert await seat_state(db, event["id"]) == (2, 100, 2)

    # The same day again: the job has run today already.
    assert await run_retention(db, seven_months_on + timedelta(hours=1)) == 0
    assert len(await retention_runs(db, city)) == 2

    # Thirteen months after the event Carla goes; seven months after the process ended, Amira.
    assert await run_retention(db, event_end + timedelta(days=400)) == 1
    assert await traces(db, ("Carla Neumann", "carla@example.org")) == []
    assert (await participant(db, AMIRA["email"])).full_name == "Amira Haddad"
    assert await run_retention(db, process_end + timedelta(days=214)) == 1
    assert await traces(db, AMIRA_TRACES) == []
    assert await row(db, Participant, full_name="Bernd Roth") is None
    async with db.state.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Participant)) == 3  # the anonymous rows
        assert await session.scalar(select(ThematicGroup.places_taken)) == 1
    # No run record names anyone.
    assert await traces(db, ("Amira", "Bernd", "Carla")) == []


async def test_retention_runs_in_the_worker_and_records_each_run(client, city, db):
    process = await setup(client, city, db)
    event = await published_event(client, city.headers, process["id"])
    await confirmed(client, city, db, event["id"], **AMIRA)

    await worker.run_once(db.state.sessionmaker, CaptureTransport(), db.state.settings)
    await worker.run_once(db.state.sessionmaker, CaptureTransport(), db.state.settings)

    [run] = await retention_runs(db, city)  # once a day, however often the worker comes by
    assert run["erased"] == 0
    assert (await participant(db, AMIRA["email"])).full_name == "Amira Haddad"


def test_months_before_keeps_the_day_or_takes_the_months_last():
    berlin_noon = datetime.fromisoformat("2027-08-31T12:00:00+00:00")
    assert months_before(berlin_noon, 6) == datetime.fromisoformat("2027-02-28T12:00:00+00:00")
    assert months_before(berlin_noon, 8) == datetime.fromisoformat("2026-12-31T12:00:00+00:00")
    assert months_before(berlin_noon, 60) == datetime.fromisoformat("2022-08-31T12:00:00+00:00")


async def test_staff_set_the_retention_period_between_one_and_sixty_months(client, city, db):
    assert (await fetch(client, "/staff/organization", city.headers))["retention_months"] == 6
    response = await client.patch("/staff/organization", json={"retention_months": 24}, headers=city.headers)
    assert response.status_code == 200, response.text
    assert response.json()["retention_months"] == 24
    assert (await fetch(client, "/staff/organization", city.headers))["retention_months"] == 24
    for bad in (0, 61, None, "zwölf"):
        problem(
            await client.patch("/staff/organization", json={"retention_months": bad}, headers=city.headers),
            422,
            "retention_months",
        )
    assert (await fetch(client, "/staff/organization", city.headers))["retention_months"] == 24
    public = await fetch(client, f"/orgs/{city.slug}")
    assert "retention_months" not in public
