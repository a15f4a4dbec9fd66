// `/staff/platform/cities`: the platform operator's list of every city on this installation, a new
// city with its first admin (who gets an invitation mail) and privacy notice, and switching a city
// off and on again. Only for accounts with `platform:manage`; no city role carries it.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { problemSlug } from "../../api/problem";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { formErrors } from "../../forms/formErrors";
import { TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { ActionButton } from "../components/Actions";
import { Forbidden } from "../components/Forbidden";
import { PageState, StatusMessage } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { textOrNull } from "../lib/values";
import { languageChoices, zoneGroups } from "./choices";

type City = Schemas["CityOperator"];
const FIELDS = ["slug", "name", "timezone", "default_language", "contact_email", "admin_name", "admin_email", "privacy_notice_text", "privacy_notice_url"] as const;
const BLANK = {
  slug: "",
  name: "",
  timezone: "Europe/Berlin",
  default_language: "de",
  contact_email: "",
  admin_name: "",
  admin_email: "",
  privacy_notice_text: "",
  privacy_notice_url: "",
};
/** Conflicts the console words itself, at the field they concern. */
const CONFLICTS: Record<string, (typeof FIELDS)[number]> = { "slug-taken": "slug", "email-taken": "admin_email" };

function NewCityForm({ onCreated }: { onCreated: (city: City, adminEmail: string) => void }) {
  const { t, i18n } = useTranslation("staffCity");
  const language = i18n.resolvedLanguage ?? i18n.language;
  const state = useFormState(BLANK);
  const { submitting, problem, run } = useSubmit();
  const placed = formErrors(problem, FIELDS);
  const conflict = problemSlug(problem);
  const errors =
    conflict && CONFLICTS[conflict]
      ? { message: null, fields: { ...placed.fields, [CONFLICTS[conflict]]: t(`cities.conflicts.${conflict === "slug-taken" ? "slugTaken" : "emailTaken"}`) } }
      : placed;
  const form = { ...state, errors: errors.fields };
  const labels = Object.fromEntries(FIELDS.map((field) => [field, t(`cities.fields.${field}`)]));
  const v = state.values;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      slug: v.slug.trim(),
      name: v.name.trim(),
      timezone: v.timezone,
      default_language: v.default_language,
      contact_email: textOrNull(v.contact_email),
      admin_name: v.admin_name.trim(),
      admin_email: v.admin_email.trim(),
      privacy_notice_text: v.privacy_notice_text.trim(),
      privacy_notice_url: textOrNull(v.privacy_notice_url),
    };
    void run(async () => {
      const city = await must(api.POST("/api/v1/platform/cities", { body }));
      state.replace(BLANK);
      onCreated(city, body.admin_email);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <fieldset>
        <legend>{t("cities.sections.city")}</legend>
        <TextField form={form} name="name" label={labels.name} hint={t("cities.hints.name")} required />
        <TextField form={form} name="slug" label={labels.slug} hint={t("cities.hints.slug")} required dir="ltr" />
        <div className="field-row">
          <Field name="timezone" label={labels.timezone} error={errors.fields.timezone} required>
            {(control) => (
              <select {...control} value={v.timezone} onChange={(e) => state.set("timezone", e.target.value)}>
                {zoneGroups(language, v.timezone).map((group) => (
                  <optgroup key={group.group} label={t(`settings.zoneGroups.${group.group}`)}>
                    {group.zones.map((zone) => (
                      <option key={zone.value} value={zone.value}>
                        {zone.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field name="default_language" label={labels.default_language} error={errors.fields.default_language} required>
            {(control) => (
              <select {...control} value={v.default_language} onChange={(e) => state.set("default_language", e.target.value)}>
                {languageChoices(language, [v.default_language]).map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <TextField form={form} name="contact_email" type="email" dir="ltr" autoComplete="off" label={labels.contact_email} />
      </fieldset>
      <fieldset>
        <legend>{t("cities.sections.admin")}</legend>
        <p className="hint">{t("cities.hints.admin")}</p>
        <div className="field-row">
          <TextField form={form} name="admin_name" label={labels.admin_name} autoComplete="off" required />
          <TextField form={form} name="admin_email" type="email" dir="ltr" autoComplete="off" label={labels.admin_email} required />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("cities.sections.privacy")}</legend>
        <TextAreaField form={form} name="privacy_notice_text" label={labels.privacy_notice_text} hint={t("cities.hints.privacy_notice_text")} rows={6} required />
        <TextField form={form} name="privacy_notice_url" type="url" dir="ltr" label={labels.privacy_notice_url} hint={t("privacy.urlHint")} />
      </fieldset>
      <button type="submit" className="primary" disabled={submitting}>
        {t("cities.create")}
      </button>
    </form>
  );
}

function CityState({ city }: { city: City }) {
  const { t } = useTranslation("staffCity");
  return <span className={`status-tag tone-${city.is_active ? "good" : "ended"}`}>{city.is_active ? t("cities.active") : t("cities.inactive")}</span>;
}

export function CitiesPage() {
  const { t } = useTranslation("staffCity");
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("cities.title"));
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const allowed = me.permissions.includes("platform:manage");
  const cities = useLoading(
    () => (allowed ? allPages((cursor) => must(api.GET("/api/v1/platform/cities", { params: { query: { limit: 100, cursor } } }))) : Promise.resolve([])),
    [allowed],
    { keepWhileLoading: true },
  );
  if (!allowed) return <Forbidden />;
  return (
    <>
      <h1>{t("cities.title")}</h1>
      <p>{t("cities.intro")}</p>
      <StatusMessage>{notice}</StatusMessage>
      <details className="card" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t("cities.new")}</summary>
        <NewCityForm
          onCreated={(city, adminEmail) => {
            setOpen(false);
            setNotice(t("cities.created", { name: city.name, email: adminEmail }));
            cities.reload();
          }}
        />
      </details>
      <PageState loading={cities}>
        {(items) =>
          items.length === 0 ? (
            <p>{t("cities.none")}</p>
          ) : (
            <ul className="card-list">
              {items.map((city) => {
                const path = { params: { path: { organization_id: city.id } } };
                return (
                  <li key={city.id} className="card">
                    <h2 className="card-title">
                      {city.is_active ? <a href={`/${city.slug}`}>{city.name}</a> : city.name} <CityState city={city} />
                    </h2>
                    <ul className="facts">
                      <li>
                        <span className="fact-label">{t("cities.fields.slug")}:</span> <code dir="ltr">{city.slug}</code>
                      </li>
                      <li>
                        <span className="fact-label">{t("cities.createdAt")}:</span> {format.day(city.created_at)}
                      </li>
                      {city.contact_email && (
                        <li>
                          <span className="fact-label">{t("cities.fields.contact_email")}:</span> <span dir="ltr">{city.contact_email}</span>
                        </li>
                      )}
                    </ul>
                    <div className="button-row">
                      {city.is_active ? (
                        <ActionButton
                          className="danger"
                          label={t("cities.deactivateLabel", { name: city.name })}
                          confirm={t("cities.deactivateConfirm", { name: city.name })}
                          onAction={async () => {
                            await must(api.POST("/api/v1/platform/cities/{organization_id}/deactivate", path));
                            setNotice(t("cities.deactivated", { name: city.name }));
                            cities.reload();
                          }}
                        >
                          {t("cities.deactivate")}
                        </ActionButton>
                      ) : (
                        <ActionButton
                          label={t("cities.activateLabel", { name: city.name })}
                          confirm={t("cities.activateConfirm", { name: city.name })}
                          onAction={async () => {
                            await must(api.POST("/api/v1/platform/cities/{organization_id}/activate", path));
                            setNotice(t("cities.activated", { name: city.name }));
                            cities.reload();
                          }}
                        >
                          {t("cities.activate")}
                        </ActionButton>
                      )}
                    </div>
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
