import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionError } from "../components/Actions";
import { PageState, StatusMessage } from "../components/PageState";
import { searchable } from "../lib/search";
import { useFormat } from "../lib/useFormat";

type Registration = Schemas["StaffRegistration"];

// Who can be at the door: confirmed people, and those already marked.
const AT_THE_DOOR = new Set(["confirmed", "attended", "no_show"]);

function CheckInRow({ registration, onChange }: { registration: Registration; onChange: (updated: Registration, message: string) => void }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  const { submitting, problem, run } = useSubmit();
  const name = registration.participant.full_name;
  const here = registration.status === "attended";
  const mark = (attended: boolean) =>
    run(async () => {
      const updated = await must(
        api.POST("/api/v1/staff/registrations/{registration_id}/check-in", {
          params: { path: { registration_id: registration.id } },
          body: { attended },
        }),
      );
      onChange(updated, attended ? t("checkIn.done", { name }) : t("checkIn.undone", { name }));
    });
  return (
    <li className={here ? "checkin-row is-here" : "checkin-row"}>
      <div className="checkin-person">
        <span className="checkin-name">{name}</span>
        {registration.participant.affiliation && <span className="checkin-affiliation">{registration.participant.affiliation}</span>}
        <span className="checkin-state">
          {here ? (
            <>
              <span aria-hidden="true">✓ </span>
              {t("checkIn.hereSince", { time: registration.checked_in_at ? format.time(registration.checked_in_at) : "" })}
            </>
          ) : registration.status === "no_show" ? (
            t("checkIn.notHere")
          ) : (
            t("checkIn.expected")
          )}
        </span>
      </div>
      <div className="checkin-action">
        {here ? (
          <button type="button" className="checkin-undo" disabled={submitting} onClick={() => void mark(false)} aria-label={t("checkIn.undoLabel", { name })}>
            {t("checkIn.undo")}
          </button>
        ) : (
          <button type="button" className="primary checkin-button" disabled={submitting} onClick={() => void mark(true)} aria-label={t("checkIn.checkInLabel", { name })}>
            {t("checkIn.checkIn")}
          </button>
        )}
        <ActionError problem={problem} />
      </div>
    </li>
  );
}

/** The list at the door, for a tablet: search by name, one tap per person, state in words. */
export function CheckInPage() {
  const { t } = useTranslation("staff");
  const { eventId = "" } = useParams();
  const me = useMe();
  const format = useFormat();
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [updates, setUpdates] = useState<Record<string, Registration>>({});
  const event = useLoading(() => must(api.GET("/api/v1/staff/events/{event_id}", { params: { path: { event_id: eventId } } })), [eventId], { keepWhileLoading: true });
  const people = useLoading(
    () =>
      allPages((cursor) =>
        must(api.GET("/api/v1/staff/events/{event_id}/registrations", { params: { path: { event_id: eventId }, query: { limit: 100, cursor } } })),
      ),
    [eventId],
    { keepWhileLoading: true },
  );
  usePageTitle(event.data ? t("checkIn.titleOf", { title: event.data.title }) : t("checkIn.title"));

  const expected = useMemo(
    () =>
      (people.data ?? [])
        .map((registration) => updates[registration.id] ?? registration)
        .filter((registration) => AT_THE_DOOR.has(registration.status))
        .sort((a, b) => a.participant.full_name.localeCompare(b.participant.full_name)),
    [people.data, updates],
  );
  const unconfirmed = (people.data ?? []).filter((registration) => registration.status === "pending").length;
  const shown = query.trim() ? expected.filter((r) => searchable(r.participant.full_name).includes(searchable(query.trim()))) : expected;
  const arrived = expected.filter((registration) => registration.status === "attended").length;

  return (
    <PageState loading={event} heading={t("checkIn.title")}>
      {(ev) => (
        <div className="checkin">
          <p>
            <Link to={`/staff/events/${ev.id}/registrations`}>{t("checkIn.back", { title: ev.title })}</Link>
          </p>
          <h1>{t("checkIn.titleOf", { title: ev.title })}</h1>
          <p>{format.range(ev.starts_at, ev.ends_at)}</p>
          {!can(me, "people:write", { processId: ev.process_id, groupId: ev.group_id }) ? (
            <p className="notice warning">{t("problem.forbidden")}</p>
          ) : (
            <PageState loading={people}>
              {() => (
                <>
                  <p className="checkin-tally">{t("checkIn.tally", { arrived, expected: expected.length })}</p>
                  {unconfirmed > 0 && <p className="hint">{t("checkIn.unconfirmed", { count: unconfirmed })}</p>}
                  <StatusMessage>{message}</StatusMessage>
                  <div className="checkin-tools">
                    <div className="field checkin-search">
                      <label htmlFor="checkin-search">{t("checkIn.search")}</label>
                      <input id="checkin-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
                    </div>
                    <div className="button-row">
                      <button type="button" onClick={() => { setUpdates({}); people.reload(); }}>
                        {t("checkIn.refresh")}
                      </button>
                      {ev.status === "published" && (
                        <Link className="button" to={`/staff/events/${ev.id}/sign-up?channel=on_site`}>
                          {t("checkIn.walkIn")}
                        </Link>
                      )}
                    </div>
                  </div>
                  <h2 className="visually-hidden">{t("checkIn.listTitle")}</h2>
                  {shown.length === 0 ? (
                    <p>{query ? t("checkIn.noMatch") : t("checkIn.nobody")}</p>
                  ) : (
                    <ul className="checkin-list">
                      {shown.map((registration) => (
                        <CheckInRow
                          key={registration.id}
                          registration={registration}
                          onChange={(updated, text) => {
                            setUpdates((all) => ({ ...all, [updated.id]: updated }));
                            setMessage(text);
                          }}
                        />
                      ))}
                    </ul>
                  )}
                </>
              )}
            </PageState>
          )}
        </div>
      )}
    </PageState>
  );
}
