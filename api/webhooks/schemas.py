"""Webhook subscriptions and their delivery log as admins see them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError

from api.schemas import LocalizedOut, Text
from api.webhooks.events import WebhookEventType
from api.webhooks.models import DeliveryStatus


def _each_once(types: list[WebhookEventType] | None) -> list[WebhookEventType] | None:
    if types is not None and len(set(types)) != len(types):
        raise PydanticCustomError("duplicate", "Name each event type only once.")
    return types


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: AnyHttpUrl = Field(description="The receiver; https in production.", examples=["https://cms.example/hooks"])
    description: Text(200) | None = None
    event_types: list[WebhookEventType] = Field(min_length=1, max_length=len(WebhookEventType))
    include_personal_data: StrictBool = Field(
        default=False,
        description="Registration and membership payloads carry the person's name, e-mail and phone. "
        "Off: ids, statuses and public fields only.",
    )

    _unique = field_validator("event_types")(_each_once)


class SubscriptionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: AnyHttpUrl | None = None
    description: Text(200) | None = None
    event_types: list[WebhookEventType] | None = Field(default=None, min_length=1, max_length=len(WebhookEventType))
    include_personal_data: StrictBool | None = None
    active: StrictBool | None = Field(default=None, description="true re-enables a subscription disabled by 410 Gone.")

    _unique = field_validator("event_types")(_each_once)


class SubscriptionStaff(LocalizedOut):
    id: uuid.UUID
    url: str
    description: str | None
    event_types: list[str]
    include_personal_data: bool
    active: bool
    disabled_reason: str | None
    secret_hint: str = Field(description="The secret's first characters, to tell secrets apart; not usable.")
    created_at: datetime
    updated_at: datetime


class SubscriptionWithSecret(SubscriptionStaff):
    secret: str = Field(description="The `whsec_…` signing secret. Shown in this answer only.")


class AttemptOut(LocalizedOut):
    number: int
    at: datetime
    status_code: int | None = Field(description="The receiver's HTTP status; null when it could not be reached.")
    error: str | None
    duration_ms: int


class DeliveryOut(LocalizedOut):
    id: uuid.UUID = Field(description="Sent as `webhook-id`; the same on every retry.")
    event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]
    log: list[AttemptOut] = Field(description="Every try, oldest first.")
