// A new colleague follows their mails end to end: an admin invites them, the invitation is read on
// the development mail page, the link sets a password; later a forgotten password is reset by mail.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { linkIn, waitForMail } from "./support/mails";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill(email);
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Übersicht" }).waitFor();
}

async function choosePassword(page: Page, password: string, repeat = password): Promise<void> {
  await page.getByRole("textbox", { name: "Neues Passwort", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Passwort wiederholen", exact: true }).fill(repeat);
  await page.getByRole("button", { name: "Passwort speichern" }).click();
}

test("an invitation is read on the mail page and its link activates the account", async () => {
  const email = `neu-${Date.now()}@musterstadt.example`;
  const admin = await openPage(browser, baseUrl);
  await admin.page.goto("/staff/login");
  await logIn(admin.page, "admin@musterstadt.example", "musterstadt-demo-2026");
  await admin.page.getByRole("link", { name: "Mitarbeitende" }).click();
  await admin.page.getByText("Person einladen").click();
  await admin.page.getByRole("textbox", { name: "Name", exact: true }).fill("Neue Kollegin");
  await admin.page.getByRole("textbox", { name: "E-Mail", exact: true }).fill(email);
  await admin.page.getByLabel(/^Rolle/).first().selectOption("group_moderator");
  await admin.page.getByLabel(/^Gruppe/).first().selectOption({ label: "AG Bildung" });
  await admin.page.getByRole("button", { name: "Einladung senden" }).click();
  await admin.page.getByRole("status").filter({ hasText: `Die Einladung an ${email} ist unterwegs.` }).waitFor();
  const card = admin.page.getByRole("listitem").filter({ hasText: email });
  expect(await card.textContent()).toContain("Eingeladen");
  // The group's name comes with the city's group list, which may arrive after the new card.
  await expect.poll(() => card.textContent()).toContain("Moderation einer Gruppe – AG Bildung");

  // The captured mail, as a new user reads it in the console.
  await admin.page.getByRole("link", { name: "Mails (Entwicklung)" }).click();
  await admin.page.getByRole("searchbox", { name: "Empfänger" }).fill(email);
  await admin.page.getByRole("button", { name: "Anzeigen" }).click();
  const mail = admin.page.locator("li.mail").filter({ hasText: `An: ${email}` });
  await mail.waitFor();
  const invitationLink = mail.getByRole("link", { name: /\/staff\/invitation#t=/ });
  const href = (await invitationLink.getAttribute("href")) as string;
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/staff\/invitation#t=[\w-]+$/);
  await admin.context.close();

  // The colleague opens the link in their own browser.
  const colleague = await openPage(browser, baseUrl);
  await colleague.page.goto(href);
  await colleague.page.getByRole("heading", { level: 1, name: "Einladung annehmen" }).waitFor();
  await choosePassword(colleague.page, "kurz");
  const summary = colleague.page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
  await summary.getByRole("link", { name: "Neues Passwort: Bitte mindestens 12 Zeichen." }).waitFor();
  await choosePassword(colleague.page, "Vielfalt-in-Musterstadt-27", "Vielfalt-in-Musterstadt-28");
  await summary.getByRole("link", { name: "Passwort wiederholen: Die beiden Passwörter stimmen nicht überein." }).waitFor();
  await choosePassword(colleague.page, "Vielfalt-in-Musterstadt-27");
  await colleague.page.getByText("Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.").waitFor();
  await logIn(colleague.page, email, "Vielfalt-in-Musterstadt-27");
  expect(await colleague.page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link").allTextContents()).toEqual([
    "Übersicht",
    "AG Bildung: Mitglieder",
    "AG Bildung: Termine",
  ]);

  // The link is spent: a second use is refused with the API's sentence.
  const again = await openPage(browser, baseUrl);
  await again.page.goto(href);
  await choosePassword(again.page, "Noch-ein-anderes-Passwort-1");
  await again.page.getByRole("alert").filter({ hasText: /link/i }).waitFor();
  await again.page.getByRole("link", { name: "Einen neuen Link anfordern" }).waitFor();
  await again.context.close();

  // Later: the password is forgotten and reset through the mailed link.
  await colleague.page.getByRole("button", { name: "Abmelden" }).click();
  await colleague.page.getByRole("textbox", { name: "E-Mail-Adresse für den Link" }).fill(email);
  await colleague.page.getByRole("button", { name: "Link anfordern" }).click();
  await colleague.page.getByRole("status").filter({ hasText: "Wenn es ein Konto mit dieser Adresse gibt" }).waitFor();
  const resetMail = await waitForMail(baseUrl, email, /.+/);
  const resetLink = linkIn(resetMail, /http:\/\/\S+\/staff\/password-reset#t=[\w-]+/);
  await colleague.page.goto(resetLink);
  await colleague.page.getByRole("heading", { level: 1, name: "Neues Passwort wählen" }).waitFor();
  await choosePassword(colleague.page, "Neues-Passwort-fuer-2028");
  await colleague.page.getByText("Ihr Passwort ist gespeichert.").waitFor();
  await logIn(colleague.page, email, "Neues-Passwort-fuer-2028");
  await colleague.context.close();
});
