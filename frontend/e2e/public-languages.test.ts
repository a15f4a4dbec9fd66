// Every public page in German, Arabic, Persian and Leichte Sprache: axe finds nothing, <html lang dir>
// say the reader's language, and each of the city's texts is read in the language it is shown in.
// The API names the texts it shows untranslated (`untranslated`: {path: language}); such a text must
// carry that language on its element (`lang="de" dir="ltr"` for a German description on a Persian page),
// a translated one inherits the page's. A date written in German only shows, on a Persian page, the
// city's German texts, every one of them marked.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backendUrl } from "./support/backend";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser, openPage } from "./support/browser";
import { CITY, PROCESS, demoEvent, demoGroups, demoProcessId } from "./support/demo";
import { staffToken } from "./support/mails";
import { gotoIn, type PublicPage, publicPages, type SiteLanguage } from "./support/pages";
import { staffCall } from "./support/staffApi";

const baseUrl = backendUrl();
let browser: Browser;
let pages: PublicPage[];

const LANGUAGES: { code: SiteLanguage; dir: "ltr" | "rtl" }[] = [
  { code: "de", dir: "ltr" },
  { code: "ar", dir: "rtl" },
  { code: "fa", dir: "rtl" },
  { code: "de-x-ls", dir: "ltr" },
];

