import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, apiUrl, type Problem, type Schemas } from "../api/client";
import { type Loading, useLoading } from "../api/loading";
import { must, settle } from "../api/outcome";
import { problemSlug } from "../api/problem";
import { usePageTitle } from "../components/usePageTitle";
import { formatDateTime, formatRange, languageName, timeZoneName } from "../format";
import { Loaded, LoadingNotice, ProblemNotice } from "./Loaded";
import { loadOrganization, type Organization } from "./organizations";
import { EventStatusNotice, SeatsText, useLanguage } from "./parts";
import { FullNotice, SignUpForm } from "./SignUpForm";
import { textLanguage } from "./textLanguage";

type Event = Schemas["EventPublic"];
type Notice = Schemas["PrivacyNoticeOut"];
type EventData = { city: Organization; event: Event };

async function loadEvent(orgSlug: string, eventId: string): Promise<EventData> {
  const city = await loadOrganization(orgSlug);
  const event = await must(
    api.GET("/api/v1/orgs/{org_slug}/events/{event_id}", { params: { path: { org_slug: orgSlug, event_id: eventId } } }),
  );
  return { city, event };
}

/** `/:orgSlug/events/:eventId`: when, where, languages, seats, calendar file and the sign-up form. */
export function EventPage() {
  const { orgSlug = "", eventId = "" } = useParams();
  const page = useLoading(() => loadEvent(orgSlug, eventId), [orgSlug, eventId]);
  const notice = useLoading(
    () => must(api.GET("/api/v1/orgs/{org_slug}/privacy-notice", { params: { path: { org_slug: orgSlug } } })),
    [orgSlug],
  );
  const refreshSeats = useFreshSeats(orgSlug, eventId, page.data, page.replace);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: EventData) => <EventView {...data} notice={notice} onRefused={refreshSeats} />}
    </Loaded>
  );
}

/**
 * Seats change while a resident reads: the event is asked for again (the API answers it `no-cache`,
 * a cheap 304 while nothing changed) when the page comes back into view or gets focus, and after a
 * refused sign-up. What the resident typed stays: only the event's data is replaced.
 */
function useFreshSeats(
  orgSlug: string,
  eventId: string,
  data: EventData | undefined,
  replace: (data: EventData) => void,
): () => void {
  const shown = useRef(data);
  shown.current = data;
  const refresh = useCallback(() => {
    if (!shown.current) return;
    void settle(
      api.GET("/api/v1/orgs/{org_slug}/events/{event_id}", { params: { path: { org_slug: orgSlug, event_id: eventId } } }),
    ).then((outcome) => {
      const current = shown.current;
      if (outcome.ok && current && current.event.id === outcome.data.id) replace({ ...current, event: outcome.data });
    });
  }, [orgSlug, eventId, replace]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && refresh();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", refresh);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", refresh);
    };
  }, [refresh]);
  return refresh;
}

