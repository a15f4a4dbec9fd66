"""Staff login, token rotation, token forgery and tenant isolation."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import secrets
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt
from pydantic import ValidationError
from sqlalchemy import select

from api.config import DEVELOPMENT_SECRET, Settings
from api.db import utcnow
from api.security import hash_secret_token
from api.staff.authentication import revoke_all_tokens
from api.staff.models import RefreshToken, StaffUser
from tests.builders import created, event_body, group_body, problem, process_body
from tests.conftest import STAFF_PASSWORD, City, logged_in_token

PROTECTED = "/staff/processes"
PROBLEM = "application/problem+json"


# --- helpers -------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64json(value: dict[str, Any]) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def claims_for(app: Any, city: City, **overrides: Any) -> dict[str, Any]:
    """The claims of a genuine access token for the city's admin; a value of None drops the claim."""
    settings = app.state.settings
    now = int(utcnow().timestamp())
    claims: dict[str, Any] = {
        "sub": str(city.admin.id),
        "org": str(city.organization.id),
        "sid": jwt.get_unverified_claims(city.headers["Authorization"].removeprefix("Bearer "))["sid"],
        "iat": now,
        "exp": now + 600,
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not None}


def signed(app: Any, claims: dict[str, Any]) -> str:
    return jwt.encode(claims, app.state.settings.secret_key, algorithm="HS256")


