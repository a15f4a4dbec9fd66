// The embeddable widget on a plain HTML page of another origin (a city's CMS, played by a tiny node:http
// server): it loads from the backend's /widget/v1.js, reads the public API across origins when the city
// allows that origin, and falls back to a message and a link when the browser refuses the read.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { expectNoAxeViolations } from "./support/axe";
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot } from "./support/browser";
import { staffToken } from "./support/mails";

const baseUrl = backendUrl();
const API = `${baseUrl}/api/v1`;
let browser: Browser;
let host: Server;
let hostOrigin: string;
let originalOrigins: string[] = [];

type EventPublic = { id: string; title: string; seats_left: number | null };
type GroupSummary = { id: string; name: string; membership_mode: string };

/** A city's page: no framework, its own styles (some hostile to the widget), two containers, one script. */
function hostPage(lang: "de" | "ar"): string {
  const de = lang === "de";
  return `<!doctype html>
<html lang="${lang}" dir="${de ? "ltr" : "rtl"}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${de ? "Integrationskonzept – Stadt Musterstadt" : "مفهوم الاندماج – مدينة موسترشتات"}</title>
  <style>
    body { font-family: Georgia, serif; color: #222; max-width: 64rem; margin: 0 auto; padding: 1rem; }
    .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.5rem; }
    /* a CMS's sweeping rules must not reach into the widget */
    li { display: none; }
    a { color: #a00; }
    /* the city's colours, through the widget's custom properties */
    .columns { --teilhabe-accent: #00576b; --teilhabe-radius: 4px; }
  </style>
</head>
<body>
  <header><p>${de ? "Stadt Musterstadt · Büro für Integration" : "مدينة موسترشتات · مكتب الاندماج"}</p></header>
  <main>
    <h1>${de ? "Unser Integrationskonzept" : "مفهوم الاندماج لدينا"}</h1>
    <p>${de ? "Machen Sie mit: bei den Terminen und in den Arbeitsgruppen." : "شاركوا معنا في المواعيد ومجموعات العمل."}</p>
    <div class="columns">
      <div data-teilhabe-widget data-org="musterstadt" data-process="integrationskonzept" data-show="events" data-limit="5"></div>
      <div data-teilhabe-widget data-org="musterstadt" data-process="integrationskonzept" data-show="groups" data-limit="10"></div>
    </div>
  </main>
  <script src="${baseUrl}/widget/v1.js" async></script>
</body>
</html>`;
}

