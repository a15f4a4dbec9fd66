import { useTranslation } from "react-i18next";
import { OperatorOverview } from "../city/OperatorOverview";
import { Link } from "react-router";
import { api } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useAuth, useMe } from "../auth/AuthContext";
import { can, moderatedGroupIds, onlyModerates } from "../auth/permissions";
import { ContextLink } from "../components/ContextLink";
import { PageState } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { useFormat } from "../lib/useFormat";
import { todayIn } from "../lib/values";
import { PeopleLinks, SeatsText } from "./EventPages";

function RoleList() {
  const { t } = useTranslation("staff");
  const { state } = useAuth();
  const me = useMe();
  const groupNames = state.status === "ready" ? state.groupNames : {};
  return (
    <ul>
      {me.roles.map((grant, index) => (
        <li key={index}>
          {t(`enums.role.${grant.role}`)}
          {grant.group_id && <> – {groupNames[grant.group_id] ?? t("nav.myGroup")}</>}
        </li>
      ))}
    </ul>
  );
}

function UpcomingEvents({ groupId }: { groupId?: string }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  const events = useLoading(
    () => must(api.GET("/api/v1/staff/events", { params: { query: { limit: 5, from: todayIn(format.timeZone), group_id: groupId } } })),
    [groupId, format.timeZone],
    { keepWhileLoading: true },
  );
  return (
    <PageState loading={events}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{t("dashboard.noEvents")}</p>
        ) : (
          <ul className="card-list">
            {page.items.map((event) => (
              <li key={event.id} className="card">
                <h3 className="card-title">
                  <Link to={`/staff/events/${event.id}`}>{event.title}</Link>
                </h3>
                <p>
                  <StatusTag kind="event" status={event.status} /> {format.range(event.starts_at, event.ends_at)}
                </p>
                <p>
                  <SeatsText event={event} />
                </p>
                <PeopleLinks event={event} />
              </li>
            ))}
          </ul>
        )
      }
    </PageState>
  );
}

export function DashboardPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const { state } = useAuth();
  usePageTitle(t("dashboard.title"));
  const groupNames = state.status === "ready" ? state.groupNames : {};
  const moderatesOnly = onlyModerates(me);
  const processes = useLoading(() => must(api.GET("/api/v1/staff/processes", { params: { query: { limit: 20 } } })), [], { keepWhileLoading: true });
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.welcome", { name: me.user?.full_name ?? me.client?.name ?? "", city: me.organization.name })}</p>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t("dashboard.roles")}</h2>
        <RoleList />
      </section>
      {moderatesOnly ? (
        moderatedGroupIds(me).map((groupId) => (
          <section key={groupId} aria-labelledby={`group-${groupId}`}>
            <h2 id={`group-${groupId}`}>{groupNames[groupId] ?? t("nav.myGroup")}</h2>
            <p className="link-row">
              <Link to={`/staff/groups/${groupId}/members`}>{t("groups.membersOf", { name: groupNames[groupId] ?? "" })}</Link>
              <Link to={`/staff/events?group=${groupId}`}>{t("groups.meetingsOf", { name: groupNames[groupId] ?? "" })}</Link>
            </p>
            <h3>{t("dashboard.upcoming")}</h3>
            <UpcomingEvents groupId={groupId} />
          </section>
        ))
      ) : !can(me, "processes:read") ? null : (
        <>
          <section aria-labelledby="processes-title">
            <h2 id="processes-title">{t("processes.title")}</h2>
            <PageState loading={processes}>
              {(page) => (
                <ul className="card-list">
                  {page.items.map((process) => (
                    <li key={process.id} className="card">
                      <h3 className="card-title">
                        <Link to={`/staff/processes/${process.id}`}>{process.title}</Link>
                      </h3>
                      <p>
                        <StatusTag kind="process" status={process.status} />
                      </p>
                      <p className="link-row">
                        <ContextLink to={`/staff/groups?process=${process.id}`} text={t("links.groups")} name={t("processes.groupsOf", { title: process.title })} />
                        <ContextLink to={`/staff/events?process=${process.id}`} text={t("links.events")} name={t("processes.eventsOf", { title: process.title })} />
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </PageState>
            {can(me, "processes:create") && (
              <p>
                <Link className="button" to="/staff/processes/new">
                  {t("processes.new")}
                </Link>
              </p>
            )}
          </section>
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t("dashboard.upcoming")}</h2>
            <UpcomingEvents />
          </section>
        </>
      )}
      {me.permissions.includes("platform:manage") && <OperatorOverview />}
    </>
  );
}
