import { useTranslation } from "react-i18next";
import { chooseLanguage, isLanguage, LANGUAGES } from "../i18n";

/** Each language is named in itself and marked with its own `lang`, so screen readers read it right. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation("common");
  return (
    <div className="language-switch" role="group" aria-label={t("language")}>
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          aria-pressed={i18n.resolvedLanguage === language.code}
          onClick={() => isLanguage(language.code) && void chooseLanguage(language.code)}
        >
          {language.name}
        </button>
      ))}
    </div>
  );
}
