// The person staff enter for someone else, by phone, e-mail or at the door: the same fields, names,
// checks and API shape for a sign-up to an event and for a member added to a group.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, type Problem, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { localProblem } from "../../forms/formErrors";
import { type FormState, type FormValues, SelectField, TextField } from "../../forms/FormFields";
import { useMe } from "../auth/AuthContext";
import { CATEGORIES, STAFF_CHANNELS } from "../lib/enums";
import { textOrNull } from "../lib/values";

/** The person's fields, named as the API names them (labels under `people.<name>`). */
export const PERSON_FIELDS = ["full_name", "phone", "email", "affiliation", "category", "preferred_language", "district", "channel", "consent"];

/** The API names the consent's version, or the whole body when neither e-mail nor phone is given. */
export const PERSON_ALIASES = { "consent.privacy_notice_version": "consent", body: "phone" };

export function emptyPerson(channel: string): FormValues {
  return { full_name: "", phone: "", email: "", affiliation: "", category: "resident", preferred_language: "de", district: "", channel, consent: false };
}

/** The person's part of the API body (PersonIn, channel and consent). */
export function personBody(values: FormValues, privacyNoticeVersion: number) {
  return {
    full_name: String(values.full_name).trim(),
    phone: textOrNull(values.phone),
    email: textOrNull(values.email),
    affiliation: textOrNull(values.affiliation),
    category: values.category as Schemas["StakeholderCategory"],
    preferred_language: String(values.preferred_language),
    district: textOrNull(values.district),
    channel: values.channel as (typeof STAFF_CHANNELS)[number],
    consent: { privacy_notice_version: privacyNoticeVersion },
  };
}

/** Without the person's consent nothing may be stored, so this is checked before sending. */
export function missingConsent(values: FormValues, t: TFunction): Problem | null {
  return values.consent ? null : localProblem("consent", t("staff:signUp.consentMissing"));
}

/** The city's current privacy notice, whose version the person agrees to. */
export function usePrivacyNotice() {
  const me = useMe();
  return useLoading(
    () => must(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: me.organization.slug } } })),
    [me.organization.slug],
    { keepWhileLoading: true },
  );
}

/** Field name → label, for the fields and the error summary. */
export function personLabels(t: TFunction, names: readonly string[]): Record<string, string> {
  // The district's words came with the statistics, in their own namespace.
  return Object.fromEntries(names.map((name) => [name, t(name === "district" ? "staffStats:district.label" : `staff:people.${name}`)]));
}

type PersonFieldProps = { form: FormState<FormValues>; labels: Record<string, string> };

/** Name and contact: a phone number or an e-mail address is enough (the API says so at the phone field). */
export function ContactFields({ form, labels }: PersonFieldProps) {
  const { t } = useTranslation("staff");
  return (
    <>
      <TextField form={form} name="full_name" label={labels.full_name} required autoComplete="off" />
      <TextField form={form} name="phone" type="tel" inputMode="tel" label={labels.phone} hint={t("signUp.contactHint")} autoComplete="off" dir="ltr" />
      <TextField form={form} name="email" type="email" label={labels.email} autoComplete="off" dir="ltr" />
      <TextField form={form} name="affiliation" label={labels.affiliation} hint={t("hints.optional")} />
    </>
  );
}

export function CategoryField({ form, labels }: PersonFieldProps) {
  const { t } = useTranslation("staff");
  return (
    <SelectField form={form} name="category" label={labels.category} options={CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))} />
  );
}

/** How the person reached the office; the web is the resident's own channel, not offered here. */
export function ChannelField({ form, labels }: PersonFieldProps) {
  const { t } = useTranslation("staff");
  return <SelectField form={form} name="channel" label={labels.channel} options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />;
}

/** The district the person lives in, from the city's list; asked only when the city has one. */
export function DistrictField({ form, labels }: PersonFieldProps) {
  const { t } = useTranslation("staff");
  const districts = useMe().organization.districts;
  if (districts.length === 0) return null;
  const options = [{ value: "", label: t("staffStats:district.none") }, ...districts.map((district) => ({ value: district, label: district }))];
  return <SelectField form={form} name="district" label={labels.district} hint={t("staffStats:district.hint")} options={options} />;
}
