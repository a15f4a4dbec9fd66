// Small pieces several public pages show: an event in a list, seats, venue, a contact, a group.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { apiUrl, type Schemas } from "../api/client";
import { formatDateTime, formatNumber, formatRange } from "../format";
import { isLanguage } from "../i18n";
import { textLanguage } from "./textLanguage";

export type EventSummary = Schemas["EventSummaryPublic"];
export type GroupSummary = Schemas["GroupSummaryPublic"];
type Heading = "h2" | "h3";

/**
 * The reader's language code, e.g. "de" or "tr": for Intl, and as the preferred language sent with a
 * sign-up. The language chosen, also while some of its texts still fall back to German.
 */
export function useLanguage(): string {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : (i18n.resolvedLanguage ?? i18n.language);
}

/** Seats in words, never by colour: "12 seats left", "Fully booked – waiting list open". */
export function SeatsText({ event }: { event: EventSummary }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  if (event.seats_left === null) return <>{t("seats.unlimited")}</>;
  if (event.seats_left > 0) {
    return <>{t("seats.left", { count: event.seats_left, number: formatNumber(event.seats_left, language) })}</>;
  }
  return <>{event.waitlist_enabled ? t("seats.waitlist") : t("seats.full")}</>;
}

/** A cancelled or postponed event says so, with the city's reason. */
export function EventStatusNotice({ event }: { event: EventSummary }) {
  const { t } = useTranslation("public");
  if (event.status !== "cancelled" && event.status !== "postponed") return null;
  return (
    <div className="notice warning">
      <p>
        <strong>{t(`eventStatus.${event.status}`)}</strong>
        {event.status_reason && (
          <>
            {" – "}
            <span {...textLanguage(event, "status_reason")}>{event.status_reason}</span>
          </>
        )}
      </p>
    </div>
  );
}

/** Where: the venue with its address and step-free access, or "online". */
export function WhereText({ event }: { event: EventSummary }) {
  const { t } = useTranslation("public");
  if (event.format === "online" || !event.venue) return <>{t("eventFormat.online")}</>;
  const parts = [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", ");
  return (
    <>
      <bdi>{parts}</bdi>
      {event.format === "hybrid" && <> ({t("event.alsoOnline")})</>}
    </>
  );
}

export function EventCard({ event, orgSlug, heading = "h3" }: { event: EventSummary; orgSlug: string; heading?: Heading }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const H = heading;
  return (
    <li className="card">
      <H className="card-title">
        <Link to={`/${orgSlug}/events/${event.id}`}>
          <bdi {...textLanguage(event, "title")}>{event.title}</bdi>
        </Link>
      </H>
      <p className="meta">
        {t(`eventKind.${event.kind}`)} · {t(`eventFormat.${event.format}`)}
      </p>
      <p>
        <span className="label">{t("event.when")}: </span>
        {formatRange(event.starts_at, event.ends_at, event.timezone, language)}
      </p>
      <p>
        <span className="label">{t("event.where")}: </span>
        <WhereText event={event} />
      </p>
      <EventStatusNotice event={event} />
      {event.status === "published" && (
        <p>
          <SeatsText event={event} />
          {event.registration_open && event.registration_closes_at && (
            <>
              {" · "}
              {t("event.deadlineShort", {
                date: formatDateTime(event.registration_closes_at, event.timezone, language),
              })}
            </>
          )}
        </p>
      )}
    </li>
  );
}

/**
 * A calendar file of several dates (a process's or a group's), and the same feed to subscribe to,
 * so a calendar app keeps it current (`webcal://`, from the API's `calendar` links).
 */
export function CalendarFeed({ path, webcal }: { path: string; webcal?: string | null }) {
  const { t } = useTranslation("public");
  return (
    <ul className="link-list">
      <li>
        <a href={apiUrl(path)} download>
          {t("calendar.download")}
        </a>
      </li>
      {webcal && (
        <li>
          <a href={webcal}>{t("calendar.subscribe")}</a>
        </li>
      )}
    </ul>
  );
}

/** Places in a group, in words. */
export function PlacesText({ group }: { group: GroupSummary }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  if (group.membership_mode === "appointed") return <>{t("group.appointedShort")}</>;
  const left = group.places_left ?? null;
  if (left === null) return <>{t("group.placesUnlimited")}</>;
  if (left > 0) return <>{t("group.placesLeft", { count: left, number: formatNumber(left, language) })}</>;
  return <>{t("group.placesFull")}</>;
}

export function GroupCard({
  group,
  orgSlug,
  timeZone,
  heading = "h3",
}: {
  group: GroupSummary;
  orgSlug: string;
  timeZone: string;
  heading?: Heading;
}) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  const H = heading;
  return (
    <li className="card">
      <H className="card-title">
        <Link to={`/${orgSlug}/groups/${group.id}`}>
          <bdi {...textLanguage(group, "name")}>{group.name}</bdi>
        </Link>
      </H>
      <p className="meta">
        {t(`groupKind.${group.kind}`)}
        {group.field_of_action && (
          <>
            {" · "}
            <bdi {...textLanguage(group, "field_of_action")}>{group.field_of_action}</bdi>
          </>
        )}
      </p>
      <p>
        <PlacesText group={group} />
        {group.signup_open && group.signup_deadline && (
          <>
            {" · "}
            {t("group.deadlineShort", { date: formatDateTime(group.signup_deadline, timeZone, language) })}
          </>
        )}
      </p>
    </li>
  );
}

type Contact = Schemas["Contact"];

/** A contact person with phone and e-mail as links (phones written left-to-right also in Arabic). */
export function ContactCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation("public");
  return (
    <li className="card">
      <h3 className="card-title">
        <bdi>{contact.name}</bdi>
      </h3>
      {contact.role && (
        <p className="meta" dir="auto">
          {contact.role}
        </p>
      )}
      <dl className="facts">
        {contact.phone && (
          <>
            <dt>{t("contact.phone")}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`} dir="ltr">
                {contact.phone}
              </a>
            </dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t("contact.email")}</dt>
            <dd>
              <a href={`mailto:${contact.email}`} dir="ltr">
                {contact.email}
              </a>
            </dd>
          </>
        )}
        {contact.address && (
          <>
            <dt>{t("contact.address")}</dt>
            <dd>{contact.address}</dd>
          </>
        )}
        {contact.office_hours && (
          <>
            <dt>{t("contact.officeHours")}</dt>
            <dd>{contact.office_hours}</dd>
          </>
        )}
      </dl>
    </li>
  );
}
