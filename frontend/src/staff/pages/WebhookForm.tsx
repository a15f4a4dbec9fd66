// Subscribing a receiver and changing a subscription: the address, a note, the kinds of news it gets
// (a checklist with each kind in words) and whether it may receive people's names and contacts.
import { type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { FieldGroup } from "../../forms/FieldGroup";
import { CheckboxField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { dataFormErrors, textKey } from "../lib/dataProblems";
import { WEBHOOK_EVENT_GROUPS, WEBHOOK_EVENT_TYPES } from "../lib/dataEnums";

type Subscription = Schemas["SubscriptionStaff"];
type Values = Record<string, string | boolean>;
export type WebhookBody = {
  url: string;
  description: string | null;
  event_types: Schemas["WebhookEventType"][];
  include_personal_data: boolean;
};

export const WEBHOOK_FIELDS = ["url", "description", "event_types", "include_personal_data"] as const;

function initial(subscription?: Subscription): Values {
  const chosen = new Set(subscription?.event_types ?? []);
  return {
    url: subscription?.url ?? "https://",
    description: subscription?.description ?? "",
    include_personal_data: subscription?.include_personal_data ?? false,
    ...Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [`type.${type}`, chosen.has(type)])),
  };
}

type WebhookFormProps = {
  subscription?: Subscription;
  submitLabel: string;
  onSubmit: (body: WebhookBody) => Promise<unknown>;
};

export function WebhookForm({ subscription, submitLabel, onSubmit }: WebhookFormProps) {
  const { t } = useTranslation("staffData");
  const state = useFormState<Values>(() => initial(subscription));
  const { submitting, problem, run } = useSubmit();
  const errors = dataFormErrors(problem, t, "webhook", WEBHOOK_FIELDS);
  const form = { ...state, errors: errors.fields };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const description = String(state.values.description).trim();
      await onSubmit({
        url: String(state.values.url).trim(),
        description: description || null,
        event_types: WEBHOOK_EVENT_TYPES.filter((type) => state.values[`type.${type}`]),
        include_personal_data: Boolean(state.values.include_personal_data),
      });
      if (!subscription) state.replace(initial());
    });
  };
  const labels = {
    url: t("webhooks.url"),
    description: t("webhooks.description"),
    event_types: t("webhooks.eventTypes"),
    include_personal_data: t("webhooks.personalData"),
  };
  return (
    <form onSubmit={submit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <TextField form={form} name="url" type="url" label={labels.url} hint={t("webhooks.urlHint")} required dir="ltr" inputMode="url" />
      <TextField form={form} name="description" label={labels.description} hint={t("webhooks.descriptionHint")} />
      <FieldGroup name="event_types" legend={labels.event_types} hint={t("webhooks.eventTypesHint")} error={errors.fields.event_types} required>
        {({ firstId, describedBy, invalid }) => (
          <>
            {Object.entries(WEBHOOK_EVENT_GROUPS).map(([group, types]) => (
              <fieldset key={group} className="checkbox-group">
                <legend>{t(`webhooks.groups.${group}`)}</legend>
                {types.map((type) => {
                  const id = type === WEBHOOK_EVENT_TYPES[0] ? firstId : `field-type-${textKey(type)}`;
                  const hintId = `${id}-hint`;
                  return (
                    <div key={type} className="field checkbox-field">
                      <input
                        type="checkbox"
                        id={id}
                        name={`type.${type}`}
                        checked={Boolean(state.values[`type.${type}`])}
                        onChange={(event) => state.set(`type.${type}`, event.target.checked)}
                        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
                        aria-invalid={invalid}
                      />
                      <label htmlFor={id}>{t(`eventTypes.${textKey(type)}.label`)}</label>
                      <p id={hintId} className="hint">
                        {t(`eventTypes.${textKey(type)}.hint`)}
                      </p>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </>
        )}
      </FieldGroup>
      <CheckboxField form={form} name="include_personal_data" label={labels.include_personal_data} hint={t("webhooks.personalDataHint")} />
      <button type="submit" className="primary" disabled={submitting}>
        {submitLabel}
      </button>
    </form>
  );
}
