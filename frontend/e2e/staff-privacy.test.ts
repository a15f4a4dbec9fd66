// Data-protection requests and API clients in the console. An admin finds a person by phone number,
// sees what the city holds about them, downloads it as a file (read back here), erases them after a
// step that says what happens, and they are gone from the event's sign-ups. An API client is created
// with the keyboard alone (one of its permissions: seeing online access details), its key works until it
// is revoked. Every page passes axe in German and Arabic.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage, screenshot } from "./support/browser";
import { staffToken } from "./support/mails";
import { currentConsent } from "./support/demo";
import { staffCall } from "./support/staffApi";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let token = "";
let kickoff = { id: "", title: "" };

const call = <T,>(method: string, path: string, body?: unknown, bearer = token) => staffCall<T>(baseUrl, bearer, method, path, body);

/** A person who signed up by phone, with an e-mail address too. */
async function personSignedUp(fullName: string, phone: string): Promise<void> {
  await call("POST", `/staff/events/${kickoff.id}/registrations`, {
    full_name: fullName,
    email: `${fullName.toLowerCase().replace(/\W+/g, ".")}-${Date.now()}@example.org`,
    phone,
    channel: "phone",
    category: "resident",
    consent: await currentConsent(baseUrl),
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  token = await staffToken(baseUrl);
  kickoff = (await call<{ items: { id: string; title: string }[] }>("GET", "/staff/events?kind=kickoff")).items[0];
});
afterAll(async () => {
  await browser?.close();
});


test("a person is found by phone number, their data downloaded and erased", async () => {
  await personSignedUp("Leyla Demir", "0176 555-0123");
  await personSignedUp("Jonas Weber", "0176 999 8888");
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);

  // Before: she is on the kickoff's list.
  await page.goto(`/staff/events/${kickoff.id}/registrations`);
  await page.getByRole("heading", { level: 1, name: `Anmeldungen zu „${kickoff.title}“` }).waitFor();
  await page.getByRole("listitem").filter({ hasText: "Leyla Demir" }).first().waitFor();

  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Datenschutz" }).click();
  await page.getByRole("heading", { level: 1, name: "Datenschutz-Anfragen" }).waitFor();
  await page.getByRole("searchbox", { name: "Name, E-Mail-Adresse oder Telefonnummer" }).fill("01765550123");
  await page.getByRole("button", { name: "Suchen" }).click();
  await page.getByRole("status").filter({ hasText: "1 Person gefunden." }).waitFor();
  const result = page.getByRole("listitem").filter({ hasText: "Leyla Demir" });
  await result.getByText("1 Anmeldung zu einer Veranstaltung, 0 Arbeitsgruppen").waitFor();
  await expectNoAxeViolations(page, "staff-privacy-search-de");

  await result.getByRole("link", { name: "Leyla Demir" }).click();
  await page.getByRole("heading", { level: 1, name: "Gespeicherte Daten von Leyla Demir" }).waitFor();
  const facts = page.locator("dl.details");
  await facts.getByText("0176 555-0123").waitFor();
  await facts.getByText("Einwohnerschaft", { exact: true }).waitFor();
  await page.getByRole("heading", { level: 3, name: new RegExp(kickoff.title) }).waitFor();
  await page.getByText(/^Fassung 1, erteilt am .* \(Telefon\)$/).waitFor();

  // The export, as a file: read back, it names her.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Daten als Datei herunterladen" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(exported.person).toMatchObject({ full_name: "Leyla Demir", phone: "0176 555-0123" });
  expect(exported.registrations.map((r: { event: { title: string } }) => r.event.title)).toEqual([kickoff.title]);

  // The erasure: a step that says what goes and what stays, and wants to know how the request came.
  await page.getByRole("button", { name: "Daten löschen …" }).click();
  const step = page.locator(".confirm-panel").filter({ hasText: "Alle Daten von Leyla Demir löschen?" });
  await step.getByText("Name, E-Mail-Adresse, Telefonnummer und Organisation werden gelöscht.").waitFor();
  await step.getByText(/Anmeldungen zu kommenden Veranstaltungen werden storniert/).waitFor();
  await step.getByText("Das lässt sich nicht rückgängig machen.").waitFor();
  await step.getByRole("button", { name: "Daten endgültig löschen" }).click();
  await step.getByRole("alert").getByRole("link", { name: /^Wie hat Sie die Anfrage erreicht\?: Geben Sie an, wie die Anfrage/ }).waitFor();
  expect(await step.innerText()).not.toMatch(/String should|at least 1 character/);
  await expectNoAxeViolations(page, "staff-privacy-erase-step-de");
  await screenshot(page, "staff-privacy-person-erase-de");
  await step.getByRole("textbox", { name: /^Wie hat Sie die Anfrage erreicht\?/ }).fill("Brief vom 3. Mai");
  await step.getByRole("button", { name: "Daten endgültig löschen" }).click();
  await page.getByRole("heading", { level: 1, name: "Datenschutz-Anfragen" }).waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: "Die Daten von Leyla Demir sind gelöscht (1 Anmeldung storniert, 0 Mitgliedschaften beendet" })
    .waitFor();

  // The record of requests: the download and the erasure, by whom, without her name.
  const record = page.getByRole("table", { name: "Bisherige Anfragen" });
  await record.getByRole("row").filter({ hasText: "Daten gelöscht" }).filter({ hasText: "Demo-Admin Musterstadt" }).waitFor();
  expect(await record.getByRole("row").filter({ hasText: "Daten angezeigt oder heruntergeladen" }).count()).toBeGreaterThanOrEqual(2);
  expect(await record.innerText()).not.toContain("Leyla");
  await expectNoAxeViolations(page, "staff-privacy-de");

  // She is found no more, by number or name; the other person still is.
  await page.getByRole("searchbox", { name: "Name, E-Mail-Adresse oder Telefonnummer" }).fill("Leyla");
  await page.getByRole("button", { name: "Suchen" }).click();
  await page.getByRole("status").filter({ hasText: "0 Personen gefunden." }).waitFor();
  await page.getByRole("searchbox", { name: "Name, E-Mail-Adresse oder Telefonnummer" }).fill("0176 999");
  await page.getByRole("button", { name: "Suchen" }).click();
  await page.getByRole("listitem").filter({ hasText: "Jonas Weber" }).waitFor();

  // And she is gone from the kickoff's sign-ups.
  await page.goto(`/staff/events/${kickoff.id}/registrations`);
  await page.getByRole("heading", { level: 1, name: `Anmeldungen zu „${kickoff.title}“` }).waitFor();
  await page.getByRole("listitem").filter({ hasText: "Jonas Weber" }).first().waitFor();
  expect(await page.getByText("Leyla Demir").count()).toBe(0);
  expect(await page.getByText("0176 555-0123").count()).toBe(0);
  await context.close();
});

