"""The permission matrix: every route of the app, called by every kind of caller, with real ids and a valid
body, against tests/permission_matrix.py.

One city holds a published process with a phase, a group (application mode), a meeting of that group,
registrations, memberships and a privacy notice. Calls that change or destroy something get fresh objects
of their own (inside the process and group the scoped roles hold), so the order of the calls does not
matter. Allowed callers must succeed (2xx); denied ones get 401 (nobody logged in), 403 (role or scope) or
404 (another city's admin, for whom our objects do not exist).
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import func, select, update

from api import security
from api.main import API_PREFIX, create_app
from api.memberships.models import Membership
from api.organizations.models import Organization, PrivacyNotice
from api.participants.models import Participant
from api.staff.models import StaffRole, StaffUser
from tests.access_helpers import a_png, api_key, grant, platform_operator, staff_with_role
from tests.builders import created, event_body, group_body, local, problem, process_body, today
from tests.conftest import STAFF_PASSWORD, City, logged_in_token, test_settings
from tests.permission_matrix import CITY_READERS, MATRIX
from tests.signup_helpers import latest_token, mails_to, with_privacy_notice

SCOPE_CALLERS = ("events:read", "events:manage", "registrations:read", "registrations:write")
CALLERS = (
    "anonymous",
    "admin",
    "process_manager",
    "group_moderator",
    "viewer",
    "foreign_admin",
    *SCOPE_CALLERS,
    "process_manager_elsewhere",
    "group_moderator_elsewhere",
    "operator",
)
ELSEWHERE = {"process_manager_elsewhere": "process_manager", "group_moderator_elsewhere": "group_moderator"}
LOGIN_EMAIL = "login@teststadt.example"
STAFF_LINK = re.compile(r"/staff/[a-z-]+#t=([A-Za-z0-9_-]{20,})")
NEW_PASSWORD = "Ein-ganz-neues-Passwort-2025!"


def api_routes(app: Any) -> list[tuple[str, str, APIRoute]]:
    """(method, full path, route) of every route in the API schema."""
    routes = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute) or not context.include_in_schema:
            continue
        for method in sorted(context.methods or ()):
            routes.append((method, context.path, context.original_route))
    return sorted(routes, key=lambda r: (r[1], r[0]))


def test_every_route_has_an_entry_in_the_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(test_settings("sqlite+aiosqlite:///:memory:"))
    routes = api_routes(app)
    missing = [f"{method} {path}" for method, path, _ in routes if (method, path) not in MATRIX]
    assert not missing, "routes without an entry in tests/permission_matrix.py:\n" + "\n".join(missing)
    with capsys.disabled():  # shown in every run, not only when something fails
        print(
            f"\npermission matrix: {len(routes)} routes × {len(CALLERS)} callers = {len(routes) * len(CALLERS)} "
            "calls per database"
        )


# --- the city under test ----------------------------------------------------------------------------------


@dataclass
class World:
    client: httpx.AsyncClient
    app: Any
    city: City
    other: City
    ids: dict[str, str] = field(default_factory=dict)  # shared objects by path-parameter name
    users: dict[str, uuid.UUID] = field(default_factory=dict)  # caller -> staff user id
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # scope -> headers
    ours: set[str] = field(default_factory=set)  # ids and strings of ours that must never reach another city
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def n(self) -> int:
        return next(self.counter)

    async def headers(self, caller: str) -> dict[str, str]:
        """Fresh tokens on every call: a route that ends a caller's logins must not lock out later calls."""
        if caller == "anonymous":
            return {}
        if caller in self.keys:
            return self.keys[caller]
        if caller == "foreign_admin":
            user_id, org_id = self.other.admin.id, self.other.organization.id
        else:
            user_id = self.city.admin.id if caller == "admin" else self.users[caller]
            org_id = self.city.organization.id
        return {"Authorization": f"Bearer {await logged_in_token(self.app, user_id, org_id)}"}

    def remember(self, *values: Any) -> None:
        self.ours.update(str(v) for v in values)

    async def post(self, path: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
        response = await self.client.post(
            path, json=body, headers=headers if headers is not None else await self.headers("admin")
        )
        assert response.status_code in (200, 201, 202), f"setting up: POST {path}: {response.text}"
        answer = response.json()
        if "id" in answer:
            self.remember(answer["id"])
        return answer

    def names_ours(self, *parts: Any) -> bool:
        """Whether a request names one of our objects (by id or manage token)."""
        sent = json.dumps(parts, default=str)
        return any(value in sent for value in self.ours if value not in self.public)

    @property
    def public(self) -> set[str]:
        """Not secret, and not an object: named in public addresses and in our own e-mail addresses."""
        return {self.city.slug, self.ids.get("process_slug", ""), "@example.org"}

    # Fresh objects, inside the process and the group under test unless they are a process or group
    # themselves, in which case the process manager / group moderator gets a grant for them.

    async def fresh_process(self, *, published: bool = False) -> str:
        n = self.n()
        process = await self.post("/staff/processes", process_body(slug=f"prozess-{n}", title=f"Prozess {n}"))
        if published:
            await self.post(f"/staff/processes/{process['id']}/publish")
        await grant(
            self.app, self.city, self.users["process_manager"], StaffRole.process_manager, process_id=process["id"]
        )
        return process["id"]

    async def fresh_group(self, *, published: bool = False) -> str:
        n = self.n()
        group = await self.post("/staff/groups", group_body(self.ids["process_id"], slug=f"gruppe-{n}", name=f"AG {n}"))
        if published:
            await self.post(f"/staff/groups/{group['id']}/publish")
        await grant(self.app, self.city, self.users["group_moderator"], StaffRole.group_moderator, group_id=group["id"])
        return group["id"]

    async def fresh_event(self, *, published: bool = False, **overrides: Any) -> str:
        body = event_body(self.ids["process_id"], group_id=self.ids["group_id"], title=f"Treffen {self.n()}")
        event = await self.post("/staff/events", {**body, **overrides})
        if published:
            await self.post(f"/staff/events/{event['id']}/publish")
        return event["id"]

    async def fresh_phase(self) -> str:
        day = today() + timedelta(days=100 + 2 * self.n())
        body = {"name": "Phase", "starts_on": day.isoformat(), "ends_on": day.isoformat()}
        return (await self.post(f"/staff/processes/{self.ids['process_id']}/phases", body))["id"]

    async def consent(self) -> dict[str, int]:
        """Consent to the current privacy notice (a call may have published a new version)."""
        async with self.app.state.sessionmaker() as session:
            version = await session.scalar(
                select(func.max(PrivacyNotice.version)).where(
                    PrivacyNotice.organization_id == self.city.organization.id
                )
            )
        return {"privacy_notice_version": version}

    async def phone_person(self, **overrides: Any) -> dict[str, Any]:
        n = self.n()
        return {
            "full_name": f"Person {n}",
            "phone": f"0151 {1000000 + n}",
            "consent": await self.consent(),
            **overrides,
        }

    async def web_person(self, email: str) -> dict[str, Any]:
        return {
            "full_name": "Web Person",
            "email": email,
            "preferred_language": "de",
            "category": "resident",
            "consent": await self.consent(),
        }

    async def fresh_registration(self, event_id: str | None = None) -> dict[str, Any]:
        """Entered by staff: confirmed at once."""
        return await self.post(
            f"/staff/events/{event_id or self.ids['event_id']}/registrations", await self.phone_person()
        )

    async def fresh_waitlisted(self) -> str:
        event_id = await self.fresh_event(published=True, capacity=1, waitlist_enabled=True)
        await self.fresh_registration(event_id)
        waiting = await self.fresh_registration(event_id)
        assert waiting["status"] == "waitlisted", waiting
        return waiting["id"]

    async def fresh_web_registration(self) -> str:
        """A pending sign-up on the web; its manage token."""
        email = f"web-{self.n()}@example.org"
        await self.post(
            f"/orgs/{self.city.slug}/events/{self.ids['event_id']}/registrations",
            await self.web_person(email),
            headers={},
        )
        return await latest_token(self.app, email)

    async def fresh_application(self, *, confirmed: bool = True) -> tuple[str, str]:
        """An application to the group under test: (its manage token, the membership id)."""
        email = f"apply-{self.n()}@example.org"
        body = {**await self.web_person(email), "groups": [self.ids["group_id"]]}
        await self.post(f"/orgs/{self.city.slug}/group-applications", body, headers={})
        if confirmed:
            await self.post(f"/manage/memberships/{await latest_token(self.app, email)}/confirm", None, headers={})
        async with self.app.state.sessionmaker() as session:
            membership_id = await session.scalar(
                select(Membership.id)
                .join(Participant, Participant.id == Membership.participant_id)
                .where(Participant.email == email)
            )
        self.remember(membership_id)
        return await latest_token(self.app, email), str(membership_id)

    async def fresh_allocation(self) -> str:
        """A proposed allocation of the process under test, over a new application group of its own."""
        n = self.n()
        body = group_body(self.ids["process_id"], slug=f"bewerbung-{n}", name=f"AG {n}", membership_mode="application")
        await self.post("/staff/groups", body)
        return (await self.post(f"/staff/processes/{self.ids['process_id']}/allocations"))["id"]

    async def fresh_member(self) -> str:
        body = await self.phone_person(channel="staff")
        return (await self.post(f"/staff/groups/{self.ids['group_id']}/memberships", body))["id"]

    async def fresh_staff(self) -> str:
        """A staff member with a password (a viewer)."""
        user_id, _ = await staff_with_role(self.app, self.city, StaffRole.viewer)
        self.remember(user_id)
        return str(user_id)

    async def fresh_invited(self) -> tuple[str, str]:
        """A staff member invited by mail who has not chosen a password yet: (id, e-mail address)."""
        email = f"eingeladen-{self.n()}@teststadt.example"
        body = {"email": email, "full_name": "Neue Kollegin", "roles": [{"role": "viewer"}]}
        return (await self.post("/staff/users", body))["id"], email

    async def mailed_link(self, email: str) -> str:
        """The secret of the newest invitation or password-reset link mailed to a staff member."""
        mails = await mails_to(self.app, email)
        assert mails, f"no mail to {email}"
        match = STAFF_LINK.search(mails[-1].body_text)
        assert match, mails[-1].body_text
        return match.group(1)

    async def fresh_client(self) -> str:
        return (await self.post("/staff/clients", {"name": f"System {self.n()}", "scopes": ["events:read"]}))["id"]

    async def fresh_subscription(self) -> str:
        body = {"url": f"http://127.0.0.1:9/hook-{self.n()}", "event_types": ["event.published"]}
        return (await self.post("/staff/webhooks", body))["id"]


async def build_world(client: httpx.AsyncClient, app: Any, city: City, other: City) -> World:
    w = World(client=client, app=app, city=city, other=other)
    await with_privacy_notice(app, city)
    process = await w.post("/staff/processes", process_body())
    await w.post(f"/staff/processes/{process['id']}/publish")
    w.ids["process_id"], w.ids["process_slug"], w.ids["org_slug"] = process["id"], process["slug"], city.slug
    start = today() - timedelta(days=30)
    phase = {"name": "Auftakt", "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=5)).isoformat()}
    w.ids["phase_id"] = (await w.post(f"/staff/processes/{process['id']}/phases", phase))["id"]
    group = await w.post("/staff/groups", group_body(process["id"], membership_mode="application", capacity=500))
    await w.post(f"/staff/groups/{group['id']}/publish")
    w.ids["group_id"] = group["id"]
    w.ids["event_id"] = await w.fresh_event(published=True, capacity=1000)

    for caller, role, scope in (
        ("process_manager", StaffRole.process_manager, {"process_id": process["id"]}),
        ("group_moderator", StaffRole.group_moderator, {"group_id": group["id"]}),
        ("viewer", StaffRole.viewer, {}),
    ):
        w.users[caller], _ = await staff_with_role(app, city, role, **scope)
    # The elsewhere roles hold a process and a group of the same city that is not the one under test.
    elsewhere = await w.post("/staff/processes", process_body(slug="anderer-prozess"))
    other_group = await w.post("/staff/groups", group_body(elsewhere["id"], slug="andere-ag"))
    w.users["process_manager_elsewhere"], _ = await staff_with_role(
        app, city, StaffRole.process_manager, process_id=elsewhere["id"]
    )
    w.users["group_moderator_elsewhere"], _ = await staff_with_role(
        app, city, StaffRole.group_moderator, group_id=other_group["id"]
    )
    await staff_with_role(app, city, StaffRole.viewer, email=LOGIN_EMAIL)  # logs in through /auth/token
    w.users["operator"] = await platform_operator(app, city)
    async with app.state.sessionmaker() as session:  # the cheap hash of `cheap_passwords` for everyone
        await session.execute(update(StaffUser).values(password_hash=security.hash_password(STAFF_PASSWORD)))
        await session.commit()
    for scope in SCOPE_CALLERS:
        created_client, w.keys[scope] = await api_key(client, city, scope, name=scope)
        w.ids.setdefault("client_id", created_client["id"])

    registration = await w.fresh_registration()
    w.ids["registration_id"], w.ids["participant_id"] = registration["id"], registration["participant"]["id"]
    w.ids["user_id"] = str(w.users["viewer"])
    w.ids["subscription_id"] = await w.fresh_subscription()
    w.ids["delivery_id"] = (await w.post(f"/staff/webhooks/{w.ids['subscription_id']}/test"))["id"]
    w.ids["membership_id"] = await w.fresh_member()
    w.ids["registration_token"] = await w.fresh_web_registration()
    w.ids["membership_token"], _ = await w.fresh_application()
    w.remember(city.organization.id, city.admin.id, *w.ids.values(), *w.users.values(), "@example.org")
    w.ours.discard(w.city.slug)
    return w


# --- how each route is called -----------------------------------------------------------------------------


@dataclass
class Call:
    path_params: dict[str, str] = field(default_factory=dict)
    body: Any = None
    query: dict[str, str] = field(default_factory=dict)
    upload: tuple[str, bytes] | None = None  # (content type, bytes) sent as the raw body instead of JSON


Builder = Callable[[World], Awaitable[Call]]
CALLS: dict[tuple[str, str], Builder] = {}


def call(method: str, path: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        CALLS[method, API_PREFIX + path] = builder
        return builder

    return register


def shared(w: World, *names: str, **params: str) -> Call:
    return Call({**{name: w.ids[name] for name in names}, **params})


@call("POST", "/auth/token")
async def _login(w: World) -> Call:
    return Call(body={"email": LOGIN_EMAIL, "password": STAFF_PASSWORD})


async def _refresh_token(w: World) -> str:
    answer = await w.post("/auth/token", {"email": LOGIN_EMAIL, "password": STAFF_PASSWORD}, headers={})
    return answer["refresh_token"]


@call("POST", "/auth/refresh")
async def _refresh(w: World) -> Call:
    return Call(body={"refresh_token": await _refresh_token(w)})


@call("POST", "/auth/logout")
async def _logout(w: World) -> Call:
    return Call(body={"refresh_token": await _refresh_token(w)})


@call("POST", "/orgs/{org_slug}/events/{event_id}/registrations")
async def _sign_up(w: World) -> Call:
    return Call(shared(w, "org_slug", "event_id").path_params, await w.web_person(f"signup-{w.n()}@example.org"))


@call("POST", "/orgs/{org_slug}/group-applications")
async def _apply(w: World) -> Call:
    return Call(
        {"org_slug": w.city.slug}, {**await w.web_person(f"apply-{w.n()}@example.org"), "groups": [w.ids["group_id"]]}
    )


@call("GET", "/manage/registrations/{token}")
@call("GET", "/manage/registrations/{token}/my-data")
async def _my_registration(w: World) -> Call:
    return Call({"token": w.ids["registration_token"]})


@call("PATCH", "/manage/registrations/{token}")
async def _my_answers(w: World) -> Call:
    return Call({"token": await w.fresh_web_registration()}, {"answers": {}})


@call("POST", "/manage/registrations/{token}/confirm")
@call("POST", "/manage/registrations/{token}/cancel")
@call("POST", "/manage/registrations/{token}/erase")
async def _my_registration_changed(w: World) -> Call:
    return Call({"token": await w.fresh_web_registration()})


@call("GET", "/manage/memberships/{token}")
@call("GET", "/manage/memberships/{token}/my-data")
async def _my_membership(w: World) -> Call:
    return Call({"token": w.ids["membership_token"]})


@call("POST", "/manage/memberships/{token}/confirm")
async def _confirm_my_application(w: World) -> Call:
    token, _ = await w.fresh_application(confirmed=False)
    return Call({"token": token})


@call("POST", "/manage/memberships/{token}/withdraw")
@call("POST", "/manage/memberships/{token}/erase")
async def _my_membership_changed(w: World) -> Call:
    token, _ = await w.fresh_application()
    return Call({"token": token})


@call("POST", "/auth/invitations/accept")
async def _accept_invitation(w: World) -> Call:
    _, email = await w.fresh_invited()
    return Call(body={"token": await w.mailed_link(email), "password": NEW_PASSWORD})


@call("POST", "/auth/password-reset")
async def _ask_for_reset(w: World) -> Call:
    return Call(body={"email": LOGIN_EMAIL})


@call("POST", "/auth/password-reset/confirm")
async def _reset_password(w: World) -> Call:
    user_id = await w.fresh_staff()
    async with w.app.state.sessionmaker() as session:
        email = (await session.get_one(StaffUser, uuid.UUID(user_id))).email
    await w.post("/auth/password-reset", {"email": email}, headers={})
    return Call(body={"token": await w.mailed_link(email), "password": NEW_PASSWORD})


@call("POST", "/auth/password")
async def _change_password(w: World) -> Call:
    # The caller's own password: every staff member of these tests has STAFF_PASSWORD.
    return Call(body={"current_password": STAFF_PASSWORD, "new_password": NEW_PASSWORD})


@call("POST", "/staff/users")
async def _invite(w: World) -> Call:
    return Call(body={"email": f"neu-{w.n()}@teststadt.example", "full_name": "Neu", "roles": [{"role": "viewer"}]})


@call("PATCH", "/staff/users/{user_id}")
async def _change_roles(w: World) -> Call:
    roles = [{"role": "process_manager", "process_id": w.ids["process_id"]}]
    return Call({"user_id": await w.fresh_staff()}, {"roles": roles})


@call("POST", "/staff/users/{user_id}/deactivate")
async def _deactivate(w: World) -> Call:
    return Call({"user_id": await w.fresh_staff()})


@call("POST", "/staff/users/{user_id}/reactivate")
async def _reactivate(w: World) -> Call:
    user_id = await w.fresh_staff()
    await w.post(f"/staff/users/{user_id}/deactivate")
    return Call({"user_id": user_id})


@call("POST", "/staff/users/{user_id}/invitation")
async def _invite_again(w: World) -> Call:
    user_id, _ = await w.fresh_invited()
    return Call({"user_id": user_id})


@call("PATCH", "/staff/organization")
async def _settings(w: World) -> Call:
    return Call(body={"office_name": "Amt für Integration"})


@call("POST", "/staff/organization/privacy-notices")
async def _notice(w: World) -> Call:
    return Call(body={"text": "Datenschutzhinweise, neue Fassung."})


@call("POST", "/staff/processes")
async def _new_process(w: World) -> Call:
    return Call(body=process_body(slug=f"neu-{w.n()}"))


@call("PATCH", "/staff/processes/{process_id}")
async def _change_process(w: World) -> Call:
    return Call({"process_id": await w.fresh_process()}, {"title": "Neuer Titel"})


@call("DELETE", "/staff/processes/{process_id}")
@call("POST", "/staff/processes/{process_id}/publish")
async def _draft_process(w: World) -> Call:
    return Call({"process_id": await w.fresh_process()})


@call("POST", "/staff/processes/{process_id}/archive")
async def _archive_process(w: World) -> Call:
    return Call({"process_id": await w.fresh_process(published=True)})


@call("POST", "/staff/processes/{process_id}/phases")
async def _new_phase(w: World) -> Call:
    day = (today() + timedelta(days=300 + 2 * w.n())).isoformat()
    return Call(shared(w, "process_id").path_params, {"name": "Neue Phase", "starts_on": day, "ends_on": day})


@call("PATCH", "/staff/phases/{phase_id}")
async def _change_phase(w: World) -> Call:
    return Call({"phase_id": await w.fresh_phase()}, {"name": "Umbenannt"})


@call("DELETE", "/staff/phases/{phase_id}")
async def _delete_phase(w: World) -> Call:
    return Call({"phase_id": await w.fresh_phase()})


@call("POST", "/staff/groups")
async def _new_group(w: World) -> Call:
    return Call(body=group_body(w.ids["process_id"], slug=f"neue-ag-{w.n()}"))


@call("PATCH", "/staff/groups/{group_id}")
async def _change_group(w: World) -> Call:
    return Call({"group_id": await w.fresh_group()}, {"name": "Umbenannt"})


@call("DELETE", "/staff/groups/{group_id}")
@call("POST", "/staff/groups/{group_id}/publish")
async def _draft_group(w: World) -> Call:
    return Call({"group_id": await w.fresh_group()})


@call("POST", "/staff/events")
async def _new_event(w: World) -> Call:
    body = event_body(w.ids["process_id"], group_id=w.ids["group_id"])
    # Setting online access details takes a permission of its own (tests/test_platform.py).
    body.pop("online_access")
    return Call(body=body)


@call("PATCH", "/staff/events/{event_id}")
async def _change_event(w: World) -> Call:
    return Call({"event_id": await w.fresh_event()}, {"capacity": 80})


@call("POST", "/staff/events/{event_id}/notice-preview")
async def _preview_notice(w: World) -> Call:
    body = {"changes": {"starts_at": local(15, 17), "ends_at": local(15, 19)}}
    return Call({"event_id": await w.fresh_event(published=True)}, body)


@call("DELETE", "/staff/events/{event_id}")
@call("POST", "/staff/events/{event_id}/publish")
async def _draft_event(w: World) -> Call:
    return Call({"event_id": await w.fresh_event()})


@call("POST", "/staff/events/{event_id}/cancel")
@call("POST", "/staff/events/{event_id}/postpone")
async def _end_event(w: World) -> Call:
    return Call({"event_id": await w.fresh_event(published=True)}, {"reason": "Krankheit"})


@call("POST", "/staff/events/{event_id}/registrations")
async def _enter(w: World) -> Call:
    return Call(shared(w, "event_id").path_params, await w.phone_person(channel="phone"))


@call("POST", "/staff/registrations/{registration_id}/check-in")
async def _check_in(w: World) -> Call:
    return Call({"registration_id": (await w.fresh_registration())["id"]}, {"attended": True})


@call("POST", "/staff/registrations/{registration_id}/cancel")
async def _cancel_registration(w: World) -> Call:
    return Call({"registration_id": (await w.fresh_registration())["id"]}, {"reason": "Abgesagt am Telefon"})


@call("POST", "/staff/registrations/{registration_id}/promote")
async def _promote(w: World) -> Call:
    return Call({"registration_id": await w.fresh_waitlisted()}, {"add_seat": True})


@call("POST", "/staff/groups/{group_id}/memberships")
async def _add_member(w: World) -> Call:
    return Call(shared(w, "group_id").path_params, await w.phone_person(channel="staff", role="member"))


@call("POST", "/staff/memberships/{membership_id}/decision")
async def _decide(w: World) -> Call:
    _, membership_id = await w.fresh_application()
    return Call({"membership_id": membership_id}, {"status": "member"})


@call("PATCH", "/staff/memberships/{membership_id}")
async def _change_role(w: World) -> Call:
    return Call({"membership_id": await w.fresh_member()}, {"role": "lead"})


@call("POST", "/staff/memberships/{membership_id}/withdraw")
async def _end_membership(w: World) -> Call:
    return Call({"membership_id": await w.fresh_member()}, {"reason": "Umzug"})


@call("POST", "/staff/processes/{process_id}/allocations")
async def _propose_allocation(w: World) -> Call:
    n = w.n()
    body = group_body(w.ids["process_id"], slug=f"zuteilung-{n}", name=f"AG {n}", membership_mode="application")
    await w.post("/staff/groups", body)
    return shared(w, "process_id")


@call("GET", "/staff/allocations/{allocation_id}")
async def _allocation(w: World) -> Call:
    if "allocation_id" not in w.ids:
        w.ids["allocation_id"] = await w.fresh_allocation()
    return shared(w, "allocation_id")


@call("POST", "/staff/allocations/{allocation_id}/accept")
async def _accept_allocation(w: World) -> Call:
    return Call({"allocation_id": await w.fresh_allocation()})


@call("POST", "/staff/participants/{participant_id}/erase")
async def _erase(w: World) -> Call:
    participant = (await w.fresh_registration())["participant"]["id"]
    w.remember(participant)
    return Call({"participant_id": participant}, {"reason": "Brief vom 3. Mai"})


@call("POST", "/staff/clients")
async def _new_client(w: World) -> Call:
    return Call(body={"name": f"CMS {w.n()}", "scopes": ["events:read"]})


@call("POST", "/staff/webhooks")
async def _new_subscription(w: World) -> Call:
    return Call(body={"url": f"https://cms.example.org/hook-{w.n()}", "event_types": ["registration.confirmed"]})


@call("DELETE", "/staff/webhooks/{subscription_id}")
async def _subscription_to_delete(w: World) -> Call:
    return Call({"subscription_id": await w.fresh_subscription()})


@call("POST", "/staff/clients/{client_id}/rotate")
@call("POST", "/staff/clients/{client_id}/revoke")
async def _client_key(w: World) -> Call:
    return Call({"client_id": await w.fresh_client()})


@call("PUT", "/staff/organization/logo")
async def _upload_logo(w: World) -> Call:
    return Call(upload=("image/png", a_png()))


@call("GET", "/orgs/{org_slug}/logo")
async def _logo(w: World) -> Call:
    uploaded = await w.client.put(
        "/staff/organization/logo", content=a_png(), headers={**await w.headers("admin"), "Content-Type": "image/png"}
    )
    assert uploaded.status_code == 200, f"setting up: the logo: {uploaded.text}"
    return Call({"org_slug": w.city.slug})


@call("POST", "/platform/cities")
async def _create_city(w: World) -> Call:
    n = w.n()
    return Call(
        body={
            "slug": f"neue-stadt-{n}",
            "name": f"Neue Stadt {n}",
            "admin_email": f"admin-{n}@neue-stadt.example",
            "admin_name": "Erste Admin",
            "privacy_notice_text": "Datenschutzhinweis der neuen Stadt.",
        }
    )


async def _bystander_city(w: World) -> str:
    """A city that is neither ours nor the foreign admin's: switching it off and on harms no other call."""
    async with w.app.state.sessionmaker() as session:
        city = Organization(slug=f"nebenstadt-{w.n()}", name="Nebenstadt", cors_origins=[])
        session.add(city)
        await session.commit()
        return str(city.id)


@call("POST", "/platform/cities/{organization_id}/deactivate")
async def _deactivate_city(w: World) -> Call:
    return Call({"organization_id": await _bystander_city(w)})


@call("POST", "/platform/cities/{organization_id}/activate")
async def _activate_city(w: World) -> Call:
    return Call({"organization_id": await _bystander_city(w)})


@call("GET", "/staff/statistics/{table}.csv")
async def _city_statistics_table(w: World) -> Call:
    return Call({"table": "district"})


@call("GET", "/staff/processes/{process_id}/statistics/{table}.csv")
async def _process_statistics_table(w: World) -> Call:
    return shared(w, "process_id", table="district")


async def generic_call(w: World, method: str, path: str, route: APIRoute) -> Call:
    """For a route without a builder above: the shared object for every path parameter, and a body made up
    from the request schema. Good for reads; add a builder for anything that needs a particular state."""
    params = {}
    for name in route.param_convertors:
        if name == "token":
            name_in_ids = "membership_token" if "/memberships/" in path else "registration_token"
        else:
            name_in_ids = name
        assert name_in_ids in w.ids, f"{method} {path}: no id for {{{name}}}; add a builder to CALLS"
        params[name] = w.ids[name_in_ids]
    body = None
    if route.body_field is not None:
        schema = w.app.openapi()
        operation = schema["paths"][path][method.lower()]
        content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        body = made_up(w, schema, content.get("schema", {}), "")
    return Call(params, body)


def made_up(w: World, openapi: dict[str, Any], schema: dict[str, Any], name: str) -> Any:
    if "$ref" in schema:
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return made_up(w, openapi, options[0], name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = schema.get("required", [])
        return {
            prop: made_up(w, openapi, sub, prop)
            for prop, sub in schema.get("properties", {}).items()
            if prop in required
        }
    if kind == "array":
        return [made_up(w, openapi, schema.get("items", {}), name) for _ in range(schema.get("minItems", 0))]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    if schema.get("format") == "email" or "email" in name:
        return f"made-up-{w.n()}@example.org"
    if schema.get("format") == "uuid":
        return w.ids.get(name, str(uuid.uuid4()))
    if schema.get("format") == "date":
        return today().isoformat()
    if schema.get("format") == "date-time":
        return local(10)
    if "password" in name:
        return f"Ein-neues-langes-Passwort-{w.n()}!"
    return "Beispiel"


# --- translations (api/translations) -----------------------------------------------------------------------


async def _offering_turkish(w: World) -> None:
    response = await w.client.patch(
        "/staff/organization", json={"languages": ["de", "tr"]}, headers=await w.headers("admin")
    )
    assert response.status_code == 200, response.text


@call("GET", "/staff/translations")
@call("GET", "/staff/translations/export")
async def _translation_sheet(w: World) -> Call:
    await _offering_turkish(w)
    return Call(query={"language": "tr", "process_id": w.ids["process_id"]})


@call("PUT", "/staff/translations")
async def _translate(w: World) -> Call:
    await _offering_turkish(w)
    body = {"subject": "process", "subject_id": w.ids["process_id"], "field": "title", "language": "tr"}
    return Call(body={**body, "text": "Entegrasyon konsepti"})


@call("DELETE", "/staff/translations")
async def _untranslate(w: World) -> Call:
    await _offering_turkish(w)
    query = {"subject": "process", "subject_id": w.ids["process_id"], "field": "title", "language": "tr"}
    return Call(query=query)


@call("POST", "/staff/translations/import")
async def _import_translations(w: World) -> Call:
    await _offering_turkish(w)
    table = f"ID;Original (de);Übersetzung (tr)\r\nprocess:{w.ids['process_id']}:title;;\r\n".encode()
    return Call(query={"language": "tr", "process_id": w.ids["process_id"]}, upload=("text/csv", table))


# --- messages from staff (api/messages) ------------------------------------------------------------------


def _to_the_group(w: World) -> dict[str, Any]:
    statuses = ["applied", "member", "waitlisted"]
    return {
        "audience": {"kind": "group", "group_id": w.ids["group_id"], "statuses": statuses},
        "texts": {"de": {"subject": "Neues aus {event}", "body": "Hallo {name}, bis bald."}},
    }


@call("POST", "/staff/processes/{process_id}/messages")
@call("POST", "/staff/processes/{process_id}/messages/preview")
@call("POST", "/staff/processes/{process_id}/messages/test")
async def _message(w: World) -> Call:
    return Call(shared(w, "process_id").path_params, _to_the_group(w))


@call("GET", "/staff/messages/{message_id}")
async def _a_message(w: World) -> Call:
    sent = await w.post(f"/staff/processes/{w.ids['process_id']}/messages", _to_the_group(w))
    w.remember(sent["id"])
    return Call({"message_id": sent["id"]})


@call("GET", "/manage/registrations/{token}/messages")
async def _my_message_choice(w: World) -> Call:
    return Call({"token": w.ids["registration_token"]})


@call("PUT", "/manage/registrations/{token}/messages")
async def _my_message_choice_changed(w: World) -> Call:
    return Call({"token": await w.fresh_web_registration()}, {"receives_staff_messages": False})


@call("GET", "/manage/memberships/{token}/messages")
async def _my_membership_message_choice(w: World) -> Call:
    return Call({"token": w.ids["membership_token"]})


@call("PUT", "/manage/memberships/{token}/messages")
async def _my_membership_message_choice_changed(w: World) -> Call:
    token, _ = await w.fresh_application()
    return Call({"token": token}, {"receives_staff_messages": False})


# --- the walk ---------------------------------------------------------------------------------------------


def expectation(caller: str, allowed: frozenset[str], names_ours: bool) -> str:
    """'allowed', or the status a denied caller gets."""
    if "public" in allowed:
        return "allowed"
    if caller == "anonymous":
        return "401"
    if caller == "foreign_admin":
        return "404" if names_ours else ("allowed" if "admin" in allowed else "403")
    if caller in ELSEWHERE:
        # Where every staff role may act (reading the city's processes, groups and events), a grant's
        # scope does not matter; elsewhere a grant for another process or group does not reach ours.
        city_wide = allowed >= CITY_READERS  # the routes of processes:read
        return "allowed" if ELSEWHERE[caller] in allowed and (city_wide or not names_ours) else "403"
    return "allowed" if caller in allowed else "403"


@pytest.fixture
async def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its cheapest for this test: it checks who may call what, not how passwords are hashed,
    and a dozen logins and password changes per caller would otherwise take most of its time."""
    monkeypatch.setattr(security, "_password_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.mark.matrix
@pytest.mark.parametrize("caller", CALLERS)
async def test_every_route_with_every_caller(client, db, city, other_city, cheap_passwords, caller):
    w = await build_world(client, db, city, other_city)
    failures: list[str] = []
    routes = api_routes(db)
    for method, path, route in routes:
        allowed = MATRIX.get((method, path))
        if allowed is None:
            failures.append(f"{method} {path}: no entry in tests/permission_matrix.py")
            continue
        builder = CALLS.get((method, path))
        spec = await builder(w) if builder else await generic_call(w, method, path, route)
        url = path.removeprefix(API_PREFIX).format(**spec.path_params)
        expected = expectation(caller, allowed, w.names_ours(spec.path_params, spec.body, spec.query))
        headers = await w.headers(caller)
        if spec.upload is not None:
            response = await client.request(
                method,
                url,
                content=spec.upload[1],
                params=spec.query or None,
                headers={**headers, "Content-Type": spec.upload[0]},
            )
        else:
            response = await client.request(method, url, json=spec.body, params=spec.query or None, headers=headers)
        status = response.status_code
        where = f"{caller} {method} {path}"
        if expected == "allowed":
            made_up_body = builder is None and route.body_field is not None  # may not be valid: not refused is enough
            if not made_up_body and not 200 <= status < 300:
                failures.append(f"{where}: allowed, but got {status}: {response.text[:300]}")
            elif made_up_body and (status in (401, 403, 404) or status >= 500):
                failures.append(f"{where}: allowed, but refused with {status} (generic call): {response.text[:300]}")
            elif caller == "foreign_admin" and "public" not in allowed:
                leaked = [value for value in w.ours if value in response.text]
                if leaked:
                    failures.append(f"{where}: another city's admin saw our {leaked}")
        elif str(status) != expected:
            failures.append(f"{where}: should be refused with {expected}, got {status}: {response.text[:300]}")
    print(f"{caller}: {len(routes)} routes checked")
    assert not failures, f"{len(failures)} of {len(routes)} calls broke the matrix:\n" + "\n".join(failures)


# --- what the matrix cannot see: moving an object out of the caller's scope ------------------------------


async def test_a_scoped_role_cannot_move_an_event_out_of_its_group(client, db, city):
    await with_privacy_notice(db, city)
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    ours = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers))
    theirs = await created(
        await client.post("/staff/groups", json=group_body(process["id"], slug="ag-wohnen"), headers=city.headers)
    )
    _, moderator = await staff_with_role(db, city, StaffRole.group_moderator, group_id=ours["id"])
    _, manager = await staff_with_role(db, city, StaffRole.process_manager, process_id=process["id"])
    meeting = await created(
        await client.post("/staff/events", json=event_body(process["id"], group_id=ours["id"]), headers=moderator)
    )
    url = f"/staff/events/{meeting['id']}"

    # Into a group they do not moderate, or out of any group into the whole process: both refused.
    for group_id in (theirs["id"], None):
        problem(await client.patch(url, json={"group_id": group_id}, headers=moderator), 403)
    assert (await client.get(url, headers=city.headers)).json()["group_id"] == ours["id"]
    # Their own group stays theirs to name; other fields are theirs to change.
    for change in ({"group_id": ours["id"]}, {"capacity": 40}):
        assert (await client.patch(url, json=change, headers=moderator)).status_code == 200
    # The process manager holds every group of the process.
    moved = await client.patch(url, json={"group_id": theirs["id"]}, headers=manager)
    assert (moved.status_code, moved.json()["group_id"]) == (200, theirs["id"]), moved.text
    # Moved out of their group: they may still read it (reading is city-wide), no longer change it.
    assert (await client.get(url, headers=moderator)).status_code == 200
    problem(await client.patch(url, json={"capacity": 41}, headers=moderator), 403)
