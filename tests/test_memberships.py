"""Working groups: open groups fill up to capacity, application groups are decided by staff, the appointed
steering group is filled by staff only; the waiting list moves up when a place comes free."""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections import Counter
from typing import Any

import httpx
from sqlalchemy import func, select

from api.db import utcnow
from api.groups.models import ThematicGroup
from api.idempotency import IdempotentResponse
from api.lifecycle.models import StatusChange
from api.memberships import service as memberships
from api.memberships.models import Membership
from api.notifications.models import OutboxMessage
from api.participants.models import Consent, Participant
from tests.builders import created, fetch, local, problem, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import LINK, mails_to, manage_token, person, with_privacy_notice

# --- helpers ----------------------------------------------------------------------------------------


async def apply(
    client: httpx.AsyncClient, city: City, groups: list[str], email: str = "amira@example.org", **overrides: Any
) -> httpx.Response:
    return await client.post(
        f"/orgs/{city.slug}/group-applications", json={**person(email, **overrides), "groups": groups}
    )


async def applied(
    client: httpx.AsyncClient, city: City, db: Any, groups: list[str], email: str, **overrides: Any
) -> list:
    """An application confirmed at once by the link in its mail: each group's result, with its status then."""
    response = await apply(client, city, groups, email, **overrides)
    assert response.status_code == 202, response.text
    results = response.json()["memberships"]
    mail = (await mails_to(db, email.lower()))[-1]
    assert mail.kind == "group_application"
    confirmed = await client.post(f"/manage/memberships/{manage_token(mail)}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    for result, token in zip(results, tokens(mail), strict=True):
        result["status"] = (await fetch(client, f"/manage/memberships/{token}"))["status"]
    return results


async def setup(client: httpx.AsyncClient, city: City, db: Any) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


async def group(client: httpx.AsyncClient, city: City, process: dict[str, Any], slug: str, **overrides: Any) -> dict:
    overrides.setdefault("name", f"AG {slug}")
    return await published_group(client, city.headers, process["id"], slug=slug, **overrides)


async def people(client: httpx.AsyncClient, city: City, group_id: str, **params: Any) -> list[dict[str, Any]]:
    page = await fetch(client, f"/staff/groups/{group_id}/memberships?limit=100", city.headers)
    if params:
        response = await client.get(
            f"/staff/groups/{group_id}/memberships", params={"limit": 100, **params}, headers=city.headers
        )
        assert response.status_code == 200, response.text
        page = response.json()
    return page["items"]


async def membership_of(client: httpx.AsyncClient, city: City, group_id: str, email: str) -> dict[str, Any]:
    [found] = [m for m in await people(client, city, group_id) if m["participant"]["email"] == email]
    return found


async def places_taken(db: Any, group_id: str) -> int:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(ThematicGroup.places_taken).where(ThematicGroup.id == uuid.UUID(group_id)))


async def count(db: Any, model: type) -> int:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def written(db: Any) -> dict[str, int]:
    return {
        model.__name__: await count(db, model)
        for model in (Participant, Consent, Membership, StatusChange, OutboxMessage)
    }


def tokens(mail: OutboxMessage) -> list[str]:
    """Every membership manage link in the mail, in order, each once."""
    return list(dict.fromkeys(token for kind, token in LINK.findall(mail.body_text) if kind == "membership"))


async def confirm(client: httpx.AsyncClient, db: Any, email: str) -> httpx.Response:
    """Follows the confirmation link of the person's latest application mail."""
    mail = (await mails_to(db, email))[-1]
    return await client.post(f"/manage/memberships/{manage_token(mail)}/confirm")


async def token_for(db: Any, email: str, kind: str = "group_application") -> str:
    [mail] = [m for m in await mails_to(db, email) if m.kind == kind]
    return manage_token(mail)


def statuses(items: list[dict[str, Any]]) -> Counter:
    return Counter(item["status"] for item in items)


# --- open groups ------------------------------------------------------------------------------------


