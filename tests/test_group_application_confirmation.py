"""A web application to a working group goes ahead only once its address is confirmed by the link in the
mail (double opt-in); unconfirmed it takes no place and lapses after the hold time. Staff-entered people
(by phone) need no confirmation."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select, update

from api.db import utcnow
from api.groups.models import ThematicGroup
from api.memberships.models import Membership
from api.memberships.service import expire_unconfirmed
from api.worker import JOBS
from tests.builders import fetch, local, problem, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import LINK, mails_to, person, with_privacy_notice


async def apply(client: httpx.AsyncClient, city: City, groups: list[str], email: str) -> list[dict[str, Any]]:
    response = await client.post(f"/orgs/{city.slug}/group-applications", json={**person(email), "groups": groups})
    assert response.status_code == 202, response.text
    return response.json()["memberships"]


def confirm_link(mail: Any) -> str:
    """The token of the mail's confirmation link (the one with `?confirm=1`)."""
    [token] = {token for url, token in _links(mail.body_text) if "confirm=1" in url}
    return token


def _links(text: str) -> list[tuple[str, str]]:
    return [(match.group(0), match.group(2)) for match in LINK.finditer(text)]


async def places_taken(db: Any, group_id: str) -> int:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(ThematicGroup.places_taken).where(ThematicGroup.id == uuid.UUID(group_id)))


async def status_of(db: Any, email: str, group_id: str) -> str:
    async with db.state.sessionmaker() as session:
        rows = await session.scalars(select(Membership).where(Membership.group_id == uuid.UUID(group_id)))
        [membership] = [m for m in rows.unique() if m.participant.email == email]
        return membership.status


async def run_expiry(db: Any, at: Any) -> int:
    async with db.state.sessionmaker() as session:
        lapsed = await expire_unconfirmed(session, db.state.settings, at)
        await session.commit()
    return lapsed


async def setup(client: httpx.AsyncClient, city: City, db: Any) -> dict[str, Any]:
    await with_privacy_notice(db, city)
    return await published_process(client, city.headers)


