// Each role sees only what it may use: a viewer gets no buttons that change or export anything, a
// group's moderator a menu of their group alone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { staffToken } from "./support/mails";

const baseUrl = backendUrl();
const PASSWORD = "musterstadt-demo-2026";
let browser: Browser;
let kickoffId: string;
let arbeitMeetingId: string;
let bildungMeetingId: string;

type Listed = { id: string; title: string; group_id: string | null; kind: string };

beforeAll(async () => {
  browser = await launchBrowser();
  const token = await staffToken(baseUrl);
  const response = await fetch(`${baseUrl}/api/v1/staff/events?limit=100`, { headers: { Authorization: `Bearer ${token}` } });
  const { items } = (await response.json()) as { items: Listed[] };
  kickoffId = items.find((event) => event.kind === "kickoff")!.id;
  arbeitMeetingId = items.find((event) => event.title.startsWith("AG Arbeit"))!.id;
  bildungMeetingId = items.find((event) => event.title.startsWith("AG Bildung"))!.id;
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/staff/login");
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill(email);
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Übersicht" }).waitFor();
}

async function menu(page: Page): Promise<string[]> {
  return page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link").allTextContents();
}

async function waitForPage(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.getByRole("status").filter({ hasText: "Wird geladen" }).waitFor({ state: "detached" });
}

const CHANGING = /Veröffentlichen|Speichern|Verschieben|Absagen|Entwurf löschen|Stornieren|Nachrücken|Einchecken|herunterladen|Person eintragen|Aufnehmen|Ablehnen/;

test("a viewer reads, but sees no button that changes or exports anything and no page to enter people", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "lesen@musterstadt.example");
  expect(await menu(page)).toEqual(["Übersicht", "Prozesse", "Gruppen", "Termine"]);
  expect(await page.getByRole("link", { name: "Neuer Prozess" }).count()).toBe(0);

  await waitForPage(page, "/staff/events", "Termine");
  expect(await page.getByRole("link", { name: "Neuer Termin" }).count()).toBe(0);
  expect(await page.getByRole("link", { name: /^Check-in/ }).count()).toBe(0);
  expect(await page.getByRole("link", { name: /^Anmeldung per Telefon/ }).count()).toBe(0);

  await waitForPage(page, `/staff/events/${kickoffId}`, "Digitale Auftaktveranstaltung");
  expect(await page.getByRole("button", { name: CHANGING }).count()).toBe(0);
  expect(await page.getByRole("textbox").count()).toBe(0); // the details as text, not as a form
  expect(await page.getByText("Online").count()).toBeGreaterThan(0);

  await waitForPage(page, `/staff/events/${kickoffId}/registrations`, /Anmeldungen zu/);
  expect(await page.getByRole("button", { name: CHANGING }).count()).toBe(0);
  expect(await page.getByRole("link", { name: /Telefon erfassen|Check-in am Eingang/ }).count()).toBe(0);

  // Typing the address of a page that enters or shows more personal data does not open it.
  for (const [path, heading] of [
    [`/staff/events/${kickoffId}/sign-up`, /Anmeldung erfassen/],
    [`/staff/events/${kickoffId}/check-in`, /Check-in/],
  ] as const) {
    await waitForPage(page, path, heading);
    expect(await page.getByText("Ihre Rolle erlaubt diese Seite nicht.").count()).toBe(1);
    expect(await page.getByRole("button", { name: CHANGING }).count()).toBe(0);
  }
  for (const path of ["/staff/users", "/staff/mails", "/staff/audit", "/staff/clients", "/staff/webhooks", "/staff/privacy"]) {
    await page.goto(path);
    await page.getByText("Ihre Rolle erlaubt diese Seite nicht.").waitFor();
  }
  await context.close();
});

test("a group's moderator sees their group in the menu and acts on its meetings only", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "ag-bildung@musterstadt.example");
  await expect.poll(() => menu(page)).toEqual(["Übersicht", "AG Bildung: Mitglieder", "AG Bildung: Termine"]);

  await page.getByRole("link", { name: "AG Bildung: Termine" }).click();
  await page.getByRole("heading", { level: 1, name: "Termine von „AG Bildung“" }).waitFor();
  await expect.poll(() => page.getByRole("heading", { level: 2 }).allTextContents()).toEqual(["AG Bildung: 1. Sitzung", "AG Bildung: 2. Sitzung"]);
  expect(await page.getByRole("link", { name: "AG Bildung: Termine" }).getAttribute("aria-current")).toBe("page");
  expect(await page.getByRole("link", { name: "Neuer Termin" }).count()).toBe(1);

  await page.getByRole("link", { name: "AG Bildung: Mitglieder" }).click();
  await page.getByRole("heading", { level: 1, name: "Mitglieder von „AG Bildung“" }).waitFor();
  expect(await page.getByRole("button", { name: "Liste als CSV herunterladen" }).count()).toBe(1);
  expect(await page.getByText("Person eintragen").count()).toBeGreaterThan(0);

  // Their own meeting: editable, with its sign-ups.
  await waitForPage(page, `/staff/events/${bildungMeetingId}`, "AG Bildung: 1. Sitzung");
  expect(await page.getByRole("button", { name: "Speichern" }).count()).toBe(1);
  expect(await page.getByRole("link", { name: /^Check-in/ }).count()).toBe(1);

  // Another group's meeting: readable, nothing to change, no people.
  await waitForPage(page, `/staff/events/${arbeitMeetingId}`, "AG Arbeit: 1. Sitzung");
  expect(await page.getByRole("button", { name: CHANGING }).count()).toBe(0);
  expect(await page.getByRole("link", { name: /^(Anmeldungen|Check-in)/ }).count()).toBe(0);
  await context.close();
});

test("a process manager plans in their process but manages no staff", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "prozess@musterstadt.example");
  expect(await menu(page)).toEqual(["Übersicht", "Prozesse", "Gruppen", "Termine", "Übersetzungen"]);
  expect(await page.getByRole("link", { name: "Neuer Prozess" }).count()).toBe(0);
  await waitForPage(page, "/staff/events", "Termine");
  expect(await page.getByRole("link", { name: "Neuer Termin" }).count()).toBe(1);
  await waitForPage(page, `/staff/events/${kickoffId}`, "Digitale Auftaktveranstaltung");
  expect(await page.getByRole("button", { name: "Speichern" }).count()).toBe(1);
  await context.close();
});