def hs256_by_hand(header: dict[str, Any], claims: dict[str, Any], key: bytes) -> str:
    signing_input = f"{b64json(header)}.{b64json(claims)}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_unauthorized(response: httpx.Response) -> None:
    problem(response, 401, slug="unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


async def log_in(client: httpx.AsyncClient, email: str, password: str = STAFF_PASSWORD) -> httpx.Response:
    return await client.post("/auth/token", json={"email": email, "password": password})


async def tokens(client: httpx.AsyncClient, city: City) -> dict[str, Any]:
    response = await log_in(client, city.admin.email)
    assert response.status_code == 200, response.text
    return response.json()


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": refresh_token})


async def set_active(app: Any, user_id: uuid.UUID, active: bool) -> None:
    async with app.state.sessionmaker() as session:
        user = await session.get(StaffUser, user_id)
        user.is_active = active
        await session.commit()


async def revoke_all(app: Any, user_id: uuid.UUID) -> None:
    async with app.state.sessionmaker() as session:
        user = await session.get(StaffUser, user_id)
        await revoke_all_tokens(session, user)
        await session.commit()


# --- login ---------------------------------------------------------------------------------------


async def test_login_returns_a_working_token_pair(client, db, city):
    response = await log_in(client, city.admin.email)

    assert response.status_code == 200, response.text
    pair = response.json()
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == db.state.settings.access_token_minutes * 60
    assert pair["refresh_token"]
    assert pair["access_token"] != pair["refresh_token"]
    me = await client.get("/me", headers=bearer(pair["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["user"]["id"] == str(city.admin.id)


async def test_login_email_is_case_insensitive(client, city):
    response = await log_in(client, "  ADMIN@TestStadt.Example ")

    assert response.status_code == 200, response.text
    me = await client.get("/me", headers=bearer(response.json()["access_token"]))
    assert me.json()["user"]["email"] == "admin@teststadt.example"


async def test_wrong_password_and_unknown_email_get_the_same_answer(client, city):
    wrong_password = await log_in(client, city.admin.email, "not-the-password")
    unknown_email = await log_in(client, "nobody@teststadt.example")

    assert_unauthorized(wrong_password)
    assert_unauthorized(unknown_email)
    assert wrong_password.json() == unknown_email.json()
    assert city.admin.email not in wrong_password.text


async def test_inactive_user_cannot_log_in(client, db, city):
    wrong_password = await log_in(client, city.admin.email, "not-the-password")
    await set_active(db, city.admin.id, False)

    response = await log_in(client, city.admin.email)

    assert_unauthorized(response)
    assert "access_token" not in response.json()
    # Nothing tells an outsider that the account exists but is switched off.
    assert response.json() == wrong_password.json()


# --- refresh and logout --------------------------------------------------------------------------


async def test_refresh_rotates_and_the_old_refresh_token_stops_working(client, city):
    first = await tokens(client, city)

    response = await refresh(client, first["refresh_token"])

    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["token_type"] == "bearer"
    me = await client.get("/me", headers=bearer(second["access_token"]))
    assert me.status_code == 200, me.text
    assert_unauthorized(await refresh(client, first["refresh_token"]))


async def test_reusing_a_spent_refresh_token_ends_the_whole_login(client, db, city):
    first = await tokens(client, city)
    second = (await refresh(client, first["refresh_token"])).json()

    # A thief replays the spent token: refused, and the newest token of that login dies with it.
    assert_unauthorized(await refresh(client, first["refresh_token"]))
    assert_unauthorized(await refresh(client, second["refresh_token"]))

    # The revocation was written even though the request that caused it answered 401.
    async with db.state.sessionmaker() as session:
        stored = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == hash_secret_token(second["refresh_token"]))
        )
    assert stored is not None
    assert stored.revoked_at is not None
    assert stored.used_at is None


async def test_reuse_in_one_login_leaves_other_logins_alone(client, city):
    laptop = await tokens(client, city)
    phone = await tokens(client, city)
    (await refresh(client, laptop["refresh_token"])).raise_for_status()

    assert_unauthorized(await refresh(client, laptop["refresh_token"]))

    response = await refresh(client, phone["refresh_token"])
    assert response.status_code == 200, response.text


async def test_one_refresh_token_raced_twice_gives_at_most_one_login(client, city):
    pair = await tokens(client, city)

    first, second = await asyncio.gather(refresh(client, pair["refresh_token"]), refresh(client, pair["refresh_token"]))

    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [200, 401], (first.text, second.text)
    winner = first if first.status_code == 200 else second
    # Two requests spent one token: that is a replay, so the winner's new token dies with the login.
    assert_unauthorized(await refresh(client, winner.json()["refresh_token"]))


async def test_expired_refresh_token_is_refused(client, db, city):
    pair = await tokens(client, city)
    async with db.state.sessionmaker() as session:
        stored = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == hash_secret_token(pair["refresh_token"]))
        )
        stored.expires_at = utcnow() - timedelta(seconds=1)
        await session.commit()

    assert_unauthorized(await refresh(client, pair["refresh_token"]))


async def test_unknown_refresh_token_is_refused(client, city):
    await tokens(client, city)

    assert_unauthorized(await refresh(client, secrets.token_urlsafe(32)))


async def test_refresh_is_refused_after_the_user_was_deactivated(client, db, city):
    pair = await tokens(client, city)
    await set_active(db, city.admin.id, False)

    assert_unauthorized(await refresh(client, pair["refresh_token"]))


async def test_logout_ends_the_refresh_token(client, city):
    pair = await tokens(client, city)

    response = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})

    assert response.status_code == 204, response.text
    assert_unauthorized(await refresh(client, pair["refresh_token"]))


async def test_logout_ends_the_access_tokens_of_the_login_at_once(client, city):
    pair = await tokens(client, city)
    other_login = await tokens(client, city)
    assert (await client.get(PROTECTED, headers=bearer(pair["access_token"]))).status_code == 200

    response = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})

    assert response.status_code == 204, response.text
    assert_unauthorized(await client.get(PROTECTED, headers=bearer(pair["access_token"])))
    assert_unauthorized(await client.get("/me", headers=bearer(pair["access_token"])))
    # Only that login ends: the same person on another device goes on working.
    assert (await client.get(PROTECTED, headers=bearer(other_login["access_token"]))).status_code == 200


