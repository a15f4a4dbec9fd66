import { useTranslation } from "react-i18next";
import { formatDateTime, formatDay, formatRange, formatTime } from "../../format";
import { useMe } from "../auth/AuthContext";

/** Dates in the city's time zone, written in the reader's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const timeZone = useMe().organization.timezone;
  const language = i18n.resolvedLanguage ?? i18n.language;
  return {
    timeZone,
    language,
    dateTime: (iso: string) => formatDateTime(iso, timeZone, language),
    time: (iso: string) => formatTime(iso, timeZone, language),
    range: (start: string, end: string) => formatRange(start, end, timeZone, language),
    day: (day: string) => formatDay(day.slice(0, 10), language),
  };
}
