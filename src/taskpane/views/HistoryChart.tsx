/** One goal's actual at each snapshot against its expected line, drawn by hand as an SVG. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Language } from "../../core/language";
import type { GoalSummary } from "../../core/summary";
import { usePane } from "../context";
import { anchorAt, round, useChartStyles } from "./chart-kit";
import { formatClauses, formatCount, formatDate } from "../format";
import type { TrendPoint } from "../overview-model";
import { expectedAt, goalChart, PLOT, pointList, VIEW } from "./history-chart-model";
import { formatMonth, formatYear } from "../format";

const useStyles = makeStyles({
  actual: { stroke: tokens.colorBrandForeground1, fill: "none", strokeWidth: 2 },
  point: { fill: tokens.colorBrandForeground1, stroke: tokens.colorNeutralBackground1, strokeWidth: 1 },
  legend: { fill: tokens.colorNeutralForeground1, fontSize: "10px" },
});

/** An expected count to a tenth, without a trailing ".0" (0, 45.4, 101). */
function formatTenths(value: number, language: Language): string {
  const tenths = Math.round(value * 10) / 10;
  return formatCount(tenths, language, Number.isInteger(tenths) ? 0 : 1);
}

export function HistoryChart({ summary, points }: { summary: GoalSummary; points: readonly TrendPoint[] }) {
  const styles = useStyles();
  const shared = useChartStyles();
  const { language, t } = usePane();
  const { spec, required } = summary;
  const id = spec.id ?? "goal";
  const chart = goalChart(spec, required, points);

  const values = formatClauses(
    points.map((p) =>
      t("trendPoint", {
        date: formatDate(p.date, language),
        actual: formatCount(p.actual, language),
        expected: formatTenths(expectedAt(p, spec), language),
      }),
    ),
    language,
  );
  const label = t("trendLabel", {
    goal: spec.label[language],
    values,
    required: formatCount(required, language),
    deadline: formatDate(spec.deadline, language),
  });

  const legend = [
    { key: "actual", text: t("chartActual"), className: styles.actual },
    { key: "expected", text: t("chartExpected"), className: shared.expected },
    { key: "required", text: t("chartRequired"), className: shared.required },
  ];
  // The start and deadline labels sit a row below the years, so neither runs into the other.
  const dateRow = PLOT.bottom + 26;

  return (
    <svg
      viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
      width="100%"
      className={shared.svg}
      role="img"
      aria-label={label}
      data-testid={`chart-${id}`}
    >
      {legend.map((item, i) => {
        const x = PLOT.left + i * 92;
        return (
          <g key={item.key}>
            <line x1={x} x2={x + 16} y1={10} y2={10} className={item.className} />
            <text x={x + 20} y={13} className={styles.legend}>
              {item.text}
            </text>
          </g>
        );
      })}

      {chart.years.map((year) => (
        <g key={year.date}>
          <line
            x1={round(year.x)}
            x2={round(year.x)}
            y1={PLOT.top}
            y2={PLOT.bottom}
            className={shared.grid}
          />
          <text x={round(year.x)} y={PLOT.bottom + 12} textAnchor="middle" className={shared.label}>
            {formatYear(year.date, language)}
          </text>
        </g>
      ))}
      {[
        { key: "start", at: chart.start, date: spec.start },
        { key: "deadline", at: chart.deadline, date: spec.deadline },
      ].map(({ key, at, date }) => (
        <g key={key}>
          <line
            x1={round(at.x)}
            x2={round(at.x)}
            y1={PLOT.bottom}
            y2={PLOT.bottom + 4}
            className={shared.axis}
          />
          <text
            x={round(at.x)}
            y={dateRow}
            textAnchor={anchorAt(at.x, PLOT)}
            className={shared.label}
            data-testid={`chart-${key}-${id}`}
          >
            {formatMonth(date, language)}
          </text>
        </g>
      ))}

      {chart.counts.map((count) => (
        <text
          key={count.value}
          x={PLOT.left - 4}
          y={round(count.y) + 3}
          textAnchor="end"
          className={shared.label}
        >
          {formatCount(count.value, language)}
        </text>
      ))}
      <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} className={shared.axis} />
      <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} className={shared.axis} />
      <line
        x1={PLOT.left}
        x2={PLOT.right}
        y1={round(chart.requiredY)}
        y2={round(chart.requiredY)}
        className={shared.required}
        data-testid={`chart-required-${id}`}
      />

      <polyline
        points={pointList(chart.expected)}
        className={shared.expected}
        data-testid={`chart-expected-${id}`}
      />
      <polyline
        points={pointList(chart.actual)}
        className={styles.actual}
        data-testid={`chart-actual-${id}`}
      />
      {chart.actual.map((p, i) => (
        <circle
          key={i}
          cx={round(p.x)}
          cy={round(p.y)}
          r={3}
          className={styles.point}
          data-testid={`chart-point-${id}`}
        />
      ))}
    </svg>
  );
}
