// The statistics' texts (src/staff/stats, namespace "staffStats") are complete in German, English and
// Arabic, and every text the page and the district field ask for exists.
// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffStats.json";
import de from "../src/locales/de/staffStats.json";
import en from "../src/locales/en/staffStats.json";
import { flatten, keysAskedFor, sameTextsInEveryLanguage, sourcesIn, type Tree } from "./support/namespaceTexts";

const pages = sourcesIn("src/staff/stats");
const german = flatten(de as Tree);

describe("the statistics' texts", () => {
  sameTextsInEveryLanguage({ de, en, ar });

  test("every text asked for by name exists, also the ones built from the API's tables and units", () => {
    const used = keysAskedFor(pages);
    for (const source of [...pages, readFileSync("src/staff/components/PersonFields.tsx", "utf8"), readFileSync("src/staff/pages/ProcessPages.tsx", "utf8")])
      for (const match of source.matchAll(/"staffStats:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const table of ["over_time", "events", "groups", "channel", "category", "language", "district"]) used.add(`sections.${table}`);
    for (const table of ["channel", "category", "language", "district"]) used.add(`columns.${table}`);
    for (const unit of ["day", "week", "month"]) used.add(`notes.unit.${unit}`).add(`columns.period.${unit}`);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });
});
