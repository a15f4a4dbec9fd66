// API clients for the city's CMS and apps: keys with permissions explained in words, the key shown once
// with a copy button, a new key (rotate) and revocation after a confirm step, and when a key was last used.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { FieldGroup } from "../../forms/FieldGroup";
import { TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ConfirmStep, DataState } from "../components/DataActions";
import { Forbidden } from "../components/Forbidden";
import { OnceSecret } from "../components/OnceSecret";
import { StatusMessage } from "../components/PageState";
import { dataFormErrors, textKey } from "../lib/dataProblems";
import { SCOPES } from "../lib/enums";
import { useFormat } from "../lib/useFormat";

type Client = Schemas["ApiClientStaff"];
type Values = Record<string, string | boolean>;
const EMPTY: Values = { name: "", ...Object.fromEntries(SCOPES.map((s) => [`scope.${s}`, false])) };

/** A scope in words ("Read dates"); an unknown one as the API names it. */
function useScopeText() {
  const { t } = useTranslation("staffData");
  return (scope: string) => t(`scopes.${textKey(scope)}.label`, { defaultValue: scope });
}

function NewClientForm({ onCreated }: { onCreated: (client: Schemas["ApiClientWithKey"]) => void }) {
  const { t } = useTranslation("staffData");
  const state = useFormState<Values>(EMPTY);
  const { submitting, problem, run } = useSubmit();
  const errors = dataFormErrors(problem, t, "client", ["name", "scopes"]);
  const form = { ...state, errors: errors.fields };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const body = { name: String(state.values.name).trim(), scopes: SCOPES.filter((s) => state.values[`scope.${s}`]) as Schemas["Scope"][] };
      onCreated(await must(api.POST("/api/v1/staff/clients", { body })));
      state.replace(EMPTY);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={{ name: t("clients.name"), scopes: t("clients.scopes") }} />
      <TextField form={form} name="name" label={t("clients.name")} hint={t("clients.nameHint")} required />
      <FieldGroup name="scopes" legend={t("clients.scopes")} hint={t("clients.scopesHint")} error={errors.fields.scopes} required>
        {({ firstId, describedBy, invalid }) => (
          <>
            {SCOPES.map((scope, index) => {
              const id = index === 0 ? firstId : `field-scope-${textKey(scope)}`;
              return (
                <div key={scope} className="field checkbox-field">
                  <input
                    type="checkbox"
                    id={id}
                    name={`scope.${scope}`}
                    checked={Boolean(state.values[`scope.${scope}`])}
                    onChange={(event) => state.set(`scope.${scope}`, event.target.checked)}
                    aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(" ")}
                    aria-invalid={invalid}
                  />
                  <label htmlFor={id}>{t(`scopes.${textKey(scope)}.label`)}</label>
                  <p id={`${id}-hint`} className="hint">
                    {t(`scopes.${textKey(scope)}.hint`)}
                  </p>
                </div>
              );
            })}
          </>
        )}
      </FieldGroup>
      <button type="submit" className="primary" disabled={submitting}>
        {t("clients.create")}
      </button>
    </form>
  );
}

function ClientCard({ client, onKey, onChanged }: { client: Client; onKey: (client: Schemas["ApiClientWithKey"]) => void; onChanged: (message: string) => void }) {
  const { t } = useTranslation("staffData");
  const format = useFormat();
  const scopeText = useScopeText();
  const path = { params: { path: { client_id: client.id } } };
  return (
    <li className="card">
      <h3 className="card-title">
        {client.name}{" "}
        {client.revoked_at ? (
          <span className="status-tag tone-ended">{t("clients.stateRevoked")}</span>
        ) : (
          <span className="status-tag tone-good">{t("clients.stateActive")}</span>
        )}
      </h3>
      <ul className="facts">
        <li>
          <span className="fact-label">{t("clients.scopes")}:</span> {client.scopes.map(scopeText).join(", ")}
        </li>
        <li>
          <span className="fact-label">{t("clients.hint")}:</span> <code dir="ltr">{client.key_hint}…</code>
        </li>
        <li>
          <span className="fact-label">{t("clients.lastUsed")}:</span> {client.last_used_at ? format.dateTime(client.last_used_at) : t("clients.never")}
        </li>
        <li>
          <span className="fact-label">{t("clients.createdAt")}:</span> {format.dateTime(client.created_at)}
        </li>
        {client.rotated_at && (
          <li>
            <span className="fact-label">{t("clients.rotatedAt")}:</span> {format.dateTime(client.rotated_at)}
          </li>
        )}
        {client.revoked_at && (
          <li>
            <span className="fact-label">{t("clients.revokedAt")}:</span> {format.dateTime(client.revoked_at)}
          </li>
        )}
      </ul>
      {!client.revoked_at && (
        <div className="button-row">
          <ConfirmStep
            open={t("clients.rotate")}
            openLabel={t("clients.rotateLabel", { name: client.name })}
            title={t("clients.rotateTitle", { name: client.name })}
            confirm={t("clients.rotateConfirm")}
            conflict={t("clients.alreadyRevoked")}
            onConfirm={async () => onKey(await must(api.POST("/api/v1/staff/clients/{client_id}/rotate", path)))}
          >
            <p>{t("clients.rotateExplained")}</p>
          </ConfirmStep>
          <ConfirmStep
            danger
            open={t("clients.revoke")}
            openLabel={t("clients.revokeLabel", { name: client.name })}
            title={t("clients.revokeTitle", { name: client.name })}
            confirm={t("clients.revokeConfirm")}
            onConfirm={async () => {
              await must(api.POST("/api/v1/staff/clients/{client_id}/revoke", path));
              onChanged(t("clients.revoked", { name: client.name }));
            }}
          >
            <p>{t("clients.revokeExplained")}</p>
          </ConfirmStep>
        </div>
      )}
    </li>
  );
}

export function ClientsPage() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  usePageTitle(t("clients.title"));
  const [fresh, setFresh] = useState<Schemas["ApiClientWithKey"] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clients = useLoading(
    () => allPages((cursor) => must(api.GET("/api/v1/staff/clients", { params: { query: { limit: 100, cursor } } }))),
    [],
    { keepWhileLoading: true },
  );
  if (!can(me, "clients:manage")) return <Forbidden />;
  const showKey = (client: Schemas["ApiClientWithKey"]) => {
    setNotice(null);
    setFresh(client);
    clients.reload();
  };
  return (
    <>
      <h1>{t("clients.title")}</h1>
      <p>{t("clients.intro")}</p>
      <StatusMessage>{notice}</StatusMessage>
      {fresh && <OnceSecret title={t("clients.keyTitle", { name: fresh.name })} note={t("clients.keyNote")} secret={fresh.key} onDone={() => setFresh(null)} />}
      <details className="card">
        <summary>{t("clients.new")}</summary>
        <NewClientForm onCreated={showKey} />
      </details>
      <h2>{t("clients.listTitle")}</h2>
      <DataState loading={clients}>
        {(items) =>
          items.length === 0 ? (
            <p>{t("clients.none")}</p>
          ) : (
            <ul className="card-list">
              {items.map((client) => (
                <ClientCard
                  key={client.id}
                  client={client}
                  onKey={showKey}
                  onChanged={(message) => {
                    setNotice(message);
                    clients.reload();
                  }}
                />
              ))}
            </ul>
          )
        }
      </DataState>
    </>
  );
}
