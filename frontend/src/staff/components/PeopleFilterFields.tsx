import { useTranslation } from "react-i18next";
import { CATEGORIES, CHANNELS } from "../lib/enums";

export type PeopleFilters = { q: string; status: string; channel: string; category: string };

type Props = {
  values: PeopleFilters;
  onChange: (key: keyof PeopleFilters, value: string) => void;
  /** The statuses of what is listed, and their text key prefix ("registration" or "membership"). */
  statuses: readonly string[];
  statusKind: "registration" | "membership";
};

/** Search, status, channel and category: the same filters over an event's sign-ups and a group's members. */
export function PeopleFilterFields({ values, onChange, statuses, statusKind }: Props) {
  const { t } = useTranslation("staff");
  const select = (key: keyof PeopleFilters, label: string, all: string, options: readonly string[], text: (o: string) => string) => (
    <div className="field">
      <label htmlFor={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={values[key]} onChange={(event) => onChange(key, event.target.value)}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <div className="field">
        <label htmlFor="filter-q">{t("filters.search")}</label>
        <input id="filter-q" type="search" value={values.q} onChange={(event) => onChange("q", event.target.value)} />
      </div>
      {select("status", t("filters.status"), t("filters.allStatuses"), statuses, (s) => t(`status.${statusKind}.${s}`))}
      {select("channel", t("filters.channel"), t("filters.allChannels"), CHANNELS, (c) => t(`enums.channel.${c}`))}
      {select("category", t("filters.category"), t("filters.allCategories"), CATEGORIES, (c) => t(`enums.category.${c}`))}
    </>
  );
}
