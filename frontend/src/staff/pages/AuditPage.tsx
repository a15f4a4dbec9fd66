// The audit log: who changed or exported what, in words, with links to what still exists. A person's
// name only where the API gives it (callers who may read people).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { Forbidden } from "../components/Forbidden";
import { PageState } from "../components/PageState";
import { useFormat } from "../lib/useFormat";

type Entry = Schemas["AuditEntryOut"];

/** Kinds of object the API names while they exist (the others, e.g. the city itself, have no title). */
const NAMED_TYPES = new Set([
  "process",
  "phase",
  "group",
  "event",
  "registration",
  "membership",
  "participant",
  "staff_user",
  "user",
  "client",
  "webhook",
  "subscription",
  "privacy_notice",
]);

/** The console page an entry's object is shown on, while it exists; null for what has no page. */
export function objectPath(entry: Entry): string | null {
  const id = entry.object_id;
  if (!id || (entry.object_title == null && entry.parent_id == null)) return null;
  switch (entry.object_type) {
    case "process":
      return `/staff/processes/${id}`;
    case "group":
      return `/staff/groups/${id}`;
    case "event":
      return `/staff/events/${id}`;
    case "phase":
      return entry.parent_id ? `/staff/processes/${entry.parent_id}` : null;
    case "registration":
      return entry.parent_id ? `/staff/events/${entry.parent_id}/registrations` : null;
    case "membership":
      return entry.parent_id ? `/staff/groups/${entry.parent_id}/members` : null;
    case "staff_user":
    case "user":
      return "/staff/users";
    case "client":
      return "/staff/clients";
    default:
      return null;
  }
}

/** Who acted: the staff member's or client's name, else what kind of actor it was. */
function Actor({ entry }: { entry: Entry }) {
  const { t } = useTranslation(["staff", "staffWords"]);
  const kind = t(`staff:audit.actors.${entry.actor_type}`, { defaultValue: entry.actor_type });
  if (entry.actor_name) return <bdi>{entry.actor_name}</bdi>;
  if (entry.actor_id) return <>{t("staffWords:audit.unnamedActor", { type: kind })}</>;
  return <>{kind}</>;
}

/** On what: its kind in words and its title, linked to its page while it exists. */
function ObjectCell({ entry }: { entry: Entry }) {
  const { t } = useTranslation("staffWords");
  if (!entry.object_type) return null;
  const type = t(`staffWords:audit.objects.${entry.object_type}`, { defaultValue: entry.object_type });
  const path = objectPath(entry);
  const title = entry.object_type === "privacy_notice" && entry.object_title ? t("staffWords:audit.notice", { title: entry.object_title }) : entry.object_title;
  const exists = entry.object_title != null || entry.parent_id != null;
  if (!exists) return <>{NAMED_TYPES.has(entry.object_type) ? t("staffWords:audit.gone", { type }) : type}</>;
  const label = (
    <>
      {type}
      {title ? (
        <>
          : <bdi>{title}</bdi>
        </>
      ) : null}
    </>
  );
  return path ? <Link to={path}>{label}</Link> : label;
}

export function AuditPage() {
  const { t } = useTranslation(["staff", "staffWords"]);
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("audit.title"));
  const [pages, setPages] = useState(1);
  const audit = useLoading(async () => {
    const items: Entry[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let page = 0; page < pages; page++) {
      const answer = await must(api.GET("/api/v1/staff/audit", { params: { query: { limit: 50, cursor } } }));
      items.push(...answer.items);
      cursor = answer.next_cursor ?? undefined;
      more = Boolean(cursor);
      if (!cursor) break;
    }
    return { items, more };
  }, [pages], { keepWhileLoading: true });
  if (!can(me, "audit:read")) return <Forbidden />;
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <PageState loading={audit}>
        {({ items, more }) => (
          <>
            <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table>
                <caption id="audit-caption" className="visually-hidden">
                  {t("audit.title")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("audit.at")}</th>
                    <th scope="col">{t("audit.actor")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.object")}</th>
                    <th scope="col">{t("audit.fields")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((entry) => (
                    <tr key={entry.id}>
                      <td>{format.dateTime(entry.at)}</td>
                      <td>
                        <Actor entry={entry} />
                      </td>
                      <td>{t(`staffWords:audit.actions.${entry.action}`, { defaultValue: t("staffWords:audit.unknownAction", { action: entry.action }) })}</td>
                      <td>
                        <ObjectCell entry={entry} />
                      </td>
                      <td>{Object.keys(entry.changes ?? {}).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {more && (
              <button type="button" onClick={() => setPages((n) => n + 1)}>
                {t("actions.showMore")}
              </button>
            )}
          </>
        )}
      </PageState>
    </>
  );
}
