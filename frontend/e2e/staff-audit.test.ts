// The audit log in the staff's words: who acted (by name), what they did (in words, in the console's
// language) and on what (its title, linked to its page) — in German and in Arabic.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { demoProcessId } from "./support/demo";
import { staffToken } from "./support/mails";
import { settled } from "./support/pages";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let kickoff: { id: string; title: string };

beforeAll(async () => {
  browser = await launchBrowser();
  // A change to look for: the admin renames an event of its own (through the API, as the console does).
  // Its own, not the demo kickoff: other test files on this backend change the kickoff too, and every row
  // about an object shows the object's current title.
  const token = await staffToken(baseUrl);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const processes = await fetch(`${baseUrl}/api/v1/staff/processes?limit=100`, { headers });
  const processId = demoProcessId(((await processes.json()) as { items: { id: string; slug: string }[] }).items);
  const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const draft = await fetch(`${baseUrl}/api/v1/staff/events`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      process_id: processId,
      title: `Gesprächskreis ${Date.now()}`,
      kind: "citizen_dialogue",
      format: "in_person",
      starts_at: `${day}T18:00`,
      ends_at: `${day}T20:00`,
      venue: { name: "Bürgerhaus" },
    }),
  });
  expect(draft.status).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  const title = `Gesprächskreis umbenannt ${Date.now()}`;
  const changed = await fetch(`${baseUrl}/api/v1/staff/events/${id}`, { method: "PATCH", headers, body: JSON.stringify({ title }) });
  expect(changed.status).toBe(200);
  kickoff = { id, title };
});
afterAll(async () => {
  await browser?.close();
});


async function renamedRow(page: Page, changedInWords: string) {
  await page.goto("/staff/audit");
  await settled(page);
  // Its creation shows the current title too; the change is the row that says "changed".
  const row = page.getByRole("row").filter({ hasText: kickoff.title }).filter({ hasText: changedInWords });
  await expect.poll(() => row.count()).toBe(1);
  return row;
}

test("German: the admin by name, 'changed the event' in words, and the event's title linking to its page", async () => {
  const { context, page } = await openPage(browser, baseUrl);
  await logIn(page, "de");
  const row = await renamedRow(page, "hat die Veranstaltung geändert");
  const cells = await row.getByRole("cell").allTextContents();
  expect(cells[1]).toBe("Demo-Admin Musterstadt");
  expect(cells[2]).toBe("hat die Veranstaltung geändert");
  expect(cells[3]).toBe(`Veranstaltung: ${kickoff.title}`);
  expect(await page.locator("main code").count()).toBe(0); // no technical action codes
  expect(await page.locator("main").textContent()).not.toContain("update_event");
  await expectNoAxeViolations(page, "staff-audit-named-de");

  await row.getByRole("link", { name: `Veranstaltung: ${kickoff.title}` }).click();
  await page.waitForURL(new RegExp(`/staff/events/${kickoff.id}$`));
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(kickoff.title);
  await context.close();
});

test("Arabic: the same row in Arabic words, right to left, and no axe violations", async () => {
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await logIn(page, "ar");
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  const row = await renamedRow(page, "عدّل الفعالية");
  const cells = await row.getByRole("cell").allTextContents();
  expect(cells[1]).toBe("Demo-Admin Musterstadt");
  expect(cells[2]).toBe("عدّل الفعالية");
  expect(cells[3]).toBe(`فعالية: ${kickoff.title}`);
  // The Latin title is isolated, so its digits and words stay in order inside the Arabic line.
  expect(await row.locator("bdi").filter({ hasText: kickoff.title }).count()).toBe(1);
  await expectNoAxeViolations(page, "staff-audit-named-ar");
  await context.close();
});
