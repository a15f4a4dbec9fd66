"""Allocation of the places in a process's application groups by everyone's ranked choices: the solver is
optimal (checked against brute force over every assignment), respects capacities and the wanted
composition; staff see a proposal that changes nothing, then accept it as a whole, with one mail each."""

from __future__ import annotations

import asyncio
import itertools
import random
import uuid
from collections.abc import Hashable, Sequence
from typing import Any

import httpx
from sqlalchemy import func, select

from api.allocations.solver import Allocation, Applicant, Places, allocate, rank_cost
from api.audit.models import AuditEntry
from api.groups.models import ThematicGroup
from api.memberships.models import Membership
from api.notifications.models import OutboxMessage
from tests.builders import fetch, problem, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import mails_to, manage_token, person, with_privacy_notice

CATEGORIES = ("administration", "expert", "civil_society", "resident")

# --- the solver against brute force -------------------------------------------------------------------


def objective(applicants: Sequence[Applicant], places: Sequence[Places], groups: dict[Hashable, Any]) -> tuple:
    """What the allocation optimises, most important first: people without a place, what the wanted
    composition misses, the summed rank cost (rank 1 → 0, rank 2 → 1, ...)."""
    unplaced = sum(1 for a in applicants if groups[a.key] is None)
    shortfall = 0
    for p in places:
        for category, need in p.wanted.items():
            got = sum(1 for a in applicants if groups[a.key] == p.key and a.category == category)
            shortfall += max(0, need - got)
    cost = sum(rank_cost(list(a.choices).index(groups[a.key]) + 1) for a in applicants if groups[a.key] is not None)
    return unplaced, shortfall, cost


def feasible(applicants: Sequence[Applicant], places: Sequence[Places], groups: dict[Hashable, Any]) -> bool:
    for a in applicants:
        if groups[a.key] is not None and groups[a.key] not in a.choices:
            return False
    return all(p.free is None or sum(1 for g in groups.values() if g == p.key) <= p.free for p in places)


def brute_force(applicants: Sequence[Applicant], places: Sequence[Places]) -> tuple:
    """The best objective over every way to give each person one of their choices or nothing."""
    options = [[None, *a.choices] for a in applicants]
    best = None
    for picked in itertools.product(*options):
        groups = {a.key: g for a, g in zip(applicants, picked, strict=True)}
        if feasible(applicants, places, groups):
            value = objective(applicants, places, groups)
            best = value if best is None or value < best else best
    assert best is not None  # nobody placed is always feasible
    return best


def random_instance(rng: random.Random) -> tuple[list[Applicant], list[Places]]:
    group_keys = [f"G{i}" for i in range(rng.randint(1, 4))]
    places = [
        Places(
            key,
            rng.choice([0, 1, 1, 2, 2, 3, None]),
            {c: 1 for c in rng.sample(CATEGORIES, rng.randint(0, 2))},
        )
        for key in group_keys
    ]
    applicants = [
        Applicant(f"P{i}", rng.choice(CATEGORIES), rng.sample(group_keys, rng.randint(1, min(3, len(group_keys)))))
        for i in range(rng.randint(1, 7))
    ]
    return applicants, places


def test_the_allocation_is_optimal_on_random_small_instances():
    rng = random.Random(20261207)
    for _ in range(150):
        applicants, places = random_instance(rng)
        result = allocate(applicants, places)
        assert feasible(applicants, places, result.groups), (applicants, places, result)
        assert objective(applicants, places, result.groups) == brute_force(applicants, places), (applicants, places)
        assert set(result.groups) == {a.key for a in applicants}


def test_more_people_get_a_place_than_first_come_first_served_gives():
    # Amira came first and wanted X, then Y; Bernd wants X only. First come, first served gives Amira X and
    # Bernd nothing; the allocation gives both a place.
    amira, bernd = Applicant("amira", "resident", ["X", "Y"]), Applicant("bernd", "resident", ["X"])
    result = allocate([amira, bernd], [Places("X", 1), Places("Y", 1)])
    assert result.groups == {"amira": "Y", "bernd": "X"}
    assert (result.rank_of(amira), result.rank_of(bernd)) == (2, 1)


