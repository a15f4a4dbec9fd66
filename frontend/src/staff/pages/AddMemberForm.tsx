// Staff enter a person into a group themselves (also the appointed steering group), with a role.
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { CheckboxField, SelectField, TextAreaField, useFormState } from "../../forms/FormFields";
import { LanguageSelect } from "../components/LanguageFields";
import { useSubmit } from "../../forms/useSubmit";
import {
  CategoryField,
  ChannelField,
  ContactFields,
  emptyPerson,
  missingConsent,
  PERSON_ALIASES,
  PERSON_FIELDS,
  personBody,
  personLabels,
  usePrivacyNotice,
} from "../components/PersonFields";
import { MEMBERSHIP_ROLES } from "../lib/enums";
import { textOrNull } from "../lib/values";

type Group = Schemas["GroupStaff"];

const ADD_FIELDS = [...PERSON_FIELDS, "role", "note"];

export function AddMemberForm({ group, onAdded }: { group: Group; onAdded: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const notice = usePrivacyNotice();
  const initial = { ...emptyPerson("staff"), role: "member", note: "" };
  const state = useFormState<Record<string, string | boolean>>(initial);
  const { submitting, problem, setProblem, run } = useSubmit();
  const errors = formErrors(problem, ADD_FIELDS, PERSON_ALIASES);
  const form = { ...state, errors: errors.fields };
  const labels = personLabels(t, ADD_FIELDS);
  const v = state.values;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const refusal = missingConsent(v, t);
    if (refusal) return setProblem(refusal);
    void run(async () => {
      const added = await must(
        api.POST("/api/v1/staff/groups/{group_id}/memberships", {
          params: { path: { group_id: group.id } },
          body: {
            ...personBody(v, notice.data?.version ?? 0),
            role: v.role as Schemas["MembershipRole"],
            note: textOrNull(v.note),
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
      <ContactFields form={form} labels={labels} />
      <div className="field-row">
        <CategoryField form={form} labels={labels} />
        <SelectField form={form} name="role" label={labels.role} options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`enums.membershipRole.${r}`) }))} />
      </div>
      <div className="field-row">
        <LanguageSelect form={form} name="preferred_language" label={labels.preferred_language} />
        <ChannelField form={form} labels={labels} />
      </div>
      <TextAreaField form={form} name="note" label={labels.note} rows={2} />
      {notice.data && <CheckboxField form={form} name="consent" label={t("people.consent", { version: notice.data.version })} />}
      <button type="submit" className="primary" disabled={submitting || notice.state !== "ready"}>
        {t("memberships.add")}
      </button>
    </form>
  );
}
