// A city's own set-up in the console, by keyboard: the process's contact persons and links (added,
// put in order, refused at the field, shown on the public page), the privacy notice's versions (a new
// one published after a confirm step), and the city settings (saved, still there after a reload),
// each page axe-clean in German and Arabic. Everything here changes Beispielhausen, the demo's second
// city, so test files sharing this backend keep Musterstadt as the demo made it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage, screenshot } from "./support/browser";
import { staffToken } from "./support/mails";

const baseUrl = backendUrl();
const ADMIN = { email: "admin@beispielhausen.example", password: "musterstadt-demo-2026" };
const CITY = "beispielhausen";
const PROCESS = "fortschreibung-integrationskonzept";
let browser: Browser;
let processId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  const token = await staffToken(baseUrl, ADMIN);
  const response = await fetch(`${baseUrl}/api/v1/staff/processes?limit=100`, { headers: { Authorization: `Bearer ${token}` } });
  const { items } = (await response.json()) as { items: { id: string; slug: string }[] };
  processId = items.find((process) => process.slug === PROCESS)!.id;
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page): Promise<void> {
  await page.goto("/staff/login");
  await page.locator("#field-email").fill(ADMIN.email);
  await page.locator("#field-password").fill(ADMIN.password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(/\/staff$/);
  await page.locator("main h1").waitFor();
}

/** Opens a console page and waits until its data is there. */
async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await expect.poll(() => page.locator("main [role=status]").filter({ hasText: /Wird geladen|Loading|جارٍ التحميل/ }).count()).toBe(0);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

async function press(page: Page, locator: ReturnType<Page["locator"]>, key = "Enter"): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

test("contact persons and links: added, put in order and saved by keyboard, then shown on the public page", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await visit(page, `/staff/processes/${processId}`, "Fortschreibung des Integrationskonzepts");
  const contacts = page.getByRole("region", { name: "Ansprechpersonen" });
  await contacts.getByRole("group", { name: "Ansprechperson 1: Integrationsbeauftragte" }).waitFor();

  // "Add" puts the cursor into the new entry's first field; Tab walks through its fields.
  await press(page, contacts.getByRole("button", { name: "Ansprechperson hinzufügen" }));
  expect(await focusedId(page)).toBe("field-contacts.1.name");
  await page.keyboard.type("Leyla Demir");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Koordination Integrationskonzept");
  await page.keyboard.press("Tab");
  await page.keyboard.type("0631 365-1133");
  await page.keyboard.press("Tab");
  await page.keyboard.type("leyla.demir@beispielhausen.example");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Willy-Brandt-Platz 1, Zimmer 204");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Di und Do 9–12 Uhr");
  expect(await focusedId(page)).toBe("field-contacts.1.office_hours");

  // Moved up: it is first now, and the focus stays on it (its "down" button, as "up" is gone).
  await press(page, contacts.getByRole("button", { name: "Ansprechperson 2: Leyla Demir nach oben schieben" }));
  await expect.poll(() => contacts.locator("legend").first().textContent()).toBe("Ansprechperson 1: Leyla Demir");
  await expect.poll(() => focusedName(page)).toBe("Ansprechperson 1: Leyla Demir nach unten schieben");
  expect(await contacts.getByRole("button", { name: /Leyla Demir nach oben schieben/ }).count()).toBe(0);

  await press(page, contacts.getByRole("button", { name: "Ansprechpersonen speichern" }));
  await contacts.getByRole("status").filter({ hasText: "Die Ansprechpersonen sind gespeichert." }).waitFor();

  // A link whose address is no address is refused at its field, and named in the form's summary.
  const links = page.getByRole("region", { name: "Links und Dokumente" });
  await press(page, links.getByRole("button", { name: "Link hinzufügen" }));
  expect(await focusedId(page)).toBe("field-links.0.title");
  await page.keyboard.type("Integrationskonzept 2012 (PDF)");
  await page.keyboard.press("Tab");
  await page.keyboard.type("integrationskonzept-2012.pdf");
  await press(page, links.getByRole("button", { name: "Links speichern" }));
  const url = links.locator("#field-links\\.0\\.url");
  await expect.poll(() => url.getAttribute("aria-invalid")).toBe("true");
  expect(await links.getByRole("alert").getByRole("link", { name: /^Link 1, Adresse \(URL\): / }).count()).toBe(1);
  await url.fill("https://www.beispielhausen.example/integrationskonzept-2012.pdf");
  await press(page, links.getByRole("button", { name: "Links speichern" }));
  await links.getByRole("status").filter({ hasText: "Die Links sind gespeichert." }).waitFor();
  await expectNoAxeViolations(page, "staff-city-process-contacts-de");

  // After a reload the order and the link are still there.
  await visit(page, `/staff/processes/${processId}`, "Fortschreibung des Integrationskonzepts");
  expect(await contacts.locator("legend").allTextContents()).toEqual(["Ansprechperson 1: Leyla Demir", "Ansprechperson 2: Integrationsbeauftragte"]);

  // The public process page shows both, in this order, and the document.
  await page.goto(`/${CITY}/processes/${PROCESS}`);
  const shown = page.getByRole("region", { name: "Ansprechpersonen" });
  await expect.poll(() => shown.locator(".card-title").allTextContents()).toEqual(["Leyla Demir", "Integrationsbeauftragte"]);
  expect(await shown.getByText("Di und Do 9–12 Uhr").count()).toBe(1);
  expect(await page.getByRole("link", { name: "Integrationskonzept 2012 (PDF)" }).getAttribute("href")).toBe(
    "https://www.beispielhausen.example/integrationskonzept-2012.pdf",
  );
  await context.close();
});

