// The eight languages of the site: each offered in the switch under its own name, found in the
// browser's languages, asked for with every API request, and the city's texts that are shown
// untranslated marked with their own language so screen readers switch voice.
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { MemoryRouter } from "react-router";
import { type Schemas, useMiddleware } from "../src/api/client";
import { useLoading } from "../src/api/loading";
import { LanguageSwitch } from "../src/components/LanguageSwitch";
import i18n, { chooseLanguage, directionOf, LANGUAGES, languageFromBrowser, languageFromQuery } from "../src/i18n";
import { SignUpForm } from "../src/public/SignUpForm";
import { optionChoices, textLanguage } from "../src/public/textLanguage";

// Every request the components make, and the answer the test gives them.
const sentLanguages: string[] = [];
const bodies: unknown[] = [];
let answer: () => Response = () => new Response(null, { status: 500 });
let removeMiddleware: () => void = () => undefined;

beforeAll(async () => {
  await chooseLanguage("de");
  removeMiddleware = useMiddleware({
    async onRequest({ request }) {
      sentLanguages.push(request.headers.get("Accept-Language") ?? "");
      if (request.method === "POST") bodies.push(await request.clone().json());
      return answer();
    },
  });
});
afterEach(async () => {
  cleanup();
  await chooseLanguage("de");
});
afterAll(() => removeMiddleware());

describe("the site's languages", () => {
  test("eight languages, each named in itself, Arabic and Persian right to left", () => {
    expect(LANGUAGES.map((language) => [language.code, language.name, language.dir])).toEqual([
      ["de", "Deutsch", "ltr"],
      ["de-x-ls", "Leichte Sprache", "ltr"],
      ["en", "English", "ltr"],
      ["ar", "العربية", "rtl"],
      ["tr", "Türkçe", "ltr"],
      ["uk", "Українська", "ltr"],
      ["ru", "Русский", "ltr"],
      ["fa", "فارسی", "rtl"],
    ]);
  });

  test("a Turkish, Ukrainian, Russian or Persian browser gets its language, not German", () => {
    expect(languageFromBrowser(["tr-TR", "de"])).toBe("tr");
    expect(languageFromBrowser(["uk"])).toBe("uk");
    expect(languageFromBrowser(["ru-RU", "en"])).toBe("ru");
    expect(languageFromBrowser(["fa-AF"])).toBe("fa");
    expect(languageFromBrowser(["pl-PL", "ar-SY"])).toBe("ar");
    expect(languageFromBrowser(["pl-PL"])).toBeNull();
  });

  test("?lang= chooses any of them, Leichte Sprache too", () => {
    for (const { code } of LANGUAGES) expect(languageFromQuery(`?lang=${code}`)).toBe(code);
    expect(languageFromQuery("?lang=DE-X-LS")).toBe("de-x-ls");
    expect(languageFromQuery("?lang=fr")).toBeNull();
  });

  test("the switch offers all eight, each with its own lang and dir, and marks the chosen one", async () => {
    render(<LanguageSwitch />);
    const buttons = within(screen.getByRole("group")).getAllByRole("button");
    expect(buttons.map((button) => [button.textContent, button.getAttribute("lang"), button.getAttribute("dir")])).toEqual(
      LANGUAGES.map((language) => [language.name, language.code, language.dir]),
    );
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "فارسی" })));
    // The Persian texts download first; the language changes when they are in.
    await waitFor(() => expect(i18n.language).toBe("fa"));
    expect(document.documentElement.lang).toBe("fa");
    expect(document.documentElement.dir).toBe("rtl");
    expect(screen.getByRole("button", { name: "فارسی" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Deutsch" }).getAttribute("aria-pressed")).toBe("false");
  });

  test("Leichte Sprache is German to screen readers and falls back to German texts", async () => {
    await chooseLanguage("de-x-ls");
    expect(document.documentElement.lang).toBe("de-x-ls");
    expect(document.documentElement.dir).toBe("ltr");
    // A text the easy-read translators left out reads in standard German, never as a key.
    expect(i18n.t("common:siteName")).toBe("Teilhabe");
    expect(i18n.t("public:notFound.title")).not.toMatch(/^notFound\./);
  });

  test("every API request asks for the chosen language", async () => {
    await chooseLanguage("tr");
    sentLanguages.length = 0;
    const { api } = await import("../src/api/client");
    await api.GET("/api/v1/orgs/{org_slug}", { params: { path: { org_slug: "musterstadt" } } });
    expect(sentLanguages).toEqual(["tr"]);
  });
});

test("a page asks for its data again in the new language, and keeps showing the old meanwhile", async () => {
  const asked: string[] = [];
  let finish: (title: string) => void = () => undefined;
  const { result } = renderHook(() =>
    useLoading(() => {
      asked.push(i18n.language);
      return new Promise<string>((resolve) => (finish = resolve));
    }, []),
  );
  await act(async () => finish("Auftaktveranstaltung"));
  await act(() => chooseLanguage("uk"));
  expect(asked).toEqual(["de", "uk"]);
  // No "loading" under the reader's eyes (a half-filled form keeps what was typed).
  expect(result.current).toMatchObject({ state: "ready", data: "Auftaktveranstaltung" });
  await act(async () => finish("Стартова зустріч"));
  expect(result.current).toMatchObject({ state: "ready", data: "Стартова зустріч" });
});

