// Moving a date that people signed up for: the console says, before saving, how many people will get a
// mail and who must be called, takes a personal note, and the people get the notice with it. The same
// for postponing. axe checks the confirmation and the postpone panel in German and Arabic.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage } from "./support/browser";
import { currentConsent, demoProcessId, signUpByApi, uniqueEmail } from "./support/demo";
import { staffToken, waitForMail } from "./support/mails";
import { staffCall } from "./support/staffApi";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;

const call = <T,>(token: string, method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);

function localInput(daysAhead: number, hour: number): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T${pad(hour)}:00`;
}

/** A published workshop of the demo process with two residents signed up by mail and one by phone. */
async function workshopWithPeople(label: string): Promise<{ id: string; emails: string[] }> {
  const token = await staffToken(baseUrl);
  const processes = await call<{ items: { id: string; slug?: string }[] }>(token, "GET", "/staff/processes?limit=100");
  const event = await call<{ id: string }>(token, "POST", "/staff/events", {
    process_id: demoProcessId(processes.items),
    title: `Werkstatt Wohnen ${label}`,
    kind: "workshop",
    format: "in_person",
    starts_at: localInput(20, 17),
    ends_at: localInput(20, 19),
    venue: { name: "Stadtteilzentrum Süd", address: "Bahnhofstraße 5", step_free: true },
    capacity: 30,
  });
  await call(token, "POST", `/staff/events/${event.id}/publish`);
  const emails = [uniqueEmail(`notice-a-${label}`), uniqueEmail(`notice-b-${label}`)];
  for (const email of emails) await signUpByApi(baseUrl, event.id, email);
  const consent = await currentConsent(baseUrl);
  await call(token, "POST", `/staff/events/${event.id}/registrations`, { full_name: "Hans Müller", phone: "0151 2345678", consent });
  return { id: event.id, emails };
}


beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("moving a date tells the people signed up, with the staff's note, after staff saw whom it reaches", async () => {
  const workshop = await workshopWithPeople(`move-${Date.now()}`);
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page);
  await page.goto(`/staff/events/${workshop.id}`);
  await page.getByRole("heading", { level: 2, name: "Termin bearbeiten" }).waitFor();

  // A minor edit is saved at once, with no question.
  await page.getByRole("textbox", { name: "Beschreibung" }).fill("Wir sammeln Ideen für bezahlbares Wohnen.");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();

  // A new time: the console asks first, by keyboard alone.
  await page.getByLabel(/^Beginn/).fill(localInput(21, 18));
  await page.getByLabel(/^Ende/).fill(localInput(21, 20));
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  const confirmation = page.getByRole("region", { name: "Wer davon erfährt" });
  await confirmation.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Wer davon erfährt");
  await expect.poll(() => confirmation.innerText()).toContain("2 Personen bekommen eine Mail in ihrer Sprache.");
  expect(await confirmation.innerText()).toContain("1 Person hat keine E-Mail-Adresse. Bitte rufen Sie sie an.");
  expect(await confirmation.innerText()).toContain("Zeit");
  await expectNoAxeViolations(page, "staff-change-notice-de");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Der Raum war doppelt belegt. Entschuldigung!");
  await confirmation.getByRole("button", { name: "Speichern und benachrichtigen" }).click();
  await page.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();
  await expect.poll(() => confirmation.count()).toBe(0);

  for (const email of workshop.emails) {
    const mail = await waitForMail(baseUrl, email, /^Geändert: Werkstatt Wohnen/);
    expect(mail.body_text).toContain("Der Raum war doppelt belegt. Entschuldigung!");
    expect(mail.body_text).toMatch(/bisher: .*17:00–19:00 Uhr/);
    expect(mail.body_text).toMatch(/neu: .*18:00–20:00 Uhr/);
  }

  // Postponing says whom it tells, too.
  await page.getByRole("button", { name: "Verschieben", exact: true }).click();
  const panel = page.locator(".reason-panel").filter({ hasText: "2 Personen bekommen eine Mail" });
  await panel.waitFor();
  await panel.getByRole("textbox", { name: /^Grund/ }).fill("Der Saal wird renoviert.");
  await panel.getByRole("textbox", { name: /^Persönliche Nachricht/ }).fill("Wir melden uns mit einem neuen Termin.");
  await panel.getByRole("button", { name: "Termin verschieben" }).click();
  await page.getByRole("status").filter({ hasText: /^Verschoben\./ }).waitFor();
  const postponed = await waitForMail(baseUrl, workshop.emails[0], /^Verschoben: Werkstatt Wohnen/);
  expect(postponed.body_text).toContain("Der Saal wird renoviert.");
  expect(postponed.body_text).toContain("Wir melden uns mit einem neuen Termin.");
  await page.getByText("Wenn Sie ihn wieder veröffentlichen, bekommen alle Angemeldeten eine Mail").waitFor();
  await context.close();
});

test("the notice confirmation and the postpone panel in Arabic, right to left, without axe violations", async () => {
  const workshop = await workshopWithPeople(`ar-${Date.now()}`);
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await logIn(page);
  await page.goto(`/staff/events/${workshop.id}`);
  await page.locator("main h2").first().waitFor();
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.locator("#field-starts_at").fill(localInput(22, 18));
  await page.locator("#field-ends_at").fill(localInput(22, 20));
  await page.locator("main form button[type=submit].primary").click();
  const confirmation = page.getByRole("region", { name: "من سيعلم بذلك" });
  await confirmation.waitFor();
  await expect.poll(() => confirmation.innerText()).toContain("سيتلقى شخصان");
  await expectNoAxeViolations(page, "staff-change-notice-ar");
  await confirmation.getByRole("button", { name: "العودة إلى التحرير" }).click();
  await expect.poll(() => confirmation.count()).toBe(0);
  await page.getByRole("button", { name: "تأجيل", exact: true }).click();
  await page.locator(".reason-panel .notice-audience").waitFor();
  await expectNoAxeViolations(page, "staff-postpone-panel-ar");
  await context.close();
});
