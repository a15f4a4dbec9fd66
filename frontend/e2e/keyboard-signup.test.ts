// Signing up with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, typing): no clicks, no
// fill(). After every key the test checks where focus is, as a keyboard or screen reader user would
// notice it, and that the focus is visible.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, demoEvent, uniqueEmail } from "./support/demo";
import { waitForMail } from "./support/mails";
import { settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;
let eventPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  eventPath = `/${CITY}/events/${(await demoEvent(baseUrl, "kickoff")).id}`;
});
afterAll(async () => {
  await browser?.close();
});

type Focused = { tag: string; id: string; name: string; role: string | null; checked: boolean | null; outline: string };

/** What has focus: its tag, id, accessible-ish name (label or text) and whether focus is drawn. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { tag: "", id: "", name: "", role: null, checked: null, outline: "" };
    const input = element as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? element.getAttribute("aria-label") ?? element.textContent ?? "";
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: label.replace(/\s+/g, " ").trim(),
      role: element.getAttribute("role"),
      checked: "checked" in input && (input.type === "checkbox" || input.type === "radio") ? input.checked : null,
      outline: getComputedStyle(element).outlineStyle,
    };
  });
}

async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  return focused(page);
}

async function tab(page: Page): Promise<Focused> {
  return press(page, "Tab");
}

test("a person signs up for the kickoff with the keyboard alone", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(eventPath);
  await settled(page);

  // The first Tab reaches the skip link; Enter jumps over the header into the content.
  let now = await tab(page);
  expect(now).toMatchObject({ tag: "a", name: "Zum Inhalt springen", outline: "solid" });
  now = await press(page, "Enter");
  expect(now).toMatchObject({ tag: "main", id: "main" });

  expect(await tab(page)).toMatchObject({ tag: "a", name: "Städte" });
  expect(await tab(page)).toMatchObject({ tag: "a", name: "Stadt Musterstadt" });
  expect(await tab(page)).toMatchObject({ tag: "a", name: "In den Kalender eintragen (.ics)", outline: "solid" });

  now = await tab(page);
  expect(now).toMatchObject({ tag: "input", id: "field-full_name", name: "Ihr Name *", outline: "solid" });
  await page.keyboard.type("Karim Tastatur");
  const email = uniqueEmail("keyboard");
  expect(await tab(page)).toMatchObject({ tag: "input", id: "field-email", name: "E-Mail-Adresse *" });
  await page.keyboard.type(email);
  expect(await tab(page)).toMatchObject({ id: "field-phone", name: "Telefon (freiwillig)" });
  expect(await tab(page)).toMatchObject({ id: "field-affiliation", name: "Verein oder Einrichtung (freiwillig)" });
  expect(await tab(page)).toMatchObject({ tag: "select", id: "field-category", name: "Ich nehme teil als" });
  // The city's districts, asked optionally: arrows choose without opening the list.
  expect(await tab(page)).toMatchObject({ tag: "select", id: "field-district", name: "Stadtteil (freiwillig)" });
  await page.keyboard.press("ArrowDown");
  expect(await page.locator("#field-district").inputValue()).toBe("Innenstadt");

  // The optional choice question: Tab lands on the chosen radio ("Keine Angabe"), arrows choose.
  expect(await tab(page)).toMatchObject({ id: "field-answer-interpretation", name: "Keine Angabe", checked: true });
  expect(await press(page, "ArrowDown")).toMatchObject({ name: "Englisch", checked: true, outline: "solid" });
  expect(await press(page, "ArrowDown")).toMatchObject({ name: "Arabisch", checked: true });

  expect(await tab(page)).toMatchObject({ tag: "textarea", id: "field-answer-accessibility" });
  await page.keyboard.type("Große Schrift in den Folien");
  // Shift+Tab goes back to the chosen radio, Tab forward again: the answer is kept.
  expect(await press(page, "Shift+Tab")).toMatchObject({ name: "Arabisch", checked: true });
  expect(await tab(page)).toMatchObject({ id: "field-answer-accessibility" });

  // The privacy notice box can be reached (and scrolled), then its link, then the consent.
  expect(await tab(page)).toMatchObject({ tag: "div", role: "region", name: "Text der Datenschutzhinweise" });
  expect(await tab(page)).toMatchObject({ tag: "a", name: "Die vollständige Datenschutzerklärung lesen" });
  expect(await tab(page)).toMatchObject({ id: "field-consent", checked: false });
  expect(await press(page, "Space")).toMatchObject({ id: "field-consent", checked: true, outline: "solid" });

  expect(await tab(page)).toMatchObject({ tag: "button", name: "Anmelden", outline: "solid" });
  await page.keyboard.press("Enter");

  // The result takes focus: a screen reader reads "check your mail" without searching for it.
  await expect
    .poll(async () => (await focused(page)).name)
    .toContain("Fast geschafft: Bitte sehen Sie in Ihr E-Mail-Postfach");
  expect((await focused(page)).name).toContain(email);
  expect(await page.locator("form").count()).toBe(0);

  // What the keyboard entered reached the server: the confirmation mail greets Karim.
  expect((await waitForMail(baseUrl, email, /Bitte bestätigen Sie Ihre Anmeldung/)).body_text).toContain("Karim Tastatur");
  await context.close();
});

test("a failed submit moves focus to the error summary, whose link leads to the field", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto(eventPath);
  await settled(page);
  await tab(page);
  expect(await press(page, "Enter")).toMatchObject({ id: "main" });

  // Tab through the form without typing anything, to the submit button.
  let now = await tab(page);
  for (let step = 0; step < 30 && now.name !== "Anmelden"; step += 1) now = await tab(page);
  expect(now).toMatchObject({ tag: "button", name: "Anmelden" });
  await page.keyboard.press("Enter");

  // Focus jumps to the summary (role=alert, announced), which names each missing field.
  await expect.poll(async () => (await focused(page)).role).toBe("alert");
  now = await focused(page);
  expect(now.name).toContain("Bitte prüfen Sie Ihre Angaben");
  expect(now.name).toContain("Ihr Name: Bitte geben Sie Ihren Namen ein.");
  expect(now.name).toContain("Einwilligung zum Datenschutz");

  expect(await tab(page)).toMatchObject({ tag: "a", name: "Ihr Name: Bitte geben Sie Ihren Namen ein." });
  now = await press(page, "Enter");
  expect(now).toMatchObject({ tag: "input", id: "field-full_name" });
  expect(await page.locator("#field-full_name").getAttribute("aria-invalid")).toBe("true");
  // Typing fixes it right there.
  await page.keyboard.type("Karim");
  expect(await page.locator("#field-full_name").inputValue()).toBe("Karim");

  // Back to the summary with Shift+Tab: the next link leads to the e-mail field.
  await press(page, "Shift+Tab"); // the last link of the summary or the name field's neighbour
  now = await focused(page);
  for (let step = 0; step < 5 && !now.name.startsWith("E-Mail-Adresse:"); step += 1) now = await press(page, "Shift+Tab");
  expect(now).toMatchObject({ tag: "a", name: "E-Mail-Adresse: Bitte geben Sie Ihre E-Mail-Adresse ein, zum Beispiel name@beispiel.de." });
  expect(await press(page, "Enter")).toMatchObject({ id: "field-email" });
  await context.close();
});
