import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, apiUrl, type Problem, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must, settle } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatNumber, formatRange } from "../../format";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { useRefusal } from "../../forms/useRefusal";
import { answerField, answersForApi, type Answers, initialAnswers, type Question, unansweredRequired } from "../answers";
import { Loaded, NotFoundPage, ProblemNotice } from "../Loaded";
import { textLanguage } from "../textLanguage";
import { EventStatusNotice, useLanguage, WhereText } from "../parts";
import { formErrorsOf, summaryMessage } from "../problems";
import { QuestionFields } from "../QuestionFields";
import { ConfirmAction } from "./ConfirmAction";
import { MessageChoice } from "./MessageChoice";
import { MyDataLinks } from "./MyDataLinks";
import { PersonFacts } from "./PersonFacts";

type Registration = Schemas["MyRegistration"];
type RegistrationData = { registration: Registration; confirmed: boolean; confirmProblem: Problem | null };

const CANCELLABLE = new Set(["pending", "offered", "confirmed", "waitlisted"]);
const ANSWERS_CHANGEABLE = new Set(["pending", "offered", "confirmed", "waitlisted"]);

async function loadRegistration(token: string, confirm: boolean): Promise<RegistrationData> {
  const path = { params: { path: { token } } };
  let confirmProblem: Problem | null = null;
  if (confirm) {
    // The mail's link: confirm first, then show the result. Confirming twice changes nothing.
    const confirmed = await settle(api.POST("/api/v1/manage/registrations/{token}/confirm", path));
    if (confirmed.ok) return { registration: confirmed.data, confirmed: true, confirmProblem };
    confirmProblem = confirmed.problem;
  }
  const registration = await must(api.GET("/api/v1/manage/registrations/{token}", path));
  return { registration, confirmed: false, confirmProblem };
}

/** `/manage/registration#t=…` (from the mails): see, confirm, change or cancel one's registration. */
export function RegistrationPage() {
  const token = useLinkSecret("registration");
  return token ? <Registration token={token} /> : <NotFoundPage />;
}

function Registration({ token }: { token: string }) {
  const [searchParams] = useSearchParams();
  const confirm = searchParams.get("confirm") === "1";
  const page = useLoading(() => loadRegistration(token, confirm), [token, confirm]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: RegistrationData) => (
        <RegistrationView
          token={token}
          {...data}
          onChange={(registration, confirmed = false) => page.replace({ registration, confirmed, confirmProblem: null })}
        />
      )}
    </Loaded>
  );
}

