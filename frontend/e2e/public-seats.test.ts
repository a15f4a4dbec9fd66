// Seats within seconds of the truth: the event page asks again when it comes back into view and after
// a refused sign-up, and a sign-up refused because staff took the last seat meanwhile says "full", not
// "please check your entries". And the Arabic page keeps mixed Arabic and Latin text in order.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, demoEvent } from "./support/demo";
import { staffToken } from "./support/mails";
import { gotoIn, settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;
let token: string;
// The demo kickoff as it was: other test files share this backend and sign up for it.
let kickoffAsItWas: { id: string; capacity: number | null; waitlist_enabled: boolean };

beforeAll(async () => {
  browser = await launchBrowser();
  token = await staffToken(baseUrl);
  const { id } = await demoEvent(baseUrl, "kickoff");
  const { capacity, waitlist_enabled } = await staffEvent(id);
  kickoffAsItWas = { id, capacity, waitlist_enabled };
});
afterEach(async () => {
  const { id, ...settings } = kickoffAsItWas;
  await staff("PATCH", `/staff/events/${id}`, settings);
});
afterAll(async () => {
  await browser?.close();
});

type PublicEvent = { id: string; seats_left: number | null; capacity: number | null };

async function staff(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

type StaffEvent = { capacity: number | null; seats_taken: number; waitlist_enabled: boolean };

async function staffEvent(id: string): Promise<StaffEvent> {
  return (await (await staff("GET", `/staff/events/${id}`)).json()) as StaffEvent;
}

async function publicEvent(id: string): Promise<PublicEvent> {
  return (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/events/${id}`)).json()) as PublicEvent;
}

/** Staff on another device take a seat: a sign-up by phone, confirmed at once. */
async function staffTakesASeat(eventId: string, name: string): Promise<void> {
  const notice = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`)).json()) as { version: number };
  await staff("POST", `/staff/events/${eventId}/registrations`, {
    full_name: name,
    phone: "0123 456789",
    channel: "phone",
    consent: { privacy_notice_version: notice.version },
  });
}

/** The event with exactly `left` seats left and no waiting list. */
async function seatsLeft(eventId: string, left: number): Promise<void> {
  await staff("PATCH", `/staff/events/${eventId}`, { waitlist_enabled: false });
  // The exact count (staff's): the public one shows seats held for unconfirmed sign-ups as free.
  const taken = (await staffEvent(eventId)).seats_taken;
  await staff("PATCH", `/staff/events/${eventId}`, { capacity: taken + left });
  expect((await publicEvent(eventId)).seats_left).toBe(left);
}

async function seatsText(page: Page): Promise<string> {
  return (await page.locator(".event-facts").textContent()) ?? "";
}

test("the page counts seats again when it comes back into view, keeping what the resident typed", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  await seatsLeft(kickoff.id, 3);
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/${CITY}/events/${kickoff.id}`);
  await settled(page);
  expect(await seatsText(page)).toContain("Noch 3 Plätze frei.");
  await page.getByLabel("Ihr Name").fill("Samira Haddad");

  await staffTakesASeat(kickoff.id, "Per Telefon Eins");
  // The resident switches back to the tab: the browser tells the page it is visible again.
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));

  await expect.poll(() => seatsText(page)).toContain("Noch 2 Plätze frei.");
  expect(await page.getByLabel("Ihr Name").inputValue()).toBe("Samira Haddad");

  await staffTakesASeat(kickoff.id, "Per Telefon Zwei");
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect.poll(() => seatsText(page)).toContain("Noch 1 Platz frei.");
  await context.close();
});

test("staff fill the event while the resident's page is open: the sign-up says it is full, and the seats too", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  await seatsLeft(kickoff.id, 1);
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/${CITY}/events/${kickoff.id}`);
  await settled(page);
  expect(await seatsText(page)).toContain("Noch 1 Platz frei.");
  await page.getByLabel("Ihr Name").fill("Samira Haddad");
  await page.getByLabel("E-Mail-Adresse").fill(`voll-${Date.now()}@example.org`);
  await page.getByRole("checkbox").last().check();

  await staffTakesASeat(kickoff.id, "Letzter Platz am Telefon");
  await page.getByRole("button", { name: "Anmelden" }).click();

  const notice = page.getByRole("alert").filter({ hasText: "Inzwischen ausgebucht" });
  await expect.poll(() => notice.count()).toBe(1);
  expect(await notice.textContent()).toContain("Ihre Anmeldung wurde nicht gespeichert");
  expect(await page.evaluate(() => document.activeElement?.closest('[role="alert"]')?.textContent ?? "")).toContain(
    "Inzwischen ausgebucht",
  );
  expect(await page.getByText("Bitte prüfen Sie Ihre Angaben").count()).toBe(0);
  // The seats were asked for again after the refusal: no "1 seat left" any more.
  await expect.poll(() => seatsText(page)).toContain("Ausgebucht.");
  expect(await page.getByRole("button", { name: "Anmelden" }).count()).toBe(0);
  await expectNoAxeViolations(page, "event-filled-meanwhile-de");
  await context.close();
});

