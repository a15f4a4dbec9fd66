// `/staff/settings`: the city's own set-up in plain words — name, office, contact, time zone,
// languages, districts, brand colour and logo, the websites that may embed the widget, how long
// personal data is kept. Admins change it; everybody else reads it.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, apiUrl, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { languageName } from "../../format";
import { contrast } from "../../public/brand";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { FieldGroup } from "../../forms/FieldGroup";
import { formErrors } from "../../forms/formErrors";
import { TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { DefinitionList } from "../components/DefinitionList";
import { PageState, StatusMessage } from "../components/PageState";
import { numberOrNull, textOrNull } from "../lib/values";
import { languageChoices, zoneGroups, zoneLabel } from "./choices";
import { LogoSection } from "./LogoSection";
import { type Keyed, keyed, OrderedList } from "./OrderedList";

type Organization = Schemas["OrganizationStaff"];
type Entry = { value: string };

const TEXT_FIELDS = ["name", "office_name", "contact_email", "contact_phone", "address", "website", "timezone", "default_language", "brand_color", "retention_months"] as const;
/** The site's colour when a city sets none (styles.css, --color-primary). */
const DEFAULT_COLOR = "#0B4F8A";
const HEX = /^#[0-9a-fA-F]{6}$/;

function initialValues(organization: Organization) {
  return {
    name: organization.name,
    office_name: organization.office_name ?? "",
    contact_email: organization.contact_email ?? "",
    contact_phone: organization.contact_phone ?? "",
    address: organization.address ?? "",
    website: organization.website ?? "",
    timezone: organization.timezone,
    default_language: organization.default_language,
    brand_color: organization.brand_color ?? "",
    retention_months: String(organization.retention_months),
  };
}

const entries = (values: string[]) => values.map((value) => keyed<Entry>({ value }));
const valuesOf = (items: Keyed<Entry>[]) => items.map((item) => item.value.trim()).filter(Boolean);

/** A list of single texts (districts, websites), each with its own labelled field. */
function TextList({ name, items, onChange, entryLabel, addLabel, emptyText, errors, type, dir, hint }: {
  name: string;
  items: Keyed<Entry>[];
  onChange: (items: Keyed<Entry>[]) => void;
  entryLabel: (number: number) => string;
  addLabel: string;
  emptyText: string;
  errors: Record<string, string>;
  type?: "url" | "text";
  dir?: "ltr";
  hint?: string;
}) {
  return (
    <OrderedList<Entry> compact items={items} onChange={onChange} blank={() => ({ value: "" })} addLabel={addLabel} emptyText={emptyText} legend={(item, index) => (item.value.trim() ? `${entryLabel(index + 1)}: ${item.value.trim()}` : entryLabel(index + 1))}>
      {(item, index, update) => (
        <Field name={`${name}.${index}`} label={entryLabel(index + 1)} hint={hint} error={errors[`${name}.${index}`]}>
          {(control) => <input {...control} type={type ?? "text"} dir={dir} value={item.value} onChange={(e) => update({ value: e.target.value })} />}
        </Field>
      )}
    </OrderedList>
  );
}

/**
 * The brand colour as a colour picker and as "#RRGGBB" text, kept in step; empty is the platform's
 * own blue. A sample button shows white text on it, as the site's header and buttons will.
 */
function BrandColor({ value, onChange, label, error }: { value: string; onChange: (value: string) => void; label: string; error?: string }) {
  const { t, i18n } = useTranslation("staffCity");
  const language = i18n.resolvedLanguage ?? i18n.language;
  const shown = HEX.test(value.trim()) ? value.trim() : DEFAULT_COLOR;
  // White text on a too light colour is shown as a warning in words, not as an unreadable sample.
  const ratio = contrast(shown, "#FFFFFF");
  const readable = ratio >= 4.5;
  return (
    <div className="brand-color">
      <Field name="brand_color" label={label} hint={t("settings.hints.brand_color")} error={error}>
        {(control) => <input {...control} dir="ltr" placeholder={DEFAULT_COLOR} maxLength={7} value={value} onChange={(e) => onChange(e.target.value)} />}
      </Field>
      <div className="field">
        <label htmlFor="brand_color-picker">{t("settings.colorPicker")}</label>
        <input id="brand_color-picker" type="color" value={shown.toLowerCase()} onChange={(e) => onChange(e.target.value.toUpperCase())} />
      </div>
      {readable ? (
        <p className="brand-sample">
          <span className="brand-sample-button" style={{ background: shown }}>
            {t("settings.colorSample")}
          </span>
          {!value.trim() && <span className="hint"> {t("settings.colorDefault")}</span>}
        </p>
      ) : (
        <p className="brand-sample">
          <span className="brand-swatch" style={{ background: shown }} aria-hidden="true" />{" "}
          <span role="status">{t("settings.colorTooLight", { ratio: ratio.toLocaleString(language, { maximumFractionDigits: 1 }) })}</span>
        </p>
      )}
    </div>
  );
}

function SettingsForm({ organization, onSaved }: { organization: Organization; onSaved: (saved: Organization) => void }) {
  const { t, i18n } = useTranslation("staffCity");
  const language = i18n.resolvedLanguage ?? i18n.language;
  const state = useFormState(() => initialValues(organization));
  // The API keeps an origin as a URL ("https://www.musterstadt.de/"); people write it without the slash.
  const [origins, setOrigins] = useState(() => entries(organization.cors_origins.map((origin) => origin.replace(/\/$/, ""))));
  const [districts, setDistricts] = useState(() => entries(organization.districts));
  const [languages, setLanguages] = useState<string[]>(() => organization.languages);
  const { submitting, problem, run } = useSubmit();
  const originNames = origins.map((_, index) => `cors_origins.${index}`);
  const districtNames = districts.map((_, index) => `districts.${index}`);
  const errors = formErrors(problem, [...TEXT_FIELDS, ...originNames, "cors_origins", ...districtNames, "districts", "languages"]);
  const form = { ...state, errors: errors.fields };
  const labels: Record<string, string> = {
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, t(`settings.fields.${field}`)])),
    ...Object.fromEntries(originNames.map((name, index) => [name, t("settings.originEntry", { number: index + 1 })])),
    cors_origins: t("settings.origins"),
    ...Object.fromEntries(districtNames.map((name, index) => [name, t("settings.districtEntry", { number: index + 1 })])),
    districts: t("settings.districts"),
    languages: t("settings.languages"),
  };
  const v = state.values;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: v.name.trim(),
      office_name: textOrNull(v.office_name),
      contact_email: textOrNull(v.contact_email),
      contact_phone: textOrNull(v.contact_phone),
      address: textOrNull(v.address),
      website: textOrNull(v.website),
      timezone: v.timezone,
      default_language: v.default_language,
      languages,
      districts: valuesOf(districts),
      brand_color: textOrNull(v.brand_color),
      cors_origins: valuesOf(origins),
      retention_months: numberOrNull(v.retention_months) ?? undefined,
    };
    void run(async () => onSaved(await must(api.PATCH("/api/v1/staff/organization", { body }))));
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <fieldset>
        <legend>{t("settings.sections.city")}</legend>
        <TextField form={form} name="name" label={labels.name} required />
        <TextField form={form} name="office_name" label={labels.office_name} hint={t("settings.hints.office_name")} />
      </fieldset>
      <fieldset>
        <legend>{t("settings.sections.contact")}</legend>
        <div className="field-row">
          <TextField form={form} name="contact_email" type="email" dir="ltr" autoComplete="off" label={labels.contact_email} />
          <TextField form={form} name="contact_phone" type="tel" dir="ltr" label={labels.contact_phone} />
        </div>
        <TextAreaField form={form} name="address" label={labels.address} rows={3} />
        <TextField form={form} name="website" type="url" dir="ltr" label={labels.website} hint={t("settings.hints.website")} />
      </fieldset>
      <fieldset>
        <legend>{t("settings.sections.timeAndLanguage")}</legend>
        <Field name="timezone" label={labels.timezone} hint={t("settings.hints.timezone")} error={errors.fields.timezone} required>
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
        <Field name="default_language" label={labels.default_language} hint={t("settings.hints.default_language")} error={errors.fields.default_language} required>
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
        <FieldGroup name="languages" legend={labels.languages} hint={t("settings.hints.languages")} error={errors.fields.languages}>
          {({ firstId, describedBy, invalid }) => (
            <div className="language-choices">
              {languageChoices(language, languages).map((choice, index) => (
                <div key={choice.value} className="checkbox-field">
                  <input
                    type="checkbox"
                    id={index === 0 ? firstId : `field-languages-${choice.value}`}
                    checked={languages.includes(choice.value)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(e) => setLanguages((chosen) => (e.target.checked ? [...chosen, choice.value] : chosen.filter((code) => code !== choice.value)))}
                  />
                  <label htmlFor={index === 0 ? firstId : `field-languages-${choice.value}`}>{choice.label}</label>
                </div>
              ))}
            </div>
          )}
        </FieldGroup>
      </fieldset>
      <fieldset>
        <legend>{t("settings.districts")}</legend>
        <p className="hint">{t("settings.districtsExplained")}</p>
        <TextList
          name="districts"
          items={districts}
          onChange={setDistricts}
          entryLabel={(number) => t("settings.districtEntry", { number })}
          addLabel={t("settings.districtAdd")}
          emptyText={t("settings.districtsNone")}
          errors={errors.fields}
        />
      </fieldset>
      <fieldset>
        <legend>{t("settings.sections.look")}</legend>
        <BrandColor value={v.brand_color} onChange={(value) => state.set("brand_color", value)} label={labels.brand_color} error={errors.fields.brand_color} />
      </fieldset>
      <fieldset>
        <legend>{t("settings.origins")}</legend>
        <p className="hint">{t("settings.originsExplained")}</p>
        <TextList
          name="cors_origins"
          items={origins}
          onChange={setOrigins}
          entryLabel={(number) => t("settings.originEntry", { number })}
          addLabel={t("settings.originAdd")}
          emptyText={t("settings.originsNone")}
          errors={errors.fields}
          type="url"
          dir="ltr"
          hint={t("settings.hints.origin")}
        />
      </fieldset>
      <fieldset>
        <legend>{t("settings.sections.privacy")}</legend>
        <TextField form={form} name="retention_months" type="number" inputMode="numeric" min="1" max="60" label={labels.retention_months} hint={t("settings.hints.retention_months")} required />
        <p>
          <Link to="/staff/settings/privacy-notices">{t("settings.privacyNoticesLink")}</Link>
        </p>
      </fieldset>
      <button type="submit" className="primary" disabled={submitting}>
        {t("settings.save")}
      </button>
    </form>
  );
}

