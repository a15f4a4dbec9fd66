import { useTranslation } from "react-i18next";
import { chooseLanguage, LANGUAGES } from "../i18n";

/**
 * Each language is named in itself and marked with its own `lang` (and `dir`), so screen readers
 * read "Türkçe" or "فارسی" with the right voice and a reader finds their language at a glance.
 * The pressed one is the language chosen, also while its texts still partly fall back to German.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation("common");
  return (
    <div className="language-switch" role="group" aria-label={t("language")}>
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          dir={language.dir}
          aria-pressed={i18n.language === language.code}
          onClick={() => void chooseLanguage(language.code)}
        >
          {language.name}
        </button>
      ))}
    </div>
  );
}
