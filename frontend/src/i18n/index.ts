// i18next set up once. German is bundled (the default and the last fallback); every other language
// loads on demand, one chunk per language and namespace, so a phone downloads only its own language.
// The staff console asks for its namespaces when its chunk loads (see src/staff/i18n.ts). The choice
// is kept in localStorage. A link can choose the language too: `?lang=tr` on any address (from the
// city's widget, a mail) is taken as the reader's choice, kept like the switch's, and then dropped
// from the address.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setRequestLanguage } from "../api/client";
import deCommon from "../locales/de/common.json";
import dePublic from "../locales/de/public.json";

/**
 * The languages of the site, each named in itself (a reader looks for their own language's name).
 * "de-x-ls" is Leichte Sprache, easy-read German: a private-use tag of BCP 47, so `lang="de-x-ls"`
 * still tells screen readers (and axe's valid-lang rule) that it is German.
 */
export const LANGUAGES = [
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "de-x-ls", name: "Leichte Sprache", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "tr", name: "Türkçe", dir: "ltr" },
  { code: "uk", name: "Українська", dir: "ltr" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "fa", name: "فارسی", dir: "rtl" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

/**
 * Where a text missing in a language is taken from. Arabic keeps English before German (the console
 * was translated to English first, and an Arabic reader is more likely to read English than German);
 * Leichte Sprache and every other language fall back to standard German.
 */
export const FALLBACKS: Record<string, Language[]> = { ar: ["en", "de"], default: ["de"] };

const STORAGE_KEY = "teilhabe.language";
const QUERY_KEY = "lang";

export function isLanguage(code: string | null | undefined): code is Language {
  return LANGUAGES.some((language) => language.code === code);
}

/** A code as people and links write it ("DE-X-LS", "Tr") in the form the site uses, or null. */
function knownLanguage(code: string | null | undefined): Language | null {
  const lowered = code?.trim().toLowerCase();
  return isLanguage(lowered) ? lowered : null;
}

function storedLanguage(): Language | null {
  try {
    return knownLanguage(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return null; // storage blocked (private mode): fall back to the browser's languages
  }
}

/** The language a link asks for with `?lang=`, e.g. "?lang=ar" → "ar"; null without one or for another language. */
export function languageFromQuery(search: string): Language | null {
  return knownLanguage(new URLSearchParams(search).get(QUERY_KEY));
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

/**
 * The first of the browser's languages the site speaks: "tr-TR" → "tr", "uk" → "uk", "fa-AF" (Dari)
 * → "fa". A browser never asks for Leichte Sprache, so only the switch or a link chooses it.
 */
export function languageFromBrowser(tags: readonly string[]): Language | null {
  for (const tag of tags) {
    const code = knownLanguage(tag.split("-")[0]);
    if (code) return code;
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
// Every texts file but German's common and public (bundled above) becomes a chunk of its own, loaded
// when asked for. A language whose translators have not written a namespace yet simply has no file:
// its readers see the fallback, and the build does not break.
const TEXT_FILES = import.meta.glob<Texts>(["../locales/*/*.json", "!../locales/de/common.json", "!../locales/de/public.json"]);

/** The namespaces every page of the site needs; the console adds its own with `loadNamespaces`. */
const wanted = new Set<string>(["common", "public"]);

/** The language and the languages its missing texts come from, e.g. ar → ar, en, de. */
function withFallbacks(code: Language): Language[] {
  return [code, ...(FALLBACKS[code] ?? FALLBACKS.default)];
}

/** Adds the texts of these namespaces in a language (and its fallbacks) unless they are there. */
export async function loadTexts(code: Language, namespaces: Iterable<string>): Promise<void> {
  const loads: Promise<void>[] = [];
  for (const language of withFallbacks(code)) {
    for (const namespace of namespaces) {
      const file = TEXT_FILES[`../locales/${language}/${namespace}.json`];
      if (!file || i18n.hasResourceBundle(language, namespace)) continue;
      loads.push(
        file().then(
          (texts) => void i18n.addResourceBundle(language, namespace, texts.default, true, false),
          () => undefined, // offline or the chunk is gone after a deploy: the fallback still reads
        ),
      );
    }
  }
  await Promise.all(loads);
}

/** Adds the public texts of a language unless they are there; a failed download leaves German. */
export function loadPublicTexts(code: Language): Promise<void> {
  return loadTexts(code, ["common", "public"]);
}

/**
 * Namespaces a part of the site needs (the console's): loaded now in the current language, and with
 * every later choice of language before it takes effect, so no page flashes in the fallback.
 */
export async function loadNamespaces(namespaces: readonly string[]): Promise<void> {
  for (const namespace of namespaces) wanted.add(namespace);
  await loadTexts(currentLanguage(), namespaces);
}

/** The language chosen now (also one whose texts have not all been translated yet). */
export function currentLanguage(): Language {
  return knownLanguage(i18n.language) ?? "de";
}

export async function chooseLanguage(code: Language): Promise<unknown> {
  keepLanguage(code);
  await loadTexts(code, wanted);
  return i18n.changeLanguage(code);
}

i18n.on("languageChanged", (code: string) => {
  applyToDocument(code);
  // Every API request says which language the reader wants; pages ask again for their data then.
  setRequestLanguage(code);
});

const initialLanguage: Language =
  queriedLanguage() ?? storedLanguage() ?? languageFromBrowser(globalThis.navigator?.languages ?? []) ?? "de";

void i18n.use(initReactI18next).init({
  resources: { de: { common: deCommon, public: dePublic } },
  lng: initialLanguage,
  fallbackLng: FALLBACKS,
  ns: ["common", "public"],
  defaultNS: "common",
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyToDocument(i18n.language);
setRequestLanguage(i18n.language);
// Top-level await: main.tsx renders only after this module, so the first paint is in the right language.
await loadPublicTexts(initialLanguage);

export default i18n;
