// The reach of a process (or of all the city's processes) for the steering group and the council:
// each figure as a chart and as a table, and each table as CSV. The API hides small cells ("< 5");
// this page only shows what it got.
import type { TFunction } from "i18next";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../format";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionError } from "../components/Actions";
import { Forbidden } from "../components/Forbidden";
import { PageState } from "../components/PageState";
import { downloadFile } from "../lib/download";
import { useFormat } from "../lib/useFormat";
import { BarChart, ColumnChart, Legend } from "./charts";
import "./stats.css";

type Statistics = Schemas["Statistics"];
type Breakdown = Schemas["Breakdown"];
type Table = Schemas["Table"];

/** The city's statistics: `/staff/statistics`. */
export function CityStatisticsPage() {
  const { t } = useTranslation("staffStats");
  const me = useMe();
  usePageTitle(t("title.city"));
  const loaded = useLoading(() => must(api.GET("/api/v1/staff/statistics")), []);
  // people:read for the whole city: admins, viewers and API clients, not a process's manager.
  if (!can(me, "people:read", {})) return <Forbidden />;
  return (
    <>
      <p>
        <Link to="/staff/processes">{t("back.processes")}</Link>
      </p>
      <h1>{t("title.city")}</h1>
      <PageState loading={loaded}>{(stats) => <Figures stats={stats} csvBase="/api/v1/staff/statistics" />}</PageState>
    </>
  );
}

/** A process's statistics: `/staff/processes/:processId/statistics`. */
export function ProcessStatisticsPage() {
  const { t } = useTranslation("staffStats");
  const { processId = "" } = useParams();
  const me = useMe();
  const path = { params: { path: { process_id: processId } } };
  const loaded = useLoading(
    async () => {
      const [process, stats] = await Promise.all([
        must(api.GET("/api/v1/staff/processes/{process_id}", path)),
        must(api.GET("/api/v1/staff/processes/{process_id}/statistics", path)),
      ]);
      return { process, stats };
    },
    [processId],
  );
  const title = loaded.data ? t("title.process", { title: loaded.data.process.title }) : t("title.city");
  usePageTitle(title);
  if (!can(me, "people:read", { processId })) return <Forbidden />;
  return (
    <>
      <p>
        <Link to={`/staff/processes/${processId}`}>{t("back.process")}</Link>
      </p>
      <PageState loading={loaded} heading={t("title.heading")}>
        {({ process, stats }) => (
          <>
            <h1>{t("title.process", { title: process.title })}</h1>
            <Figures stats={stats} csvBase={`/api/v1/staff/processes/${process.id}/statistics`} />
          </>
        )}
      </PageState>
    </>
  );
}

function Figures({ stats, csvBase }: { stats: Statistics; csvBase: string }) {
  const { t } = useTranslation("staffStats");
  const number = useNumber();
  const hidden = (count: number | null | undefined) => (count == null ? t("hidden", { threshold: stats.threshold }) : number(count));
  return (
    <>
      <p>{t("intro")}</p>
      <p>{t("suppression", { threshold: stats.threshold })}</p>
      <dl className="stats-summary">
        <div>
          <dt>{t("summary.people")}</dt>
          <dd>{hidden(stats.people)}</dd>
        </div>
        <div>
          <dt>{t("summary.signUps")}</dt>
          <dd>{number(stats.sign_ups)}</dd>
        </div>
        <div>
          <dt>{t("summary.members")}</dt>
          <dd>{number(stats.members)}</dd>
        </div>
      </dl>
      <OverTimeSection stats={stats} csvBase={csvBase} />
      <EventsSection stats={stats} csvBase={csvBase} />
      <GroupsSection stats={stats} csvBase={csvBase} />
      {(["channel", "category", "language", "district"] as const).map((table) => (
        <BreakdownSection key={table} table={table} breakdown={stats[`by_${table}`]} threshold={stats.threshold} csvBase={csvBase} />
      ))}
    </>
  );
}

function useNumber() {
  const { language } = useFormat();
  return (value: number) => formatNumber(value, language);
}

/** A section: heading, what it counts, the chart, the table, and its CSV. */
function Section({ table, note, children, csvBase }: { table: Table; note?: string; children: ReactNode; csvBase: string }) {
  const { t } = useTranslation("staffStats");
  const id = useId();
  const download = useSubmit();
  const name = t(`sections.${table}`);
  return (
    <section aria-labelledby={id} className="stats-section">
      <h2 id={id}>{name}</h2>
      {note && <p>{note}</p>}
      {children}
      <p>
        <button
          type="button"
          disabled={download.submitting}
          aria-label={t("downloadNamed", { table: name })}
          onClick={() => void download.run(() => downloadFile(`${csvBase}/${table}.csv`, {}, `statistik-${table}.csv`))}
        >
          {t("download")}
        </button>
      </p>
      <ActionError problem={download.problem} />
    </section>
  );
}

