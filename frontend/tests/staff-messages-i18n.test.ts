// The messages pages speak German, English and Arabic: the same texts in all three, all six Arabic
// plural forms, and every text the pages ask for, also those built from the audience's kinds.
// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffMessages.json";
import de from "../src/locales/de/staffMessages.json";
import en from "../src/locales/en/staffMessages.json";
import { AUDIENCE_KINDS } from "../src/staff/messages/MessageForm";

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

const FOLDER = "src/staff/messages";
const sources = readdirSync(FOLDER)
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => readFileSync(join(FOLDER, name), "utf8"));
const german = flatten(de as Tree);
const english = flatten(en as Tree);
const arabic = flatten(ar as Tree);

describe("the messages pages' texts", () => {
  test("German, English and Arabic name the same texts", () => {
    expect([...german].filter((key) => !english.has(key))).toEqual([]);
    expect([...english].filter((key) => !german.has(key))).toEqual([]);
    expect([...german].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !german.has(key))).toEqual([]);
  });

  test("Arabic counts have all six plural forms", () => {
    const text = JSON.stringify(ar);
    const counted = (text.match(/"(\w+)_other"/g) ?? []).map((k) => k.slice(1, -'_other"'.length));
    expect(counted).toContain("confirmText");
    for (const key of counted) for (const form of ["zero", "one", "two", "few", "many"]) expect(text).toContain(`"${key}_${form}"`);
  });

  test("every text the pages ask for by name exists", () => {
    const used = new Set<string>();
    for (const source of sources) for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every kind of audience has words, in the form and in the list", () => {
    const wanted = AUDIENCE_KINDS.flatMap((kind) => [`audience.${kind}`, `audienceOf.${kind}`]);
    expect(wanted.filter((key) => !german.has(key))).toEqual([]);
  });
});