def test_the_most_people_get_a_high_choice():
    # Three people, three groups of one place; a and b both want X most. Giving X to a puts b in Z, b's 2nd
    # choice; giving X to b puts a in Z, a's 3rd. The allocation takes the 2nd.
    people = [
        Applicant("a", "resident", ["X", "Y", "Z"]),
        Applicant("b", "resident", ["X", "Z", "Y"]),
        Applicant("c", "resident", ["Y", "X", "Z"]),
    ]
    result = allocate(people, [Places("X", 1), Places("Y", 1), Places("Z", 1)])
    assert result.groups == {"a": "X", "b": "Z", "c": "Y"}
    assert [result.rank_of(p) for p in people] == [1, 2, 1]


def test_capacities_are_never_exceeded_and_no_limit_takes_everyone():
    people = [Applicant(i, "resident", ["X", "Y"]) for i in range(6)]
    result = allocate(people, [Places("X", 2), Places("Y", None)])
    assert sum(1 for g in result.groups.values() if g == "X") == 2
    assert sum(1 for g in result.groups.values() if g == "Y") == 4
    full = allocate(people, [Places("X", 0), Places("Y", 1)])
    assert sum(1 for g in full.groups.values() if g is not None) == 1


def test_the_wanted_composition_is_met_when_it_can_be_and_said_when_not():
    residents = [Applicant("resident-1", "resident", ["X"]), Applicant("resident-2", "resident", ["X"])]
    office = Applicant("office", "administration", ["X", "Y"])
    result = allocate([*residents, office], [Places("X", 2, {"administration": 1})])
    assert result.groups["office"] == "X"  # though it was the last to apply
    assert result.shortfall == {}
    assert sorted(g or "-" for g in result.groups.values()) == ["-", "X", "X"]

    # A place for everyone comes first: with room in Y for the office, nobody is left out for the composition,
    # and the proposal says what the composition misses.
    everyone = allocate([*residents, office], [Places("X", 2, {"administration": 1}), Places("Y", 1)])
    assert everyone.groups == {"resident-1": "X", "resident-2": "X", "office": "Y"}
    assert everyone.shortfall == {("X", "administration"): 1}

    nobody_from_politics = allocate([*residents, office], [Places("X", 3, {"politics": 1})])
    assert nobody_from_politics.shortfall == {("X", "politics"): 1}
    assert all(g == "X" for g in nobody_from_politics.groups.values())  # soft: everyone still gets a place


def test_an_empty_allocation_is_no_error():
    assert allocate([], [Places("X", 3, {"expert": 1})]) == Allocation({}, {("X", "expert"): 1})
    assert allocate([Applicant("a", "resident", ["gone"])], [Places("X", 1)]).groups == {"a": None}


# --- the staff's proposal and its acceptance ----------------------------------------------------------


async def confirmed_application(
    client: httpx.AsyncClient, city: City, db: Any, email: str, groups: list[str], category: str = "resident"
) -> None:
    body = {**person(email, full_name=email.split("@")[0].title(), category=category), "groups": groups}
    response = await client.post(f"/orgs/{city.slug}/group-applications", json=body)
    assert response.status_code == 202, response.text
    token = manage_token((await mails_to(db, email))[-1])
    assert (await client.post(f"/manage/memberships/{token}/confirm")).status_code == 200


async def two_groups(client: httpx.AsyncClient, city: City, db: Any) -> tuple[dict, dict, dict]:
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    housing = await published_group(
        client,
        city.headers,
        process["id"],
        slug="wohnen",
        name="AG Wohnen",
        membership_mode="application",
        capacity=1,
        wanted_composition=["administration"],
    )
    work = await published_group(
        client, city.headers, process["id"], slug="arbeit", name="AG Arbeit", membership_mode="application", capacity=1
    )
    return process, housing, work