async def test_open_group_takes_members_up_to_capacity_then_waitlists(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=2)

    results = [await applied(client, city, db, [ag["id"]], f"p{i}@example.org") for i in range(3)]
    assert [r[0]["status"] for r in results] == ["member", "member", "waitlisted"]
    assert all(r[0]["group_id"] == ag["id"] and r[0]["preference_rank"] == 1 for r in results)

    assert await places_taken(db, ag["id"]) == 2
    staff_view = await fetch(client, f"/staff/groups/{ag['id']}", city.headers)
    assert staff_view["places_left"] == 0
    public_view = await fetch(client, f"/orgs/{city.slug}/groups/{ag['id']}")
    assert public_view["places_left"] == 0

    for i in range(3):
        [mail] = await mails_to(db, f"p{i}@example.org")
        assert mail.kind == "group_application"
        assert ag["name"] in mail.body_text
    mine = await client.get(f"/manage/memberships/{await token_for(db, 'p2@example.org')}")
    assert mine.status_code == 200, mine.text
    assert mine.json()["status"] == "waitlisted"
    assert mine.json()["group"]["id"] == ag["id"]


async def test_one_application_to_several_groups_keeps_the_order_of_preference(client, city, db):
    process = await setup(client, city, db)
    open_group = await group(client, city, process, "arbeit", capacity=5)
    chosen = await group(client, city, process, "wohnen", membership_mode="application", capacity=5)
    full = await group(client, city, process, "sprache", capacity=1)
    await applied(client, city, db, [full["id"]], "first@example.org")

    result = await applied(client, city, db, [chosen["id"], open_group["id"], full["id"]], "amira@example.org")
    assert [(r["group_id"], r["preference_rank"], r["status"]) for r in result] == [
        (chosen["id"], 1, "applied"),
        (open_group["id"], 2, "member"),
        (full["id"], 3, "waitlisted"),
    ]
    for group_id, rank in ((chosen["id"], 1), (open_group["id"], 2), (full["id"], 3)):
        assert (await membership_of(client, city, group_id, "amira@example.org"))["preference_rank"] == rank

    # One mail for the whole application, with a link per group.
    [mail] = await mails_to(db, "amira@example.org")
    assert mail.kind == "group_application"
    links = tokens(mail)
    assert len(links) == 3
    for link, expected in zip(links, (chosen, open_group, full), strict=True):
        mine = await fetch(client, f"/manage/memberships/{link}")
        assert mine["group"]["id"] == expected["id"]
        assert mine["preference_rank"] in (1, 2, 3)


async def test_applying_again_gives_no_second_membership(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=3)
    await applied(client, city, db, [ag["id"]], "amira@example.org")
    again = await applied(client, city, db, [ag["id"]], "Amira@Example.org", full_name="Someone Else")
    assert again[0]["status"] == "member"

    items = await people(client, city, ag["id"])
    assert len(items) == 1
    assert items[0]["participant"]["full_name"] == "Amira Haddad"  # an anonymous form does not rename anyone
    assert await places_taken(db, ag["id"]) == 1
    assert await count(db, Participant) == 1


