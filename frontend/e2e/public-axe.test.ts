// axe-core (WCAG 2.1 A and AA) on every public page, in German and in Arabic (right to left), and the
// event page also in English; plus the states a person reaches: the form with errors after a failed
// submit, the "check your mail" message, the cancel and withdraw confirmation steps.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage } from "./support/browser";
import { gotoIn, type PublicPage, publicPages, settled } from "./support/pages";

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

function pathOf(name: string): string {
  const found = pages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no page ${name}`);
  return found.path;
}

for (const language of ["de", "ar"] as const) {
  test(`every public page in ${language} has no axe violations`, async () => {
    const { context, page } = await openPage(browser, baseUrl);
    for (const { name, path } of pages) {
      await gotoIn(page, path, language);
      expect(await page.locator("main h1").count(), name).toBe(1);
      await expectNoAxeViolations(page, `public-${name}-${language}`);
    }
    await context.close();
  });

  test(`the states after an action in ${language} have no axe violations`, async () => {
    const { context, page } = await openPage(browser, baseUrl);

    // The sign-up form after a failed submit: error summary, marked fields.
    await gotoIn(page, pathOf("conference"), language);
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    expect(await page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(2);
    await expectNoAxeViolations(page, `public-event-errors-${language}`);

    // The group application with two groups in order, and after a failed submit.
    await gotoIn(page, pathOf("apply"), language);
    await page.locator('input[type="checkbox"]').nth(1).check();
    await expect.poll(() => page.locator(".preference-list li").count()).toBe(2);
    await expectNoAxeViolations(page, `public-apply-order-${language}`);
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    await expectNoAxeViolations(page, `public-apply-errors-${language}`);

    // The process page with all its events shown (the button under the first five).
    await gotoIn(page, pathOf("process"), language);
    await page.locator('button[aria-controls="process-events"]').click();
    await expect.poll(() => page.locator('button[aria-controls="process-events"]').getAttribute("aria-expanded")).toBe("true");
    await expectNoAxeViolations(page, `public-process-all-events-${language}`);

    // The cancel and withdraw confirmation steps (nothing is cancelled: the question is only asked).
    await gotoIn(page, pathOf("manage"), language);
    await page.locator("button.danger").click();
    await expect.poll(() => page.locator(".confirm-step").count()).toBe(1);
    await expectNoAxeViolations(page, `public-manage-cancel-step-${language}`);
    await gotoIn(page, pathOf("membership"), language);
    await page.locator("button.danger").click();
    await expect.poll(() => page.locator(".confirm-step").count()).toBe(1);
    await expectNoAxeViolations(page, `public-membership-withdraw-step-${language}`);
    await context.close();
  });
}

test("the event page in English, before and after a successful sign-up", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "en-GB" });
  await gotoIn(page, pathOf("event"), "en");
  await expectNoAxeViolations(page, "public-event-en");
  await fillAndSend(page);
  await expect.poll(() => page.locator(".notice.success").count()).toBe(1);
  expect(await page.locator(".notice.success h3").textContent()).toBe("Almost done: please check your e-mail");
  await expectNoAxeViolations(page, "public-event-done-en");
  await context.close();
});

async function fillAndSend(page: Page): Promise<void> {
  await page.locator("#field-full_name").fill("Axe Check");
  await page.locator("#field-email").fill(`axe-${Date.now()}@example.org`);
  await page.locator("#field-consent").check();
  await page.locator('form button[type="submit"]').click();
  await settled(page);
}
