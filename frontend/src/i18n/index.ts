// i18next set up once. Public texts are bundled (they are small); the staff console adds its own
// namespace when its chunk loads (see src/staff). The choice of language is kept in localStorage.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import arCommon from "../locales/ar/common.json";
import arPublic from "../locales/ar/public.json";
import deCommon from "../locales/de/common.json";
import dePublic from "../locales/de/public.json";
import enCommon from "../locales/en/common.json";
import enPublic from "../locales/en/public.json";

export const LANGUAGES = [
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "teilhabe.language";

export function isLanguage(code: string | null | undefined): code is Language {
  return LANGUAGES.some((language) => language.code === code);
}

function storedLanguage(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage blocked (private mode): fall back to the browser's languages
  }
}

function browserLanguage(): Language | null {
  for (const tag of globalThis.navigator?.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return null;
}

export function directionOf(code: string): "ltr" | "rtl" {
  return LANGUAGES.find((language) => language.code === code)?.dir ?? "ltr";
}

/** Sets `lang` and `dir` on <html> so screen readers pronounce the page right and RTL lays out. */
function applyToDocument(code: string): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}

export function chooseLanguage(code: Language): Promise<unknown> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // storage blocked: the choice lasts for this page view only
  }
  return i18n.changeLanguage(code);
}

i18n.on("languageChanged", applyToDocument);

void i18n.use(initReactI18next).init({
  resources: {
    de: { common: deCommon, public: dePublic },
    en: { common: enCommon, public: enPublic },
    ar: { common: arCommon, public: arPublic },
  },
  lng: storedLanguage() ?? browserLanguage() ?? "de",
  // Arabic is prepared for the sign-up path; the rest of it shows in English until translated.
  fallbackLng: { ar: ["en"], default: ["de"] },
  ns: ["common", "public"],
  defaultNS: "common",
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyToDocument(i18n.language);

export default i18n;
