// The texts of the city's set-up (src/staff/city, namespace "staffCity") are complete in German,
// English and Arabic, and every text those pages and the menu ask for exists.
// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffCity.json";
import de from "../src/locales/de/staffCity.json";
import en from "../src/locales/en/staffCity.json";
import { type Me, navigationFor } from "../src/staff/auth/permissions";

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

const folder = "src/staff/city";
const sources = readdirSync(folder)
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => readFileSync(join(folder, name), "utf8"));
const german = flatten(de as Tree);
const english = flatten(en as Tree);
const arabic = flatten(ar as Tree);

describe("the city set-up's texts", () => {
  test("German, English and Arabic name the same texts", () => {
    expect([...german].filter((key) => !english.has(key))).toEqual([]);
    expect([...english].filter((key) => !german.has(key))).toEqual([]);
    expect([...german].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every text the pages ask for by name exists", () => {
    const used = new Set<string>();
    for (const source of sources) {
      if (source.includes("useTranslation(")) expect(source).toContain('useTranslation("staffCity")');
      for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("the menu's entries for settings, privacy notices and cities have texts", () => {
    const admin = {
      client: null,
      roles: [{ role: "admin" }],
      permissions: ["processes:read", "organization:manage", "privacy:manage", "platform:manage"],
    } as unknown as Me;
    const labels = navigationFor(admin).map((item) => item.label).filter((key) => key.startsWith("staffCity:"));
    expect(labels).toEqual(["staffCity:nav.settings", "staffCity:nav.cities"]);
    expect(labels.map((key) => key.slice("staffCity:".length)).filter((key) => !german.has(key))).toEqual([]);
  });
});
