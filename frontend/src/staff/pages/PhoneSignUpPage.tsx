import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { CheckboxField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { LanguageSelect } from "../components/LanguageFields";
import { PageState } from "../components/PageState";
import {
  CategoryField,
  ChannelField,
  DistrictField,
  ContactFields,
  emptyPerson,
  missingConsent,
  PERSON_ALIASES,
  PERSON_FIELDS,
  personBody,
  personLabels,
  usePrivacyNotice,
} from "../components/PersonFields";
import { StatusTag } from "../components/StatusTag";
import { STAFF_CHANNELS } from "../lib/enums";
import { useFormat } from "../lib/useFormat";
import { answersOf, QuestionFields } from "./QuestionFields";

type Event = Schemas["EventStaff"];
type Registration = Schemas["StaffRegistration"];

// Languages people commonly speak in German cities; any other code can be typed in the web form.

function SignUpForm({ event, channel, onDone }: { event: Event; channel: string; onDone: (registration: Registration) => void }) {
  const { t } = useTranslation("staff");
  const notice = usePrivacyNotice();
  const state = useFormState(() => emptyPerson(channel));
  const { submitting, problem, setProblem, run } = useSubmit();
  const questionFields = event.questions.map((question) => `answers.${question.id}`);
  const errors = formErrors(problem, [...PERSON_FIELDS, ...questionFields], PERSON_ALIASES);
  const form = { ...state, errors: errors.fields };
  const labels = personLabels(t, PERSON_FIELDS);
  for (const question of event.questions) labels[`answers.${question.id}`] = question.label;
  const v = state.values;

  const onSubmit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const refusal = missingConsent(v, t);
    if (refusal) return setProblem(refusal);
    void run(async () => {
      const registration = await must(
        api.POST("/api/v1/staff/events/{event_id}/registrations", {
          params: { path: { event_id: event.id } },
          body: { ...personBody(v, notice.data?.version ?? 0), answers: answersOf(event.questions, v) },
        }),
      );
      onDone(registration);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <ContactFields form={form} labels={labels} />
      <div className="field-row">
        <CategoryField form={form} labels={labels} />
        <LanguageSelect form={form} name="preferred_language" label={labels.preferred_language} />
        <DistrictField form={form} labels={labels} />
      </div>
      <ChannelField form={form} labels={labels} />
      {event.questions.length > 0 && (
        <fieldset>
          <legend>{t("signUp.questions")}</legend>
          <QuestionFields questions={event.questions} form={form} />
        </fieldset>
      )}
      <PageState loading={notice}>
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
  const event = useLoading(() => must(api.GET("/api/v1/staff/events/{event_id}", { params: { path: { event_id: eventId } } })), [eventId], { keepWhileLoading: true });
  usePageTitle(event.data ? t("signUp.titleOf", { title: event.data.title }) : t("signUp.title"));
  return (
    <PageState loading={event} heading={t("signUp.title")}>
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