async def statuses(db: Any) -> dict[tuple[str, str], str]:
    async with db.state.sessionmaker() as session:
        rows = (await session.scalars(select(Membership))).unique().all()
        groups = {g.id: g.name for g in (await session.scalars(select(ThematicGroup))).all()}
        return {(m.participant.email, groups[m.group_id]): m.status for m in rows}


async def places(db: Any) -> dict[str, int]:
    async with db.state.sessionmaker() as session:
        return {g.name: g.places_taken for g in (await session.scalars(select(ThematicGroup))).all()}


async def count(db: Any, model: type) -> int:
    async with db.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_staff_see_a_proposal_that_changes_nothing_then_accept_it_as_a_whole(client, city, db):
    process, housing, work = await two_groups(client, city, db)
    # First come: Amira wants housing, then work; Bernd only housing; Carla, from the city's office, housing
    # then work. Housing wants someone from the administration.
    await confirmed_application(client, city, db, "amira@example.org", [housing["id"], work["id"]])
    await confirmed_application(client, city, db, "bernd@example.org", [housing["id"]])
    await confirmed_application(
        client, city, db, "carla@example.org", [housing["id"], work["id"]], category="administration"
    )
    before, mails_before = await statuses(db), await count(db, OutboxMessage)

    response = await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)
    assert response.status_code == 201, response.text
    proposal = response.json()
    assert proposal["status"] == "proposed"
    assert proposal["summary"] == {
        "applicants": 3,
        "placed": 2,
        "without_place": 1,
        "by_rank": [{"rank": 1, "people": 1}, {"rank": 2, "people": 1}],
        "composition_met": True,
    }
    by_group = {g["name"]: g for g in proposal["groups"]}
    assert [p["full_name"] for p in by_group["AG Wohnen"]["people"]] == ["Carla"]
    assert [p["full_name"] for p in by_group["AG Arbeit"]["people"]] == ["Amira"]
    assert by_group["AG Wohnen"]["free_places"] == 1
    [left_out] = proposal["without_place"]
    assert (left_out["full_name"], left_out["preference_rank"], left_out["choices"]) == ("Bernd", None, [housing["id"]])
    assert "example.org" not in str(proposal)  # the preview names people, it does not spread their addresses

    # Nothing has happened yet, and the stored proposal reads the same.
    assert await statuses(db) == before
    assert await count(db, OutboxMessage) == mails_before
    again = await fetch(client, f"/staff/allocations/{proposal['id']}", city.headers)
    assert again["summary"] == proposal["summary"]
    assert again["groups"] == proposal["groups"]

    accepted = await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=city.headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["accepted_at"] is not None
    assert await statuses(db) == {
        ("amira@example.org", "AG Wohnen"): "rejected",  # she has her place in work
        ("amira@example.org", "AG Arbeit"): "member",
        ("bernd@example.org", "AG Wohnen"): "waitlisted",
        ("carla@example.org", "AG Wohnen"): "member",
        ("carla@example.org", "AG Arbeit"): "rejected",
    }
    assert await places(db) == {"AG Wohnen": 1, "AG Arbeit": 1}

    # One mail each, about all their groups.
    for email, expected in (("amira", "Mitglied"), ("bernd", "Warteliste"), ("carla", "Mitglied")):
        [told] = [m for m in await mails_to(db, f"{email}@example.org") if m.kind == "allocation_decided"]
        assert expected in told.body_text
    amira_mail = next(m for m in await mails_to(db, "amira@example.org") if m.kind == "allocation_decided")
    assert amira_mail.body_text.index("AG Arbeit") < amira_mail.body_text.index("AG Wohnen")  # the place first

    async with db.state.sessionmaker() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.at))).all()
    assert [a for a in actions if "allocation" in a] == ["propose_allocation", "accept_allocation"]

    # Accepted once: a second accept changes nothing.
    problem(
        await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=city.headers),
        409,
        slug="allocation-not-proposed",
    )