test("a new privacy notice version is published only after the confirm step", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  // The privacy notices are a page of the settings.
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einstellungen" }).click();
  await press(page, page.getByRole("link", { name: "Datenschutzhinweise ansehen und neue Fassung veröffentlichen" }));
  await page.getByRole("heading", { level: 1, name: "Datenschutzhinweise" }).waitFor();
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Fassung 1/ }) });
  await first.waitFor();
  expect(await first.textContent()).toContain("gilt jetzt");

  // Nothing written: refused at the field.
  await press(page, page.getByRole("button", { name: "Weiter zur Veröffentlichung" }));
  await page.locator(".error-summary").getByRole("link", { name: "Text des Datenschutzhinweises: Bitte schreiben Sie den Text des Datenschutzhinweises." }).waitFor();
  expect(await page.locator("#field-text").getAttribute("aria-invalid")).toBe("true");

  await page.locator("#field-text").fill("Die Stadt Beispielhausen verarbeitet Ihre Angaben nur für die Anmeldung. Fassung vom Dezember.");
  await page.locator("#field-url").fill("https://www.beispielhausen.example/datenschutz");
  await press(page, page.getByRole("button", { name: "Weiter zur Veröffentlichung" }));
  // The confirm step says what publishing means and takes the focus.
  const confirm = page.getByRole("group", { name: "Fassung 2 jetzt veröffentlichen?" });
  await confirm.waitFor();
  expect(await confirm.textContent()).toContain("Ab sofort stimmt jede neue Anmeldung der Fassung 2 zu.");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Fassung 2 jetzt veröffentlichen?");
  await expectNoAxeViolations(page, "staff-city-privacy-confirm-de");
  // Back: nothing is published.
  await press(page, confirm.getByRole("button", { name: "Zurück zum Text" }));
  await expect.poll(() => focusedName(page)).toBe("Weiter zur Veröffentlichung");
  const before = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`)).json()) as { version: number };
  expect(before.version).toBe(1);

  await press(page, page.getByRole("button", { name: "Weiter zur Veröffentlichung" }));
  await press(page, page.getByRole("button", { name: "Ja, Fassung 2 veröffentlichen" }));
  await page.getByRole("status").filter({ hasText: "Fassung 2 ist veröffentlicht. Neue Anmeldungen stimmen ihr zu." }).waitFor();
  const second = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Fassung 2/ }) });
  await second.waitFor();
  expect(await second.textContent()).toContain("gilt jetzt");
  expect(await second.getByRole("link", { name: "https://www.beispielhausen.example/datenschutz" }).count()).toBe(1);
  await press(page, second.getByText("Text der Fassung 2 lesen"));
  await second.getByText("Fassung vom Dezember.", { exact: false }).waitFor();
  const after = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`)).json()) as { version: number; url: string };
  expect(after).toMatchObject({ version: 2, url: "https://www.beispielhausen.example/datenschutz" });
  await context.close();
});

