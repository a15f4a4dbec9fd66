// What the city settings offer to choose from: time zones with a name people read, and languages
// named in the reader's language — nobody types "Europe/Berlin" or "uk".
import { languageName } from "../../format";

/** The zones of Germany first, then its neighbours', then the rest of the world. */
const GERMAN_ZONES = ["Europe/Berlin", "Europe/Busingen"];
const NEIGHBOUR_ZONES = ["Europe/Vienna", "Europe/Zurich", "Europe/Amsterdam", "Europe/Brussels", "Europe/Luxembourg", "Europe/Paris", "Europe/Copenhagen", "Europe/Prague", "Europe/Warsaw"];

function allZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [...GERMAN_ZONES, ...NEIGHBOUR_ZONES, "UTC"];
  }
}

// Naming ~400 zones takes a while: each is named once per language, not on every keystroke.
const labels = new Map<string, string>();

/** "Europe/Berlin" → "Berlin – Mitteleuropäische Zeit": the place and the zone's name in the reader's language. */
export function zoneLabel(zone: string, language: string): string {
  const key = `${language}|${zone}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = nameOf(zone, language);
    labels.set(key, label);
  }
  return label;
}

function nameOf(zone: string, language: string): string {
  const place = (zone.split("/").pop() ?? zone).replace(/_/g, " ");
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(new Date());
    const name = parts.find((part) => part.type === "timeZoneName")?.value;
    return name && name !== place ? `${place} – ${name}` : place;
  } catch {
    return place;
  }
}

export type ZoneGroup = { group: "germany" | "neighbours" | "world"; zones: { value: string; label: string }[] };

const groups = new Map<string, ZoneGroup[]>();

/** The zones in three groups; `current` is always offered, even when the browser does not list it. */
export function zoneGroups(language: string, current: string): ZoneGroup[] {
  const key = `${language}|${current}`;
  let found = groups.get(key);
  if (!found) {
    found = groupZones(language, current);
    groups.set(key, found);
  }
  return found;
}

function groupZones(language: string, current: string): ZoneGroup[] {
  const listed = new Set(allZones());
  listed.add(current);
  const pick = (zones: string[]) => zones.filter((zone) => listed.has(zone) || zone === current).map((zone) => ({ value: zone, label: zoneLabel(zone, language) }));
  const first = new Set([...GERMAN_ZONES, ...NEIGHBOUR_ZONES]);
  const rest = [...listed].filter((zone) => !first.has(zone)).map((zone) => ({ value: zone, label: `${zoneLabel(zone, language)} (${zone.split("/")[0]})` }));
  rest.sort((a, b) => a.label.localeCompare(b.label, language));
  return [
    { group: "germany", zones: pick(GERMAN_ZONES) },
    { group: "neighbours", zones: pick(NEIGHBOUR_ZONES) },
    { group: "world", zones: rest },
  ];
}

/**
 * The languages a city's site may offer: German, Leichte Sprache (easy-read German, "de-x-ls"),
 * English and the languages most spoken by people who came to Germany (Arabic, Turkish, Ukrainian,
 * Russian, Farsi/Dari, Pashto, Kurdish, Tigrinya …). The first eight are the site's own languages.
 */
export const OFFERED_LANGUAGES = ["de", "de-x-ls", "en", "ar", "tr", "uk", "ru", "fa", "ps", "ku", "ti", "so", "pl", "ro", "bg", "sq", "sr", "hr", "bs", "it", "es", "fr", "el", "vi", "zh"];

/** The codes with their names in the reader's language, sorted by name; the given extra codes too. */
export function languageChoices(language: string, extra: string[] = []): { value: string; label: string }[] {
  const codes = [...new Set([...OFFERED_LANGUAGES, ...extra])];
  return codes.map((code) => ({ value: code, label: languageName(code, language) })).sort((a, b) => a.label.localeCompare(b.label, language));
}
