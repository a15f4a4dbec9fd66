// The console's texts join i18next when its chunk loads; the public bundle never carries them.
// "staffCity" holds the texts of the city's own set-up (settings, privacy notices, contacts and links,
// the operator's city list).
import i18n from "../i18n";
import arCity from "../locales/ar/staffCity.json";
import ar from "../locales/ar/staff.json";
import deCity from "../locales/de/staffCity.json";
import de from "../locales/de/staff.json";
import enCity from "../locales/en/staffCity.json";
import en from "../locales/en/staff.json";

const NAMESPACES = { staff: { de, en, ar }, staffCity: { de: deCity, en: enCity, ar: arCity } };

for (const [namespace, languages] of Object.entries(NAMESPACES)) {
  for (const [language, texts] of Object.entries(languages)) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, texts, true, false);
  }
}
