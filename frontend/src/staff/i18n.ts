// The console's texts join i18next when its chunk loads; the public bundle never carries them.
import i18n from "../i18n";
import ar from "../locales/ar/staff.json";
import de from "../locales/de/staff.json";
import en from "../locales/en/staff.json";
import arWords from "../locales/ar/staffWords.json";
import deWords from "../locales/de/staffWords.json";
import enWords from "../locales/en/staffWords.json";

const NAMESPACES = { staff: { de, en, ar }, staffWords: { de: deWords, en: enWords, ar: arWords } };

for (const [namespace, languages] of Object.entries(NAMESPACES)) {
  for (const [language, texts] of Object.entries(languages)) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, texts, true, false);
  }
}
