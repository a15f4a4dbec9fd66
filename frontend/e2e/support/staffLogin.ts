// The demo admin logs in to the console through its login page, as a person does: the tests that start
// behind the login share this one way in, optionally with the console set to a language first.
import type { Page } from "playwright-core";
import { DEMO_ADMIN } from "./mails";

export async function logInToConsole(page: Page, language?: "de" | "en" | "ar", login = DEMO_ADMIN): Promise<void> {
  if (language) await page.addInitScript((code) => localStorage.setItem("teilhabe.language", code), language);
  await page.goto("/staff/login");
  await page.locator("#field-email").fill(login.email);
  await page.locator("#field-password").fill(login.password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(/\/staff$/);
  await page.locator("main h1").waitFor();
}
