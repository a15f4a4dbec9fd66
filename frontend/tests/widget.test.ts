// The embeddable widget (api/integrations/widget/teilhabe-widget.js) in jsdom: the script text runs
// as a host page would run it, fetch is mocked with answers shaped like the public API's.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

const SOURCE_PATH = resolve(import.meta.dirname, "../../api/integrations/widget/teilhabe-widget.js");
const source = readFileSync(SOURCE_PATH, "utf8");
const API = "https://teilhabe.example";

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "afd9557e-8c6e-4eee-9eb3-810a33a2da0c",
    process_id: "d774011e-9c01-4423-ae7c-a37d88d5f56d",
    group_id: null,
    title: "Digitale Auftaktveranstaltung",
    kind: "kickoff",
    format: "online",
    status: "published",
    status_reason: null,
    starts_at: "2026-12-06T16:00:00+01:00",
    ends_at: "2026-12-06T18:00:00+01:00",
    timezone: "Europe/Berlin",
    venue: null,
    capacity: 200,
    seats_left: 200,
    registration_opens_at: null,
    registration_closes_at: "2026-12-05T12:00:00+01:00",
    registration_open: true,
    waitlist_enabled: true,
    description: null,
    invitation_only: false,
    languages: ["de"],
    interpretation: ["en", "ar"],
    childcare: false,
    questions: [],
    ...overrides,
  };
}

const VENUE = {
  name: "Berufsbildende Schule I, Blauer Salon",
  address: "Schulstraße 4, 12345 Musterstadt",
  room: null,
  step_free: true,
  notes: null,
};

function group(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "12031d30-7661-4d2b-843d-459b19cb072d",
    process_id: "d774011e-9c01-4423-ae7c-a37d88d5f56d",
    slug: "bildung",
    name: "AG Bildung",
    kind: "working_group",
    field_of_action: "Bildung",
    membership_mode: "open",
    capacity: 25,
    places_left: 25,
    signup_deadline: "2026-12-13T23:59:00+01:00",
    signup_open: true,
    ...overrides,
  };
}

type Answer = { status?: number; body?: unknown; fail?: boolean };
let answers: Record<string, Answer>;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  answers = {};
  fetchMock = vi.fn(async (url: string) => {
    const path = url.slice(API.length).split("?")[0];
    const answer = answers[path];
    if (!answer || answer.fail) throw new TypeError("Failed to fetch");
    const status = answer.status ?? 200;
    return new Response(JSON.stringify(answer.body ?? {}), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
  document.documentElement.removeAttribute("lang");
  delete (window as { TeilhabeWidget?: unknown }).TeilhabeWidget;
});

function eventsAnswer(items: Record<string, unknown>[]): void {
  answers["/api/v1/orgs/musterstadt/events"] = { body: { items, next_cursor: null } };
}

function groupsAnswer(groups: Record<string, unknown>[]): void {
  answers["/api/v1/orgs/musterstadt/processes/integrationskonzept"] = {
    body: { slug: "integrationskonzept", title: "Integrationskonzept", groups },
  };
}

/** Puts the containers and the script tag on the page and runs the widget as the browser would. */
function embed(containers: string, htmlLang = "de"): void {
  document.documentElement.lang = htmlLang;
  document.body.innerHTML = containers;
  const script = document.createElement("script");
  script.src = `${API}/widget/v1.js`;
  script.async = true;
  document.body.append(script); // jsdom here loads no scripts: the text runs below
  new Function(source)();
}

const container = (attributes = 'data-show="events"') =>
  `<div data-teilhabe-widget data-org="musterstadt" data-process="integrationskonzept" ${attributes}></div>`;

function shadow(index = 0): ShadowRoot {
  const root = document.querySelectorAll("[data-teilhabe-widget]")[index].shadowRoot;
  if (!root) throw new Error("the widget attached no shadow root");
  return root;
}

async function rendered(index = 0): Promise<ShadowRoot> {
  // the link to the city's page comes last, after the list or the message
  await vi.waitFor(() => expect(shadow(index).querySelector(".w > p:last-child a")).not.toBeNull());
  return shadow(index);
}

const texts = (root: ShadowRoot, selector: string) =>
  [...root.querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, " ").trim());

