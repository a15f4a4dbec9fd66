// The allocation page speaks German, English and Arabic: the same texts in all three, Arabic counts in
// all six plural forms, and every text the page asks for exists.
// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffAllocation.json";
import de from "../src/locales/de/staffAllocation.json";
import en from "../src/locales/en/staffAllocation.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.add(path.replace(/_(one|other|zero|two|few|many)$/, ""));
    else for (const nested of flatten(value, path)) keys.add(nested);
  }
  return keys;
}

const german = flatten(de as Tree);
const english = flatten(en as Tree);
const arabic = flatten(ar as Tree);
const page = readFileSync("src/staff/pages/AllocationPage.tsx", "utf8");
const processPage = readFileSync("src/staff/pages/ProcessPages.tsx", "utf8");

describe("the allocation page's texts", () => {
  test("German, English and Arabic name the same texts", () => {
    expect([...german].filter((key) => !english.has(key))).toEqual([]);
    expect([...english].filter((key) => !german.has(key))).toEqual([]);
    expect([...german].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !german.has(key))).toEqual([]);
  });

  test("Arabic counts have all six plural forms", () => {
    const counted = JSON.stringify(ar).match(/"(\w+)_other"/g) ?? [];
    expect(counted.length).toBeGreaterThan(1);
    for (const key of counted.map((k) => k.slice(1, -'_other"'.length))) {
      for (const form of ["zero", "one", "two", "few", "many"]) expect(JSON.stringify(ar)).toContain(`"${key}_${form}"`);
    }
  });

  test("every text the page asks for exists, also the allocation's statuses", () => {
    const used = new Set([...page.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)].map((match) => match[1]));
    for (const match of processPage.matchAll(/t\("staffAllocation:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const status of ["proposed", "accepted", "superseded"]) used.add(`status.${status}`);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });
});