test("the city settings are saved, kept after a reload, and refused at the field", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("heading", { level: 1, name: "Einstellungen der Stadt" }).waitFor();
  // The time zone is a choice with names, Germany first; the language too.
  const zone = page.getByRole("combobox", { name: "Zeitzone" });
  await expect.poll(() => zone.inputValue()).toBe("Europe/Berlin");
  expect(await zone.locator("option:checked").textContent()).toBe("Berlin – Mitteleuropäische Zeit");
  expect(await zone.locator("optgroup").first().getAttribute("label")).toBe("Deutschland");
  const language = page.getByRole("combobox", { name: "Hauptsprache" });
  expect(await language.locator("option:checked").textContent()).toBe("Deutsch");
  expect(await language.locator("option", { hasText: "Ukrainisch" }).count()).toBe(1);

  await page.getByRole("textbox", { name: "Name des Amts" }).fill("Büro für Integration und Vielfalt");
  await zone.focus();
  await zone.selectOption("Europe/Vienna");
  // Websites that may embed the widget: one added by keyboard, one refused.
  await press(page, page.getByRole("button", { name: "Website hinzufügen" }));
  expect(await focusedId(page)).toBe("field-cors_origins.0");
  await page.keyboard.type("www.beispielhausen.example");
  await press(page, page.getByRole("button", { name: "Einstellungen speichern" }));
  const origin = page.locator("#field-cors_origins\\.0");
  await expect.poll(() => origin.getAttribute("aria-invalid")).toBe("true");
  await page.locator(".error-summary").getByRole("link", { name: /^Website 1: / }).waitFor();
  await origin.fill("https://www.beispielhausen.example");
  await press(page, page.getByRole("button", { name: "Einstellungen speichern" }));
  await page.getByRole("status").filter({ hasText: "Die Einstellungen sind gespeichert." }).waitFor();

  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Einstellungen der Stadt" }).waitFor();
  await expect.poll(() => page.getByRole("textbox", { name: "Name des Amts" }).inputValue()).toBe("Büro für Integration und Vielfalt");
  expect(await zone.inputValue()).toBe("Europe/Vienna");
  expect(await origin.inputValue()).toBe("https://www.beispielhausen.example");
  // Back to Berlin, so the city's dates read as before.
  await zone.selectOption("Europe/Berlin");
  await press(page, page.getByRole("button", { name: "Einstellungen speichern" }));
  await page.getByRole("status").filter({ hasText: "Die Einstellungen sind gespeichert." }).waitFor();
  const city = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}`)).json()) as { office_name: string; timezone: string };
  expect(city).toMatchObject({ office_name: "Büro für Integration und Vielfalt", timezone: "Europe/Berlin" });
  await context.close();
});

test("a viewer reads the settings and a process's contacts, but has nothing to change", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await page.goto("/staff/login");
  await page.locator("#field-email").fill("lesen@musterstadt.example");
  await page.locator("#field-password").fill(ADMIN.password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(/\/staff$/);
  expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einstellungen" }).count()).toBe(0);
  await visit(page, "/staff/settings", "Einstellungen der Stadt");
  await page.getByText("Nur die Verwaltung der Stadt kann diese Einstellungen ändern.").waitFor();
  await page.getByText("Stadt Musterstadt").first().waitFor();
  expect(await page.locator("main").getByRole("textbox").count()).toBe(0);
  expect(await page.locator("main").getByRole("button").count()).toBe(0);
  // The demo process: its contact shown as text, no list to edit.
  const token = await staffToken(baseUrl, { email: "lesen@musterstadt.example", password: ADMIN.password });
  const listed = (await (await fetch(`${baseUrl}/api/v1/staff/processes?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: { id: string; slug: string }[] };
  const demo = listed.items.find((process) => process.slug === "integrationskonzept")!;
  await visit(page, `/staff/processes/${demo.id}`, /Integrationskonzept/);
  const contacts = page.getByRole("region", { name: "Ansprechpersonen" });
  await contacts.getByRole("heading", { name: "Amt für Integration und Migration" }).waitFor();
  expect(await contacts.getByRole("button").count()).toBe(0);
  expect(await page.getByRole("region", { name: "Links und Dokumente" }).getByRole("link").count()).toBe(1);
  await context.close();
});