describe("a city's text shown untranslated", () => {
  const process = { title: "Integrationskonzept", untranslated: { description: "de", "guiding_principles.1": "de", summary: "ar" } };

  test("carries its own language and direction; a translated one inherits the page's", () => {
    expect(textLanguage(process, "description")).toEqual({ lang: "de", dir: "ltr" });
    expect(textLanguage(process, "guiding_principles.1")).toEqual({ lang: "de", dir: "ltr" });
    expect(textLanguage(process, "summary")).toEqual({ lang: "ar", dir: "rtl" });
    expect(textLanguage(process, "title")).toEqual({});
    expect(textLanguage({ title: "x" }, "title")).toEqual({});
    expect(directionOf("fa")).toBe("rtl");
  });

  test("an option shows its label in the reader's language and answers with the city's value", () => {
    expect(optionChoices({ options: ["Ja, gern", "Nein"], option_labels: ["Evet, memnuniyetle", "Hayır"] })).toEqual([
      { value: "Ja, gern", label: "Evet, memnuniyetle", index: 0 },
      { value: "Nein", label: "Hayır", index: 1 },
    ]);
    // An API without labels: the value is the label.
    expect(optionChoices({ options: ["Nord"] })).toEqual([{ value: "Nord", label: "Nord", index: 0 }]);
  });

  test("the sign-up form marks an untranslated question and option, and sends the city's value", async () => {
    await chooseLanguage("fa");
    sentLanguages.length = 0;
    answer = () =>
      new Response(JSON.stringify({ status: "pending", hold_expires_at: null }), {
        status: 202,
        headers: { "Content-Type": "application/json" },
      });
    render(
      <MemoryRouter>
        <SignUpForm orgSlug="musterstadt" event={EVENT} notice={NOTICE} />
      </MemoryRouter>,
    );
    // The Persian label of the workshop question; its second option is shown in German, marked so.
    const group = screen.getByRole("group", { name: /کدام کارگاه/ });
    const german = within(group).getByText("Arbeit");
    expect(german.getAttribute("lang")).toBe("de");
    expect(german.getAttribute("dir")).toBe("ltr");
    const persian = within(group).getByText("آموزش");
    expect(persian.hasAttribute("lang")).toBe(false);
    // The privacy notice is German on a Persian page.
    const notice = document.querySelector(".privacy-notice");
    expect(notice?.getAttribute("lang")).toBe("de");
    expect(notice?.getAttribute("dir")).toBe("ltr");

    fireEvent.click(within(group).getByLabelText("آموزش"));
    fireEvent.change(document.querySelector("#field-full_name") as Element, { target: { value: "Dariush Test" } });
    fireEvent.change(document.querySelector("#field-email") as Element, { target: { value: "dariush@example.org" } });
    fireEvent.click(document.querySelector("#field-consent") as Element);
    await act(async () => fireEvent.submit(document.querySelector("form") as HTMLFormElement));
    expect(bodies).toHaveLength(1);
    expect((bodies[0] as { answers: Record<string, unknown> }).answers).toEqual({ workshop: "Bildung" });
    expect((bodies[0] as { preferred_language: string }).preferred_language).toBe("fa");
    expect(sentLanguages).toEqual(["fa"]);
  });
});

const EVENT = {
  id: "11111111-1111-4111-8111-111111111111",
  process_id: "22222222-2222-4222-8222-222222222222",
  group_id: null,
  title: "کنفرانس ادغام",
  kind: "conference",
  format: "in_person",
  status: "published",
  status_reason: null,
  starts_at: "2030-05-08T16:00:00+02:00",
  ends_at: "2030-05-08T20:00:00+02:00",
  timezone: "Europe/Berlin",
  venue: { name: "Rathaus", address: "Marktplatz 1", room: null, step_free: true, notes: null },
  capacity: 100,
  seats_left: 100,
  registration_opens_at: null,
  registration_closes_at: null,
  registration_open: true,
  waitlist_enabled: false,
  description: null,
  invitation_only: false,
  languages: ["de"],
  interpretation: [],
  childcare: false,
  questions: [
    {
      id: "workshop",
      label: "کدام کارگاه؟",
      kind: "choice",
      required: true,
      options: ["Bildung", "Arbeit"],
      option_labels: ["آموزش", "Arbeit"],
      max_length: 500,
    },
  ],
  untranslated: { "questions.workshop.options.1": "de" },
  updated_at: "2026-01-01T00:00:00+01:00",
} as Schemas["EventPublic"];
const NOTICE = {
  version: 1,
  url: null,
  text: "Datenschutztext.",
  effective_at: "2026-01-01T00:00:00+01:00",
  untranslated: { text: "de" },
} as Schemas["PrivacyNoticeOut"];
