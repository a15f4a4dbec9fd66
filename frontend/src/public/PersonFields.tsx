// Who signs up: name, e-mail (for the confirmation link), optional phone and affiliation, and the
// consent to the city's privacy notice. Shared by the event sign-up and the group application.
import type { TFunction } from "i18next";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../api/client";
import { Field } from "../forms/Field";
import { FieldGroup } from "../forms/FieldGroup";
import { textLanguage } from "./textLanguage";

export type Person = {
  full_name: string;
  email: string;
  phone: string;
  affiliation: string;
  category: Schemas["StakeholderCategory"];
  /** One of the city's districts, or "" for no answer. */
  district: string;
  consent: boolean;
};

export const PERSON_FIELDS = ["full_name", "email", "phone", "affiliation", "category", "district", "consent"] as const;
export const CATEGORIES: Schemas["StakeholderCategory"][] = [
  "resident",
  "civil_society",
  "expert",
  "administration",
  "politics",
];

export function emptyPerson(): Person {
  return { full_name: "", email: "", phone: "", affiliation: "", category: "resident", district: "", consent: false };
}

// Deliberately loose: the server checks the address properly; this only catches an obvious slip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The mistakes a person can see before sending: required fields left empty, no @ in the address. */
export function personErrors(person: Person, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!person.full_name.trim()) errors.full_name = t("public:fieldErrors.full_name");
  if (!EMAIL.test(person.email.trim())) errors.email = t("public:fieldErrors.email");
  if (!person.consent) errors.consent = t("public:fieldErrors.consent");
  return errors;
}

/** The person's part of a sign-up body (PersonIn + consent) in the API's shape. */
export function personForApi(person: Person, language: string, privacyNoticeVersion: number) {
  return {
    full_name: person.full_name.trim(),
    email: person.email.trim(),
    phone: person.phone.trim() || null,
    affiliation: person.affiliation.trim() || null,
    category: person.category,
    preferred_language: language,
    consent: { privacy_notice_version: privacyNoticeVersion },
    // Only where the city asks for it and the person answered.
    ...(person.district ? { district: person.district } : {}),
  };
}

export function personLabels(t: TFunction): Record<string, string> {
  return {
    full_name: t("public:form.fullName"),
    email: t("public:form.email"),
    phone: t("public:form.phone"),
    affiliation: t("public:form.affiliation"),
    category: t("public:form.category"),
    district: t("public:form.district"),
    consent: t("public:form.consentShort"),
  };
}

type PersonFieldsProps = {
  person: Person;
  onChange: (person: Person) => void;
  errors: Record<string, string>;
  /** The city's districts; without any, the district is not asked. */
  districts?: readonly string[];
};

export function PersonFields({ person, onChange, errors, districts = [] }: PersonFieldsProps) {
  const { t } = useTranslation("public");
  const set = (field: keyof Person) => (event: { target: { value: string } }) =>
    onChange({ ...person, [field]: event.target.value });
  return (
    <>
      <Field name="full_name" label={t("form.fullName")} error={errors.full_name} required>
        {(control) => <input {...control} type="text" autoComplete="name" value={person.full_name} onChange={set("full_name")} />}
      </Field>
      <Field name="email" label={t("form.email")} hint={t("form.emailHint")} error={errors.email} required>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            inputMode="email"
            dir="ltr"
            value={person.email}
            onChange={set("email")}
          />
        )}
      </Field>
      <Field name="phone" label={t("form.phone")} hint={t("form.phoneHint")} error={errors.phone}>
        {(control) => <input {...control} type="tel" autoComplete="tel" dir="ltr" value={person.phone} onChange={set("phone")} />}
      </Field>
      <Field name="affiliation" label={t("form.affiliation")} hint={t("form.affiliationHint")} error={errors.affiliation}>
        {(control) => (
          <input {...control} type="text" autoComplete="organization" value={person.affiliation} onChange={set("affiliation")} />
        )}
      </Field>
      <Field name="category" label={t("form.category")} error={errors.category}>
        {(control) => (
          <select {...control} value={person.category} onChange={set("category")}>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`category.${category}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {districts.length > 0 && (
        <Field name="district" label={t("form.district")} hint={t("form.districtHint")} error={errors.district}>
          {(control) => (
            <select {...control} value={person.district} onChange={set("district")}>
              <option value="">{t("form.noAnswer")}</option>
              {districts.map((district) => (
                <option key={district} value={district}>
                  {district}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}

/**
 * The privacy notice and the consent checkbox. The notice is the city's text: in the reader's language
 * where the city translated it, else in the city's own language and marked so.
 */
export function ConsentField({
  notice,
  checked,
  onChange,
  error,
}: {
  notice: Schemas["PrivacyNoticeOut"];
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const { t } = useTranslation("public");
  return (
    <FieldGroup name="consent" legend={t("form.privacyTitle")} error={error} required>
      {({ firstId, describedBy, invalid }) => (
        <>
          {/* A box that may scroll: focusable and named, so keyboard users can scroll it too. */}
          <div
            className="privacy-notice"
            {...textLanguage(notice, "text")}
            tabIndex={0}
            role="region"
            aria-label={t("form.privacyText")}
          >
            {notice.text.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
          {notice.url && (
            <p>
              <a href={notice.url}>{t("form.privacyFull")}</a>
            </p>
          )}
          <div className="option">
            <input
              type="checkbox"
              id={firstId}
              name="consent"
              checked={checked}
              onChange={(event) => onChange(event.target.checked)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              required
            />
            <label htmlFor={firstId}>{t("form.consentLabel", { version: notice.version })}</label>
          </div>
        </>
      )}
    </FieldGroup>
  );
}

/** Shown below the submit button while a sign-up or an application is on its way. */
export function SendingNotice({ sending }: { sending: boolean }) {
  const { t } = useTranslation("public");
  if (!sending) return null;
  return (
    <p role="status" className="hint">
      {t("signup.sending")}
    </p>
  );
}

/** The answer to a sent sign-up or application ("check your mail"): takes focus so screen readers read it at once. */
export function AcceptedNotice({ titleId, children }: { titleId: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="notice success" tabIndex={-1} ref={box} role="region" aria-labelledby={titleId}>
      {children}
    </div>
  );
}
