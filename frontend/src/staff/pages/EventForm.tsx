import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { CheckboxField, SelectField, TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can, moderatedGroupIds } from "../auth/permissions";
import { EVENT_FORMATS, EVENT_KINDS } from "../lib/enums";
import { useGroups, useProcesses } from "../lib/useProcesses";
import { LanguageChecklist } from "../components/LanguageFields";
import { codes, localDateTime, numberOrNull, textOrNull } from "../lib/values";
import { NoticeConfirmation, type NoticePreview, previewNotice, reachesAnyone } from "./ChangeNotice";
import { draftsOf, questionAliases, questionFieldNames, questionsOf, QuestionsEditor } from "./QuestionsEditor";

type Event = Schemas["EventStaff"];

export const EVENT_FIELDS = [
  "process_id",
  "group_id",
  "title",
  "kind",
  "format",
  "description",
  "starts_at",
  "ends_at",
  "venue.name",
  "venue.address",
  "venue.room",
  "venue.step_free",
  "venue.notes",
  "online_access.join_url",
  "online_access.meeting_id",
  "online_access.passcode",
  "online_access.dial_in",
  "capacity",
  "waitlist_enabled",
  "invitation_only",
  "registration_opens_at",
  "registration_closes_at",
  "languages",
  "interpretation",
  "childcare",
] as const;

// An error about the venue or the access details as a whole belongs to their first field.
const ALIASES = { venue: "venue.name", online_access: "online_access.join_url" };

function initialValues(event: Event | undefined, preset: { processId: string; groupId: string }) {
  return {
    process_id: event?.process_id ?? preset.processId,
    group_id: event?.group_id ?? preset.groupId,
    title: event?.title ?? "",
    kind: event?.kind ?? (preset.groupId ? "group_meeting" : "workshop"),
    format: event?.format ?? "in_person",
    description: event?.description ?? "",
    starts_at: localDateTime(event?.starts_at),
    ends_at: localDateTime(event?.ends_at),
    "venue.name": event?.venue?.name ?? "",
    "venue.address": event?.venue?.address ?? "",
    "venue.room": event?.venue?.room ?? "",
    "venue.step_free": event?.venue?.step_free ?? false,
    "venue.notes": event?.venue?.notes ?? "",
    "online_access.join_url": event?.online_access?.join_url ?? "",
    "online_access.meeting_id": event?.online_access?.meeting_id ?? "",
    "online_access.passcode": event?.online_access?.passcode ?? "",
    "online_access.dial_in": event?.online_access?.dial_in ?? "",
    capacity: event?.capacity ? String(event.capacity) : "",
    waitlist_enabled: event?.waitlist_enabled ?? true,
    invitation_only: event?.invitation_only ?? false,
    registration_opens_at: localDateTime(event?.registration_opens_at),
    registration_closes_at: localDateTime(event?.registration_closes_at),
    languages: event?.languages.join(", ") ?? "de",
    interpretation: event?.interpretation.join(", ") ?? "",
    childcare: event?.childcare ?? false,
  };
}

type Values = ReturnType<typeof initialValues>;

/** The body both create and change send; the format decides whether venue and access details go along. */
function bodyOf(v: Values) {
  const inPerson = v.format !== "online";
  const online = v.format !== "in_person";
  const venueGiven = [v["venue.name"], v["venue.address"], v["venue.room"], v["venue.notes"]].some((x) => x.trim());
  const access = {
    join_url: textOrNull(v["online_access.join_url"]),
    meeting_id: textOrNull(v["online_access.meeting_id"]),
    passcode: textOrNull(v["online_access.passcode"]),
    dial_in: textOrNull(v["online_access.dial_in"]),
  };
  return {
    group_id: v.group_id || null,
    title: v.title.trim(),
    kind: v.kind as Schemas["EventKind"],
    format: v.format as Schemas["EventFormat"],
    description: textOrNull(v.description),
    starts_at: v.starts_at,
    ends_at: v.ends_at,
    venue:
      inPerson && venueGiven
        ? {
            name: v["venue.name"].trim(),
            address: textOrNull(v["venue.address"]),
            room: textOrNull(v["venue.room"]),
            step_free: v["venue.step_free"],
            notes: textOrNull(v["venue.notes"]),
          }
        : null,
    online_access: online && Object.values(access).some(Boolean) ? access : null,
    capacity: numberOrNull(v.capacity),
    waitlist_enabled: v.waitlist_enabled,
    invitation_only: v.invitation_only,
    registration_opens_at: textOrNull(v.registration_opens_at),
    registration_closes_at: textOrNull(v.registration_closes_at),
    languages: codes(v.languages),
    interpretation: codes(v.interpretation),
    childcare: v.childcare,
  };
}

