"""The only place that signs and verifies tokens and hashes passwords and secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import jwt
from jose.exceptions import JOSEError

from api.config import Settings
from api.db import utcnow

# API clients' keys start with this, so a key in a log or a leak scanner is recognisable as ours.
API_KEY_PREFIX = "thk_"

# Pinned: a token whose header names any other algorithm is refused before its signature is read.
JWT_ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ("exp", "iat", "sub", "aud", "iss")

_password_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a login takes as long either way.
_DUMMY_HASH = _password_hasher.hash("no-such-user-" + secrets.token_hex(8))


class InvalidToken(Exception):
    """The token is malformed, forged, expired or not meant for us."""


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    session_id: uuid.UUID
    issued_at: datetime


def hash_password(password: str) -> str:
    return _password_hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _password_hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def new_secret_token() -> str:
    """A random secret for links and refresh tokens; only its hash is stored."""
    return secrets.token_urlsafe(32)


def hash_secret_token(token: str) -> str:
    """Secret tokens are long and random, so a fast keyed hash is enough (no brute force possible)."""
    return hashlib.sha256(token.encode()).hexdigest()


def secret_tokens_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


def create_access_token(
    settings: Settings,
    user_id: uuid.UUID,
    organization_id: uuid.UUID,
    session_id: uuid.UUID,
    now: datetime | None = None,
) -> tuple[str, int]:
    now = now or utcnow()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims = {
        "sub": str(user_id),
        "org": str(organization_id),
        # The server-side login it belongs to: ending that ends this token at once, whatever its age.
        "sid": str(session_id),
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    token = jwt.encode(claims, settings.secret_key, algorithm=JWT_ALGORITHM)
    return token, int(lifetime.total_seconds())


def verify_access_token(settings: Settings, token: str) -> AccessClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != JWT_ALGORITHM:
            raise InvalidToken("unexpected algorithm")
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[JWT_ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={f"require_{claim}": True for claim in _REQUIRED_CLAIMS},
        )
        if claims.get("typ") != "access":
            raise InvalidToken("not an access token")
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            organization_id=uuid.UUID(claims["org"]),
            session_id=uuid.UUID(claims["sid"]),
            issued_at=datetime.fromtimestamp(int(claims["iat"]), tz=utcnow().tzinfo),
        )
    except (JOSEError, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken(str(exc)) from exc


def link_token(settings: Settings, purpose: str, subject_id: uuid.UUID) -> str:
    """The secret of a person's manage link. Derived with the server key, so any later mail can carry the
    same link again; the database keeps only its hash, so a copy of the database alone opens nothing."""
    digest = hmac.new(settings.secret_key.encode(), f"{purpose}:{subject_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# The mailed links carry their secret in the URL fragment, which browsers never send: the server, its
# access log, proxies and other sites (Referer) see only the page. The page reads it from there.
LINK_SECRET_PARAMETER = "t"  # noqa: S105 - a parameter name, not a secret


def secret_link(settings: Settings, page: str, token: str, query: str = "") -> str:
    """The address of the site's `page` (e.g. `/manage/registration`) with `token` in the fragment:
    `https://city.example/manage/registration?confirm=1#t=TOKEN`. `query` holds no secrets."""
    base = settings.public_base_url.rstrip("/")
    return f"{base}{page}{'?' + query if query else ''}#{LINK_SECRET_PARAMETER}={token}"
