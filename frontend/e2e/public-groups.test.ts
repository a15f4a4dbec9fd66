// Working groups: a person chooses several, puts them in order with the move buttons (keyboard), applies,
// gets the manage link by mail and withdraws. The appointed steering group offers no sign-up.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, PROCESS, demoGroups, uniqueEmail } from "./support/demo";
import { linkIn, waitForMail } from "./support/mails";
import { settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const focusedLabel = (page: import("playwright-core").Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

test("apply to three groups in order of preference, then withdraw through the mail's link", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  const email = uniqueEmail("groups");
  await page.goto(`/${CITY}/processes/${PROCESS}`);
  await settled(page);
  await page.getByRole("link", { name: "In einer oder mehreren Arbeitsgruppen mitmachen" }).click();
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("In Arbeitsgruppen mitmachen");

  await page.getByLabel(/AG Bildung/).check();
  await page.getByLabel(/AG Arbeit/).check();
  await page.getByLabel(/AG Gesellschaftliche Teilhabe/).check();
  const order = page.locator(".preference-list .preference-name");
  expect(await order.allTextContents()).toEqual([
    "Wunsch 1 AG Bildung",
    "Wunsch 2 AG Arbeit",
    "Wunsch 3 AG Gesellschaftliche Teilhabe",
  ]);
  // The first group cannot go further up, the last not further down.
  expect(await page.getByRole("button", { name: "AG Bildung nach oben" }).isDisabled()).toBe(true);
  expect(await page.getByRole("button", { name: "AG Gesellschaftliche Teilhabe nach unten" }).isDisabled()).toBe(true);

  // With the keyboard: focus "move up" of the third group and press Enter twice.
  await page.getByRole("button", { name: "AG Gesellschaftliche Teilhabe nach oben" }).focus();
  await page.keyboard.press("Enter");
  expect(await page.locator(".preference-list + [role=status]").textContent()).toBe(
    "AG Gesellschaftliche Teilhabe ist jetzt auf Platz 2 von 3.",
  );
  expect(await focusedLabel(page)).toBe("AG Gesellschaftliche Teilhabe nach oben");
  await page.keyboard.press("Enter");
  expect(await page.locator(".preference-list + [role=status]").textContent()).toBe(
    "AG Gesellschaftliche Teilhabe ist jetzt auf Platz 1 von 3.",
  );
  // At the top "move up" is disabled; focus stays with the group, on its "move down".
  expect(await focusedLabel(page)).toBe("AG Gesellschaftliche Teilhabe nach unten");
  expect(await order.allTextContents()).toEqual([
    "Wunsch 1 AG Gesellschaftliche Teilhabe",
    "Wunsch 2 AG Bildung",
    "Wunsch 3 AG Arbeit",
  ]);

  await page.getByLabel("Ihr Name").fill("Samira Gruppe");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
  await page.getByRole("button", { name: "Anmeldung senden" }).click();

  const done = page.getByRole("region", { name: /Danke – bitte sehen Sie in Ihr E-Mail-Postfach/ });
  await expect.poll(() => done.count()).toBe(1);
  // Nothing counts before the address is confirmed by the link in the mail.
  expect(await done.locator("li").allTextContents()).toEqual([
    "AG Gesellschaftliche Teilhabe: Noch nicht bestätigt",
    "AG Bildung: Noch nicht bestätigt",
    "AG Arbeit: Noch nicht bestätigt",
  ]);

  const mail = await waitForMail(baseUrl, email, /.*/);
  const confirm = new URL(linkIn(mail, /https?:\/\/\S+\/manage\/membership\?confirm=1#t=[A-Za-z0-9_-]+/));
  await page.goto(confirm.pathname + confirm.search + confirm.hash);
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("Ihre Mitgliedschaft in der Arbeitsgruppe");
  await expect.poll(() => page.getByText("Danke! Ihre Bewerbung ist bestätigt.").count()).toBe(1);
  expect(await page.locator(".badge").first().textContent()).toBe("Mitglied");
  await page.getByRole("button", { name: "Aus der Gruppe austreten" }).click();
  await page.getByRole("button", { name: "Ja, austreten" }).click();
  await expect.poll(() => page.getByText("Sie sind aus der Gruppe ausgetreten.").count()).toBe(1);
  expect(await page.locator(".badge").first().textContent()).toBe("Ausgetreten");
  await context.close();
});

test("the appointed steering group explains itself and offers no sign-up", async () => {
  const steering = (await demoGroups(baseUrl)).find((group) => group.membership_mode === "appointed");
  expect(steering).toBeDefined();
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/${CITY}/groups/${steering?.id}`);
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe(steering?.name);
  expect(await page.getByText("Die Mitglieder dieser Gruppe werden von der Stadt berufen.").count()).toBe(1);
  expect(await page.getByRole("link", { name: "Für diese Arbeitsgruppe anmelden" }).count()).toBe(0);
  expect(await page.locator("form").count()).toBe(0);
  await context.close();
});

test("an open group's page leads to the application with the group already chosen", async () => {
  const bildung = (await demoGroups(baseUrl)).find((group) => group.name === "AG Bildung");
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/${CITY}/groups/${bildung?.id}`);
  await settled(page);
  expect(await page.getByRole("heading", { level: 2, name: "Sitzungen" }).count()).toBe(1);
  expect(await page.locator(".card-list .card").count()).toBe(2); // its two meetings
  await page.getByRole("link", { name: "Für diese Arbeitsgruppe anmelden" }).click();
  await settled(page);
  expect(await page.getByLabel(/AG Bildung/).isChecked()).toBe(true);
  expect(await page.getByLabel(/AG Arbeit/).isChecked()).toBe(false);
  await context.close();
});
