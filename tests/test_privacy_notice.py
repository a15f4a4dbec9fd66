"""The privacy notice (Datenschutzhinweis): staff publish versions, every sign-up names the current one,
and each sign-up leaves a consent pointing at that version with the channel it came through."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import func, select

from api.memberships.models import Membership
from api.notifications.models import OutboxMessage
from api.organizations.models import PrivacyNotice
from api.participants.models import Consent, Participant
from api.registrations.models import Registration
from tests.builders import created, fetch, problem, published_event, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import person, sign_up

VERSION = "consent.privacy_notice_version"


async def publish(client: httpx.AsyncClient, city: City, text: str, **body: Any) -> dict[str, Any]:
    return await created(
        await client.post("/staff/organization/privacy-notices", json={"text": text, **body}, headers=city.headers)
    )


async def consents(app: Any, email: str) -> list[tuple[int, str, uuid.UUID | None]]:
    """(notice version, channel, recorded by) of each consent the person gave, oldest first."""
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            select(PrivacyNotice.version, Consent.channel, Consent.recorded_by_id)
            .join(PrivacyNotice, PrivacyNotice.id == Consent.privacy_notice_id)
            .join(Participant, Participant.id == Consent.participant_id)
            .where(Participant.email == email)
            .order_by(Consent.given_at, Consent.id)
        )
        return [(version, str(channel), recorded_by) for version, channel, recorded_by in rows]


async def counts(app: Any) -> dict[str, int]:
    async with app.state.sessionmaker() as session:
        return {
            model.__name__: await session.scalar(select(func.count()).select_from(model))
            for model in (Participant, Consent, Registration, Membership, OutboxMessage)
        }


async def test_staff_publish_versions_and_the_public_sees_the_latest(client, city, other_city):
    problem(await client.get(f"/orgs/{city.slug}/privacy-notice"), 404)
    assert await fetch(client, "/staff/organization/privacy-notices", city.headers) == []

    first = await publish(client, city, "Wir speichern Ihren Namen und Ihre E-Mail-Adresse.")
    assert first["version"] == 1
    assert first["url"] is None
    public = await fetch(client, f"/orgs/{city.slug}/privacy-notice")
    assert (public["version"], public["text"]) == (1, "Wir speichern Ihren Namen und Ihre E-Mail-Adresse.")

    second = await publish(client, city, "Neu: auch Ihre Telefonnummer.", url="https://teststadt.example/datenschutz")
    assert second["version"] == 2
    public = await fetch(client, f"/orgs/{city.slug}/privacy-notice")
    assert (public["version"], public["url"]) == (2, "https://teststadt.example/datenschutz")
    staff_list = await fetch(client, "/staff/organization/privacy-notices", city.headers)
    assert [n["version"] for n in staff_list] == [2, 1]

    # Each city counts its own versions.
    problem(await client.get(f"/orgs/{other_city.slug}/privacy-notice"), 404)
    assert (await publish(client, other_city, "Andere Stadt"))["version"] == 1
    assert (await fetch(client, f"/orgs/{city.slug}/privacy-notice"))["version"] == 2
    assert [n["version"] for n in await fetch(client, "/staff/organization/privacy-notices", other_city.headers)] == [1]
    problem(await client.get("/orgs/no-such-city/privacy-notice"), 404)


async def test_publishing_needs_staff_and_valid_text(client, city):
    problem(await client.post("/staff/organization/privacy-notices", json={"text": "Datenschutz"}), 401)
    bad = (
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "ok", "url": "not a url"}, "url"),
        ({"text": "ok", "version": 9}, "version"),
    )
    for body, field in bad:
        response = await client.post("/staff/organization/privacy-notices", json=body, headers=city.headers)
        problem(response, 422, field)
    problem(await client.get(f"/orgs/{city.slug}/privacy-notice"), 404)


async def test_parallel_publications_never_give_two_notices_the_same_version(client, city):
    responses = await asyncio.gather(
        *(
            client.post("/staff/organization/privacy-notices", json={"text": f"Fassung {i}"}, headers=city.headers)
            for i in range(6)
        )
    )
    assert all(r.status_code in (201, 409) for r in responses), [r.text for r in responses]
    versions = sorted(r.json()["version"] for r in responses if r.status_code == 201)
    assert versions == list(range(1, len(versions) + 1))
    listed = await fetch(client, "/staff/organization/privacy-notices", city.headers)
    assert sorted(n["version"] for n in listed) == versions


async def test_sign_ups_must_accept_the_current_version(client, city, db):
    await publish(client, city, "Fassung 1")
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    ag = await published_group(client, city.headers, process["id"])
    steering = await published_group(
        client, city.headers, process["id"], slug="steuerung", name="Steuerungsgruppe", membership_mode="appointed"
    )
    assert (await sign_up(client, city, event["id"], email="early@example.org")).status_code == 202

    await publish(client, city, "Fassung 2")
    before = await counts(db)
    old = {"privacy_notice_version": 1}
    refused = (
        await sign_up(client, city, event["id"], email="late@example.org", consent=old),
        await client.post(
            f"/orgs/{city.slug}/group-applications",
            json={**person("late@example.org", consent=old), "groups": [ag["id"]]},
        ),
        await client.post(
            f"/staff/events/{event['id']}/registrations",
            json={**person("late@example.org", consent=old), "channel": "phone"},
            headers=city.headers,
        ),
        await client.post(
            f"/staff/groups/{steering['id']}/memberships",
            json={**person("late@example.org", consent=old), "role": "lead"},
            headers=city.headers,
        ),
        await sign_up(client, city, event["id"], email="late@example.org", consent={"privacy_notice_version": 3}),
    )
    for response in refused:
        body = problem(response, 422, VERSION)
        assert "version 2" in body["detail"]
    assert await counts(db) == before

    new = {"privacy_notice_version": 2}
    assert (await sign_up(client, city, event["id"], email="late@example.org", consent=new)).status_code == 202
    applied = await client.post(
        f"/orgs/{city.slug}/group-applications", json={**person("late@example.org", consent=new), "groups": [ag["id"]]}
    )
    assert applied.status_code == 202, applied.text


async def test_each_sign_up_stores_a_consent_to_the_version_with_its_channel(client, city, db):
    await publish(client, city, "Fassung 1")
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])
    ag = await published_group(client, city.headers, process["id"])
    steering = await published_group(
        client, city.headers, process["id"], slug="steuerung", name="Steuerungsgruppe", membership_mode="appointed"
    )

    assert (await sign_up(client, city, event["id"], email="amira@example.org")).status_code == 202
    assert await consents(db, "amira@example.org") == [(1, "web", None)]

    await publish(client, city, "Fassung 2")
    v2 = {"privacy_notice_version": 2}
    applied = await client.post(
        f"/orgs/{city.slug}/group-applications", json={**person("amira@example.org", consent=v2), "groups": [ag["id"]]}
    )
    assert applied.status_code == 202, applied.text
    added = await client.post(
        f"/staff/groups/{steering['id']}/memberships",
        json={**person("amira@example.org", consent=v2), "role": "deputy", "channel": "on_site"},
        headers=city.headers,
    )
    assert added.status_code == 201, added.text
    assert await consents(db, "amira@example.org") == [
        (1, "web", None),
        (2, "web", None),
        (2, "on_site", city.admin.id),
    ]

    entered = await client.post(
        f"/staff/events/{event['id']}/registrations",
        json={"full_name": "Jonas Weber", "phone": "0123 456789", "consent": v2, "channel": "phone"},
        headers=city.headers,
    )
    assert entered.status_code == 201, entered.text
    async with db.state.sessionmaker() as session:
        [(version, channel, recorded_by)] = (
            await session.execute(
                select(PrivacyNotice.version, Consent.channel, Consent.recorded_by_id)
                .join(PrivacyNotice, PrivacyNotice.id == Consent.privacy_notice_id)
                .join(Participant, Participant.id == Consent.participant_id)
                .where(Participant.full_name == "Jonas Weber")
            )
        ).all()
        notice = await session.scalar(
            select(PrivacyNotice).where(
                PrivacyNotice.organization_id == city.organization.id, PrivacyNotice.version == 2
            )
        )
        every_consent = (await session.scalars(select(Consent))).all()
    assert (version, channel, recorded_by) == (2, "phone", city.admin.id)
    assert notice is not None
    assert all(c.organization_id == city.organization.id for c in every_consent)
    assert sum(c.privacy_notice_id == notice.id for c in every_consent) == 3
