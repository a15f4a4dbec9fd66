"""Lists cost the same number of SQL statements however many rows they hold: no query per row.

Each list is read once with a little data and once with four times as much; the statements the request
sends to the database are counted on the app's engine and must be the same. (How long the statements
take as the tables grow is what `make bench` measures.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from tests.builders import published_event, published_group, published_process
from tests.signup_helpers import with_privacy_notice

DATA_SIZES = (2, 8)  # events, groups and sign-ups: once few, once four times as many


@contextmanager
def counted(app: Any) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def statements_of(app: Any, client: httpx.AsyncClient, path: str, headers: dict[str, str] | None = None) -> int:
    with counted(app) as statements:
        response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return len(statements)


async def grow_to(
    client: httpx.AsyncClient, city: Any, process: dict[str, Any], big_event: dict[str, Any], size: int, have: int
) -> None:
    """`size` groups, `size` more events and `size` sign-ups for the big event (`have` of each exist)."""
    for n in range(have, size):
        await published_group(client, city.headers, process["id"], slug=f"ag-{n}", name=f"AG {n}")
        await published_event(client, city.headers, process["id"], title=f"Workshop {n}")
        person = {
            "full_name": f"Person {n}",
            "email": f"person{n}@example.org",
            "channel": "phone",
            "consent": {"privacy_notice_version": 1},
        }
        entered = await client.post(f"/staff/events/{big_event['id']}/registrations", json=person, headers=city.headers)
        assert entered.status_code == 201, entered.text


async def test_lists_send_as_many_statements_for_many_rows_as_for_few(db, client, city):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    big_event = await published_event(client, city.headers, process["id"], title="Konferenz", capacity=100)
    lists = {
        "public event list": (f"/orgs/{city.slug}/events?limit=5", None),
        "public process page": (f"/orgs/{city.slug}/processes/{process['slug']}", None),
        "staff registration list": (f"/staff/events/{big_event['id']}/registrations?limit=5", city.headers),
        "staff registration list, filtered": (
            f"/staff/events/{big_event['id']}/registrations?status=confirmed&channel=phone&limit=5",
            city.headers,
        ),
        "staff CSV export": (f"/staff/events/{big_event['id']}/registrations.csv", city.headers),
        # Every row names its actor and object (a person's name too): one query per kind, not per row.
        "audit log with names": ("/staff/audit?limit=100", city.headers),
    }
    counts: dict[str, list[int]] = {name: [] for name in lists}
    have = 0
    for size in DATA_SIZES:
        await grow_to(client, city, process, big_event, size, have)
        have = size
        for name, (path, headers) in lists.items():
            counts[name].append(await statements_of(db, client, path, headers))

    grown = {name: found for name, found in counts.items() if len(set(found)) != 1}
    assert not grown, f"statements per request grew with the data ({DATA_SIZES}): {grown}"
    assert all(found[0] <= 8 for found in counts.values()), counts
