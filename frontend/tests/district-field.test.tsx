// The district at sign-up: asked only where the city has districts, optional ("No answer" first), sent
// only when chosen, and the server's refusal of a district not on the list shown at the field.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, expect, test } from "vitest";
import { type Schemas, useMiddleware } from "../src/api/client";
import { chooseLanguage } from "../src/i18n";
import { SignUpForm } from "../src/public/SignUpForm";

const EVENT: Schemas["EventPublic"] = {
  id: "11111111-1111-4111-8111-111111111111",
  process_id: "22222222-2222-4222-8222-222222222222",
  group_id: null,
  title: "Stadtteilgespräch",
  kind: "citizen_dialogue",
  format: "in_person",
  status: "published",
  status_reason: null,
  starts_at: "2030-05-08T16:00:00+02:00",
  ends_at: "2030-05-08T18:00:00+02:00",
  timezone: "Europe/Berlin",
  venue: { name: "Bürgerhaus", address: null, room: null, step_free: true, notes: null },
  capacity: null,
  seats_left: null,
  registration_opens_at: null,
  registration_closes_at: null,
  registration_open: true,
  waitlist_enabled: false,
  description: null,
  invitation_only: false,
  languages: ["de"],
  interpretation: [],
  childcare: false,
  questions: [],
  updated_at: "2026-01-01T00:00:00+01:00",
};
const NOTICE: Schemas["PrivacyNoticeOut"] = { version: 1, url: null, text: "Datenschutztext.", effective_at: "2026-01-01T00:00:00+01:00" };
const DISTRICTS = ["Altstadt", "Nordstadt"];

let requests: unknown[] = [];
let answer: () => Response = () => new Response(null, { status: 500 });

beforeAll(async () => {
  await chooseLanguage("de");
  useMiddleware({
    async onRequest({ request }) {
      requests.push(await request.clone().json());
      return answer();
    },
  });
});
afterEach(() => {
  cleanup();
  requests = [];
});

async function send(district: string) {
  fireEvent.change(screen.getByLabelText(/Ihr Name/), { target: { value: "Amal Haddad" } });
  fireEvent.change(screen.getByLabelText(/E-Mail-Adresse/), { target: { value: "amal@example.org" } });
  fireEvent.change(screen.getByLabelText(/Stadtteil/), { target: { value: district } });
  fireEvent.click(screen.getByLabelText(/Ich habe die Datenschutzhinweise/));
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Anmelden" }));
  });
}

test("a city without districts asks for none", () => {
  render(<SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} districts={[]} />);
  expect(screen.queryByLabelText(/Stadtteil/)).toBeNull();
});

test("the city's districts as an optional choice, and the chosen one is sent", async () => {
  answer = () => new Response(JSON.stringify({ status: "pending", message: "ok", hold_expires_at: null }), { status: 202, headers: { "Content-Type": "application/json" } });
  render(<SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} districts={DISTRICTS} />);
  const select = screen.getByLabelText(/Stadtteil/) as HTMLSelectElement;
  expect(Array.from(select.options, (option) => option.textContent)).toEqual(["Keine Angabe", ...DISTRICTS]);
  expect(select.value).toBe("");
  expect(select.required).toBe(false);
  await send("Nordstadt");
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ district: "Nordstadt" });
});

test("no answer sends no district", async () => {
  answer = () => new Response(JSON.stringify({ status: "pending", message: "ok", hold_expires_at: null }), { status: 202, headers: { "Content-Type": "application/json" } });
  render(<SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} districts={DISTRICTS} />);
  await send("");
  expect(requests[0]).not.toHaveProperty("district");
});

test("a district the city no longer has: the server's refusal is shown at the field", async () => {
  answer = () =>
    new Response(
      JSON.stringify({
        type: "https://teilhabe.example/problems/validation-error",
        title: "Invalid input",
        status: 422,
        detail: "Please choose one of the city's districts, or leave the district out.",
        errors: [{ field: "district", location: "body", message: "Please choose one of the city's districts.", kind: "unknown-district", limit: null }],
      }),
      { status: 422, headers: { "Content-Type": "application/problem+json" } },
    );
  render(<SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} districts={DISTRICTS} />);
  await send("Altstadt");
  const summary = screen.getByRole("alert");
  expect(within(summary).getByRole("link").getAttribute("href")).toBe("#field-district");
  const field = document.getElementById("field-district")!;
  expect(field.getAttribute("aria-invalid")).toBe("true");
  const described = (field.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
  expect(described.some((text) => text.includes("Bitte wählen Sie einen Stadtteil aus der Liste"))).toBe(true);
});
