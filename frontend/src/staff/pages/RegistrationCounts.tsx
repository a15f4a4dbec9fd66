import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Schemas } from "../../api/client";
import { REGISTRATION_STATUSES } from "../lib/enums";

/** How many people are in each status; each count leads to the list filtered by it. */
export function RegistrationCounts({ counts, eventId, current }: { counts: Schemas["RegistrationCounts"]; eventId: string; current?: string }) {
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="counts-title" className="counts">
      <h2 id="counts-title">{t("registrations.countsTitle")}</h2>
      <ul>
        {REGISTRATION_STATUSES.map((status) => (
          <li key={status}>
            <Link
              to={`/staff/events/${eventId}/registrations?status=${status}`}
              aria-current={current === status ? "true" : undefined}
              className={current === status ? "current" : undefined}
            >
              <span className="count-number">{counts[status] ?? 0}</span> <span>{t(`status.registration.${status}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
