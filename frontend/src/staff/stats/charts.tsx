// Bar charts drawn as SVG, small enough to write by hand: horizontal bars for a breakdown, columns
// for the periods over time. A chart is a picture of the table printed under it (role="img" with a
// name that says so); screen readers read the table. Mirrored for right-to-left languages. The bar
// colours keep at least 4.5:1 against the white page, more than the 3:1 graphics need (WCAG 1.4.11).
import { useTranslation } from "react-i18next";

export const SERIES_COLOURS = ["#1f5f99", "#a3461a"] as const;

export type Bar = { label: string; value: number | null; shown: string };

const BAR_HEIGHT = 22;
const GAP = 8;
const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 60;

/** Horizontal bars, one per row; a hidden value ("< 5") gets no bar, only its text. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t, i18n } = useTranslation("staffStats");
  const rtl = i18n.dir() === "rtl";
  const largest = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  // x measured from the reading start: the left in German, the right in Arabic.
  const x = (from: number, width = 0) => (rtl ? WIDTH - from - width : from);
  return (
    <svg className="stats-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t("chartLabel", { title })}>
      {bars.map((bar, index) => {
        const top = GAP + index * (BAR_HEIGHT + GAP);
        const length = bar.value == null ? 0 : Math.max(2, (bar.value / largest) * room);
        const middle = top + BAR_HEIGHT / 2;
        return (
          <g key={index}>
            {/* In the text's own direction, a label ends and a value starts next to the bar, in German and in Arabic. */}
            <text x={x(LABEL_WIDTH - 8)} y={middle} dominantBaseline="middle" textAnchor="end" direction={rtl ? "rtl" : "ltr"}>
              {clip(bar.label)}
            </text>
            {length > 0 && <rect x={x(LABEL_WIDTH, length)} y={top} width={length} height={BAR_HEIGHT} fill={SERIES_COLOURS[0]} />}
            <text x={x(LABEL_WIDTH + length + 6)} y={middle} dominantBaseline="middle" textAnchor="start" direction={rtl ? "rtl" : "ltr"}>
              {bar.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export type Column = { label: string; values: number[] };

const COLUMN_HEIGHT = 180;
const AXIS = 36;
const AXIS_LABEL = 40; // room beside the columns for the largest value

/** Columns per period, one per series side by side; every few periods named below the axis. */
export function ColumnChart({ title, columns }: { title: string; columns: Column[] }) {
  const { t, i18n } = useTranslation("staffStats");
  const rtl = i18n.dir() === "rtl";
  const series = columns[0]?.values.length ?? 1;
  const slot = Math.max(14, 8 * series + 6);
  const width = Math.max(WIDTH, columns.length * slot + AXIS_LABEL + 8);
  const largest = Math.max(1, ...columns.flatMap((column) => column.values));
  const every = Math.ceil(columns.length / Math.floor(width / 90));
  const x = (from: number, w = 0) => (rtl ? width - from - w : from);
  return (
    <svg
      className="stats-chart stats-columns"
      viewBox={`0 0 ${width} ${COLUMN_HEIGHT + AXIS}`}
      style={{ minWidth: `${Math.min(width, 2000) / 16}rem` }}
      role="img"
      aria-label={t("chartLabel", { title })}
    >
      <line x1={0} x2={width} y1={COLUMN_HEIGHT} y2={COLUMN_HEIGHT} stroke="currentColor" />
      {columns.map((column, index) => {
        const left = AXIS_LABEL + index * slot;
        return (
          <g key={index}>
            {column.values.map((value, s) => {
              const h = (value / largest) * (COLUMN_HEIGHT - 16);
              return value > 0 ? (
                <rect key={s} x={x(left + s * 8, 7)} y={COLUMN_HEIGHT - h} width={7} height={h} fill={SERIES_COLOURS[s % SERIES_COLOURS.length]} />
              ) : null;
            })}
            {index % every === 0 && (
              <text x={x(left)} y={COLUMN_HEIGHT + 20} textAnchor={rtl ? "end" : "start"} fontSize="12" direction="ltr">
                {column.label}
              </text>
            )}
          </g>
        );
      })}
      <text x={x(4)} y={12} fontSize="12" textAnchor={rtl ? "end" : "start"} direction="ltr">
        {largest}
      </text>
    </svg>
  );
}

/** The legend of a chart with several series, as text beside a colour swatch. */
export function Legend({ names }: { names: string[] }) {
  return (
    <ul className="stats-legend">
      {names.map((name, index) => (
        <li key={name}>
          <span className="stats-swatch" aria-hidden="true" style={{ background: SERIES_COLOURS[index % SERIES_COLOURS.length] }} />
          {name}
        </li>
      ))}
    </ul>
  );
}

function clip(label: string): string {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}