test("shows the upcoming events with date, place, seats and a sign-up link to the event page", async () => {
  eventsAnswer([
    event(),
    event({
      id: "6d738c88-c6f2-46c0-8da4-02ef3cb14618",
      title: "AG Bildung: 1. Sitzung",
      format: "in_person",
      venue: VENUE,
      starts_at: "2026-12-27T17:00:00+01:00",
      ends_at: "2026-12-27T19:30:00+01:00",
      capacity: 25,
      seats_left: 1,
      waitlist_enabled: false,
    }),
  ]);
  embed(container('data-show="events" data-limit="3"'));
  const root = await rendered();

  const url = new URL(fetchMock.mock.calls[0][0] as string);
  expect(url.origin + url.pathname).toBe(`${API}/api/v1/orgs/musterstadt/events`);
  expect(url.searchParams.get("process")).toBe("integrationskonzept");
  expect(url.searchParams.get("limit")).toBe("3");
  expect(url.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(url.searchParams.get("lang")).toBe("de"); // the city's texts in the widget's language

  expect(root.querySelector("h2")?.textContent).toBe("Nächste Termine");
  expect(root.querySelector(".w")?.getAttribute("lang")).toBe("de");
  expect(texts(root, "li h3")).toEqual(["Digitale Auftaktveranstaltung", "AG Bildung: 1. Sitzung"]);
  const [kickoff, meeting] = [...root.querySelectorAll("li")];
  expect(kickoff.textContent).toContain("6. Dezember 2026");
  expect(kickoff.textContent).toMatch(/16:00\s*–\s*18:00/);
  expect(kickoff.querySelector("time")?.getAttribute("datetime")).toBe("2026-12-06T16:00:00+01:00");
  expect(kickoff.textContent).toContain("Online");
  expect(kickoff.querySelector(".s")?.textContent).toBe("200 Plätze frei");
  expect(meeting.textContent).toContain("Berufsbildende Schule I, Blauer Salon, Schulstraße 4, 12345 Musterstadt");
  expect(meeting.textContent).toContain("stufenloser Zugang");
  expect(meeting.textContent).not.toContain("Online");
  expect(meeting.querySelector(".s")?.textContent).toBe("1 Platz frei");

  const links = [...root.querySelectorAll("li a")] as HTMLAnchorElement[];
  expect(links.map((link) => link.href)).toEqual([
    `${API}/musterstadt/events/afd9557e-8c6e-4eee-9eb3-810a33a2da0c`,
    `${API}/musterstadt/events/6d738c88-c6f2-46c0-8da4-02ef3cb14618`,
  ]);
  // the visible word is "Anmelden"; the accessible name also names the event
  expect(links[0].textContent).toBe("Anmelden – Digitale Auftaktveranstaltung");
  expect(links[0].querySelector(".v")?.textContent).toBe(" – Digitale Auftaktveranstaltung");
  // and a plain link to the city's page below the list
  expect((root.querySelector(".w > p:last-child a") as HTMLAnchorElement).href).toBe(`${API}/musterstadt`);
});

test.each([
  ["free seats", { seats_left: 12 }, "12 Plätze frei", "Anmelden"],
  ["no limit", { seats_left: null, capacity: null }, "Anmeldung offen", "Anmelden"],
  ["full, with a waiting list", { seats_left: 0, waitlist_enabled: true }, "Warteliste", "Anmelden"],
  ["full, no waiting list", { seats_left: 0, waitlist_enabled: false }, "Ausgebucht", "Details"],
  ["registration closed", { registration_open: false }, "Anmeldung geschlossen", "Details"],
  [
    "registration not yet open",
    { registration_open: false, registration_opens_at: "2099-01-10T09:00:00+01:00" },
    /^Anmeldung ab 10\. Januar 2099\D+09:00$/,
    "Details",
  ],
  ["cancelled", { status: "cancelled", registration_open: false }, "Abgesagt", "Details"],
  ["postponed", { status: "postponed" }, "Verschoben", "Details"],
  ["by invitation", { invitation_only: true }, "Nur mit Einladung", "Details"],
])("seats wording: %s", async (_case, overrides, wording, linkWord) => {
  eventsAnswer([event(overrides)]);
  embed(container());
  const root = await rendered();
  const state = root.querySelector("li .s")?.textContent;
  if (wording instanceof RegExp) expect(state).toMatch(wording);
  else expect(state).toBe(wording);
  expect(root.querySelector("li a")?.firstChild?.textContent).toBe(linkWord);
});

test("shows the working groups with places, mode, deadline and links to the group pages", async () => {
  groupsAnswer([
    group(),
    group({ id: "cc3e208a-ffd7-499b-a7fa-01f5640c437e", name: "AG Arbeit", places_left: 0 }),
    group({ id: "a582949f-292a-4240-a7cd-9048cde1a70d", name: "Themenforum", membership_mode: "application" }),
    group({ id: "ae55dc5d-9d6f-441a-a0b6-15873f5a16cc", name: "AG Wohnen", signup_open: false }),
    group({
      id: "84f7f056-9ad2-45bf-9fed-e05c6a61e516",
      name: "Steuerungsgruppe",
      kind: "steering_group",
      membership_mode: "appointed",
      capacity: null,
      places_left: null,
      signup_deadline: null,
      signup_open: false,
    }),
  ]);
  embed(container('data-show="groups" data-heading-level="3" data-title="Machen Sie mit"'));
  const root = await rendered();

  expect(fetchMock.mock.calls[0][0]).toBe(`${API}/api/v1/orgs/musterstadt/processes/integrationskonzept?lang=de`);
  expect(root.querySelector("h3")?.textContent).toBe("Machen Sie mit");
  expect(texts(root, "li h4")).toEqual(["AG Bildung", "AG Arbeit", "Themenforum", "AG Wohnen", "Steuerungsgruppe"]);
  expect(texts(root, "li .s")).toEqual([
    "25 Plätze frei",
    "Warteliste",
    "Mitarbeit auf Bewerbung",
    "Anmeldung geschlossen",
    "Mitglieder werden berufen",
  ]);
  const [bildung, , , wohnen, steering] = [...root.querySelectorAll("li")];
  expect(bildung.textContent).toContain("Anmeldung bis 13. Dezember 2026");
  expect(bildung.textContent).not.toContain("23:59");
  expect((bildung.querySelector("a") as HTMLAnchorElement).href).toBe(
    `${API}/musterstadt/groups/12031d30-7661-4d2b-843d-459b19cb072d`,
  );
  expect(bildung.querySelector("a")?.textContent).toBe("Anmelden – AG Bildung");
  expect(wohnen.querySelector("a")?.textContent).toBe("Details – AG Wohnen");
  expect(steering.querySelector("a")).toBeNull(); // appointed: nobody signs up
});

test("data-limit cuts the list, also for groups", async () => {
  groupsAnswer([group(), group({ name: "AG Arbeit" }), group({ name: "AG Wohnen" })]);
  embed(container('data-show="groups" data-limit="2"'));
  const root = await rendered();
  expect(texts(root, "li h3")).toEqual(["AG Bildung", "AG Arbeit"]);
});

test("English from the page's lang attribute", async () => {
  eventsAnswer([event(), event({ seats_left: 0, waitlist_enabled: false }), event({ seats_left: 1 })]);
  embed(`<section lang="en-GB">${container()}</section>`);
  const root = await rendered();
  expect(root.querySelector(".w")?.getAttribute("lang")).toBe("en");
  expect(root.querySelector(".w")?.getAttribute("dir")).toBe("ltr");
  expect(root.querySelector("h2")?.textContent).toBe("Upcoming events");
  expect(texts(root, "li .s")).toEqual(["200 places left", "Fully booked", "1 place left"]);
  expect(root.querySelector("li")?.textContent).toContain("6 December 2026");
  expect(root.querySelector("li a")?.textContent).toBe("Sign up – Digitale Auftaktveranstaltung");
  expect(root.querySelector(".w > p:last-child a")?.textContent).toBe("All events and working groups");
  // the links open the site in the widget's language
  expect((root.querySelector("li a") as HTMLAnchorElement).href).toBe(
    `${API}/musterstadt/events/afd9557e-8c6e-4eee-9eb3-810a33a2da0c?lang=en`,
  );
  expect((root.querySelector(".w > p:last-child a") as HTMLAnchorElement).href).toBe(`${API}/musterstadt?lang=en`);
});

test("Arabic from data-lang, right to left", async () => {
  eventsAnswer([event(), event({ seats_left: 0, waitlist_enabled: true })]);
  embed(container('data-show="events" data-lang="ar"'), "de");
  const root = await rendered();
  const wrapper = root.querySelector(".w");
  expect(wrapper?.getAttribute("lang")).toBe("ar");
  expect(wrapper?.getAttribute("dir")).toBe("rtl");
  expect(root.querySelector("h2")?.textContent).toBe("المواعيد القادمة");
  expect(texts(root, "li .s")).toEqual(["الأماكن المتاحة: 200", "قائمة الانتظار"]);
  expect(root.querySelector("li a")?.firstChild?.textContent).toBe("التسجيل");
  expect(root.querySelector("li")?.textContent).toContain("عبر الإنترنت");
  expect((root.querySelector("li a") as HTMLAnchorElement).href).toBe(
    `${API}/musterstadt/events/afd9557e-8c6e-4eee-9eb3-810a33a2da0c?lang=ar`,
  );
  expect((root.querySelector(".w > p:last-child a") as HTMLAnchorElement).href).toBe(`${API}/musterstadt?lang=ar`);
});

test("group links carry the language too, also to data-site", async () => {
  groupsAnswer([group()]);
  embed(container('data-show="groups" data-lang="en" data-site="https://beteiligung.musterstadt.de"'));
  const root = await rendered();
  expect((root.querySelector("li a") as HTMLAnchorElement).href).toBe(
    "https://beteiligung.musterstadt.de/musterstadt/groups/12031d30-7661-4d2b-843d-459b19cb072d?lang=en",
  );
});

test("Persian asks the API for Persian texts, and marks a German one the city did not translate", async () => {
  eventsAnswer([
    event({ title: "Digitale Auftaktveranstaltung", untranslated: { title: "de" } }),
    event({ id: "0b7f0c36-4b8e-4f39-9d5c-1a3c1f1c1c1c", title: "گفت‌وگوی شهروندی", untranslated: {} }),
  ]);
  embed(container('data-show="events" data-lang="fa"'), "de");
  const root = await rendered();
  expect(new URL(fetchMock.mock.calls[0][0] as string).searchParams.get("lang")).toBe("fa");
  const wrapper = root.querySelector(".w");
  expect(wrapper?.getAttribute("lang")).toBe("fa");
  expect(wrapper?.getAttribute("dir")).toBe("rtl");
  expect(root.querySelector("h2")?.textContent).toBe("برنامه‌های پیش رو");
  const [german, persian] = [...root.querySelectorAll("li h3")];
  expect(german.getAttribute("lang")).toBe("de");
  expect(german.getAttribute("dir")).toBe("ltr");
  expect(persian.hasAttribute("lang")).toBe(false);
});

test("Leichte Sprache keeps its own tag for the API and reads the German words", async () => {
  eventsAnswer([event()]);
  embed(container('data-show="events" data-lang="de-x-ls"'));
  const root = await rendered();
  expect(new URL(fetchMock.mock.calls[0][0] as string).searchParams.get("lang")).toBe("de-x-ls");
  expect(root.querySelector(".w")?.getAttribute("lang")).toBe("de-x-ls");
  expect(root.querySelector("h2")?.textContent).toBe("Nächste Termine");
});

test("an unknown language falls back to German", async () => {
  eventsAnswer([event()]);
  embed(container(), "fr");
  const root = await rendered();
  expect(root.querySelector("h2")?.textContent).toBe("Nächste Termine");
});

test("says so while loading, in a polite live region", () => {
  fetchMock.mockImplementation(() => new Promise(() => {}));
  embed(container());
  const status = shadow().querySelector('[role="status"]');
  expect(status?.textContent).toBe("Wird geladen …");
});

test.each([
  ["the network fails (or the browser refuses the CORS read)", { fail: true }],
  ["the API answers 404", { status: 404, body: { title: "Not found", status: 404 } }],
  ["the API answers something unexpected", { body: { unexpected: true } }],
])("when %s: a short message and a plain link to the city's page", async (_case, answer) => {
  answers["/api/v1/orgs/musterstadt/events"] = answer;
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onError);
  embed(container());
  const root = await rendered();
  window.removeEventListener("error", onError);
  window.removeEventListener("unhandledrejection", onError);

  expect(root.querySelector('[role="status"]')?.textContent).toBe("Die Angaben können gerade nicht geladen werden.");
  expect(root.querySelector("ul")).toBeNull();
  const link = root.querySelector(".w > p:last-child a") as HTMLAnchorElement;
  expect(link.href).toBe(`${API}/musterstadt`);
  expect(link.textContent).toBe("Alle Termine und Arbeitsgruppen");
  expect(errors).toEqual([]);
});

