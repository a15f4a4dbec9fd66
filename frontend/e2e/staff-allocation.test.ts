// The allocation of places in application groups, in the console: from the process page to a proposal
// (nothing changes yet), read by group and by who is left without a place, then accepted as a whole;
// the applications are decided and every applicant gets a mail. axe checks the page in German and Arabic.
// Each test works on a process of its own, so the demo process other test files use stays as it is.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { backendUrl } from "./support/backend";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, confirmApplication, currentConsent, uniqueEmail } from "./support/demo";
import { staffToken, waitForMail } from "./support/mails";
import { staffCall } from "./support/staffApi";
import { logInToConsole as logIn } from "./support/staffLogin";

const baseUrl = backendUrl();
let browser: Browser;
let token: string;

type Setup = { processId: string; title: string; housing: string; work: string; emails: Record<string, string> };

const call = <T,>(method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);

/** Applies on the web and follows the confirmation link of the mail, as the person would. */
async function applyConfirmed(fullName: string, email: string, groups: string[], category: string): Promise<void> {
  const consent = await currentConsent(baseUrl);
  const response = await fetch(`${baseUrl}/api/v1/orgs/${CITY}/group-applications`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ full_name: fullName, email, category, groups, consent }),
  });
  if (response.status !== 202) throw new Error(`application failed: ${response.status} ${await response.text()}`);
  await confirmApplication(baseUrl, email);
}

/** A process with two application groups of one place each; housing wants someone from the administration.
 * Amira wants housing, then work; Bernd only housing; Carla (administration) housing, then work. */
async function processWithApplicants(label: string): Promise<Setup> {
  const stamp = `${label}-${Date.now()}`;
  const title = `Zuteilung ${stamp}`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const process = await call<{ id: string }>("POST", "/staff/processes", {
    slug: `zuteilung-${stamp}`,
    title,
    starts_on: day(-10),
    ends_on: day(300),
  });
  await call("POST", `/staff/processes/${process.id}/publish`);
  const group = async (slug: string, name: string, wanted: string[]) => {
    const created = await call<{ id: string }>("POST", "/staff/groups", {
      process_id: process.id,
      slug: `${slug}-${stamp}`,
      name,
      membership_mode: "application",
      capacity: 1,
      wanted_composition: wanted,
    });
    await call("POST", `/staff/groups/${created.id}/publish`);
    return created.id;
  };
  const housing = await group("wohnen", "AG Wohnen", ["administration"]);
  const work = await group("arbeit", "AG Arbeit", []);
  const emails = { amira: uniqueEmail("amira"), bernd: uniqueEmail("bernd"), carla: uniqueEmail("carla") };
  await applyConfirmed("Amira Haddad", emails.amira, [housing, work], "resident");
  await applyConfirmed("Bernd Roth", emails.bernd, [housing], "resident");
  await applyConfirmed("Carla Schulz", emails.carla, [housing, work], "administration");
  return { processId: process.id, title, housing, work, emails };
}


/** The value next to a term in the summary's description list. */
async function fact(page: Page, term: string): Promise<string> {
  return (await page.locator("dl.facts dt", { hasText: term }).locator("xpath=following-sibling::dd[1]").textContent()) ?? "";
}

beforeAll(async () => {
  browser = await launchBrowser();
  token = await staffToken(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

test("staff open the allocation from the process, read the proposal, and accept it as a whole", async () => {
  const setup = await processWithApplicants("de");
  const { context, page } = await openPage(browser, baseUrl);
  page.on("dialog", (dialog) => void dialog.accept()); // "accept the allocation now?"
  await logIn(page);
  await page.goto(`/staff/processes/${setup.processId}`);
  await page.getByRole("link", { name: `Zuteilung der Plätze in „${setup.title}“` }).click();
  await page.getByRole("heading", { level: 1, name: `Zuteilung der Plätze: ${setup.title}` }).waitFor();
  await expectNoAxeViolations(page, "staff-allocation-de");

  // With the keyboard alone: the button to calculate is reached and pressed without a mouse.
  const propose = page.getByRole("button", { name: "Vorschlag berechnen" });
  await propose.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Der Vorschlag ist berechnet. Es hat sich noch nichts geändert." }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Vorschlag");

  expect(await fact(page, "Bewerberinnen und Bewerber")).toBe("3");
  expect(await fact(page, "Mit Platz")).toBe("2");
  expect(await fact(page, "1. Wunsch")).toBe("1");
  expect(await fact(page, "2. Wunsch")).toBe("1");
  expect(await fact(page, "Ohne Platz")).toBe("1");
  const housing = page.getByRole("table", { name: /AG Wohnen/ });
  expect(await housing.getByRole("row").nth(1).textContent()).toContain("Carla Schulz");
  expect(await housing.getByRole("row").nth(1).textContent()).toContain("1. Wunsch");
  const work = page.getByRole("table", { name: /AG Arbeit/ });
  expect(await work.getByRole("row").nth(1).textContent()).toContain("Amira Haddad");
  const left = page.getByRole("list", { name: "Personen ohne Platz" });
  expect(await left.getByRole("listitem").allTextContents()).toEqual(["Bernd Roth (Einwohnerschaft) – gewählt: AG Wohnen"]);
  await expectNoAxeViolations(page, "staff-allocation-proposal-de");

  // Nothing has changed yet: the applications wait.
  type Members = { items: { status: string; participant: { full_name: string } }[] };
  const before = await call<Members>("GET", `/staff/groups/${setup.housing}/memberships?limit=10`);
  expect(before.items.map((m) => m.status)).toEqual(["applied", "applied", "applied"]);

  await page.getByRole("button", { name: "Zuteilung übernehmen" }).click();
  await page.getByRole("status").filter({ hasText: "Die Zuteilung ist übernommen. 2 Personen haben einen Platz" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Übernommene Zuteilung" }).waitFor();
  expect(await page.getByRole("button", { name: "Zuteilung übernehmen" }).count()).toBe(0);

  const after = await call<Members>("GET", `/staff/groups/${setup.housing}/memberships?limit=10`);
  expect(Object.fromEntries(after.items.map((m) => [m.participant.full_name, m.status]))).toEqual({
    "Amira Haddad": "rejected",
    "Bernd Roth": "waitlisted",
    "Carla Schulz": "member",
  });
  const told = await waitForMail(baseUrl, setup.emails.bernd, /Plätze in den Gruppen sind vergeben/);
  expect(told.body_text).toContain("auf der Warteliste");
  await context.close();
});

test("the allocation page in Arabic reads right to left and passes axe", async () => {
  const setup = await processWithApplicants("ar");
  const { context, page } = await openPage(browser, baseUrl, { locale: "ar" });
  await logIn(page);
  await page.goto(`/staff/processes/${setup.processId}/allocation`);
  await page.getByRole("heading", { level: 1, name: `توزيع الأماكن: ${setup.title}` }).waitFor();
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  await expectNoAxeViolations(page, "staff-allocation-ar");
  await page.getByRole("button", { name: "حساب اقتراح" }).click();
  await page.getByRole("heading", { level: 2, name: "الاقتراح" }).waitFor();
  expect(await page.getByRole("table").count()).toBe(2);
  await expectNoAxeViolations(page, "staff-allocation-proposal-ar");
  await context.close();
});
