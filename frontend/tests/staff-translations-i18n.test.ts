// The translations page's texts (src/staff/translations, namespace "staffTranslations") are complete in
// German, English and Arabic, and every text the page asks for exists, also those built from the API's
// subjects, states and field names.
// @vitest-environment node
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffTranslations.json";
import de from "../src/locales/de/staffTranslations.json";
import en from "../src/locales/en/staffTranslations.json";
import { type Me, navigationFor } from "../src/staff/auth/permissions";
import { flatten, keysAskedFor, sameTextsInEveryLanguage, sourcesIn, type Tree } from "./support/namespaceTexts";

const german = flatten(de as Tree);

describe("the translations page's texts", () => {
  sameTextsInEveryLanguage({ de, en, ar }, 5);

  test("every text the page asks for by name exists", () => {
    const sources = sourcesIn("src/staff/translations");
    for (const source of sources) if (source.includes("useTranslation(")) expect(source).toContain('useTranslation("staffTranslations")');
    const used = keysAskedFor(sources);
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every subject, state, filter, export format and text field of the API has words", () => {
    const subjects = ["organization", "privacy_notice", "process", "phase", "group", "event"];
    const fields = ["title", "description", "summary", "funding_note", "venue_notes", "status_reason", "office_name", "text", "name", "field_of_action"];
    const expected = [
      ...subjects.flatMap((subject) => [`subject.${subject}`, `subjectKind.${subject}`]),
      ...["missing", "stale", "current"].flatMap((state) => [`state.${state}`, `counts.${state}`]),
      ...["all", "missing", "stale"].flatMap((show) => [`show.${show}`, `texts.noneShown.${show}`]),
      ...["xliff2", "xliff12", "csv"].map((format) => `files.${format}`),
      ...fields.map((field) => `field.${field}`),
      "field.guiding_principlesItem",
      "field.fields_of_actionItem",
    ];
    expect(expected.filter((key) => !german.has(key))).toEqual([]);
  });

  test("the menu's entry has its text, and the out-of-date state says the original changed", () => {
    const admin = { client: null, roles: [{ role: "admin" }], permissions: ["processes:read", "processes:write"] } as unknown as Me;
    const entry = navigationFor(admin).find((item) => item.key === "translations");
    expect(entry?.label).toBe("staffTranslations:nav.translations");
    expect(de.nav.translations).toBe("Übersetzungen");
    expect(de.state.stale).toBe("Original geändert");
  });
});