test("an empty list is said in words, never a blank box", async () => {
  eventsAnswer([]);
  embed(container());
  const root = await rendered();
  expect(root.querySelector('[role="status"]')?.textContent).toBe("Zurzeit keine Einträge.");
});

test("several containers on one page, sign-up links to data-site, one request per address", async () => {
  eventsAnswer([event()]);
  groupsAnswer([group()]);
  embed(
    container('data-show="events" data-site="https://beteiligung.musterstadt.de/"') +
      container('data-show="groups"') +
      container('data-show="events"'),
  );
  const [events, groups] = [await rendered(0), await rendered(1), await rendered(2)];
  expect((events.querySelector("li a") as HTMLAnchorElement).href).toBe(
    "https://beteiligung.musterstadt.de/musterstadt/events/afd9557e-8c6e-4eee-9eb3-810a33a2da0c",
  );
  expect((events.querySelector(".w > p:last-child a") as HTMLAnchorElement).href).toBe(
    "https://beteiligung.musterstadt.de/musterstadt",
  );
  expect(groups.querySelector("li h3")?.textContent).toBe("AG Bildung");
  // The events, the groups, and the city once (for its brand colour).
  expect(fetchMock).toHaveBeenCalledTimes(3);
});

test("the city's brand colour is the accent, unless the page sets --teilhabe-accent itself", async () => {
  eventsAnswer([event()]);
  answers["/api/v1/orgs/musterstadt"] = { body: { slug: "musterstadt", name: "Stadt Musterstadt", brand_color: "#7A1F3D" } };
  embed(container());
  const root = await rendered();
  const box = root.querySelector(".w") as HTMLElement;
  await vi.waitFor(() => expect(box.style.getPropertyValue("--teilhabe-brand")).toBe("#7A1F3D"));
  // The page's own accent comes first; the city's colour only stands in for the default.
  const css = root.querySelector("style")?.textContent ?? "";
  expect(css).toContain(".b{");
  expect(css.match(/var\(--teilhabe-accent,var\(--teilhabe-brand,#0b57a4\)\)/g)?.length).toBe(3);
  expect(css).not.toMatch(/var\(--teilhabe-accent,#/);
});

test("a city without a brand colour, or a colour that is not one, keeps the default accent", async () => {
  eventsAnswer([event()]);
  answers["/api/v1/orgs/musterstadt"] = { body: { slug: "musterstadt", brand_color: "red;background:url(x)" } };
  embed(container());
  const root = await rendered();
  await vi.waitFor(() => expect(fetchMock.mock.calls.map((call) => String(call[0]))).toContain(`${API}/api/v1/orgs/musterstadt`));
  await new Promise((done) => setTimeout(done, 0));
  expect((root.querySelector(".w") as HTMLElement).style.getPropertyValue("--teilhabe-brand")).toBe("");
});

test("text from the API is shown as text, never as markup", async () => {
  eventsAnswer([event({ title: '<img src=x onerror="window.pwned=1">Workshop' })]);
  embed(container());
  const root = await rendered();
  expect(root.querySelector("img")).toBeNull();
  expect(root.querySelector("li h3")?.textContent).toBe('<img src=x onerror="window.pwned=1">Workshop');
});

test("a container added later is picked up by TeilhabeWidget.scan(); running the script twice is harmless", async () => {
  eventsAnswer([event()]);
  embed(container());
  await rendered(0);
  new Function(source)();
  document.body.insertAdjacentHTML("beforeend", container());
  (window as unknown as { TeilhabeWidget: { scan: () => void } }).TeilhabeWidget.scan();
  const root = await rendered(1);
  expect(texts(root, "li h3")).toEqual(["Digitale Auftaktveranstaltung"]);
  expect(shadow(0).querySelectorAll("ul")).toHaveLength(1);
});

test("the style uses only CSS custom properties with fallbacks", () => {
  for (const name of ["accent", "text", "background", "border", "font", "radius", "gap"]) {
    expect(source).toMatch(new RegExp(`var\\(--teilhabe-${name},[^)]+\\)`));
  }
});

test("stays small: under 6 KB gzipped", () => {
  const size = gzipSync(readFileSync(SOURCE_PATH), { level: 9 }).length;
  expect(size).toBeLessThan(6 * 1024);
});
