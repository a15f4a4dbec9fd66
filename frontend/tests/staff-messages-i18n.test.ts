// The messages pages speak German, English and Arabic: the same texts in all three, all six Arabic
// plural forms, and every text the pages ask for, also those built from the audience's kinds.
// @vitest-environment node
import { describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffMessages.json";
import de from "../src/locales/de/staffMessages.json";
import en from "../src/locales/en/staffMessages.json";
import { AUDIENCE_KINDS } from "../src/staff/messages/MessageForm";
import { flatten, keysAskedFor, sameTextsInEveryLanguage, sourcesIn, type Tree } from "./support/namespaceTexts";

const german = flatten(de as Tree);

describe("the messages pages' texts", () => {
  sameTextsInEveryLanguage({ de, en, ar }, 1);

  test("the count in the confirmation has its Arabic plural forms", () => {
    expect(JSON.stringify(ar)).toContain('"confirmText_few"');
  });

  test("every text the pages ask for by name exists", () => {
    const used = keysAskedFor(sourcesIn("src/staff/messages"));
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every kind of audience has words, in the form and in the list", () => {
    const wanted = AUDIENCE_KINDS.flatMap((kind) => [`audience.${kind}`, `audienceOf.${kind}`]);
    expect(wanted.filter((key) => !german.has(key))).toEqual([]);
  });
});
