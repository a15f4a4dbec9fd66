// Webhooks: the city's receivers of news (a CMS, an app), each with the kinds of news it gets, whether it
// is on, and how its last delivery went; a new one shows its signing secret once.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { Forbidden } from "../components/Forbidden";
import { OnceSecret } from "../components/OnceSecret";
import { DataState } from "../components/DataActions";
import { StatusMessage } from "../components/PageState";
import { textKey } from "../lib/dataProblems";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";
import { WebhookForm } from "./WebhookForm";

type Subscription = Schemas["SubscriptionStaff"];
type Delivery = Schemas["DeliveryOut"];

/** On, paused by an admin, or switched off because the receiver answered 410 Gone. */
export function SubscriptionState({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation("staffData");
  if (subscription.active) return <span className="status-tag tone-good">{t("webhooks.state.active")}</span>;
  if (subscription.disabled_reason) return <span className="status-tag tone-ended">{t("webhooks.state.gone")}</span>;
  return <span className="status-tag tone-waiting">{t("webhooks.state.paused")}</span>;
}

/** A delivery's outcome in words: delivered, waiting for its next try, or given up. */
export function DeliveryOutcome({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation("staffData");
  if (delivery.status === "delivered") return <span className="status-tag tone-good">{t("deliveries.outcome.delivered")}</span>;
  if (delivery.status === "failed") return <span className="status-tag tone-ended">{t("deliveries.outcome.failed")}</span>;
  return (
    <span className="status-tag tone-waiting">{delivery.attempts > 0 ? t("deliveries.outcome.retrying") : t("deliveries.outcome.queued")}</span>
  );
}

/** The kind of news in words ("An event was published"); an unknown kind as the API names it. */
export function useEventTypeText() {
  const { t } = useTranslation("staffData");
  return (type: string) => t(`eventTypes.${textKey(type)}.label`, { defaultValue: type });
}

function LastDelivery({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation("staffData");
  const format = useFormat();
  const typeText = useEventTypeText();
  const last = useLoading(
    () =>
      must(
        api.GET("/api/v1/staff/webhooks/{subscription_id}/deliveries", {
          params: { path: { subscription_id: subscription.id }, query: { limit: 1 } },
        }),
      ),
    [subscription.id, subscription.updated_at],
  );
  if (last.state !== "ready") return <>{last.state === "loading" ? t("loading") : t("webhooks.lastUnknown")}</>;
  const [delivery] = last.data.items;
  if (!delivery) return <>{t("webhooks.noDeliveries")}</>;
  return (
    <>
      <DeliveryOutcome delivery={delivery} /> {typeText(delivery.event_type)}, {format.dateTime(delivery.created_at)}
      {delivery.last_status_code !== null && delivery.last_status_code !== undefined && (
        <> ({t("deliveries.httpStatus", { code: delivery.last_status_code })})</>
      )}
    </>
  );
}

export function WebhooksPage() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  const flash = useFlash();
  const typeText = useEventTypeText();
  usePageTitle(t("webhooks.title"));
  const [fresh, setFresh] = useState<Schemas["SubscriptionWithSecret"] | null>(null);
  const subscriptions = useLoading(
    () => allPages((cursor) => must(api.GET("/api/v1/staff/webhooks", { params: { query: { limit: 100, cursor } } }))),
    [],
    { keepWhileLoading: true },
  );
  if (!can(me, "webhooks:manage")) return <Forbidden />;
  return (
    <>
      <h1>{t("webhooks.title")}</h1>
      <p>{t("webhooks.intro")}</p>
      <StatusMessage>{flash}</StatusMessage>
      {fresh && (
        <OnceSecret
          title={t("webhooks.secretTitle", { url: fresh.url })}
          note={t("webhooks.secretNote")}
          secret={fresh.secret}
          onDone={() => setFresh(null)}
        />
      )}
      <details className="card">
        <summary>{t("webhooks.new")}</summary>
        <WebhookForm
          submitLabel={t("webhooks.create")}
          onSubmit={async (body) => {
            setFresh(await must(api.POST("/api/v1/staff/webhooks", { body })));
            subscriptions.reload();
          }}
        />
      </details>
      <h2>{t("webhooks.listTitle")}</h2>
      <DataState loading={subscriptions}>
        {(items) =>
          items.length === 0 ? (
            <p>{t("webhooks.none")}</p>
          ) : (
            <ul className="card-list">
              {items.map((subscription) => (
                <li key={subscription.id} className="card">
                  <h3 className="card-title">
                    <Link to={`/staff/webhooks/${subscription.id}`}>
                      <span dir="ltr">{subscription.url}</span>
                    </Link>{" "}
                    <SubscriptionState subscription={subscription} />
                  </h3>
                  {subscription.description && <p>{subscription.description}</p>}
                  <ul className="facts">
                    <li>
                      <span className="fact-label">{t("webhooks.eventTypes")}:</span> {subscription.event_types.map(typeText).join(", ")}
                    </li>
                    <li>
                      <span className="fact-label">{t("webhooks.lastDelivery")}:</span> <LastDelivery subscription={subscription} />
                    </li>
                    <li>
                      <span className="fact-label">{t("webhooks.personalData")}:</span>{" "}
                      {subscription.include_personal_data ? t("webhooks.personalYes") : t("webhooks.personalNo")}
                    </li>
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </DataState>
    </>
  );
}
