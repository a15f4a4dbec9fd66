// Between form fields (strings) and API bodies (null for "not given", numbers, lists).

/** Trimmed text, or null when empty: the API refuses empty strings where it means "none". */
export function textOrNull(value: string | boolean | undefined): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  return text ? text : null;
}

/** A whole number, or null when empty; anything else goes to the API as is, to get its message. */
export function numberOrNull(value: string | boolean | undefined): number | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : (text as unknown as number);
}

/** One entry per line (guiding principles, fields of action). */
export function lines(value: string | boolean | undefined): string[] {
  return typeof value === "string" ? value.split("\n").map((line) => line.trim()).filter(Boolean) : [];
}

/** A list typed with commas or spaces: "de, en ar" → ["de", "en", "ar"]. */
export function codes(value: string | boolean | undefined): string[] {
  return typeof value === "string" ? value.split(/[\s,;]+/).map((code) => code.trim()).filter(Boolean) : [];
}

/**
 * The wall-clock time of an API instant for a datetime-local field. The API answers in the city's
 * time zone and reads input without offset in it, so the first 16 characters are exactly that.
 */
export function localDateTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}

export function dateOnly(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "";
}

/** Today in the city's time zone as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
