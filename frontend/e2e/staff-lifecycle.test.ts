// Setting up a process in the console from nothing: process with a phase, a group, its meeting;
// publish each, postpone and cancel the meeting with a reason, delete a draft, archive the process.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
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

function status(page: Page) {
  return page.locator("main .status-tag").first();
}

test("a new process from nothing to archived", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  page.on("dialog", (dialog) => void dialog.accept()); // the "really delete / archive?" questions
  await logIn(page);
  const stamp = Date.now();
  const year = new Date().getFullYear() + 1;

  // The process, with a phase.
  await page.getByRole("link", { name: "Prozesse" }).click();
  await page.getByRole("link", { name: "Neuer Prozess" }).click();
  await page.getByRole("textbox", { name: "Titel" }).fill(`Fortschreibung ${stamp}`);
  await page.getByRole("textbox", { name: "Kurzname für die Adresse" }).fill(`fortschreibung-${stamp}`);
  await page.getByLabel(/^Beginn/).fill(`${year}-01-01`);
  await page.getByLabel(/^Ende/).fill(`${year}-12-31`);
  await page.getByLabel("Art des Konzepts").selectOption("update");
  await page.getByRole("spinbutton", { name: "Jahr des fortgeschriebenen Konzepts" }).fill("2015");
  await page.getByRole("textbox", { name: "Handlungsfelder" }).fill("Sprache\nArbeit\nWohnen");
  await page.getByRole("button", { name: "Prozess anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: `Fortschreibung ${stamp}` }).waitFor();
  expect(await status(page).textContent()).toBe("Entwurf");
  await page.getByText("Phase hinzufügen").first().click();
  await page.getByRole("textbox", { name: "Name der Phase" }).fill("Bestandsaufnahme");
  await page.locator("#field-phase-new-starts_on").fill(`${year}-01-01`);
  await page.locator("#field-phase-new-ends_on").fill(`${year}-03-31`);
  await page.getByRole("button", { name: "Phase hinzufügen" }).click();
  await page.getByRole("status").filter({ hasText: "Phase hinzugefügt." }).waitFor();
  await page.getByRole("heading", { level: 3, name: "Bestandsaufnahme" }).waitFor();
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Veröffentlicht");
  const processUrl = page.url();

  // A group of it.
  await page.getByRole("link", { name: `Gruppen von „Fortschreibung ${stamp}“` }).click();
  await page.getByRole("link", { name: "Neue Gruppe" }).click();
  await expect.poll(() => page.getByLabel(/^Prozess/).locator("option:checked").textContent()).toBe(`Fortschreibung ${stamp}`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("AK Sprache");
  await page.getByRole("textbox", { name: "Kurzname für die Adresse" }).fill("ak-sprache");
  await page.getByLabel("Mitgliedschaft").selectOption("application");
  await page.getByRole("checkbox", { name: "Zivilgesellschaft" }).check();
  await page.getByRole("button", { name: "Gruppe anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: "AK Sprache" }).waitFor();
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Veröffentlicht");

  // Its meeting: published, postponed, cancelled — each with what the public sees.
  await page.getByRole("link", { name: "Termine von „AK Sprache“" }).click();
  await page.getByRole("heading", { level: 1, name: "Termine von „AK Sprache“" }).waitFor();
  await page.getByRole("link", { name: "Neuer Termin" }).click();
  await expect.poll(() => page.getByLabel(/^Gruppe/).locator("option:checked").textContent()).toBe("AK Sprache");
  await page.getByRole("textbox", { name: "Titel" }).fill("AK Sprache: erste Sitzung");
  await page.getByLabel("Format").selectOption("online");
  await page.getByLabel(/^Beginn/).fill(`${year}-02-10T17:00`);
  await page.getByLabel(/^Ende/).fill(`${year}-02-10T19:00`);
  await page.getByRole("textbox", { name: "Link zur Teilnahme" }).fill("https://meet.musterstadt.example/ak-sprache");
  await page.getByRole("button", { name: "Termin als Entwurf anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: "AK Sprache: erste Sitzung" }).waitFor();
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Veröffentlicht");

  await page.getByRole("button", { name: "Verschieben" }).click();
  await page.getByRole("textbox", { name: "Grund" }).fill("Der Raum ist belegt; neuer Termin folgt.");
  await page.getByRole("button", { name: "Termin verschieben" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Verschoben");
  expect(await page.locator("main").textContent()).toContain("Der Raum ist belegt; neuer Termin folgt.");

  await page.getByRole("button", { name: "Absagen" }).click();
  await page.getByRole("textbox", { name: "Grund" }).fill("Die Sitzung entfällt.");
  await page.getByRole("button", { name: "Termin absagen" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Abgesagt");
  expect(await page.getByRole("button", { name: "Speichern" }).count()).toBe(0); // a cancelled date stays as it is

  // A draft nobody has seen is deleted.
  await page.goto("/staff/events/new");
  await page.getByLabel(/^Prozess/).selectOption({ label: `Fortschreibung ${stamp}` });
  await page.getByRole("textbox", { name: "Titel" }).fill(`Entwurf ${stamp}`);
  await page.getByLabel(/^Beginn/).fill(`${year}-05-10T17:00`);
  await page.getByLabel(/^Ende/).fill(`${year}-05-10T19:00`);
  await page.getByLabel(/^Name des Ortes/).fill("Rathaus");
  await page.getByRole("button", { name: "Termin als Entwurf anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: `Entwurf ${stamp}` }).waitFor();
  await page.getByRole("button", { name: "Entwurf löschen" }).click();
  await page.getByRole("heading", { level: 1, name: "Termine" }).waitFor();
  await page.getByRole("status").filter({ hasText: "Gelöscht." }).waitFor();

  // The process ends in the archive: readable, no longer changeable.
  await page.goto(processUrl);
  await page.getByRole("button", { name: "Archivieren" }).click();
  await expect.poll(() => status(page).textContent()).toBe("Archiviert");
  expect(await page.getByRole("button", { name: "Speichern" }).count()).toBe(0);
  expect(await page.locator("main").textContent()).toContain("Sprache · Arbeit · Wohnen");
  await context.close();
});
