// The resident's whole way, as in the issue: city list → city → process → the online kickoff →
// sign up → "check your mail" → the confirmation mail's link → confirmed, with the online access
// details on the manage page → cancel (with a confirmation step) → cancelled.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { demoProcess, secretOf, uniqueEmail } from "./support/demo";
import { linkIn, waitForMail } from "./support/mails";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a resident finds the kickoff, signs up, confirms by mail, sees the access details and cancels", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  const email = uniqueEmail("flow");

  await page.goto("/");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Städte");
  await page.getByRole("link", { name: "Stadt Musterstadt" }).click();

  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Stadt Musterstadt");
  expect(await page.title()).toBe("Stadt Musterstadt – Teilhabe");
  // The office can be called and written to from the city page.
  expect(await page.getByRole("link", { name: "0123 507-3772" }).getAttribute("href")).toBe("tel:01235073772");
  await page.getByRole("link", { name: /Integrationskonzept/ }).first().click();

  await expect.poll(() => page.locator("h1").count()).toBe(1);
  await expect.poll(() => page.getByRole("heading", { name: "Phasen" }).count()).toBe(1);
  // The current phase is marked in words and for assistive technology, not by colour alone.
  const current = page.locator('.timeline li[aria-current="step"]');
  expect(await current.count()).toBe(1);
  expect(await current.textContent()).toContain("Aktuelle Phase");
  for (const section of ["Leitziele", "Handlungsfelder", "Arbeitsgruppen", "Nächste Termine", "Ansprechpersonen"]) {
    expect(await page.getByRole("heading", { level: 2, name: section }).count(), section).toBe(1);
  }
  // A long list of dates: the next five, and a button that shows all of them.
  const upcoming = (await demoProcess(baseUrl)).upcoming_events;
  expect(upcoming.length).toBeGreaterThan(5);
  const dates = page.getByRole("region", { name: "Nächste Termine" });
  expect(await dates.locator(".card").count()).toBe(5);
  const showAll = dates.locator('button[aria-controls="process-events"]');
  expect(await showAll.textContent()).toBe(`Alle ${upcoming.length} Termine zeigen`);
  expect(await showAll.getAttribute("aria-expanded")).toBe("false");
  await showAll.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => dates.locator(".card").count()).toBe(upcoming.length);
  expect(await showAll.getAttribute("aria-expanded")).toBe("true");
  expect(await showAll.textContent()).toBe("Nur die nächsten 5 Termine zeigen");
  // Focus goes on where the short list ended: the sixth event.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(upcoming[5].title);
  await showAll.click();
  await expect.poll(() => dates.locator(".card").count()).toBe(5);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("process-events");

  await page.getByRole("link", { name: "Digitale Auftaktveranstaltung" }).click();

  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Digitale Auftaktveranstaltung");
  expect(await page.title()).toBe("Digitale Auftaktveranstaltung – Teilhabe");
  const facts = (await page.locator(".event-facts").textContent()) ?? "";
  expect(facts).toContain("Online. Die Zugangsdaten bekommen Sie per E-Mail");
  expect(facts).toMatch(/16:00.*18:00/); // in the city's time, written the German way
  expect(facts).toContain("Arabisch"); // interpretation offered, named in the reader's language
  // Seats left as the API counts them now (other tests sign up for the kickoff too).
  const seatsLeft = (await (await fetch(`${baseUrl}/api/v1/orgs/musterstadt/events/${page.url().split("/").pop()}`)).json()).seats_left;
  expect(seatsLeft).toBeGreaterThan(1);
  expect(facts).toContain(`Noch ${seatsLeft} Plätze frei.`);
  const ics = page.getByRole("link", { name: "In den Kalender eintragen (.ics)" });
  const icsHref = (await ics.getAttribute("href")) ?? "";
  expect(icsHref).toMatch(/\/api\/v1\/orgs\/musterstadt\/events\/[0-9a-f-]{36}\.ics$/);
  // The calendar file is there and names the event (GET /orgs/{org}/events/{id}.ics).
  const calendar = await fetch(new URL(icsHref, baseUrl));
  expect(calendar.status).toBe(200);
  expect(calendar.headers.get("content-type")).toMatch(/^text\/calendar/);
  const icsText = await calendar.text();
  expect(icsText).toContain("BEGIN:VCALENDAR");
  expect(icsText).toContain("Digitale Auftaktveranstaltung");

  await page.getByLabel("Ihr Name").fill("Amal Haddad");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Arabisch").check(); // the kickoff's choice question (interpretation)
  await page.getByLabel(/Was brauchen Sie/).fill("Untertitel, bitte.");
  await page.getByLabel(/Ich habe die Datenschutzhinweise \(Version 1\) gelesen/).check();
  await page.getByRole("button", { name: "Anmelden" }).click();

  const done = page.getByRole("region", { name: "Fast geschafft: Bitte sehen Sie in Ihr E-Mail-Postfach" });
  await expect.poll(() => done.count()).toBe(1);
  expect(await done.textContent()).toContain(email);
  // The result takes focus, so a screen reader reads it at once.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby"))).toBe("signup-done-title");

  const mail = await waitForMail(baseUrl, email, /Bitte bestätigen Sie Ihre Anmeldung/);
  const confirmLink = new URL(linkIn(mail, /https?:\/\/\S+\/manage\/registration\?confirm=1#t=[A-Za-z0-9_-]+/));
  expect(confirmLink.origin).toBe(baseUrl); // the harness sets TEILHABE_PUBLIC_BASE_URL to this address
  await page.goto(confirmLink.pathname + confirmLink.search + confirmLink.hash);

  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ihre Anmeldung");
  expect(await page.getByText("Danke! Ihre Anmeldung ist bestätigt.").count()).toBe(1);
  expect(await page.locator(".badge").first().textContent()).toBe("Bestätigt");
  // Released from TEILHABE_ACCESS_DETAILS_LEAD_HOURS before the start (the harness sets 60 days).
  const access = page.getByRole("region", { name: "Online-Zugang" });
  expect(await access.getByRole("link", { name: "https://meet.musterstadt.example/auftakt-integrationskonzept" }).count()).toBe(1);
  expect(await access.textContent()).toContain("Vielfalt2027");
  // The answers given are shown with their questions (once the event's questions are loaded).
  await expect.poll(() => page.getByRole("region", { name: "Ihre Antworten" }).textContent()).toContain("Arabisch");

  await page.getByRole("button", { name: "Anmeldung stornieren" }).click();
  const question = page.getByRole("group", { name: /wirklich stornieren/ });
  expect(await question.count()).toBe(1);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby"))).toBe("confirm-question");
  // Nothing has happened yet: still confirmed until the second button.
  expect(await page.locator(".badge").first().textContent()).toBe("Bestätigt");
  await question.getByRole("button", { name: "Ja, Anmeldung stornieren" }).click();

  await expect.poll(() => page.getByText("Ihre Anmeldung ist storniert.").count()).toBe(1);
  expect(await page.locator(".badge").first().textContent()).toBe("Storniert");
  expect(await page.getByRole("region", { name: "Online-Zugang" }).textContent()).not.toContain("Vielfalt2027");
  expect(await page.getByRole("button", { name: "Anmeldung stornieren" }).count()).toBe(0);

  // The server agrees: the registration is cancelled.
  const token = secretOf(confirmLink.href);
  const stored = await (await fetch(`${baseUrl}/api/v1/manage/registrations/${token}`)).json();
  expect(stored.status).toBe("cancelled");
  await context.close();
});
