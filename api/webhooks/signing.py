"""Standard Webhooks signatures (https://www.standardwebhooks.com): the receiver checks
`v1,<base64 HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")>` with the `whsec_` secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from api.config import Settings

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix Standard Webhooks gives secrets, not a secret
SECRET_BYTES = 32


def subscription_secret(settings: Settings, subscription_id: uuid.UUID, version: int) -> str:
    """The subscription's signing secret. Derived from the server key rather than stored, so a copy of
    the database signs nothing; rotating raises `version` and so yields a new, unrelated secret."""
    message = f"webhook-secret:{subscription_id}:{version}".encode()
    key = hmac.new(settings.secret_key.encode(), message, hashlib.sha256).digest()[:SECRET_BYTES]
    return SECRET_PREFIX + base64.b64encode(key).decode()


def secret_hint(secret: str) -> str:
    """Enough of the secret for staff to tell which one a receiver has, too little to sign with."""
    return secret[: len(SECRET_PREFIX) + 4] + "…"


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def headers(secret: str, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, webhook_id, timestamp, body),
        "content-type": "application/json",
        "user-agent": "Teilhabe-Webhooks/1",
    }