async def test_withdrawal_frees_the_place_for_the_first_on_the_waiting_list(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=1)
    for email in ("member@example.org", "second@example.org", "third@example.org"):
        await applied(client, city, db, [ag["id"]], email)

    token = await token_for(db, "member@example.org")
    response = await client.post(f"/manage/memberships/{token}/withdraw")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "withdrawn"

    assert (await membership_of(client, city, ag["id"], "second@example.org"))["status"] == "member"
    assert (await membership_of(client, city, ag["id"], "third@example.org"))["status"] == "waitlisted"
    assert await places_taken(db, ag["id"]) == 1
    assert [m.kind for m in await mails_to(db, "member@example.org")] == ["group_application", "membership_withdrawn"]
    moved_up = await mails_to(db, "second@example.org")
    assert [m.kind for m in moved_up] == ["group_application", "membership_decided"]
    assert "Willkommen" in moved_up[-1].subject
    assert [m.kind for m in await mails_to(db, "third@example.org")] == ["group_application"]

    second = await membership_of(client, city, ag["id"], "second@example.org")
    detail = await fetch(client, f"/staff/memberships/{second['id']}", city.headers)
    assert [(c["from_status"], c["to_status"], c["channel"]) for c in detail["history"]] == [
        (None, "unconfirmed", "web"),
        ("unconfirmed", "waitlisted", "web"),
        ("waitlisted", "member", "system"),
    ]

    problem(await client.get(f"/manage/memberships/{'x' * 43}"), 404)
    problem(await client.post(f"/manage/memberships/{'x' * 43}/withdraw"), 404)

    # Withdrawing twice changes nothing more.
    again = await client.post(f"/manage/memberships/{token}/withdraw")
    assert again.status_code == 200, again.text
    assert (await membership_of(client, city, ag["id"], "second@example.org"))["status"] == "member"
    assert len(await mails_to(db, "member@example.org")) == 2

    # A withdrawn person may apply again; it is the same membership, at the end of the line.
    rejoined = await applied(client, city, db, [ag["id"]], "member@example.org")
    assert rejoined[0]["status"] == "waitlisted"
    assert len(await people(client, city, ag["id"])) == 3


async def test_withdrawal_of_a_waitlisted_person_frees_no_place(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=1)
    for email in ("member@example.org", "second@example.org", "third@example.org"):
        await applied(client, city, db, [ag["id"]], email)
    response = await client.post(f"/manage/memberships/{await token_for(db, 'second@example.org')}/withdraw")
    assert response.json()["status"] == "withdrawn"
    assert (await membership_of(client, city, ag["id"], "member@example.org"))["status"] == "member"
    assert (await membership_of(client, city, ag["id"], "third@example.org"))["status"] == "waitlisted"
    assert await places_taken(db, ag["id"]) == 1


async def test_withdrawal_frees_the_place_even_when_staff_accepted_meanwhile(client, city, db):
    """The withdrawal reads the membership, then staff accept it, then the withdrawal writes (PostgreSQL runs
    both at once under READ COMMITTED): the place the acceptance took must come free again."""
    process = await setup(client, city, db)
    ag = await group(client, city, process, "wohnen", membership_mode="application", capacity=2)
    await applied(client, city, db, [ag["id"]], "amira@example.org")
    token = await token_for(db, "amira@example.org")

    async with db.state.sessionmaker() as session:
        stale = await memberships.by_token(session, token)
        await session.commit()
    assert stale.status == "applied"

    accepted = await client.post(
        f"/staff/memberships/{stale.id}/decision", json={"status": "member"}, headers=city.headers
    )
    assert accepted.status_code == 200, accepted.text
    assert await places_taken(db, ag["id"]) == 1

    async with db.state.sessionmaker() as session:
        session.add(stale)
        await memberships.withdraw(session, db.state.settings, stale, utcnow())
        await session.commit()
    assert (await membership_of(client, city, ag["id"], "amira@example.org"))["status"] == "withdrawn"
    assert await places_taken(db, ag["id"]) == 0


async def test_raising_the_capacity_moves_the_waiting_list_up_and_lowering_below_members_is_refused(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=2)
    for i in range(5):
        await applied(client, city, db, [ag["id"]], f"p{i}@example.org")

    too_low = await client.patch(f"/staff/groups/{ag['id']}", json={"capacity": 1}, headers=city.headers)
    problem(too_low, 409, "capacity")
    assert (await fetch(client, f"/staff/groups/{ag['id']}", city.headers))["capacity"] == 2
    assert await places_taken(db, ag["id"]) == 2

    raised = await client.patch(f"/staff/groups/{ag['id']}", json={"capacity": 4}, headers=city.headers)
    assert raised.status_code == 200, raised.text
    assert raised.json()["places_left"] == 0
    items = {m["participant"]["email"]: m["status"] for m in await people(client, city, ag["id"])}
    assert items == {
        "p0@example.org": "member",
        "p1@example.org": "member",
        "p2@example.org": "member",  # first come, first served
        "p3@example.org": "member",
        "p4@example.org": "waitlisted",
    }
    assert await places_taken(db, ag["id"]) == 4
    for email in ("p2@example.org", "p3@example.org"):
        assert [m.kind for m in await mails_to(db, email)] == ["group_application", "membership_decided"]
    assert [m.kind for m in await mails_to(db, "p4@example.org")] == ["group_application"]

    problem(await client.patch(f"/staff/groups/{ag['id']}", json={"capacity": 3}, headers=city.headers), 409)
    assert await places_taken(db, ag["id"]) == 4


