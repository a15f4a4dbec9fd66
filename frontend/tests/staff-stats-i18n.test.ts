// The statistics' texts (src/staff/stats, namespace "staffStats") are complete in German, English and
// Arabic, and every text the page and the district field ask for exists.
// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffStats.json";
import de from "../src/locales/de/staffStats.json";
import en from "../src/locales/en/staffStats.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.add(path);
    else for (const nested of flatten(value, path)) keys.add(nested);
  }
  return keys;
}

const folder = "src/staff/stats";
const pages = readdirSync(folder)
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => readFileSync(join(folder, name), "utf8"));
const german = flatten(de as Tree);

describe("the statistics' texts", () => {
  test("German, English and Arabic name the same texts", () => {
    for (const other of [en, ar]) {
      const keys = flatten(other as Tree);
      expect([...german].filter((key) => !keys.has(key))).toEqual([]);
      expect([...keys].filter((key) => !german.has(key))).toEqual([]);
    }
  });

  test("every text asked for by name exists, also the ones built from the API's tables and units", () => {
    const used = new Set<string>();
    for (const source of pages) for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const source of [...pages, readFileSync("src/staff/components/PersonFields.tsx", "utf8"), readFileSync("src/staff/pages/ProcessPages.tsx", "utf8")])
      for (const match of source.matchAll(/"staffStats:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const table of ["over_time", "events", "groups", "channel", "category", "language", "district"]) used.add(`sections.${table}`);
    for (const table of ["channel", "category", "language", "district"]) used.add(`columns.${table}`);
    for (const unit of ["day", "week", "month"]) used.add(`notes.unit.${unit}`).add(`columns.period.${unit}`);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });
});