async function setOrigins(origins: string[]): Promise<void> {
  const response = await fetch(`${API}/staff/organization`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${await staffToken(baseUrl)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ cors_origins: origins }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${API}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

function today(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(new Date());
}

/** Opens the host page and collects anything the page throws (the harness would throw it away). */
async function openHost(lang: "de" | "ar", viewport = DESKTOP): Promise<{ page: Page; errors: Error[]; close: () => Promise<void> }> {
  const { context, page } = await openPage(browser, baseUrl, { viewport });
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(`${hostOrigin}/${lang === "de" ? "" : "ar"}`);
  return { page, errors, close: () => context.close() };
}

const events = (page: Page) => page.locator('[data-show="events"]');
const groups = (page: Page) => page.locator('[data-show="groups"]');

beforeAll(async () => {
  const widget = await fetch(`${baseUrl}/widget/v1.js`);
  expect(widget.status, "the backend serves the widget at /widget/v1.js").toBe(200);
  expect(widget.headers.get("content-type")).toMatch(/javascript/);

  host = createServer((request, response) => {
    if (request.url !== "/" && request.url !== "/ar") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(hostPage(request.url === "/ar" ? "ar" : "de"));
  });
  await new Promise<void>((listening) => host.listen(0, "127.0.0.1", listening));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  expect(hostOrigin).not.toBe(baseUrl);

  const organization = await fetch(`${API}/staff/organization`, {
    headers: { Authorization: `Bearer ${await staffToken(baseUrl)}` },
  });
  originalOrigins = ((await organization.json()) as { cors_origins: string[] }).cors_origins;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((closed) => host?.close(closed));
  await setOrigins(originalOrigins);
});

test("on an allowed origin it lists the upcoming events and the groups, with sign-up links to the site", async () => {
  await setOrigins([hostOrigin]);
  const expected = await getJson<{ items: EventPublic[] }>(
    `/orgs/musterstadt/events?process=integrationskonzept&from=${today()}&limit=5`,
  );
  const process = await getJson<{ groups: GroupSummary[] }>("/orgs/musterstadt/processes/integrationskonzept");
  expect(expected.items.length).toBeGreaterThan(0);

  const { page, errors, close } = await openHost("de");
  await expect.poll(() => events(page).locator("li h3").allTextContents()).toEqual(
    expected.items.map((item) => item.title),
  );
  await expect(events(page).locator("h2").textContent()).resolves.toBe("Nächste Termine");
  // the host's `li { display: none }` stays outside the shadow root
  await expect(events(page).locator("li").first().isVisible()).resolves.toBe(true);

  const kickoff = expected.items.find((item) => item.title === "Digitale Auftaktveranstaltung");
  if (!kickoff) throw new Error("the demo's kickoff is not among the next events");
  const item = events(page).locator("li", { hasText: kickoff.title });
  await expect(item.locator(".s").textContent()).resolves.toBe(`${kickoff.seats_left} Plätze frei`);
  await expect(item.textContent()).resolves.toContain("Online");
  const signUp = page.getByRole("link", { name: `Anmelden – ${kickoff.title}`, exact: true });
  await expect(signUp.getAttribute("href")).resolves.toBe(`${baseUrl}/musterstadt/events/${kickoff.id}`);

  // the groups: places or mode, and no sign-up link where members are appointed
  await expect.poll(() => groups(page).locator("li h3").allTextContents()).toEqual(
    process.groups.map((group) => group.name),
  );
  const appointed = process.groups.find((group) => group.membership_mode === "appointed");
  if (!appointed) throw new Error("the demo has no appointed group");
  const steering = groups(page).locator("li", { hasText: appointed.name });
  await expect(steering.locator(".s").textContent()).resolves.toBe("Mitglieder werden berufen");
  await expect(steering.locator("a").count()).resolves.toBe(0);
  await expect(groups(page).locator("h2").textContent()).resolves.toBe("Arbeitsgruppen");
  const open = process.groups.find((group) => group.membership_mode === "open");
  if (!open) throw new Error("the demo has no open group");
  await expect(page.getByRole("link", { name: `Anmelden – ${open.name}`, exact: true }).getAttribute("href")).resolves.toBe(
    `${baseUrl}/musterstadt/groups/${open.id}`,
  );
  await expect(groups(page).locator("li .s").first().textContent()).resolves.toMatch(/Plätze frei|Warteliste/);

  // following the link leads to the event's page on the Teilhabe site
  await Promise.all([page.waitForURL(`${baseUrl}/musterstadt/events/${kickoff.id}`), signUp.click()]);
  await page.getByRole("heading", { level: 1, name: kickoff.title }).waitFor();
  expect(errors).toEqual([]);
  await close();
});

test("the host page with the widget has no axe violations, in German and in Arabic (right to left)", async () => {
  await setOrigins([hostOrigin]);
  const german = await openHost("de");
  await events(german.page).locator("li").first().waitFor();
  await groups(german.page).locator("li").first().waitFor();
  await expectNoAxeViolations(german.page, "widget-host-de");
  await german.close();

  const arabic = await openHost("ar");
  await events(arabic.page).locator("li").first().waitFor();
  await groups(arabic.page).locator("li").first().waitFor();
  await expect(events(arabic.page).locator(".w").getAttribute("dir")).resolves.toBe("rtl");
  await expect(events(arabic.page).locator("h2").textContent()).resolves.toBe("المواعيد القادمة");
  await expectNoAxeViolations(arabic.page, "widget-host-ar");
  expect([...german.errors, ...arabic.errors]).toEqual([]);
  await arabic.close();
});

test("screenshots on a desktop and a phone", async () => {
  await setOrigins([hostOrigin]);
  for (const [name, viewport, lang] of [
    ["widget-host-desktop", DESKTOP, "de"],
    ["widget-host-phone", PHONE, "de"],
    ["widget-host-phone-ar", PHONE, "ar"],
  ] as const) {
    const { page, close } = await openHost(lang, viewport);
    await events(page).locator("li").first().waitFor();
    await groups(page).locator("li").first().waitFor();
    await screenshot(page, name);
    await close();
  }
});

test("on an origin the city did not allow, the browser refuses the read and the widget shows its fallback", async () => {
  await setOrigins([]);
  const { page, errors, close } = await openHost("de");
  for (const widget of [events(page), groups(page)]) {
    await expect
      .poll(() => widget.locator('[role="status"]').textContent())
      .toBe("Die Angaben können gerade nicht geladen werden.");
    await expect(widget.locator("li").count()).resolves.toBe(0);
    await expect(widget.getByRole("link", { name: "Alle Termine und Arbeitsgruppen" }).getAttribute("href")).resolves.toBe(
      `${baseUrl}/musterstadt`,
    );
  }
  await screenshot(page, "widget-host-refused");
  expect(errors).toEqual([]);
  await close();
});