async def test_removing_the_limit_gives_everyone_on_the_waiting_list_a_place(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=1)
    for i in range(3):
        await applied(client, city, db, [ag["id"]], f"p{i}@example.org")
    unlimited = await client.patch(f"/staff/groups/{ag['id']}", json={"capacity": None}, headers=city.headers)
    assert unlimited.status_code == 200, unlimited.text
    assert unlimited.json()["places_left"] is None
    assert statuses(await people(client, city, ag["id"])) == {"member": 3}
    assert await places_taken(db, ag["id"]) == 3


async def test_no_public_sign_up_after_the_deadline(client, city, db):
    process = await setup(client, city, db)
    closed = await group(client, city, process, "bildung", signup_deadline=local(-1, 12))
    assert closed["signup_open"] is False
    before = await written(db)
    problem(await apply(client, city, [closed["id"]]), 409, slug="registration-closed")
    assert await written(db) == before


# --- application groups -----------------------------------------------------------------------------


async def test_staff_decide_on_applications_and_the_person_is_told(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "wohnen", membership_mode="application", capacity=1)
    for email in ("yes@example.org", "no@example.org", "later@example.org", "full@example.org"):
        assert (await applied(client, city, db, [ag["id"]], email))[0]["status"] == "applied"
    assert await places_taken(db, ag["id"]) == 0
    ids = {m["participant"]["email"]: m["id"] for m in await people(client, city, ag["id"])}

    async def decide(email: str, status: str, **extra: Any) -> httpx.Response:
        return await client.post(
            f"/staff/memberships/{ids[email]}/decision", json={"status": status, **extra}, headers=city.headers
        )

    accepted = await decide("yes@example.org", "member", note="Erfahrung im Mieterverein")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "member"
    assert accepted.json()["decided_at"] is not None
    assert (await decide("no@example.org", "rejected")).json()["status"] == "rejected"
    assert (await decide("later@example.org", "waitlisted")).json()["status"] == "waitlisted"
    assert await places_taken(db, ag["id"]) == 1

    # The group is full now: accepting another is refused and changes nothing.
    problem(await decide("full@example.org", "member"), 409, slug="group-full")
    assert (await membership_of(client, city, ag["id"], "full@example.org"))["status"] == "applied"
    assert await places_taken(db, ag["id"]) == 1
    # A decided membership is not decided again.
    problem(await decide("yes@example.org", "rejected"), 409)
    assert (await membership_of(client, city, ag["id"], "yes@example.org"))["status"] == "member"

    subjects = {}
    for email, status in (("yes@example.org", "member"), ("no@example.org", "rejected")):
        mails = await mails_to(db, email)
        assert [m.kind for m in mails] == ["group_application", "membership_decided"]
        assert ag["name"] in mails[-1].subject
        subjects[status] = mails[-1].subject
    assert "Willkommen" in subjects["member"]
    assert subjects["member"] != subjects["rejected"]
    [_, waitlisted_mail] = await mails_to(db, "later@example.org")
    assert "Warteliste" in waitlisted_mail.subject
    assert [m.kind for m in await mails_to(db, "full@example.org")] == ["group_application"]

    detail = await fetch(client, f"/staff/memberships/{ids['yes@example.org']}", city.headers)
    [unconfirmed_step, applied_step, accepted_step] = detail["history"]
    assert (unconfirmed_step["to_status"], unconfirmed_step["channel"]) == ("unconfirmed", "web")
    assert (applied_step["to_status"], applied_step["channel"], applied_step["staff_user_id"]) == (
        "applied",
        "web",
        None,
    )
    assert accepted_step["from_status"] == "applied"
    assert accepted_step["to_status"] == "member"
    assert accepted_step["channel"] == "staff"
    assert accepted_step["staff_user_id"] == str(city.admin.id)
    assert accepted_step["note"] == "Erfahrung im Mieterverein"
    assert accepted_step["at"].endswith(("+01:00", "+02:00"))  # in the city's time


