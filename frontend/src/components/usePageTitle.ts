import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Every page names itself in the browser tab and for screen readers ("Kickoff – Teilhabe"). */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation("common");
  useEffect(() => {
    document.title = title ? `${title} – ${t("siteName")}` : t("siteName");
  }, [title, t]);
}