type Focused = { tag: string; name: string; outline: string };

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { tag: "", name: "", outline: "" };
    const input = element as HTMLInputElement;
    const label = element.getAttribute("aria-label") ?? input.labels?.[0]?.textContent ?? element.textContent ?? "";
    return { tag: element.tagName.toLowerCase(), name: label.replace(/\s+/g, " ").trim(), outline: getComputedStyle(element).outlineStyle };
  });
}

/** Presses Tab until the element named `name` has focus (at most `limit` times), and returns it. */
async function tabTo(page: Page, name: string | RegExp, limit = 40): Promise<Focused> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (typeof name === "string" ? now.name === name : name.test(now.name)) return now;
  }
  throw new Error(`Tab never reached ${name}`);
}

test("an API client is created with the keyboard alone, its key works until it is revoked", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto("/staff/clients");
  await page.getByRole("heading", { level: 1, name: "API-Zugänge" }).waitFor();

  // Keyboard only: open the form, name it, tick two permissions, send.
  expect(await tabTo(page, "Neuer Zugang")).toMatchObject({ tag: "summary", outline: "solid" });
  await page.keyboard.press("Enter");
  expect(await tabTo(page, /^Name/, 1)).toMatchObject({ tag: "input", outline: "solid" });
  await page.keyboard.type("Website der Stadt");
  expect(await tabTo(page, "Termine lesen", 1)).toMatchObject({ tag: "input", outline: "solid" });
  await page.keyboard.press("Space");
  expect(await tabTo(page, "Termine verwalten", 1)).toMatchObject({ tag: "input" });
  expect(await tabTo(page, "Online-Zugangsdaten sehen", 1)).toMatchObject({ tag: "input" });
  await page.keyboard.press("Space");
  expect(await tabTo(page, "Anmeldungen lesen", 1)).toMatchObject({ tag: "input" });
  await page.keyboard.press("Space");
  expect(await tabTo(page, "Anmeldungen erfassen", 1)).toMatchObject({ tag: "input" });
  expect(await tabTo(page, "Zugang anlegen", 1)).toMatchObject({ tag: "button", outline: "solid" });
  await page.keyboard.press("Enter");

  // The key, once, and focus on it; the next Tab reaches its copy button.
  const once = page.getByRole("region", { name: "Der Schlüssel für „Website der Stadt“" });
  await once.waitFor();
  await expect.poll(async () => (await focused(page)).tag).toBe("section");
  const key = (await once.locator("code").innerText()).trim();
  expect(key).toMatch(/^thk_/);
  expect(await tabTo(page, "Kopieren", 1)).toMatchObject({ tag: "button", outline: "solid" });
  await expectNoAxeViolations(page, "staff-clients-key-de");
  await screenshot(page, "staff-clients-key-de");

  // The card: permissions in words, never used yet.
  const card = page.getByRole("listitem").filter({ hasText: "Website der Stadt" });
  await card.getByText("Termine lesen, Online-Zugangsdaten sehen, Anmeldungen lesen").waitFor();
  await card.getByText("Zuletzt genutzt: nie").waitFor();

  // The key works for what it may do; the console then says when it was last used.
  const events = await fetch(`${baseUrl}/api/v1/staff/events`, { headers: { Authorization: `Bearer ${key}` } });
  expect(events.status).toBe(200);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "API-Zugänge" }).waitFor();
  await expect.poll(() => card.innerText()).toMatch(/Zuletzt genutzt: \S+, \d{1,2}\. \S+ \d{4} um \d{2}:\d{2}/);

  // Revoke by keyboard, after the step that says what it means.
  expect(await tabTo(page, "Zugang Website der Stadt sperren")).toMatchObject({ tag: "button", outline: "solid" });
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await focused(page)).name).toMatch(/^Zugang Website der Stadt endgültig sperren\?/);
  expect(await card.innerText()).toContain("Jede Anfrage mit seinem Schlüssel wird ab sofort abgewiesen.");
  expect(await tabTo(page, "Endgültig sperren", 2)).toMatchObject({ tag: "button" });
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Der Zugang Website der Stadt ist gesperrt." }).waitFor();
  await card.getByText("Gesperrt", { exact: true }).waitFor();
  const refused = await fetch(`${baseUrl}/api/v1/staff/events`, { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status).toBe(401);
  await context.close();
});