// A 2 × 2 PNG, blue.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQ9Z8IRAwQCgAZ6gP19ZnVpgAAAABJRU5ErkJggg==",
  "base64",
);

test("brand colour, languages, districts and logo: a too light colour is refused at its field; the public city page shows logo and colour", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await visit(page, "/staff/settings", "Einstellungen der Stadt");

  // Languages are ticked by name, districts typed one per field.
  const languages = page.getByRole("group", { name: "Sprachen der Website" });
  await expect.poll(() => languages.getByRole("checkbox", { name: "Deutsch" }).isChecked()).toBe(true);
  await press(page, languages.getByRole("checkbox", { name: "Arabisch" }), "Space");
  await press(page, languages.getByRole("checkbox", { name: "Ukrainisch" }), "Space");
  await press(page, page.getByRole("button", { name: "Stadtteil hinzufügen" }));
  expect(await focusedId(page)).toBe("field-districts.0");
  await page.keyboard.type("Innenstadt");
  await press(page, page.getByRole("button", { name: "Stadtteil hinzufügen" }));
  await page.keyboard.type("Nord-West");

  // Yellow with white text on it cannot be read: the API refuses it, the page says so at the field.
  const colour = page.getByRole("textbox", { name: "Farbe der Stadt (Hex-Wert)" });
  await colour.fill("#FFD700");
  await press(page, page.getByRole("button", { name: "Einstellungen speichern" }));
  await expect.poll(() => colour.getAttribute("aria-invalid")).toBe("true");
  const fieldError = page.locator(".field-invalid").filter({ has: colour }).locator(".error-message");
  expect(await fieldError.textContent()).toMatch(/contrast|Kontrast/i);
  await page.locator(".error-summary").getByRole("link", { name: /^Farbe der Stadt \(Hex-Wert\): / }).waitFor();
  await expectNoAxeViolations(page, "staff-city-settings-colour-refused-de");

  await colour.fill("#7A1F3D");
  expect(await page.getByLabel("Farbe auswählen").inputValue()).toBe("#7a1f3d");
  await press(page, page.getByRole("button", { name: "Einstellungen speichern" }));
  await page.getByRole("status").filter({ hasText: "Die Einstellungen sind gespeichert." }).waitFor();

  // The logo: chosen, seen as a preview, uploaded.
  const logo = page.getByRole("region", { name: "Logo" });
  expect(await logo.getByText("Noch kein Logo.").count()).toBe(1);
  await logo.getByLabel("Logo-Datei").setInputFiles({ name: "wappen.png", mimeType: "image/png", buffer: PNG });
  await logo.getByRole("img", { name: "Vorschau des neuen Logos von Stadt Beispielhausen" }).waitFor();
  // A file that is no image is refused before it is sent.
  await logo.getByLabel("Logo-Datei").setInputFiles({ name: "liste.txt", mimeType: "text/plain", buffer: Buffer.from("Innenstadt") });
  await press(page, logo.getByRole("button", { name: "Logo hochladen" }));
  await expect.poll(() => logo.getByLabel("Logo-Datei").getAttribute("aria-invalid")).toBe("true");
  expect(await logo.locator(".field-invalid .error-message").textContent()).toContain("Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein.");
  await logo.getByLabel("Logo-Datei").setInputFiles({ name: "wappen.png", mimeType: "image/png", buffer: PNG });
  await press(page, logo.getByRole("button", { name: "Logo hochladen" }));
  await logo.getByRole("status").filter({ hasText: "Das Logo ist hochgeladen." }).waitFor();
  const current = logo.getByRole("img", { name: "Aktuelles Logo von Stadt Beispielhausen" });
  await current.waitFor();
  await expect.poll(() => current.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

  // Still there after a reload.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Einstellungen der Stadt" }).waitFor();
  await expect.poll(() => colour.inputValue()).toBe("#7A1F3D");
  expect(await languages.getByRole("checkbox", { name: "Ukrainisch" }).isChecked()).toBe(true);
  expect(await page.locator("#field-districts\\.1").inputValue()).toBe("Nord-West");
  await current.waitFor();

  // The public city page, in a fresh browser: the logo with the city's name as its text, the header and buttons in the colour.
  const visitor = await openPage(browser, baseUrl);
  await visitor.page.goto(`/${CITY}`);
  await visitor.page.getByRole("heading", { level: 1, name: "Stadt Beispielhausen" }).waitFor();
  const shownLogo = visitor.page.getByRole("banner").getByRole("img", { name: "Stadt Beispielhausen" });
  await shownLogo.waitFor();
  await expect.poll(() => shownLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
  const header = visitor.page.getByRole("banner");
  await expect.poll(() => header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(122, 31, 61)");
  expect(await visitor.page.getByRole("link", { name: "Teilhabe" }).evaluate((el) => getComputedStyle(el).color)).toBe("rgb(255, 255, 255)");
  const pressed = visitor.page.locator('.language-switch button[aria-pressed="true"]');
  expect(await pressed.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(122, 31, 61)");
  await expectNoAxeViolations(visitor.page, "public-city-branded-de");
  // Another city keeps the platform's look.
  await visitor.page.goto("/musterstadt");
  await visitor.page.getByRole("heading", { level: 1, name: "Stadt Musterstadt" }).waitFor();
  await expect.poll(() => header.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgb(122, 31, 61)");
  expect(await header.getByRole("img").count()).toBe(0);
  await visitor.context.close();

  // Removed again, after the confirm question.
  page.once("dialog", (dialog) => void dialog.accept());
  await press(page, logo.getByRole("button", { name: "Logo entfernen" }));
  await logo.getByText("Noch kein Logo.").waitFor();
  const city = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}`)).json()) as Record<string, unknown>;
  expect(city).toMatchObject({ logo_url: null, brand_color: "#7A1F3D", districts: ["Innenstadt", "Nord-West"] });
  expect(city.languages).toEqual(expect.arrayContaining(["de", "ar", "uk"]));
  await context.close();
});

for (const language of ["de", "ar"] as const) {
  describe(`the city's set-up in ${language}`, () => {
    test("settings, privacy notices and the process page pass axe", async () => {
      const { context, page } = await openPage(browser, baseUrl, { locale: language });
      await logIn(page);
      expect(await page.locator("html").getAttribute("dir")).toBe(language === "ar" ? "rtl" : "ltr");
      for (const [name, path] of [
        ["settings", "/staff/settings"],
        ["privacy-notices", "/staff/settings/privacy-notices"],
        ["process", `/staff/processes/${processId}`],
      ] as const) {
        await page.goto(path);
        await page.locator("main h1").waitFor();
        await expect.poll(() => page.locator("main form, main .card-list").count()).toBeGreaterThan(0);
        await expectNoAxeViolations(page, `staff-city-${name}-${language}`);
        await screenshot(page, `staff-city-${name}-${language}`);
      }
      // A refusal shown at its field passes too.
      await page.goto("/staff/settings");
      await page.locator("#field-name").fill("");
      await page.locator("main form button[type=submit]").first().click();
      await page.locator(".error-summary").waitFor();
      await expectNoAxeViolations(page, `staff-city-settings-error-${language}`);
      await context.close();
    });
  });
}
