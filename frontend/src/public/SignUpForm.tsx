import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem, type Schemas } from "../api/client";
import { settle } from "../api/outcome";
import { problemSlug } from "../api/problem";
import { formatDateTime } from "../format";
import { ErrorSummary } from "../forms/ErrorSummary";
import { useRefusal } from "../forms/useRefusal";
import { answerField, answersForApi, type Answers, initialAnswers, unansweredRequired } from "./answers";
import { idempotencyKeys } from "./idempotency";
import { useLanguage } from "./parts";
import {
  AcceptedNotice,
  ConsentField,
  emptyPerson,
  PERSON_FIELDS,
  type Person,
  personErrors,
  personForApi,
  PersonFields,
  personLabels,
  SendingNotice,
} from "./PersonFields";
import { formErrorsOf, summaryMessage } from "./problems";
import { QuestionFields } from "./QuestionFields";

type Event = Schemas["EventPublic"];
type Accepted = Schemas["SignUpAccepted"];

type SignUpFormProps = {
  orgSlug: string;
  event: Event;
  notice: Schemas["PrivacyNoticeOut"];
  /** The city's districts, offered as an optional answer. */
  districts?: readonly string[];
  /** Told of every refusal the server gives (the page then asks for the seats again). */
  onRefused?: (problem: Problem) => void;
};

/**
 * The sign-up form with the event's own questions and the privacy consent. Checked in the browser
 * first (required fields), then by the server; either way the error summary takes focus and links
 * to each field. On success the form gives way to "check your mail", which takes focus.
 */
export function SignUpForm({ orgSlug, event, notice, districts, onRefused }: SignUpFormProps) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const [person, setPerson] = useState<Person>(emptyPerson);
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(event.questions));
  const { fields: errors, message, attempt, refuse: fail } = useRefusal();
  const [sending, setSending] = useState(false);
  const [filledMeanwhile, setFilledMeanwhile] = useState(0); // counts "full" refusals, to focus the notice again
  const [accepted, setAccepted] = useState<{ result: Accepted; email: string } | null>(null);
  const keyFor = useMemo(idempotencyKeys, []);

  const labels = useMemo(() => {
    const byField = personLabels(t);
    for (const question of event.questions) byField[answerField(question)] = question.label;
    return byField;
  }, [t, event.questions]);
  const formFields = useMemo(() => [...PERSON_FIELDS, ...event.questions.map(answerField)], [event.questions]);

  async function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    if (sending) return; // a second click while the first is on its way
    // In the order of the form, so the summary reads top to bottom: person, questions, consent.
    const { consent, ...personal } = personErrors(person, t);
    const local: Record<string, string> = { ...personal };
    for (const field of unansweredRequired(event.questions, answers)) local[field] = t("fieldErrors.answerRequired");
    if (consent) local.consent = consent;
    if (Object.keys(local).length) {
      fail(null, local);
      return;
    }
    const body = { ...personForApi(person, language, notice.version), answers: answersForApi(event.questions, answers) };
    setSending(true);
    const outcome = await settle(
      api.POST("/api/v1/orgs/{org_slug}/events/{event_id}/registrations", {
        params: { path: { org_slug: orgSlug, event_id: event.id }, header: { "Idempotency-Key": keyFor(body) } },
        body,
      }),
    );
    setSending(false);
    if (outcome.ok) {
      setAccepted({ result: outcome.data, email: body.email });
      return;
    }
    showProblem(outcome.problem);
  }

  function showProblem(problem: Problem) {
    onRefused?.(problem);
    if (problemSlug(problem) === "event-full") {
      fail(null, {}); // nothing in the form to check: say that the event is full
      setFilledMeanwhile((count) => count + 1);
      return;
    }
    const placed = formErrorsOf(problem, formFields, t);
    fail(summaryMessage(problem, placed, t), placed.fields);
  }

  if (accepted) return <SignUpDone accepted={accepted.result} email={accepted.email} timeZone={event.timezone} />;

  const waitlist = event.seats_left === 0 && event.waitlist_enabled;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="signup-title" className="signup-form">
      {filledMeanwhile > 0 && <FullNotice waitlist={event.waitlist_enabled} focusKey={filledMeanwhile} />}
      <ErrorSummary message={message} fieldErrors={errors} labels={labels} focusKey={attempt} />
      {waitlist && <p className="notice warning">{t("signup.waitlistNote")}</p>}
      <p className="hint">{t("form.requiredNote")}</p>
      <PersonFields person={person} onChange={setPerson} errors={errors} districts={districts} />
      {event.questions.length > 0 && (
        <fieldset className="question-set">
          <legend>{t("signup.questions")}</legend>
          <QuestionFields
            questions={event.questions}
            texts={event}
            answers={answers}
            onChange={(id, value) => setAnswers((before) => ({ ...before, [id]: value }))}
            errors={errors}
          />
        </fieldset>
      )}
      <ConsentField
        notice={notice}
        checked={person.consent}
        onChange={(consent) => setPerson((before) => ({ ...before, consent }))}
        error={errors.consent}
      />
      <button type="submit" className="primary" aria-disabled={sending || undefined}>
        {waitlist ? t("signup.submitWaitlist") : t("signup.submit")}
      </button>
      <SendingNotice sending={sending} />
    </form>
  );
}

/** "Check your mail", or the place on the waiting list. */
function SignUpDone({ accepted, email, timeZone }: { accepted: Accepted; email: string; timeZone: string }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const waitlisted = accepted.status === "waitlisted";
  return (
    <AcceptedNotice titleId="signup-done-title">
      <h3 id="signup-done-title">{waitlisted ? t("signup.waitlistedTitle") : t("signup.checkMailTitle")}</h3>
      <p>{waitlisted ? t("signup.waitlistedText", { email }) : t("signup.pendingText", { email })}</p>
      {!waitlisted && accepted.hold_expires_at && (
        <p>{t("signup.holdUntil", { date: formatDateTime(accepted.hold_expires_at, timeZone, language) })}</p>
      )}
      <p>{t("signup.noMail")}</p>
    </AcceptedNotice>
  );
}

/**
 * "The last seat went while you filled in the form": announced and focused, in place of "please check
 * your entries" (nothing was wrong with them). With a waiting list the form stays, to join it.
 */
export function FullNotice({ waitlist, focusKey }: { waitlist: boolean; focusKey?: number }) {
  const { t } = useTranslation("public");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [waitlist, focusKey]);
  return (
    <div className="notice warning" role="alert" tabIndex={-1} ref={box} aria-labelledby="full-title">
      <h3 id="full-title">{t("signup.fullTitle")}</h3>
      <p>{waitlist ? t("signup.fullWaitlist") : t("signup.fullNoWaitlist")}</p>
    </div>
  );
}
