import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../api/client";
import { useLoading } from "../api/loading";
import { must } from "../api/outcome";
import { usePageTitle } from "../components/usePageTitle";
import { formatDayRange, formatNumber } from "../format";
import { Loaded } from "./Loaded";
import { loadOrganization, type Organization } from "./organizations";
import { CalendarFeed, ContactCard, EventCard, type EventSummary, GroupCard, useLanguage } from "./parts";
import { textLanguage } from "./textLanguage";

type Process = Schemas["ProcessPublic"];
type ProcessData = { city: Organization; process: Process };

/** Loads the city and one of its processes (the process page and the application page need both). */
export async function loadProcess(orgSlug: string, processSlug: string): Promise<ProcessData> {
  const city = await loadOrganization(orgSlug);
  const process = await must(
    api.GET("/api/v1/orgs/{org_slug}/processes/{process_slug}", {
      params: { path: { org_slug: orgSlug, process_slug: processSlug } },
    }),
  );
  return { city, process };
}

/** `/:orgSlug/processes/:processSlug`: what the process is, its phases, groups, dates and contacts. */
export function ProcessPage() {
  const { orgSlug = "", processSlug = "" } = useParams();
  const page = useLoading(() => loadProcess(orgSlug, processSlug), [orgSlug, processSlug]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: ProcessData) => <ProcessView {...data} />}
    </Loaded>
  );
}

