import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Problem, type Schemas } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldGroup } from "../components/FieldGroup";
import { usePageTitle } from "../components/usePageTitle";
import { idempotencyKeys } from "./idempotency";
import { Loaded } from "./Loaded";
import type { Organization } from "./organizations";
import { PlacesText, useLanguage } from "./parts";
import {
  ConsentField,
  emptyPerson,
  PERSON_FIELDS,
  type Person,
  personErrors,
  personForApi,
  PersonFields,
  personLabels,
} from "./PersonFields";
import { MAX_PREFERENCES, toggleGroup } from "./preferences";
import { PreferenceOrder } from "./PreferenceOrder";
import { formErrorsOf, problemMessage } from "./problems";
import { loadProcess } from "./ProcessPage";
import { settle, useResource } from "./resource";

type Process = Schemas["ProcessPublic"];
type Notice = Schemas["PrivacyNoticeOut"];
type PageData = { city: Organization; process: Process; notice: Notice };

async function loadApplication(orgSlug: string, processSlug: string) {
  const [process, notice] = await Promise.all([
    loadProcess(orgSlug, processSlug),
    settle(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: orgSlug } } })),
  ]);
  if (!process.ok) return process;
  if (!notice.ok) return notice;
  return { ok: true as const, data: { ...process.data, notice: notice.data } };
}

/** `/:orgSlug/processes/:processSlug/apply`: join one or several working groups, in order of preference. */
export function GroupApplicationPage() {
  const { orgSlug = "", processSlug = "" } = useParams();
  const { resource, reload } = useResource(() => loadApplication(orgSlug, processSlug), `${orgSlug}/${processSlug}`);
  return (
    <Loaded resource={resource} onRetry={reload}>
      {(data: PageData) => <Application {...data} />}
    </Loaded>
  );
}

function Application({ city, process, notice }: PageData) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const [searchParams] = useSearchParams();
  usePageTitle(t("apply.title"));
  const groups = process.groups ?? [];
  const open = groups.filter((group) => group.signup_open);
  const names = Object.fromEntries(groups.map((group) => [group.id, group.name]));
  const preselected = searchParams.get("group");
  const [order, setOrder] = useState<string[]>(() =>
    preselected && open.some((group) => group.id === preselected) ? [preselected] : [],
  );
  const [person, setPerson] = useState<Person>(emptyPerson);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [accepted, setAccepted] = useState<Schemas["ApplicationAccepted"] | null>(null);
  const keyFor = useMemo(idempotencyKeys, []);
  const labels = { ...personLabels(t), groups: t("apply.groupsLegend") };

  function fail(text: string | null, fields: Record<string, string>) {
    setMessage(text);
    setErrors(fields);
    setAttempt((n) => n + 1);
  }

  function showProblem(problem: Problem) {
    const { fields, unplaced } = formErrorsOf(problem, [...PERSON_FIELDS, "groups"], t);
    const text = Object.keys(fields).length && !unplaced.length && problem.status === 422 ? null : problemMessage(problem, t);
    fail([text, ...unplaced].filter(Boolean).join(" ") || null, fields);
  }

  async function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    if (sending) return;
    // In the order of the form: the groups first, then the person, then the consent.
    const local: Record<string, string> = order.length === 0 ? { groups: t("fieldErrors.groups") } : {};
    Object.assign(local, personErrors(person, t));
    if (Object.keys(local).length) return fail(null, local);
    const body = { ...personForApi(person, language, notice.version), groups: order };
    setSending(true);
    const outcome = await settle(
      api.POST("/api/v1/orgs/{org_slug}/group-applications", {
        params: { path: { org_slug: city.slug } },
        body,
        // The endpoint documents no Idempotency-Key; sending one is harmless and ready for when it does.
        headers: { "Idempotency-Key": keyFor(body) },
      }),
    );
    setSending(false);
    if (outcome.ok) setAccepted(outcome.data);
    else showProblem(outcome.problem);
  }

  return (
    <>
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <Link to={`/${city.slug}`}>{city.name}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/${city.slug}/processes/${process.slug}`}>{process.title}</Link>
      </nav>
      <h1>{t("apply.title")}</h1>
      {accepted ? (
        <ApplicationDone accepted={accepted} />
      ) : open.length === 0 ? (
        <p>{t("apply.noneOpen")}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t("apply.intro", { max: MAX_PREFERENCES })}</p>
          <ErrorSummary message={message} fieldErrors={errors} labels={labels} focusKey={attempt} />
          <p className="hint">{t("form.requiredNote")}</p>
          <FieldGroup
            name="groups"
            legend={t("apply.groupsLegend")}
            hint={t("apply.groupsHint", { max: MAX_PREFERENCES })}
            error={errors.groups}
            required
          >
            {({ firstId, describedBy, invalid }) => (
              <div className="options">
                {open.map((group, index) => {
                  const id = index === 0 ? firstId : `${firstId}-${index}`;
                  const chosen = order.includes(group.id);
                  return (
                    <div className="option" key={group.id}>
                      <input
                        type="checkbox"
                        id={id}
                        checked={chosen}
                        disabled={!chosen && order.length >= MAX_PREFERENCES}
                        onChange={() => setOrder((before) => toggleGroup(before, group.id))}
                        aria-describedby={describedBy}
                        aria-invalid={invalid}
                      />
                      <label htmlFor={id}>
                        <span lang={city.default_language}>{group.name}</span>{" "}
                        <span className="hint">
                          (<PlacesText group={group} />)
                        </span>
                      </label>
                    </div>
                  );
                })}
              </div>
            )}
          </FieldGroup>
          {order.length > 1 && (
            <section aria-labelledby="order-title" className="card">
              <h2 id="order-title">{t("apply.orderTitle")}</h2>
              <p className="hint">{t("apply.orderHint")}</p>
              <PreferenceOrder order={order} names={names} onChange={setOrder} />
            </section>
          )}
          <PersonFields person={person} onChange={setPerson} errors={errors} />
          <ConsentField
            notice={notice}
            checked={person.consent}
            onChange={(consent) => setPerson((before) => ({ ...before, consent }))}
            error={errors.consent}
            contentLanguage={city.default_language}
          />
          <button type="submit" className="primary" aria-disabled={sending || undefined}>
            {t("apply.submit")}
          </button>
          {sending && (
            <p role="status" className="hint">
              {t("signup.sending")}
            </p>
          )}
        </form>
      )}
    </>
  );
}

function ApplicationDone({ accepted }: { accepted: Schemas["ApplicationAccepted"] }) {
  const { t } = useTranslation("public");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="notice success" tabIndex={-1} ref={box} role="region" aria-labelledby="apply-done-title">
      <h2 id="apply-done-title">{t("apply.doneTitle")}</h2>
      <ol>
        {accepted.memberships.map((membership) => (
          <li key={membership.group_id}>
            {membership.group_name}: {t(`membershipStatus.${membership.status}`)}
          </li>
        ))}
      </ol>
      <p>{t("apply.doneText")}</p>
    </div>
  );
}
