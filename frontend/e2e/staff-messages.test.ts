// Messages from staff, in the console: the admin writes to the people signed up for an event, checks a
// refusal, previews, sends a test to herself, confirms the count and sends; each person's mail is in
// their language; the one without e-mail is listed to call. The pages pass axe in German and Arabic.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage, SCREENSHOTS } from "./support/browser";
import { CITY, demoProcessId, uniqueEmail } from "./support/demo";
import { DEMO_ADMIN, linkIn, staffToken, waitForMail } from "./support/mails";
import { gotoIn, settled } from "./support/pages";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let headers: Record<string, string>;
let processId: string;
let languagesBefore: string[];
const event = { id: "", title: `Stadtteilgespräch ${Date.now()}` };
const people = { de: uniqueEmail("nachricht-de"), en: uniqueEmail("message-en") };

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  browser = await launchBrowser();
  headers = { Authorization: `Bearer ${await staffToken(baseUrl)}`, "Content-Type": "application/json" };
  const processes = (await call("GET", "/staff/processes?limit=100")) as { items: { id: string; slug: string }[] };
  processId = demoProcessId(processes.items);
  // The city offers English and Arabic for this file only; afterAll puts its languages back.
  languagesBefore = ((await call("GET", "/staff/organization")) as { languages: string[] }).languages;
  await call("PATCH", "/staff/organization", { languages: ["de", "en", "ar"] });
  // An event of this file's own, so that no other file's sign-ups join the audience.
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await call("POST", "/staff/events", {
    process_id: processId,
    title: event.title,
    kind: "citizen_dialogue",
    format: "in_person",
    starts_at: `${day}T18:00`,
    ends_at: `${day}T20:00`,
    venue: { name: "Bürgerhaus" },
  });
  event.id = created.id as string;
  await call("POST", `/staff/events/${event.id}/publish`);
  const { version } = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`)).json()) as { version: number };
  const consent = { privacy_notice_version: version };
  const enter = (body: Record<string, unknown>) =>
    call("POST", `/staff/events/${event.id}/registrations`, { channel: "phone", consent, ...body });
  await enter({ full_name: "Hanna Beispiel", email: people.de, preferred_language: "de" });
  await enter({ full_name: "Grace Example", email: people.en, preferred_language: "en" });
  await enter({ full_name: "Fatma Anruf", phone: "0171 9876543", preferred_language: "tr" });
});

afterAll(async () => {
  if (languagesBefore) await call("PATCH", "/staff/organization", { languages: languagesBefore });
  if (event.id) await call("POST", `/staff/events/${event.id}/cancel`, { reason: "Ende des Tests" }).catch(() => undefined);
  await browser?.close();
});


const field = (page: Page, name: string) => page.locator(`[id="field-${name}"]`);

test("German: compose, refuse an unknown placeholder, preview, test, confirm and send; each reads their language", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "de");
  // From the event's page, where staff look for its people.
  await page.goto(`/staff/events/${event.id}`);
  await page.getByRole("link", { name: `Nachricht an die Angemeldeten von „${event.title}“` }).click();
  await page.waitForURL(new RegExp(`/staff/processes/${processId}/messages\\?event=${event.id}$`));
  await settled(page);
  expect(await page.getByRole("radio", { name: "Angemeldete eines Termins" }).isChecked()).toBe(true);
  expect(await field(page, "audience.event_id").inputValue()).toBe(event.id);

  // Keyboard only: the subject, then a body with a mistyped placeholder.
  await field(page, "texts.de.subject").focus();
  await page.keyboard.type("Neuer Raum für {event}");
  await field(page, "texts.de.body").fill("Hallo {nmae},\n\nwir treffen uns im Saal 2.\n\n{manage_link}");
  await field(page, "texts.en.subject").fill("New room for {event}");
  await field(page, "texts.en.body").fill("Hello {name},\n\nwe meet in hall 2.\n\n{manage_link}");
  await page.getByRole("button", { name: "Vorschau" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Platzhalter" });
  await summary.waitFor();
  expect(await field(page, "texts.de.body").getAttribute("aria-invalid")).toBe("true");
  const described = (await field(page, "texts.de.body").getAttribute("aria-describedby")) ?? "";
  const tied = await page.locator(`[id="${described.split(" ").pop()}"]`).textContent();
  expect(tied).toContain("Diesen Platzhalter gibt es nicht");

  await field(page, "texts.de.body").fill("Hallo {name},\n\nwir treffen uns im Saal 2.\n\n{manage_link}");
  await page.getByRole("button", { name: "Vorschau" }).click();
  const preview = page.locator("section.message-preview");
  await preview.getByText("Per E-Mail: 2 Personen.").waitFor();
  expect(await preview.getByRole("cell", { name: "Fatma Anruf" }).count()).toBe(1);
  expect(await preview.getByRole("link", { name: "0171 9876543" }).getAttribute("href")).toBe("tel:01719876543");
  expect(await preview.textContent()).toContain("Hello Grace Example,");

  await page.getByRole("button", { name: "Test an mich senden" }).click();
  await page.getByRole("status").getByText(`Testnachricht an ${DEMO_ADMIN.email} geschickt`).waitFor();
  await expectNoAxeViolations(page, "staff-messages-compose-de");
  await page.screenshot({ path: join(SCREENSHOTS, "staff-messages-compose-de.png"), fullPage: true });

  await page.getByRole("button", { name: "Senden …" }).click();
  const confirm = page.locator("section.confirm-send");
  await confirm.getByText("Die Nachricht geht per E-Mail an 2 Personen.", { exact: false }).waitFor();
  // The confirmation takes focus, so a keyboard user lands on it.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("message-confirm-title");
  await confirm.getByRole("button", { name: "Jetzt senden" }).click();
  await page.getByRole("heading", { name: "Die Nachricht ist unterwegs. Die Zustellung sehen Sie in der Liste." }).waitFor();
  const row = page.getByRole("row").filter({ hasText: "Neuer Raum für {event}" });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.getByRole("cell").nth(1).textContent()).toBe(`Angemeldete von „${event.title}“`);

  // Each person in their own language, the placeholders filled in.
  const german = await waitForMail(baseUrl, people.de, /^Neuer Raum/);
  expect(german.subject).toBe(`Neuer Raum für ${event.title}`);
  expect(german.body_text).toContain("Hallo Hanna Beispiel,");
  const english = await waitForMail(baseUrl, people.en, /^New room/);
  expect(english.subject).toBe(`New room for ${event.title}`);
  expect(english.body_text).toContain("/manage/registration#t=");

  await row.getByRole("link", { name: "Details zu „Neuer Raum für {event}“" }).click();
  await page.getByRole("heading", { level: 1, name: "Nachricht: Neuer Raum für {event}" }).waitFor();
  await page.getByRole("heading", { name: "Bitte anrufen (keine E-Mail-Adresse)" }).waitFor();
  await expectNoAxeViolations(page, "staff-messages-detail-de");
  await context.close();
});

test("Arabic: the messages page and a message's page, right to left, and no axe violations", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await logIn(page, "ar");
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await page.goto(`/staff/processes/${processId}`);
  await page.getByRole("link", { name: /^رسائل إلى المشاركين/ }).click();
  await page.waitForURL(new RegExp(`/staff/processes/${processId}/messages$`));
  await settled(page);
  await page.getByRole("heading", { level: 2, name: "رسالة جديدة" }).waitFor();
  // Everyone in the process, with an Arabic text too: the preview shows it for a reader.
  expect(await page.getByRole("radio", { name: "جميع المشاركين في العملية" }).isChecked()).toBe(true);
  await field(page, "texts.de.subject").fill("Hinweis zu {event}");
  await field(page, "texts.de.body").fill("Hallo {name}");
  await field(page, "texts.ar.subject").fill("ملاحظة حول {event}");
  await field(page, "texts.ar.body").fill("مرحبا {name}");
  await page.getByRole("button", { name: "معاينة" }).click();
  await page.locator("section.message-preview").getByText("ملاحظة حول").first().waitFor();
  await expectNoAxeViolations(page, "staff-messages-compose-ar");
  await page.screenshot({ path: join(SCREENSHOTS, "staff-messages-compose-ar.png"), fullPage: true });

  const sent = page.getByRole("row").filter({ hasText: "Neuer Raum für {event}" });
  await expect.poll(() => sent.count()).toBeGreaterThan(0);
  await sent.first().getByRole("link").click();
  await page.getByRole("heading", { level: 2, name: "تقرير التسليم" }).waitFor();
  await expectNoAxeViolations(page, "staff-messages-detail-ar");
  await page.screenshot({ path: join(SCREENSHOTS, "staff-messages-detail-ar.png"), fullPage: true });
  await context.close();
});

test("A resident stops staff messages under their manage link, in Arabic, and the next message leaves them out", async () => {
  const mail = await waitForMail(baseUrl, people.de, /^Neuer Raum/);
  const link = new URL(linkIn(mail, /https?:\/\/\S+\/manage\/registration#t=[\w-]+/));
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await gotoIn(page, `${link.pathname}${link.hash}`, "ar");
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "رسائل من فريق المدينة" }) });
  await section.getByText("تصلك دائمًا الإشعارات عن التغييرات").waitFor();
  await expectNoAxeViolations(page, "manage-message-choice-ar");
  await section.getByRole("button", { name: "إيقاف تلقي الرسائل" }).click();
  await section.getByRole("status").getByText("تم الحفظ").waitFor();
  // Kept: the page read afresh offers to get them again, and the next message leaves the person out.
  await page.reload();
  await section.getByRole("button", { name: "تلقي الرسائل مرة أخرى" }).waitFor();
  const preview = await call("POST", `/staff/processes/${processId}/messages/preview`, {
    audience: { kind: "event", event_id: event.id },
    texts: { de: { subject: "Noch etwas", body: "Hallo {name}" } },
  });
  expect(preview.recipient_count).toBe(1);
  expect(preview.opted_out_count).toBe(1);
  await context.close();
});
