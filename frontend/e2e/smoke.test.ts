// The harness itself: the backend serves the built app with client-side routing and the API beside it.
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage } from "./support/browser";

const baseUrl = backendUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a deep link is answered with the app, and the page's language is set", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  const response = await page.goto("/musterstadt/events/00000000-0000-0000-0000-000000000000");
  expect(response?.status()).toBe(200);
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("de");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
  await context.close();
});
