// One webhook: what it receives, pause or resume it, send a test, a new signing secret, change or
// delete it, and its delivery log.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ConfirmStep, DataButton, DataState } from "../components/DataActions";
import { DefinitionList } from "../components/DefinitionList";
import { Forbidden } from "../components/Forbidden";
import { OnceSecret } from "../components/OnceSecret";
import { StatusMessage } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { DeliveryLog } from "./DeliveryLog";
import { WebhookForm } from "./WebhookForm";
import { SubscriptionState, useEventTypeText } from "./WebhooksPage";

export function WebhookPage() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  const format = useFormat();
  const typeText = useEventTypeText();
  const navigate = useNavigate();
  const { webhookId = "" } = useParams();
  const path = { params: { path: { subscription_id: webhookId } } };
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const subscription = useLoading(() => must(api.GET("/api/v1/staff/webhooks/{subscription_id}", path)), [webhookId], {
    keepWhileLoading: true,
  });
  usePageTitle(subscription.data ? t("webhook.title", { url: subscription.data.url }) : t("webhooks.title"));
  if (!can(me, "webhooks:manage")) return <Forbidden />;
  const changed = (message: string, answer?: Schemas["SubscriptionStaff"]) => {
    setNotice(message);
    if (answer) subscription.replace(answer);
    setRound((n) => n + 1);
  };
  return (
    <DataState loading={subscription} heading={t("webhooks.title")}>
      {(hook) => (
        <>
          <p className="context-link">
            <Link to="/staff/webhooks">{t("webhook.back")}</Link>
          </p>
          <h1>
            {t("webhook.heading")} <span dir="ltr">{hook.url}</span>
          </h1>
          <StatusMessage>{notice}</StatusMessage>
          {secret && (
            <OnceSecret title={t("webhooks.secretTitle", { url: hook.url })} note={t("webhook.newSecretNote")} secret={secret} onDone={() => setSecret(null)} />
          )}
          <DefinitionList
            items={[
              [t("webhook.state"), <SubscriptionState key="state" subscription={hook} />],
              [t("webhook.goneReason"), hook.disabled_reason ? t("webhook.gone") : null],
              [t("webhooks.description"), hook.description],
              [t("webhooks.eventTypes"), hook.event_types.map(typeText).join(", ")],
              [t("webhooks.personalData"), hook.include_personal_data ? t("webhooks.personalYes") : t("webhooks.personalNo")],
              [t("webhook.secretHint"), <code key="hint" dir="ltr">{hook.secret_hint}</code>],
              [t("webhook.createdAt"), format.dateTime(hook.created_at)],
              [t("webhook.updatedAt"), format.dateTime(hook.updated_at)],
            ]}
          />
          <div className="button-row">
            <DataButton
              onAction={async () => {
                await must(api.POST("/api/v1/staff/webhooks/{subscription_id}/test", path));
                changed(t("webhook.testQueued"));
              }}
            >
              {t("webhook.test")}
            </DataButton>
            {hook.active ? (
              <DataButton
                onAction={async () =>
                  changed(t("webhook.paused"), await must(api.PATCH("/api/v1/staff/webhooks/{subscription_id}", { ...path, body: { active: false } })))
                }
              >
                {t("webhook.pause")}
              </DataButton>
            ) : (
              <DataButton
                className="primary"
                onAction={async () =>
                  changed(t("webhook.resumed"), await must(api.PATCH("/api/v1/staff/webhooks/{subscription_id}", { ...path, body: { active: true } })))
                }
              >
                {t("webhook.resume")}
              </DataButton>
            )}
          </div>
          <div className="button-row">
            <ConfirmStep
              open={t("webhook.rotate")}
              title={t("webhook.rotateTitle")}
              confirm={t("webhook.rotateConfirm")}
              onConfirm={async () => {
                const answer = await must(api.POST("/api/v1/staff/webhooks/{subscription_id}/rotate-secret", path));
                setSecret(answer.secret);
                changed(t("webhook.rotated"), answer);
              }}
            >
              <p>{t("webhook.rotateExplained")}</p>
            </ConfirmStep>
            <ConfirmStep
              danger
              open={t("webhook.delete")}
              title={t("webhook.deleteTitle")}
              confirm={t("webhook.deleteConfirm")}
              onConfirm={async () => {
                await must(api.DELETE("/api/v1/staff/webhooks/{subscription_id}", path));
                await navigate("/staff/webhooks", { state: { flash: t("webhook.deleted", { url: hook.url }) } });
              }}
            >
              <p>{t("webhook.deleteExplained")}</p>
            </ConfirmStep>
          </div>
          <details className="card">
            <summary>{t("webhook.edit")}</summary>
            <WebhookForm
              key={hook.updated_at}
              subscription={hook}
              submitLabel={t("webhook.save")}
              onSubmit={async (body) =>
                changed(t("webhook.saved"), await must(api.PATCH("/api/v1/staff/webhooks/{subscription_id}", { ...path, body })))
              }
            />
          </details>
          <DeliveryLog subscriptionId={hook.id} round={round} onChanged={(message) => changed(message)} onLoaded={subscription.reload} />
        </>
      )}
    </DataState>
  );
}
