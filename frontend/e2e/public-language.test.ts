// The language switch on every page: <html lang dir> follow it, and the choice survives a reload.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, demoEvent } from "./support/demo";
import { settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function htmlLangDir(page: import("playwright-core").Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

test("German by default for a German browser; the chosen language is kept across reloads and pages", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "de-DE" });
  const eventPath = `/${CITY}/events/${(await demoEvent(baseUrl, "kickoff")).id}`;
  await page.goto(eventPath);
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "de", dir: "ltr" });
  expect(await page.locator("#signup-title").textContent()).toBe("Anmelden");

  await page.getByRole("button", { name: "English" }).click();
  await expect.poll(() => htmlLangDir(page)).toEqual({ lang: "en", dir: "ltr" });
  expect(await page.locator("#signup-title").textContent()).toBe("Sign up");
  expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
  // The city's texts follow: the demo translates the kickoff's title into English.
  await expect.poll(() => page.title()).toBe("Digital kickoff – Teilhabe");
  await page.reload();
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "en", dir: "ltr" });
  expect(await page.getByRole("button", { name: "Sign up" }).count()).toBe(1);

  await page.getByRole("button", { name: "العربية" }).click();
  await expect.poll(() => htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  expect(await page.locator("#signup-title").textContent()).toBe("التسجيل");
  // Right to left: the form's labels start at the right edge.
  const label = await page.locator('label[for="field-full_name"]').boundingBox();
  const input = await page.locator("#field-full_name").boundingBox();
  expect(Math.round((label?.x ?? 0) + (label?.width ?? 0))).toBe(Math.round((input?.x ?? 0) + (input?.width ?? 0)));
  await page.reload();
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });

  // Another page of the site, opened afresh: still Arabic.
  await page.goto("/");
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  expect(await page.locator("h1").textContent()).toBe("المدن");

  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect.poll(() => htmlLangDir(page)).toEqual({ lang: "de", dir: "ltr" });
  expect(await page.locator("h1").textContent()).toBe("Städte");
  await context.close();
});

test("a browser set to English or Arabic gets that language before any choice", async () => {
  for (const [locale, expected, heading] of [
    ["en-GB", { lang: "en", dir: "ltr" }, "Cities"],
    ["ar-SY", { lang: "ar", dir: "rtl" }, "المدن"],
  ] as const) {
    const { context, page } = await openPage(browser, baseUrl, { locale });
    await page.goto("/");
    await settled(page);
    expect(await htmlLangDir(page)).toEqual(expected);
    expect(await page.locator("h1").textContent()).toBe(heading);
    await context.close();
  }
});

test("?lang= on a link (from the city's widget, from a mail) opens the site in that language and keeps it", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "de-DE" });
  await page.goto(`/${CITY}?lang=ar`);
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  expect(await page.locator("#processes-title").textContent()).not.toBe("Beteiligungsprozesse");
  // The address no longer carries it, so a later choice with the switch survives a reload.
  expect(new URL(page.url()).search).toBe("");

  // Kept like the switch's choice: the next page opened without it is Arabic too.
  await page.goto("/");
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "ar", dir: "rtl" });
  expect(await page.locator("h1").textContent()).toBe("المدن");

  // Another link's language wins over the kept one; the page's own parameters stay.
  const eventPath = `/${CITY}/events/${(await demoEvent(baseUrl, "kickoff")).id}`;
  await page.goto(`${eventPath}?lang=en&utm=widget`);
  await settled(page);
  expect(await htmlLangDir(page)).toEqual({ lang: "en", dir: "ltr" });
  expect(await page.locator("#signup-title").textContent()).toBe("Sign up");
  expect(new URL(page.url()).search).toBe("?utm=widget");
  await context.close();
});