function ProcessView({ city, process }: ProcessData) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(process.title);
  const groups = process.groups ?? [];
  const events = process.upcoming_events ?? [];
  const openGroups = groups.filter((group) => group.signup_open);
  return (
    <>
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("cities.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/${city.slug}`} {...textLanguage(city, "name")}>
          {city.name}
        </Link>
      </nav>
      <h1 {...textLanguage(process, "title")}>{process.title}</h1>
      <p className="meta">
        {process.concept_kind === "update" && process.previous_concept_year
          ? t("process.updateOf", { year: process.previous_concept_year })
          : t(`conceptKind.${process.concept_kind}`)}
        {" · "}
        {formatDayRange(process.starts_on, process.ends_on, language)}
      </p>
      {process.summary && (
        <p className="lead" {...textLanguage(process, "summary")}>
          {process.summary}
        </p>
      )}

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t("process.about")}</h2>
        <div {...textLanguage(process, "description")}>
          {process.description?.split(/\n{2,}/).map((paragraph, index) => <p key={index}>{paragraph}</p>)}
        </div>
        {(process.moderating_partner || process.funding_note) && (
          <dl className="facts">
            {process.moderating_partner && (
              <>
                <dt>{t("process.moderatingPartner")}</dt>
                <dd>{process.moderating_partner}</dd>
              </>
            )}
            {process.funding_note && (
              <>
                <dt>{t("process.funding")}</dt>
                <dd {...textLanguage(process, "funding_note")}>{process.funding_note}</dd>
              </>
            )}
          </dl>
        )}
      </section>

      {process.reach && <ReachFacts reach={process.reach} />}

      {process.phases.length > 0 && (
        <section aria-labelledby="phases-title">
          <h2 id="phases-title">{t("process.phases")}</h2>
          <ol className="timeline">
            {process.phases.map((phase) => (
              <li
                key={phase.id}
                className={phase.is_current ? "phase phase-current" : "phase"}
                aria-current={phase.is_current ? "step" : undefined}
              >
                <h3 className="card-title">
                  <bdi {...textLanguage(phase, "name")}>{phase.name}</bdi>
                  {phase.is_current && <span className="badge">{t("process.currentPhase")}</span>}
                </h3>
                <p className="meta">{formatDayRange(phase.starts_on, phase.ends_on, language)}</p>
                {phase.description && <p {...textLanguage(phase, "description")}>{phase.description}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {process.guiding_principles.length > 0 && (
        <section aria-labelledby="principles-title">
          <h2 id="principles-title">{t("process.principles")}</h2>
          <ul>
            {process.guiding_principles.map((principle, index) => (
              <li key={principle}>
                {/* bdi, not dir on the li: an LTR item in an RTL list would put its bullet outside the page. */}
                <bdi {...textLanguage(process, `guiding_principles.${index}`)}>{principle}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}

      {process.fields_of_action.length > 0 && (
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">{t("process.fieldsOfAction")}</h2>
          <ul className="tags">
            {process.fields_of_action.map((field, index) => (
              <li key={field}>
                <bdi {...textLanguage(process, `fields_of_action.${index}`)}>{field}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="groups-title">
        <h2 id="groups-title">{t("process.groups")}</h2>
        {groups.length === 0 ? (
          <p>{t("process.noGroups")}</p>
        ) : (
          <>
            {openGroups.length > 0 && (
              <p>
                <Link className="button primary" to={`/${city.slug}/processes/${process.slug}/apply`}>
                  {t("process.applyToGroups")}
                </Link>
              </p>
            )}
            <ul className="card-list">
              {groups.map((group) => (
                <GroupCard key={group.id} group={group} orgSlug={city.slug} timeZone={city.timezone} />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t("process.events")}</h2>
        {events.length === 0 ? (
          <p>{t("process.noEvents")}</p>
        ) : (
          <UpcomingEvents events={events} orgSlug={city.slug} />
        )}
        <CalendarFeed
          path={`/api/v1/orgs/${city.slug}/processes/${process.slug}/events.ics`}
          webcal={process.calendar?.webcal_url}
        />
      </section>

      {process.contacts.length > 0 && (
        <section aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t("process.contacts")}</h2>
          <ul className="card-list">
            {process.contacts.map((contact) => (
              <ContactCard key={`${contact.name}-${contact.email ?? ""}`} contact={contact} />
            ))}
          </ul>
        </section>
      )}

      {process.links.length > 0 && (
        <section aria-labelledby="links-title">
          <h2 id="links-title">{t("process.links")}</h2>
          <ul>
            {process.links.map((link, index) => (
              <li key={link.url}>
                <a href={link.url} {...textLanguage(process, `links.${index}.title`)}>
                  {link.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** How many upcoming events the process page shows before "Show all N events" (a long list on a phone). */
export const FIRST_EVENTS = 5;

/**
 * The next events, the first few of them until the reader asks for all. The button says whether the
 * list is complete (aria-expanded); opening it takes focus to the first event that was hidden, so
 * reading goes on where the short list ended; closing it leaves focus on the button.
 */
export function UpcomingEvents({ events, orgSlug }: { events: EventSummary[]; orgSlug: string }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const [all, setAll] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  const long = events.length > FIRST_EVENTS;
  const shown = all || !long ? events : events.slice(0, FIRST_EVENTS);

  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    if (all) list.current?.children[FIRST_EVENTS]?.querySelector<HTMLElement>("a")?.focus();
    else button.current?.scrollIntoView?.({ block: "nearest" });
  }, [all]);

  return (
    <>
      <ul className="card-list" id="process-events" ref={list}>
        {shown.map((event) => (
          <EventCard key={event.id} event={event} orgSlug={orgSlug} />
        ))}
      </ul>
      {long && (
        <p>
          <button
            type="button"
            ref={button}
            aria-expanded={all}
            aria-controls="process-events"
            onClick={() => {
              toggled.current = true;
              setAll(!all);
            }}
          >
            {all
              ? t("process.firstEvents", { count: FIRST_EVENTS, number: formatNumber(FIRST_EVENTS, language) })
              : t("process.allEvents", { count: events.length, number: formatNumber(events.length, language) })}
          </button>
        </p>
      )}
    </>
  );
}

/** What the process has reached so far, as totals only (the API gives no one's data here). */
function ReachFacts({ reach }: { reach: Schemas["PublicReach"] }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const number = { format: (value: number) => formatNumber(value, language) };
  return (
    <section aria-labelledby="reach-title">
      <h2 id="reach-title">{t("process.reach.title")}</h2>
      <dl className="facts">
        <dt>{t("process.reach.participants")}</dt>
        <dd>{number.format(reach.participants)}</dd>
        <dt>{t("process.reach.eventsHeld")}</dt>
        <dd>{number.format(reach.events_held)}</dd>
        <dt>{t("process.reach.groups")}</dt>
        <dd>{number.format(reach.groups)}</dd>
      </dl>
    </section>
  );
}
