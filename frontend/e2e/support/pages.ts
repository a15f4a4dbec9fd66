// The public pages the accessibility, screenshot and zoom tests walk through, with real ids and
// manage tokens from the demo data (sign-ups made through the API for the manage pages).
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { CITY, PROCESS, applyByApi, demoEvent, demoGroups, signUpByApi, uniqueEmail } from "./demo";

export type PublicPage = { name: string; path: string };
/** The site's languages (src/i18n LANGUAGES), Leichte Sprache as "de-x-ls". */
export type SiteLanguage = "de" | "de-x-ls" | "en" | "ar" | "tr" | "uk" | "ru" | "fa";

export async function publicPages(baseUrl: string): Promise<PublicPage[]> {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  const conference = await demoEvent(baseUrl, "conference");
  const groups = await demoGroups(baseUrl);
  const open = groups.filter((group) => group.signup_open);
  const registration = await signUpByApi(baseUrl, conference.id, uniqueEmail("pages"), { childcare: false });
  const membership = await applyByApi(baseUrl, [open[0].id, open[1].id], uniqueEmail("pages-group"));
  return [
    { name: "cities", path: "/" },
    { name: "city", path: `/${CITY}` },
    { name: "process", path: `/${CITY}/processes/${PROCESS}` },
    { name: "event", path: `/${CITY}/events/${kickoff.id}` },
    { name: "conference", path: `/${CITY}/events/${conference.id}` },
    { name: "group", path: `/${CITY}/groups/${open[0].id}` },
    { name: "appointed-group", path: `/${CITY}/groups/${groups.find((g) => g.membership_mode === "appointed")?.id}` },
    { name: "apply", path: `/${CITY}/processes/${PROCESS}/apply?group=${open[0].id}` },
    { name: "manage", path: `/manage/registration#t=${registration}` },
    { name: "my-data", path: `/manage/registration/data#t=${registration}` },
    { name: "erase", path: `/manage/registration/erase#t=${registration}` },
    { name: "membership", path: `/manage/membership#t=${membership}` },
    { name: "not-found", path: `/${CITY}/events/00000000-0000-0000-0000-000000000000` },
  ];
}

/** Waits until the page has its one heading and nothing is loading any more. */
export async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator("main h1").count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => page.locator(".loading").count(), { timeout: 15_000 }).toBe(0);
}

/** Opens a page in a language chosen beforehand (kept in localStorage, as the language switch does). */
export async function gotoIn(page: Page, path: string, language: SiteLanguage): Promise<void> {
  await page.addInitScript((code) => localStorage.setItem("teilhabe.language", code), language);
  await page.goto(path);
  await settled(page);
  expect(await page.locator("html").getAttribute("lang")).toBe(language);
}
