// The sign-up form renders the event's own questions (api/events/schemas.py `Question`: text, choice,
// multi_choice, yes_no; required or optional) and ties every error to its field.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { type Schemas, useMiddleware } from "../src/api/client";
import { chooseLanguage } from "../src/i18n";
import { SignUpForm } from "../src/public/SignUpForm";

type Event = Schemas["EventPublic"];

const QUESTIONS: Schemas["Question"][] = [
  { id: "accessibility", label: "Was brauchen Sie?", kind: "text", required: false, options: [], max_length: 300 },
  { id: "diet", label: "Essenswunsch", kind: "text", required: true, options: [], max_length: 100 },
  { id: "interpretation", label: "Übersetzung in", kind: "choice", required: false, options: ["Englisch", "Arabisch"], max_length: 500 },
  { id: "workshop", label: "Welcher Workshop?", kind: "choice", required: true, options: ["Bildung", "Arbeit"], max_length: 500 },
  { id: "topics", label: "Themen", kind: "multi_choice", required: false, options: ["Wohnen", "Sprache", "Sport"], max_length: 500 },
  { id: "days", label: "Tage", kind: "multi_choice", required: true, options: ["Freitag", "Samstag"], max_length: 500 },
  { id: "childcare", label: "Kinderbetreuung?", kind: "yes_no", required: true, options: [], max_length: 500 },
  { id: "photo", label: "Fotos erlaubt?", kind: "yes_no", required: false, options: [], max_length: 500 },
];

const EVENT: Event = {
  id: "11111111-1111-4111-8111-111111111111",
  process_id: "22222222-2222-4222-8222-222222222222",
  group_id: null,
  title: "Integrationskonferenz",
  kind: "conference",
  format: "in_person",
  status: "published",
  status_reason: null,
  starts_at: "2030-05-08T16:00:00+02:00",
  ends_at: "2030-05-08T20:00:00+02:00",
  timezone: "Europe/Berlin",
  venue: { name: "Rathaus", address: "Marktplatz 1", room: null, step_free: true, notes: null },
  capacity: 100,
  seats_left: 100,
  registration_opens_at: null,
  registration_closes_at: null,
  registration_open: true,
  waitlist_enabled: true,
  description: null,
  invitation_only: false,
  languages: ["de"],
  interpretation: [],
  childcare: true,
  questions: QUESTIONS,
  updated_at: "2026-01-01T00:00:00+01:00",
};
const NOTICE: Schemas["PrivacyNoticeOut"] = { version: 3, url: null, text: "Datenschutztext.", effective_at: "2026-01-01T00:00:00+01:00" };

let requests: { url: string; body: unknown; key: string | null }[] = [];
let answer: () => Response = () => new Response(null, { status: 500 });

beforeAll(async () => {
  await chooseLanguage("de");
  // Answer the API calls here instead of a server (openapi-fetch lets a middleware short-circuit).
  useMiddleware({
    async onRequest({ request }) {
      requests.push({ url: request.url, body: await request.clone().json(), key: request.headers.get("Idempotency-Key") });
      return answer();
    },
  });
});
afterEach(() => {
  cleanup();
  requests = [];
});

function renderForm() {
  return render(<SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} />);
}

function problemResponse(status: number, body: object): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json" } });
}

describe("each kind of question", () => {
  test("text: a labelled text box that keeps to the question's length", () => {
    renderForm();
    const box = screen.getByLabelText("Was brauchen Sie?") as HTMLTextAreaElement;
    expect(box.tagName).toBe("TEXTAREA");
    expect(box.maxLength).toBe(300);
    expect(box.required).toBe(false);
    const required = screen.getByLabelText(/Essenswunsch/) as HTMLTextAreaElement;
    expect(required.required).toBe(true);
  });

  test("choice: radios in a group named by the question; optional ones start at 'no answer'", () => {
    renderForm();
    const optional = screen.getByRole("group", { name: "Übersetzung in" });
    const radios = within(optional).getAllByRole("radio") as HTMLInputElement[];
    expect(radios.map((radio) => radio.labels?.[0].textContent)).toEqual(["Keine Angabe", "Englisch", "Arabisch"]);
    expect(radios[0].checked).toBe(true);
    const required = screen.getByRole("group", { name: /Welcher Workshop\?/ });
    const options = within(required).getAllByRole("radio") as HTMLInputElement[];
    expect(options.map((radio) => radio.labels?.[0].textContent)).toEqual(["Bildung", "Arbeit"]);
    expect(options.every((radio) => radio.required && !radio.checked)).toBe(true);
  });

  test("multi_choice: checkboxes, several can be ticked", () => {
    renderForm();
    const group = screen.getByRole("group", { name: "Themen" });
    const boxes = within(group).getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes).toHaveLength(3);
    fireEvent.click(boxes[0]);
    fireEvent.click(boxes[2]);
    expect(boxes.map((box) => box.checked)).toEqual([true, false, true]);
  });

  test("yes_no: Yes and No radios", () => {
    renderForm();
    const group = screen.getByRole("group", { name: /Kinderbetreuung\?/ });
    expect(within(group).getAllByRole("radio").map((radio) => (radio as HTMLInputElement).labels?.[0].textContent)).toEqual([
      "Ja",
      "Nein",
    ]);
    const optional = screen.getByRole("group", { name: "Fotos erlaubt?" });
    expect(within(optional).getAllByRole("radio")).toHaveLength(3);
  });
});

