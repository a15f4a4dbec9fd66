// i18next set up once. German is bundled (the default and the last fallback); the public texts in
// English and Arabic load on demand, so a phone downloads one language, not three. The staff console
// adds its own namespace when its chunk loads (see src/staff). The choice is kept in localStorage.
// A link can choose the language too: `?lang=de|en|ar` on any address (from the city's widget, a mail)
// is taken as the reader's choice, kept like the switch's, and then dropped from the address.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import arCommon from "../locales/ar/common.json";
import deCommon from "../locales/de/common.json";
import dePublic from "../locales/de/public.json";
import enCommon from "../locales/en/common.json";

export const LANGUAGES = [
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "teilhabe.language";
const QUERY_KEY = "lang";

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

/** The language a link asks for with `?lang=`, e.g. "?lang=ar" → "ar"; null without one or for another language. */
export function languageFromQuery(search: string): Language | null {
  const code = new URLSearchParams(search).get(QUERY_KEY)?.trim().toLowerCase();
  return isLanguage(code) ? code : null;
}

/** The address without `lang` (other parameters, e.g. `confirm=1`, stay), or null when it has none. */
export function withoutLanguageQuery(url: string): string | null {
  const address = new URL(url);
  if (!address.searchParams.has(QUERY_KEY)) return null;
  address.searchParams.delete(QUERY_KEY);
  return address.pathname + address.search + address.hash;
}

function keepLanguage(code: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // storage blocked: the choice lasts for this page view only
  }
}

/**
 * A language asked for by the address is the reader's choice: kept, as if chosen with the switch.
 * The parameter is then taken out of the address, so a later choice with the switch survives a
 * reload and a copied link does not carry it.
 */
function queriedLanguage(): Language | null {
  const location = globalThis.location;
  if (!location) return null;
  const code = languageFromQuery(location.search);
  if (code) keepLanguage(code);
  const clean = withoutLanguageQuery(location.href);
  if (clean !== null) {
    try {
      globalThis.history?.replaceState(globalThis.history.state, "", clean);
    } catch {
      // an address the browser will not rewrite: the parameter stays, harmlessly
    }
  }
  return code;
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

type Texts = { default: Record<string, unknown> };
const PUBLIC_TEXTS: Record<Exclude<Language, "de">, () => Promise<Texts>> = {
  en: () => import("../locales/en/public.json"),
  ar: () => import("../locales/ar/public.json"),
};

/** Adds the public texts of a language unless they are there; a failed download leaves German. */
export async function loadPublicTexts(code: Language): Promise<void> {
  if (code === "de" || i18n.hasResourceBundle(code, "public")) return;
  try {
    i18n.addResourceBundle(code, "public", (await PUBLIC_TEXTS[code]()).default, true, false);
  } catch {
    // offline or the chunk is gone after a deploy: the fallback (German) still reads
  }
}

export async function chooseLanguage(code: Language): Promise<unknown> {
  keepLanguage(code);
  await loadPublicTexts(code);
  return i18n.changeLanguage(code);
}

i18n.on("languageChanged", applyToDocument);

const initialLanguage: Language = queriedLanguage() ?? storedLanguage() ?? browserLanguage() ?? "de";

void i18n.use(initReactI18next).init({
  resources: {
    de: { common: deCommon, public: dePublic },
    en: { common: enCommon },
    ar: { common: arCommon },
  },
  lng: initialLanguage,
  // A text missing in Arabic shows in English (when loaded, e.g. the staff console's), else in German.
  fallbackLng: { ar: ["en", "de"], default: ["de"] },
  ns: ["common", "public"],
  defaultNS: "common",
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyToDocument(i18n.language);
// Top-level await: main.tsx renders only after this module, so the first paint is in the right language.
await loadPublicTexts(initialLanguage);

export default i18n;
