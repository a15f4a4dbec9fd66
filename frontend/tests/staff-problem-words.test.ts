// Every problem type and field error kind the API defines (openapi.yaml: ProblemType, FieldError.kind)
// has a sentence in German, English and Arabic, so the console never shows the API's English. A new
// slug or kind in the API without a text fails here.
// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffWords.json";
import de from "../src/locales/de/staffWords.json";
import en from "../src/locales/en/staffWords.json";

/** The values of the `enum:` list that follows `anchor` in openapi.yaml. */
function enumAfter(yaml: string, anchor: RegExp): string[] {
  const start = yaml.search(anchor);
  expect(start, `${anchor} in openapi.yaml`).toBeGreaterThan(-1);
  const rest = yaml.slice(start).split("\n");
  const enumLine = rest.findIndex((line) => line.trim() === "enum:");
  const indent = rest[enumLine].indexOf("enum:");
  const values: string[] = [];
  for (const line of rest.slice(enumLine + 1)) {
    const item = line.match(/^(\s*)- (.+)$/);
    if (!item || item[1].length < indent) break;
    values.push(item[2].replace(/^'|'$/g, ""));
  }
  return values;
}

const yaml = readFileSync("../openapi.yaml", "utf8");
const slugs = enumAfter(yaml, /\n {4}ProblemType:\n/);
const kinds = enumAfter(yaml, /\n {4}FieldError:\n(?:.*\n)*? {8}kind:\n/);
const LANGUAGES = { de, en, ar } as const;

describe("the console's words for every problem the API sends", () => {
  test("the API's lists are read", () => {
    expect(slugs).toContain("event-full");
    expect(slugs).toContain("validation-error");
    expect(kinds).toContain("too-long");
    expect(kinds).toContain("language-format");
  });

  for (const [language, texts] of Object.entries(LANGUAGES)) {
    test(`every problem type has a sentence in ${language}`, () => {
      const problems = texts.problems as Record<string, string>;
      expect(slugs.filter((slug) => !problems[slug]?.trim())).toEqual([]);
    });

    test(`every field error kind has a sentence in ${language}, with the limit where it has one`, () => {
      const words = texts.kinds as Record<string, string>;
      expect(kinds.filter((kind) => !words[kind]?.trim())).toEqual([]);
      for (const kind of ["too-long", "too-short", "too-small", "too-large"]) expect(words[kind]).toContain("{{limit}}");
    });

    test(`every status has a generic sentence in ${language}`, () => {
      const status = texts.status as Record<string, string>;
      for (const code of ["0", "400", "401", "403", "404", "409", "413", "422", "429", "500", "503", "other"]) {
        expect(status[code]?.trim(), code).toBeTruthy();
      }
    });
  }
});

/** The operationIds the audit log records: every change through a staff route, and every export; not the
 * questions asked by POST that change nothing (`x-changes-nothing`, e.g. who a change notice would reach). */
function auditedActions(text: string): string[] {
  const actions = new Set<string>();
  const changingNothing = new Set<string>();
  let path = "";
  let method = "";
  for (const line of text.split("\n")) {
    const pathLine = line.match(/^ {2}(\/api\/v1\/\S+):$/);
    if (pathLine) path = pathLine[1];
    const methodLine = line.match(/^ {4}(get|post|patch|put|delete):$/);
    if (methodLine) method = methodLine[1];
    if (/^ {6}x-changes-nothing: true$/.test(line)) changingNothing.add(`${path} ${method}`);
    const operation = line.match(/^ {6}operationId: (\S+)$/);
    if (!operation || !path.startsWith("/api/v1/staff")) continue;
    if (method !== "get" || operation[1].startsWith("export_")) actions.add(`${path} ${method} ${operation[1]}`);
  }
  return [...actions].filter((key) => !changingNothing.has(key.split(" ").slice(0, 2).join(" "))).map((key) => key.split(" ")[2]);
}

describe("the audit log's actions in words", () => {
  const actions = [...auditedActions(yaml), "erase_expired_personal_data"]; // the last one: the worker's
  test("the audited operations are read from the API", () => {
    expect(actions).toContain("update_event");
    expect(actions).toContain("export_registrations");
    expect(actions).not.toContain("list_audit_entries");
  });

  for (const [language, texts] of Object.entries(LANGUAGES)) {
    test(`every audited action has words in ${language}`, () => {
      const words = (texts.audit as { actions: Record<string, string> }).actions;
      expect(actions.filter((action) => !words[action]?.trim())).toEqual([]);
    });
  }
});
