// The API's own validation messages appear at the field they name and in the error summary, which
// takes focus and links to the field.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { staffToken } from "./support/mails";

const baseUrl = backendUrl();
let browser: Browser;
let kickoffId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const token = await staffToken(baseUrl);
  const response = await fetch(`${baseUrl}/api/v1/staff/events?kind=kickoff`, { headers: { Authorization: `Bearer ${token}` } });
  kickoffId = ((await response.json()) as { items: { id: string }[] }).items[0].id;
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

/** The texts that describe a control (its hint and error), as a screen reader reads them after the label. */
async function descriptionOf(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

test("an event that ends before it starts: the rule in the console's words at the end field and in the focused summary", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto("/staff/events/new");
  await page.getByLabel(/^Prozess/).selectOption({ label: "Integrationskonzept Musterstadt" });
  await page.getByRole("textbox", { name: "Titel" }).fill("Workshop mit falscher Zeit");
  await page.getByLabel(/^Beginn/).fill("2027-03-10T18:00");
  await page.getByLabel(/^Ende/).fill("2027-03-10T16:00");
  await page.getByLabel(/^Name des Ortes/).fill("Rathaus");
  await page.getByRole("button", { name: "Termin als Entwurf anlegen" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
  await summary.waitFor();
  await expect.poll(() => summary.evaluate((box) => box === document.activeElement)).toBe(true);
  const link = summary.getByRole("link", { name: "Ende: Das Ende muss nach dem Beginn liegen." });
  expect(await link.getAttribute("href")).toBe("#field-ends_at");
  expect(await page.locator("#field-ends_at").getAttribute("aria-invalid")).toBe("true");
  expect(await descriptionOf(page, "#field-ends_at")).toContain("Das Ende muss nach dem Beginn liegen.");
  expect(await page.locator("main").textContent()).not.toContain("The event must end"); // never the API's English
  expect(await page.locator("#field-starts_at").getAttribute("aria-invalid")).toBeNull();
  await link.click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-ends_at");
  expect(page.url()).toContain("/staff/events/new"); // nothing was created
  await context.close();
});

test("a phone sign-up without phone and e-mail, or with a far too long name: the API's rules in German at the fields", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto(`/staff/events/${kickoffId}/sign-up`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ohne Kontakt");
  await page.getByRole("button", { name: "Anmeldung speichern" }).click();
  // Consent is checked before anything is sent: nothing may be stored without it.
  const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
  await summary.getByRole("link", { name: /Datenschutzerklärung/ }).waitFor();

  await page.getByLabel(/Datenschutzerklärung \(Version 1\)/).check();
  await page.getByRole("button", { name: "Anmeldung speichern" }).click();
  await summary.getByRole("link", { name: "Telefon: Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an." }).waitFor();
  expect(await descriptionOf(page, "#field-phone")).toContain("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.");

  await page.getByLabel("Telefon", { exact: true }).fill("1-2-3");
  await page.getByRole("button", { name: "Anmeldung speichern" }).click();
  await summary.getByRole("link", { name: /^Telefon: Bitte geben Sie eine Telefonnummer ein/ }).waitFor();

  // A name of 260 characters: the field's maximum, not "please enter a name".
  await page.getByLabel("Telefon", { exact: true }).fill("0171 2345678");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Ü".repeat(260));
  await page.getByRole("button", { name: "Anmeldung speichern" }).click();
  await summary.getByRole("link", { name: "Name: Bitte höchstens 200 Zeichen." }).waitFor();
  expect(await descriptionOf(page, "#field-full_name")).toContain("Bitte höchstens 200 Zeichen.");
  await context.close();
});

test("a process slug that is taken: the conflict shown at the slug field", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto("/staff/processes/new");
  await page.getByRole("textbox", { name: "Titel" }).fill("Zweites Konzept");
  await page.getByRole("textbox", { name: "Kurzname für die Adresse" }).fill("integrationskonzept");
  await page.getByLabel(/^Beginn/).fill("2027-01-01");
  await page.getByLabel(/^Ende/).fill("2027-12-31");
  await page.getByRole("button", { name: "Prozess anlegen" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
  await summary.getByRole("link", { name: "Kurzname für die Adresse: Das ist schon vergeben." }).waitFor();
  expect(await page.locator("#field-slug").getAttribute("aria-invalid")).toBe("true");
  await context.close();
});

test("a wrong password is refused with a sentence, not a code", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto("/staff/login");
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill("admin@musterstadt.example");
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill("falsch-falsch-falsch");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort stimmen nicht." }).waitFor();
  expect(page.url()).toContain("/staff/login");
  await context.close();
});