async def test_an_application_takes_no_place_until_its_address_is_confirmed(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", capacity=1)

    [result] = await apply(client, city, [ag["id"]], "amira@example.org")
    assert result["status"] == "unconfirmed"
    assert await places_taken(db, ag["id"]) == 0
    [mail] = await mails_to(db, "amira@example.org")
    assert mail.kind == "group_application"
    assert "Bewerbung bestätigen" in mail.body_text
    amira = confirm_link(mail)
    mine = await fetch(client, f"/manage/memberships/{amira}")
    assert mine["status"] == "unconfirmed"
    assert mine["hold_expires_at"] is not None

    # Someone who confirms first gets the only place; the address typed in first does not block it.
    await apply(client, city, [ag["id"]], "bernd@example.org")
    bernd = confirm_link((await mails_to(db, "bernd@example.org"))[0])
    confirmed = await client.post(f"/manage/memberships/{bernd}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "member"
    assert confirmed.json()["hold_expires_at"] is None
    assert await places_taken(db, ag["id"]) == 1

    late = await client.post(f"/manage/memberships/{amira}/confirm")
    assert late.status_code == 200, late.text
    assert late.json()["status"] == "waitlisted"
    again = await client.post(f"/manage/memberships/{amira}/confirm")  # a second click changes nothing
    assert again.json()["status"] == "waitlisted"
    assert await places_taken(db, ag["id"]) == 1

    members = await fetch(client, f"/staff/groups/{ag['id']}/memberships?limit=10", city.headers)
    steps = await fetch(client, f"/staff/memberships/{members['items'][-1]['id']}", city.headers)
    assert [(s["from_status"], s["to_status"], s["channel"]) for s in steps["history"]][:2] == [
        (None, "unconfirmed", "web"),
        ("unconfirmed", steps["status"], "web"),
    ]


async def test_one_link_confirms_the_whole_application_and_staff_decide_only_then(client, city, db):
    process = await setup(client, city, db)
    chosen = await published_group(client, city.headers, process["id"], slug="wohnen", membership_mode="application")
    open_group = await published_group(client, city.headers, process["id"], slug="arbeit", capacity=5)

    results = await apply(client, city, [chosen["id"], open_group["id"]], "amira@example.org")
    assert [r["status"] for r in results] == ["unconfirmed", "unconfirmed"]
    staff_list = await fetch(client, f"/staff/groups/{chosen['id']}/memberships?status=unconfirmed", city.headers)
    [waiting] = staff_list["items"]
    refused = await client.post(
        f"/staff/memberships/{waiting['id']}/decision", json={"status": "member"}, headers=city.headers
    )
    problem(refused, 409, slug="not-decidable")

    [mail] = await mails_to(db, "amira@example.org")
    assert (await client.post(f"/manage/memberships/{confirm_link(mail)}/confirm")).status_code == 200
    assert await status_of(db, "amira@example.org", chosen["id"]) == "applied"
    assert await status_of(db, "amira@example.org", open_group["id"]) == "member"
    accepted = await client.post(
        f"/staff/memberships/{waiting['id']}/decision", json={"status": "member"}, headers=city.headers
    )
    assert accepted.status_code == 200, accepted.text


async def test_an_unconfirmed_application_lapses_after_the_hold_time(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", capacity=3)
    await apply(client, city, [ag["id"]], "amira@example.org")
    token = confirm_link((await mails_to(db, "amira@example.org"))[0])

    hold = timedelta(hours=db.state.settings.confirmation_hold_hours)
    assert expire_unconfirmed in JOBS  # the worker runs it
    assert await run_expiry(db, utcnow() + hold - timedelta(minutes=5)) == 0
    assert await status_of(db, "amira@example.org", ag["id"]) == "unconfirmed"
    assert await run_expiry(db, utcnow() + hold + timedelta(minutes=5)) == 1
    assert await status_of(db, "amira@example.org", ag["id"]) == "expired"
    assert await places_taken(db, ag["id"]) == 0

    problem(await client.post(f"/manage/memberships/{token}/confirm"), 409, slug="confirmation-expired")
    assert await status_of(db, "amira@example.org", ag["id"]) == "expired"

    # Applying again starts afresh: a new mail, a new wait for the link.
    [result] = await apply(client, city, [ag["id"]], "amira@example.org")
    assert result["status"] == "unconfirmed"
    fresh = confirm_link((await mails_to(db, "amira@example.org"))[-1])
    assert (await client.post(f"/manage/memberships/{fresh}/confirm")).json()["status"] == "member"


async def test_a_link_followed_too_late_lapses_the_application_even_before_the_worker_runs(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", capacity=3)
    await apply(client, city, [ag["id"]], "amira@example.org")
    async with db.state.sessionmaker() as session:
        await session.execute(update(Membership).values(hold_expires_at=utcnow() - timedelta(minutes=1)))
        await session.commit()

    token = confirm_link((await mails_to(db, "amira@example.org"))[0])
    problem(await client.post(f"/manage/memberships/{token}/confirm"), 409, slug="confirmation-expired")
    assert await status_of(db, "amira@example.org", ag["id"]) == "expired"  # the refusal keeps the lapse
    assert await places_taken(db, ag["id"]) == 0


async def test_the_hold_ends_with_the_sign_up_deadline(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", signup_deadline=local(1, 12))
    await apply(client, city, [ag["id"]], "amira@example.org")
    async with db.state.sessionmaker() as session:
        deadline = await session.scalar(select(ThematicGroup.signup_deadline))
        held_until = await session.scalar(select(Membership.hold_expires_at))
    assert deadline < utcnow() + timedelta(hours=db.state.settings.confirmation_hold_hours)
    assert held_until == deadline


async def test_people_entered_by_staff_need_no_confirmation(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", capacity=3)
    phoned = {**person("bo@example.org"), "channel": "phone"}
    added = await client.post(f"/staff/groups/{ag['id']}/memberships", json=phoned, headers=city.headers)
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "member"
    assert await places_taken(db, ag["id"]) == 1

    # Someone who applied on the web and then said yes on the phone: staff take the application over.
    await apply(client, city, [ag["id"]], "amira@example.org")
    body = {**person("amira@example.org"), "channel": "phone"}
    taken_over = await client.post(f"/staff/groups/{ag['id']}/memberships", json=body, headers=city.headers)
    assert taken_over.status_code == 201, taken_over.text
    assert taken_over.json()["status"] == "member"
    assert await places_taken(db, ag["id"]) == 2


async def test_the_mail_asks_for_the_confirmation_in_the_persons_language_and_names_the_deadline(client, city, db):
    process = await setup(client, city, db)
    ag = await published_group(client, city.headers, process["id"], slug="bildung", signup_deadline=local(1, 12))
    body = {**person("jo@example.org", preferred_language="en"), "groups": [ag["id"]]}
    assert (await client.post(f"/orgs/{city.slug}/group-applications", json=body)).status_code == 202
    [mail] = await mails_to(db, "jo@example.org")
    assert "Confirm your application" in mail.body_text
    assert "Only then does it count." in mail.body_text
    deadline = (await fetch(client, f"/staff/groups/{ag['id']}", city.headers))["signup_deadline"]
    assert f"{deadline[11:16]}" in mail.body_text  # held until the sign-up deadline, in the city's time
    assert "confirm=1" in mail.body_html