async def test_logout_with_a_rotated_token_ends_the_whole_login(client, city):
    first = await tokens(client, city)
    second = (await refresh(client, first["refresh_token"])).json()
    third = (await refresh(client, second["refresh_token"])).json()

    response = await client.post("/auth/logout", json={"refresh_token": second["refresh_token"]})

    assert response.status_code == 204, response.text
    assert_unauthorized(await refresh(client, third["refresh_token"]))
    assert_unauthorized(await client.get(PROTECTED, headers=bearer(third["access_token"])))


async def test_revoke_all_tokens_ends_refresh_tokens_too(client, db, city):
    pair = await tokens(client, city)

    await revoke_all(db, city.admin.id)

    assert_unauthorized(await refresh(client, pair["refresh_token"]))


# --- /me -----------------------------------------------------------------------------------------


async def test_me_tells_who_is_logged_in(client, city):
    response = await client.get("/me", headers=city.headers)

    assert response.status_code == 200, response.text
    me = response.json()
    assert me["user"]["id"] == str(city.admin.id)
    assert me["user"]["email"] == city.admin.email
    assert me["user"]["organization_id"] == str(city.organization.id)
    assert me["roles"] == [{"role": "admin", "process_id": None, "group_id": None}]
    assert me["client"] is None
    assert me["user"]["is_active"] is True
    assert me["organization"]["slug"] == "teststadt"
    assert me["organization"]["id"] == str(city.organization.id)
    assert set(me["permissions"]) >= {"processes:write", "groups:write", "events:write", "staff:manage"}
    assert "password" not in response.text
    assert "$argon2" not in response.text


async def test_me_shows_the_callers_own_city(client, city, other_city):
    response = await client.get("/me", headers=other_city.headers)

    assert response.status_code == 200, response.text
    assert response.json()["organization"]["slug"] == "andere-stadt"
    assert response.json()["user"]["email"] == other_city.admin.email


async def test_me_without_a_token_is_401(client, city):
    assert_unauthorized(await client.get("/me"))


# --- token attacks -------------------------------------------------------------------------------


async def test_a_hand_built_genuine_token_is_accepted(client, db, city):
    """The control for every attack below: the same helpers with nothing tampered are let in."""
    response = await client.get(PROTECTED, headers=bearer(signed(db, claims_for(db, city))))
    assert response.status_code == 200, response.text
    manual = hs256_by_hand({"alg": "HS256", "typ": "JWT"}, claims_for(db, city), db.state.settings.secret_key.encode())
    response = await client.get(PROTECTED, headers=bearer(manual))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
async def test_unsigned_token_is_refused(client, db, city, alg):
    token = f"{b64json({'alg': alg, 'typ': 'JWT'})}.{b64json(claims_for(db, city))}."

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_token_with_a_changed_signature_is_refused(client, db, city):
    token = signed(db, claims_for(db, city))
    assert (await client.get(PROTECTED, headers=bearer(token))).status_code == 200
    head, payload, signature = token.split(".")
    # Changed in the middle: the last character of a base64url signature partly encodes padding bits.
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(f"{head}.{payload}.{flipped}")))


async def test_token_with_changed_claims_but_the_old_signature_is_refused(client, db, city, other_city):
    head, _, signature = signed(db, claims_for(db, city)).split(".")
    payload = b64json(claims_for(db, other_city))

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(f"{head}.{payload}.{signature}")))


async def test_token_signed_with_another_secret_is_refused(client, db, city):
    token = jwt.encode(claims_for(db, city), secrets.token_urlsafe(48), algorithm="HS256")

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


@pytest.fixture(scope="module")
def rsa_keys() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


