import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { languageName } from "../../format";
import { useLanguage } from "../parts";

/** What a manage page knows of the person; each page passes what its answer carries. */
export type PersonShown = {
  full_name: string;
  email?: string | null;
  phone?: string | null;
  affiliation?: string | null;
  category?: Schemas["StakeholderCategory"];
  preferred_language?: string;
};

/**
 * The person's own data as label–value pairs inside a page's `<dl className="facts">`: the sign-up,
 * the membership and the data export show it alike. Missing values are left out; addresses and numbers
 * are written left to right, also on an Arabic page.
 */
export function PersonFacts({ person, nameLabel }: { person: PersonShown; nameLabel: string }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  return (
    <>
      <dt>{nameLabel}</dt>
      <dd>{person.full_name}</dd>
      {person.email && (
        <>
          <dt>{t("form.email")}</dt>
          <dd dir="ltr" className="text-start">
            {person.email}
          </dd>
        </>
      )}
      {person.phone && (
        <>
          <dt>{t("form.phone")}</dt>
          <dd dir="ltr" className="text-start">
            {person.phone}
          </dd>
        </>
      )}
      {person.affiliation && (
        <>
          <dt>{t("form.affiliation")}</dt>
          <dd>{person.affiliation}</dd>
        </>
      )}
      {person.category && (
        <>
          <dt>{t("form.category")}</dt>
          <dd>{t(`category.${person.category}`)}</dd>
        </>
      )}
      {person.preferred_language && (
        <>
          <dt>{t("myData.language")}</dt>
          <dd>{languageName(person.preferred_language, language)}</dd>
        </>
      )}
    </>
  );
}
