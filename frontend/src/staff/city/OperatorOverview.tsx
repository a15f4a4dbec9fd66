import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** On the overview of a platform operator: where the cities are managed. */
export function OperatorOverview() {
  const { t } = useTranslation("staffCity");
  return (
    <section aria-labelledby="operator-title">
      <h2 id="operator-title">{t("cities.overviewTitle")}</h2>
      <p>{t("cities.overviewText")}</p>
      <p>
        <Link to="/staff/platform/cities">{t("cities.overviewLink")}</Link>
      </p>
    </section>
  );
}
