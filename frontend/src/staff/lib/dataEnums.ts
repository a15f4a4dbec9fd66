// The API's enumerations of the data pages, in the order the forms offer them.
import type { Schemas } from "../../api/client";

/** What a webhook can announce, grouped as the checklist shows it (api/webhooks/events.py). */
export const WEBHOOK_EVENT_GROUPS = {
  events: ["event.published", "event.updated", "event.cancelled", "event.postponed"],
  registrations: [
    "registration.created",
    "registration.confirmed",
    "registration.waitlisted",
    "registration.promoted",
    "registration.cancelled",
    "registration.expired",
    "registration.checked_in",
    "registration.no_show",
  ],
  memberships: ["membership.applied", "membership.accepted", "membership.waitlisted", "membership.rejected", "membership.withdrawn"],
} as const satisfies Record<string, readonly Schemas["WebhookEventType"][]>;

export const WEBHOOK_EVENT_TYPES: readonly Schemas["WebhookEventType"][] = Object.values(WEBHOOK_EVENT_GROUPS).flat();

/** Sent only by "send a test event"; nobody subscribes to it, but the delivery log shows it. */
export const TEST_EVENT = "webhook.test";

export const DELIVERY_STATUSES: readonly Schemas["DeliveryStatus"][] = ["pending", "delivered", "failed"];

/**
 * Every scope an API client can be given, with its words in `staffData:scopes`, including scopes the
 * server may not offer yet: the checklist offers what the API accepts (SCOPES in enums.ts), a client's
 * card names whatever it holds.
 */
export const SCOPE_TEXTS = [
  "events:read",
  "events:manage",
  "events:access-details",
  "registrations:read",
  "registrations:write",
] as const;