function RegistrationView({
  token,
  registration,
  confirmed,
  confirmProblem,
  onChange,
}: RegistrationData & { token: string; onChange: (registration: Registration, confirmed?: boolean) => void }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(t("manage.title"));
  const event = registration.event;
  const city = registration.organization;
  const [done, setDone] = useState<string | null>(confirmed ? t("manage.confirmedNow") : null);
  const started = new Date(event.starts_at) <= new Date();

  async function act(action: "confirm" | "cancel"): Promise<Problem | null> {
    const path = { params: { path: { token } } };
    const outcome = await settle(
      action === "confirm"
        ? api.POST("/api/v1/manage/registrations/{token}/confirm", path)
        : api.POST("/api/v1/manage/registrations/{token}/cancel", path),
    );
    if (!outcome.ok) return outcome.problem;
    onChange(outcome.data, action === "confirm");
    setDone(action === "confirm" ? t("manage.confirmedNow") : t("manage.cancelledNow"));
    return null;
  }

  return (
    <>
      <h1>{t("manage.title")}</h1>
      {done && <DoneNotice text={done} />}
      {confirmProblem && <ProblemNotice problem={confirmProblem} />}

      <section aria-labelledby="event-title" className="card">
        {/* The event comes in the reader's language where the city translated it; what is not is marked. */}
        <h2 id="event-title" {...textLanguage(event, "title")}>
          <Link to={`/${city.slug}/events/${event.id}`}>{event.title}</Link>
        </h2>
        <EventStatusNotice event={event} />
        <dl className="facts">
          <dt>{t("event.when")}</dt>
          <dd>{formatRange(event.starts_at, event.ends_at, event.timezone, language)}</dd>
          <dt>{t("event.where")}</dt>
          <dd>
            <WhereText event={event} />
          </dd>
          <PersonFacts person={{ full_name: registration.full_name, email: registration.email }} nameLabel={t("manage.name")} />
        </dl>
        {registration.calendar && (
          // Only while the registration stands: a cancelled one has nothing to add to a calendar.
          <p>
            <a className="button" href={apiUrl(`/api/v1/orgs/${city.slug}/events/${event.id}.ics`)} download={`${event.id}.ics`}>
              {t("event.addToCalendar")}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="status-title">
        <h2 id="status-title">{t("manage.status")}</h2>
        <p>
          <span className="badge">{t(`registrationStatus.${registration.status}`)}</span>
        </p>
        <StatusText registration={registration} />
        {(registration.status === "pending" || registration.status === "offered") && !started && (
          <button type="button" className="primary" onClick={() => void act("confirm")}>
            {registration.status === "offered" ? t("manage.acceptSeat") : t("manage.confirm")}
          </button>
        )}
      </section>

      {event.format !== "in_person" && <OnlineAccess registration={registration} />}

      {registration.questions.length > 0 && (
        <AnswersSection
          token={token}
          registration={registration}
          questions={registration.questions}
          changeable={ANSWERS_CHANGEABLE.has(registration.status) && !started}
          onChange={onChange}
        />
      )}

      {CANCELLABLE.has(registration.status) && !started && (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("manage.cancelTitle")}</h2>
          <ConfirmAction
            start={t("manage.cancel")}
            question={t("manage.cancelQuestion", { title: event.title })}
            consequence={t("manage.cancelConsequence")}
            confirm={t("manage.cancelConfirm")}
            keep={t("manage.cancelKeep")}
            onConfirm={() => act("cancel")}
          />
        </section>
      )}

      <MessageChoice kind="registrations" token={token} />
      <MyDataLinks base="/manage/registration" />
    </>
  );
}

/** A result the person caused (confirmed, cancelled, saved): takes focus so it is read out at once. */
export function DoneNotice({ text }: { text: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [text]);
  return (
    <div className="notice success" tabIndex={-1} ref={box} role="status">
      <p className="strong">{text}</p>
    </div>
  );
}

function StatusText({ registration }: { registration: Registration }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const zone = registration.event.timezone;
  const hold = registration.hold_expires_at ? formatDateTime(registration.hold_expires_at, zone, language) : null;
  switch (registration.status) {
    case "pending":
      return <p>{hold ? t("manage.pendingUntil", { date: hold }) : t("manage.pending")}</p>;
    case "offered":
      return <p>{hold ? t("manage.offeredUntil", { date: hold }) : t("manage.offered")}</p>;
    case "waitlisted":
      return (
        <p>
          {registration.waitlist_position
            ? t("manage.waitlistPosition", { position: formatNumber(registration.waitlist_position, language) })
            : t("manage.waitlisted")}
        </p>
      );
    default:
      return <p>{t(`manage.statusText.${registration.status}`)}</p>;
  }
}

function OnlineAccess({ registration }: { registration: Registration }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const access = registration.online_access;
  const zone = registration.event.timezone;
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t("manage.accessTitle")}</h2>
      {access ? (
        <dl className="facts">
          {access.join_url && (
            <>
              <dt>{t("manage.joinUrl")}</dt>
              <dd>
                <a href={access.join_url} dir="ltr">
                  {access.join_url}
                </a>
              </dd>
            </>
          )}
          {access.meeting_id && (
            <>
              <dt>{t("manage.meetingId")}</dt>
              <dd dir="ltr" className="text-start">
                {access.meeting_id}
              </dd>
            </>
          )}
          {access.passcode && (
            <>
              <dt>{t("manage.passcode")}</dt>
              <dd dir="ltr" className="text-start">
                {access.passcode}
              </dd>
            </>
          )}
          {access.dial_in && (
            <>
              <dt>{t("manage.dialIn")}</dt>
              <dd dir="ltr" className="text-start">
                {access.dial_in}
              </dd>
            </>
          )}
        </dl>
      ) : registration.status === "confirmed" && registration.online_access_from ? (
        <p>{t("manage.accessFrom", { date: formatDateTime(registration.online_access_from, zone, language) })}</p>
      ) : (
        <p>{t("manage.accessAfterConfirm")}</p>
      )}
    </section>
  );
}

