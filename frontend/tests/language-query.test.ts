// `?lang=de|de-x-ls|en|ar|tr|uk|ru|fa` on any address chooses the language: links from the city's widget and from mails
// open the site in the reader's language, and the choice is kept like the language switch's.
import { afterAll, beforeAll, expect, test, vi } from "vitest";

type I18nModule = typeof import("../src/i18n");
let module: I18nModule;

beforeAll(async () => {
  localStorage.setItem("teilhabe.language", "en"); // an earlier choice: the link's language wins
  history.replaceState(null, "", "/manage/registration/abc?confirm=1&lang=ar#answers");
  vi.resetModules();
  // The module chooses the first language when it loads, from the address it finds.
  module = await import("../src/i18n");
});

afterAll(() => {
  localStorage.clear();
  history.replaceState(null, "", "/");
});

test("reads the language a link asks for", () => {
  const { languageFromQuery } = module;
  expect(languageFromQuery("?lang=ar")).toBe("ar");
  expect(languageFromQuery("?group=1&lang=en")).toBe("en");
  expect(languageFromQuery("?lang=DE")).toBe("de");
  expect(languageFromQuery("?lang=tr")).toBe("tr");
  expect(languageFromQuery("?lang=uk")).toBe("uk");
  expect(languageFromQuery("?lang=ru")).toBe("ru");
  expect(languageFromQuery("?lang=fa")).toBe("fa");
  expect(languageFromQuery("?lang=de-x-ls")).toBe("de-x-ls");
  expect(languageFromQuery("?lang=fr")).toBeNull();
  expect(languageFromQuery("?lang=")).toBeNull();
  expect(languageFromQuery("")).toBeNull();
});

test("drops only the language from the address", () => {
  const { withoutLanguageQuery } = module;
  expect(withoutLanguageQuery("https://x.example/musterstadt?lang=en")).toBe("/musterstadt");
  expect(withoutLanguageQuery("https://x.example/manage/registration/t?lang=ar&confirm=1")).toBe(
    "/manage/registration/t?confirm=1",
  );
  expect(withoutLanguageQuery("https://x.example/a?lang=fr#b")).toBe("/a#b");
  expect(withoutLanguageQuery("https://x.example/a?group=1")).toBeNull();
});

test("a page opened with ?lang=ar is in Arabic, keeps the choice and the other parameters", () => {
  const i18n = module.default;
  expect(i18n.language).toBe("ar");
  expect(document.documentElement.lang).toBe("ar");
  expect(document.documentElement.dir).toBe("rtl");
  // The Arabic texts were loaded before the first paint.
  expect(i18n.hasResourceBundle("ar", "public")).toBe(true);
  expect(i18n.t("public:process.events")).toBe("المواعيد القادمة");
  // Kept, like a choice with the language switch: the next page without ?lang is Arabic too.
  expect(localStorage.getItem("teilhabe.language")).toBe("ar");
  // The address no longer carries it; the confirm link's own parameter and the fragment stay.
  expect(location.pathname + location.search + location.hash).toBe("/manage/registration/abc?confirm=1#answers");
});