function EventView({
  city,
  event,
  notice,
  onRefused,
}: EventData & { notice: Loading<Notice>; onRefused: () => void }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(event.title);
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("cities.title")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/${city.slug}`} {...textLanguage(city, "name")}>
          {city.name}
        </Link>
        {event.group_id && (
          <>
            {" "}
            <span aria-hidden="true">›</span> <Link to={`/${city.slug}/groups/${event.group_id}`}>{t("event.group")}</Link>
          </>
        )}
      </nav>
      <h1 {...textLanguage(event, "title")}>{event.title}</h1>
      <p className="meta">
        {t(`eventKind.${event.kind}`)} · {t(`eventFormat.${event.format}`)}
      </p>
      <EventStatusNotice event={event} />

      <dl className="facts event-facts">
        <dt>{t("event.when")}</dt>
        <dd>
          {formatRange(event.starts_at, event.ends_at, event.timezone, language)}
          {readerZone !== event.timezone && (
            <span className="hint">
              {" "}
              (<bdi>{t("event.timeZone", { zone: timeZoneName(event.timezone, language) })}</bdi>)
            </span>
          )}
        </dd>
        <dt>{t("event.where")}</dt>
        <dd>
          <Venue event={event} />
        </dd>
        {event.languages.length > 0 && (
          <>
            <dt>{t("event.languages")}</dt>
            <dd>{event.languages.map((code) => languageName(code, language)).join(", ")}</dd>
          </>
        )}
        {event.interpretation.length > 0 && (
          <>
            <dt>{t("event.interpretation")}</dt>
            <dd>{event.interpretation.map((code) => languageName(code, language)).join(", ")}</dd>
          </>
        )}
        <dt>{t("event.childcare")}</dt>
        <dd>{event.childcare ? t("event.childcareYes") : t("event.childcareNo")}</dd>
        <dt>{t("event.seats")}</dt>
        <dd>
          <SeatsText event={event} />
        </dd>
        {event.registration_closes_at && (
          <>
            <dt>{t("event.deadline")}</dt>
            <dd>{formatDateTime(event.registration_closes_at, event.timezone, language)}</dd>
          </>
        )}
      </dl>
      <p>
        <a className="button" href={apiUrl(`/api/v1/orgs/${city.slug}/events/${event.id}.ics`)} download={`${event.id}.ics`}>
          {t("event.addToCalendar")}
        </a>
      </p>

      {event.description && (
        <section aria-labelledby="description-title">
          <h2 id="description-title">{t("event.about")}</h2>
          <div {...textLanguage(event, "description")}>
            {event.description.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="signup-title">
        <h2 id="signup-title">{t("signup.title")}</h2>
        <SignUpSection city={city} event={event} notice={notice} onRefused={onRefused} />
      </section>
    </>
  );
}

function Venue({ event }: { event: Event }) {
  const { t } = useTranslation("public");
  const online = <p>{t("event.onlineNote")}</p>;
  if (event.format === "online" || !event.venue) return online;
  const venue = event.venue;
  return (
    <>
      <p>
        <bdi className="strong">{venue.name}</bdi>
        {venue.room && (
          <>
            , <bdi>{venue.room}</bdi>
          </>
        )}
        {venue.address && (
          <>
            <br />
            <bdi>{venue.address}</bdi>
          </>
        )}
      </p>
      <p>
        {venue.step_free === true
          ? t("event.stepFree")
          : venue.step_free === false
            ? t("event.notStepFree")
            : t("event.stepFreeUnknown")}
      </p>
      {venue.notes && <p {...textLanguage(event, "venue_notes")}>{venue.notes}</p>}
      {event.format === "hybrid" && online}
    </>
  );
}

/** Why no form is shown, in the words of the refusal the server would give; else the form. */
function SignUpSection({
  city,
  event,
  notice,
  onRefused,
}: {
  city: Organization;
  event: Event;
  notice: Loading<Notice>;
  onRefused: () => void;
}) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  // Set when the server refused a sign-up because the last seat went meanwhile: the page says so.
  const [filledMeanwhile, setFilledMeanwhile] = useState(false);
  const refused = useCallback(
    (problem: Problem) => {
      if (problemSlug(problem) === "event-full") setFilledMeanwhile(true);
      onRefused();
    },
    [onRefused],
  );
  const closedBecause = whyClosed(event);
  if (closedBecause === "event-full" && filledMeanwhile) return <FullNotice waitlist={false} />;
  if (closedBecause === "registration-not-open" && event.registration_opens_at) {
    return <p>{t("signup.opensOn", { date: formatDateTime(event.registration_opens_at, event.timezone, language) })}</p>;
  }
  if (closedBecause) return <p>{t(`problems.${closedBecause}`)}</p>;
  if (notice.state === "loading") return <LoadingNotice />;
  if (notice.state === "failed") return <ProblemNotice problem={notice.problem} />;
  return (
    <SignUpForm
      orgSlug={city.slug}
      event={event}
      notice={notice.data}
      districts={city.districts}
      onRefused={refused}
    />
  );
}

/** The problem type the server would answer a sign-up with now, or null while sign-up is open. */
export function whyClosed(event: Event, now = new Date()): string | null {
  if (event.status === "cancelled") return "event-cancelled";
  if (event.status === "postponed") return "event-postponed";
  if (now >= new Date(event.starts_at)) return "event-over";
  if (event.invitation_only) return "invitation-only";
  if (event.registration_opens_at && now < new Date(event.registration_opens_at)) return "registration-not-open";
  if (event.registration_closes_at && now >= new Date(event.registration_closes_at)) return "registration-closed";
  if (!event.registration_open) return "registration-closed";
  if (event.seats_left === 0 && !event.waitlist_enabled) return "event-full";
  return null;
}