async def test_a_freed_place_in_an_application_group_is_decided_by_staff(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "wohnen", membership_mode="application", capacity=1)
    await applied(client, city, db, [ag["id"]], "yes@example.org")
    await applied(client, city, db, [ag["id"]], "later@example.org")
    ids = {m["participant"]["email"]: m["id"] for m in await people(client, city, ag["id"])}
    for email, status in (("yes@example.org", "member"), ("later@example.org", "waitlisted")):
        response = await client.post(
            f"/staff/memberships/{ids[email]}/decision", json={"status": status}, headers=city.headers
        )
        assert response.status_code == 200, response.text

    withdrawn = await client.post(f"/manage/memberships/{await token_for(db, 'yes@example.org')}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    assert (await membership_of(client, city, ag["id"], "later@example.org"))["status"] == "waitlisted"
    assert await places_taken(db, ag["id"]) == 0


# --- the appointed steering group -------------------------------------------------------------------


async def test_appointed_group_is_filled_by_staff_with_roles(client, city, db):
    process = await setup(client, city, db)
    steering = await group(
        client, city, process, "steuerung", kind="steering_group", membership_mode="appointed", capacity=2
    )
    assert steering["signup_open"] is False

    before = await written(db)
    problem(await apply(client, city, [steering["id"]]), 409, slug="appointed-group")
    assert await written(db) == before

    lead_body = {
        **person("leitung@example.org", full_name="Dr. Leyla Demir"),
        "affiliation": "Migrationsbeirat",
        "category": "civil_society",
        "role": "lead",
        "channel": "phone",
        "note": "Vom Rat benannt",
    }
    lead = await created(
        await client.post(f"/staff/groups/{steering['id']}/memberships", json=lead_body, headers=city.headers)
    )
    assert (lead["status"], lead["role"], lead["channel"]) == ("member", "lead", "phone")
    assert lead["participant"]["affiliation"] == "Migrationsbeirat"
    assert lead["created_by_id"] == str(city.admin.id)
    assert lead["preference_rank"] is None
    phone_only = {
        "full_name": "Jonas Weber",
        "phone": "0123 456789",
        "affiliation": "Jobcenter",
        "category": "administration",
        "consent": {"privacy_notice_version": 1},
    }
    deputy = await created(
        await client.post(f"/staff/groups/{steering['id']}/memberships", json=phone_only, headers=city.headers)
    )
    assert deputy["role"] == "member"
    assert await places_taken(db, steering["id"]) == 2

    changed = await client.patch(f"/staff/memberships/{deputy['id']}", json={"role": "deputy"}, headers=city.headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["role"] == "deputy"
    assert (await fetch(client, f"/staff/memberships/{deputy['id']}", city.headers))["role"] == "deputy"
    problem(await client.patch(f"/staff/memberships/{deputy['id']}", json={"role": "chair"}, headers=city.headers), 422)

    detail = await fetch(client, f"/staff/memberships/{lead['id']}", city.headers)
    [step] = detail["history"]
    assert (step["to_status"], step["channel"], step["staff_user_id"]) == ("member", "phone", str(city.admin.id))

    # The person with an e-mail address is told; the same person twice and a full group are refused.
    [mail] = await mails_to(db, "leitung@example.org")
    assert mail.kind == "membership_decided"
    again = await client.post(f"/staff/groups/{steering['id']}/memberships", json=lead_body, headers=city.headers)
    problem(again, 409, "email")
    full = await client.post(
        f"/staff/groups/{steering['id']}/memberships",
        json={**lead_body, "email": "third@example.org"},
        headers=city.headers,
    )
    problem(full, 409, slug="group-full")
    assert await places_taken(db, steering["id"]) == 2
    assert len(await people(client, city, steering["id"])) == 2


# --- staff lists ------------------------------------------------------------------------------------


async def test_staff_list_filters_by_status_and_search_and_exports_csv(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=2)
    await applied(client, city, db, [ag["id"]], "amira@example.org", full_name="Amira Haddad")
    await applied(client, city, db, [ag["id"]], "jonas.weber@example.org", full_name="Jonas Weber")
    await applied(client, city, db, [ag["id"]], "tricky@example.org", full_name="=HYPERLINK(1)", phone="+49 30 1234")

    def emails(items: list[dict[str, Any]]) -> set[str]:
        return {m["participant"]["email"] for m in items}

    assert emails(await people(client, city, ag["id"], status="member")) == {
        "amira@example.org",
        "jonas.weber@example.org",
    }
    assert emails(await people(client, city, ag["id"], status="waitlisted")) == {"tricky@example.org"}
    assert await people(client, city, ag["id"], status="rejected") == []
    assert emails(await people(client, city, ag["id"], q="HADDAD")) == {"amira@example.org"}
    assert emails(await people(client, city, ag["id"], q="jonas.weber@")) == {"jonas.weber@example.org"}
    assert emails(await people(client, city, ag["id"], q="weber", status="waitlisted")) == set()
    problem(
        await client.get(f"/staff/groups/{ag['id']}/memberships", params={"status": "maybe"}, headers=city.headers),
        422,
        "status",
    )

    response = await client.get(f"/staff/groups/{ag['id']}/memberships.csv", headers=city.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff")), delimiter=";"))
    header, *lines = rows
    assert header[:2] == ["Name", "E-Mail"]
    assert "Status" in header
    assert len(lines) == 3
    by_email = {line[1]: dict(zip(header, line, strict=True)) for line in lines}
    # Statuses, roles and channels in the list's language, as its headers are.
    assert by_email["amira@example.org"]["Status"] == "Mitglied"
    assert by_email["amira@example.org"]["Rolle"] == "Mitglied"
    assert by_email["amira@example.org"]["Kanal"] == "Website"
    assert by_email["tricky@example.org"]["Status"] == "Warteliste"
    assert by_email["tricky@example.org"]["Kategorie"] == "Einwohnerin/Einwohner"
    assert by_email["tricky@example.org"]["Name"] == "'=HYPERLINK(1)"  # never a formula in Excel

    only_waiting = await client.get(
        f"/staff/groups/{ag['id']}/memberships.csv", params={"status": "waitlisted"}, headers=city.headers
    )
    assert len(only_waiting.content.decode("utf-8-sig").strip().splitlines()) == 2


async def test_another_citys_staff_sees_nothing(client, city, other_city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "wohnen", membership_mode="application", capacity=3)
    await applied(client, city, db, [ag["id"]], "amira@example.org")
    [membership] = await people(client, city, ag["id"])
    mid = membership["id"]

    theirs = other_city.headers
    problem(await client.get(f"/staff/memberships/{mid}", headers=theirs), 404)
    problem(await client.post(f"/staff/memberships/{mid}/decision", json={"status": "member"}, headers=theirs), 404)
    problem(await client.patch(f"/staff/memberships/{mid}", json={"role": "lead"}, headers=theirs), 404)
    problem(await client.post(f"/staff/memberships/{mid}/withdraw", json={}, headers=theirs), 404)
    problem(await client.get(f"/staff/groups/{ag['id']}/memberships", headers=theirs), 404)
    problem(await client.get(f"/staff/groups/{ag['id']}/memberships.csv", headers=theirs), 404)
    add = {**person("x@example.org"), "role": "lead"}
    problem(await client.post(f"/staff/groups/{ag['id']}/memberships", json=add, headers=theirs), 404)

    unchanged = await fetch(client, f"/staff/memberships/{mid}", city.headers)
    assert (unchanged["status"], unchanged["role"]) == ("applied", "member")
    assert [step["to_status"] for step in unchanged["history"]] == ["unconfirmed", "applied"]
    assert await places_taken(db, ag["id"]) == 0
    problem(await client.get(f"/staff/memberships/{mid}"), 401)


async def test_bad_applications_are_refused_naming_the_field_and_write_nothing(client, city, other_city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=5)
    others = [await group(client, city, process, f"ag-{i}") for i in range(5)]
    draft = await created(
        await client.post(
            "/staff/groups",
            json={"process_id": process["id"], "slug": "entwurf", "name": "Entwurf", "membership_mode": "open"},
            headers=city.headers,
        )
    )
    await with_privacy_notice(db, other_city)
    their_process = await published_process(client, other_city.headers)
    theirs = await published_group(client, other_city.headers, their_process["id"])

    def without_consent() -> dict[str, Any]:
        body = {**person(), "groups": [ag["id"]]}
        del body["consent"]
        return body

    cases: list[tuple[str, dict[str, Any], int, str]] = [
        ("duplicate group", {**person(), "groups": [ag["id"], ag["id"]]}, 422, "groups"),
        ("six groups", {**person(), "groups": [ag["id"]] + [g["id"] for g in others]}, 422, "groups"),
        ("no group", {**person(), "groups": []}, 422, "groups"),
        ("not an id", {**person(), "groups": ["ag-bildung"]}, 422, "groups.0"),
        ("unknown group", {**person(), "groups": [ag["id"], str(uuid.uuid4())]}, 404, "groups.1"),
        ("draft group", {**person(), "groups": [draft["id"]]}, 404, "groups.0"),
        ("other city's group", {**person(), "groups": [theirs["id"], ag["id"]]}, 404, "groups.0"),
        ("missing consent", without_consent(), 422, "consent"),
        (
            "old privacy notice",
            {**person(consent={"privacy_notice_version": 7}), "groups": [ag["id"]]},
            422,
            "consent.privacy_notice_version",
        ),
        ("no e-mail", {**person(email=None, phone="0123 456789"), "groups": [ag["id"]]}, 422, "email"),
    ]
    before = await written(db)
    for name, body, status, field in cases:
        response = await client.post(f"/orgs/{city.slug}/group-applications", json=body)
        problem(response, status, field)
        assert await written(db) == before, name
    assert await places_taken(db, ag["id"]) == 0
    problem(await apply(client, other_city, [ag["id"]]), 404, "groups.0")
    problem(await apply(client, city, [ag["id"]], email="not-an-address"), 422, "email")


# --- concurrency ------------------------------------------------------------------------------------


async def test_a_hundred_parallel_applications_never_overfill_a_group(client, city, db):
    process = await setup(client, city, db)
    ag = await group(client, city, process, "bildung", capacity=10)

    responses = await asyncio.gather(*(apply(client, city, [ag["id"]], f"p{i}@example.org") for i in range(100)))
    assert [r.status_code for r in responses if r.status_code != 202] == []
    assert await places_taken(db, ag["id"]) == 0  # unconfirmed applications take no place
    confirmed = await asyncio.gather(*(confirm(client, db, f"p{i}@example.org") for i in range(100)))
    assert [r.status_code for r in confirmed if r.status_code != 200] == []
    answered = Counter(r.json()["status"] for r in confirmed)
    assert answered == {"member": 10, "waitlisted": 90}

    assert await places_taken(db, ag["id"]) == 10
    assert statuses(await people(client, city, ag["id"], status="member")) == {"member": 10}
    assert statuses(await people(client, city, ag["id"], status="waitlisted")) == {"waitlisted": 90}
    assert (await fetch(client, f"/staff/groups/{ag['id']}", city.headers))["places_left"] == 0
    assert await count(db, OutboxMessage) == 100


async def test_parallel_applications_naming_the_same_groups_in_opposite_order_all_succeed(client, city, db):
    process = await setup(client, city, db)
    first = await group(client, city, process, "erste", capacity=5)
    second = await group(client, city, process, "zweite", capacity=5)

    def order(i: int) -> list[str]:
        return [first["id"], second["id"]] if i % 2 else [second["id"], first["id"]]

    responses = await asyncio.gather(*(apply(client, city, order(i), f"p{i}@example.org") for i in range(40)))
    assert [r.text for r in responses if r.status_code != 202] == []
    for response, i in zip(responses, range(40), strict=True):
        assert [m["group_id"] for m in response.json()["memberships"]] == order(i)
        assert [m["preference_rank"] for m in response.json()["memberships"]] == [1, 2]
    confirmed = await asyncio.gather(*(confirm(client, db, f"p{i}@example.org") for i in range(40)))
    assert [r.text for r in confirmed if r.status_code != 200] == []
    for g in (first, second):
        assert await places_taken(db, g["id"]) == 5
        assert statuses(await people(client, city, g["id"])) == {"member": 5, "waitlisted": 35}


async def test_staff_end_a_membership_with_a_reason_and_can_add_the_person_again(client, city, db):
    process = await setup(client, city, db)
    steering = await group(client, city, process, "steuerung", membership_mode="appointed", capacity=1)
    body = {**person("leitung@example.org"), "role": "lead", "channel": "email"}
    lead = await created(
        await client.post(f"/staff/groups/{steering['id']}/memberships", json=body, headers=city.headers)
    )

    ended = await client.post(
        f"/staff/memberships/{lead['id']}/withdraw", json={"reason": "Amtszeit beendet"}, headers=city.headers
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["status"] == "withdrawn"
    last = ended.json()["history"][-1]
    assert (last["from_status"], last["to_status"], last["channel"]) == ("member", "withdrawn", "staff")
    assert (last["staff_user_id"], last["note"]) == (str(city.admin.id), "Amtszeit beendet")
    assert await places_taken(db, steering["id"]) == 0
    problem(
        await client.post(f"/staff/memberships/{lead['id']}/decision", json={"status": "member"}, headers=city.headers),
        409,
    )

    again = await created(
        await client.post(
            f"/staff/groups/{steering['id']}/memberships", json={**body, "channel": "on_site"}, headers=city.headers
        )
    )
    assert again["id"] == lead["id"]  # the same membership, not a second one
    assert (again["status"], again["role"], again["channel"]) == ("member", "lead", "on_site")
    assert await places_taken(db, steering["id"]) == 1
    detail = await fetch(client, f"/staff/memberships/{lead['id']}", city.headers)
    assert [(c["to_status"], c["channel"]) for c in detail["history"]] == [
        ("member", "email"),
        ("withdrawn", "staff"),
        ("member", "on_site"),
    ]


async def test_an_application_sent_twice_with_one_idempotency_key_counts_once(client, city, db):
    process = await setup(client, city, db)
    first_group = await group(client, city, process, "ag-sprache")
    second_group = await group(client, city, process, "ag-arbeit")
    body = {**person(), "groups": [first_group["id"], second_group["id"]]}
    key = {"Idempotency-Key": "bewerbung-1"}
    url = f"/orgs/{city.slug}/group-applications"

    first = await client.post(url, json=body, headers=key)
    replay = await client.post(url, json=body, headers=key)
    assert first.status_code == replay.status_code == 202
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert len(await mails_to(db, "amira@example.org")) == 1
    problem(await client.post(url, json={**body, "full_name": "Amira H."}, headers=key), 422, "Idempotency-Key")

    # A client may have chosen a key that names the person: erasing them forgets such an answer too.
    await client.post(url, json={**body, "email": "bo@example.org"}, headers={"Idempotency-Key": "bo@example.org"})
    token = manage_token((await mails_to(db, "bo@example.org"))[0])
    assert (await client.post(f"/manage/memberships/{token}/erase")).status_code == 200
    async with db.state.sessionmaker() as session:
        remembered = list(await session.scalars(select(IdempotentResponse.key)))
    assert remembered == ["bewerbung-1"]