/** A table with a caption, in a region that scrolls sideways on a narrow screen and takes the keyboard. */
function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    <bdi>{cell}</bdi>
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverTimeSection({ stats, csvBase }: { stats: Statistics; csvBase: string }) {
  const { t } = useTranslation("staffStats");
  const number = useNumber();
  const { periods, unit } = stats.over_time;
  const series = [t("columns.signUps"), t("columns.newMembers")];
  const name = t("sections.over_time");
  return (
    <Section table="over_time" csvBase={csvBase} note={t(`notes.unit.${unit}`)}>
      {periods.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <>
          <div className="table-scroll" role="region" aria-label={name} tabIndex={0}>
            <ColumnChart title={name} columns={periods.map((p) => ({ label: p.period, values: [p.sign_ups, p.new_members] }))} />
          </div>
          <Legend names={series} />
          <DataTable
            caption={name}
            head={[t(`columns.period.${unit}`), ...series]}
            rows={periods.map((p) => [p.period, number(p.sign_ups), number(p.new_members)])}
          />
        </>
      )}
    </Section>
  );
}

function EventsSection({ stats, csvBase }: { stats: Statistics; csvBase: string }) {
  const { t } = useTranslation(["staffStats", "staff"]);
  const number = useNumber();
  const format = useFormat();
  const name = t("sections.events");
  return (
    <Section table="events" csvBase={csvBase} note={t("notes.events")}>
      {stats.events.length === 0 ? (
        <p>{t("noEvents")}</p>
      ) : (
        <>
          <BarChart title={name} bars={stats.events.map((e) => ({ label: e.title, value: e.sign_ups, shown: number(e.sign_ups) }))} />
          <DataTable
            caption={name}
            head={[t("columns.event"), t("columns.starts"), t("columns.status"), t("columns.signUps"), t("columns.attended"), t("columns.noShow"), t("columns.waitlisted")]}
            rows={stats.events.map((e) => [
              e.title,
              format.dateTime(e.starts_at),
              t(`staff:status.event.${e.status}`),
              number(e.sign_ups),
              number(e.attended),
              number(e.no_show),
              number(e.waitlisted),
            ])}
          />
        </>
      )}
    </Section>
  );
}

function GroupsSection({ stats, csvBase }: { stats: Statistics; csvBase: string }) {
  const { t } = useTranslation("staffStats");
  const number = useNumber();
  const name = t("sections.groups");
  return (
    <Section table="groups" csvBase={csvBase}>
      {stats.groups.length === 0 ? (
        <p>{t("noGroups")}</p>
      ) : (
        <>
          <BarChart title={name} bars={stats.groups.map((g) => ({ label: g.name, value: g.members, shown: number(g.members) }))} />
          <DataTable
            caption={name}
            head={[t("columns.group"), t("columns.members"), t("columns.applied"), t("columns.waitlisted")]}
            rows={stats.groups.map((g) => [g.name, number(g.members), number(g.applied), number(g.waitlisted)])}
          />
        </>
      )}
    </Section>
  );
}

/** The words for a breakdown's value: a channel, category or language in the console's words; a district as the city wrote it. */
function valueWords(t: TFunction, table: Table, value: string | null | undefined): string {
  if (value == null) return t("staffStats:notGiven");
  if (table === "channel") return t(`staff:enums.channel.${value}`);
  if (table === "category") return t(`staff:enums.category.${value}`);
  if (table === "language") return t(`staff:languages.${value}`, { defaultValue: value });
  return value;
}

function BreakdownSection({ table, breakdown, threshold, csvBase }: { table: Table; breakdown: Breakdown; threshold: number; csvBase: string }) {
  const { t } = useTranslation(["staffStats", "staff"]);
  const number = useNumber();
  const name = t(`sections.${table}`);
  const shown = (count: number | null | undefined) => (count == null ? t("hidden", { threshold }) : number(count));
  const rows = breakdown.cells.map((cell) => ({ label: valueWords(t, table, cell.value), count: cell.count ?? null }));
  return (
    <Section table={table} csvBase={csvBase} note={t(table === "channel" ? "notes.signUps" : "notes.people")}>
      {rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <>
          <BarChart title={name} bars={rows.map((row) => ({ label: row.label, value: row.count, shown: shown(row.count) }))} />
          <DataTable
            caption={name}
            head={[t(`columns.${table}`), t(table === "channel" ? "columns.signUpsAndMembers" : "columns.people")]}
            rows={[...rows.map((row) => [row.label, shown(row.count)]), [t("columns.total"), shown(breakdown.total)]]}
          />
        </>
      )}
    </Section>
  );
}
