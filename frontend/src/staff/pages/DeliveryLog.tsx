// A webhook's delivery log: every message with its outcome, the receiver's HTTP status, the tries and
// the next one, newest first, a page at a time; a message that failed or arrived can be sent again.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { DataButton, DataState } from "../components/DataActions";
import { DELIVERY_STATUSES } from "../lib/dataEnums";
import { useFormat } from "../lib/useFormat";
import { DeliveryOutcome, useEventTypeText } from "./WebhooksPage";

type Delivery = Schemas["DeliveryOut"];
const PAGE_SIZE = 20;
// While a message waits for its next try the log looks again by itself, quietly.
const REFRESH_MS = 4000;

function Attempts({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation("staffData");
  const format = useFormat();
  if (delivery.log.length === 0) return <p>{t("deliveries.noAttempts")}</p>;
  return (
    <ol className="attempts">
      {delivery.log.map((attempt) => (
        <li key={attempt.number}>
          {t("deliveries.attempt", { number: attempt.number, at: format.dateTime(attempt.at), ms: attempt.duration_ms })}{" "}
          {attempt.status_code !== null && attempt.status_code !== undefined
            ? t("deliveries.answered", { code: attempt.status_code })
            : t("deliveries.unreachable")}
          {attempt.error && (
            <>
              {" "}
              <span className="visually-hidden">{t("deliveries.technical")}: </span>
              <code dir="ltr">{attempt.error}</code>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

type DeliveryLogProps = {
  subscriptionId: string;
  /** Changes when the page did something that adds to the log (a test event): the log loads again. */
  round: number;
  onChanged: (message: string) => void;
  /** After every load: a delivery may have changed the subscription (410 Gone switches it off). */
  onLoaded: () => void;
};

export function DeliveryLog({ subscriptionId, round, onChanged, onLoaded }: DeliveryLogProps) {
  const { t } = useTranslation("staffData");
  const format = useFormat();
  const typeText = useEventTypeText();
  const [status, setStatus] = useState<"" | Schemas["DeliveryStatus"]>("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const log = useLoading(
    () =>
      must(
        api.GET("/api/v1/staff/webhooks/{subscription_id}/deliveries", {
          params: { path: { subscription_id: subscriptionId }, query: { limit: PAGE_SIZE, cursor, status: status || undefined } },
        }),
      ),
    [subscriptionId, status, cursor, round],
    { keepWhileLoading: true },
  );
  const waiting = log.data?.items.some((delivery) => delivery.status === "pending") ?? false;
  const { reload, data } = log;
  useEffect(() => {
    if (data) onLoaded();
    // Only a new answer matters, not a new callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);
  return (
    <section aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">{t("deliveries.title")}</h2>
      <p>{t("deliveries.intro")}</p>
      <div className="toolbar filters">
        <div className="field">
          <label htmlFor="delivery-status">{t("deliveries.filter")}</label>
          <select
            id="delivery-status"
            value={status}
            onChange={(event) => {
              setCursors([undefined]);
              setStatus(event.target.value as typeof status);
            }}
          >
            <option value="">{t("deliveries.all")}</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`deliveries.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <button type="button" onClick={reload}>
            {t("deliveries.refresh")}
          </button>
        </div>
      </div>
      <DataState loading={log}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>{t("deliveries.none")}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="delivery-log-caption" tabIndex={0}>
                <table className="delivery-log">
                  <caption id="delivery-log-caption">{t("deliveries.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("deliveries.time")}</th>
                      <th scope="col">{t("deliveries.eventType")}</th>
                      <th scope="col">{t("deliveries.outcomeTitle")}</th>
                      <th scope="col">{t("deliveries.httpStatusTitle")}</th>
                      <th scope="col">{t("deliveries.attempts")}</th>
                      <th scope="col">{t("deliveries.nextAttempt")}</th>
                      <th scope="col">{t("deliveries.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((delivery) => {
                      const what = `${typeText(delivery.event_type)}, ${format.dateTime(delivery.created_at)}`;
                      return (
                        <tr key={delivery.id}>
                          <td>{format.dateTime(delivery.created_at)}</td>
                          <td>{typeText(delivery.event_type)}</td>
                          <td>
                            <DeliveryOutcome delivery={delivery} />
                          </td>
                          <td>{delivery.last_status_code ?? (delivery.attempts > 0 ? t("deliveries.noAnswer") : "–")}</td>
                          <td>{delivery.attempts}</td>
                          <td>{delivery.next_attempt_at ? format.dateTime(delivery.next_attempt_at) : "–"}</td>
                          <td>
                            <details>
                              <summary aria-label={t("deliveries.showAttemptsLabel", { what })}>{t("deliveries.showAttempts")}</summary>
                              <Attempts delivery={delivery} />
                            </details>
                            {delivery.status !== "pending" && (
                              <DataButton
                                label={t("deliveries.redeliverLabel", { what })}
                                onAction={async () => {
                                  await must(
                                    api.POST("/api/v1/staff/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver", {
                                      params: { path: { subscription_id: subscriptionId, delivery_id: delivery.id } },
                                    }),
                                  );
                                  onChanged(t("deliveries.redelivered", { what }));
                                  reload();
                                }}
                              >
                                {t("deliveries.redeliver")}
                              </DataButton>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <div className="button-row">
              {cursors.length > 1 && (
                <button type="button" onClick={() => setCursors((all) => all.slice(0, -1))}>
                  {t("deliveries.newer")}
                </button>
              )}
              {page.next_cursor && (
                <button type="button" onClick={() => setCursors((all) => [...all, page.next_cursor ?? undefined])}>
                  {t("deliveries.older")}
                </button>
              )}
            </div>
          </>
        )}
      </DataState>
    </section>
  );
}
