// The manage link's other pages: change answers, see and download my data, erase it (after a clear
// confirmation step), and what an unknown or spent link shows.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { applyByApi, CITY, demoEvent, demoGroups, signUpByApi, uniqueEmail } from "./support/demo";
import { settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a person changes an answer on the manage page", async () => {
  const conference = await demoEvent(baseUrl, "conference");
  const token = await signUpByApi(baseUrl, conference.id, uniqueEmail("answers"), { childcare: false });
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/manage/registration#t=${token}`);
  await settled(page);
  // Not yet confirmed: the page says so, and the seat is held until a time.
  expect(await page.locator(".badge").first().textContent()).toBe("Noch nicht bestätigt");
  expect(await page.getByText(/Wir halten Ihren Platz bis .*frei\./).count()).toBe(1);
  // The event's city comes with the registration: a link to the event page and its calendar file.
  expect(await page.getByRole("link", { name: "Integrationskonferenz" }).getAttribute("href")).toBe(
    `/${CITY}/events/${conference.id}`,
  );
  expect(await page.getByRole("link", { name: "In den Kalender eintragen (.ics)" }).getAttribute("href")).toMatch(
    new RegExp(`/api/v1/orgs/${CITY}/events/${conference.id}\\.ics$`),
  );
  // The title is in the page's language (German here), so it needs no language of its own; on a page in
  // a language the city did not translate it into, it would carry the city's (public-languages.test.ts).
  expect(await page.locator("#event-title").getAttribute("lang")).toBeNull();
  // The questions come with the registration too: shown with the answers, no further request.
  const answers = page.getByRole("region", { name: "Ihre Antworten" });
  expect(await answers.textContent()).toContain("Bringen Sie Kinder mit, die betreut werden sollen?Nein");

  await page.getByRole("button", { name: "Antworten ändern" }).click();
  await page.getByRole("group", { name: /Bringen Sie Kinder mit/ }).getByLabel("Ja").check();
  await page.getByRole("button", { name: "Antworten speichern" }).click();
  await expect.poll(() => page.getByText("Ihre Antworten sind gespeichert.").count()).toBe(1);
  expect(await answers.textContent()).toContain("Bringen Sie Kinder mit, die betreut werden sollen?Ja");
  const stored = await (await fetch(`${baseUrl}/api/v1/manage/registrations/${token}`)).json();
  expect(stored.answers).toEqual({ childcare: true });
  await context.close();
});

test("a person sees their data, downloads it as JSON, and erases it after confirming", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  const email = uniqueEmail("erase");
  const token = await signUpByApi(baseUrl, kickoff.id, email);
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/manage/registration#t=${token}`);
  await settled(page);
  await page.getByRole("link", { name: "Meine Daten ansehen und herunterladen" }).click();
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("Ihre Daten");
  expect(await page.locator("main").textContent()).toContain(email);
  expect(await page.locator("main").textContent()).toContain("Digitale Auftaktveranstaltung");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Meine Daten herunterladen (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("teilhabe-my-data.json");
  const saved = await download.path();
  const { readFileSync } = await import("node:fs");
  const exported = JSON.parse(readFileSync(saved, "utf8"));
  expect(exported.person.email).toBe(email);
  expect(exported.registrations[0].event.title).toBe("Digitale Auftaktveranstaltung");

  await page.getByRole("link", { name: "Alle meine Daten löschen" }).click();
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("Alle Ihre Daten löschen");
  // Nothing is erased by opening the page: the data is still there.
  expect((await fetch(`${baseUrl}/api/v1/manage/registrations/${token}/my-data`)).status).toBe(200);
  expect(await page.getByText("Das lässt sich nicht rückgängig machen.", { exact: false }).count()).toBe(1);
  await page.getByRole("button", { name: "Ja, alle meine Daten löschen" }).click();
  await expect.poll(() => page.getByText("Ihre Daten wurden gelöscht.").count()).toBe(1);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ihre Daten wurden gelöscht.");

  // The link is spent: the manage page now says so.
  await page.goto(`/manage/registration#t=${token}`);
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("Seite nicht gefunden");
  await context.close();
});

test("the membership page links to the group on its city's site", async () => {
  const groups = await demoGroups(baseUrl);
  const open = groups.filter((group) => group.signup_open);
  const token = await applyByApi(baseUrl, [open[0].id], uniqueEmail("membership-link"));
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(`/manage/membership#t=${token}`);
  await settled(page);
  expect(await page.getByRole("link", { name: open[0].name }).getAttribute("href")).toBe(`/${CITY}/groups/${open[0].id}`);
  await page.getByRole("link", { name: open[0].name }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(open[0].name);
  await context.close();
});

test("unknown addresses and ids show the not-found page with its own title", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  for (const path of [
    "/no-such-city",
    `/${CITY}/events/00000000-0000-0000-0000-000000000000`,
    `/${CITY}/events/not-a-uuid`,
    `/${CITY}/groups/00000000-0000-0000-0000-000000000000`,
    `/${CITY}/processes/no-such-process`,
    "/manage/registration/short",
    "/some/deep/unknown/path",
  ]) {
    await page.goto(path);
    await settled(page);
    expect(await page.locator("h1").textContent(), path).toBe("Seite nicht gefunden");
    expect(await page.title(), path).toBe("Seite nicht gefunden – Teilhabe");
  }
  await context.close();
});
