/**
 * One goal's burn-up, drawn by hand as an SVG: the recognized count as steps from the start to
 * as_of, the expected line of a steady pace to the deadline, the required count, and before the
 * deadline the projection to it (the likelihood's median and its 80% band). Every figure comes from
 * the overview; this file only places it.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { serialFromParts, serialToIso } from "../../core/dates";
import type { BurnUp, BurnUpPoint } from "../../core/burn-up";
import type { GoalSummary } from "../../core/summary";
import { usePane } from "../context";
import { anchorAt, round, useChartStyles } from "./chart-kit";
import { formatCount, formatDate, formatSentences } from "../format";
import { formatMonth, formatYear } from "../format";

/** Drawn at about this size in a 350 px pane, scaled to its width. */
const VIEW = { width: 320, height: 196 } as const;
/** Room above for the legend, left for counts, below for two rows of dates. */
const PLOT = { left: 34, right: 310, top: 26, bottom: 160 } as const;
/** Room above the highest value, so the top of the line and its label are not cut off. */
const HEADROOM = 1.1;
/** Year labels closer than this (in viewBox units) to another date label would run into it. */
const MIN_YEAR_GAP = 30;

const useStyles = makeStyles({
  recognized: { stroke: tokens.colorBrandForeground1, fill: "none", strokeWidth: 2 },
  asOf: { fill: tokens.colorBrandForeground1, stroke: tokens.colorNeutralBackground1, strokeWidth: 1 },
  median: { stroke: tokens.colorBrandForeground1, fill: "none", strokeWidth: 1.5, strokeDasharray: "3 2" },
  // A translucent brand tint reads in the light and the dark theme alike.
  band: { fill: tokens.colorBrandForeground1, fillOpacity: 0.15, stroke: "none" },
  bandSwatch: { stroke: tokens.colorBrandForeground1, strokeOpacity: 0.3, strokeWidth: 6 },
  requiredLabel: { fill: tokens.colorPaletteDarkOrangeForeground2, fontSize: "9px" },
  legend: { fill: tokens.colorNeutralForeground1, fontSize: "9px" },
});

/** The projection to the deadline, when there is one: before the deadline, with an estimate. */
function projectionOf(summary: GoalSummary) {
  const { model, median, low, high } = summary.likelihood;
  if (summary.ended || model === "none") return undefined;
  if (median === undefined || low === undefined || high === undefined) return undefined;
  return { median, low, high };
}

