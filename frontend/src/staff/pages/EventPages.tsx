import { useState } from "react";
import { useTranslation } from "react-i18next";
import { languageName } from "../../format";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can, type Me } from "../auth/permissions";
import { ActionButton, ReasonAction } from "../components/Actions";
import { ContextLink } from "../components/ContextLink";
import { MessagesLink } from "../messages/parts";
import { DefinitionList } from "../components/DefinitionList";
import { PageState, StatusMessage } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { EVENT_STATUSES } from "../lib/enums";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";
import { useGroups, useProcesses } from "../lib/useProcesses";
import { EventForm } from "./EventForm";
import { RegistrationCounts } from "./RegistrationCounts";
import { StatusNoticeAudience } from "./ChangeNotice";

type Event = Schemas["EventStaff"];

/** "12 of 40 seats taken", or only the count without a limit. */
export function SeatsText({ event }: { event: Event }) {
  const { t } = useTranslation("staff");
  return event.capacity === null ? (
    <>{t("events.seatsNoLimit", { count: event.seats_taken })}</>
  ) : (
    <>{t("events.seats", { taken: event.seats_taken, capacity: event.capacity })}</>
  );
}

/** Links to an event's sign-up pages, as far as the person's role reaches. */
export function PeopleLinks({ event }: { event: Event }) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const scope = { processId: event.process_id, groupId: event.group_id };
  if (!can(me, "people:read", scope)) return null;
  return (
    <p className="link-row">
      <ContextLink to={`/staff/events/${event.id}/registrations`} text={t("links.registrations")} name={t("events.registrationsOf", { title: event.title })} />
      {can(me, "people:write", scope) && event.status !== "draft" && (
        <>
          <ContextLink to={`/staff/events/${event.id}/check-in`} text={t("links.checkIn")} name={t("events.checkInOf", { title: event.title })} />
          {event.status === "published" && <ContextLink to={`/staff/events/${event.id}/sign-up`} text={t("links.signUp")} name={t("events.signUpFor", { title: event.title })} />}
        </>
      )}
      <MessagesLink processId={event.process_id} title={event.title} eventId={event.id} groupId={event.group_id} />
    </p>
  );
}

/** Plans dates across a process (admin, process manager, an API client), not just one group's meetings. */
function plansProcesses(me: Me): boolean {
  return can(me, "events:write") && (me.client != null || me.roles.some((g) => g.role === "admin" || g.role === "process_manager"));
}

