"""Staff management: invitations, roles, deactivation, password reset and change, password rules and the
login limits. Every test with `client` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import re
import tomllib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select, update

from api.config import Settings
from api.db import utcnow
from api.errors import InvalidInput
from api.main import create_app
from api.models import Base
from api.notifications.models import OutboxMessage
from api.notifications.templates import MailKind, render
from api.organizations.models import Organization
from api.ratelimit import MemoryRateLimiter
from api.security import hash_secret_token
from api.staff import passwords
from api.staff.models import RoleGrant, StaffToken, StaffTokenPurpose, StaffUser
from tests.builders import created, group_body, problem, process_body
from tests.conftest import STAFF_PASSWORD, City, logged_in_token, make_city, test_settings
from tests.signup_helpers import mails_to

GOOD_PASSWORD = "Lindenbaum-am-Brunnen-77"
OTHER_PASSWORD = "Sommerregen über Köln 2031"
LINK = re.compile(r"^(?P<base>\S+)/staff/(?P<kind>invitation|password-reset)#t=(?P<token>[A-Za-z0-9_-]{40,})$", re.M)


# --- helpers -------------------------------------------------------------------------------------


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class _Hrefs(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"] or "")


def link_of(mail: OutboxMessage, kind: str) -> str:
    """The token of the one link in the mail; it stands on a line of its own and is the HTML button too."""
    matches = list(LINK.finditer(mail.body_text))
    assert len(matches) == 1, mail.body_text
    match = matches[0]
    assert match["kind"] == kind
    assert match["base"] == "http://127.0.0.1:8000"  # settings.public_base_url
    assert _Hrefs(mail.body_html).hrefs == [match.group(0)]
    return match["token"]


async def staff_mails(app: Any, email: str, kind: MailKind) -> list[OutboxMessage]:
    return [mail for mail in await mails_to(app, email) if mail.kind == kind]


async def invite(
    client: httpx.AsyncClient,
    city: City,
    email: str,
    roles: list[dict[str, Any]] | None = None,
    full_name: str = "Dana Beispiel",
) -> httpx.Response:
    body = {"email": email, "full_name": full_name, "roles": [{"role": "viewer"}] if roles is None else roles}
    return await client.post("/staff/users", json=body, headers=city.headers)


async def invitation_token(app: Any, email: str) -> str:
    mails = await staff_mails(app, email, MailKind.staff_invitation)
    assert mails, f"no invitation to {email}"
    return link_of(mails[-1], "invitation")


async def accept(client: httpx.AsyncClient, token: str, password: str = GOOD_PASSWORD) -> httpx.Response:
    return await client.post("/auth/invitations/accept", json={"token": token, "password": password})


async def log_in(client: httpx.AsyncClient, email: str, password: str = GOOD_PASSWORD) -> httpx.Response:
    return await client.post("/auth/token", json={"email": email, "password": password})


async def staff_member(
    client: httpx.AsyncClient, app: Any, city: City, email: str, roles: list[dict[str, Any]] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An invited person who accepted and logged in: (their entry, their token pair)."""
    member = await created(await invite(client, city, email, roles))
    response = await accept(client, await invitation_token(app, email))
    assert response.status_code == 204, response.text
    login = await log_in(client, email)
    assert login.status_code == 200, login.text
    return member, login.json()


async def old_access_token(app: Any, user_id: str) -> dict[str, str]:
    """Headers of another login of the person, opened in this same second: a revocation now must end it
    all the same (logins are ended on the server, not compared by the second)."""
    async with app.state.sessionmaker() as session:
        user = await session.get_one(StaffUser, uuid.UUID(user_id))
        organization_id = user.organization_id
    return bearer(await logged_in_token(app, uuid.UUID(user_id), organization_id))


