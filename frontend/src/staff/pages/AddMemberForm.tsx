// Staff enter a person into a group themselves (also the appointed steering group), with a role.
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { useMe } from "../auth/AuthContext";
import { CheckboxField, SelectField, TextAreaField, TextField, useFormState } from "../components/FormFields";
import { must } from "../lib/apiResult";
import { CATEGORIES, MEMBERSHIP_ROLES, STAFF_CHANNELS } from "../lib/enums";
import { formErrors, localProblem } from "../lib/formErrors";
import { useLoad } from "../lib/useLoad";
import { useSubmit } from "../lib/useSubmit";
import { textOrNull } from "../lib/values";

type Group = Schemas["GroupStaff"];

const ADD_FIELDS = ["full_name", "phone", "email", "affiliation", "category", "preferred_language", "role", "channel", "note", "consent"];

export function AddMemberForm({ group, onAdded }: { group: Group; onAdded: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const notice = useLoad(
    () => must(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: me.organization.slug } } })),
    [me.organization.slug],
  );
  const initial = { full_name: "", phone: "", email: "", affiliation: "", category: "resident", preferred_language: "de", role: "member", channel: "staff", note: "", consent: false };
  const state = useFormState<Record<string, string | boolean>>(initial);
  const { submitting, problem, setProblem, run } = useSubmit();
  const errors = formErrors(problem, ADD_FIELDS, { "consent.privacy_notice_version": "consent", body: "phone" });
  const form = { ...state, errors: errors.fields };
  const labels: Record<string, string> = Object.fromEntries(ADD_FIELDS.map((name) => [name, t(`people.${name}`)]));
  const v = state.values;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!v.consent) {
      setProblem(localProblem("consent", t("signUp.consentMissing")));
      return;
    }
    void run(async () => {
      const added = await must(
        api.POST("/api/v1/staff/groups/{group_id}/memberships", {
          params: { path: { group_id: group.id } },
          body: {
            full_name: String(v.full_name).trim(),
            phone: textOrNull(v.phone),
            email: textOrNull(v.email),
            affiliation: textOrNull(v.affiliation),
            category: v.category as Schemas["StakeholderCategory"],
            preferred_language: String(v.preferred_language),
            role: v.role as Schemas["MembershipRole"],
            channel: v.channel as (typeof STAFF_CHANNELS)[number],
            note: textOrNull(v.note),
            consent: { privacy_notice_version: notice.data?.version ?? 0 },
          },
        }),
      );
      state.replace(initial);
      onAdded(t("memberships.added", { name: added.participant.full_name }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <TextField form={form} name="full_name" label={labels.full_name} required autoComplete="off" />
      <TextField form={form} name="phone" type="tel" label={labels.phone} hint={t("signUp.contactHint")} autoComplete="off" dir="ltr" />
      <TextField form={form} name="email" type="email" label={labels.email} autoComplete="off" dir="ltr" />
      <TextField form={form} name="affiliation" label={labels.affiliation} hint={t("hints.optional")} />
      <div className="field-row">
        <SelectField form={form} name="category" label={labels.category} options={CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))} />
        <SelectField form={form} name="role" label={labels.role} options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`enums.membershipRole.${r}`) }))} />
      </div>
      <div className="field-row">
        <TextField form={form} name="preferred_language" label={labels.preferred_language} hint={t("hints.languageCode")} dir="ltr" />
        <SelectField form={form} name="channel" label={labels.channel} options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />
      </div>
      <TextAreaField form={form} name="note" label={labels.note} rows={2} />
      {notice.data && <CheckboxField form={form} name="consent" label={t("people.consent", { version: notice.data.version })} />}
      <button type="submit" className="primary" disabled={submitting || notice.state !== "ready"}>
        {t("memberships.add")}
      </button>
    </form>
  );
}