type EventFormProps = {
  event?: Event;
  preset?: { processId: string; groupId: string };
  onSaved: (saved: Event) => void;
};

export function EventForm({ event, preset = { processId: "", groupId: "" }, onSaved }: EventFormProps) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const state = useFormState(() => initialValues(event, preset));
  const [questions, setQuestions] = useState(() => draftsOf(event?.questions));
  const v = state.values;
  const processes = useProcesses();
  const groups = useGroups(v.process_id || undefined);
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, [...EVENT_FIELDS, "notice_note", ...questionFieldNames(questions)], { ...ALIASES, ...questionAliases(questions) });
  const form = { ...state, errors: errors.fields };
  const labels: Record<string, string> = Object.fromEntries(EVENT_FIELDS.map((name) => [name, t(`events.fields.${name}`)]));
  questions.forEach((_, index) => {
    for (const part of ["label", "kind", "options"])
      labels[`questions.${index}.${part}`] = `${t("questions.legend", { number: index + 1 })} – ${t(`questions.${part}`)}`;
  });

  // Offered are the processes and groups where this person may plan dates (a moderator: their group's).
  const moderated = moderatedGroupIds(me);
  const groupChoices = (groups.data ?? []).filter((group) => can(me, "events:write", { processId: group.process_id, groupId: group.id }));
  const processChoices = (processes.data ?? []).filter(
    (process) => can(me, "events:write", { processId: process.id }) || process.id === v.process_id,
  );
  const groupRequired = !can(me, "events:write", { processId: v.process_id }) && moderated.length > 0;

  // A change that reaches people signed up is shown to staff first: whom it tells, and room for a note.
  const [notice, setNotice] = useState<NoticePreview | null>(null);
  const [note, setNote] = useState("");
  useEffect(() => setNotice(null), [v, questions]); // edited again: the preview no longer fits

  const onSubmit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const { online_access, ...rest } = bodyOf(v);
    // Details the caller may not see are not theirs to overwrite either: they are left out of the change.
    const body = { ...rest, ...(event?.online_access_withheld ? {} : { online_access }), questions: questionsOf(questions) };
    void run(async () => {
      if (!event) {
        onSaved(await must(api.POST("/api/v1/staff/events", { body: { ...body, process_id: v.process_id } })));
        return;
      }
      if (!notice && event.status !== "draft") {
        const preview = await previewNotice(event.id, "update", body);
        if (reachesAnyone(preview)) return setNotice(preview);
      }
      const change = { ...body, notice_note: notice ? note.trim() || null : null };
      const saved = await must(api.PATCH("/api/v1/staff/events/{event_id}", { params: { path: { event_id: event.id } }, body: change }));
      setNotice(null);
      setNote("");
      onSaved(saved);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <fieldset>
        <legend>{t("events.sections.what")}</legend>
        {!event && (
          <SelectField
            form={form}
            name="process_id"
            label={labels.process_id}
            required
            options={[{ value: "", label: t("forms.choose") }, ...processChoices.map((p) => ({ value: p.id, label: p.title }))]}
          />
        )}
        <SelectField
          form={form}
          name="group_id"
          label={labels.group_id}
          required={groupRequired}
          options={[
            ...(groupRequired ? [] : [{ value: "", label: t("events.noGroup") }]),
            ...groupChoices.map((group) => ({ value: group.id, label: group.name })),
          ]}
        />
        <TextField form={form} name="title" label={labels.title} required />
        <div className="field-row">
          <SelectField form={form} name="kind" label={labels.kind} options={EVENT_KINDS.map((kind) => ({ value: kind, label: t(`enums.eventKind.${kind}`) }))} />
          <SelectField form={form} name="format" label={labels.format} options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`enums.eventFormat.${f}`) }))} />
        </div>
        <TextAreaField form={form} name="description" label={labels.description} rows={4} />
      </fieldset>
      <fieldset>
        <legend>{t("events.sections.when")}</legend>
        <p className="hint">{t("hints.cityTime")}</p>
        <div className="field-row">
          <TextField form={form} name="starts_at" type="datetime-local" label={labels.starts_at} required />
          <TextField form={form} name="ends_at" type="datetime-local" label={labels.ends_at} required />
        </div>
      </fieldset>
      {v.format !== "online" && (
        <fieldset>
          <legend>{t("events.sections.venue")}</legend>
          <TextField form={form} name="venue.name" label={labels["venue.name"]} required />
          <TextField form={form} name="venue.address" label={labels["venue.address"]} autoComplete="off" />
          <TextField form={form} name="venue.room" label={labels["venue.room"]} />
          <CheckboxField form={form} name="venue.step_free" label={labels["venue.step_free"]} />
          <TextAreaField form={form} name="venue.notes" label={labels["venue.notes"]} rows={2} />
        </fieldset>
      )}
      {v.format !== "in_person" && event?.online_access_withheld && (
        <fieldset>
          <legend>{t("events.sections.online")}</legend>
          <p className="hint">{t("hints.onlineWithheld")}</p>
        </fieldset>
      )}
      {v.format !== "in_person" && !event?.online_access_withheld && (
        <fieldset>
          <legend>{t("events.sections.online")}</legend>
          <p className="hint">{t("hints.onlineSecret")}</p>
          <TextField form={form} name="online_access.join_url" type="url" label={labels["online_access.join_url"]} dir="ltr" />
          <div className="field-row">
            <TextField form={form} name="online_access.meeting_id" label={labels["online_access.meeting_id"]} dir="ltr" />
            <TextField form={form} name="online_access.passcode" label={labels["online_access.passcode"]} dir="ltr" />
          </div>
          <TextField form={form} name="online_access.dial_in" label={labels["online_access.dial_in"]} dir="ltr" />
        </fieldset>
      )}
      <fieldset>
        <legend>{t("events.sections.signUp")}</legend>
        <TextField form={form} name="capacity" type="number" inputMode="numeric" min="1" label={labels.capacity} hint={t("hints.noLimit")} />
        <CheckboxField form={form} name="waitlist_enabled" label={labels.waitlist_enabled} />
        <CheckboxField form={form} name="invitation_only" label={labels.invitation_only} />
        <div className="field-row">
          <TextField form={form} name="registration_opens_at" type="datetime-local" label={labels.registration_opens_at} hint={t("hints.optional")} />
          <TextField form={form} name="registration_closes_at" type="datetime-local" label={labels.registration_closes_at} hint={t("hints.optional")} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("events.sections.access")}</legend>
        <LanguageChecklist form={form} name="languages" legend={labels.languages} />
        <LanguageChecklist form={form} name="interpretation" legend={labels.interpretation} hint={t("hints.optional")} />
        <CheckboxField form={form} name="childcare" label={labels.childcare} />
      </fieldset>
      <fieldset>
        <legend>{t("questions.title")}</legend>
        <p className="hint">{t("questions.intro")}</p>
        <QuestionsEditor drafts={questions} onChange={setQuestions} errors={errors.fields} />
      </fieldset>
      {notice && event ? (
        <NoticeConfirmation
          preview={notice}
          eventId={event.id}
          note={note}
          onNote={setNote}
          noteError={errors.fields.notice_note}
          submitting={submitting}
          onBack={() => setNotice(null)}
        />
      ) : (
        <button type="submit" className="primary" disabled={submitting}>
          {event ? t("actions.save") : t("events.create")}
        </button>
      )}
    </form>
  );
}