function answerText(value: unknown, t: (key: string) => string): string {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return t("manage.noAnswer");
  }
  if (typeof value === "boolean") return value ? t("form.yes") : t("form.no");
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function AnswersSection({
  token,
  registration,
  questions,
  changeable,
  onChange,
}: {
  token: string;
  registration: Registration;
  questions: Question[];
  changeable: boolean;
  onChange: (registration: Registration) => void;
}) {
  const { t } = useTranslation("public");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t("manage.answersTitle")}</h2>
      {saved && !editing && <DoneNotice text={t("manage.answersSaved")} />}
      {editing ? (
        <AnswersForm
          token={token}
          questions={questions}
          texts={registration.event}
          given={registration.answers}
          onSaved={(updated) => {
            onChange(updated);
            setSaved(true);
            setEditing(false);
          }}
          onCancel={() => {
            setEditing(false);
            // Back where the person came from.
            requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      ) : (
        <>
          <dl className="facts">
            {questions.map((question) => (
              <div key={question.id} className="fact">
                <dt {...textLanguage(registration.event, `questions.${question.id}.label`)}>{question.label}</dt>
                <dd>{answerText(registration.answers[question.id], t)}</dd>
              </div>
            ))}
          </dl>
          {changeable && (
            <button type="button" ref={opener} onClick={() => {
              setSaved(false);
              setEditing(true);
            }}>
              {t("manage.changeAnswers")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function AnswersForm({
  token,
  questions,
  texts,
  given,
  onSaved,
  onCancel,
}: {
  token: string;
  questions: Question[];
  /** The event, whose `untranslated` names the questions' texts shown in the city's language. */
  texts: Registration["event"];
  given: Record<string, unknown>;
  onSaved: (registration: Registration) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("public");
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(questions, given));
  const { fields: errors, message, attempt, refuse } = useRefusal();
  const labels = useMemo(() => Object.fromEntries(questions.map((q) => [answerField(q), q.label])), [questions]);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
  }, []);

  async function save(formEvent: FormEvent) {
    formEvent.preventDefault();
    const missing = unansweredRequired(questions, answers);
    if (missing.length) {
      refuse(null, Object.fromEntries(missing.map((field) => [field, t("fieldErrors.answerRequired")])));
      return;
    }
    const outcome = await settle(
      api.PATCH("/api/v1/manage/registrations/{token}", {
        params: { path: { token } },
        body: { answers: answersForApi(questions, answers) },
      }),
    );
    if (outcome.ok) return onSaved(outcome.data);
    const placed = formErrorsOf(outcome.problem, Object.keys(labels), t);
    refuse(summaryMessage(outcome.problem, placed, t), placed.fields);
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="answers-title">
      <ErrorSummary message={message} fieldErrors={errors} labels={labels} focusKey={attempt} />
      <div ref={first}>
        <QuestionFields
          questions={questions}
          texts={texts}
          answers={answers}
          onChange={(id, value) => setAnswers((before) => ({ ...before, [id]: value }))}
          errors={errors}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="primary">
          {t("manage.saveAnswers")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("manage.keepAnswers")}
        </button>
      </div>
    </form>
  );
}
