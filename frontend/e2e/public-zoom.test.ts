// 200 % zoom on a 1280 px screen is a 640 px wide page: nothing may stick out sideways (WCAG 1.4.10
// reflow), in German and in Arabic.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { gotoIn, type PublicPage, publicPages } from "./support/pages";

const baseUrl = backendUrl();
const ZOOMED = { width: 640, height: 450 };
let browser: Browser;
let pages: PublicPage[];

beforeAll(async () => {
  browser = await launchBrowser();
  pages = await publicPages(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

for (const language of ["de", "ar"] as const) {
  test(`no horizontal scrolling at 640x450 in ${language}`, async () => {
    const { context, page } = await openPage(browser, baseUrl, { viewport: ZOOMED });
    const tooWide: string[] = [];
    for (const { name, path } of pages) {
      await gotoIn(page, path, language);
      const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      if (widths.content > widths.viewport) tooWide.push(`${name}: ${widths.content} > ${widths.viewport}`);
    }
    expect(tooWide).toEqual([]);
    await context.close();
  });
}
