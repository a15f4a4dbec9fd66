// Dates and times are shown in the organization's time zone (Europe/Berlin), the reader's way.
import { describe, expect, test } from "vitest";
import { formatDateTime, formatDay, formatDayRange, formatRange, formatTime, languageName } from "../src/format";

const BERLIN = "Europe/Berlin";
// Arabic may be written with Arabic-Indic digits (depending on the ICU data); compare the numbers.
const latinDigits = (text: string) => text.replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));

describe("in winter (CET, UTC+1)", () => {
  const start = "2026-03-03T15:00:00Z"; // 16:00 in Berlin
  const end = "2026-03-03T17:00:00Z";

  test("German", () => {
    expect(formatDateTime(start, BERLIN, "de")).toBe("Dienstag, 3. März 2026 um 16:00");
    expect(formatTime(start, BERLIN, "de")).toBe("16:00");
    // One date, then the time span: the date is not repeated for an event within a day.
    expect(formatRange(start, end, BERLIN, "de")).toMatch(/^Dienstag, 3\. März 2026, 16:00\s?–\s?18:00 Uhr$/);
  });

  test("English", () => {
    expect(formatDateTime(start, BERLIN, "en")).toBe("Tuesday, 3 March 2026 at 16:00");
    expect(formatRange(start, end, BERLIN, "en")).toMatch(/^Tuesday,? 3 March 2026, 16:00\s?–\s?18:00$/);
  });

  test("Arabic", () => {
    const written = latinDigits(formatDateTime(start, BERLIN, "ar"));
    expect(written).toContain("الثلاثاء"); // Tuesday
    expect(written).toContain("مارس"); // March
    expect(written).toContain("2026");
    expect(written).toMatch(/0?4:00/); // 4 p.m. (Arabic writes a 12-hour clock)
    expect(written).toContain("م"); // p.m.
  });
});

test("summer time (CEST, UTC+2) is applied, also when the reader's machine is elsewhere", () => {
  expect(formatTime("2026-07-01T14:00:00Z", BERLIN, "de")).toBe("16:00");
  expect(formatTime("2026-07-01T14:00:00+00:00", "America/New_York", "de")).toBe("10:00");
  // Midnight in Berlin is still the same day there, though it is the evening before in UTC.
  expect(formatDateTime("2026-06-30T22:30:00Z", BERLIN, "de")).toBe("Mittwoch, 1. Juli 2026 um 00:30");
});

test("an event over two days repeats the date", () => {
  const text = formatRange("2026-05-08T16:00:00+02:00", "2026-05-09T13:00:00+02:00", BERLIN, "de");
  expect(text).toContain("8. Mai");
  expect(text).toContain("9. Mai");
});

test("calendar days (phases) do not shift with a time zone", () => {
  expect(formatDay("2026-01-01", "de")).toBe("1. Januar 2026");
  expect(formatDay("2026-01-01", "en")).toBe("1 January 2026");
  expect(latinDigits(formatDay("2026-01-01", "ar"))).toContain("يناير");
  expect(formatDayRange("2026-03-01", "2026-06-30", "de")).toMatch(/^1\. März\s?–\s?30\. Juni 2026$/);
});

test("language codes are named in the reader's language", () => {
  expect(languageName("ar", "de")).toBe("Arabisch");
  expect(languageName("uk", "en")).toBe("Ukrainian");
  expect(languageName("de", "ar")).toBe("الألمانية");
  expect(languageName("fa", "tr")).toBe("Farsça");
  // The browser calls Leichte Sprache just "German": the site names it.
  expect(languageName("de-x-ls", "de")).toBe("Leichte Sprache");
  expect(languageName("de-x-ls", "en")).toBe("Easy-read German (Leichte Sprache)");
});

test("Leichte Sprache writes dates as German does; Persian uses the Gregorian calendar of the city's dates", () => {
  expect(formatDay("2026-03-01", "de-x-ls")).toBe("1. März 2026");
  expect(formatDay("2026-03-01", "fa")).toMatch(/۲۰۲۶/);
});
