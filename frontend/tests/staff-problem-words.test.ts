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
