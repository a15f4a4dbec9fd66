// Dates and times in the organization's time zone, written the reader's way.
// Leichte Sprache writes dates as German does. Persian is written with the Gregorian calendar: the
// dates are the city's, and a reader compares them with letters and posters in Germany.
const LOCALES: Record<string, string> = { de: "de-DE", "de-x-ls": "de-DE", en: "en-GB", ar: "ar", fa: "fa-u-ca-gregory" };

function locale(language: string): string {
  return LOCALES[language] ?? language;
}

export function formatDateTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeZone, hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );
}

/** "Tuesday, 3 March 2026, 16:00 – 18:00"; the date is repeated only when the end is another day. */
export function formatRange(startIso: string, endIso: string, timeZone: string, language: string): string {
  const format = new Intl.DateTimeFormat(locale(language), {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

/** A calendar day (YYYY-MM-DD) without a time; no time zone shift. */
export function formatDay(day: string, language: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(year, month - 1, date)));
}

/** "3. – 28. März 2026": a span of calendar days (phases, a process's time frame). */
export function formatDayRange(startDay: string, endDay: string, language: string): string {
  const toDate = (day: string) => {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, date));
  };
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).formatRange(toDate(startDay), toDate(endDay));
}

// Leichte Sprache is German to the browser ("de-x-ls" → "Deutsch"): its name is given here, in the
// languages of the site, with the German name people know it by.
const EASY_READ_NAMES: Record<string, string> = {
  de: "Leichte Sprache",
  "de-x-ls": "Leichte Sprache",
  en: "Easy-read German (Leichte Sprache)",
  ar: "الألمانية المبسّطة (Leichte Sprache)",
  tr: "Kolay Almanca (Leichte Sprache)",
  uk: "Спрощена німецька (Leichte Sprache)",
  ru: "Упрощённый немецкий (Leichte Sprache)",
  fa: "آلمانی ساده (Leichte Sprache)",
};

/** A language code ("ar", "uk") named in the reader's language ("Arabisch", "Ukrainian"). */
export function languageName(code: string, language: string): string {
  if (code === "de-x-ls") return EASY_READ_NAMES[language] ?? EASY_READ_NAMES.de;
  try {
    return new Intl.DisplayNames([locale(language)], { type: "language" }).of(code) ?? code;
  } catch {
    return code; // a code the browser does not know: show it as it is
  }
}

/** Whole numbers in the reader's digits (Arabic-Indic in Arabic). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** A time zone as people say it, in the reader's language ("Mitteleuropäische Zeit"), not "Europe/Berlin". */
export function timeZoneName(timeZone: string, language: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale(language), { timeZone, timeZoneName: "longGeneric" }).formatToParts(new Date());
    return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone; // a zone the browser does not know: show it as it is
  }
}
