// The secrets of mailed links stay out of every place the server sees: a resident follows the
// confirmation mail's link (manage page, reload, cancel) and a membership's link, a new colleague their
// invitation and later a password reset. The secret rides in the fragment, leaves the address bar at
// once, no request goes to another origin or names where it came from, and the backend's log (uvicorn's
// access log, as production writes it) holds none of the secrets the mails carried.
import { readFileSync } from "node:fs";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendLog, backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, demoEvent, demoGroups, secretOf, uniqueEmail } from "./support/demo";
import { DEMO_ADMIN, linkIn, staffToken, waitForMail } from "./support/mails";
import { settled } from "./support/pages";

const baseUrl = backendUrl();
let browser: Browser;
/** Every secret any mail of this file carried. */
const secrets = new Set<string>();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}

async function consent(): Promise<{ privacy_notice_version: number }> {
  const notice = (await (await fetch(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`)).json()) as { version: number };
  return { privacy_notice_version: notice.version };
}

/** Every secret in the mails to `recipient` (all of them, not only the newest). */
async function secretsMailedTo(recipient: string): Promise<string[]> {
  const token = await staffToken(baseUrl);
  const response = await fetch(`${baseUrl}/api/v1/dev/mails?recipient=${encodeURIComponent(recipient)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { items } = (await response.json()) as { items: { body_text: string }[] };
  return items.flatMap((mail) => [...mail.body_text.matchAll(/#t=([A-Za-z0-9_-]+)/g)].map((match) => match[1]));
}

type Watched = Request[] & { refused: string[] };

/** Records every request of the page (none may go to another origin or say where it came from) and
 * what the page's Content-Security-Policy refused (nothing: the pages need nothing from elsewhere). */
function watchRequests(page: Page): Watched {
  const requests = Object.assign([] as Request[], { refused: [] as string[] });
  page.on("request", (request) => requests.push(request));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) requests.refused.push(message.text());
  });
  return requests;
}

function expectOnlyOwnRequestsWithoutReferrer(requests: Watched): void {
  expect(requests.refused).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    const url = new URL(request.url());
    if (url.protocol === "blob:" || url.protocol === "data:") continue;
    expect(url.origin, request.url()).toBe(baseUrl);
    // Chromium names an empty Referer where the policy withholds it.
    expect(request.headers().referer ?? "", request.url()).toBe("");
  }
}

/** The address bar: the page's address without any secret. */
function expectCleanAddress(page: Page, path: string, secret: string): void {
  expect(page.url()).toBe(`${baseUrl}${path}`);
  expect(page.url()).not.toContain(secret);
}

async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByRole("textbox", { name: "Neues Passwort", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Passwort wiederholen", exact: true }).fill(password);
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await page.getByText("Ihr Passwort ist gespeichert.").waitFor();
}

test("a resident's confirmation link: manage page, reload, cancel — the secret never in the address bar", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  const email = uniqueEmail("link-secret");
  const signedUp = await post(`/api/v1/orgs/${CITY}/events/${kickoff.id}/registrations`, {
    full_name: "Amal Test",
    email,
    answers: {},
    consent: await consent(),
  });
  expect(signedUp.status).toBe(202);
  const mail = await waitForMail(baseUrl, email, /Bitte bestätigen Sie Ihre Anmeldung/);
  const confirmLink = linkIn(mail, /https?:\/\/\S+\/manage\/registration\?confirm=1#t=[A-Za-z0-9_-]+/);
  const secret = secretOf(confirmLink);

  const { context, page } = await openPage(browser, baseUrl);
  const requests = watchRequests(page);
  await page.goto(confirmLink);
  await expect.poll(() => page.getByText("Danke! Ihre Anmeldung ist bestätigt.").count()).toBe(1);
  expectCleanAddress(page, "/manage/registration?confirm=1", secret);
  expect(await page.locator(".badge").first().textContent()).toBe("Bestätigt");
  const calendar = page.getByRole("link", { name: "In den Kalender eintragen (.ics)" });
  expect(await calendar.count()).toBe(1);

  // A reload works: the tab kept the secret.
  await page.reload();
  await settled(page);
  expect(await page.locator(".badge").first().textContent()).toBe("Bestätigt");
  expectCleanAddress(page, "/manage/registration?confirm=1", secret);

  // "My data" and back: still without the secret in the address.
  await page.getByRole("link", { name: "Meine Daten ansehen und herunterladen" }).click();
  await settled(page);
  expect(await page.locator("main").textContent()).toContain(email);
  expectCleanAddress(page, "/manage/registration/data", secret);

  await page.goto("/manage/registration");
  await settled(page);
  await page.getByRole("button", { name: "Anmeldung stornieren" }).click();
  await page.getByRole("button", { name: "Ja, Anmeldung stornieren" }).click();
  await expect.poll(() => page.getByText("Ihre Anmeldung ist storniert.").count()).toBe(1);
  // A cancelled registration has nothing to add to a calendar.
  expect(await calendar.count()).toBe(0);
  expectOnlyOwnRequestsWithoutReferrer(requests);
  await context.close();

  // A link from an older mail, with the secret in the path: the page moves it out of the address at once.
  const old = await openPage(browser, baseUrl);
  await old.page.goto(`/manage/registration/${secret}`);
  await settled(old.page);
  expect(await old.page.locator(".badge").first().textContent()).toBe("Storniert");
  expect(await old.page.getByRole("link", { name: "In den Kalender eintragen (.ics)" }).count()).toBe(0);
  expectCleanAddress(old.page, "/manage/registration", secret);
  await old.context.close();

  for (const mailed of await secretsMailedTo(email)) secrets.add(mailed);
  expect(secrets.has(secret)).toBe(true);
});

test("a membership's link opens its page without the secret in the address", async () => {
  const open = (await demoGroups(baseUrl)).filter((group) => group.signup_open);
  const email = uniqueEmail("link-secret-group");
  const applied = await post(`/api/v1/orgs/${CITY}/group-applications`, {
    full_name: "Amal Test",
    email,
    groups: [open[0].id],
    consent: await consent(),
  });
  expect(applied.status).toBe(202);
  const link = linkIn(await waitForMail(baseUrl, email, /.*/), /https?:\/\/\S+\/manage\/membership#t=[A-Za-z0-9_-]+/);

  const { context, page } = await openPage(browser, baseUrl);
  const requests = watchRequests(page);
  await page.goto(link);
  await settled(page);
  expect(await page.locator("h1").textContent()).toBe("Ihre Mitgliedschaft in der Arbeitsgruppe");
  expectCleanAddress(page, "/manage/membership", secretOf(link));
  expectOnlyOwnRequestsWithoutReferrer(requests);
  await context.close();

  for (const mailed of await secretsMailedTo(email)) secrets.add(mailed);
});

test("a staff invitation and a password reset by their mailed links", async () => {
  const email = `link-secret-${Date.now()}@musterstadt.example`;
  const admin = { Authorization: `Bearer ${await staffToken(baseUrl, DEMO_ADMIN)}` };
  const invited = await post("/api/v1/staff/users", { email, full_name: "Neue Kollegin", roles: [{ role: "viewer" }] }, admin);
  expect(invited.status).toBe(201);
  const invitation = linkIn(await waitForMail(baseUrl, email, /.+/), /https?:\/\/\S+\/staff\/invitation#t=[\w-]+/);

  const { context, page } = await openPage(browser, baseUrl);
  const requests = watchRequests(page);
  await page.goto(invitation);
  await page.getByRole("heading", { level: 1, name: "Einladung annehmen" }).waitFor();
  await expect.poll(() => page.url()).toBe(`${baseUrl}/staff/invitation`);
  await choosePassword(page, "Vielfalt-in-Musterstadt-27");
  expectOnlyOwnRequestsWithoutReferrer(requests);

  expect((await post("/api/v1/auth/password-reset", { email })).status).toBe(202);
  const reset = linkIn(await waitForMail(baseUrl, email, /Neues Passwort festlegen/), /https?:\/\/\S+\/staff\/password-reset#t=[\w-]+/);
  await page.goto(reset);
  await page.getByRole("heading", { level: 1, name: "Neues Passwort wählen" }).waitFor();
  await expect.poll(() => page.url()).toBe(`${baseUrl}/staff/password-reset`);
  await choosePassword(page, "Neues-Passwort-fuer-2028");
  await context.close();

  for (const mailed of await secretsMailedTo(email)) secrets.add(mailed);
  expect(secrets.has(secretOf(invitation))).toBe(true);
  expect(secrets.has(secretOf(reset))).toBe(true);
});

test("the backend's log holds none of the secrets the mails carried", async () => {
  expect(secrets.size).toBeGreaterThanOrEqual(4);
  // A last request marks the end: once it is in the log, every earlier one is too.
  const marker = `end-${Date.now()}`;
  await fetch(`${baseUrl}/api/v1/health?marker=${marker}`);
  await expect.poll(() => readFileSync(backendLog(), "utf8").includes(marker), { timeout: 15_000 }).toBe(true);
  const log = readFileSync(backendLog(), "utf8");
  // The visits are in the log, with no secret.
  expect(log).toContain('"GET /manage/registration?confirm=1 HTTP/1.1" 200');
  expect(log).toContain('"GET /manage/registration/[token] HTTP/1.1" 200');
  expect(log).toContain("/api/v1/manage/registrations/[token]/cancel");
  expect(log).toContain('"GET /staff/invitation HTTP/1.1" 200');
  for (const secret of secrets) {
    const half = Math.floor(secret.length / 2);
    for (const piece of [secret, secret.slice(0, half), secret.slice(half)]) {
      expect(log.includes(piece), `a secret (or half of one) is in the log: ${piece}`).toBe(false);
    }
  }
});
