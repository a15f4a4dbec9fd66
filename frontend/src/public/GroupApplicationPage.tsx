import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Problem, type Schemas } from "../api/client";
import { useLoading } from "../api/loading";
import { must, settle } from "../api/outcome";
import { usePageTitle } from "../components/usePageTitle";
import { ErrorSummary } from "../forms/ErrorSummary";
import { FieldGroup } from "../forms/FieldGroup";
import { useRefusal } from "../forms/useRefusal";
import { idempotencyKeys } from "./idempotency";
import { Loaded } from "./Loaded";
import type { Organization } from "./organizations";
import { PlacesText, useLanguage } from "./parts";
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
import { PreferenceOrder } from "./PreferenceOrder";
import { MAX_PREFERENCES, toggleGroup } from "./preferences";
import { formErrorsOf, summaryMessage } from "./problems";
import { loadProcess } from "./ProcessPage";
import { textLanguage } from "./textLanguage";

type Process = Schemas["ProcessPublic"];
type Notice = Schemas["PrivacyNoticeOut"];
type PageData = { city: Organization; process: Process; notice: Notice };

async function loadApplication(orgSlug: string, processSlug: string): Promise<PageData> {
  // Both asked at once; when both fail, the process's problem is the one shown.
  const notice = must(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: orgSlug } } }));
  notice.catch(() => undefined); // awaited below, after the process
  const process = await loadProcess(orgSlug, processSlug);
  return { ...process, notice: await notice };
}

/** `/:orgSlug/processes/:processSlug/apply`: join one or several working groups, in order of preference. */
export function GroupApplicationPage() {
  const { orgSlug = "", processSlug = "" } = useParams();
  const page = useLoading(() => loadApplication(orgSlug, processSlug), [orgSlug, processSlug]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
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
  const { fields: errors, message, attempt, refuse: fail } = useRefusal();
  const [sending, setSending] = useState(false);
  const [accepted, setAccepted] = useState<Schemas["ApplicationAccepted"] | null>(null);
  const keyFor = useMemo(idempotencyKeys, []);
  const labels = { ...personLabels(t), groups: t("apply.groupsLegend") };

  function showProblem(problem: Problem) {
    const placed = formErrorsOf(problem, [...PERSON_FIELDS, "groups"], t);
    fail(summaryMessage(problem, placed, t), placed.fields);
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
                        <span {...textLanguage(group, "name")}>{group.name}</span>{" "}
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
          <PersonFields person={person} onChange={setPerson} errors={errors} districts={city.districts} />
          <ConsentField
            notice={notice}
            checked={person.consent}
            onChange={(consent) => setPerson((before) => ({ ...before, consent }))}
            error={errors.consent}
          />
          <button type="submit" className="primary" aria-disabled={sending || undefined}>
            {t("apply.submit")}
          </button>
          <SendingNotice sending={sending} />
        </form>
      )}
    </>
  );
}

function ApplicationDone({ accepted }: { accepted: Schemas["ApplicationAccepted"] }) {
  const { t } = useTranslation("public");
  return (
    <AcceptedNotice titleId="apply-done-title">
      <h2 id="apply-done-title">{t("apply.doneTitle")}</h2>
      <ol>
        {accepted.memberships.map((membership) => (
          <li key={membership.group_id}>
            {membership.group_name}: {t(`membershipStatus.${membership.status}`)}
          </li>
        ))}
      </ol>
      <p>{t("apply.doneText")}</p>
    </AcceptedNotice>
  );
}
