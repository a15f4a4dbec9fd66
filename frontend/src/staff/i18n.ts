// The console's texts join i18next when its chunk loads; the public bundle never carries them. Each
// namespace of each language is its own small chunk (src/i18n loads them): the console opened in
// Turkish downloads the Turkish texts and the German ones they fall back to, nothing else. In
// Leichte Sprache the console is standard German: staff read it, and it has no easy-read texts.
import { loadNamespaces, loadTexts } from "../i18n";

// `staff`: the console's frame and most pages. `staffData`: the pages about the city's data and its
// connections (webhooks, data-protection requests, API clients). `staffCity`: the city's own set-up
// (settings, privacy notices, a process's contacts and links) and the operator's city list.
// `staffWords`: the console's words for the API's refusals and the audit log. `staffAllocation`: the
// allocation of places in application groups. `staffMessages`: writing to an audience (messages from
// staff). `staffStats`: the statistics of the reach and the district of a person.
// `staffTranslations`: the translations of the city's texts.
export const STAFF_NAMESPACES = [
  "staff",
  "staffData",
  "staffCity",
  "staffWords",
  "staffAllocation",
  "staffMessages",
  "staffStats",
  "staffTranslations",
] as const;

// Top-level await: the console's chunk is ready only with its texts, so its first page never shows keys.
// German, English and Arabic, the console's complete languages, come along at once, as they always
// did (Arabic falls back to English, then German); the others load when chosen.
await Promise.all([loadNamespaces(STAFF_NAMESPACES), loadTexts("ar", STAFF_NAMESPACES)]);
