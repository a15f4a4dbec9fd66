// Writing to an audience: who, the words per language, a preview, a test to oneself, and sending after
// a confirmation that names how many people it reaches.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { languageName } from "../../format";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { FieldGroup } from "../../forms/FieldGroup";
import { formErrors } from "../../forms/formErrors";
import { type FormState, SelectField, TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { StatusMessage } from "../components/PageState";
import { PeopleToCall, Samples } from "./parts";

type Draft = Schemas["MessageDraft"];
type Preview = Schemas["Preview"];
type Sent = Schemas["StaffMessageDetail"];
type Values = Record<string, string>;
type Statuses = NonNullable<Draft["audience"]["statuses"]>;

export const AUDIENCE_KINDS = ["event", "waiting_list", "group", "process"] as const satisfies readonly Schemas["AudienceKind"][];
const EVENT_STATUSES = ["confirmed", "pending", "offered", "attended", "no_show"] as const;
const GROUP_STATUSES = ["member", "applied", "waitlisted"] as const;
const ROLES = ["member", "lead", "deputy"] as const;

export type Choices = {
  events: { id: string; title: string }[];
  groups: { id: string; name: string }[];
  /** The city's languages, its default first. */
  languages: string[];
};

/** The form's start: what the page was opened for (`?event=…`, `?event=…&list=waiting`, `?group=…`). */
export function startValues(languages: string[], params: URLSearchParams): Values {
  const values: Values = {
    "audience.kind": "process",
    "audience.event_id": params.get("event") ?? "",
    "audience.group_id": params.get("group") ?? "",
    "audience.statuses": "confirmed,pending,offered",
    "audience.group_statuses": "member",
    "audience.roles": "",
  };
  if (params.get("event")) values["audience.kind"] = params.get("list") === "waiting" ? "waiting_list" : "event";
  else if (params.get("group")) values["audience.kind"] = "group";
  for (const language of languages) values[`texts.${language}.subject`] = values[`texts.${language}.body`] = "";
  return values;
}

function listOf(value: string): string[] {
  return value.split(",").filter(Boolean);
}

/** The request body: the audience as the API wants it, and only the languages that have words. */
function draftOf(values: Values, languages: string[]): Draft {
  const kind = values["audience.kind"] as Schemas["AudienceKind"];
  const audience: Draft["audience"] = { kind };
  if (kind === "event" || kind === "waiting_list") audience.event_id = values["audience.event_id"] || null;
  if (kind === "event") audience.statuses = listOf(values["audience.statuses"]) as Statuses;
  if (kind === "group") {
    audience.group_id = values["audience.group_id"] || null;
    audience.statuses = listOf(values["audience.group_statuses"]) as Statuses;
    audience.roles = listOf(values["audience.roles"]) as Schemas["MembershipRole"][];
  }
  const texts: Draft["texts"] = {};
  languages.forEach((language, index) => {
    const subject = values[`texts.${language}.subject`].trim();
    const body = values[`texts.${language}.body`].trim();
    // The default language is always sent, so that an empty one is refused at its own fields.
    if (index === 0 || subject || body) texts[language] = { subject, body };
  });
  return { audience, texts };
}

function Checklist({
  form,
  name,
  legend,
  hint,
  options,
}: {
  form: FormState<Values>;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  const chosen = listOf(form.values[name]);
  const toggle = (value: string, on: boolean) =>
    form.set(name, (on ? [...chosen, value] : chosen.filter((v) => v !== value)).join(","));
  return (
    <FieldGroup name={name} legend={legend} hint={hint} error={form.errors[name]}>
      {({ firstId, describedBy, invalid }) => (
        <div className="message-choices">
          {options.map((option, index) => {
            const id = index === 0 ? firstId : `field-${name}-${option.value}`;
            return (
              <div className="option" key={option.value}>
                <input
                  type="checkbox"
                  id={id}
                  checked={chosen.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
                <label htmlFor={id}>{option.label}</label>
              </div>
            );
          })}
        </div>
      )}
    </FieldGroup>
  );
}

function AudienceFields({ form, choices }: { form: FormState<Values>; choices: Choices }) {
  const { t } = useTranslation("staffMessages");
  const kind = form.values["audience.kind"];
  const choose = { value: "", label: t("audience.choose") };
  return (
    <>
      <FieldGroup name="audience.kind" legend={t("audience.legend")} error={form.errors["audience.kind"]} required>
        {({ firstId, describedBy, invalid }) => (
          <div className="message-choices">
            {AUDIENCE_KINDS.map((value, index) => {
              const id = index === 0 ? firstId : `field-audience.kind-${value}`;
              return (
                <div className="option" key={value}>
                  <input
                    type="radio"
                    id={id}
                    name="audience.kind"
                    value={value}
                    checked={kind === value}
                    onChange={() => form.set("audience.kind", value)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                  />
                  <label htmlFor={id}>{t(`audience.${value}`)}</label>
                </div>
              );
            })}
          </div>
        )}
      </FieldGroup>
      {(kind === "event" || kind === "waiting_list") && (
        <SelectField
          form={form}
          name="audience.event_id"
          label={t("audience.eventLabel")}
          required
          options={[choose, ...choices.events.map((event) => ({ value: event.id, label: event.title }))]}
        />
      )}
      {kind === "event" && (
        <Checklist
          form={form}
          name="audience.statuses"
          legend={t("audience.statuses")}
          options={EVENT_STATUSES.map((value) => ({ value, label: t(`staff:status.registration.${value}`) }))}
        />
      )}
      {kind === "group" && (
        <>
          <SelectField
            form={form}
            name="audience.group_id"
            label={t("audience.groupLabel")}
            required
            options={[choose, ...choices.groups.map((group) => ({ value: group.id, label: group.name }))]}
          />
          <Checklist
            form={form}
            name="audience.group_statuses"
            legend={t("audience.statuses")}
            options={GROUP_STATUSES.map((value) => ({ value, label: t(`staff:status.membership.${value}`) }))}
          />
          <Checklist
            form={form}
            name="audience.roles"
            legend={t("audience.roles")}
            hint={t("audience.rolesHint")}
            options={ROLES.map((value) => ({ value, label: t(`staff:enums.membershipRole.${value}`) }))}
          />
        </>
      )}
    </>
  );
}

function TextFields({ form, languages }: { form: FormState<Values>; languages: string[] }) {
  const { t, i18n } = useTranslation("staffMessages");
  const reader = i18n.resolvedLanguage ?? i18n.language;
  return (
    <>
      {languages.map((language, index) => (
        <fieldset key={language} className="field-group message-language" lang={language} dir="auto">
          <legend lang={reader}>{t("texts.legend", { language: languageName(language, reader) })}</legend>
          <p className="hint" lang={reader}>
            {index === 0 ? t("texts.defaultHint") : t("texts.optionalHint")}
          </p>
          <TextField form={form} name={`texts.${language}.subject`} label={t("texts.subject")} required={index === 0} dir="auto" />
          <TextAreaField
            form={form}
            name={`texts.${language}.body`}
            label={t("texts.body")}
            hint={t("texts.placeholders")}
            required={index === 0}
            rows={7}
          />
        </fieldset>
      ))}
    </>
  );
}

// Where the API names a field the form shows under another name.
const ALIASES = {
  audience: "audience.kind",
  "audience.statuses": "audience.statuses",
  "audience.roles": "audience.roles",
};

/** The compose form of a process's messages page; `onSent` gets the message as the API recorded it. */
export function MessageForm({
  processId,
  choices,
  start,
  onSent,
}: {
  processId: string;
  choices: Choices;
  start: Values;
  onSent: (message: Sent) => void;
}) {
  const { t } = useTranslation("staffMessages");
  const state = useFormState<Values>(start);
  const { submitting, problem, run } = useSubmit();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const languages = choices.languages;
  const fields = [
    "audience.kind",
    "audience.event_id",
    "audience.group_id",
    "audience.statuses",
    "audience.group_statuses",
    "audience.roles",
    ...languages.flatMap((language) => [`texts.${language}.subject`, `texts.${language}.body`]),
  ];
  // A group's statuses come back from the API as `audience.statuses` too.
  const groupAliases = state.values["audience.kind"] === "group" ? { "audience.statuses": "audience.group_statuses" } : {};
  const errors = formErrors(problem, fields, { ...ALIASES, ...groupAliases, ...textAliases(languages) });
  const form = { ...state, errors: errors.fields };
  const labels = labelsOf(t, languages);
  const path = { params: { path: { process_id: processId } } };

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const ask = async (action: "preview" | "test" | "send") => {
    setNotice(null);
    setConfirming(false);
    const body = draftOf(state.values, languages);
    const done = await run(async () => {
      if (action === "test") {
        const sent = await must(api.POST("/api/v1/staff/processes/{process_id}/messages/test", { ...path, body }));
        setNotice(t("testSent", { recipient: sent.recipient, count: sent.mail_count }));
        return true;
      }
      setPreview(await must(api.POST("/api/v1/staff/processes/{process_id}/messages/preview", { ...path, body })));
      return true;
    });
    if (!done) setRound((n) => n + 1);
    else if (action === "send") setConfirming(true);
  };

  const send = async () => {
    const body = draftOf(state.values, languages);
    const sent = await run(() => must(api.POST("/api/v1/staff/processes/{process_id}/messages", { ...path, body })));
    setConfirming(false);
    if (!sent) return setRound((n) => n + 1);
    setPreview(null);
    setNotice(t("sent"));
    onSent(sent);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void ask("send");
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form message-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} focusKey={round} />
      <AudienceFields form={form} choices={choices} />
      <TextFields form={form} languages={languages} />
      <div className="button-row">
        <button type="button" disabled={submitting} onClick={() => void ask("preview")}>
          {t("preview")}
        </button>
        <button type="button" disabled={submitting} onClick={() => void ask("test")}>
          {t("test")}
        </button>
        <button type="submit" className="primary" disabled={submitting}>
          {t("send")}
        </button>
      </div>
      <StatusMessage>{notice}</StatusMessage>
      {confirming && preview && (
        <section className="notice warning confirm-send" aria-labelledby="message-confirm-title">
          <h2 id="message-confirm-title" tabIndex={-1} ref={confirmHeading}>
            {t("confirmTitle")}
          </h2>
          <p>{t("confirmText", { count: preview.recipient_count })}</p>
          {preview.to_call.length > 0 && <p>{t("confirmCall", { count: preview.to_call.length })}</p>}
          <div className="button-row">
            <button type="button" className="primary" disabled={submitting} onClick={() => void send()}>
              {t("sendNow")}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </section>
      )}
      {preview && (
        <section aria-labelledby="message-preview-title" className="message-preview">
          <h2 id="message-preview-title">{t("previewTitle")}</h2>
          <p>
            {t("reach", { count: preview.recipient_count })}
            {preview.opted_out_count > 0 && <> {t("optedOut", { count: preview.opted_out_count })}</>}
          </p>
          <Samples samples={preview.samples} />
          <PeopleToCall people={preview.to_call} headingLevel={3} />
        </section>
      )}
    </form>
  );
}

/** The API's `texts.de` (a language as a whole) shows at that language's subject. */
function textAliases(languages: string[]): Record<string, string> {
  return Object.fromEntries(languages.map((language) => [`texts.${language}`, `texts.${language}.subject`]));
}

function labelsOf(t: (key: string, values?: Record<string, string>) => string, languages: string[]): Record<string, string> {
  const labels: Record<string, string> = {
    "audience.kind": t("audience.legend"),
    "audience.event_id": t("audience.eventLabel"),
    "audience.group_id": t("audience.groupLabel"),
    "audience.statuses": t("audience.statuses"),
    "audience.group_statuses": t("audience.statuses"),
    "audience.roles": t("audience.roles"),
  };
  for (const language of languages) {
    const name = languageName(language, document.documentElement.lang || "de");
    labels[`texts.${language}.subject`] = `${t("texts.subject")} (${name})`;
    labels[`texts.${language}.body`] = `${t("texts.body")} (${name})`;
  }
  return labels;
}
