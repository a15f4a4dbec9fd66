// Working with the people signed up: move someone up from the waiting list (adding a seat on
// purpose), cancel with a reason, decide on applications to a group, filter and count by status.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { confirmApplication, currentConsent, demoProcessId } from "./support/demo";
import { launchBrowser, openPage } from "./support/browser";
import { staffToken } from "./support/mails";
import { staffCall } from "./support/staffApi";

const baseUrl = backendUrl();
let browser: Browser;
let token: string;
let processId: string;

const call = <T,>(method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);

beforeAll(async () => {
  consent = await currentConsent(baseUrl);
  browser = await launchBrowser();
  token = await staffToken(baseUrl);
  // The demo's process by its slug: other test files add processes (one of them archived) to the same backend.
  processId = demoProcessId((await call<{ items: { id: string; slug: string }[] }>("GET", "/staff/processes?limit=100")).items);
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page): Promise<void> {
  await page.goto("/staff/login");
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill("admin@musterstadt.example");
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill("musterstadt-demo-2026");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Übersicht" }).waitFor();
}

let consent: { privacy_notice_version: number };

test("the waiting list: moving up needs a seat, which staff add on purpose; a cancellation keeps its reason", async () => {
  const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const event = await call<{ id: string; title: string }>("POST", "/staff/events", {
    process_id: processId,
    title: `Kleiner Gesprächskreis ${Date.now()}`,
    kind: "citizen_dialogue",
    format: "in_person",
    starts_at: `${start}T18:00`,
    ends_at: `${start}T20:00`,
    venue: { name: "Bürgerhaus" },
    capacity: 1,
    waitlist_enabled: true,
  });
  await call("POST", `/staff/events/${event.id}/publish`);
  await call("POST", `/staff/events/${event.id}/registrations`, { full_name: "Erste Person", phone: "0170 1111111", consent });
  await call("POST", `/staff/events/${event.id}/registrations`, { full_name: "Zweite Person", phone: "0170 2222222", consent });

  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto(`/staff/events/${event.id}/registrations`);
  await page.getByRole("heading", { level: 1, name: `Anmeldungen zu „${event.title}“` }).waitFor();
  await expect.poll(() => page.getByRole("link", { name: /^1\s+Warteliste/ }).count()).toBe(1);

  // Filter by status through its count.
  await page.getByRole("link", { name: /^1\s+Warteliste/ }).click();
  await expect.poll(() => page.getByRole("heading", { level: 2, name: "1 Eintrag" }).count()).toBe(1);
  expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("waitlisted");
  const waiting = page.getByRole("listitem").filter({ hasText: "Zweite Person" });
  expect(await waiting.textContent()).toContain("Warteliste");

  await page.getByRole("button", { name: "Zweite Person von der Warteliste nachrücken lassen" }).click();
  await page.getByRole("alert").filter({ hasText: "Es ist kein Platz frei." }).waitFor();
  await page.getByRole("button", { name: "Einen Platz mehr für Zweite Person" }).click();
  await page.getByRole("status").filter({ hasText: "Zweite Person hat jetzt einen Platz." }).waitFor();
  await expect.poll(() => page.getByRole("link", { name: /^2\s+Bestätigt/ }).count()).toBe(1);

  // Cancel the first person's sign-up, with a reason.
  await page.getByRole("link", { name: /^2\s+Bestätigt/ }).click();
  await page.getByRole("button", { name: "Anmeldung von Erste Person stornieren" }).click();
  await page.getByRole("textbox", { name: "Grund" }).fill("Hat abgesagt, Termin passt nicht.");
  await page.getByRole("button", { name: "Anmeldung von Erste Person stornieren" }).last().click();
  await page.getByRole("status").filter({ hasText: "Die Anmeldung von Erste Person ist storniert." }).waitFor();
  await page.getByRole("link", { name: /^1\s+Storniert/ }).click();
  const cancelled = page.getByRole("listitem").filter({ hasText: "Erste Person" });
  await expect.poll(() => cancelled.textContent()).toContain("Grund der Absage: Hat abgesagt, Termin passt nicht.");
  const event2 = await call<{ capacity: number }>("GET", `/staff/events/${event.id}`);
  expect(event2.capacity).toBe(2); // raised by one for the person moved up, never overbooked
  await context.close();
});

test("applications to a group: accept one, reject one with a note, filter, export", async () => {
  const group = await call<{ id: string; name: string }>("POST", "/staff/groups", {
    process_id: processId,
    name: `Fachrunde Wohnen ${Date.now()}`,
    slug: `fachrunde-wohnen-${Date.now()}`,
    kind: "expert_round",
    membership_mode: "application",
    capacity: 8,
  });
  await call("POST", `/staff/groups/${group.id}/publish`);
  for (const name of ["Hana Ahmadi", "Piotr Nowak"]) {
    const email = `${name.split(" ")[0].toLowerCase()}-${Date.now()}@example.org`;
    const response = await fetch(`${baseUrl}/api/v1/orgs/musterstadt/group-applications`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ full_name: name, email, groups: [group.id], consent }),
    });
    expect(response.ok).toBe(true);
    await confirmApplication(baseUrl, email); // staff decide only on confirmed applications
  }

  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto(`/staff/groups/${group.id}/members`);
  await page.getByRole("heading", { level: 1, name: `Mitglieder von „${group.name}“` }).waitFor();
  await expect.poll(() => page.getByRole("button", { name: /^2\s+Beworben/ }).count()).toBe(1);

  await page.getByRole("button", { name: "Hana Ahmadi aufnehmen" }).click();
  await page.getByRole("status").filter({ hasText: "Hana Ahmadi ist jetzt Mitglied." }).waitFor();
  await page.getByRole("button", { name: "Bewerbung von Piotr Nowak ablehnen" }).click();
  await page.getByRole("textbox", { name: "Notiz" }).first().fill("Die Fachrunde ist für Wohnungsbaugesellschaften gedacht.");
  await page.getByRole("button", { name: "Bewerbung von Piotr Nowak ablehnen" }).last().click();
  await page.getByRole("status").filter({ hasText: "Die Bewerbung von Piotr Nowak ist abgelehnt." }).waitFor();

  await expect.poll(() => page.getByRole("button", { name: /^1\s+Mitglied/ }).count()).toBe(1);
  await expect.poll(() => page.getByRole("button", { name: /^1\s+Abgelehnt/ }).count()).toBe(1);
  expect(await page.getByRole("button", { name: /^0\s+Beworben/ }).count()).toBe(1);
  // Filter by a count: only the members, the button says it is pressed.
  const members = page.getByRole("button", { name: /^1\s+Mitglied/ });
  await members.click();
  expect(await members.getAttribute("aria-pressed")).toBe("true");
  await expect.poll(() => page.locator(".person-card").count()).toBe(1);
  expect(await page.locator(".person-card").textContent()).toContain("Hana Ahmadi");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Liste als CSV herunterladen" }).click()]);
  const csv = readFileSync((await download.path()) as string, "utf8");
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  expect(csv).toContain("Hana Ahmadi");
  expect(csv).not.toContain("Piotr Nowak"); // the export follows the status filter
  await context.close();
});