describe("data pages in Arabic", () => {
  test("API clients, the search, a person and the erasure step pass axe right to left", async () => {
    // A name no other test file uses: files on the same backend add people named Samira too.
    await personSignedUp("Samira Qasemi", "0151 2223334");
    const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
    await logIn(page);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");

    await page.goto("/staff/clients");
    await page.getByRole("heading", { level: 1, name: "مفاتيح الواجهة البرمجية" }).waitFor();
    await page.getByText("وصول جديد").click();
    await page.getByRole("button", { name: "إنشاء الوصول" }).click();
    const summary = page.locator(".error-summary");
    await summary.getByText("اختر صلاحية واحدة على الأقل.").waitFor();
    await summary.getByText("أعطِ الوصول اسمًا (200 حرف على الأكثر).").waitFor();
    await expectNoAxeViolations(page, "staff-clients-error-ar");
    await page.locator("#field-name").fill("تطبيق المدينة");
    await page.locator("#field-scopes").check();
    await page.getByRole("button", { name: "إنشاء الوصول" }).click();
    await page.locator(".once-secret").waitFor();
    await page.getByText("رؤية جميع العمليات ومجموعات العمل والفعاليات", { exact: false }).first().waitFor();
    await expectNoAxeViolations(page, "staff-clients-ar");

    await page.goto("/staff/privacy");
    await page.getByRole("heading", { level: 1, name: "طلبات حماية البيانات" }).waitFor();
    await page.getByRole("searchbox").fill("Qasemi");
    await page.getByRole("button", { name: "بحث" }).click();
    await page.getByRole("status").filter({ hasText: "عُثر على شخص واحد." }).waitFor();
    await expectNoAxeViolations(page, "staff-privacy-search-ar");
    await page.getByRole("link", { name: "Samira Qasemi" }).click();
    await page.getByRole("heading", { level: 1, name: /Samira Qasemi/ }).waitFor();
    await page.getByRole("button", { name: "حذف البيانات …" }).click();
    await page.getByText("لا يمكن التراجع عن ذلك.").waitFor();
    await expectNoAxeViolations(page, "staff-privacy-person-ar");
    await screenshot(page, "staff-privacy-person-ar");
    await context.close();
  });
});
