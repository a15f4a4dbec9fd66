// API clients for the city's CMS and apps: scoped keys, shown once, rotated and revoked.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { CheckboxField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton } from "../components/Actions";
import { Forbidden } from "../components/Forbidden";
import { PageState, StatusMessage } from "../components/PageState";
import { SCOPES } from "../lib/enums";
import { useFormat } from "../lib/useFormat";

/** A new key is shown exactly once: focus goes to it, so it can be copied before it is gone. */
function NewKey({ client }: { client: Schemas["ApiClientWithKey"] }) {
  const { t } = useTranslation("staff");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [client.key]);
  return (
    <div className="notice warning" tabIndex={-1} ref={box} role="alert">
      <p>{t("clients.keyOnce", { name: client.name })}</p>
      <p>
        <code dir="ltr" className="secret">
          {client.key}
        </code>
      </p>
    </div>
  );
}

export function ClientsPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("clients.title"));
  const [fresh, setFresh] = useState<Schemas["ApiClientWithKey"] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clients = useLoading(() => allPages((cursor) => must(api.GET("/api/v1/staff/clients", { params: { query: { limit: 100, cursor } } }))), [], { keepWhileLoading: true });
  const state = useFormState<Record<string, string | boolean>>({ name: "", ...Object.fromEntries(SCOPES.map((s) => [`scope.${s}`, false])) });
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, ["name", `scope.${SCOPES[0]}`], { scopes: `scope.${SCOPES[0]}` });
  const form = { ...state, errors: errors.fields };
  if (!can(me, "clients:manage")) return <Forbidden />;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await must(
        api.POST("/api/v1/staff/clients", { body: { name: String(state.values.name).trim(), scopes: SCOPES.filter((s) => state.values[`scope.${s}`]) } }),
      );
      setFresh(created);
      clients.reload();
    });
  };
  return (
    <>
      <h1>{t("clients.title")}</h1>
      <p>{t("clients.intro")}</p>
      <StatusMessage>{notice}</StatusMessage>
      {fresh && <NewKey client={fresh} />}
      <details className="card">
        <summary>{t("clients.new")}</summary>
        <form onSubmit={onSubmit} noValidate className="staff-form">
          <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={{ name: t("clients.name"), [`scope.${SCOPES[0]}`]: t("clients.scopes") }} />
          <TextField form={form} name="name" label={t("clients.name")} required />
          <fieldset className="checkbox-group">
            <legend>{t("clients.scopes")}</legend>
            {SCOPES.map((scope) => (
              <CheckboxField key={scope} form={form} name={`scope.${scope}`} label={t(`clients.scope.${scope}`)} />
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={submitting}>
            {t("clients.create")}
          </button>
        </form>
      </details>
      <PageState loading={clients}>
        {(items) =>
          items.length === 0 ? (
            <p>{t("clients.none")}</p>
          ) : (
            <ul className="card-list">
              {items.map((client) => {
                const path = { params: { path: { client_id: client.id } } };
                return (
                  <li key={client.id} className="card">
                    <h2 className="card-title">{client.name}</h2>
                    <ul className="facts">
                      <li>
                        <span className="fact-label">{t("clients.scopes")}:</span> {client.scopes.map((s) => t(`clients.scope.${s}`, { defaultValue: s })).join(", ")}
                      </li>
                      <li>
                        <span className="fact-label">{t("clients.hint")}:</span> <code dir="ltr">{client.key_hint}…</code>
                      </li>
                      <li>
                        <span className="fact-label">{t("clients.lastUsed")}:</span> {client.last_used_at ? format.dateTime(client.last_used_at) : t("clients.never")}
                      </li>
                      {client.revoked_at && (
                        <li>
                          <strong>{t("clients.revokedAt", { at: format.dateTime(client.revoked_at) })}</strong>
                        </li>
                      )}
                    </ul>
                    {!client.revoked_at && (
                      <div className="button-row">
                        <ActionButton label={t("clients.rotateLabel", { name: client.name })} confirm={t("clients.rotateConfirm", { name: client.name })} onAction={async () => { setFresh(await must(api.POST("/api/v1/staff/clients/{client_id}/rotate", path))); clients.reload(); }}>
                          {t("clients.rotate")}
                        </ActionButton>
                        <ActionButton className="danger" label={t("clients.revokeLabel", { name: client.name })} confirm={t("clients.revokeConfirm", { name: client.name })} onAction={async () => { await must(api.POST("/api/v1/staff/clients/{client_id}/revoke", path)); setNotice(t("clients.revoked", { name: client.name })); clients.reload(); }}>
                          {t("clients.revoke")}
                        </ActionButton>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </PageState>
    </>
  );
}
