// German and English are complete for the public site, Arabic covers all of it too (at least the
// sign-up path is required), and every text the code asks for exists.
// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import ar from "../src/locales/ar/public.json";
import de from "../src/locales/de/public.json";
import en from "../src/locales/en/public.json";

type Tree = { [key: string]: string | Tree };

/** Keys without plural suffixes ("seats.left_one" → "seats.left"): Arabic has more plural forms. */
function keysOf(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ""));
    else for (const nested of keysOf(value, path)) keys.add(nested);
  }
  return keys;
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, "utf8")] : [];
  });
}

const german = keysOf(de as Tree);
const missingIn = (language: Set<string>) => [...german].filter((key) => !language.has(key));

test("German and English name the same texts", () => {
  expect(missingIn(keysOf(en as Tree))).toEqual([]);
  expect([...keysOf(en as Tree)].filter((key) => !german.has(key))).toEqual([]);
});

test("Arabic has every public text", () => {
  expect(missingIn(keysOf(ar as Tree))).toEqual([]);
});

test("Arabic has all six plural forms where German has plurals", () => {
  const flat = JSON.stringify(ar);
  for (const key of ["left", "placesLeft", "retention"]) {
    for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(flat).toContain(`"${key}_${form}"`);
  }
});

test("every literal text key in src/public exists in German", () => {
  const code = sources(join(import.meta.dirname, "../src/public")).join("\n");
  const used = [...code.matchAll(/\bt\("(?:public:)?([a-zA-Z]+\.[\w.-]+|breadcrumbs)"/g)].map((match) => match[1]);
  expect(used.length).toBeGreaterThan(100);
  expect([...new Set(used)].filter((key) => !german.has(key))).toEqual([]);
});
