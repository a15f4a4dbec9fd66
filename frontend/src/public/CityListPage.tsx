import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import { useLoading } from "../api/loading";
import { must } from "../api/outcome";
import { usePageTitle } from "../components/usePageTitle";
import { Loaded } from "./Loaded";
import { textLanguage } from "./textLanguage";

/** `/`: the cities that run their integration concept here. */
export function CityListPage() {
  const { t } = useTranslation("public");
  usePageTitle(t("cities.title"));
  const cities = useLoading(() => must(api.GET("/api/v1/orgs", { params: { query: { limit: 100 } } })), []);
  return (
    <>
      <h1>{t("cities.title")}</h1>
      <p className="lead">{t("cities.intro")}</p>
      <Loaded loading={cities} onRetry={cities.reload}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t("cities.none")}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((city) => (
                <li key={city.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/${city.slug}`} {...textLanguage(city, "name")}>
                      {city.name}
                    </Link>
                  </h2>
                  {city.office_name && (
                    <p className="meta" {...textLanguage(city, "office_name")}>
                      {city.office_name}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