function SettingsReadOnly({ organization }: { organization: Organization }) {
  const { t, i18n } = useTranslation("staffCity");
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <DefinitionList
      items={[
        [t("settings.fields.name"), organization.name],
        [t("settings.fields.office_name"), organization.office_name],
        [t("settings.fields.contact_email"), organization.contact_email],
        [t("settings.fields.contact_phone"), organization.contact_phone],
        [t("settings.fields.address"), organization.address],
        [t("settings.fields.website"), organization.website],
        [t("settings.fields.timezone"), zoneLabel(organization.timezone, language)],
        [t("settings.fields.default_language"), languageName(organization.default_language, language)],
        [t("settings.languages"), organization.languages.map((code) => languageName(code, language)).join(", ")],
        [t("settings.districts"), organization.districts.join(", ")],
        [t("settings.fields.brand_color"), organization.brand_color],
        [t("logo.title"), organization.logo_url ? <img className="logo-inline" src={apiUrl(organization.logo_url)} alt={t("logo.currentAlt", { name: organization.name })} /> : null],
        [t("settings.origins"), organization.cors_origins.join(", ")],
        [t("settings.fields.retention_months"), String(organization.retention_months)],
      ]}
    />
  );
}

export function SettingsPage() {
  const { t } = useTranslation("staffCity");
  const me = useMe();
  usePageTitle(t("settings.title"));
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useLoading(() => must(api.GET("/api/v1/staff/organization")), [], { keepWhileLoading: true });
  const writable = can(me, "organization:manage");
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <p>{writable ? t("settings.intro") : t("settings.readOnly")}</p>
      <StatusMessage>{notice}</StatusMessage>
      <PageState loading={loaded}>
        {(organization) =>
          writable ? (
            <>
              <SettingsForm
                organization={organization}
                onSaved={(saved) => {
                  loaded.replace(saved);
                  setNotice(t("settings.saved"));
                }}
              />
              <LogoSection
                organization={organization}
                onChanged={(saved) => (saved ? loaded.replace(saved) : loaded.replace({ ...organization, logo_url: null }))}
              />
            </>
          ) : (
            <SettingsReadOnly organization={organization} />
          )
        }
      </PageState>
    </>
  );
}
