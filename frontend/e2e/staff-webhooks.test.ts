// An admin connects the city's website by webhook in the console: subscribes a receiver (a listener this
// test starts), sees the signing secret once and checks it signs what arrives, sends a test event and
// follows it in the delivery log (refused first, then retried and delivered), pauses, changes and
// deletes the webhook. Every state of the pages passes axe in German and Arabic.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage, screenshot } from "./support/browser";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;

type Received = { headers: IncomingHttpHeaders; body: string; answered: number };
let receiver: Server;
let receiverUrl = "";
const received: Received[] = [];
/** What the receiver answers, in turn; afterwards 204. */
const answers: number[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answered = answers.shift() ?? 204;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/teilhabe-hook`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => receiver?.close(done));
});


/** Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" with the secret's base64 part as key. */
function signature(secret: string, message: Received): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${message.headers["webhook-id"]}.${message.headers["webhook-timestamp"]}.${message.body}`;
  return `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
}

test("a webhook is subscribed, tested, followed in its delivery log, paused, changed and deleted", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await logIn(page);
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Webhooks" }).click();
  await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
  await page.getByText("Noch keine Webhooks.").waitFor();

  // A refusal first: no kind of news chosen and an address that is none. Both are named at their
  // field and in the summary, in German.
  await page.getByText("Neuer Webhook").click();
  await page.getByRole("textbox", { name: /^Adresse des Empfängers/ }).fill("kein Link");
  await page.getByRole("button", { name: "Webhook anlegen" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
  await summary.getByRole("link", { name: /^Adresse des Empfängers: Geben Sie die vollständige Adresse/ }).waitFor();
  await summary.getByRole("link", { name: "Worüber er benachrichtigt wird: Wählen Sie mindestens eine Art von Nachricht." }).waitFor();
  expect(await page.locator("main").innerText()).not.toMatch(/Input should|valid URL|at least 1 item/);
  await expectNoAxeViolations(page, "staff-webhooks-error-de");

  await page.getByRole("textbox", { name: /^Adresse des Empfängers/ }).fill(receiverUrl);
  await page.getByRole("textbox", { name: /^Notiz/ }).fill("Website der Stadt");
  await page.getByRole("checkbox", { name: "Eine Veranstaltung wurde veröffentlicht" }).check();
  await page.getByRole("checkbox", { name: "Eine Veranstaltung wurde abgesagt" }).check();
  await page.getByRole("button", { name: "Webhook anlegen" }).click();

  // The secret, once, with its note and a copy button; focus is on it.
  const once = page.getByRole("region", { name: `Signatur-Geheimnis für ${receiverUrl}` });
  await once.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("once-secret"))).toBe(true);
  expect(await once.innerText()).toContain("Es wird nur jetzt angezeigt");
  const secret = (await once.locator("code").innerText()).trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await once.getByRole("button", { name: "Kopieren" }).click();
  await once.getByRole("status").filter({ hasText: "In die Zwischenablage kopiert." }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectNoAxeViolations(page, "staff-webhooks-secret-de");
  await once.getByRole("button", { name: /ausblenden/ }).click();
  expect(await page.locator("main").innerText()).not.toContain(secret);

  // The list names the news in words and the state.
  const card = page.getByRole("listitem").filter({ hasText: receiverUrl });
  await card.getByText("Eine Veranstaltung wurde veröffentlicht, Eine Veranstaltung wurde abgesagt").waitFor();
  await card.getByText("Aktiv", { exact: true }).waitFor();
  await card.getByText("noch nichts gesendet").waitFor();

  // Its page: a test event, which the receiver refuses once (503) and accepts on the retry 5 s later.
  await card.getByRole("link", { name: receiverUrl }).click();
  await page.getByRole("heading", { level: 1, name: `Webhook ${receiverUrl}` }).waitFor();
  await page.getByText(/^whsec_.{4}…$/).waitFor(); // only the secret's first characters
  expect(await page.locator("main").innerText()).not.toContain(secret);
  answers.push(503);
  await page.getByRole("button", { name: "Testnachricht senden" }).click();
  await page.getByRole("status").filter({ hasText: "Eine Testnachricht ist unterwegs." }).waitFor();
  const log = page.getByRole("table", { name: "Nachrichten an diesen Empfänger" });
  const row = log.getByRole("row").filter({ hasText: "Testnachricht" });
  await row.getByText("Wird erneut versucht").waitFor({ timeout: 30_000 });
  expect(await row.getByRole("cell").nth(3).innerText()).toBe("503");
  expect(await row.getByRole("cell").nth(4).innerText()).toBe("1");
  expect(await row.getByRole("cell").nth(5).innerText()).toMatch(/\d{1,2}:\d{2}/); // the next try
  await expectNoAxeViolations(page, "staff-webhook-retrying-de");
  await screenshot(page, "staff-webhook-retrying-de");
  // The retry arrives by itself; the log follows without a click.
  await row.getByText("Zugestellt").waitFor({ timeout: 60_000 });
  expect(await row.getByRole("cell").nth(3).innerText()).toBe("204");
  expect(await row.getByRole("cell").nth(4).innerText()).toBe("2");
  await row.getByText("Versuche", { exact: true }).click();
  await row.getByText(/Versuch 1 am .*Der Empfänger hat mit 503 geantwortet\./).waitFor();
  await row.getByText(/Versuch 2 am .*Der Empfänger hat mit 204 geantwortet\./).waitFor();

  // What arrived is signed with the secret shown once, and is the test event.
  expect(received.map((message) => message.answered)).toEqual([503, 204]);
  for (const message of received) {
    expect(JSON.parse(message.body).type).toBe("webhook.test");
    expect(message.headers["webhook-signature"]).toBe(signature(secret, message));
  }
  expect(received[0].headers["webhook-id"]).toBe(received[1].headers["webhook-id"]);

  // Send the delivered message again (same webhook-id).
  await row.getByRole("button", { name: /^Erneut senden: Testnachricht/ }).click();
  await page.getByRole("status").filter({ hasText: /^Die Nachricht Testnachricht, .* wird erneut gesendet\.$/ }).waitFor();
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(3);
  expect(received[2].headers["webhook-id"]).toBe(received[0].headers["webhook-id"]);

  // Only failed messages: none.
  await page.getByLabel("Anzeigen").selectOption("failed");
  await page.getByText("Noch keine Nachrichten.").waitFor();
  await page.getByLabel("Anzeigen").selectOption("");
  await row.waitFor();

  // The receiver answers 410 Gone: the message fails at once and the webhook is switched off. Sending
  // the failed message again switches it back on, and this time it arrives.
  answers.push(410);
  await page.getByRole("button", { name: "Testnachricht senden" }).click();
  const failed = log.getByRole("row").filter({ hasText: "Gescheitert" });
  await failed.waitFor({ timeout: 30_000 });
  expect(await failed.getByRole("cell").nth(3).innerText()).toBe("410");
  const details = page.locator("dl.details");
  await details.getByText("Vom Empfänger abgeschaltet").waitFor();
  await details.getByText(/keine Nachrichten mehr möchte \(410 Gone\)/).waitFor();
  await page.getByRole("button", { name: "Fortsetzen" }).waitFor();
  await page.getByLabel("Anzeigen").selectOption("failed");
  await expect.poll(() => log.getByRole("row").count()).toBe(2); // the header and the failed one
  await expectNoAxeViolations(page, "staff-webhook-gone-de");
  await failed.getByRole("button", { name: /^Erneut senden: Testnachricht/ }).click();
  await page.getByText("Noch keine Nachrichten.").waitFor(); // none failed any more
  await page.getByLabel("Anzeigen").selectOption("");
  await details.getByText("Aktiv", { exact: true }).waitFor();
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(5);
  expect(received.map((message) => message.answered)).toEqual([503, 204, 204, 410, 204]);
  await expect.poll(() => log.getByRole("row").filter({ hasText: "Zugestellt" }).count(), { timeout: 30_000 }).toBe(2);

  // Pause: nothing more is sent.
  await page.getByRole("button", { name: "Pausieren" }).click();
  await page.getByRole("status").filter({ hasText: "Der Webhook ist pausiert" }).waitFor();
  await page.locator("dl.details").getByText("Pausiert").waitFor();
  await page.getByRole("button", { name: "Fortsetzen" }).waitFor();

  // Change it: one more kind of news.
  await page.getByText("Webhook ändern").click();
  await page.getByRole("checkbox", { name: "Jemand hat sich angemeldet" }).check();
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await page.getByRole("status").filter({ hasText: "Die Änderungen sind gespeichert." }).waitFor();
  await page.locator("dl.details").getByText(/Jemand hat sich angemeldet/).waitFor();

  // Delete, after a step that says what happens.
  await page.getByRole("button", { name: "Webhook löschen" }).click();
  const step = page.locator(".confirm-panel").filter({ hasText: "Diesen Webhook löschen?" });
  await step.getByText("Das lässt sich nicht rückgängig machen.").waitFor();
  await expectNoAxeViolations(page, "staff-webhook-delete-step-de");
  await step.getByRole("button", { name: "Abbrechen" }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Webhook löschen");
  await page.getByRole("button", { name: "Webhook löschen" }).click();
  await page.getByRole("button", { name: "Endgültig löschen" }).click();
  await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
  await page.getByRole("status").filter({ hasText: `Der Webhook für ${receiverUrl} ist gelöscht.` }).waitFor();
  await page.getByText("Noch keine Webhooks.").waitFor();
  await context.close();
});

describe("webhook pages in Arabic", () => {
  test("list, form, secret, page and delivery log pass axe right to left", async () => {
    const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
    await logIn(page);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await page.goto("/staff/webhooks");
    await page.getByRole("heading", { level: 1, name: "خطافات الويب" }).waitFor();
    await page.getByText("خطاف ويب جديد").click();
    await page.locator("#field-url").fill(receiverUrl);
    await page.locator("#field-event_types").check();
    await page.getByRole("button", { name: "إنشاء خطاف الويب" }).click();
    await page.locator(".once-secret").waitFor();
    await expectNoAxeViolations(page, "staff-webhooks-ar");
    await screenshot(page, "staff-webhooks-ar");
    await page.locator(".card-list a").first().click();
    await page.getByRole("heading", { level: 1, name: /خطاف الويب/ }).waitFor();
    await page.getByRole("button", { name: "إرسال رسالة اختبار" }).click();
    await page.getByRole("table").getByText("رسالة اختبار").waitFor();
    await page.getByRole("button", { name: "حذف خطاف الويب" }).click();
    await page.getByRole("button", { name: "حذف نهائي" }).waitFor();
    await expectNoAxeViolations(page, "staff-webhook-ar");
    await context.close();
  });
});
