import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Links to "see my data" and "erase my data" under a manage link (registration or membership). */
export function MyDataLinks({ base }: { base: string }) {
  const { t } = useTranslation("public");
  return (
    <section aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t("myData.sectionTitle")}</h2>
      <p>{t("myData.sectionText")}</p>
      <ul className="link-list">
        <li>
          <Link to={`${base}/data`}>{t("myData.show")}</Link>
        </li>
        <li>
          <Link to={`${base}/erase`}>{t("erase.link")}</Link>
        </li>
      </ul>
    </section>
  );
}
