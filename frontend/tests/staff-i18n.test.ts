// German and English are complete for the console: the same keys in both, and every text the code
// asks for exists (also the ones built from the API's enumerations).
// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import de from "../src/locales/de/staff.json";
import ar from "../src/locales/ar/staff.json";
import en from "../src/locales/en/staff.json";
import * as enums from "../src/staff/lib/enums";
import { navigationFor, type Me } from "../src/staff/auth/permissions";
import { EVENT_FIELDS } from "../src/staff/pages/EventForm";

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

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, "utf8")] : [];
  });
}

const german = flatten(de as Tree);
const english = flatten(en as Tree);
const arabic = flatten(ar as Tree);

describe("staff texts", () => {
  test("German, English and Arabic name the same texts", () => {
    expect([...german].filter((key) => !english.has(key))).toEqual([]);
    expect([...english].filter((key) => !german.has(key))).toEqual([]);
    expect([...german].filter((key) => !arabic.has(key))).toEqual([]);
    expect([...arabic].filter((key) => !german.has(key))).toEqual([]);
  });

  test("Arabic counts have all six plural forms, so no count falls back to English", () => {
    const counted = JSON.stringify(ar).match(/"(\w+)_other"/g) ?? [];
    expect(counted.length).toBeGreaterThan(5);
    for (const key of counted.map((k) => k.slice(1, -"_other\"".length))) {
      for (const form of ["zero", "one", "two", "few", "many"]) expect(JSON.stringify(ar)).toContain(`"${key}_${form}"`);
    }
  });

  test("every text the console asks for by name exists", () => {
    const used = new Set<string>();
    // Pages in their own namespaces ("staffData", "staffCity", "staffAllocation", "staffMessages", "staffStats",
    // "staffTranslations") are checked against their own texts (staff-data-, staff-city-, staff-allocation-,
    // staff-messages-, staff-stats- and staff-translations-i18n.test.ts).
    const ownNamespace = (text: string) =>
      ["staffData", "staffCity", "staffAllocation", "staffMessages", "staffStats", "staffTranslations"].some((namespace) =>
        text.includes(`useTranslation("${namespace}")`),
      );
    for (const source of sources("src/staff").filter((text) => !ownNamespace(text))) {
      // t("key") in components that use the "staff" namespace (InlineErrors uses common's errorSummaryTitle)
      for (const match of source.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) if (match[1] !== "errorSummaryTitle") used.add(match[1]);
      for (const match of source.matchAll(/label: "([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every value of the API's enumerations has a text", () => {
    const expected = [
      ...enums.EVENT_KINDS.map((v) => `enums.eventKind.${v}`),
      ...enums.EVENT_FORMATS.map((v) => `enums.eventFormat.${v}`),
      ...enums.EVENT_STATUSES.map((v) => `status.event.${v}`),
      ...enums.GROUP_KINDS.map((v) => `enums.groupKind.${v}`),
      ...enums.MEMBERSHIP_MODES.map((v) => `enums.membershipMode.${v}`),
      ...enums.MEMBERSHIP_STATUSES.map((v) => `status.membership.${v}`),
      ...enums.MEMBERSHIP_ROLES.map((v) => `enums.membershipRole.${v}`),
      ...enums.CATEGORIES.map((v) => `enums.category.${v}`),
      ...enums.REGISTRATION_STATUSES.map((v) => `status.registration.${v}`),
      ...enums.CHANNELS.map((v) => `enums.channel.${v}`),
      ...enums.STAFF_ROLES.map((v) => `enums.role.${v}`),
      // Scopes are worded in the staffData namespace (staff-data-i18n.test.ts).
      ...EVENT_FIELDS.map((name) => `events.fields.${name}`),
    ];
    expect(expected.filter((key) => !german.has(key))).toEqual([]);
  });

  test("the menu's labels exist", () => {
    const admin = { client: null, roles: [{ role: "admin" }, { role: "group_moderator", group_id: "g" }], permissions: ["processes:read", "staff:manage", "clients:manage", "audit:read", "organization:manage"] } as unknown as Me;
    const labels = navigationFor(admin, { devMails: true })
      .map((item) => item.label)
      .filter((key) => !key.startsWith("staffCity:"));
    expect(labels.filter((key) => !german.has(key))).toEqual([]);
  });
});
