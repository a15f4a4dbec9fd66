// The allocation page speaks German, English and Arabic: the same texts in all three, Arabic counts in
// all six plural forms, and every text the page asks for exists.
// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffAllocation.json";
import de from "../src/locales/de/staffAllocation.json";
import en from "../src/locales/en/staffAllocation.json";
import { flatten, keysAskedFor, sameTextsInEveryLanguage, type Tree } from "./support/namespaceTexts";

const german = flatten(de as Tree);
const page = readFileSync("src/staff/pages/AllocationPage.tsx", "utf8");
const processPage = readFileSync("src/staff/pages/ProcessPages.tsx", "utf8");

describe("the allocation page's texts", () => {
  sameTextsInEveryLanguage({ de, en, ar }, 2);

  test("every text the page asks for exists, also the allocation's statuses", () => {
    const used = keysAskedFor([page]);
    for (const match of processPage.matchAll(/t\("staffAllocation:([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    for (const status of ["proposed", "accepted", "superseded"]) used.add(`status.${status}`);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });
});
