// The console's texts join i18next when its chunk loads; the public bundle never carries them.
import i18n from "../i18n";
import arCity from "../locales/ar/staffCity.json";
import arData from "../locales/ar/staffData.json";
import ar from "../locales/ar/staff.json";
import deCity from "../locales/de/staffCity.json";
import deData from "../locales/de/staffData.json";
import de from "../locales/de/staff.json";
import enCity from "../locales/en/staffCity.json";
import enData from "../locales/en/staffData.json";
import en from "../locales/en/staff.json";
import arAllocation from "../locales/ar/staffAllocation.json";
import deAllocation from "../locales/de/staffAllocation.json";
import enAllocation from "../locales/en/staffAllocation.json";
import arWords from "../locales/ar/staffWords.json";
import deWords from "../locales/de/staffWords.json";
import enWords from "../locales/en/staffWords.json";
import arMessages from "../locales/ar/staffMessages.json";
import deMessages from "../locales/de/staffMessages.json";
import enMessages from "../locales/en/staffMessages.json";
import arStats from "../locales/ar/staffStats.json";
import deStats from "../locales/de/staffStats.json";
import enStats from "../locales/en/staffStats.json";

// `staffData`: the pages about the city's data and its connections (webhooks, data-protection
// requests, API clients). `staffCity`: the city's own set-up (settings, privacy notices, a process's
// contacts and links) and the operator's city list. `staffWords`: the console's words for the API's
// refusals and the audit log. `staffAllocation`: the allocation of places in application groups.
// `staffMessages`: writing to an audience (messages from staff).
// `staffStats`: the statistics of the reach and the district of a person.
const NAMESPACES = {
  staff: { de, en, ar },
  staffData: { de: deData, en: enData, ar: arData },
  staffCity: { de: deCity, en: enCity, ar: arCity },
  staffWords: { de: deWords, en: enWords, ar: arWords },
  staffAllocation: { de: deAllocation, en: enAllocation, ar: arAllocation },
  staffMessages: { de: deMessages, en: enMessages, ar: arMessages },
  staffStats: { de: deStats, en: enStats, ar: arStats },
};

for (const [namespace, languages] of Object.entries(NAMESPACES)) {
  for (const [language, texts] of Object.entries(languages)) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, texts, true, false);
  }
}