export function BurnUpChart({
  summary,
  burnUp,
  asOf,
}: {
  summary: GoalSummary;
  burnUp: BurnUp;
  asOf: number;
}) {
  const styles = useStyles();
  const chart = useChartStyles();
  const { language, t } = usePane();
  const { spec, required, actual } = summary;
  const id = spec.id ?? "goal";
  const day = Math.floor(asOf);
  const projection = projectionOf(summary);
  const steps = burnUp.recognized;

  // The axis runs over the period, widened to as_of when it is outside it.
  const from = Math.min(spec.start, steps[0]?.date ?? spec.start);
  const to = Math.max(spec.deadline, day, from + 1);
  const top =
    HEADROOM * Math.max(1, required, actual, ...steps.map((p) => p.count), projection ? projection.high : 0);
  const x = (date: number) => PLOT.left + ((date - from) / (to - from)) * (PLOT.right - PLOT.left);
  const y = (count: number) => PLOT.bottom - (count / top) * (PLOT.bottom - PLOT.top);
  const at = (p: BurnUpPoint) => `${round(x(p.date))},${round(y(p.count))}`;

  const stepPath = steps
    .map((p, i) => (i === 0 ? `M${at(p)}` : `H${round(x(p.date))}V${round(y(p.count))}`))
    .join("");
  const [expectedFrom, expectedTo] = burnUp.expected;
  // After the deadline the expected count stays at the required one.
  const expected = [expectedFrom, expectedTo, ...(to > expectedTo.date ? [{ ...expectedTo, date: to }] : [])];
  const last = steps[steps.length - 1] ?? { date: day, count: actual };
  const atDeadline = (count: number) => ({ date: spec.deadline, count });

  const years: number[] = [];
  const [first, final] = [from, to].map((d) => Number(serialToIso(d).slice(0, 4)));
  for (let year = first + 1; year <= final; year++) {
    const date = serialFromParts(year, 1, 1);
    const previous = years.length ? x(years[years.length - 1]) : -Infinity;
    if (date !== undefined && date > from && date < to && x(date) - previous >= MIN_YEAR_GAP)
      years.push(date);
  }

  const label = formatSentences(
    [
      t("burnUpLabel", {
        goal: spec.label[language],
        actual: formatCount(actual, language),
        asOf: formatDate(day, language),
        expected: formatCount(summary.expected, language, 1),
        required: formatCount(required, language),
        deadline: formatDate(spec.deadline, language),
      }),
      ...(projection
        ? [
            t("burnUpProjection", {
              median: formatCount(projection.median, language, 1),
              low: formatCount(projection.low, language, 1),
              high: formatCount(projection.high, language, 1),
            }),
          ]
        : []),
      ...(summary.ended
        ? [t("burnUpEnded", { byDeadline: formatCount(summary.actualByDeadline, language) })]
        : []),
    ],
    language,
  );

  const legend = [
    { key: "recognized", text: t("burnUpRecognized"), className: styles.recognized },
    { key: "expected", text: t("burnUpExpected"), className: chart.expected },
    ...(projection ? [{ key: "projected", text: t("burnUpProjected"), className: styles.bandSwatch }] : []),
  ];
  const dateRow = PLOT.bottom + 24;

  return (
    <svg
      viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
      width="100%"
      className={chart.svg}
      role="img"
      aria-label={label}
      data-testid={`burnup-${id}`}
    >
      {legend.map((item, i) => (
        <g key={item.key}>
          <line
            x1={PLOT.left + i * 80}
            x2={PLOT.left + i * 80 + 14}
            y1={9}
            y2={9}
            className={item.className}
          />
          <text x={PLOT.left + i * 80 + 18} y={12} className={styles.legend}>
            {item.text}
          </text>
        </g>
      ))}

      {years.map((date) => (
        <g key={date}>
          <line
            x1={round(x(date))}
            x2={round(x(date))}
            y1={PLOT.top}
            y2={PLOT.bottom}
            className={chart.grid}
          />
          <text x={round(x(date))} y={PLOT.bottom + 12} textAnchor="middle" className={chart.label}>
            {formatYear(date, language)}
          </text>
        </g>
      ))}
      {[
        { key: "start", date: spec.start },
        { key: "deadline", date: spec.deadline },
      ].map(({ key, date }) => (
        <g key={key}>
          <line
            x1={round(x(date))}
            x2={round(x(date))}
            y1={PLOT.bottom}
            y2={PLOT.bottom + 4}
            className={chart.axis}
          />
          <text
            x={round(x(date))}
            y={dateRow}
            textAnchor={anchorAt(x(date), PLOT)}
            className={chart.label}
            data-testid={`burnup-${key}-${id}`}
          >
            {formatMonth(date, language)}
          </text>
        </g>
      ))}
      {[...new Set([0, required])].map((count) => (
        <text
          key={count}
          x={PLOT.left - 4}
          y={round(y(count)) + 3}
          textAnchor="end"
          className={chart.label}
          data-testid={`burnup-count-${id}`}
        >
          {formatCount(count, language)}
        </text>
      ))}

      {projection ? (
        <polygon
          points={[last, atDeadline(projection.high), atDeadline(projection.low)].map(at).join(" ")}
          className={styles.band}
          data-testid={`burnup-band-${id}`}
        />
      ) : null}
      <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} className={chart.axis} />
      <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} className={chart.axis} />
      <line
        x1={PLOT.left}
        x2={PLOT.right}
        y1={round(y(required))}
        y2={round(y(required))}
        className={chart.required}
        data-testid={`burnup-required-${id}`}
      />
      {/* At the left, where the lines are still low, so they rarely cross it. */}
      <text
        x={PLOT.left + 4}
        y={round(y(required)) - 3}
        className={styles.requiredLabel}
        data-testid={`burnup-required-label-${id}`}
      >
        {t("burnUpRequired")}
      </text>
      <polyline
        points={expected.map(at).join(" ")}
        className={chart.expected}
        data-testid={`burnup-expected-${id}`}
      />
      {projection ? (
        <polyline
          points={[last, atDeadline(projection.median)].map(at).join(" ")}
          className={styles.median}
          data-testid={`burnup-median-${id}`}
        />
      ) : null}
      <path d={stepPath} className={styles.recognized} data-testid={`burnup-recognized-${id}`} />
      <circle cx={round(x(last.date))} cy={round(y(last.count))} r={3} className={styles.asOf} />
    </svg>
  );
}