test("submitting with required fields empty sends nothing and links every error to its field", async () => {
  renderForm();
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  });
  expect(requests).toHaveLength(0);
  const summary = screen.getByRole("alert");
  expect(document.activeElement).toBe(summary);
  const links = within(summary).getAllByRole("link");
  const targets = links.map((link) => link.getAttribute("href"));
  expect(targets).toEqual([
    "#field-full_name",
    "#field-email",
    "#field-answer-diet",
    "#field-answer-workshop",
    "#field-answer-days",
    "#field-answer-childcare",
    "#field-consent",
  ]);
  for (const target of targets) {
    const field = document.getElementById(target!.slice(1)) as HTMLInputElement;
    expect(field, target!).not.toBeNull();
    expect(field.getAttribute("aria-invalid"), target!).toBe("true");
    // The error sentence is part of the field's description, so a screen reader reads it with the field.
    const described = (field.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described.some((text) => text?.includes("⚠")), target!).toBe(true);
  }
  // The summary's link moves focus to the field itself.
  fireEvent.click(links[1]);
  expect(document.activeElement).toBe(document.getElementById("field-email"));
  expect(links[1].textContent).toBe("E-Mail-Adresse: Bitte geben Sie Ihre E-Mail-Adresse ein, zum Beispiel name@beispiel.de.");
});

test("a complete sign-up sends the answers in the API's shape, with an Idempotency-Key, and says to check the mail", async () => {
  answer = () =>
    new Response(JSON.stringify({ status: "pending", message: "ok", hold_expires_at: "2030-05-01T12:00:00+02:00" }), {
      status: 202,
      headers: { "Content-Type": "application/json" },
    });
  renderForm();
  fireEvent.change(screen.getByLabelText(/Ihr Name/), { target: { value: "  Amal Haddad " } });
  fireEvent.change(screen.getByLabelText(/E-Mail-Adresse/), { target: { value: "amal@example.org" } });
  fireEvent.change(screen.getByLabelText(/Essenswunsch/), { target: { value: "vegetarisch" } });
  fireEvent.click(screen.getByLabelText("Arbeit"));
  fireEvent.click(screen.getByLabelText("Samstag"));
  fireEvent.click(within(screen.getByRole("group", { name: /Kinderbetreuung\?/ })).getByLabelText("Nein"));
  fireEvent.click(screen.getByLabelText(/Datenschutzhinweise \(Version 3\)/));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  });
  expect(requests).toHaveLength(1);
  expect(requests[0].url).toMatch(/\/api\/v1\/orgs\/musterstadt\/events\/11111111-1111-4111-8111-111111111111\/registrations$/);
  expect(requests[0].key).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(requests[0].body).toEqual({
    full_name: "Amal Haddad",
    email: "amal@example.org",
    phone: null,
    affiliation: null,
    category: "resident",
    preferred_language: "de",
    consent: { privacy_notice_version: 3 },
    answers: { diet: "vegetarisch", workshop: "Arbeit", days: ["Samstag"], childcare: false },
  });
  const done = screen.getByRole("region", { name: /Bitte sehen Sie in Ihr E-Mail-Postfach/ });
  expect(done.textContent).toContain("amal@example.org");
  expect(document.activeElement).toBe(done);
});

test("the server's field errors and refusals show in the summary and at the fields", async () => {
  answer = () =>
    problemResponse(422, {
      type: "https://teilhabe.example/problems/validation-error",
      title: "Invalid input",
      status: 422,
      detail: "Please check these fields: phone.",
      errors: [{ field: "phone", location: "body", message: "must be a phone number with at least 5 digits", kind: "phone-format", limit: null }],
    });
  renderForm();
  fireEvent.change(screen.getByLabelText(/Ihr Name/), { target: { value: "Amal" } });
  fireEvent.change(screen.getByLabelText(/E-Mail-Adresse/), { target: { value: "amal@example.org" } });
  fireEvent.change(screen.getByLabelText(/Telefon/), { target: { value: "12" } });
  fireEvent.change(screen.getByLabelText(/Essenswunsch/), { target: { value: "-" } });
  fireEvent.click(screen.getByLabelText("Bildung"));
  fireEvent.click(screen.getByLabelText("Freitag"));
  fireEvent.click(within(screen.getByRole("group", { name: /Kinderbetreuung\?/ })).getByLabelText("Ja"));
  fireEvent.click(screen.getByLabelText(/Ich habe die Datenschutzhinweise/));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  });
  const summary = screen.getByRole("alert");
  expect(within(summary).getByRole("link").getAttribute("href")).toBe("#field-phone");
  expect(summary.textContent).toContain("Bitte geben Sie eine Telefonnummer mit mindestens 5 Ziffern ein");
  expect(document.getElementById("field-phone")?.getAttribute("aria-invalid")).toBe("true");

  // A refusal about the event itself: a translated sentence, not the API's English.
  answer = () =>
    problemResponse(409, { type: "https://teilhabe.example/problems/event-full", title: "Conflict", status: 409, detail: "This event is fully booked." });
  fireEvent.change(screen.getByLabelText(/Telefon/), { target: { value: "" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  });
  // Nothing was wrong with the entries: the form says the event filled up, not "please check".
  expect(screen.getByRole("alert").textContent).toContain("Inzwischen ausgebucht");
  expect(screen.getByRole("alert").textContent).toContain("Sie können sich auf die Warteliste setzen lassen"); // it has one
  expect(screen.queryByText("Bitte prüfen Sie Ihre Angaben")).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole("alert"));
});
