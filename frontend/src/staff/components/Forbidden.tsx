import { useTranslation } from "react-i18next";

/** For a page the role does not open (typed as an address, or a link kept from before). */
export function Forbidden() {
  const { t } = useTranslation("staff");
  return <p className="notice warning">{t("problem.forbidden")}</p>;
}