async def expire_links(app: Any, email: str) -> None:
    async with app.state.sessionmaker() as session:
        user_id = await session.scalar(select(StaffUser.id).where(StaffUser.email == email))
        await session.execute(
            update(StaffToken).where(StaffToken.user_id == user_id).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": refresh_token})


async def count(app: Any, model: Any) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


# --- inviting ------------------------------------------------------------------------------------


async def test_an_invited_person_gets_a_mail_chooses_a_password_and_logs_in(client, db, city):
    before = utcnow()
    response = await invite(client, city, "  Dana.Beispiel@Teststadt.Example ")

    member = await created(response)
    assert member["email"] == "dana.beispiel@teststadt.example"
    assert member["full_name"] == "Dana Beispiel"
    assert member["status"] == "invited"
    assert member["is_active"] is False
    assert member["roles"] == [{"role": "viewer", "process_id": None, "group_id": None}]
    assert member["last_login_at"] is None
    expires = member["invitation_expires_at"]
    assert expires.endswith(("+01:00", "+02:00"))  # shown in the city's time zone
    valid_for = datetime.fromisoformat(expires) - before
    assert timedelta(days=7) - timedelta(minutes=1) < valid_for <= timedelta(days=7, minutes=1)
    assert "password" not in response.text

    (mail,) = await staff_mails(db, "dana.beispiel@teststadt.example", MailKind.staff_invitation)
    assert mail.participant_id is None
    assert mail.organization_id == city.organization.id
    assert mail.subject == "Einladung: Ihr Zugang für Stadt Teststadt"  # the city's language: German
    assert mail.body_text.startswith("Hallo Dana Beispiel,")
    assert "Der Link gilt bis" in mail.body_text
    token = link_of(mail, "invitation")
    # Only the hash of the link's secret is stored.
    async with db.state.sessionmaker() as session:
        stored = await session.scalar(select(StaffToken).where(StaffToken.token_hash == hash_secret_token(token)))
        assert stored is not None
        assert stored.purpose == StaffTokenPurpose.invitation
        assert await session.scalar(select(func.count()).where(StaffToken.token_hash == token)) == 0

    # Before accepting, nobody can log in, not even with an empty or a guessed password.
    refused = await log_in(client, member["email"])
    assert refused.status_code == 401, refused.text

    accepted = await accept(client, token)
    assert accepted.status_code == 204, accepted.text

    login = await log_in(client, member["email"])
    assert login.status_code == 200, login.text
    me = await client.get("/me", headers=bearer(login.json()["access_token"]))
    assert me.json()["user"]["email"] == member["email"]
    assert me.json()["roles"] == member["roles"]
    shown = await client.get(f"/staff/users/{member['id']}", headers=city.headers)
    assert shown.json()["status"] == "active"
    assert shown.json()["is_active"] is True
    assert shown.json()["invitation_expires_at"] is None
    assert shown.json()["last_login_at"] is not None


async def test_the_invitation_is_in_the_citys_language(client, db, city):
    async with db.state.sessionmaker() as session:
        organization = await session.get_one(Organization, city.organization.id)
        organization.default_language = "en"
        organization.contact_email = "integration@teststadt.example"
        await session.commit()

    await created(await invite(client, city, "sam@teststadt.example", full_name="Sam Example"))

    (mail,) = await staff_mails(db, "sam@teststadt.example", MailKind.staff_invitation)
    assert mail.subject == "Invitation: your account at Stadt Teststadt"
    assert mail.body_text.startswith("Hello Sam Example,")
    assert "The link is valid until" in mail.body_text
    assert "integration@teststadt.example" in mail.body_text
    assert '<html lang="en">' in mail.body_html
    link_of(mail, "invitation")


async def test_an_invitation_works_once(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    token = await invitation_token(db, member["email"])

    assert (await accept(client, token)).status_code == 204
    again = await accept(client, token, OTHER_PASSWORD)

    problem(again, 422, "token")
    assert (await log_in(client, member["email"], OTHER_PASSWORD)).status_code == 401
    assert (await log_in(client, member["email"])).status_code == 200


async def test_an_invitation_expires_after_seven_days(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    token = await invitation_token(db, member["email"])
    await expire_links(db, member["email"])

    problem(await accept(client, token), 422, "token")
    assert (await log_in(client, member["email"])).status_code == 401


async def test_two_racing_acceptances_of_one_invitation_set_one_password(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    token = await invitation_token(db, member["email"])

    first, second = await asyncio.gather(accept(client, token), accept(client, token, OTHER_PASSWORD))

    assert sorted([first.status_code, second.status_code]) == [204, 422], (first.text, second.text)
    winner = GOOD_PASSWORD if first.status_code == 204 else OTHER_PASSWORD
    loser = OTHER_PASSWORD if winner == GOOD_PASSWORD else GOOD_PASSWORD
    assert (await log_in(client, member["email"], winner)).status_code == 200
    assert (await log_in(client, member["email"], loser)).status_code == 401


async def test_an_unknown_or_wrong_kind_of_token_does_not_accept(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    # A password-reset link of an active person is no invitation.
    assert (await client.post("/auth/password-reset", json={"email": city.admin.email})).status_code == 202
    (reset_mail,) = await staff_mails(db, city.admin.email, MailKind.password_reset)
    reset_token = link_of(reset_mail, "password-reset")

    problem(await accept(client, reset_token), 422, "token")
    problem(await accept(client, "x" * 43), 422, "token")
    problem(await client.post("/auth/invitations/accept", json={"token": "", "password": GOOD_PASSWORD}), 422, "token")
    assert (await log_in(client, member["email"])).status_code == 401
    # The reset link was not spent by the wrong use.
    confirmed = await client.post(
        "/auth/password-reset/confirm", json={"token": reset_token, "password": GOOD_PASSWORD}
    )
    assert confirmed.status_code == 204, confirmed.text


async def test_a_weak_password_is_refused_and_the_invitation_stays_usable(client, db, city):
    member = await created(await invite(client, city, "dana.beispiel@teststadt.example"))
    token = await invitation_token(db, member["email"])

    for weak in ("kurz-2024", "Dana.Beispiel!2024-x", "Passwort-123!", "hallo12345678"):
        body = problem(await accept(client, token, weak), 422, "password")
        assert body["errors"][0]["location"] == "body"
    # A password too short is told as a length rule with its number, for the console to say so in words.
    (short,) = problem(await accept(client, token, "kurz-2024"), 422, "password")["errors"]
    assert (short["kind"], short["limit"]) == ("too-short", 12)
    (guessable,) = problem(await accept(client, token, "Passwort-123!"), 422, "password")["errors"]
    assert (guessable["kind"], guessable["limit"]) == ("password-weak", None)

    assert (await accept(client, token)).status_code == 204


@pytest.mark.parametrize(
    ("roles", "field"),
    [
        pytest.param([], "roles", id="no-role"),
        pytest.param([{"role": "process_manager"}], "roles.0", id="manager-without-process"),
        pytest.param([{"role": "group_moderator"}], "roles.0", id="moderator-without-group"),
        pytest.param([{"role": "viewer", "process_id": str(uuid.uuid4())}], "roles.0", id="viewer-with-process"),
        pytest.param([{"role": "admin", "group_id": str(uuid.uuid4())}], "roles.0", id="admin-with-group"),
        pytest.param(
            [{"role": "viewer"}, {"role": "process_manager", "process_id": str(uuid.uuid4()), "group_id": None}],
            "roles.1.process_id",
            id="unknown-process",
        ),
        pytest.param(
            [{"role": "group_moderator", "group_id": str(uuid.uuid4())}], "roles.0.group_id", id="unknown-group"
        ),
        pytest.param([{"role": "superuser"}], "roles.0.role", id="unknown-role"),
    ],
)
async def test_roles_must_fit_their_scope(client, db, city, roles, field):
    response = await invite(client, city, "dana@teststadt.example", roles)

    body = problem(response, 422)
    assert any(error["field"].startswith(field) for error in body["errors"]), body
    assert await count(db, StaffUser) == 1  # only the city's admin
    assert await count(db, OutboxMessage) == 0


async def test_another_citys_process_or_group_cannot_be_granted(client, db, city, other_city):
    foreign_process = await created(
        await client.post("/staff/processes", json=process_body(), headers=other_city.headers)
    )
    foreign_group = await created(
        await client.post("/staff/groups", json=group_body(foreign_process["id"]), headers=other_city.headers)
    )

    as_manager = await invite(
        client, city, "a@teststadt.example", [{"role": "process_manager", "process_id": foreign_process["id"]}]
    )
    as_moderator = await invite(
        client, city, "b@teststadt.example", [{"role": "group_moderator", "group_id": foreign_group["id"]}]
    )
    unknown = await invite(
        client, city, "c@teststadt.example", [{"role": "process_manager", "process_id": str(uuid.uuid4())}]
    )

    problem(as_manager, 422, "roles.0.process_id")
    problem(as_moderator, 422, "roles.0.group_id")
    # Another city's process looks exactly like one that does not exist.
    assert as_manager.json()["detail"] == problem(unknown, 422, "roles.0.process_id")["detail"]
    assert await count(db, StaffUser) == 2  # the two admins
    assert await count(db, RoleGrant) == 2  # the admins' own


async def test_scoped_roles_are_granted_and_duplicates_ignored(client, db, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    group = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers))
    roles = [
        {"role": "process_manager", "process_id": process["id"]},
        {"role": "group_moderator", "group_id": group["id"]},
        {"role": "process_manager", "process_id": process["id"]},
    ]

    member, pair = await staff_member(client, db, city, "dana@teststadt.example", roles)

    assert member["roles"] == [
        {"role": "process_manager", "process_id": process["id"], "group_id": None},
        {"role": "group_moderator", "process_id": None, "group_id": group["id"]},
    ]
    headers = bearer(pair["access_token"])
    changed = await client.patch(f"/staff/processes/{process['id']}", json={"title": "Neu"}, headers=headers)
    assert changed.status_code == 200, changed.text
    # Managing the city's staff is for admins only.
    assert (await client.get("/staff/users", headers=headers)).status_code == 403


async def test_an_address_can_have_only_one_account(client, db, city, other_city):
    await created(await invite(client, city, "dana@teststadt.example"))

    for email in ("DANA@teststadt.example", city.admin.email, other_city.admin.email):
        problem(await invite(client, city, email), 409, "email")
    problem(await invite(client, city, "no-address"), 422, "email")
    assert await count(db, StaffUser) == 3
    assert len(await mails_to(db, "dana@teststadt.example")) == 1


# --- listing and reading -------------------------------------------------------------------------


async def test_the_list_pages_through_the_citys_staff_with_their_roles(client, db, city, other_city):
    for name in ("carla", "bert", "anna"):
        await created(await invite(client, city, f"{name}@teststadt.example", [{"role": "viewer"}]))
    await created(await invite(client, other_city, "fremd@andere-stadt.example"))

    first = await client.get("/staff/users", params={"limit": 2}, headers=city.headers)
    assert first.status_code == 200, first.text
    second = await client.get(
        "/staff/users", params={"limit": 2, "cursor": first.json()["next_cursor"]}, headers=city.headers
    )
    assert second.status_code == 200, second.text

    items = first.json()["items"] + second.json()["items"]
    assert second.json()["next_cursor"] is None
    assert [item["email"] for item in items] == [
        "admin@teststadt.example",
        "anna@teststadt.example",
        "bert@teststadt.example",
        "carla@teststadt.example",
    ]
    assert items[0]["roles"] == [{"role": "admin", "process_id": None, "group_id": None}]
    assert items[0]["status"] == "active"
    assert all(item["roles"] == [{"role": "viewer", "process_id": None, "group_id": None}] for item in items[1:])
    assert all(item["status"] == "invited" for item in items[1:])
    assert "andere-stadt" not in first.text + second.text
    assert "argon2" not in first.text + second.text


async def test_a_viewer_may_not_manage_staff(client, db, city):
    member, pair = await staff_member(client, db, city, "viewer@teststadt.example", [{"role": "viewer"}])
    viewer = bearer(pair["access_token"])
    target = f"/staff/users/{city.admin.id}"

    calls = [
        client.get("/staff/users", headers=viewer),
        client.get(target, headers=viewer),
        client.post(
            "/staff/users",
            json={"email": "x@teststadt.example", "full_name": "X", "roles": [{"role": "admin"}]},
            headers=viewer,
        ),
        client.patch(f"/staff/users/{member['id']}", json={"roles": [{"role": "admin"}]}, headers=viewer),
        client.post(f"{target}/deactivate", headers=viewer),
        client.post(f"{target}/reactivate", headers=viewer),
        client.post(f"{target}/invitation", headers=viewer),
    ]
    for response in [await call for call in calls]:
        problem(response, 403)

    me = await client.get("/me", headers=viewer)
    assert me.json()["roles"] == [{"role": "viewer", "process_id": None, "group_id": None}]
    assert await count(db, StaffUser) == 2
    async with db.state.sessionmaker() as session:
        admin = await session.get_one(StaffUser, city.admin.id)
        assert admin.is_active


async def test_another_citys_admin_sees_none_of_this_citys_staff(client, db, city, other_city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    nowhere = f"/staff/users/{uuid.uuid4()}"
    nothing_there = await client.get(nowhere, headers=other_city.headers)
    problem(nothing_there, 404)

    for user_id in (member["id"], str(city.admin.id)):
        target = f"/staff/users/{user_id}"
        calls = [
            client.get(target, headers=other_city.headers),
            client.patch(
                target, json={"full_name": "Gekapert", "roles": [{"role": "viewer"}]}, headers=other_city.headers
            ),
            client.post(f"{target}/deactivate", headers=other_city.headers),
            client.post(f"{target}/reactivate", headers=other_city.headers),
            client.post(f"{target}/invitation", headers=other_city.headers),
        ]
        for response in [await call for call in calls]:
            problem(response, 404)
            assert response.json()["detail"] == nothing_there.json()["detail"]

    listed = await client.get("/staff/users", headers=other_city.headers)
    assert [item["email"] for item in listed.json()["items"]] == [other_city.admin.email]
    shown = await client.get(f"/staff/users/{member['id']}", headers=city.headers)
    assert shown.json()["full_name"] == "Dana Beispiel"
    assert shown.json()["status"] == "invited"
    assert len(await staff_mails(db, member["email"], MailKind.staff_invitation)) == 1


async def test_staff_management_needs_a_login(client, city):
    for response in (
        await client.get("/staff/users"),
        await client.post("/staff/users", json={}),
        await client.get(f"/staff/users/{city.admin.id}"),
        await client.post(f"/staff/users/{city.admin.id}/deactivate"),
        await client.post("/auth/password", json={"current_password": STAFF_PASSWORD, "new_password": GOOD_PASSWORD}),
    ):
        problem(response, 401)


# --- changing ------------------------------------------------------------------------------------


async def test_roles_change_at_once_and_end_the_persons_logins(client, db, city):
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    member, pair = await staff_member(client, db, city, "dana@teststadt.example", [{"role": "viewer"}])
    headers = bearer(pair["access_token"])
    assert (await client.get("/staff/users", headers=headers)).status_code == 403

    renamed = await client.patch(f"/staff/users/{member['id']}", json={"full_name": " Dana Neu "}, headers=city.headers)
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["full_name"] == "Dana Neu"
    assert renamed.json()["roles"] == member["roles"]

    promoted = await client.patch(
        f"/staff/users/{member['id']}",
        json={"roles": [{"role": "admin"}, {"role": "process_manager", "process_id": process["id"]}]},
        headers=city.headers,
    )
    assert promoted.status_code == 200, promoted.text
    assert [role["role"] for role in promoted.json()["roles"]] == ["admin", "process_manager"]
    assert promoted.json()["full_name"] == "Dana Neu"
    # A role change ends the person's logins: they log in again and get the new rights.
    problem(await client.get("/staff/users", headers=headers), 401)
    headers = bearer((await log_in(client, member["email"])).json()["access_token"])
    assert (await client.get("/staff/users", headers=headers)).status_code == 200

    demoted = await client.patch(
        f"/staff/users/{member['id']}", json={"roles": [{"role": "viewer"}]}, headers=city.headers
    )
    assert demoted.status_code == 200, demoted.text
    assert demoted.json()["roles"] == [{"role": "viewer", "process_id": None, "group_id": None}]
    problem(await client.get("/staff/users", headers=headers), 401)
    headers = bearer((await log_in(client, member["email"])).json()["access_token"])
    assert (await client.get("/staff/users", headers=headers)).status_code == 403
    assert await count(db, RoleGrant) == 2  # the admin's and Dana's one

    for body, field in (({"full_name": None}, "full_name"), ({"roles": None}, "roles"), ({"roles": []}, "roles")):
        problem(await client.patch(f"/staff/users/{member['id']}", json=body, headers=city.headers), 422, field)
    problem(
        await client.patch(f"/staff/users/{member['id']}", json={"email": "x@y.example"}, headers=city.headers),
        422,
        "email",
    )


async def test_the_last_active_admin_cannot_be_demoted(client, db, city):
    refused = await client.patch(
        f"/staff/users/{city.admin.id}", json={"roles": [{"role": "viewer"}]}, headers=city.headers
    )
    problem(refused, 409)
    assert "last active admin" in refused.json()["detail"]

    second, _ = await staff_member(client, db, city, "zweite@teststadt.example", [{"role": "admin"}])
    # An admin who is switched off does not count.
    assert (await client.post(f"/staff/users/{second['id']}/deactivate", headers=city.headers)).status_code == 200
    problem(
        await client.patch(f"/staff/users/{city.admin.id}", json={"roles": [{"role": "viewer"}]}, headers=city.headers),
        409,
    )

    assert (await client.post(f"/staff/users/{second['id']}/reactivate", headers=city.headers)).status_code == 200
    stepped_down = await client.patch(
        f"/staff/users/{city.admin.id}", json={"roles": [{"role": "viewer"}]}, headers=city.headers
    )
    assert stepped_down.status_code == 200, stepped_down.text
    second_login = (await log_in(client, second["email"])).json()
    problem(
        await client.patch(
            f"/staff/users/{second['id']}",
            json={"roles": [{"role": "viewer"}]},
            headers=bearer(second_login["access_token"]),
        ),
        409,
    )
    # Changing only the name of the last admin is fine.
    renamed = await client.patch(
        f"/staff/users/{second['id']}", json={"full_name": "Zweite Admin"}, headers=bearer(second_login["access_token"])
    )
    assert renamed.status_code == 200, renamed.text


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(client, db, city):
    second, pair = await staff_member(client, db, city, "zweite@teststadt.example", [{"role": "admin"}])
    viewer = {"roles": [{"role": "viewer"}]}

    first_call, second_call = await asyncio.gather(
        client.patch(f"/staff/users/{second['id']}", json=viewer, headers=city.headers),
        client.patch(f"/staff/users/{city.admin.id}", json=viewer, headers=bearer(pair["access_token"])),
    )

    statuses = [first_call.status_code, second_call.status_code]
    # The one who lost either lost the admin role, and with it their login, just before (401), or waited and
    # found themself last (409).
    assert statuses.count(200) == 1, (first_call.text, second_call.text)
    assert set(statuses) <= {200, 401, 409}, statuses
    async with db.state.sessionmaker() as session:
        admins = await session.scalar(select(func.count()).select_from(RoleGrant).where(RoleGrant.role == "admin"))
    assert admins == 1


async def test_two_admins_deactivating_each_other_at_once_leave_one_admin(client, db, city):
    second, pair = await staff_member(client, db, city, "zweite@teststadt.example", [{"role": "admin"}])

    first_call, second_call = await asyncio.gather(
        client.post(f"/staff/users/{second['id']}/deactivate", headers=city.headers),
        client.post(f"/staff/users/{city.admin.id}/deactivate", headers=bearer(pair["access_token"])),
    )

    statuses = [first_call.status_code, second_call.status_code]
    assert statuses.count(200) == 1, (first_call.text, second_call.text)
    assert set(statuses) <= {200, 401, 409}, statuses
    async with db.state.sessionmaker() as session:
        active = await session.scalar(select(func.count()).select_from(StaffUser).where(StaffUser.is_active.is_(True)))
    assert active == 1


# --- deactivating and reactivating ---------------------------------------------------------------


async def test_an_admin_cannot_deactivate_themself(client, db, city):
    refused = await client.post(f"/staff/users/{city.admin.id}/deactivate", headers=city.headers)

    problem(refused, 409)
    assert (await client.get("/me", headers=city.headers)).status_code == 200


async def test_deactivation_ends_every_token_and_reactivation_lets_in_with_a_new_login(client, db, city):
    member, pair = await staff_member(client, db, city, "dana@teststadt.example", [{"role": "admin"}])
    earlier = await old_access_token(db, member["id"])
    assert (await client.get("/me", headers=earlier)).status_code == 200
    assert (await client.get("/me", headers=bearer(pair["access_token"]))).status_code == 200

    response = await client.post(f"/staff/users/{member['id']}/deactivate", headers=city.headers)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "deactivated"
    assert response.json()["is_active"] is False
    for headers in (earlier, bearer(pair["access_token"])):
        problem(await client.get("/me", headers=headers), 401)
        problem(await client.get("/staff/users", headers=headers), 401)
    problem(await refresh(client, pair["refresh_token"]), 401)
    problem(await log_in(client, member["email"]), 401)
    # Nor can a reset link bring the account back.
    assert (await client.post("/auth/password-reset", json={"email": member["email"]})).status_code == 202
    assert await staff_mails(db, member["email"], MailKind.password_reset) == []

    again = await client.post(f"/staff/users/{member['id']}/reactivate", headers=city.headers)

    assert again.status_code == 200, again.text
    assert again.json()["status"] == "active"
    # The tokens from before stay dead; the password works again.
    problem(await client.get("/me", headers=earlier), 401)
    problem(await refresh(client, pair["refresh_token"]), 401)
    login = await log_in(client, member["email"])
    assert login.status_code == 200, login.text
    assert (await client.get("/staff/users", headers=bearer(login.json()["access_token"]))).status_code == 200


async def test_a_deactivated_persons_open_links_stop_working(client, db, city):
    member, _ = await staff_member(client, db, city, "dana@teststadt.example")
    assert (await client.post("/auth/password-reset", json={"email": member["email"]})).status_code == 202
    (mail,) = await staff_mails(db, member["email"], MailKind.password_reset)

    assert (await client.post(f"/staff/users/{member['id']}/deactivate", headers=city.headers)).status_code == 200
    assert (await client.post(f"/staff/users/{member['id']}/reactivate", headers=city.headers)).status_code == 200

    confirm = {"token": link_of(mail, "password-reset"), "password": OTHER_PASSWORD}
    problem(await client.post("/auth/password-reset/confirm", json=confirm), 422, "token")
    assert (await log_in(client, member["email"])).status_code == 200


async def test_an_invited_person_can_be_switched_off_and_invited_again(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    first_token = await invitation_token(db, member["email"])

    off = await client.post(f"/staff/users/{member['id']}/deactivate", headers=city.headers)
    assert off.status_code == 200, off.text
    assert off.json()["status"] == "deactivated"
    assert off.json()["invitation_expires_at"] is None
    problem(await accept(client, first_token), 422, "token")
    # Without a password there is nothing to reactivate: they need a new invitation.
    refused = await client.post(f"/staff/users/{member['id']}/reactivate", headers=city.headers)
    problem(refused, 409)
    assert "invitation" in refused.json()["detail"]

    again = await client.post(f"/staff/users/{member['id']}/invitation", headers=city.headers)

    assert again.status_code == 200, again.text
    assert again.json()["status"] == "invited"
    assert len(await staff_mails(db, member["email"], MailKind.staff_invitation)) == 2
    second_token = await invitation_token(db, member["email"])
    assert second_token != first_token
    assert (await accept(client, second_token)).status_code == 204
    assert (await log_in(client, member["email"])).status_code == 200


async def test_a_new_invitation_replaces_the_earlier_link(client, db, city):
    member = await created(await invite(client, city, "dana@teststadt.example"))
    first_token = await invitation_token(db, member["email"])
    await expire_links(db, member["email"])
    expired = await client.get(f"/staff/users/{member['id']}", headers=city.headers)
    assert expired.json()["status"] == "invited"  # an expired invitation can be sent again

    again = await client.post(f"/staff/users/{member['id']}/invitation", headers=city.headers)

    assert again.status_code == 200, again.text
    second_token = await invitation_token(db, member["email"])
    problem(await accept(client, first_token), 422, "token")
    assert (await accept(client, second_token)).status_code == 204
    problem(await client.post(f"/staff/users/{member['id']}/invitation", headers=city.headers), 409)


async def test_reactivating_an_active_person_changes_nothing(client, db, city):
    member, pair = await staff_member(client, db, city, "dana@teststadt.example")

    response = await client.post(f"/staff/users/{member['id']}/reactivate", headers=city.headers)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "active"
    assert (await refresh(client, pair["refresh_token"])).status_code == 200


# --- password reset ------------------------------------------------------------------------------


async def test_password_reset_mails_a_link_that_sets_a_new_password_and_ends_old_logins(client, db, city):
    pair = (await log_in(client, city.admin.email, STAFF_PASSWORD)).json()
    earlier = await old_access_token(db, str(city.admin.id))
    assert (await client.get("/me", headers=earlier)).status_code == 200

    response = await client.post("/auth/password-reset", json={"email": " ADMIN@teststadt.example "})

    assert response.status_code == 202, response.text
    (mail,) = await staff_mails(db, city.admin.email, MailKind.password_reset)
    assert mail.participant_id is None
    assert mail.subject == "Neues Passwort festlegen"
    assert mail.body_text.startswith(f"Hallo {city.admin.full_name},")
    token = link_of(mail, "password-reset")
    async with db.state.sessionmaker() as session:
        stored = await session.scalar(select(StaffToken).where(StaffToken.token_hash == hash_secret_token(token)))
    assert timedelta(minutes=59) < stored.expires_at - utcnow() <= timedelta(hours=1)
    # Asking alone changes nothing.
    assert (await client.get("/me", headers=earlier)).status_code == 200

    confirmed = await client.post("/auth/password-reset/confirm", json={"token": token, "password": GOOD_PASSWORD})

    assert confirmed.status_code == 204, confirmed.text
    problem(await log_in(client, city.admin.email, STAFF_PASSWORD), 401)
    assert (await log_in(client, city.admin.email, GOOD_PASSWORD)).status_code == 200
    problem(await client.get("/me", headers=earlier), 401)
    problem(await refresh(client, pair["refresh_token"]), 401)
    # Once only.
    again = await client.post("/auth/password-reset/confirm", json={"token": token, "password": OTHER_PASSWORD})
    problem(again, 422, "token")
    assert (await log_in(client, city.admin.email, GOOD_PASSWORD)).status_code == 200


async def test_password_reset_answers_the_same_for_every_address(client, db, city):
    invited = await created(await invite(client, city, "eingeladen@teststadt.example"))
    switched_off, _ = await staff_member(client, db, city, "aus@teststadt.example")
    assert (await client.post(f"/staff/users/{switched_off['id']}/deactivate", headers=city.headers)).status_code == 200
    outbox_before = await count(db, OutboxMessage)

    answers = [
        await client.post("/auth/password-reset", json={"email": email})
        for email in (
            "niemand@teststadt.example",
            invited["email"],
            switched_off["email"],
            "kein @ddress",
            city.admin.email,
        )
    ]

    for answer in answers:
        assert answer.status_code == 202, answer.text
        assert answer.json() == answers[-1].json()
    assert "eine Stunde" in answers[-1].json()["detail"]
    # Only the active person got a mail.
    assert await count(db, OutboxMessage) == outbox_before + 1
    assert len(await staff_mails(db, city.admin.email, MailKind.password_reset)) == 1


async def test_only_the_newest_reset_link_works(client, db, city):
    for _ in range(2):
        assert (await client.post("/auth/password-reset", json={"email": city.admin.email})).status_code == 202
    first, second = await staff_mails(db, city.admin.email, MailKind.password_reset)

    stale = {"token": link_of(first, "password-reset"), "password": GOOD_PASSWORD}
    problem(await client.post("/auth/password-reset/confirm", json=stale), 422, "token")
    fresh = {"token": link_of(second, "password-reset"), "password": GOOD_PASSWORD}
    assert (await client.post("/auth/password-reset/confirm", json=fresh)).status_code == 204


async def test_a_reset_link_expires_after_an_hour(client, db, city):
    assert (await client.post("/auth/password-reset", json={"email": city.admin.email})).status_code == 202
    (mail,) = await staff_mails(db, city.admin.email, MailKind.password_reset)
    await expire_links(db, city.admin.email)

    body = {"token": link_of(mail, "password-reset"), "password": GOOD_PASSWORD}
    problem(await client.post("/auth/password-reset/confirm", json=body), 422, "token")
    assert (await log_in(client, city.admin.email, STAFF_PASSWORD)).status_code == 200


async def test_a_reset_to_a_weak_password_is_refused_and_the_link_stays_usable(client, db, city):
    assert (await client.post("/auth/password-reset", json={"email": city.admin.email})).status_code == 202
    (mail,) = await staff_mails(db, city.admin.email, MailKind.password_reset)
    token = link_of(mail, "password-reset")

    for weak in ("zu-kurz", "admin-teststadt-2024", "PASSWORT 1234"):
        problem(
            await client.post("/auth/password-reset/confirm", json={"token": token, "password": weak}), 422, "password"
        )
    # An invitation link is no reset link.
    await created(await invite(client, city, "dana@teststadt.example"))
    invitation = {"token": await invitation_token(db, "dana@teststadt.example"), "password": GOOD_PASSWORD}
    problem(await client.post("/auth/password-reset/confirm", json=invitation), 422, "token")

    confirmed = await client.post("/auth/password-reset/confirm", json={"token": token, "password": GOOD_PASSWORD})
    assert confirmed.status_code == 204, confirmed.text


# --- changing one's own password -----------------------------------------------------------------


async def test_changing_the_password_ends_other_logins_and_starts_a_new_one(client, db, city):
    laptop = (await log_in(client, city.admin.email, STAFF_PASSWORD)).json()
    earlier = await old_access_token(db, str(city.admin.id))

    response = await client.post(
        "/auth/password", json={"current_password": STAFF_PASSWORD, "new_password": GOOD_PASSWORD}, headers=earlier
    )

    assert response.status_code == 200, response.text
    fresh = response.json()
    assert fresh["token_type"] == "bearer"
    assert (await client.get("/me", headers=bearer(fresh["access_token"]))).status_code == 200
    assert (await refresh(client, fresh["refresh_token"])).status_code == 200
    problem(await client.get("/me", headers=earlier), 401)
    problem(await refresh(client, laptop["refresh_token"]), 401)
    problem(await log_in(client, city.admin.email, STAFF_PASSWORD), 401)
    assert (await log_in(client, city.admin.email, GOOD_PASSWORD)).status_code == 200


async def test_changing_the_password_needs_the_current_one_and_a_good_new_one(client, db, city):
    pair = (await log_in(client, city.admin.email, STAFF_PASSWORD)).json()
    headers = bearer(pair["access_token"])

    cases = [
        ({"current_password": "falsch-falsch-falsch", "new_password": GOOD_PASSWORD}, "current_password"),
        ({"current_password": STAFF_PASSWORD, "new_password": STAFF_PASSWORD}, "new_password"),
        ({"current_password": STAFF_PASSWORD, "new_password": "zu-kurz"}, "new_password"),
        ({"current_password": STAFF_PASSWORD, "new_password": "Admin_Teststadt_99"}, "new_password"),
        ({"current_password": STAFF_PASSWORD, "new_password": "qwertz123456"}, "new_password"),
        ({"current_password": STAFF_PASSWORD}, "new_password"),
    ]
    for body, field in cases:
        problem(await client.post("/auth/password", json=body, headers=headers), 422, field)

    # Nothing changed: the old login and password still work.
    assert (await client.get("/me", headers=headers)).status_code == 200
    assert (await refresh(client, pair["refresh_token"])).status_code == 200
    assert (await log_in(client, city.admin.email, STAFF_PASSWORD)).status_code == 200


# --- password rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "kurz",
        "elf-zeichen",  # 11
        "dana.beispiel",  # the local part itself
        "ich-bin-Dana.Beispiel!",
        "DanaBeispiel-2024",  # the local part without its dot
        "passwort123",
        "Passwort-123",
        "PASSWORT 1234",
        "hallo12345678",
        "Hallo.12345678",
        "ichliebedich123",
        "qwertzuiop123",
        "123456789012",
        "Sommer-2025!",
        "            ",
    ],
)
def test_weak_passwords_are_refused(password):
    assert passwords.password_problem(password, "Dana.Beispiel@teststadt.example") is not None
    with pytest.raises(InvalidInput) as refused:
        passwords.check_password(password, "dana.beispiel@teststadt.example", field="new_password")
    assert refused.value.field == "new_password"
    assert refused.value.status == 422


@pytest.mark.parametrize(
    ("password", "email"),
    [
        (GOOD_PASSWORD, "dana.beispiel@teststadt.example"),
        (OTHER_PASSWORD, "dana@teststadt.example"),
        ("Maximilian-geht-wandern", "max@teststadt.example"),  # a local part under four characters is not looked for
        ("x" * 12 + "ÄÖÜ", "a@b.example"),
    ],
)
def test_good_passwords_pass(password, email):
    assert passwords.password_problem(password, email) is None
    passwords.check_password(password, email)


def test_the_common_password_list_ships_with_the_package():
    entries = passwords.common_passwords()

    assert len(entries) >= 300
    assert {"passwort123", "hallo12345678", "ichliebedich123", "qwertzuiop123", "password123"} <= entries
    assert all(entry == entry.casefold() and " " not in entry for entry in entries)
    package_data = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    assert passwords.COMMON_PASSWORDS_FILE in package_data["api.staff"]
    assert (Path(passwords.__file__).parent / passwords.COMMON_PASSWORDS_FILE).is_file()


# --- login limits --------------------------------------------------------------------------------


def test_the_login_limit_is_a_setting_read_like_the_others():
    assert Settings(_env_file=None).rate_limit_login == "30/minute"  # type: ignore[call-arg]
    assert Settings(_env_file=None, rate_limit_login="").rate_limit_login == ""  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="rate_limit_login"):
        Settings(_env_file=None, rate_limit_login="ten a minute")  # type: ignore[call-arg]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def limited(db: Any, database_url: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient, City, Clock]]:
    """An app of its own with the login limits on, its limiter on a clock the test moves."""
    app = create_app(test_settings(database_url, rate_limit_login="3/minute"))
    clock = Clock(90.0)  # the middle of a minute, so a few requests cannot straddle two windows
    app.state.rate_limiter = MemoryRateLimiter(clock=clock)
    async with app.state.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    try:
        city = await make_city(app, "limitstadt")
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver/api/v1"
        ) as http:
            yield app, http, city, clock
    finally:
        await app.state.engine.dispose()


async def test_logins_resets_and_acceptances_from_one_client_are_limited(limited):
    _, client, city, clock = limited
    assert (await log_in(client, city.admin.email, STAFF_PASSWORD)).status_code == 200
    assert (await client.post("/auth/password-reset", json={"email": city.admin.email})).status_code == 202
    problem(await accept(client, "x" * 43), 422, "token")

    refused = await log_in(client, city.admin.email, STAFF_PASSWORD)

    problem(refused, 429)
    assert refused.headers["Retry-After"] == "30"
    problem(await client.post("/auth/password-reset", json={"email": city.admin.email}), 429)
    problem(await accept(client, "x" * 43), 429)
    # Other endpoints keep their own budget; the next minute opens a new window.
    assert (await client.get("/me", headers=city.headers)).status_code == 200
    clock.now += 60
    assert (await log_in(client, city.admin.email, STAFF_PASSWORD)).status_code == 200


@pytest.fixture
async def counting(db: Any, database_url: str) -> AsyncIterator[tuple[Any, City, Clock]]:
    """An app of its own with failed logins counted (the request limit far away), on a clock the test moves."""
    app = create_app(test_settings(database_url, rate_limit_login="1000/minute"))
    clock = Clock(100.0)
    app.state.rate_limiter = MemoryRateLimiter(clock=clock)
    async with app.state.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    try:
        yield app, await make_city(app, "zaehlstadt"), clock
    finally:
        await app.state.engine.dispose()


@asynccontextmanager
async def device(app: Any, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client at its own network address."""
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as client:
        yield client


WRONG = "falsch-geraten-123"


async def test_correct_logins_are_never_counted_as_failed(counting):
    app, city, _ = counting
    async with device(app, "10.0.0.1") as office:
        statuses = [(await log_in(office, city.admin.email, STAFF_PASSWORD)).status_code for _ in range(14)]
    assert statuses == [200] * 14


async def test_a_guesser_is_stopped_and_the_owner_on_another_device_still_logs_in(counting):
    app, city, clock = counting
    async with device(app, "203.0.113.9") as guesser, device(app, "10.0.0.1") as owner:
        for _ in range(5):
            problem(await log_in(guesser, city.admin.email, WRONG), 401)
        unknown = [await log_in(guesser, "niemand@zaehlstadt.example", WRONG) for _ in range(6)][-1]

        stopped = await log_in(guesser, city.admin.email, WRONG)

        body = problem(stopped, 429)
        assert int(stopped.headers["Retry-After"]) > 60
        # An address not known to exist looks the same: nothing tells who has an account.
        assert unknown.json()["detail"] == body["detail"]
        # Stopped means stopped: even the right password gets no answer from this device.
        problem(await log_in(guesser, city.admin.email, STAFF_PASSWORD), 429)
        # The owner, elsewhere, is not locked out.
        assert (await log_in(owner, city.admin.email, STAFF_PASSWORD)).status_code == 200
        # Wrong current passwords count too: a stolen token must not help to guess.
        change = {"current_password": WRONG, "new_password": GOOD_PASSWORD}
        headers = bearer(await logged_in_token(app, city.admin.id, city.organization.id))
        problem(await guesser.post("/auth/password", json=change, headers=headers), 429)

        clock.now += 15 * 60
        assert (await log_in(guesser, city.admin.email, STAFF_PASSWORD)).status_code == 200


async def test_a_successful_login_forgets_the_failures_before_it(counting):
    app, city, _ = counting
    async with device(app, "10.0.0.1") as laptop:
        for _ in range(3):
            for _ in range(4):  # a person who mistypes often, but logs in in the end
                problem(await log_in(laptop, city.admin.email, WRONG), 401)
            assert (await log_in(laptop, city.admin.email, STAFF_PASSWORD)).status_code == 200


async def test_one_client_spraying_many_accounts_is_stopped(counting):
    app, city, _ = counting
    async with device(app, "203.0.113.9") as sprayer, device(app, "10.0.0.1") as owner:
        for n in range(30):
            problem(await log_in(sprayer, f"person-{n}@zaehlstadt.example", WRONG), 401)

        problem(await log_in(sprayer, "person-99@zaehlstadt.example", WRONG), 429)
        problem(await log_in(sprayer, city.admin.email, STAFF_PASSWORD), 429)
        assert (await log_in(owner, city.admin.email, STAFF_PASSWORD)).status_code == 200


async def test_an_account_guessed_at_from_many_clients_stays_open_to_its_owner(counting):
    app, city, _ = counting
    for n in range(50):  # a botnet: one guess per address
        async with device(app, f"198.51.100.{n}") as bot:
            problem(await log_in(bot, city.admin.email, WRONG), 401)

    async with device(app, "198.51.100.7") as bot_again, device(app, "10.0.0.1") as owner:
        problem(await log_in(bot_again, city.admin.email, WRONG), 429)
        problem(await log_in(bot_again, city.admin.email, STAFF_PASSWORD), 429)
        assert (await log_in(owner, city.admin.email, STAFF_PASSWORD)).status_code == 200


# --- the mails themselves ------------------------------------------------------------------------

MAIL_CONTEXT = {
    "person_name": "Dana Beispiel",
    "org_name": "Stadt Musterstadt",
    "org_contact": "Integrationsbüro, Telefon 0221 123456",
    "link": "https://teilhabe.example/staff/invitation#t=abc_DEF-123",
    "valid_until": "Freitag, 4. Dezember 2026, 12:00 Uhr",
}


@pytest.mark.parametrize("kind", [MailKind.staff_invitation, MailKind.password_reset])
@pytest.mark.parametrize("language", ["de", "en"])
def test_staff_mails_render_in_both_languages(kind, language):
    mail = render(kind, language, MAIL_CONTEXT)

    assert mail.subject
    assert mail.text.startswith({"de": "Hallo Dana Beispiel,", "en": "Hello Dana Beispiel,"}[language])
    assert mail.text.rstrip().endswith({"de": "Viele Grüße", "en": "Best wishes"}[language] + "\nStadt Musterstadt")
    assert MAIL_CONTEXT["link"] in mail.text.splitlines()
    assert MAIL_CONTEXT["valid_until"] in mail.text
    assert MAIL_CONTEXT["org_contact"] in mail.text
    assert _Hrefs(mail.html).hrefs == [MAIL_CONTEXT["link"]]
    assert f'<html lang="{language}">' in mail.html
    other = render(kind, "en" if language == "de" else "de", MAIL_CONTEXT)
    assert other.subject != mail.subject


@pytest.mark.parametrize("kind", [MailKind.staff_invitation, MailKind.password_reset])
def test_staff_mails_need_their_keys_and_a_web_link(kind):
    for key in ("org_name", "link", "valid_until"):
        with pytest.raises(ValueError, match=key):
            render(kind, "de", {**MAIL_CONTEXT, key: None})
    with pytest.raises(ValueError, match="link"):
        render(kind, "de", {**MAIL_CONTEXT, "link": "javascript:alert(1)"})
    hostile = render(kind, "de", {**MAIL_CONTEXT, "person_name": "<script>x</script>"})
    assert "<script>" not in hostile.html
    assert render(kind, "de", {**MAIL_CONTEXT, "person_name": None}).text.startswith("Hallo,\n")
