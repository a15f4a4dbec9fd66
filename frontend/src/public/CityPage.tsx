import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../api/client";
import { useLoading } from "../api/loading";
import { must } from "../api/outcome";
import { usePageTitle } from "../components/usePageTitle";
import { formatDayRange } from "../format";
import { Loaded } from "./Loaded";
import { loadOrganization, type Organization } from "./organizations";
import { useLanguage } from "./parts";
import { textLanguage } from "./textLanguage";

type CityData = { city: Organization; processes: Schemas["ProcessSummaryPublic"][] };

/** `/:orgSlug`: the city's integration office and its participation processes. */
export function CityPage() {
  const { orgSlug = "" } = useParams();
  const page = useLoading(async (): Promise<CityData> => {
    const city = await loadOrganization(orgSlug);
    const processes = await must(
      api.GET("/api/v1/orgs/{org_slug}/processes", { params: { path: { org_slug: orgSlug }, query: { limit: 100 } } }),
    );
    return { city, processes: processes.items };
  }, [orgSlug]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: CityData) => <City {...data} />}
    </Loaded>
  );
}

function City({ city, processes }: CityData) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(city.name);
  return (
    <>
      <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("cities.title")}</Link>
      </nav>
      <h1 {...textLanguage(city, "name")}>{city.name}</h1>
      <section aria-labelledby="processes-title">
        <h2 id="processes-title">{t("city.processes")}</h2>
        {processes.length === 0 ? (
          <p>{t("city.noProcesses")}</p>
        ) : (
          <ul className="card-list">
            {processes.map((process) => (
              <li key={process.id} className="card">
                <h3 className="card-title">
                  <Link to={`/${city.slug}/processes/${process.slug}`}>
                    <bdi {...textLanguage(process, "title")}>{process.title}</bdi>
                  </Link>
                </h3>
                <p className="meta">
                  {process.concept_kind === "update" && process.previous_concept_year
                    ? t("process.updateOf", { year: process.previous_concept_year })
                    : t(`conceptKind.${process.concept_kind}`)}
                  {" · "}
                  {formatDayRange(process.starts_on, process.ends_on, language)}
                </p>
                {process.summary && (
                  <p {...textLanguage(process, "summary")}>{process.summary}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <OfficeContact city={city} />
    </>
  );
}

/** How to reach the city's office: phone and e-mail as links. */
export function OfficeContact({ city }: { city: Organization }) {
  const { t } = useTranslation("public");
  return (
    <section aria-labelledby="office-title">
      <h2 id="office-title">{t("city.office")}</h2>
      <address className="card">
        {city.office_name && (
          <p className="strong" {...textLanguage(city, "office_name")}>
            {city.office_name}
          </p>
        )}
        <dl className="facts">
          {city.address && (
            <>
              <dt>{t("contact.address")}</dt>
              <dd>{city.address}</dd>
            </>
          )}
          {city.contact_phone && (
            <>
              <dt>{t("contact.phone")}</dt>
              <dd>
                <a href={`tel:${city.contact_phone.replace(/[^+0-9]/g, "")}`} dir="ltr">
                  {city.contact_phone}
                </a>
              </dd>
            </>
          )}
          {city.contact_email && (
            <>
              <dt>{t("contact.email")}</dt>
              <dd>
                <a href={`mailto:${city.contact_email}`} dir="ltr">
                  {city.contact_email}
                </a>
              </dd>
            </>
          )}
          {city.website && (
            <>
              <dt>{t("contact.website")}</dt>
              <dd>
                <a href={city.website} dir="ltr">
                  {city.website.replace(/^https?:\/\//, "")}
                </a>
              </dd>
            </>
          )}
        </dl>
      </address>
    </section>
  );
}