export function EventListPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const format = useFormat();
  const flash = useFlash();
  const [params, setParams] = useSearchParams();
  const processId = params.get("process") ?? "";
  const groupId = params.get("group") ?? "";
  const status = params.get("status") ?? "";
  const processes = useProcesses();
  const groups = useGroups(processId);
  const [limitPages, setLimitPages] = useState(1);
  const loaded = useLoading(async () => {
    const items: Event[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let page = 0; page < limitPages; page++) {
      const answer = await must(
        api.GET("/api/v1/staff/events", {
          params: {
            query: {
              limit: 50,
              cursor,
              process_id: processId || undefined,
              group_id: groupId || undefined,
              status: (status || undefined) as Schemas["EventStatus"] | undefined,
            },
          },
        }),
      );
      items.push(...answer.items);
      cursor = answer.next_cursor ?? undefined;
      more = Boolean(cursor);
      if (!cursor) break;
    }
    return { items, more };
  }, [processId, groupId, status, limitPages], { keepWhileLoading: true });
  const groupName = (groups.data ?? []).find((candidate) => candidate.id === groupId)?.name;
  const title = groupName ? t("events.titleOfGroup", { name: groupName }) : t("events.title");
  usePageTitle(title);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "process") next.delete("group");
    setParams(next, { replace: true });
  };
  const newHref = groupId ? `/staff/events/new?group=${groupId}` : processId ? `/staff/events/new?process=${processId}` : "/staff/events/new";
  const group = (groups.data ?? []).find((candidate) => candidate.id === groupId);
  const mayCreate = groupId ? can(me, "events:write", { processId: group?.process_id, groupId }) : plansProcesses(me);

  return (
    <>
      <h1>{title}</h1>
      <StatusMessage>{flash}</StatusMessage>
      <form className="toolbar filters" onSubmit={(event) => event.preventDefault()} aria-label={t("filters.label")}>
        <div className="field">
          <label htmlFor="filter-process">{t("filters.process")}</label>
          <select id="filter-process" value={processId} onChange={(event) => update("process", event.target.value)}>
            <option value="">{t("filters.allProcesses")}</option>
            {(processes.data ?? []).map((process) => (
              <option key={process.id} value={process.id}>
                {process.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">{t("filters.group")}</label>
          <select id="filter-group" value={groupId} onChange={(event) => update("group", event.target.value)}>
            <option value="">{t("filters.allGroups")}</option>
            {(groups.data ?? []).map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t("filters.status")}</label>
          <select id="filter-status" value={status} onChange={(event) => update("status", event.target.value)}>
            <option value="">{t("filters.allStatuses")}</option>
            {EVENT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.event.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {mayCreate && (
        <p>
          <Link className="button primary" to={newHref}>
            {t("events.new")}
          </Link>
        </p>
      )}
      <PageState loading={loaded}>
        {({ items, more }) => (
          <>
            <p role="status">{t("events.count", { count: items.length })}</p>
            <ul className="card-list">
              {items.map((event) => (
                <li key={event.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/staff/events/${event.id}`}>{event.title}</Link>
                  </h2>
                  <p>
                    <StatusTag kind="event" status={event.status} /> {format.range(event.starts_at, event.ends_at)}
                  </p>
                  <p>
                    {t(`enums.eventKind.${event.kind}`)} · {t(`enums.eventFormat.${event.format}`)} · <SeatsText event={event} />
                  </p>
                  <PeopleLinks event={event} />
                </li>
              ))}
            </ul>
            {more && (
              <button type="button" onClick={() => setLimitPages((n) => n + 1)}>
                {t("actions.showMore")}
              </button>
            )}
          </>
        )}
      </PageState>
    </>
  );
}

export function EventNewPage() {
  const { t } = useTranslation("staff");
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const groupId = params.get("group") ?? "";
  usePageTitle(t("events.new"));
  // A meeting of a group belongs to the group's process: look it up before the form opens.
  const preset = useLoading(async () => {
    if (!groupId) return { processId: params.get("process") ?? "", groupId: "" };
    const group = await must(api.GET("/api/v1/staff/groups/{group_id}", { params: { path: { group_id: groupId } } }));
    return { processId: group.process_id, groupId };
  }, [groupId], { keepWhileLoading: true });
  return (
    <>
      <p>
        <Link to={groupId ? `/staff/events?group=${groupId}` : "/staff/events"}>{t("events.back")}</Link>
      </p>
      <h1>{t("events.new")}</h1>
      <PageState loading={preset}>
        {(values) => (
          <EventForm preset={values} onSaved={(saved) => navigate(`/staff/events/${saved.id}`, { state: { flash: t("flash.createdDraft") } })} />
        )}
      </PageState>
    </>
  );
}

function EventDetails({ event }: { event: Event }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  return (
    <DefinitionList
      items={[
        [t("events.when"), format.range(event.starts_at, event.ends_at)],
        [t("events.fields.kind"), t(`enums.eventKind.${event.kind}`)],
        [t("events.fields.format"), t(`enums.eventFormat.${event.format}`)],
        [t("events.fields.venue.name"), event.venue ? [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", ") : null],
        [t("events.fields.capacity"), <SeatsText key="seats" event={event} />],
        [t("events.fields.registration_closes_at"), event.registration_closes_at ? format.dateTime(event.registration_closes_at) : null],
        [t("events.fields.languages"), event.languages.map((code) => languageName(code, format.language)).join(", ")],
        [t("events.fields.interpretation"), event.interpretation.map((code) => languageName(code, format.language)).join(", ")],
        [t("events.fields.description"), event.description],
      ]}
    />
  );
}

export function EventPage() {
  const { t } = useTranslation("staff");
  const { eventId = "" } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const format = useFormat();
  const [notice, setNotice] = useState(useFlash());
  const loaded = useLoading(() => must(api.GET("/api/v1/staff/events/{event_id}", { params: { path: { event_id: eventId } } })), [eventId], { keepWhileLoading: true });
  usePageTitle(loaded.data?.title ?? t("events.title"));
  const path = { params: { path: { event_id: eventId } } };
  const noteField = { label: t("notices.note"), hint: t("notices.noteHint") };
  return (
    <>
      <p>
        <Link to="/staff/events">{t("events.back")}</Link>
      </p>
      <PageState loading={loaded} heading={t("events.title")}>
        {(event) => {
          const scope = { processId: event.process_id, groupId: event.group_id };
          const writable = can(me, "events:write", scope);
          const editable = writable && event.status !== "cancelled";
          return (
            <>
              <h1>{event.title}</h1>
              <StatusMessage>{notice}</StatusMessage>
              <p>
                {t("labels.status")}: <StatusTag kind="event" status={event.status} />
                {event.status_reason && <> – {event.status_reason}</>}
              </p>
              <p>{format.range(event.starts_at, event.ends_at)}</p>
              <PeopleLinks event={event} />
              {event.registration_counts && can(me, "people:read", scope) && (
                <RegistrationCounts counts={event.registration_counts} eventId={event.id} />
              )}
              {writable && event.status === "postponed" && (
                <div className="hint">
                  <p>{t("notices.whenPublishedAgain")}</p>
                  <StatusNoticeAudience eventId={event.id} action="publish" />
                </div>
              )}
              {writable && event.status !== "cancelled" && (
                <div className="button-row" role="group" aria-label={t("labels.statusActions")}>
                  {(event.status === "draft" || event.status === "postponed") && (
                    <ActionButton
                      className="primary"
                      onAction={async () => {
                        loaded.replace(await must(api.POST("/api/v1/staff/events/{event_id}/publish", path)));
                        setNotice(t("flash.published"));
                      }}
                    >
                      {t("actions.publish")}
                    </ActionButton>
                  )}
                  {event.status === "draft" && (
                    <ActionButton
                      className="danger"
                      confirm={t("events.deleteConfirm")}
                      onAction={async () => {
                        await must(api.DELETE("/api/v1/staff/events/{event_id}", path));
                        navigate("/staff/events", { state: { flash: t("flash.deleted") } });
                      }}
                    >
                      {t("actions.deleteDraft")}
                    </ActionButton>
                  )}
                  {event.status === "published" && (
                    <ReasonAction
                      open={t("events.postpone")}
                      reasonLabel={t("events.reason")}
                      reasonHint={t("events.reasonHint")}
                      confirm={t("events.postponeConfirm")}
                      note={noteField}
                      onConfirm={async (reason, notice_note) => {
                        loaded.replace(await must(api.POST("/api/v1/staff/events/{event_id}/postpone", { ...path, body: { reason, notice_note } })));
                        setNotice(t("flash.postponed"));
                      }}
                    >
                      <StatusNoticeAudience eventId={event.id} action="postpone" />
                    </ReasonAction>
                  )}
                  {(event.status === "published" || event.status === "postponed") && (
                    <ReasonAction
                      danger
                      open={t("events.cancel")}
                      reasonLabel={t("events.reason")}
                      reasonHint={t("events.cancelHint")}
                      confirm={t("events.cancelConfirm")}
                      note={noteField}
                      onConfirm={async (reason, notice_note) => {
                        loaded.replace(await must(api.POST("/api/v1/staff/events/{event_id}/cancel", { ...path, body: { reason, notice_note } })));
                        setNotice(t("flash.cancelled"));
                      }}
                    >
                      <StatusNoticeAudience eventId={event.id} action="cancel" />
                    </ReasonAction>
                  )}
                </div>
              )}
              {editable ? (
                <section aria-labelledby="event-edit-title">
                  <h2 id="event-edit-title">{t("events.edit")}</h2>
                  <EventForm
                    event={event}
                    onSaved={(saved) => {
                      loaded.replace(saved);
                      setNotice(t("flash.saved"));
                    }}
                  />
                </section>
              ) : (
                <EventDetails event={event} />
              )}
            </>
          );
        }}
      </PageState>
    </>
  );
}
