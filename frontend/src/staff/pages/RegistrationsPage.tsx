import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { problemSlug } from "../../api/problem";
import { usePageTitle } from "../../components/usePageTitle";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionError, ReasonAction } from "../components/Actions";
import { PageState, StatusMessage } from "../components/PageState";
import { PeopleFilterFields, type PeopleFilters } from "../components/PeopleFilterFields";
import { PersonCard, PersonFact } from "../components/PersonCard";
import { StatusTag } from "../components/StatusTag";
import { downloadFile } from "../lib/download";
import { REGISTRATION_STATUSES } from "../lib/enums";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";
import { RegistrationCounts } from "./RegistrationCounts";

type Registration = Schemas["StaffRegistration"];
type Event = Schemas["EventStaff"];

const ACTIVE = ["pending", "confirmed", "waitlisted", "offered"];

/**
 * Moves a person up from the waiting list. When no seat is free the server says so; staff then may
 * add a seat for this person on purpose — never an overbooking by accident.
 */
function PromoteAction({ registration, onDone }: { registration: Registration; onDone: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const { submitting, problem, run } = useSubmit();
  const full = problemSlug(problem) === "event-full";
  const promote = (addSeat: boolean) =>
    run(async () => {
      await must(
        api.POST("/api/v1/staff/registrations/{registration_id}/promote", {
          params: { path: { registration_id: registration.id } },
          body: { add_seat: addSeat },
        }),
      );
      onDone(t("registrations.promoted", { name: registration.participant.full_name }));
    });
  return (
    <div className="action">
      <button type="button" disabled={submitting} onClick={() => void promote(false)} aria-label={t("registrations.promoteLabel", { name: registration.participant.full_name })}>
        {t("registrations.promote")}
      </button>
      {full ? (
        <div role="alert" className="notice warning">
          <p>{t("registrations.noSeat")}</p>
          <button type="button" disabled={submitting} onClick={() => void promote(true)}>
            {t("registrations.addSeat", { name: registration.participant.full_name })}
          </button>
        </div>
      ) : (
        <ActionError problem={problem} />
      )}
    </div>
  );
}

function Answers({ event, answers }: { event: Event; answers: Record<string, unknown> }) {
  const { t } = useTranslation("staff");
  const given = event.questions.filter((q) => answers[q.id] !== undefined && answers[q.id] !== null && answers[q.id] !== "");
  if (!given.length) return null;
  const show = (value: unknown) =>
    typeof value === "boolean" ? (value ? t("labels.yes") : t("labels.no")) : Array.isArray(value) ? value.join(", ") : String(value);
  return (
    <dl className="answers">
      {given.map((question) => (
        <div key={question.id}>
          <dt>{question.label}</dt>
          <dd>{show(answers[question.id])}</dd>
        </div>
      ))}
    </dl>
  );
}

function RegistrationItem({ registration, event, writable, onChanged }: { registration: Registration; event: Event; writable: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  const person = registration.participant;
  return (
    <PersonCard
      person={person}
      channel={registration.channel}
      status={
        <>
          <StatusTag kind="registration" status={registration.status} />
          {registration.checked_in_at && <> {t("registrations.checkedInAt", { time: format.time(registration.checked_in_at) })}</>}
        </>
      }
      facts={
        <>
          <PersonFact label={t("registrations.signedUpAt")}>{format.dateTime(registration.created_at)}</PersonFact>
          {registration.cancel_reason && <PersonFact label={t("registrations.cancelReason")}>{registration.cancel_reason}</PersonFact>}
        </>
      }
    >
      <Answers event={event} answers={registration.answers as Record<string, unknown>} />
      {writable && (
        <div className="button-row">
          {registration.status === "waitlisted" && <PromoteAction registration={registration} onDone={onChanged} />}
          {ACTIVE.includes(registration.status) && (
            <ReasonAction
              danger
              open={t("registrations.cancel")}
              openLabel={t("registrations.cancelLabel", { name: person.full_name })}
              reasonLabel={t("registrations.reason")}
              reasonHint={t("registrations.reasonHint")}
              confirm={t("registrations.cancelConfirm", { name: person.full_name })}
              onConfirm={async (reason) => {
                await must(
                  api.POST("/api/v1/staff/registrations/{registration_id}/cancel", {
                    params: { path: { registration_id: registration.id } },
                    body: { reason },
                  }),
                );
                onChanged(t("registrations.cancelled", { name: person.full_name }));
              }}
            />
          )}
        </div>
      )}
    </PersonCard>
  );
}


function FilterForm({ filters, onApply }: { filters: PeopleFilters; onApply: (filters: PeopleFilters) => void }) {
  const { t } = useTranslation("staff");
  const [draft, setDraft] = useState(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="toolbar filters" onSubmit={submit} role="search" aria-label={t("filters.label")}>
      <PeopleFilterFields
        values={draft}
        onChange={(key, value) => setDraft((d) => ({ ...d, [key]: value }))}
        statuses={REGISTRATION_STATUSES}
        statusKind="registration"
      />
      <div className="filter-buttons">
        <button type="submit" className="primary">
          {t("filters.apply")}
        </button>
      </div>
    </form>
  );
}

export function RegistrationsPage() {
  const { t } = useTranslation("staff");
  const { eventId = "" } = useParams();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState(useFlash());
  const [pages, setPages] = useState(1);
  const filters: PeopleFilters = {
    status: params.get("status") ?? "",
    channel: params.get("channel") ?? "",
    category: params.get("category") ?? "",
    q: params.get("q") ?? "",
  };
  const query = {
    status: (filters.status || undefined) as Schemas["RegistrationStatus"] | undefined,
    channel: (filters.channel || undefined) as Schemas["Channel"] | undefined,
    category: (filters.category || undefined) as Schemas["StakeholderCategory"] | undefined,
    q: filters.q.trim() || undefined,
  };
  const event = useLoading(() => must(api.GET("/api/v1/staff/events/{event_id}", { params: { path: { event_id: eventId } } })), [eventId], { keepWhileLoading: true });
  const list = useLoading(async () => {
    const items: Registration[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let page = 0; page < pages; page++) {
      const answer = await must(
        api.GET("/api/v1/staff/events/{event_id}/registrations", { params: { path: { event_id: eventId }, query: { ...query, limit: 50, cursor } } }),
      );
      items.push(...answer.items);
      cursor = answer.next_cursor ?? undefined;
      more = Boolean(cursor);
      if (!cursor) break;
    }
    return { items, more };
  }, [eventId, params.toString(), pages], { keepWhileLoading: true });
  const download = useSubmit();
  usePageTitle(event.data ? t("registrations.titleOf", { title: event.data.title }) : t("registrations.title"));

  const changed = (message: string) => {
    setNotice(message);
    list.reload();
    event.reload();
  };
  const apply = (next: PeopleFilters) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value.trim()) search.set(key, value.trim());
    setPages(1);
    setParams(search, { replace: true });
  };

  return (
    <PageState loading={event} heading={t("registrations.title")}>
      {(ev) => {
        const scope = { processId: ev.process_id, groupId: ev.group_id };
        const writable = can(me, "people:write", scope);
        return (
          <>
            <p>
              <Link to={`/staff/events/${ev.id}`}>{t("registrations.backToEvent", { title: ev.title })}</Link>
            </p>
            <h1>{t("registrations.titleOf", { title: ev.title })}</h1>
            <StatusMessage>{notice}</StatusMessage>
            <div className="button-row">
              {writable && ev.status === "published" && (
                <Link className="button primary" to={`/staff/events/${ev.id}/sign-up`}>
                  {t("registrations.phoneSignUp")}
                </Link>
              )}
              {writable && ev.status !== "draft" && (
                <Link className="button" to={`/staff/events/${ev.id}/check-in`}>
                  {t("registrations.checkIn")}
                </Link>
              )}
              {can(me, "people:export", scope) && (
                <span className="action">
                  <button
                    type="button"
                    disabled={download.submitting}
                    onClick={() =>
                      void download.run(() => downloadFile(`/api/v1/staff/events/${ev.id}/registrations.csv`, query, "anmeldungen.csv"))
                    }
                  >
                    {t("registrations.downloadCsv")}
                  </button>
                  <ActionError problem={download.problem} />
                </span>
              )}
            </div>
            {ev.registration_counts && <RegistrationCounts counts={ev.registration_counts} eventId={ev.id} current={filters.status} />}
            <FilterForm key={params.toString()} filters={filters} onApply={apply} />
            <PageState loading={list}>
              {({ items, more }) => (
                <section aria-labelledby="list-title">
                  <h2 id="list-title">{t("registrations.found", { count: items.length })}</h2>
                  {items.length === 0 ? (
                    <p>{t("registrations.none")}</p>
                  ) : (
                    <ul className="card-list">
                      {items.map((registration) => (
                        <RegistrationItem key={registration.id} registration={registration} event={ev} writable={writable} onChanged={changed} />
                      ))}
                    </ul>
                  )}
                  {more && (
                    <button type="button" onClick={() => setPages((n) => n + 1)}>
                      {t("actions.showMore")}
                    </button>
                  )}
                </section>
              )}
            </PageState>
          </>
        );
      }}
    </PageState>
  );
}