async def test_hs256_token_keyed_with_an_rsa_public_key_is_refused(client, db, city, rsa_keys):
    _, public_pem = rsa_keys
    token = hs256_by_hand({"alg": "HS256", "typ": "JWT"}, claims_for(db, city), public_pem)

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_rs256_token_is_refused(client, db, city, rsa_keys):
    private_pem, _ = rsa_keys
    token = jwt.encode(claims_for(db, city), private_pem.decode(), algorithm="RS256")

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_expired_token_is_refused(client, db, city):
    now = int(utcnow().timestamp())
    still_valid = signed(db, claims_for(db, city, iat=now - 7200, exp=now + 60))
    assert (await client.get(PROTECTED, headers=bearer(still_valid))).status_code == 200

    token = signed(db, claims_for(db, city, iat=now - 7200, exp=now - 3600))

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_token_made_by_the_app_expires(client, db, city):
    lifetime = timedelta(minutes=db.state.settings.access_token_minutes)
    almost = await logged_in_token(
        db, city.admin.id, city.organization.id, now=utcnow() - lifetime + timedelta(seconds=30)
    )
    assert (await client.get(PROTECTED, headers=bearer(almost))).status_code == 200

    token = await logged_in_token(
        db, city.admin.id, city.organization.id, now=utcnow() - lifetime - timedelta(seconds=5)
    )

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("aud", "some-other-api"),
        ("iss", "https://evil.example"),
        ("typ", "refresh"),
        ("sub", "not-a-uuid"),
        pytest.param("sub", str(uuid.uuid4()), id="sub-of-nobody"),
        pytest.param("org", str(uuid.uuid4()), id="org-of-no-city"),
    ],
)
async def test_token_with_a_wrong_claim_is_refused(client, db, city, claim, value):
    token = signed(db, claims_for(db, city, **{claim: value}))

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "aud", "iss", "org", "sid", "typ"])
async def test_token_missing_a_claim_is_refused(client, db, city, claim):
    token = signed(db, claims_for(db, city, **{claim: None}))
    assert claim not in jwt.get_unverified_claims(token)

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_token_of_another_city_claiming_this_city_is_refused(client, db, city, other_city):
    token = signed(db, claims_for(db, other_city, org=str(city.organization.id)))

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))


async def test_token_of_a_deactivated_user_is_refused(client, db, city):
    assert (await client.get(PROTECTED, headers=city.headers)).status_code == 200

    await set_active(db, city.admin.id, False)

    assert_unauthorized(await client.get(PROTECTED, headers=city.headers))
    assert_unauthorized(await client.get("/me", headers=city.headers))


async def test_revocation_ends_a_token_issued_in_the_same_second(client, db, city):
    token = await logged_in_token(db, city.admin.id, city.organization.id)
    assert (await client.get(PROTECTED, headers=bearer(token))).status_code == 200

    await revoke_all(db, city.admin.id)

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(token)))
    assert_unauthorized(await client.get(PROTECTED, headers=city.headers))
    # A fresh login right afterwards (even within the same second) works.
    fresh = await tokens(client, city)
    response = await client.get(PROTECTED, headers=bearer(fresh["access_token"]))
    assert response.status_code == 200, response.text


async def test_refresh_token_is_not_a_bearer_token(client, city):
    pair = await tokens(client, city)

    assert_unauthorized(await client.get(PROTECTED, headers=bearer(pair["refresh_token"])))


@pytest.mark.parametrize(
    "authorization",
    ["Bearer", "Bearer ", "Bearer not-a-jwt", "Bearer a.b.c", "Basic YWRtaW46cGFzc3dvcmQ=", "Token abc"],
)
async def test_malformed_authorization_is_refused(client, city, authorization):
    assert_unauthorized(await client.get(PROTECTED, headers={"Authorization": authorization}))


async def test_staff_route_without_a_token_is_401(client, city):
    assert_unauthorized(await client.get(PROTECTED))


# --- tenant isolation ----------------------------------------------------------------------------


