"""Webhooks end to end: an admin subscribes a real receiver on localhost, changes in the city queue
signed deliveries in their own transaction, and the worker sends them with retries, a delivery log,
410 handling, test events and redelivery. Signatures are checked with the `standardwebhooks` library."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from api.config import Settings
from api.db import utcnow
from api.errors import InvalidInput
from api.webhooks import delivery as sender
from api.webhooks.models import WebhookDelivery
from api.webhooks.service import _check_target
from tests.builders import event_body, fetch, problem, published_event, published_process
from tests.signup_helpers import (
    assert_no_access_details,
    latest_token,
    sign_up,
    with_privacy_notice,
)
from tests.webhook_receiver import receiver

EVENT_TYPES = ["event.published", "event.updated", "event.cancelled", "registration.created", "registration.confirmed"]


async def subscribe(client, city, url, **extra):
    body = {"url": url, "event_types": EVENT_TYPES, **extra}
    response = await client.post("/staff/webhooks", json=body, headers=city.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def send_due(app, *, later: timedelta = timedelta(0)) -> int:
    return await sender.deliver_due_webhooks(app.state.sessionmaker, app.state.settings, utcnow() + later)


async def queued(app) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(WebhookDelivery))


async def test_changes_are_delivered_signed_with_public_fields_only(client, db, city):
    await with_privacy_notice(db, city)
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url)
        assert subscription["secret"].startswith("whsec_")
        assert subscription["secret_hint"] == subscription["secret"][:10] + "…"
        hook.secret = subscription["secret"]
        process = await published_process(client, city.headers)
        event = await published_event(client, city.headers, process["id"])
        assert (await sign_up(client, city, event["id"])).status_code == 202
        await client.post(f"/manage/registrations/{await latest_token(db, 'amira@example.org')}/confirm")

        assert await send_due(db) == 3
        assert all(r.verified for r in hook.received), "every signature checks out with the library"
        by_type = {r.payload["type"]: r.payload for r in hook.received}
        assert set(by_type) == {"event.published", "registration.created", "registration.confirmed"}
        published = by_type["event.published"]["data"]
        assert published["organization"] == city.slug
        assert published["event"]["id"] == event["id"]
        assert published["event"]["seats_left"] == 100
        confirmed = by_type["registration.confirmed"]["data"]
        assert confirmed["event_id"] == event["id"]
        assert confirmed["previous_status"] == "pending"
        assert confirmed["channel"] == "web"
        for received in hook.received:  # no personal data, no access details without that permission
            text = str(received.payload)
            assert "amira@example.org" not in text
            assert "Amira" not in text
            assert "person" not in received.payload["data"]
            assert_no_access_details(text)
        # The log shows each delivery with its attempt.
        log = await fetch(client, f"/staff/webhooks/{subscription['id']}/deliveries", city.headers)
        assert sorted(d["id"] for d in log["items"]) == sorted(hook.ids())
        assert {(d["status"], d["attempts"], d["log"][0]["status_code"]) for d in log["items"]} == {
            ("delivered", 1, 200)
        }
        assert await send_due(db, later=timedelta(days=2)) == 0  # nothing is sent twice


async def test_personal_data_only_for_a_subscription_allowed_it_and_gone_after_erasure(client, db, city):
    await with_privacy_notice(db, city)
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url, include_personal_data=True)
        hook.secret = subscription["secret"]
        process = await published_process(client, city.headers)
        event = await published_event(client, city.headers, process["id"])
        await sign_up(client, city, event["id"])
        await send_due(db)
        created = next(r.payload for r in hook.received if r.payload["type"] == "registration.created")
        assert created["data"]["person"]["email"] == "amira@example.org"
        assert created["data"]["person"]["full_name"] == "Amira Haddad"

        token = await latest_token(db, "amira@example.org")
        assert (await client.post(f"/manage/registrations/{token}/erase")).status_code == 200
        log = await fetch(client, f"/staff/webhooks/{subscription['id']}/deliveries", city.headers)
        assert "amira@example.org" not in str(log), "deliveries naming the person are erased with them"
        assert [d["event_type"] for d in log["items"]] == ["event.published"]


async def test_failures_are_retried_with_the_same_id_until_accepted_once(client, db, city):
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url)
        hook.secret = subscription["secret"]
        hook.script = [500, 503]
        process = await published_process(client, city.headers)
        await published_event(client, city.headers, process["id"])

        assert await send_due(db) == 0
        assert await send_due(db) == 0, "not due again before its back-off"
        assert await send_due(db, later=sender.RETRY_AFTER[0]) == 0
        assert await send_due(db, later=sender.RETRY_AFTER[0] + sender.RETRY_AFTER[1]) == 1
        assert await send_due(db, later=timedelta(days=3)) == 0

        assert [r.answered for r in hook.received] == [500, 503, 200]
        assert len(set(hook.ids())) == 1, "every retry carries the same webhook-id"
        assert len(hook.accepted()) == 1
        assert all(r.verified for r in hook.received)
        [entry] = (await fetch(client, f"/staff/webhooks/{subscription['id']}/deliveries", city.headers))["items"]
        assert entry["status"] == "delivered"
        assert entry["attempts"] == 3
        assert [a["status_code"] for a in entry["log"]] == [500, 503, 200]
        assert entry["log"][0]["error"] == "The receiver answered 500."


async def test_retries_span_more_than_a_day_then_the_delivery_fails(client, db, city):
    assert sum(sender.RETRY_AFTER, timedelta()) > timedelta(days=1)
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url)
        hook.script = [500] * 20
        process = await published_process(client, city.headers)
        await published_event(client, city.headers, process["id"])
        waited = timedelta()
        for pause in (timedelta(0), *sender.RETRY_AFTER):
            waited += pause
            await send_due(db, later=waited)
        assert len(hook.received) == sender.MAX_ATTEMPTS
        [entry] = (await fetch(client, f"/staff/webhooks/{subscription['id']}/deliveries", city.headers))["items"]
        assert entry["status"] == "failed"
        assert entry["next_attempt_at"] is None
        await send_due(db, later=waited + timedelta(days=5))
        assert len(hook.received) == sender.MAX_ATTEMPTS  # given up


async def test_gone_disables_the_subscription_until_an_admin_enables_it(client, db, city):
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url)
        hook.script = [410]
        process = await published_process(client, city.headers)
        event = await published_event(client, city.headers, process["id"])
        await send_due(db)
        state = await fetch(client, f"/staff/webhooks/{subscription['id']}", city.headers)
        assert state["active"] is False
        assert "410" in state["disabled_reason"]

        await client.patch(f"/staff/events/{event['id']}", json={"title": "Neuer Titel"}, headers=city.headers)
        assert await queued(db) == 1, "a disabled subscription gets nothing queued"

        enabled = await client.patch(
            f"/staff/webhooks/{subscription['id']}", json={"active": True}, headers=city.headers
        )
        assert enabled.json()["active"] is True
        assert enabled.json()["disabled_reason"] is None
        await client.patch(f"/staff/events/{event['id']}", json={"title": "Noch ein Titel"}, headers=city.headers)
        await send_due(db)
        assert [r.payload["type"] for r in hook.received] == ["event.published", "event.updated"]
        assert hook.received[-1].payload["data"]["event"]["title"] == "Noch ein Titel"


async def test_test_event_redelivery_and_secret_rotation(client, db, city):
    with receiver() as hook:
        subscription = await subscribe(client, city, hook.url)
        hook.secret = subscription["secret"]
        test = await client.post(f"/staff/webhooks/{subscription['id']}/test", headers=city.headers)
        assert test.status_code == 202
        assert test.json()["event_type"] == "webhook.test"
        await send_due(db)
        assert hook.received[0].payload["type"] == "webhook.test"
        assert hook.received[0].verified

        path = f"/staff/webhooks/{subscription['id']}/deliveries/{test.json()['id']}/redeliver"
        again = await client.post(path, headers=city.headers)
        assert again.status_code == 202
        assert again.json()["status"] == "pending"
        await send_due(db)
        assert hook.ids() == [test.json()["id"]] * 2, "a redelivery keeps its webhook-id"

        rotated = await client.post(f"/staff/webhooks/{subscription['id']}/rotate-secret", headers=city.headers)
        assert rotated.json()["secret"] != subscription["secret"]
        await client.post(path, headers=city.headers)
        await send_due(db)
        assert hook.received[-1].verified is False, "signed with the new secret, not the old"
        hook.secret = rotated.json()["secret"]
        await client.post(path, headers=city.headers)
        await send_due(db)
        assert hook.received[-1].verified is True


async def test_two_workers_send_each_delivery_once(client, db, city):
    with receiver() as hook:
        await subscribe(client, city, hook.url)
        process = await published_process(client, city.headers)
        for n in range(6):
            await published_event(client, city.headers, process["id"], title=f"Termin {n}")
        accepted = await asyncio.gather(send_due(db), send_due(db), send_due(db))
        assert sum(accepted) == 6
        assert len(hook.ids()) == 6
        assert len(set(hook.ids())) == 6


async def test_a_rolled_back_change_announces_nothing(client, db, city):
    with receiver() as hook:
        await subscribe(client, city, hook.url)
        process = await published_process(client, city.headers)
        event = await published_event(client, city.headers, process["id"])
        before = await queued(db)
        refused = await client.patch(
            f"/staff/events/{event['id']}",
            json={"ends_at": event_body(process["id"])["starts_at"]},
            headers=city.headers,
        )
        problem(refused, 422, "ends_at")
        assert await queued(db) == before
        del hook


async def test_bad_subscriptions_are_refused_and_other_cities_see_nothing(client, city, other_city):
    problem(
        await client.post(
            "/staff/webhooks", json={"url": "ftp://x", "event_types": ["event.published"]}, headers=city.headers
        ),
        422,
        "url",
    )
    problem(
        await client.post(
            "/staff/webhooks", json={"url": "https://x.example", "event_types": ["nope"]}, headers=city.headers
        ),
        422,
    )
    problem(
        await client.post(
            "/staff/webhooks", json={"url": "https://x.example", "event_types": []}, headers=city.headers
        ),
        422,
        "event_types",
    )
    subscription = await subscribe(client, city, "https://cms.example/hooks")
    assert "secret" not in await fetch(client, f"/staff/webhooks/{subscription['id']}", city.headers)
    problem(await client.get(f"/staff/webhooks/{subscription['id']}", headers=other_city.headers), 404)
    problem(await client.post(f"/staff/webhooks/{subscription['id']}/test", headers=other_city.headers), 404)
    assert (await fetch(client, "/staff/webhooks", other_city.headers))["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "http://cms.example/hooks",
        "https://127.0.0.1/hooks",
        "https://10.1.2.3/x",
        "https://localhost/x",
        "https://[::1]/x",
        "https://localhost./x",
        "https://postgres:5432/",
        "https://redis:6379/",
        "https://kubernetes.default.svc/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/x",
        "https://[fd00::1]/x",
        "https://[fe80::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://0.0.0.0/x",
        "https://cms.musterstadt.de:8443/hooks",
    ],
)
def test_in_production_a_receiver_must_be_https_and_on_the_internet(url):
    production = Settings(environment="production", secret_key="x" * 20 + "abcdefghijklmnopqrstuvwxyz")
    with pytest.raises(InvalidInput):
        _check_target(production, url)
    _check_target(production, "https://cms.musterstadt.de/hooks")
