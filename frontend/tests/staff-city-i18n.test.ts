// The texts of the city's set-up (src/staff/city, namespace "staffCity") are complete in German,
// English and Arabic, and every text those pages and the menu ask for exists.
// @vitest-environment node
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffCity.json";
import de from "../src/locales/de/staffCity.json";
import en from "../src/locales/en/staffCity.json";
import { type Me, navigationFor } from "../src/staff/auth/permissions";
import { flatten, sameTextsInEveryLanguage, sourcesIn, type Tree } from "./support/namespaceTexts";

const sources = sourcesIn("src/staff/city");
const german = flatten(de as Tree);

describe("the city set-up's texts", () => {
  sameTextsInEveryLanguage({ de, en, ar });

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