async def _city_draft_content(client: httpx.AsyncClient, city: City) -> dict[str, dict[str, Any]]:
    process = await created(await client.post("/staff/processes", json=process_body(), headers=city.headers))
    group = await created(await client.post("/staff/groups", json=group_body(process["id"]), headers=city.headers))
    event = await created(await client.post("/staff/events", json=event_body(process["id"]), headers=city.headers))
    return {"processes": process, "groups": group, "events": event}


CHANGES = {"processes": {"title": "Gekapert"}, "groups": {"name": "Gekapert"}, "events": {"title": "Gekapert"}}


async def test_another_city_cannot_touch_this_citys_content(client, city, other_city):
    content = await _city_draft_content(client, city)

    for kind, item in content.items():
        url = f"/staff/{kind}/{item['id']}"
        nothing_there = await client.get(f"/staff/{kind}/{uuid.uuid4()}", headers=other_city.headers)
        assert nothing_there.status_code == 404, nothing_there.text
        attempts = [
            await client.get(url, headers=other_city.headers),
            await client.patch(url, json=CHANGES[kind], headers=other_city.headers),
            await client.post(f"{url}/publish", headers=other_city.headers),
            await client.delete(url, headers=other_city.headers),
        ]
        for response in attempts:
            assert response.status_code == 404, (kind, response.request.method, response.text)
            assert response.headers["content-type"] == PROBLEM
            # Indistinguishable from an id that does not exist at all.
            assert response.json()["detail"] == nothing_there.json()["detail"]
            assert "Gekapert" not in response.text

    for kind, item in content.items():
        response = await client.get(f"/staff/{kind}/{item['id']}", headers=city.headers)
        assert response.status_code == 200, response.text
        assert response.json() == item
        assert response.json()["status"] == "draft"
        listed = await client.get(f"/staff/{kind}", headers=other_city.headers)
        assert listed.status_code == 200, listed.text
        assert listed.json()["items"] == []


async def test_another_city_cannot_add_to_this_citys_process(client, city, other_city):
    content = await _city_draft_content(client, city)
    process_id = content["processes"]["id"]

    group = await client.post("/staff/groups", json=group_body(process_id, slug="ag-fremd"), headers=other_city.headers)
    event = await client.post("/staff/events", json=event_body(process_id), headers=other_city.headers)

    assert group.status_code == 404, group.text
    assert event.status_code == 404, event.text
    groups = await client.get("/staff/groups", headers=city.headers)
    events = await client.get("/staff/events", headers=city.headers)
    assert [g["id"] for g in groups.json()["items"]] == [content["groups"]["id"]]
    assert [e["id"] for e in events.json()["items"]] == [content["events"]["id"]]


# --- settings ------------------------------------------------------------------------------------


def production(secret_key: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="production",
        database_url="sqlite+aiosqlite:///:memory:",
        secret_key=secret_key,
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param(DEVELOPMENT_SECRET, id="development-secret"),
        pytest.param("short-but-random-Xq9!", id="short"),
        pytest.param(secrets.token_urlsafe(16), id="16-random-bytes"),
        pytest.param("a" * 40, id="one-character-repeated"),
        pytest.param("abcdefghijk" * 4, id="eleven-distinct-characters"),
    ],
)
def test_production_refuses_a_weak_secret(secret_key):
    with pytest.raises(ValidationError, match="TEILHABE_SECRET_KEY"):
        production(secret_key)


def test_production_refuses_the_default_secret_when_none_is_set(monkeypatch):
    monkeypatch.delenv("TEILHABE_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="TEILHABE_SECRET_KEY must be set"):
        Settings(_env_file=None, environment="production")  # type: ignore[call-arg]


def test_production_accepts_a_strong_secret():
    secret_key = secrets.token_urlsafe(48)

    assert production(secret_key).secret_key == secret_key


def test_development_allows_the_development_secret():
    settings = Settings(_env_file=None, environment="development", secret_key=DEVELOPMENT_SECRET)  # type: ignore[call-arg]

    assert settings.secret_key == DEVELOPMENT_SECRET
