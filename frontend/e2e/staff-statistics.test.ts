// The statistics of a process in the console: key figures, charts with their tables, small cells shown
// as "< 5", a table as CSV; in German and in Arabic (right to left), with no axe violations.
// Its own process with its own sign-ups (by phone, through the API): the demo's figures change with
// every other test file on this backend.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage, screenshot } from "./support/browser";
import { CITY, currentConsent } from "./support/demo";
import { staffToken } from "./support/mails";
import { gotoIn, settled } from "./support/pages";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let process: { id: string; title: string; slug: string };

async function created(response: Response): Promise<{ id: string }> {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const headers = { Authorization: `Bearer ${await staffToken(baseUrl)}`, "Content-Type": "application/json" };
  const post = (path: string, body: unknown = {}) =>
    fetch(`${baseUrl}/api/v1/staff${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const stamp = Date.now();
  const day = (days: number) => new Date(stamp + days * 86_400_000).toISOString().slice(0, 10);
  const title = `Statistik-Probe ${stamp}`;
  const { id } = await created(
    await post("/processes", { slug: `statistik-probe-${stamp}`, title, summary: "Für den Browsertest.", starts_on: day(-10), ends_on: day(300) }),
  );
  await created(await post(`/processes/${id}/publish`));
  const event = await created(
    await post("/events", {
      process_id: id,
      title: "Werkstatt Statistik",
      kind: "workshop",
      format: "in_person",
      starts_at: `${day(20)}T18:00`,
      ends_at: `${day(20)}T20:00`,
      venue: { name: "Bürgerhaus" },
    }),
  );
  await created(await post(`/events/${event.id}/publish`));
  // Five residents and two experts: both cells are hidden (one hidden cell alone would be the total minus the other).
  const consent = await currentConsent(baseUrl);
  for (let n = 0; n < 7; n++) {
    const category = n < 5 ? "resident" : "expert";
    await created(
      await post(`/events/${event.id}/registrations`, { full_name: `Person ${n}`, phone: `0151 ${1000000 + n}`, category, channel: "phone", consent }),
    );
  }
  process = { id, title, slug: `statistik-probe-${stamp}` };
});
afterAll(async () => {
  await browser?.close();
});


/** The rows of the table with this caption, cell by cell. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.locator("table").filter({ has: page.locator("caption", { hasText: caption }) });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td"), (cell) => (cell.textContent ?? "").trim())),
  );
}

test("German: from the process to its statistics; small cells read '< 5', the table downloads as CSV", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "de");
  await page.goto(`/staff/processes/${process.id}`);
  await settled(page);
  await page.getByRole("link", { name: `Statistik zu „${process.title}“` }).click();
  await page.waitForURL(new RegExp(`/staff/processes/${process.id}/statistics$`));
  await settled(page);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Statistik: ${process.title}`);
  expect(await page.locator(".stats-summary dd").allTextContents()).toEqual(["7", "7", "0"]);

  expect(await tableRows(page, "Nach Gruppe der Beteiligten")).toEqual([
    ["Einwohnerschaft", "< 5"],
    ["Fachleute", "< 5"],
    ["Insgesamt", "7"],
  ]);
  expect(await tableRows(page, "Nach Weg der Anmeldung")).toEqual([
    ["Telefon", "7"],
    ["Insgesamt", "7"],
  ]);
  expect((await tableRows(page, "Nach Veranstaltung"))[0]).toEqual(expect.arrayContaining(["Werkstatt Statistik", "7"]));
  // Every chart is a named picture of the table under it.
  const charts = page.locator("svg[role=img]");
  expect(await charts.count()).toBeGreaterThanOrEqual(5);
  expect(await charts.first().getAttribute("aria-label")).toMatch(/^Diagramm: .*Tabelle darunter\.$/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Tabelle als CSV herunterladen: Nach Gruppe der Beteiligten" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^statistik-statistik-probe-\d+-category\.csv$/);
  const text = readFileSync(await download.path(), "utf8");
  expect(text.replace(/^\ufeff/, "").split("\r\n")).toEqual([
    "Kategorie;Personen",
    "Einwohnerin/Einwohner;< 5",
    "Fachperson;< 5",
    "Insgesamt;7",
    "",
  ]);
  await screenshot(page, "staff-statistics-de");
  await expectNoAxeViolations(page, "staff-statistics-de");
  await context.close();
});

test("Arabic: the same figures right to left, small cells in words, with no axe violations", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await logIn(page, "ar");
  await page.goto(`/staff/processes/${process.id}/statistics`);
  await settled(page);
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`الإحصاءات: ${process.title}`);
  const rows = await tableRows(page, "حسب فئة المشاركين");
  expect(rows.map((row) => row[1])).toEqual(["أقل من 5", "أقل من 5", "7"]);
  await screenshot(page, "staff-statistics-ar");
  await expectNoAxeViolations(page, "staff-statistics-ar");
  await context.close();
});

test("The city's statistics open from the process list for the admin", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "de");
  await page.goto("/staff/processes");
  await settled(page);
  await page.getByRole("link", { name: "Statistik aller Prozesse" }).click();
  await page.waitForURL(/\/staff\/statistics$/);
  await settled(page);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Statistik aller Prozesse");
  await expectNoAxeViolations(page, "staff-statistics-city-de");
  await context.close();
});

test("The public process page shows the totals only: people who took part, events held, groups", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await gotoIn(page, `/${CITY}/processes/${process.slug}`, "de");
  const reach = page.getByRole("region", { name: "Bisher erreicht" });
  expect(await reach.locator("dt, dd").allTextContents()).toEqual([
    "Menschen, die mitgemacht haben",
    "7",
    "Termine, die stattgefunden haben",
    "0",
    "Arbeitsgruppen",
    "0",
  ]);
  expect(await page.locator("main").textContent()).not.toContain("Person 0");
  await expectNoAxeViolations(page, "public-process-reach-de");
  await context.close();
});
