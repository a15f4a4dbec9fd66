// The console's texts join i18next when its chunk loads; the public bundle never carries them.
import i18n from "../i18n";
import ar from "../locales/ar/staff.json";
import de from "../locales/de/staff.json";
import en from "../locales/en/staff.json";

for (const [language, texts] of Object.entries({ de, en, ar })) {
  if (!i18n.hasResourceBundle(language, "staff")) i18n.addResourceBundle(language, "staff", texts, true, false);
}