beforeAll(async () => {
  browser = await launchBrowser();
  pages = await publicPages(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

type Holder = { untranslated?: Record<string, string> | null; [field: string]: unknown };

/** An API answer as the page gets it: in the reader's language. */
async function apiIn<T>(language: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { "Accept-Language": language } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The text at an API path: "title", "guiding_principles.2", "questions.<id>.options.1". */
function textAt(holder: Holder, path: string): string | null {
  if (path === "venue_notes") return ((holder.venue as Holder | null)?.notes as string | undefined) ?? null;
  const [first, ...rest] = path.split(".");
  if (first === "questions") {
    const question = (holder.questions as Holder[] | undefined)?.find((candidate) => candidate.id === rest[0]);
    if (!question) return null;
    if (rest[1] === "label") return question.label as string;
    const labels = (question.option_labels as string[] | undefined) ?? (question.options as string[]);
    return labels?.[Number(rest[2])] ?? null;
  }
  let value: unknown = holder[first];
  for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[Array.isArray(value) ? Number(part) : part];
  return typeof value === "string" ? value : null;
}

/** The paths of a holder's texts a page shows: its untranslated ones and its translated plain fields. */
function shownPaths(holder: Holder, fields: string[]): string[] {
  return [...new Set([...fields, ...Object.keys(holder.untranslated ?? {})])];
}

/**
 * The language a screen reader uses for each element in <main> showing exactly this text (its first
 * paragraph, for texts the page splits into paragraphs), with the direction it runs in.
 */
async function languagesOfText(page: Page, text: string): Promise<{ lang: string; dir: string }[]> {
  const wanted = text.split(/\n{2,}/)[0].trim();
  return page.evaluate((needle) => {
    const hits = [...document.querySelectorAll("main *")].filter(
      (element) =>
        element.textContent?.trim() === needle &&
        ![...element.children].some((child) => child.textContent?.trim() === needle),
    );
    return hits.map((element) => {
      const marked = element.closest("[lang]");
      const directed = element.closest("[dir]");
      return { lang: marked?.getAttribute("lang") ?? "", dir: directed?.getAttribute("dir") ?? "" };
    });
  }, wanted);
}

/** Each text of the holder shown on the page reads in the language the API says it is in. */
async function expectTextsMarked(page: Page, language: SiteLanguage, holder: Holder, fields: string[], where: string) {
  let checked = 0;
  for (const path of shownPaths(holder, fields)) {
    const text = textAt(holder, path);
    if (!text?.trim()) continue;
    const found = await languagesOfText(page, text);
    if (found.length === 0) continue; // not on this page (e.g. an event beyond the first five)
    const expected = holder.untranslated?.[path] ?? language;
    for (const mark of found) {
      expect(mark.lang, `${where}: lang of ${path} ("${text.slice(0, 40)}")`).toBe(expected);
      if (holder.untranslated?.[path]) expect(mark.dir, `${where}: dir of ${path}`).toBe(expected === "ar" || expected === "fa" ? "rtl" : "ltr");
    }
    checked += 1;
  }
  return checked;
}

for (const { code, dir } of LANGUAGES) {
  test(`every public page in ${code}: no axe violations, <html lang="${code}" dir="${dir}">`, async () => {
    const { context, page } = await openPage(browser, baseUrl);
    for (const { name, path } of pages) {
      await gotoIn(page, path, code);
      expect(await page.locator("html").getAttribute("dir"), name).toBe(dir);
      expect(await page.locator("main h1").count(), name).toBe(1);
      await expectNoAxeViolations(page, `public-languages-${name}-${code}`);
    }
    await context.close();
  });

  test(`the city's texts in ${code} are marked with the language they are shown in`, async () => {
    const { context, page } = await openPage(browser, baseUrl);
    type Process = Holder & { phases: Holder[]; groups: Holder[]; upcoming_events: Holder[] };

    // The process page: the process itself, its phases, groups and first events.
    const process = await apiIn<Process>(code, `/orgs/${CITY}/processes/${PROCESS}`);
    await gotoIn(page, `/${CITY}/processes/${PROCESS}`, code);
    let checked = await expectTextsMarked(page, code, process, ["title", "summary", "description"], "process");
    for (const phase of process.phases) checked += await expectTextsMarked(page, code, phase, ["name", "description"], "phase");
    for (const group of process.groups) checked += await expectTextsMarked(page, code, group, ["name"], "group card");
    for (const event of process.upcoming_events.slice(0, 5)) checked += await expectTextsMarked(page, code, event, ["title"], "event card");
    expect(checked).toBeGreaterThan(3);

    // The event page with its sign-up form: the event, its questions and the privacy notice.
    const kickoff = await demoEvent(baseUrl, "kickoff");
    const event = await apiIn<Holder>(code, `/orgs/${CITY}/events/${kickoff.id}`);
    const notice = await apiIn<Holder>(code, `/orgs/${CITY}/privacy-notice`);
    await gotoIn(page, `/${CITY}/events/${kickoff.id}`, code);
    await expectTextsMarked(page, code, event, ["title", "description"], "event");
    expect(await expectTextsMarked(page, code, notice, ["text"], "privacy notice")).toBe(1);

    // A group's page.
    const groupId = (await demoGroups(baseUrl))[0].id;
    const group = await apiIn<Holder>(code, `/orgs/${CITY}/groups/${groupId}`);
    await gotoIn(page, `/${CITY}/groups/${groupId}`, code);
    expect(await expectTextsMarked(page, code, group, ["name", "description"], "group")).toBeGreaterThan(0);
    await context.close();
  });
}

test("a Persian page shows a date the city has not translated in German, marked German and left to right", async () => {
  // A new date, written in German only: nothing of it is translated, whatever the demo translates.
  const token = await staffToken(baseUrl);
  const call = <T,>(method: string, path: string, body?: unknown) => staffCall<T>(baseUrl, token, method, path, body);
  const processId = demoProcessId((await call<{ items: { id: string; slug?: string }[] }>("GET", "/staff/processes?limit=100")).items);
  const start = new Date(Date.now() + 30 * 86_400_000);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const event = await call<{ id: string }>("POST", "/staff/events", {
    process_id: processId,
    title: "Nachbarschaftsfest im Quartier Nord",
    description: "Wir feiern zusammen im Park.\n\nBringen Sie gern etwas zu essen mit.",
    kind: "citizen_dialogue",
    format: "in_person",
    starts_at: start.toISOString(),
    ends_at: end.toISOString(),
    venue: { name: "Stadtpark Nord", address: "Parkweg 1", step_free: true },
    capacity: 40,
    questions: [{ id: "helping", label: "Möchten Sie beim Aufbau helfen?", kind: "choice", required: false, options: ["Ja", "Nein"] }],
  });
  await call("POST", `/staff/events/${event.id}/publish`);

  const { context, page } = await openPage(browser, baseUrl);
  await gotoIn(page, `/${CITY}/events/${event.id}`, "fa");
  expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
  const heading = page.locator("main h1");
  expect(await heading.textContent()).toBe("Nachbarschaftsfest im Quartier Nord");
  expect(await heading.getAttribute("lang")).toBe("de");
  expect(await heading.getAttribute("dir")).toBe("ltr");
  for (const text of ["Wir feiern zusammen im Park.", "Möchten Sie beim Aufbau helfen?", "Ja", "Nein"]) {
    expect(await languagesOfText(page, text), text).toContainEqual({ lang: "de", dir: "ltr" });
  }
  // The site's own words around them stay Persian: the sign-up heading inherits the page's language.
  expect(await page.evaluate(() => document.querySelector("#signup-title")?.closest("[lang]")?.getAttribute("lang"))).toBe("fa");
  await context.close();
});

test("a text the city translated inherits the page's language: the kickoff in Arabic", async () => {
  const kickoff = await demoEvent(baseUrl, "kickoff");
  const event = await apiIn<Holder>("ar", `/orgs/${CITY}/events/${kickoff.id}`);
  // The demo translates the kickoff into Arabic.
  expect(event.untranslated?.title).toBeUndefined();
  const { context, page } = await openPage(browser, baseUrl);
  await gotoIn(page, `/${CITY}/events/${kickoff.id}`, "ar");
  const heading = page.locator("main h1");
  expect(await heading.textContent()).toBe(event.title);
  expect(await heading.getAttribute("lang")).toBeNull();
  expect(await page.evaluate(() => document.querySelector("main h1")?.closest("[lang]")?.getAttribute("lang"))).toBe("ar");
  await context.close();
});
