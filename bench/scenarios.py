"""What is measured: the requests of a busy city page, a sign-up rush and the staff's lists."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from bench.driver import Request
from bench.load import Manifest

STAFF_PASSWORD = "bench-staff-password-2026"  # noqa: S105 - the benchmark's own throw-away city admin
API = "/api/v1"


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    request: Request
    connections: int
    staff: bool = False  # needs a fresh access token (they live 15 minutes)
    growth: bool = False  # measured at both data sizes
    notes: list[str] = field(default_factory=list)


def public_reads(manifest: Manifest, connections: int) -> list[Scenario]:
    city, process = manifest.city, manifest.process
    return [
        Scenario(
            "process_page",
            "Public: the city's process page (phases, groups, next 50 events)",
            Request("GET", f"{API}/orgs/{city}/processes/{process}"),
            connections,
        ),
        Scenario(
            "event_list",
            "Public: event list, filtered (process, seats left), 20 a page",
            Request("GET", f"{API}/orgs/{city}/events?process={process}&has_seats_left=true&limit=20"),
            connections,
            growth=True,
        ),
        Scenario(
            "event",
            "Public: one event",
            Request("GET", f"{API}/orgs/{city}/events/{manifest.big_event_id}"),
            connections,
        ),
    ]


def ical_feed(manifest: Manifest, connections: int, api_base_url: str) -> Scenario | None:
    """The iCal feed, once it exists: the process's feed, else the city's."""
    city, process = manifest.city, manifest.process
    for path in (f"{API}/orgs/{city}/processes/{process}/events.ics", f"{API}/orgs/{city}/events.ics"):
        if httpx.get(api_base_url + path, timeout=30).status_code == 200:
            return Scenario("ical", "Public: iCal feed of the process's events", Request("GET", path), connections)
    return None


def staff_lists(manifest: Manifest, connections: int, csv_connections: int) -> list[Scenario]:
    event = manifest.big_event_id
    return [
        Scenario(
            "staff_list",
            "Staff: registrations of the big event, filtered (confirmed residents), 50 a page",
            Request("GET", f"{API}/staff/events/{event}/registrations?status=confirmed&category=resident&limit=50"),
            connections,
            staff=True,
            growth=True,
        ),
        Scenario(
            "staff_csv",
            f"Staff: CSV export of all {manifest.size.big_event:,} registrations of the big event",
            Request("GET", f"{API}/staff/events/{event}/registrations.csv"),
            csv_connections,
            staff=True,
        ),
    ]


def signup_request(manifest: Manifest, event_id: str) -> Request:
    return Request("POST", f"{API}/orgs/{manifest.city}/events/{event_id}/registrations")


def rush_route(manifest: Manifest) -> str:
    return f"{API}/orgs/{manifest.city}/events/{{event_id}}/registrations"


def staff_token(api_base_url: str, manifest: Manifest) -> str:
    answer = httpx.post(
        f"{api_base_url}{API}/auth/token",
        json={"email": manifest.admin_email, "password": STAFF_PASSWORD},
        timeout=30,
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def with_token(scenario: Scenario, token: str) -> Scenario:
    request = Request(scenario.request.method, scenario.request.path, {"Authorization": f"Bearer {token}"})
    return Scenario(
        scenario.key,
        scenario.title,
        request,
        scenario.connections,
        scenario.staff,
        scenario.growth,
        scenario.notes,
    )