async def test_a_proposal_is_refused_once_the_applications_changed(client, city, db):
    process, housing, work = await two_groups(client, city, db)
    await confirmed_application(client, city, db, "amira@example.org", [housing["id"], work["id"]])
    proposal = (await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)).json()
    await confirmed_application(client, city, db, "bernd@example.org", [housing["id"]])
    before, mails_before = await statuses(db), await count(db, OutboxMessage)

    stale = await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=city.headers)
    problem(stale, 409, slug="allocation-stale")
    assert await statuses(db) == before
    assert await count(db, OutboxMessage) == mails_before
    assert await places(db) == {"AG Wohnen": 0, "AG Arbeit": 0}

    # A newer proposal replaces the older one, which can then no longer be accepted.
    newer = (await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)).json()
    assert (await fetch(client, f"/staff/allocations/{proposal['id']}", city.headers))["status"] == "superseded"
    problem(
        await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=city.headers),
        409,
        slug="allocation-not-proposed",
    )
    assert (await client.post(f"/staff/allocations/{newer['id']}/accept", headers=city.headers)).status_code == 200
    assert await places(db) == {"AG Wohnen": 1, "AG Arbeit": 1}


async def test_a_seat_taken_meanwhile_makes_the_proposal_stale(client, city, db):
    process, housing, _ = await two_groups(client, city, db)
    await confirmed_application(client, city, db, "amira@example.org", [housing["id"]])
    proposal = (await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)).json()
    phoned = {**person("bo@example.org"), "channel": "phone"}
    added = await client.post(f"/staff/groups/{housing['id']}/memberships", json=phoned, headers=city.headers)
    assert added.status_code == 201, added.text
    problem(
        await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=city.headers),
        409,
        slug="allocation-stale",
    )
    assert await places(db) == {"AG Wohnen": 1, "AG Arbeit": 0}


async def test_refusals_name_what_is_wrong_and_change_nothing(client, city, other_city, db):
    process, _, _ = await two_groups(client, city, db)
    problem(await client.post(f"/staff/processes/{uuid.uuid4()}/allocations", headers=city.headers), 404)
    problem(await client.post("/staff/processes/not-an-id/allocations", headers=city.headers), 422)
    problem(await client.get(f"/staff/allocations/{uuid.uuid4()}", headers=city.headers), 404)
    problem(await client.post(f"/staff/allocations/{uuid.uuid4()}/accept", headers=city.headers), 404)
    problem(await client.post(f"/staff/processes/{process['id']}/allocations"), 401)

    proposal = (await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)).json()
    theirs = other_city.headers
    problem(await client.post(f"/staff/processes/{process['id']}/allocations", headers=theirs), 404)
    problem(await client.get(f"/staff/allocations/{proposal['id']}", headers=theirs), 404)
    problem(await client.post(f"/staff/allocations/{proposal['id']}/accept", headers=theirs), 404)
    assert (await fetch(client, f"/staff/allocations/{proposal['id']}", city.headers))["status"] == "proposed"

    open_only = await published_process(client, city.headers, slug="offen", title="Nur offene Gruppen")
    await published_group(client, city.headers, open_only["id"], slug="offen")
    problem(
        await client.post(f"/staff/processes/{open_only['id']}/allocations", headers=city.headers),
        409,
        slug="no-application-groups",
    )


async def test_two_accepts_at_the_same_moment_take_effect_once(client, city, db):
    process, housing, work = await two_groups(client, city, db)
    await confirmed_application(client, city, db, "amira@example.org", [housing["id"], work["id"]])
    await confirmed_application(client, city, db, "bernd@example.org", [housing["id"]])
    proposal = (await client.post(f"/staff/processes/{process['id']}/allocations", headers=city.headers)).json()

    accept = f"/staff/allocations/{proposal['id']}/accept"
    answers = await asyncio.gather(*(client.post(accept, headers=city.headers) for _ in range(2)))
    assert sorted(a.status_code for a in answers) == [200, 409]
    [refused] = [a for a in answers if a.status_code == 409]
    problem(refused, 409, slug="allocation-not-proposed")
    assert await places(db) == {"AG Wohnen": 1, "AG Arbeit": 1}
    for email in ("amira@example.org", "bernd@example.org"):
        assert [m.kind for m in await mails_to(db, email)].count("allocation_decided") == 1
