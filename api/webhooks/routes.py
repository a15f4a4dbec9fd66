"""Admins subscribe receivers to what happens in their city and see every delivery and its attempts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from api.authz import P, authorize
from api.deps import Caller, Pages, Session, Settings
from api.pagination import Page
from api.webhooks import service
from api.webhooks.models import DeliveryStatus, WebhookDelivery
from api.webhooks.schemas import (
    DeliveryOut,
    SubscriptionCreate,
    SubscriptionStaff,
    SubscriptionUpdate,
    SubscriptionWithSecret,
)

router = APIRouter(prefix="/staff/webhooks", tags=["staff: webhooks"])


@router.get("", response_model=Page[SubscriptionStaff], summary="Your city's webhook subscriptions, newest first")
async def list_webhook_subscriptions(session: Session, caller: Caller, page: Pages) -> Page[SubscriptionStaff]:
    authorize(caller, P.webhooks_manage)
    rows, cursor = await service.list_subscriptions(session, caller, page)
    ctx = {"tz": caller.organization.timezone}
    return Page(items=[SubscriptionStaff.model_validate(s, context=ctx) for s in rows], next_cursor=cursor)


@router.post(
    "",
    response_model=SubscriptionWithSecret,
    status_code=status.HTTP_201_CREATED,
    summary="Subscribe a receiver; its `whsec_` signing secret is shown only in this answer",
)
async def create_webhook_subscription(
    request: Request, settings: Settings, session: Session, caller: Caller, data: SubscriptionCreate
) -> SubscriptionWithSecret:
    authorize(caller, P.webhooks_manage)
    subscription, secret = await service.subscribe(session, settings, caller, data)
    request.state.audit_object = ("webhook", subscription.id)
    answer = SubscriptionStaff.model_validate(subscription, context={"tz": caller.organization.timezone})
    return SubscriptionWithSecret(**answer.model_dump(), secret=secret)


@router.get("/{subscription_id}", response_model=SubscriptionStaff, summary="A subscription (never its secret)")
async def get_webhook_subscription(session: Session, caller: Caller, subscription_id: uuid.UUID) -> SubscriptionStaff:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    return SubscriptionStaff.model_validate(subscription, context={"tz": caller.organization.timezone})


@router.patch(
    "/{subscription_id}",
    response_model=SubscriptionStaff,
    summary="Change the URL or event types; `active: true` re-enables a subscription disabled by 410 Gone",
)
async def update_webhook_subscription(
    settings: Settings, session: Session, caller: Caller, subscription_id: uuid.UUID, data: SubscriptionUpdate
) -> SubscriptionStaff:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    await service.update(session, settings, subscription, data)
    return SubscriptionStaff.model_validate(subscription, context={"tz": caller.organization.timezone})


@router.delete(
    "/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Unsubscribe; queued deliveries are dropped",
)
async def delete_webhook_subscription(session: Session, caller: Caller, subscription_id: uuid.UUID) -> Response:
    authorize(caller, P.webhooks_manage)
    await service.unsubscribe(session, await service.get(session, caller, subscription_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{subscription_id}/rotate-secret",
    response_model=SubscriptionWithSecret,
    summary="A new signing secret, used from now on; shown only in this answer",
)
async def rotate_webhook_secret(
    settings: Settings, session: Session, caller: Caller, subscription_id: uuid.UUID
) -> SubscriptionWithSecret:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    secret = await service.rotate_secret(session, settings, subscription)
    answer = SubscriptionStaff.model_validate(subscription, context={"tz": caller.organization.timezone})
    return SubscriptionWithSecret(**answer.model_dump(), secret=secret)


@router.post(
    "/{subscription_id}/test",
    response_model=DeliveryOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Queue a signed `webhook.test` delivery to the receiver",
)
async def send_webhook_test(session: Session, caller: Caller, subscription_id: uuid.UUID) -> DeliveryOut:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    return _delivery_out(caller, await service.send_test(session, subscription))


@router.get(
    "/{subscription_id}/deliveries",
    response_model=Page[DeliveryOut],
    summary="The delivery log: every message with its attempts (status code, time), newest first",
)
async def list_webhook_deliveries(
    session: Session,
    caller: Caller,
    subscription_id: uuid.UUID,
    page: Pages,
    delivery_status: Annotated[DeliveryStatus | None, Query(alias="status")] = None,
) -> Page[DeliveryOut]:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    rows, cursor = await service.list_deliveries(session, subscription, page, delivery_status)
    return Page(items=[_delivery_out(caller, d) for d in rows], next_cursor=cursor)


@router.get(
    "/{subscription_id}/deliveries/{delivery_id}",
    response_model=DeliveryOut,
    summary="One delivery with its attempts",
)
async def get_webhook_delivery(
    session: Session, caller: Caller, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> DeliveryOut:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    return _delivery_out(caller, await service.get_delivery(session, subscription, delivery_id))


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/redeliver",
    response_model=DeliveryOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send a delivery again (same webhook-id), with a fresh set of retries",
)
async def redeliver_webhook(
    session: Session, caller: Caller, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> DeliveryOut:
    authorize(caller, P.webhooks_manage)
    subscription = await service.get(session, caller, subscription_id)
    delivery = await service.get_delivery(session, subscription, delivery_id)
    await service.redeliver(session, subscription, delivery)
    return _delivery_out(caller, await service.get_delivery(session, subscription, delivery_id))


def _delivery_out(caller: Caller, delivery: WebhookDelivery) -> DeliveryOut:
    ctx = {"tz": caller.organization.timezone}
    answer = DeliveryOut.model_validate(delivery, context=ctx)
    if delivery.status != DeliveryStatus.pending:
        answer.next_attempt_at = None  # only a pending delivery has a next attempt
    return answer
