import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../api/client";
import { useLoading } from "../api/loading";
import { must, settle } from "../api/outcome";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime } from "../format";
import { Loaded } from "./Loaded";
import { loadOrganization, type Organization } from "./organizations";
import { CalendarFeed, EventCard, PlacesText, useLanguage } from "./parts";
import { textLanguage } from "./textLanguage";

type Group = Schemas["GroupPublic"];
type GroupData = { city: Organization; group: Group; processSlug: string | null };

async function loadGroup(orgSlug: string, groupId: string): Promise<GroupData> {
  const city = await loadOrganization(orgSlug);
  const [group, processes] = await Promise.all([
    must(api.GET("/api/v1/orgs/{org_slug}/groups/{group_id}", { params: { path: { org_slug: orgSlug, group_id: groupId } } })),
    // Only for a link: the group page shows without it.
    settle(api.GET("/api/v1/orgs/{org_slug}/processes", { params: { path: { org_slug: orgSlug }, query: { limit: 100 } } })),
  ]);
  // The group names its process by id; the application page's address needs the process's slug.
  const process = processes.ok ? processes.data.items.find((candidate) => candidate.id === group.process_id) : undefined;
  return { city, group, processSlug: process?.slug ?? null };
}

/** `/:orgSlug/groups/:groupId`: a working group, its meetings, and how to join (if one can). */
export function GroupPage() {
  const { orgSlug = "", groupId = "" } = useParams();
  const page = useLoading(() => loadGroup(orgSlug, groupId), [orgSlug, groupId]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: GroupData) => <GroupView {...data} />}
    </Loaded>
  );
}

function GroupView({ city, group, processSlug }: GroupData) {
  const meetings = group.meetings ?? [];
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(group.name);
  return (
    <>
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("cities.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/${city.slug}`} {...textLanguage(city, "name")}>
          {city.name}
        </Link>
        {processSlug && (
          <>
            {" "}
            <span aria-hidden="true">›</span> <Link to={`/${city.slug}/processes/${processSlug}`}>{t("group.process")}</Link>
          </>
        )}
      </nav>
      <h1 {...textLanguage(group, "name")}>{group.name}</h1>
      <p className="meta">
        {t(`groupKind.${group.kind}`)}
        {group.field_of_action && (
          <>
            {" · "}
            <bdi {...textLanguage(group, "field_of_action")}>{group.field_of_action}</bdi>
          </>
        )}
      </p>
      {group.description && (
        <div {...textLanguage(group, "description")}>
          {group.description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      )}
      <dl className="facts">
        <dt>{t("group.membership")}</dt>
        <dd>{t(`membershipMode.${group.membership_mode}`)}</dd>
        {group.membership_mode !== "appointed" && (
          <>
            <dt>{t("group.places")}</dt>
            <dd>
              <PlacesText group={group} />
            </dd>
          </>
        )}
        {group.signup_deadline && group.membership_mode !== "appointed" && (
          <>
            <dt>{t("group.deadline")}</dt>
            <dd>{formatDateTime(group.signup_deadline, city.timezone, language)}</dd>
          </>
        )}
        {group.wanted_composition.length > 0 && (
          <>
            <dt>{t("group.composition")}</dt>
            <dd>{group.wanted_composition.map((category) => t(`category.${category}`)).join(", ")}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="join-title">
        <h2 id="join-title">{t("group.join")}</h2>
        {group.membership_mode === "appointed" ? (
          <p>{t("group.appointedText")}</p>
        ) : group.signup_open && processSlug ? (
          <>
            <p>{group.membership_mode === "application" ? t("group.applicationText") : t("group.openText")}</p>
            <p>
              <Link className="button primary" to={`/${city.slug}/processes/${processSlug}/apply?group=${group.id}`}>
                {t("group.signUp")}
              </Link>
            </p>
          </>
        ) : (
          <p>{t("problems.registration-closed")}</p>
        )}
      </section>

      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t("group.meetings")}</h2>
        {meetings.length === 0 ? (
          <p>{t("group.noMeetings")}</p>
        ) : (
          <ul className="card-list">
            {meetings.map((meeting) => (
              <EventCard key={meeting.id} event={meeting} orgSlug={city.slug} />
            ))}
          </ul>
        )}
        {meetings.length > 0 && (
          <CalendarFeed path={`/api/v1/orgs/${city.slug}/groups/${group.id}/events.ics`} webcal={group.calendar?.webcal_url} />
        )}
      </section>
    </>
  );
}
