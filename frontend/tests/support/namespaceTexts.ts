// What every console namespace's text test checks: German, English and Arabic name the same texts,
// Arabic counts have all six plural forms, and the keys a page asks for by name can be read from its
// source. Each namespace's own test file adds what is particular to its pages.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

export type Tree = { [key: string]: string | Tree };
export type Languages = { de: object; en: object; ar: object };

/** The keys of a texts file, plural forms folded into their base key ("seats_one" → "seats"). */
export function flatten(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.add(path.replace(/_(one|other|zero|two|few|many)$/, ""));
    else for (const nested of flatten(value, path)) keys.add(nested);
  }
  return keys;
}

/** The TypeScript sources below a folder, its subfolders included. */
export function sourcesIn(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourcesIn(path) : /\.tsx?$/.test(name) ? [readFileSync(path, "utf8")] : [];
  });
}

/** The keys a source asks `t("…")` for by name. */
export function keysAskedFor(sources: string[]): Set<string> {
  const used = new Set<string>();
  for (const source of sources) for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
  return used;
}

/** Registers the two tests every namespace shares; `plurals` is the least number of counted texts. */
export function sameTextsInEveryLanguage(texts: Languages, plurals = 0): void {
  const [german, english, arabic] = [texts.de, texts.en, texts.ar].map((tree) => flatten(tree as Tree));
  test("German, English and Arabic name the same texts", () => {
    expect([...german].filter((key) => !english.has(key))).toEqual([]);
    expect([...english].filter((key) => !german.has(key))).toEqual([]);
    expect([...german].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !german.has(key))).toEqual([]);
  });
  if (plurals === 0) return;
  test("Arabic counts have all six plural forms", () => {
    const arabicJson = JSON.stringify(texts.ar);
    const counted = arabicJson.match(/"(\w+)_other"/g) ?? [];
    expect(counted.length).toBeGreaterThanOrEqual(plurals);
    for (const key of counted.map((k) => k.slice(1, -'_other"'.length))) {
      for (const form of ["zero", "one", "two", "few", "many"]) expect(arabicJson).toContain(`"${key}_${form}"`);
    }
  });
}
