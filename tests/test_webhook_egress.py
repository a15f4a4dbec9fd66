"""Webhooks reach only the internet: the receiver's name is resolved once at delivery, every address it
resolves to must be public, the connection goes to the address that was checked, and every way of not
getting through reads the same in the delivery log."""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from api.db import utcnow
from api.webhooks import delivery as sender
from api.webhooks import egress
from api.webhooks.models import WebhookAttempt
from tests.webhook_receiver import receiver

PRODUCTION_LIKE = {"webhook_private_addresses": False}


class Dns:
    """Stands in for DNS: a name resolves to what the test says, and every lookup is counted."""

    def __init__(self, **names: list[str]) -> None:
        self.names, self.lookups = names, []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.names[host]


async def subscribe_and_fire(client, city, url: str) -> dict[str, Any]:
    body = {"url": url, "event_types": ["event.published"]}
    subscription = await client.post("/staff/webhooks", json=body, headers=city.headers)
    assert subscription.status_code == 201, subscription.text
    sent = await client.post(f"/staff/webhooks/{subscription.json()['id']}/test", headers=city.headers)
    assert sent.status_code in (200, 201, 202), sent.text
    return subscription.json()


async def deliver(app, dns: Dns | None = None, **settings: Any) -> int:
    changed = app.state.settings.model_copy(update=settings)
    return await sender.deliver_due_webhooks(app.state.sessionmaker, changed, utcnow(), resolver=dns)


async def logged_errors(app) -> list[str | None]:
    async with app.state.sessionmaker() as session:
        return list(await session.scalars(select(WebhookAttempt.error).order_by(WebhookAttempt.at)))


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["::1"],
        ["10.0.0.5"],
        ["172.17.0.2"],  # a container's neighbour
        ["192.168.1.10"],
        ["169.254.169.254"],  # a cloud's metadata service
        ["100.64.0.7"],  # CGNAT
        ["fd00:ec2::254"],  # ULA, the IPv6 metadata service
        ["::ffff:127.0.0.1"],
        ["93.184.215.14", "127.0.0.1"],  # one public, one internal: refused as a whole
    ],
)
async def test_a_name_that_resolves_inside_is_never_called(client, db, city, addresses):
    with receiver() as listener:
        port = int(listener.url.rsplit(":", 1)[1].split("/")[0])
        dns = Dns(**{"cms.example": addresses})
        await subscribe_and_fire(client, city, "https://cms.example/hooks")

        accepted = await deliver(db, dns, **PRODUCTION_LIKE, webhook_ports=[443, port])

        assert accepted == 0
        assert listener.received == []
    assert dns.lookups == ["cms.example"]
    assert await logged_errors(db) == [egress.UNREACHABLE]


async def test_a_loopback_receiver_by_a_real_name_gets_nothing(client, db, city):
    with receiver() as listener:
        port = int(listener.url.rsplit(":", 1)[1].split("/")[0])
        for name in ("localhost", "localhost.", "127.0.0.1"):
            await subscribe_and_fire(client, city, f"https://{name}:{port}/hooks")

        await deliver(db, **PRODUCTION_LIKE, webhook_ports=[port])

        assert listener.received == []
    assert await logged_errors(db) == [egress.UNREACHABLE] * 3


async def test_no_such_host_refused_and_blocked_read_the_same(client, db, city):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused
    dns = Dns(**{"refusing.example": ["127.0.0.1"]})
    await subscribe_and_fire(client, city, "http://no-such-host.example/hooks")
    await subscribe_and_fire(client, city, f"http://refusing.example:{closed_port}/hooks")

    await deliver(db, dns)  # development: private addresses allowed, so the refusal is a real one

    assert await logged_errors(db) == [egress.UNREACHABLE, egress.UNREACHABLE]


async def test_the_connection_goes_to_the_address_that_was_checked(client, db, city):
    """DNS rebinding: the name is looked up once, and that address is the one connected to."""
    with receiver() as listener:
        port = int(listener.url.rsplit(":", 1)[1].split("/")[0])
        dns = Dns(**{"cms.example": ["127.0.0.1"]})  # not a name the system resolver knows
        listener.secret = (await subscribe_and_fire(client, city, f"http://cms.example:{port}/hooks"))["secret"]

        accepted = await deliver(db, dns)

        assert accepted == 1
        (received,) = listener.received
        assert received.host == f"cms.example:{port}"
        assert received.verified
    assert dns.lookups == ["cms.example"]


async def test_a_later_retry_looks_the_name_up_again_and_checks_it_again(client, db, city):
    with receiver() as listener:
        port = int(listener.url.rsplit(":", 1)[1].split("/")[0])
        dns = Dns(**{"cms.example": ["127.0.0.1"]})
        await subscribe_and_fire(client, city, f"https://cms.example:{port}/hooks")
        await deliver(db, dns, **PRODUCTION_LIKE, webhook_ports=[port])

        changed = db.state.settings.model_copy(update={**PRODUCTION_LIKE, "webhook_ports": [port]})
        await sender.deliver_due_webhooks(
            db.state.sessionmaker, changed, utcnow() + timedelta(minutes=10), resolver=dns
        )

        assert listener.received == []
    assert dns.lookups == ["cms.example", "cms.example"]