test("with a waiting list, a page opened before the event filled offers the waiting list once it is back in view", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  await seatsLeft(kickoff.id, 1);
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/${CITY}/events/${kickoff.id}`);
  await settled(page);
  expect(await page.getByRole("button", { name: "Anmelden" }).count()).toBe(1);

  await staff("PATCH", `/staff/events/${kickoff.id}`, { waitlist_enabled: true });
  await staffTakesASeat(kickoff.id, "Noch einer am Telefon");
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));

  await expect.poll(() => page.getByRole("button", { name: "Auf die Warteliste" }).count()).toBe(1);
  expect(await seatsText(page)).toContain("Warteliste");
  await context.close();
});

/** A published event whose texts exist in German only: the demo's own are translated into Arabic. */
async function germanOnlyEvent(): Promise<string> {
  const processes = (await (await staff("GET", "/staff/processes?limit=100")).json()) as {
    items: { id: string; slug: string }[];
  };
  const processId = processes.items.find((process) => process.slug === "integrationskonzept")?.id;
  const start = new Date(Date.now() + 40 * 86_400_000);
  const created = (await (
    await staff("POST", "/staff/events", {
      process_id: processId,
      title: "Elternabend zur Kinderbetreuung",
      kind: "workshop",
      format: "in_person",
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      venue: { name: "Familienzentrum", address: "Lindenweg 3", step_free: true },
      capacity: 30,
      questions: [
        { id: "childcare", label: "Bringen Sie Kinder mit, die betreut werden sollen?", kind: "yes_no", required: true },
      ],
    })
  ).json()) as { id: string };
  await staff("POST", `/staff/events/${created.id}/publish`);
  return created.id;
}

test("in Arabic, a German question label keeps its question mark, and the time zone has a name", async () => {
  const eventId = await germanOnlyEvent();
  const context = await browser.newContext({ baseURL: baseUrl, locale: "ar", timezoneId: "America/New_York" });
  const page = await context.newPage();
  await gotoIn(page, `/${CITY}/events/${eventId}`, "ar");

  // The reader's clock is elsewhere: the city's zone is named in words, never as "Europe/Berlin".
  const when = (await page.locator(".event-facts dd").first().textContent()) ?? "";
  expect(when).not.toContain("Europe/Berlin");
  expect(when).toContain("المنطقة الزمنية");
  expect(when).toMatch(/توقيت/);

  await page.getByRole("button", { name: "سجّل الآن" }).click();
  const link = page.locator(".error-summary a").filter({ hasText: "Bringen Sie Kinder mit" });
  await expect.poll(() => link.count()).toBe(1);
  // Where the "?" is drawn: at the end of the German words (right of "Bringen"), as it belongs; an
  // unisolated label in a right-to-left line would draw it at the far left of them.
  const { questionMark, firstLetter, colon } = await link.evaluate((anchor) => {
    const walker = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
    const xOf = (needle: string) => {
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? "").indexOf(needle);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          walker.currentNode = anchor;
          return range.getBoundingClientRect().left;
        }
      }
      walker.currentNode = anchor;
      return Number.NaN;
    };
    return { firstLetter: xOf("Bringen"), questionMark: xOf("?"), colon: xOf(":") };
  });
  expect(questionMark).toBeGreaterThan(firstLetter);
  // The colon follows the label in reading order: in a right-to-left line, to its left.
  expect(colon).toBeLessThan(firstLetter);
  await expectNoAxeViolations(page, "event-refused-ar");
  await context.close();
});
