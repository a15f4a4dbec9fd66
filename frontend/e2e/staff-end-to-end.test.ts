// A staff member's day, end to end in the real browser against the real backend: log in, plan a
// date and publish it, take a sign-up by phone, check the person in at the door, download the list.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = backendUrl();
const PASSWORD = "musterstadt-demo-2026";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/staff/login");
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill(email);
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Übersicht" }).waitFor();
}

/** A day in the city's time zone, `days` from today, as YYYY-MM-DD. */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

test("an admin plans a date, takes a phone sign-up, checks the person in and downloads the list", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  const title = `Sprechstunde Integration ${Date.now()}`;
  const day = dayFromNow(10);

  await page.goto("/staff/events");
  await page.waitForURL(/\/staff\/login\?next=/); // not logged in: the login comes first, then back here
  await page.getByRole("textbox", { name: "E-Mail-Adresse", exact: true }).fill("admin@musterstadt.example");
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Termine" }).waitFor();
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toContain("teilhabe.staff.tokens");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes("token")))).toEqual([]);

  // Plan the date.
  await page.getByRole("link", { name: "Neuer Termin" }).click();
  await page.getByLabel("Prozess").selectOption({ label: "Integrationskonzept Musterstadt" });
  await page.getByRole("textbox", { name: "Titel" }).fill(title);
  await page.getByLabel("Art", { exact: true }).selectOption("workshop");
  await page.getByLabel(/^Beginn/).fill(`${day}T17:00`);
  await page.getByLabel(/^Ende/).fill(`${day}T19:00`);
  await page.getByLabel(/^Name des Ortes/).fill("Stadtteilzentrum Nord");
  await page.getByRole("spinbutton", { name: "Plätze" }).fill("20");
  // Languages are picked by name, in the console's language: no codes to type.
  const interpretation = page.getByRole("group", { name: "Dolmetschen auf Wunsch in" });
  await interpretation.getByRole("checkbox", { name: "Arabisch" }).check();
  await interpretation.getByRole("checkbox", { name: "Ukrainisch" }).check();
  expect(await page.getByRole("group", { name: "Sprachen der Veranstaltung" }).getByRole("checkbox", { name: "Deutsch" }).isChecked()).toBe(true);
  // One question for the sign-up: which language to interpret into.
  await page.getByRole("button", { name: "Frage hinzufügen" }).click();
  const question = page.getByRole("group", { name: "Frage 1" });
  await question.getByRole("textbox", { name: "Frage", exact: true }).fill("Brauchen Sie eine Übersetzung?");
  // No technical key to invent: the question has no id field, its id comes from the label.
  expect(await question.getByRole("textbox", { name: "Kennung" }).count()).toBe(0);
  await question.getByLabel("Art der Antwort").selectOption("choice");
  await question.getByRole("textbox", { name: "Antwortmöglichkeiten" }).fill("Arabisch\nTürkisch");
  await page.getByRole("button", { name: "Termin als Entwurf anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Als Entwurf angelegt" }).count()).toBe(1);
  expect(await page.locator(".status-tag").first().textContent()).toBe("Entwurf");
  // The saved event comes back with the same languages ticked, by name.
  const savedInterpretation = page.getByRole("group", { name: "Dolmetschen auf Wunsch in" });
  expect(await savedInterpretation.getByRole("checkbox", { name: "Arabisch" }).isChecked()).toBe(true);
  expect(await savedInterpretation.getByRole("checkbox", { name: "Ukrainisch" }).isChecked()).toBe(true);
  const saved = await (
    await fetch(`${baseUrl}/api/v1/staff/events/${page.url().split("/").pop()}`, {
      headers: { Authorization: `Bearer ${await page.evaluate(() => JSON.parse(sessionStorage.getItem("teilhabe.staff.tokens") ?? "{}").accessToken)}` },
    })
  ).json();
  expect(saved.interpretation).toEqual(["ar", "uk"]);
  expect(saved.questions.map((q: { id: string }) => q.id)).toEqual(["brauchen_sie_eine_uebersetzung"]);

  // Publish it.
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect.poll(() => page.locator(".status-tag").first().textContent()).toBe("Veröffentlicht");

  // A resident calls: a sign-up with a phone number only.
  await page.getByRole("link", { name: `Anmeldung per Telefon für „${title}“` }).click();
  await page.getByRole("heading", { level: 1, name: `Anmeldung erfassen: ${title}` }).waitFor();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Leyla Özdemir");
  await page.getByLabel("Telefon", { exact: true }).fill("0171 2345678");
  await page.getByLabel("Brauchen Sie eine Übersetzung?").selectOption("Türkisch");
  await page.getByLabel("Die Person stimmt der Datenschutzerklärung (Version 1) zu.").check();
  await page.getByRole("button", { name: "Anmeldung speichern" }).click();
  const done = page.getByRole("heading", { name: "Leyla Özdemir ist angemeldet." });
  await done.waitFor();
  await expect.poll(() => done.evaluate((heading) => heading === document.activeElement)).toBe(true);
  expect(await page.locator(".status-tag").first().textContent()).toBe("Bestätigt");

  // At the door: search without the accent, one tap, the state in words.
  await page.getByRole("link", { name: `Check-in für „${title}“` }).click();
  await page.getByRole("heading", { level: 1, name: `Check-in: ${title}` }).waitFor();
  await page.getByLabel("Name suchen").fill("ozdemir");
  const row = page.getByRole("listitem").filter({ hasText: "Leyla Özdemir" });
  expect(await row.textContent()).toContain("Noch nicht da");
  await page.getByRole("button", { name: "Leyla Özdemir einchecken" }).click();
  await expect.poll(() => row.textContent()).toMatch(/Eingecheckt um \d\d:\d\d/);
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Leyla Özdemir ist eingecheckt." }).count()).toBe(1);
  expect(await page.locator(".checkin-tally").textContent()).toBe("1 von 1 angemeldeten Personen sind da.");
  expect(await page.getByRole("button", { name: "Check-in von Leyla Özdemir zurücknehmen" }).count()).toBe(1);

  // The list: counted as attended, entered by phone; the CSV carries the person.
  await page.getByRole("link", { name: `Zu den Anmeldungen zu „${title}“` }).click();
  await page.getByRole("heading", { level: 1, name: `Anmeldungen zu „${title}“` }).waitFor();
  await expect.poll(() => page.getByRole("link", { name: /1\s+Teilgenommen/ }).count()).toBe(1);
  const card = page.getByRole("listitem").filter({ hasText: "Leyla Özdemir" });
  expect(await card.textContent()).toContain("Weg der Anmeldung: Telefon");
  expect(await card.textContent()).toContain("Brauchen Sie eine Übersetzung?Türkisch");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Liste als CSV herunterladen" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`anmeldungen-${day}.csv`);
  const csv = readFileSync((await download.path()) as string, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff); // UTF-8 byte order mark, for German Excel
  const [header, ...rows] = csv.slice(1).trim().split("\r\n");
  expect(header.split(";").slice(0, 3)).toEqual(["Name", "E-Mail", "Telefon"]);
  expect(rows).toHaveLength(1);
  const cells = rows[0].split(";");
  expect(cells.slice(0, 3)).toEqual(["Leyla Özdemir", "", "0171 2345678"]);
  expect(cells).toContain("teilgenommen"); // in the list's language, like its headers
  expect(cells).toContain("Telefon");
  expect(header.split(";").at(-1)).toBe("Brauchen Sie eine Übersetzung?");
  expect(cells.at(-1)).toBe("Türkisch");

  // Logging out ends the login here and on the server.
  await page.getByRole("button", { name: "Abmelden" }).click();
  await page.getByText("Sie sind abgemeldet.").waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem("teilhabe.staff.tokens"))).toBeNull();
  await page.goto("/staff/events");
  await page.waitForURL(/\/staff\/login/);
  await context.close();
});

test("an expired access token is refreshed without the person noticing", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "admin@musterstadt.example");
  // Spoil the access token and mark it as still valid: the API answers 401, the console refreshes once.
  await page.evaluate(() => {
    const stored = JSON.parse(sessionStorage.getItem("teilhabe.staff.tokens") ?? "{}");
    sessionStorage.setItem("teilhabe.staff.tokens", JSON.stringify({ ...stored, accessToken: "spoiled" }));
  });
  const refreshes: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/v1/auth/refresh")) refreshes.push(request.url());
  });
  await page.goto("/staff/processes");
  await page.getByRole("link", { name: "Integrationskonzept Musterstadt" }).first().waitFor();
  expect(refreshes).toHaveLength(1);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem("teilhabe.staff.tokens") ?? "{}").accessToken)).not.toBe("spoiled");
  await context.close();
});
