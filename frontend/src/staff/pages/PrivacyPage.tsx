// Data-protection requests (DSGVO): find the person a request is about, by name, e-mail address or phone
// number; below, the record of the exports and erasures done so far (from the audit log, without names).
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { DataState } from "../components/DataActions";
import { Forbidden } from "../components/Forbidden";
import { StatusMessage } from "../components/PageState";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";

const PAGE_SIZE = 20;
/** The audit log's names of the two requests (the staff routes' names, api/privacy/routes.py). */
const REQUEST_ACTIONS = ["erase_participant", "export_participant_data"] as const;

type Person = Schemas["ParticipantListItem"];

function PersonResult({ person }: { person: Person }) {
  const { t } = useTranslation("staffData");
  return (
    <li className="card">
      <h3 className="card-title">
        <Link to={`/staff/privacy/${person.id}`}>{person.full_name}</Link>
      </h3>
      <ul className="facts">
        {person.email && (
          <li>
            <span className="fact-label">{t("privacy.email")}:</span> <span dir="ltr">{person.email}</span>
          </li>
        )}
        {person.phone && (
          <li>
            <span className="fact-label">{t("privacy.phone")}:</span> <span dir="ltr">{person.phone}</span>
          </li>
        )}
        {person.affiliation && (
          <li>
            <span className="fact-label">{t("privacy.affiliation")}:</span> {person.affiliation}
          </li>
        )}
        <li>
          {t("privacy.registrations", { count: person.registrations })}, {t("privacy.memberships", { count: person.memberships })}
        </li>
      </ul>
    </li>
  );
}

function SearchResults({ text }: { text: string }) {
  const { t } = useTranslation("staffData");
  const [pages, setPages] = useState(1);
  const found = useLoading(
    async () => {
      const items: Person[] = [];
      let cursor: string | undefined;
      let more = false;
      for (let page = 0; page < pages; page++) {
        const answer = await must(api.GET("/api/v1/staff/participants", { params: { query: { q: text || undefined, limit: PAGE_SIZE, cursor } } }));
        items.push(...answer.items);
        cursor = answer.next_cursor ?? undefined;
        more = Boolean(cursor);
        if (!cursor) break;
      }
      return { items, more };
    },
    [text, pages],
    { keepWhileLoading: true },
  );
  return (
    <section aria-labelledby="privacy-results-title">
      <h2 id="privacy-results-title">{text ? t("privacy.resultsFor", { text }) : t("privacy.everyone")}</h2>
      <DataState loading={found}>
        {({ items, more }) => (
          <>
            <p role="status">{t("privacy.found", { count: items.length })}</p>
            {items.length > 0 && (
              <ul className="card-list">
                {items.map((person) => (
                  <PersonResult key={person.id} person={person} />
                ))}
              </ul>
            )}
            {more && (
              <button type="button" onClick={() => setPages((n) => n + 1)}>
                {t("privacy.showMore")}
              </button>
            )}
          </>
        )}
      </DataState>
    </section>
  );
}

/** Who asked for it, in words: the person through their link, a staff member, or the retention rule. */
function useRequestBy() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  const staff = useLoading(
    () =>
      can(me, "staff:manage")
        ? allPages((cursor) => must(api.GET("/api/v1/staff/users", { params: { query: { limit: 100, cursor } } })))
        : Promise.resolve([]),
    [],
  );
  return (entry: Schemas["AuditEntryOut"]) => {
    if (entry.actor_type === "system") return t("privacy.by.system");
    if (entry.actor_type === "resident") return t("privacy.by.resident");
    const name = staff.data?.find((member) => member.id === entry.actor_id)?.full_name;
    return name ? t("privacy.by.staffNamed", { name }) : t("privacy.by.staff");
  };
}

function PastRequests() {
  const { t } = useTranslation("staffData");
  const format = useFormat();
  const by = useRequestBy();
  const [pages, setPages] = useState(1);
  const requests = useLoading(
    async () => {
      // One list per kind, merged newest first; each asks for `pages` pages of 20.
      const lists = await Promise.all(
        REQUEST_ACTIONS.map(async (action) => {
          const items: Schemas["AuditEntryOut"][] = [];
          let cursor: string | undefined;
          let more = false;
          for (let page = 0; page < pages; page++) {
            const answer = await must(api.GET("/api/v1/staff/audit", { params: { query: { action, limit: PAGE_SIZE, cursor } } }));
            items.push(...answer.items);
            cursor = answer.next_cursor ?? undefined;
            more = Boolean(cursor);
            if (!cursor) break;
          }
          return { items, more };
        }),
      );
      const items = lists.flatMap((list) => list.items).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      return { items, more: lists.some((list) => list.more) };
    },
    [pages],
    { keepWhileLoading: true },
  );
  return (
    <section aria-labelledby="privacy-record-title">
      <h2 id="privacy-record-title">{t("privacy.recordTitle")}</h2>
      <p>{t("privacy.recordIntro")}</p>
      <DataState loading={requests}>
        {({ items, more }) =>
          items.length === 0 ? (
            <p>{t("privacy.recordNone")}</p>
          ) : (
            <>
              <div className="table-scroll" role="region" aria-labelledby="privacy-record-caption" tabIndex={0}>
                <table>
                  <caption id="privacy-record-caption" className="visually-hidden">
                    {t("privacy.recordTitle")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("privacy.recordAt")}</th>
                      <th scope="col">{t("privacy.recordWhat")}</th>
                      <th scope="col">{t("privacy.recordBy")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((entry) => (
                      <tr key={entry.id}>
                        <td>{format.dateTime(entry.at)}</td>
                        <td>{entry.action === "erase_participant" ? t("privacy.recordErased") : t("privacy.recordExported")}</td>
                        <td>{by(entry)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {more && (
                <button type="button" onClick={() => setPages((n) => n + 1)}>
                  {t("privacy.showMoreRecord")}
                </button>
              )}
            </>
          )
        }
      </DataState>
    </section>
  );
}

export function PrivacyPage() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  const flash = useFlash();
  usePageTitle(t("privacy.title"));
  const [text, setText] = useState("");
  const [applied, setApplied] = useState<string | null>(null);
  if (!can(me, "privacy:manage")) return <Forbidden />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(text.trim());
  };
  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <StatusMessage>{flash}</StatusMessage>
      <form className="toolbar filters" role="search" onSubmit={submit} aria-label={t("privacy.searchLabel")}>
        <div className="field">
          <label htmlFor="privacy-q">{t("privacy.search")}</label>
          <p id="privacy-q-hint" className="hint">
            {t("privacy.searchHint")}
          </p>
          <input id="privacy-q" type="search" value={text} maxLength={100} aria-describedby="privacy-q-hint" onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t("privacy.find")}
          </button>
        </div>
      </form>
      {applied !== null && <SearchResults text={applied} />}
      {can(me, "audit:read") && <PastRequests />}
    </>
  );
}
