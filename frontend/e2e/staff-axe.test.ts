// axe-core (WCAG 2.1 A and AA) on every page of the staff console, in German and in Arabic (right to
// left), with real data on them: people signed up and checked in, an application waiting for a decision.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { confirmApplication, currentConsent, demoProcessId } from "./support/demo";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage } from "./support/browser";
import { staffToken } from "./support/mails";
import { staffCall } from "./support/staffApi";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
const ids = { process: "", group: "", applicationGroup: "", kickoff: "" };

const call = <T,>(token: string, method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);

beforeAll(async () => {
  browser = await launchBrowser();
  const token = await staffToken(baseUrl);
  type Listed = { items: { id: string; kind?: string; slug?: string }[] };
  ids.process = demoProcessId((await call<Listed>(token, "GET", "/staff/processes?limit=100")).items);
  ids.group = (await call<Listed>(token, "GET", `/staff/groups?limit=100&process_id=${ids.process}`)).items.find((g) => g.slug === "bildung")!.id;
  ids.kickoff = (await call<Listed>(token, "GET", "/staff/events?kind=kickoff")).items[0].id;
  // People at the door: one checked in, one expected, one entered by phone only.
  const consent = await currentConsent(baseUrl);
  const here = await call<{ id: string }>(token, "POST", `/staff/events/${ids.kickoff}/registrations`, {
    full_name: "Daria Kovalenko",
    email: `daria-${Date.now()}@example.org`,
    category: "civil_society",
    affiliation: "Ukrainischer Verein Musterstadt",
    channel: "email",
    consent,
  });
  await call(token, "POST", `/staff/registrations/${here.id}/check-in`, { attended: true });
  await call(token, "POST", `/staff/events/${ids.kickoff}/registrations`, { full_name: "Mehmet Yılmaz", phone: "0151 9876543", consent });
  // A group by application, with one application waiting.
  const group = await call<{ id: string }>(token, "POST", "/staff/groups", {
    process_id: ids.process,
    name: "Fachrunde Sprache",
    slug: `fachrunde-sprache-${Date.now()}`,
    kind: "expert_round",
    membership_mode: "application",
    capacity: 12,
  });
  await call(token, "POST", `/staff/groups/${group.id}/publish`);
  const amina = `amina-${Date.now()}@example.org`;
  const apply = await fetch(`${baseUrl}/api/v1/orgs/musterstadt/group-applications`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ full_name: "Amina Haddad", email: amina, groups: [group.id], consent }),
  });
  expect(apply.ok).toBe(true);
  await confirmApplication(baseUrl, amina);
  ids.applicationGroup = group.id;
});
afterAll(async () => {
  await browser?.close();
});

const LOADING = /Wird geladen|Loading|جارٍ التحميل/;

/** Opens a console page and waits until its data is there (no "loading" left). */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page
    .locator("main h1")
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(async (error: Error) => {
      throw new Error(`${path}: ${error.message}\n${await page.locator("body").innerText()}`);
    });
  await expect.poll(() => page.locator("main [role=status]").filter({ hasText: LOADING }).count()).toBe(0);
}


for (const language of ["de", "ar"] as const) {
  describe(`staff console in ${language}`, () => {
    test("pages before the login", async () => {
      const { context, page } = await openPage(browser, baseUrl, { locale: language });
      await visit(page, "/staff/login");
      expect(await page.locator("html").getAttribute("dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expectNoAxeViolations(page, `staff-login-${language}`);
      // The failed login, with its announced error.
      await page.locator("#field-email").fill("admin@musterstadt.example");
      await page.locator("#field-password").fill("wrong-wrong-wrong");
      await page.locator("main form button[type=submit]").first().click();
      await page.locator(".error-summary").waitFor();
      await expectNoAxeViolations(page, `staff-login-error-${language}`);
      await visit(page, "/staff/invitation#t=not-a-real-token");
      await expectNoAxeViolations(page, `staff-invitation-${language}`);
      await visit(page, "/staff/password-reset#t=not-a-real-token");
      await expectNoAxeViolations(page, `staff-password-reset-${language}`);
      await context.close();
    });

    test("every page behind the login", async () => {
      const { context, page } = await openPage(browser, baseUrl, { locale: language });
      await logIn(page);
      const pages: [string, string][] = [
        ["dashboard", "/staff"],
        ["processes", "/staff/processes"],
        ["process-edit", `/staff/processes/${ids.process}`],
        ["process-new", "/staff/processes/new"],
        ["groups", "/staff/groups"],
        ["group-edit", `/staff/groups/${ids.group}`],
        ["group-new", "/staff/groups/new"],
        ["events", "/staff/events"],
        ["event-new", "/staff/events/new"],
        ["event-edit", `/staff/events/${ids.kickoff}`],
        ["registrations", `/staff/events/${ids.kickoff}/registrations`],
        ["checkin", `/staff/events/${ids.kickoff}/check-in`],
        ["phone-signup", `/staff/events/${ids.kickoff}/sign-up`],
        ["members", `/staff/groups/${ids.group}/members`],
        ["members-application", `/staff/groups/${ids.applicationGroup}/members`],
        ["mails", "/staff/mails"],
        ["users", "/staff/users"],
        ["clients", "/staff/clients"],
        ["audit", "/staff/audit"],
        ["not-found", "/staff/nothing-here"],
      ];
      for (const [name, path] of pages) {
        await visit(page, path);
        await expectNoAxeViolations(page, `staff-${name}-${language}`);
      }
      await context.close();
    });

    test("states after an action: errors shown, forms unfolded", async () => {
      const { context, page } = await openPage(browser, baseUrl, { locale: language });
      await logIn(page);
      // The event form refused by the API.
      await visit(page, "/staff/events/new");
      await page.locator("#field-process_id").selectOption(ids.process);
      await page.locator("#field-title").fill("Axe");
      await page.locator("#field-starts_at").fill("2027-03-10T18:00");
      await page.locator("#field-ends_at").fill("2027-03-10T16:00");
      await page.locator("#field-venue\\.name").fill("Rathaus");
      await page.locator("main form button[type=submit]").last().click();
      await page.locator(".error-summary").waitFor();
      await expectNoAxeViolations(page, `staff-event-form-error-${language}`);
      // An application with the rejection form open, and the add-person form unfolded.
      await visit(page, `/staff/groups/${ids.applicationGroup}/members`);
      await page.locator(".reason-action > button").first().click();
      await page.locator(".reason-panel textarea").first().waitFor();
      await page.locator("details.card > summary").click();
      await expectNoAxeViolations(page, `staff-members-decision-${language}`);
      // The phone sign-up refused for missing consent; the event page with its cancel form open.
      await visit(page, `/staff/events/${ids.kickoff}/sign-up`);
      await page.locator("#field-full_name").fill("Axe");
      await page.locator("main form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      await expectNoAxeViolations(page, `staff-phone-signup-error-${language}`);
      await visit(page, `/staff/events/${ids.kickoff}`);
      await page.locator(".reason-action > button.danger").click();
      await expectNoAxeViolations(page, `staff-event-cancel-form-${language}`);
      await context.close();
    });
  });
}
