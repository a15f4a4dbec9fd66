// The console on a tablet at the door, on a desktop and on a 360 px phone, and at 200 % zoom: a
// screenshot of each main page for people to look at, and no page that needs sideways scrolling.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { currentConsent, demoProcessId } from "./support/demo";
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot } from "./support/browser";
import { staffToken } from "./support/mails";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
const TABLET = { width: 768, height: 1024 };
// 200 % zoom of a 1280 × 900 window leaves a 640 × 450 CSS viewport.
const ZOOMED = { width: 640, height: 450 };
let browser: Browser;
const ids = { process: "", group: "", kickoff: "" };

beforeAll(async () => {
  browser = await launchBrowser();
  const token = await staffToken(baseUrl);
  const get = async <T>(path: string) =>
    (await (await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as T;
  type Listed = { items: { id: string; slug?: string }[] };
  ids.process = demoProcessId((await get<Listed>("/staff/processes?limit=100")).items);
  ids.group = (await get<Listed>(`/staff/groups?limit=100`)).items.find((g) => g.slug === "bildung")!.id;
  ids.kickoff = (await get<Listed>("/staff/events?kind=kickoff")).items[0].id;
  // Some people at the door, so the check-in list shows both states.
  const consent = await currentConsent(baseUrl);
  for (const [name, attended] of [["Samira Nouri", true], ["Jonas Becker", false], ["Olena Shevchenko", false]] as const) {
    const response = await fetch(`${baseUrl}/api/v1/staff/events/${ids.kickoff}/registrations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ full_name: name, phone: "0171 1234567", consent }),
    });
    const { id } = (await response.json()) as { id: string };
    if (attended)
      await fetch(`${baseUrl}/api/v1/staff/registrations/${id}/check-in`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ attended: true }),
      });
  }
});
afterAll(async () => {
  await browser?.close();
});


async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("main h1").first().waitFor();
  await expect.poll(() => page.locator("main [role=status]").filter({ hasText: /Wird geladen/ }).count()).toBe(0);
}

/** How far the page sticks out sideways (0 = fits); scroll regions of wide tables do not count. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const PAGES = (): [string, string][] => [
  ["dashboard", "/staff"],
  ["events", "/staff/events"],
  ["event-edit", `/staff/events/${ids.kickoff}`],
  ["registrations", `/staff/events/${ids.kickoff}/registrations`],
  ["checkin", `/staff/events/${ids.kickoff}/check-in`],
  ["phone-signup", `/staff/events/${ids.kickoff}/sign-up`],
  ["members", `/staff/groups/${ids.group}/members`],
  ["process-edit", `/staff/processes/${ids.process}`],
  ["mails", "/staff/mails"],
];

for (const [size, viewport] of [
  ["tablet", TABLET],
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test(`main pages on a ${size}`, async () => {
    const { context, page } = await openPage(browser, baseUrl, { viewport });
    await page.goto("/staff/login");
    await page.locator("main h1").waitFor();
    await screenshot(page, `staff-login-${size}-de`);
    await logIn(page);
    for (const [name, path] of PAGES()) {
      await visit(page, path);
      await screenshot(page, `staff-${name}-${size}-de`);
      expect(await overflow(page), `${name} on a ${size} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
}

test("the check-in on a tablet: large targets, state in words, one tap", async () => {
  const { context, page } = await openPage(browser, baseUrl, { viewport: TABLET });
  await logIn(page);
  await visit(page, `/staff/events/${ids.kickoff}/check-in`);
  const button = page.getByRole("button", { name: "Jonas Becker einchecken" });
  const box = await button.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(56);
  expect(box?.width).toBeGreaterThanOrEqual(140);
  const search = await page.getByLabel("Name suchen").boundingBox();
  expect(search?.height).toBeGreaterThanOrEqual(56);
  // The checked-in person is told apart by words, not only by the green frame.
  expect(await page.getByRole("listitem").filter({ hasText: "Samira Nouri" }).textContent()).toMatch(/Eingecheckt um \d\d:\d\d/);
  expect(await page.getByRole("listitem").filter({ hasText: "Olena Shevchenko" }).textContent()).toContain("Noch nicht da");
  await button.click();
  await expect.poll(() => page.getByRole("listitem").filter({ hasText: "Jonas Becker" }).textContent()).toMatch(/Eingecheckt um/);
  await screenshot(page, "staff-checkin-tablet-after-de");
  await context.close();
});

test("at 200 % zoom and in Arabic on a phone nothing needs sideways scrolling", async () => {
  for (const [viewport, locale, suffix] of [
    [ZOOMED, "de", "zoom200-de"],
    [PHONE, "ar", "phone-ar"],
  ] as const) {
    const { context, page } = await openPage(browser, baseUrl, { viewport, locale });
    await logIn(page);
    for (const [name, path] of PAGES()) {
      await visit(page, path);
      expect(await overflow(page), `${name} (${suffix}) scrolls sideways`).toBeLessThanOrEqual(0);
      if (name === "checkin" || name === "dashboard") await screenshot(page, `staff-${name}-${suffix}`);
    }
    await context.close();
  }
});
