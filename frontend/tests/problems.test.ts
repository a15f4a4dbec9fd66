// The API's refusals become sentences in the reader's language, and field errors land on the right field.
import { beforeAll, describe, expect, test } from "vitest";
import type { Problem } from "../src/api/client";
import i18n, { chooseLanguage } from "../src/i18n";
import { formErrorsOf, formFieldOf, problemMessage } from "../src/public/problems";

const t = i18n.t.bind(i18n);
const FORM = ["full_name", "email", "phone", "affiliation", "category", "consent", "answer-childcare", "answer-interpretation"];

function problem(slug: string, status: number, detail: string, errors: Problem["errors"] = null): Problem {
  return { type: `https://teilhabe.example/problems/${slug}`, title: slug, status, detail, instance: null, errors };
}

beforeAll(async () => {
  await chooseLanguage("de");
});

test("API field paths map onto the form's field names", () => {
  expect(formFieldOf("email")).toBe("email");
  expect(formFieldOf("body.full_name")).toBe("full_name");
  expect(formFieldOf("answers.childcare")).toBe("answer-childcare");
  expect(formFieldOf("body.answers.childcare")).toBe("answer-childcare");
  expect(formFieldOf("consent.privacy_notice_version")).toBe("consent");
  expect(formFieldOf("groups.1")).toBe("groups");
});

describe("field errors", () => {
  test("a 422 marks each field it names, translated where the form knows the field", () => {
    const refused = problem("validation-error", 422, "Please check these fields: email, full_name.", [
      { field: "full_name", location: "body", message: "String should have at least 1 character", kind: "required", limit: null },
      { field: "email", location: "body", message: "value is not a valid email address", kind: "not-an-email", limit: null },
      { field: "answers.childcare", location: "body", message: "Please answer this question.", kind: "answer-required", limit: null },
      { field: "consent.privacy_notice_version", location: "body", message: "Please read and accept the current privacy notice (version 2).", kind: "consent-outdated", limit: null },
    ]);
    const { fields, unplaced } = formErrorsOf(refused, FORM, t);
    expect(fields).toEqual({
      full_name: "Bitte geben Sie Ihren Namen ein.",
      email: "Bitte geben Sie Ihre E-Mail-Adresse ein, zum Beispiel name@beispiel.de.",
      "answer-childcare": "Bitte beantworten Sie diese Frage.",
      consent: "Bitte stimmen Sie den Datenschutzhinweisen zu; ohne Ihre Zustimmung können wir die Anmeldung nicht annehmen.",
    });
    expect(unplaced).toEqual([]);
  });

  test("a wrong answer is named as wrong, not as missing", () => {
    const refused = problem("validation-error", 422, "x", [
      { field: "answers.interpretation", location: "body", message: "Please answer with one of: Englisch, Arabisch.", kind: "not-a-choice", limit: null },
    ]);
    expect(formErrorsOf(refused, FORM, t).fields["answer-interpretation"]).toBe("Bitte prüfen Sie Ihre Antwort auf diese Frage.");
  });

  test("an e-mail address signed up already (409) says so at the e-mail field", () => {
    const refused = problem("conflict", 409, "This person is signed up for this event already.", [
      { field: "email", location: "body", message: "This person is signed up for this event already.", kind: "signed-up-already", limit: null },
    ]);
    expect(formErrorsOf(refused, FORM, t).fields.email).toMatch(/schon angemeldet/);
  });

  test("an error about a field the form does not show is kept, with the API's words", () => {
    const refused = problem("validation-error", 422, "x", [
      { field: "answers.unknown", location: "body", message: "This event has no such question.", kind: "no-such-question", limit: null },
      { field: "preferred_language", location: "body", message: "String should match pattern", kind: "language-format", limit: null },
    ]);
    const { fields, unplaced } = formErrorsOf(refused, FORM, t);
    expect(fields).toEqual({});
    expect(unplaced).toEqual(["This event has no such question.", "String should match pattern"]);
  });

  test("a field without its own sentence shows the API's message", () => {
    const refused = problem("validation-error", 422, "x", [
      { field: "affiliation", location: "body", message: "must be valid Unicode text", kind: "not-text", limit: null },
    ]);
    expect(formErrorsOf(refused, FORM, t).fields.affiliation).toBe("must be valid Unicode text");
  });

  test("a name that is too long is told the maximum length, not asked for a name", () => {
    const refused = problem("validation-error", 422, "x", [
      { field: "full_name", location: "body", message: "String should have at most 200 characters", kind: "too-long", limit: 200 },
      { field: "affiliation", location: "body", message: "String should have at most 200 characters", kind: "too-long", limit: 200 },
    ]);
    expect(formErrorsOf(refused, FORM, t).fields).toEqual({
      full_name: "Bitte höchstens 200 Zeichen.",
      affiliation: "Bitte höchstens 200 Zeichen.",
    });
  });
});

describe("refusals as sentences", () => {
  const slugs: [string, number, RegExp][] = [
    ["registration-not-open", 409, /noch nicht begonnen/],
    ["registration-closed", 409, /Anmeldeschluss ist vorbei/],
    ["event-cancelled", 409, /abgesagt/],
    ["event-postponed", 409, /verschoben/],
    ["event-over", 409, /schon stattgefunden/],
    ["invitation-only", 409, /persönlich eingeladen/],
    ["event-full", 409, /ausgebucht/],
    ["validation-error", 422, /markierten Felder/],
    ["too-many-requests", 429, /Zu viele Versuche/],
    ["too-many-unconfirmed", 429, /noch nicht bestätigt/],
  ];
  for (const [slug, status, sentence] of slugs) {
    test(`${slug} in German`, () => {
      expect(problemMessage(problem(slug, status, "English detail"), t)).toMatch(sentence);
    });
  }

  test("in Arabic and English too", async () => {
    await chooseLanguage("ar");
    expect(problemMessage(problem("event-full", 409, "This event is fully booked."), t)).toBe(
      "اكتمل عدد المشاركين في هذه الفعالية.",
    );
    await chooseLanguage("en");
    expect(problemMessage(problem("event-full", 409, "x"), t)).toBe("This event is fully booked.");
    await chooseLanguage("de");
  });

  test("an unknown problem type falls back to the API's detail", () => {
    expect(problemMessage(problem("conflict", 409, "This registration can no longer be cancelled here."), t)).toBe(
      "This registration can no longer be cancelled here.",
    );
  });

  test("a 429 without a problem type and a network failure get their own sentences", () => {
    const limited: Problem = { type: "about:blank", title: "Too Many Requests", status: 429, detail: null, instance: null, errors: null };
    expect(problemMessage(limited, t)).toMatch(/Zu viele Versuche/);
    const offline: Problem = { type: "about:blank", title: "Network error", status: 0, detail: "x", instance: null, errors: null };
    expect(problemMessage(offline, t)).toBe("Der Server ist nicht erreichbar. Bitte versuchen Sie es noch einmal.");
  });
});
