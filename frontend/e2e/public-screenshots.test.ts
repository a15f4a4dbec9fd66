// Screenshots of the main public pages on a 360 px phone and a desktop, for people to look at
// (test-artifacts/screenshots/public-<page>-<phone|desktop>-<language>.png). Each one is also a check:
// the page has its heading and nothing is wider than the screen.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot } from "./support/browser";
import { gotoIn, type PublicPage, publicPages } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;
let pages: PublicPage[];

beforeAll(async () => {
  browser = await launchBrowser();
  pages = await publicPages(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

const MAIN = ["cities", "city", "process", "event", "group", "apply", "manage", "my-data", "not-found"];
const SIZES = { phone: PHONE, desktop: DESKTOP } as const;

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`main pages at ${size} width in German`, async () => {
    const { context, page } = await openPage(browser, baseUrl, { viewport });
    for (const { name, path } of pages.filter((candidate) => MAIN.includes(candidate.name))) {
      await gotoIn(page, path, "de");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
      await screenshot(page, `public-${name}-${size}-de`);
    }
    await context.close();
  });
}

test("the Arabic sign-up path on a phone, right to left", async () => {
  const { context, page } = await openPage(browser, baseUrl, { viewport: PHONE });
  for (const { name, path } of pages.filter((candidate) => ["process", "event", "manage"].includes(candidate.name))) {
    await gotoIn(page, path, "ar");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
    await screenshot(page, `public-${name}-phone-ar`);
  }
  await context.close();
});
