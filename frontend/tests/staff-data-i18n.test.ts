// The data pages (webhooks, data-protection requests, API clients) speak German, English and Arabic:
// the same texts in all three, every text the pages ask for, every kind of news and every permission
// in words, and the API's refusals in the reader's language, never in the API's English.
// @vitest-environment node
import i18next from "i18next";
import { beforeAll, describe, expect, test } from "vitest";
import ar from "../src/locales/ar/staffData.json";
import de from "../src/locales/de/staffData.json";
import en from "../src/locales/en/staffData.json";
import type { Problem } from "../src/api/client";
import { dataFormErrors, dataProblemText, textKey } from "../src/staff/lib/dataProblems";
import { DELIVERY_STATUSES, SCOPE_TEXTS, TEST_EVENT, WEBHOOK_EVENT_GROUPS, WEBHOOK_EVENT_TYPES } from "../src/staff/lib/dataEnums";
import { SCOPES } from "../src/staff/lib/enums";
import { WEBHOOK_FIELDS } from "../src/staff/pages/WebhookForm";
import { flatten, sameTextsInEveryLanguage, sourcesIn, type Tree } from "./support/namespaceTexts";

const german = flatten(de as Tree);

// The API's events (api/webhooks/events.py) and scopes (api/authz.py Scope), copied here so that a kind
// the API adds without words in the console fails this test.
const API_EVENT_TYPES = [
  "event.published", "event.updated", "event.cancelled", "event.postponed",
  "registration.created", "registration.confirmed", "registration.waitlisted", "registration.promoted",
  "registration.cancelled", "registration.expired", "registration.checked_in", "registration.no_show",
  "membership.applied", "membership.accepted", "membership.waitlisted", "membership.rejected", "membership.withdrawn",
];

function problem(status: number, fields: [string, string][] = [], slug = "validation-error"): Problem {
  return {
    type: `https://teilhabe.example/problems/${slug}`,
    title: "Invalid input",
    status,
    detail: "Some English sentence from the API.",
    instance: null,
    errors: fields.length ? fields.map(([field, message]) => ({ field, location: "body", message, kind: "invalid" as const, limit: null })) : null,
  };
}

describe("texts of the data pages", () => {
  sameTextsInEveryLanguage({ de, en, ar }, 5);

  test("every text the data pages ask for by name exists", () => {
    const used = new Set<string>();
    for (const source of sourcesIn("src/staff").filter((text) => text.includes('useTranslation("staffData")'))) {
      for (const match of source.matchAll(/\bt\(\s*"(?:staffData:)?([a-zA-Z0-9_.]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !german.has(key))).toEqual([]);
  });

  test("every kind of news, delivery state, permission and form field has its words", () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual([...API_EVENT_TYPES].sort());
    const expected = [
      ...[...WEBHOOK_EVENT_TYPES, TEST_EVENT].flatMap((type) => [`eventTypes.${textKey(type)}.label`, `eventTypes.${textKey(type)}.hint`]),
      ...Object.keys(WEBHOOK_EVENT_GROUPS).map((group) => `webhooks.groups.${group}`),
      ...DELIVERY_STATUSES.map((status) => `deliveries.status.${status}`),
      ...[...SCOPE_TEXTS, ...SCOPES].flatMap((scope) => [`scopes.${textKey(scope)}.label`, `scopes.${textKey(scope)}.hint`]),
      ...WEBHOOK_FIELDS.map((field) => `fieldErrors.webhook.${field}`),
      "fieldErrors.client.name",
      "fieldErrors.client.scopes",
      "fieldErrors.confirm.reason",
    ];
    expect(expected.filter((key) => !german.has(key))).toEqual([]);
  });

  test("the new permission to see online access details is named in words", () => {
    expect(SCOPE_TEXTS).toContain("events:access-details");
    expect(de.scopes["events_access-details"].label).toBe("Online-Zugangsdaten sehen");
    expect(en.scopes["events_access-details"].hint).toMatch(/join links/);
    expect(ar.scopes["events_access-details"].label).not.toBe("");
  });
});

describe("refusals in the reader's language", () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: "de", resources: { de: { staffData: de }, en: { staffData: en }, ar: { staffData: ar } }, defaultNS: "staffData" });
  });

  test("a field error is shown at its field in German, not in the API's English", () => {
    const t = i18n.getFixedT("de", "staffData");
    const errors = dataFormErrors(problem(422, [["body.url", "Input should be a valid URL"], ["event_types", "List should have at least 1 item"]]), t, "webhook", WEBHOOK_FIELDS);
    expect(errors.fields).toEqual({ url: de.fieldErrors.webhook.url, event_types: de.fieldErrors.webhook.event_types });
    expect(errors.message).toBeNull();
  });

  test("an error about a field the form does not show still says something, in the reader's language", () => {
    const t = i18n.getFixedT("ar", "staffData");
    const errors = dataFormErrors(problem(422, [["body.secret", "Extra inputs are not permitted"]]), t, "webhook", WEBHOOK_FIELDS);
    expect(errors.fields).toEqual({});
    expect(errors.message).toBe(ar.problem.invalid);
  });

  test("refusals without fields get the sentence of their kind", () => {
    const t = i18n.getFixedT("en", "staffData");
    expect(dataProblemText(problem(409, [], "already-erased"), t)).toBe(en.problem.alreadyErased);
    expect(dataProblemText(problem(409, [], "conflict"), t, "It is revoked.")).toBe("It is revoked.");
    expect(dataProblemText(problem(404, [], "not-found"), t)).toBe(en.problem.notFound);
    expect(dataProblemText(problem(0, [], "x"), t)).toBe(en.problem.network);
    expect(dataProblemText(problem(500, [], "error"), t)).toBe("That did not work (error 500). Please try again later.");
    for (const status of [0, 401, 403, 404, 409, 413, 422, 429, 500]) {
      expect(dataProblemText(problem(status, [], "whatever"), t)).not.toContain("English sentence");
    }
  });

  test("an API value becomes a key i18next does not read as a namespace", () => {
    expect(textKey("events:access-details")).toBe("events_access-details");
    expect(textKey("registration.checked_in")).toBe("registration_checked_in");
  });
});
