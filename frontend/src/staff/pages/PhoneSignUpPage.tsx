import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { CheckboxField, SelectField, TextField, useFormState } from "../components/FormFields";
import { PageState } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { must } from "../lib/apiResult";
import { CATEGORIES, STAFF_CHANNELS } from "../lib/enums";
import { formErrors, localProblem } from "../lib/formErrors";
import { useFormat } from "../lib/useFormat";
import { useLoad } from "../lib/useLoad";
import { useSubmit } from "../lib/useSubmit";
import { textOrNull } from "../lib/values";
import { answersOf, QuestionFields } from "./QuestionFields";

type Event = Schemas["EventStaff"];
type Registration = Schemas["StaffRegistration"];

const PERSON_FIELDS = ["full_name", "phone", "email", "affiliation", "category", "preferred_language", "channel", "consent"];
// Languages people commonly speak in German cities; any other code can be typed in the web form.
const LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa", "pl", "ro", "ku", "ti", "so", "fr", "es", "it"];

function emptyValues(channel: string): Record<string, string | boolean> {
  return { full_name: "", phone: "", email: "", affiliation: "", category: "resident", preferred_language: "de", channel, consent: false };
}

function SignUpForm({ event, channel, onDone }: { event: Event; channel: string; onDone: (registration: Registration) => void }) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const notice = useLoad(
    () => must(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: me.organization.slug } } })),
    [me.organization.slug],
  );
  const state = useFormState(() => emptyValues(channel));
  const { submitting, problem, setProblem, run } = useSubmit();
  const questionFields = event.questions.map((question) => `answers.${question.id}`);
  // The API names the consent's version, or the whole body when neither e-mail nor phone is given.
  const errors = formErrors(problem, [...PERSON_FIELDS, ...questionFields], { "consent.privacy_notice_version": "consent", body: "phone" });
  const form = { ...state, errors: errors.fields };
  const labels: Record<string, string> = Object.fromEntries(PERSON_FIELDS.map((name) => [name, t(`people.${name}`)]));
  for (const question of event.questions) labels[`answers.${question.id}`] = question.label;
  const v = state.values;

  const onSubmit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!v.consent) {
      // Without the person's consent nothing may be stored, so this is checked before sending.
      setProblem(localProblem("consent", t("signUp.consentMissing")));
      return;
    }
    void run(async () => {
      const registration = await must(
        api.POST("/api/v1/staff/events/{event_id}/registrations", {
          params: { path: { event_id: event.id } },
          body: {
            full_name: String(v.full_name).trim(),
            phone: textOrNull(v.phone),
            email: textOrNull(v.email),
            affiliation: textOrNull(v.affiliation),
            category: v.category as Schemas["StakeholderCategory"],
            preferred_language: String(v.preferred_language),
            channel: v.channel as (typeof STAFF_CHANNELS)[number],
            answers: answersOf(event.questions, v),
            consent: { privacy_notice_version: notice.data?.version ?? 0 },
          },
        }),
      );
      onDone(registration);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <TextField form={form} name="full_name" label={labels.full_name} required autoComplete="off" />
      <TextField form={form} name="phone" type="tel" inputMode="tel" label={labels.phone} hint={t("signUp.contactHint")} autoComplete="off" dir="ltr" />
      <TextField form={form} name="email" type="email" label={labels.email} autoComplete="off" dir="ltr" />
      <TextField form={form} name="affiliation" label={labels.affiliation} hint={t("hints.optional")} />
      <div className="field-row">
        <SelectField form={form} name="category" label={labels.category} options={CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))} />
        <SelectField form={form} name="preferred_language" label={labels.preferred_language} options={LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`, { defaultValue: code }) }))} />
      </div>
      <SelectField form={form} name="channel" label={labels.channel} options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />
      {event.questions.length > 0 && (
        <fieldset>
          <legend>{t("signUp.questions")}</legend>
          <QuestionFields questions={event.questions} form={form} />
        </fieldset>
      )}
      <PageState loaded={notice}>
        {(privacy) => (
          <div className="consent">
            <p>
              {t("signUp.privacyIntro", { version: privacy.version })}{" "}
              {privacy.url ? (
                <a href={privacy.url} target="_blank" rel="noreferrer">
                  {t("signUp.privacyLink")}
                </a>
              ) : null}
            </p>
            {!privacy.url && (
              <details>
                <summary>{t("signUp.privacyText")}</summary>
                <p className="privacy-text">{privacy.text}</p>
              </details>
            )}
            <CheckboxField form={form} name="consent" label={t("people.consent", { version: privacy.version })} />
          </div>
        )}
      </PageState>
      <button type="submit" className="primary" disabled={submitting || notice.state !== "ready"}>
        {t("signUp.submit")}
      </button>
    </form>
  );
}

function Done({ registration, event, onAnother }: { registration: Registration; event: Event; onAnother: () => void }) {
  const { t } = useTranslation("staff");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="notice success" aria-labelledby="signup-done">
      <h2 id="signup-done" tabIndex={-1} ref={heading}>
        {t("signUp.done", { name: registration.participant.full_name })}
      </h2>
      <p>
        {t("labels.status")}: <StatusTag kind="registration" status={registration.status} />
      </p>
      <p className="link-row">
        <button type="button" className="primary" onClick={onAnother}>
          {t("signUp.another")}
        </button>
        <Link to={`/staff/events/${event.id}/registrations`}>{t("events.registrationsOf", { title: event.title })}</Link>
        <Link to={`/staff/events/${event.id}/check-in`}>{t("events.checkInOf", { title: event.title })}</Link>
      </p>
    </section>
  );
}

/** A sign-up taken by phone, e-mail or at the door: confirmed at once; a phone number alone is enough. */
export function PhoneSignUpPage() {
  const { t } = useTranslation("staff");
  const { eventId = "" } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const format = useFormat();
  const channel = STAFF_CHANNELS.includes(params.get("channel") as never) ? (params.get("channel") as string) : "phone";
  const [done, setDone] = useState<Registration | null>(null);
  const [round, setRound] = useState(0);
  const event = useLoad(() => must(api.GET("/api/v1/staff/events/{event_id}", { params: { path: { event_id: eventId } } })), [eventId]);
  usePageTitle(event.data ? t("signUp.titleOf", { title: event.data.title }) : t("signUp.title"));
  return (
    <PageState loaded={event} heading={t("signUp.title")}>
      {(ev) => (
        <>
          <p>
            <Link to={`/staff/events/${ev.id}/registrations`}>{t("registrations.backToList", { title: ev.title })}</Link>
          </p>
          <h1>{t("signUp.titleOf", { title: ev.title })}</h1>
          <p>
            {format.range(ev.starts_at, ev.ends_at)}
            {ev.capacity !== null && <> · {t("signUp.seatsLeft", { count: ev.seats_left ?? 0 })}</>}
          </p>
          {!can(me, "people:write", { processId: ev.process_id, groupId: ev.group_id }) ? (
            <p className="notice warning">{t("problem.forbidden")}</p>
          ) : done ? (
            <Done
              registration={done}
              event={ev}
              onAnother={() => {
                setDone(null);
                setRound((n) => n + 1);
                event.reload();
              }}
            />
          ) : (
            <SignUpForm key={round} event={ev} channel={channel} onDone={setDone} />
          )}
        </>
      )}
    </PageState>
  );
}
