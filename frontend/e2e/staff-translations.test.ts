// Staff translate the city's texts in the console: they open "Übersetzungen", pick a process and
// Turkish, write the missing translation of a date's title, and residents see it with ?lang=tr. When
// the German original changes, the translation is flagged "Original geändert". axe checks the page
// in German and Arabic.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, demoProcessId } from "./support/demo";
import { staffToken } from "./support/mails";
import { settled } from "./support/pages";
import { staffCall } from "./support/staffApi";
import { logInToConsole } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let token: string;
let processId: string;

const call = <T,>(method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);

function dayAhead(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setHours(hour, 0, 0, 0);
  return day.toISOString();
}

beforeAll(async () => {
  browser = await launchBrowser();
  token = await staffToken(baseUrl);
  processId = demoProcessId((await call<{ items: { id: string; slug?: string }[] }>("GET", "/staff/processes?limit=100")).items);
  // The city offers Turkish (the demo does; a backend that ran other tests keeps it so).
  const city = await call<{ languages: string[] }>("GET", "/staff/organization");
  if (!city.languages.includes("tr")) await call("PATCH", "/staff/organization", { languages: [...city.languages, "tr"] });
});
afterAll(async () => {
  await browser?.close();
});

/** A published date of the demo process with a title no other test uses, not yet translated. */
async function newEvent(label: string): Promise<{ id: string; title: string }> {
  const title = `Sprachcafé ${label} ${Date.now()}`;
  const event = await call<{ id: string }>("POST", "/staff/events", {
    process_id: processId,
    title,
    kind: "workshop",
    format: "in_person",
    starts_at: dayAhead(25, 17),
    ends_at: dayAhead(25, 19),
    venue: { name: "Stadtbibliothek", address: "Marktplatz 3", step_free: true },
    capacity: 20,
  });
  await call("POST", `/staff/events/${event.id}/publish`);
  return { id: event.id, title };
}

/** The translations page with a process and a language chosen, waiting for its list. */
async function openTranslations(page: Page, query: string): Promise<void> {
  await page.goto(`/staff/translations?${query}`);
  await page.locator(".translation-list, .translation-files").first().waitFor();
}

test("staff translate a missing text into Turkish, residents read it, and a changed original flags it", async () => {
  const event = await newEvent("Übersetzung");
  const { context, page } = await openPage(browser, baseUrl);
  await logInToConsole(page, "de");

  // Through the menu, as a person finds it.
  await page.getByRole("link", { name: "Übersetzungen" }).click();
  await expect.poll(() => page.locator("main h1").textContent()).toBe("Übersetzungen");
  await page.getByLabel("Welche Texte?").selectOption({ label: "Prozess: Integrationskonzept Musterstadt" });
  await page.getByLabel("Sprache der Übersetzung").selectOption("tr");
  await page.getByLabel("Nur fehlende").check();
  await expect.poll(() => new URL(page.url()).search).toContain("show=missing");

  // The date's title: missing, the original German beside it, the textarea Turkish and tied to it.
  const what = `Termin „${event.title}“ – Titel`;
  const textarea = page.getByLabel(`Übersetzung: ${what}`);
  await textarea.waitFor();
  expect(await textarea.getAttribute("lang")).toBe("tr");
  expect(await textarea.getAttribute("dir")).toBe("ltr");
  const row = page.locator(".translation-row", { has: textarea });
  expect(await row.locator(".status-tag").textContent()).toBe("Fehlt");
  const original = row.locator(".translation-original");
  expect(await original.textContent()).toBe(event.title);
  expect(await original.getAttribute("lang")).toBe("de");
  const describedBy = (await textarea.getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(" ")).toContain(await original.getAttribute("id"));

  // Keyboard only: type the translation, Tab to "Speichern", Enter.
  const turkish = `Dil kafesi ${event.title.split(" ").pop()}`;
  await textarea.focus();
  await page.keyboard.type(turkish);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Speichern: ${what}`);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".status-region").textContent()).toBe(`Gespeichert: ${what}`);
  // Saved, it is no longer missing: under "all", it says current.
  await page.getByLabel("Alle Texte").check();
  const savedRow = page.locator(".translation-row", { has: page.getByLabel(`Übersetzung: ${what}`) });
  await expect.poll(() => savedRow.locator(".status-tag").textContent()).toBe("Aktuell");

  // A resident following a Turkish link reads the Turkish title, in the page's own language.
  const resident = await openPage(browser, baseUrl);
  await resident.page.goto(`/${CITY}/events/${event.id}?lang=tr`);
  await settled(resident.page);
  expect(await resident.page.locator("html").getAttribute("lang")).toBe("tr");
  expect(await resident.page.locator("main h1").textContent()).toBe(turkish);
  expect(await resident.page.locator("main h1").getAttribute("lang")).toBeNull();
  await resident.context.close();

  // The city changes the German original: the translation is out of date.
  await call("PATCH", `/staff/events/${event.id}`, { title: `${event.title} (neuer Ort)` });
  await openTranslations(page, `process=${processId}&language=tr&show=stale`);
  const staleWhat = `Termin „${event.title} (neuer Ort)“ – Titel`;
  const staleRow = page.locator(".translation-row", { has: page.getByLabel(`Übersetzung: ${staleWhat}`) });
  await staleRow.waitFor();
  expect(await staleRow.locator(".status-tag").textContent()).toBe("Original geändert");
  expect(await staleRow.locator("textarea").inputValue()).toBe(turkish);
  await context.close();
});

for (const language of ["de", "ar"] as const) {
  test(`the translations page in ${language} has no axe violations`, async () => {
    await newEvent(`Axe ${language}`);
    const { context, page } = await openPage(browser, baseUrl);
    await logInToConsole(page, language);
    await openTranslations(page, `process=${processId}&language=tr`);
    expect(await page.locator("html").getAttribute("dir")).toBe(language === "ar" ? "rtl" : "ltr");
    expect(await page.locator(".translation-row").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, `staff-translations-${language}`);
    // The city's own texts too (the office's name, the privacy notice).
    await openTranslations(page, "language=tr");
    await expectNoAxeViolations(page, `staff-translations-city-${language}`);
    await context.close();
  });
}
