// The platform operator's console: every city on the installation, a new city with its first admin
// (invited by mail), refusals at their fields (an address taken, an admin who has an account), and a
// city switched off and on again after a confirm question — by keyboard, axe-clean in German and Arabic.
// And the acceptance test: a new city created with `python -m api create-city`, its admin
// accepts the invitation, sets the city's logo and colour, and the city's site shows them.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl, runCli } from "./support/backend";
import { launchBrowser, openPage, screenshot } from "./support/browser";
import { linkIn, outboxMail } from "./support/mails";

const baseUrl = backendUrl();
const OPERATOR = { email: "betrieb@musterstadt.example", password: "musterstadt-demo-2026" };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/staff/login");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(/\/staff$/);
  await page.locator("main h1").waitFor();
}

/** Types into a field the way a keyboard user gets there: focus, then keys. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

async function press(page: Page, locator: ReturnType<Page["locator"]>, key = "Enter"): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("the operator creates a city by keyboard; a taken address and an admin with an account are refused at their fields", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, OPERATOR.email, OPERATOR.password);
  const menu = page.getByRole("navigation", { name: "Hauptnavigation" });
  expect(await menu.getByRole("link").allTextContents()).toEqual(["Übersicht", "Städte"]);
  await press(page, page.getByRole("link", { name: "Zu den Städten" }));
  await page.getByRole("heading", { level: 1, name: "Städte der Plattform" }).waitFor();
  const musterstadt = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Stadt Musterstadt/ }) });
  await musterstadt.waitFor();
  expect(await musterstadt.textContent()).toContain("eingeschaltet");
  expect(await musterstadt.textContent()).toContain("musterstadt");

  await press(page, page.locator("summary", { hasText: "Neue Stadt anlegen" }));
  const slug = `neustadt-${unique()}`;
  const admin = `erste-admin-${unique()}@neustadt.example`;
  await typeInto(page, "#field-name", "Stadt Neustadt an der Probe");
  await typeInto(page, "#field-slug", "musterstadt");
  // Time zone and language are choices with names, not codes to type.
  await page.locator("#field-timezone").focus();
  expect(await page.locator("#field-timezone option:checked").textContent()).toBe("Berlin – Mitteleuropäische Zeit");
  expect(await page.locator("#field-default_language option:checked").textContent()).toBe("Deutsch");
  await typeInto(page, "#field-contact_email", "integration@neustadt.example");
  await typeInto(page, "#field-admin_name", "Erste Admin");
  await typeInto(page, "#field-admin_email", "admin@musterstadt.example");
  await typeInto(page, "#field-privacy_notice_text", "Die Stadt Neustadt verarbeitet Ihre Angaben nur für Ihre Anmeldung.");
  await press(page, page.getByRole("button", { name: "Stadt anlegen und Einladung senden" }));
  const summary = page.locator(".error-summary");
  await summary.getByRole("link", { name: "Kurzname für die Adresse: Diesen Kurznamen hat schon eine andere Stadt." }).waitFor();
  expect(await page.locator("#field-slug").getAttribute("aria-invalid")).toBe("true");
  await expectNoAxeViolations(page, "operator-cities-error-de");

  await typeInto(page, "#field-slug", slug);
  await press(page, page.getByRole("button", { name: "Stadt anlegen und Einladung senden" }));
  await summary.getByRole("link", { name: "E-Mail: Zu dieser Adresse gibt es schon ein Konto. Jede Adresse gehört zu genau einer Stadt." }).waitFor();
  expect(await page.locator("#field-admin_email").getAttribute("aria-invalid")).toBe("true");

  await typeInto(page, "#field-admin_email", admin);
  await press(page, page.getByRole("button", { name: "Stadt anlegen und Einladung senden" }));
  await page.getByRole("status").filter({ hasText: `Stadt Neustadt an der Probe ist angelegt. Die Einladung an ${admin} ist unterwegs.` }).waitFor();
  const created = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Stadt Neustadt an der Probe/ }) });
  await created.waitFor();
  expect(await created.textContent()).toContain(slug);
  expect(await created.textContent()).toContain("eingeschaltet");
  // The first admin's invitation is in the outbox, with the link to set a password.
  const invitation = await outboxMail(admin);
  expect(invitation.subject).toBe("Einladung: Ihr Zugang für Stadt Neustadt an der Probe");
  linkIn(invitation, /http:\/\/\S+\/staff\/invitation#t=[\w-]+/);
  const city = (await (await fetch(`${baseUrl}/api/v1/orgs/${slug}`)).json()) as { name: string; timezone: string };
  expect(city).toMatchObject({ name: "Stadt Neustadt an der Probe", timezone: "Europe/Berlin" });

  // Switched off after the confirm question: the city's site is gone, nothing deleted; then on again.
  let question = "";
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await press(page, created.getByRole("button", { name: "Stadt Neustadt an der Probe abschalten" }));
  await page.getByRole("status").filter({ hasText: "Stadt Neustadt an der Probe ist abgeschaltet." }).waitFor();
  expect(question).toContain("Gelöscht wird nichts");
  await expect.poll(() => created.textContent()).toContain("abgeschaltet");
  expect((await fetch(`${baseUrl}/api/v1/orgs/${slug}`)).status).toBe(404);
  // A "no" to the question changes nothing.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await press(page, created.getByRole("button", { name: "Stadt Neustadt an der Probe wieder einschalten" }));
  expect((await fetch(`${baseUrl}/api/v1/orgs/${slug}`)).status).toBe(404);
  page.once("dialog", (dialog) => void dialog.accept());
  await press(page, created.getByRole("button", { name: "Stadt Neustadt an der Probe wieder einschalten" }));
  await page.getByRole("status").filter({ hasText: "Stadt Neustadt an der Probe ist wieder eingeschaltet." }).waitFor();
  expect((await fetch(`${baseUrl}/api/v1/orgs/${slug}`)).status).toBe(200);
  await context.close();
});

test("a city admin has no city list, and the address does not open it", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "admin@musterstadt.example", "musterstadt-demo-2026");
  expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Städte" }).count()).toBe(0);
  await page.goto("/staff/platform/cities");
  await page.getByText("Ihre Rolle erlaubt diese Seite nicht.").waitFor();
  await context.close();
});

for (const language of ["de", "ar"] as const) {
  describe(`the city list in ${language}`, () => {
    test("passes axe, with the new-city form open", async () => {
      const { context, page } = await openPage(browser, baseUrl, { locale: language });
      await logIn(page, OPERATOR.email, OPERATOR.password);
      expect(await page.locator("html").getAttribute("dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expectNoAxeViolations(page, `operator-overview-${language}`);
      await page.goto("/staff/platform/cities");
      await page.locator("main .card-list").waitFor();
      await expectNoAxeViolations(page, `operator-cities-${language}`);
      await press(page, page.locator("main summary"));
      await page.locator("#field-slug").waitFor();
      await expectNoAxeViolations(page, `operator-cities-form-${language}`);
      await screenshot(page, `operator-cities-form-${language}`);
      await page.locator("main form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      await expectNoAxeViolations(page, `operator-cities-form-error-${language}`);
      await context.close();
    });
  });
}

test("acceptance: a new city from the command line, its admin accepts the invitation, and the city's site shows its logo and colours", async () => {
  // The operator on the server: one command, with the city's own privacy notice from a file.
  const slug = `neuhausen-${unique()}`;
  const admin = `nora-${unique()}@neuhausen.example`;
  const folder = mkdtempSync(join(tmpdir(), "teilhabe-city-"));
  const noticeFile = join(folder, "datenschutz.txt");
  writeFileSync(noticeFile, "Die Gemeinde Neuhausen verarbeitet Ihre Angaben nur, um Ihre Anmeldung zu verwalten.");
  const { stdout } = await runCli([
    "create-city",
    "--slug", slug,
    "--name", "Gemeinde Neuhausen",
    "--admin-email", admin,
    "--admin-name", "Nora Neumann",
    "--timezone", "Europe/Berlin",
    "--language", "de",
    "--privacy-notice-file", noticeFile,
  ]);
  expect(stdout).toContain(`city ${slug} created`);
  const notice = (await (await fetch(`${baseUrl}/api/v1/orgs/${slug}/privacy-notice`)).json()) as { version: number; text: string };
  expect(notice).toMatchObject({ version: 1, text: "Die Gemeinde Neuhausen verarbeitet Ihre Angaben nur, um Ihre Anmeldung zu verwalten." });

  // The admin opens the invitation mail's link and chooses a password.
  const link = linkIn(await outboxMail(admin), /http:\/\/\S+\/staff\/invitation#t=[\w-]+/);
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(link);
  await page.getByRole("heading", { level: 1, name: "Einladung annehmen" }).waitFor();
  await page.getByRole("textbox", { name: "Neues Passwort", exact: true }).fill("Neuhausen-macht-mit-2027");
  await page.getByRole("textbox", { name: "Passwort wiederholen", exact: true }).fill("Neuhausen-macht-mit-2027");
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await page.getByText("Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.").waitFor();
  await logIn(page, admin, "Neuhausen-macht-mit-2027");
  expect(await page.locator("main").textContent()).toContain("Gemeinde Neuhausen");

  // The city's look: its colour and its logo, in the settings.
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("heading", { level: 1, name: "Einstellungen der Stadt" }).waitFor();
  await page.getByRole("textbox", { name: "Farbe der Stadt (Hex-Wert)" }).fill("#00576B");
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await page.getByRole("status").filter({ hasText: "Die Einstellungen sind gespeichert." }).waitFor();
  const logo = page.getByRole("region", { name: "Logo" });
  await logo.getByLabel("Logo-Datei").setInputFiles({
    name: "wappen.png",
    mimeType: "image/png",
    buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQ9Z8IRAwQCgAZ6gP19ZnVpgAAAABJRU5ErkJggg==", "base64"),
  });
  await logo.getByRole("button", { name: "Logo hochladen" }).click();
  await logo.getByRole("img", { name: "Aktuelles Logo von Gemeinde Neuhausen" }).waitFor();
  await context.close();

  // A resident opens the city's site: the logo with the city's name, the header in the city's colour.
  const resident = await openPage(browser, baseUrl);
  await resident.page.goto("/");
  await resident.page.getByRole("link", { name: "Gemeinde Neuhausen" }).click();
  await resident.page.getByRole("heading", { level: 1, name: "Gemeinde Neuhausen" }).waitFor();
  const shown = resident.page.getByRole("banner").getByRole("img", { name: "Gemeinde Neuhausen" });
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
  await expect.poll(() => resident.page.getByRole("banner").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(0, 87, 107)");
  await expectNoAxeViolations(resident.page, "public-new-city-de");
  await screenshot(resident.page, "public-new-city-branded");
  await resident.context.close();
});
