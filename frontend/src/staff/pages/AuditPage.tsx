// The audit log: who changed or exported what, never personal data.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { Forbidden } from "../components/Forbidden";
import { PageState } from "../components/PageState";
import { useFormat } from "../lib/useFormat";

export function AuditPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("audit.title"));
  const [pages, setPages] = useState(1);
  const audit = useLoading(async () => {
    const items: Schemas["AuditEntryOut"][] = [];
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
                      <td>{t(`audit.actors.${entry.actor_type}`, { defaultValue: entry.actor_type })}</td>
                      <td>
                        <code>{entry.action}</code>
                      </td>
                      <td>{entry.object_type ?? ""}</td>
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
