"""Settings, read from the environment (prefix ``TEILHABE_``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.ratelimit import Limit

# Only ever valid in development and tests; the app refuses it anywhere else.
DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production!"  # noqa: S105 - refused in production
MIN_SECRET_BYTES = 32
# Where the JSON API lives; everything else on the host is the single-page app.
API_PREFIX = "/api/v1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TEILHABE_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///./teilhabe.db"
    database_echo: bool = False

    secret_key: str = DEVELOPMENT_SECRET
    jwt_issuer: str = "teilhabe"
    jwt_audience: str = "teilhabe-api"
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=14, ge=1, le=365)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:8000"
    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # Each API process keeps a finished public answer this long and serves it again from memory (a
    # rush on a city's pages). Unset: 2 s in production, off in development and tests.
    public_cache_seconds: float | None = Field(default=None, ge=0, le=60)
    frontend_dist: Path = Path("frontend/dist")
    log_level: str = "info"

    # Sign-up
    confirmation_hold_hours: int = Field(default=48, ge=1, le=24 * 14)
    offer_hold_hours: int = Field(default=48, ge=1, le=24 * 14)
    # When few seats are left, an unconfirmed sign-up holds its seat this long only: a confirmation mail
    # is opened within minutes, and a seat someone will never confirm must not stay blocked for two days.
    scarce_hold_minutes: int = Field(default=60, ge=5, le=24 * 60)
    # Unconfirmed web sign-ups one client address may hold at once, across all events: a family signing
    # up together fits, a script reserving a hall does not.
    unconfirmed_per_client: int = Field(default=10, ge=1, le=1000)
    reminder_lead_hours: int = Field(default=24, ge=1, le=24 * 14)
    access_details_lead_hours: int = Field(default=48, ge=0, le=24 * 60)
    rate_limit_signup: str = "20/minute"
    rate_limit_confirm: str = "60/minute"
    # Staff login, password-reset requests and accepting invitations, per client address: a flood guard,
    # roomy enough for an office whose staff share one address. While it is on, failed logins are counted
    # too (api/staff/authentication.py): per account and client, per client and per account.
    rate_limit_login: str = "30/minute"
    # Webhook receivers: private and loopback addresses (None: allowed in development only, where receivers
    # run on this machine), and the ports an https receiver may use (api/webhooks/egress.py).
    webhook_private_addresses: bool | None = None
    webhook_ports: list[int] = Field(default=[443], min_length=1)
    redis_url: str | None = None

    # Mail: "capture" keeps mails in the outbox for the development mail view; "smtp" sends them.
    mail_transport: Literal["capture", "smtp"] = "capture"
    mail_from: str = "Teilhabe <noreply@teilhabe.example>"
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: float = Field(default=20, gt=0)
    mail_max_attempts: int = Field(default=12, ge=1, le=50)
    # A staff message to many people leaves one mail every this many seconds, so that the city's mail
    # server (and the receivers' spam filters) are not flooded; 0 sends them all at once.
    staff_message_interval_seconds: float = Field(default=2, ge=0, le=3600)

    # The worker sends mails, expires held seats and sends reminders. In development it runs
    # inside the API process; in production run `python -m api worker` and set this to false.
    worker_in_process: bool = True
    worker_interval_seconds: float = Field(default=5, gt=0)

    @property
    def public_answer_hold(self) -> float:
        if self.public_cache_seconds is not None:
            return self.public_cache_seconds
        return 0.0 if self.is_development else 2.0

    @property
    def is_development(self) -> bool:
        return self.environment != "production"

    @field_validator("rate_limit_signup", "rate_limit_confirm", "rate_limit_login")
    @classmethod
    def _readable_limit(cls, value: str) -> str:
        if value.strip():
            Limit.parse(value)  # a typo stops the app at start, not the first sign-up
        return value

    @model_validator(mode="after")
    def _refuse_weak_secret_outside_development(self) -> Settings:
        if self.environment != "production":
            return self
        secret = self.secret_key
        if secret == DEVELOPMENT_SECRET:
            raise ValueError("TEILHABE_SECRET_KEY must be set in production")
        if len(secret.encode()) < MIN_SECRET_BYTES or len(set(secret)) < 12:
            raise ValueError(
                "TEILHABE_SECRET_KEY must be at least 32 random bytes "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
