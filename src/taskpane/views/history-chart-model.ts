/**
 * What the History view draws, as numbers: the snapshots to list, and each goal's chart (its actual
 * at every snapshot against the expected line of its period) in the chart's own coordinates.
 * The expected line is the progress engine's; nothing here computes a goal's figures anew.
 */
import { round } from "./chart-kit";
import { serialFromParts, serialToIso } from "../../core/dates";
import type { GoalSpec } from "../../core/goal-spec";
import { expectedCount } from "../../core/progress";
import type { TrendPoint } from "../overview-model";

/** The chart's viewBox: drawn at about this size in a 350 px pane, scaled to its width. */
export const VIEW = { width: 320, height: 200 } as const;
/** The plotting area inside it: room above for the legend, left for counts, below for dates. */
export const PLOT = { left: 34, right: 310, top: 28, bottom: 162 } as const;
/** Year labels closer than this (in viewBox units) would run into each other. */
const MIN_YEAR_GAP = 30;
/** Room above the highest value, so the top point and its label are not cut off. */
const HEADROOM = 1.1;

/** One snapshot: one as-of date and the moment it was taken (unknown before version 6). */
export interface SnapshotEntry {
  readonly date: number;
  readonly takenAt?: number;
  readonly note?: string;
}

/** The snapshots of all goals, one entry per as-of date and taken-at, the newest first. */
export function snapshotEntries(trends: ReadonlyMap<unknown, readonly TrendPoint[]>): SnapshotEntry[] {
  const byKey = new Map<string, SnapshotEntry>();
  for (const points of trends.values()) {
    for (const point of points) {
      const key = `${point.date}|${point.takenAt ?? ""}`;
      const known = byKey.get(key);
      if (!known || (known.note === undefined && point.note !== undefined)) {
        byKey.set(key, { date: point.date, takenAt: point.takenAt, note: point.note });
      }
    }
  }
  // Taken-at is a date-time serial, as the as-of date is a date serial: an old snapshot without
  // it sorts by its as-of date.
  const newness = (entry: SnapshotEntry) => entry.takenAt ?? entry.date;
  return [...byKey.values()].sort((a, b) => newness(b) - newness(a) || b.date - a.date);
}

/** The expected count at a snapshot: as it recorded it, or (before version 6) as the engine gives it. */
export function expectedAt(point: TrendPoint, spec: GoalSpec): number {
  return point.expected ?? expectedCount(spec, point.date);
}

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface GoalChart {
  /** The first and last dates drawn: the goal's period, widened to any snapshot outside it. */
  readonly from: number;
  readonly to: number;
  readonly actual: readonly (ChartPoint & { readonly point: TrendPoint })[];
  readonly expected: readonly ChartPoint[];
  readonly requiredY: number;
  readonly baseY: number;
  /** Counts labelled on the y axis: 0, the required count, and a higher actual when there is room. */
  readonly counts: readonly (ChartPoint & { readonly value: number })[];
  /** 1 January of each year inside the period that has room for its label. */
  readonly years: readonly (ChartPoint & { readonly date: number })[];
  readonly start: ChartPoint;
  readonly deadline: ChartPoint;
}

export function goalChart(spec: GoalSpec, required: number, points: readonly TrendPoint[]): GoalChart {
  const dates = points.map((p) => p.date);
  const from = Math.min(spec.start, ...dates);
  // A period of no length (a deadline typed before the start) still gets a drawable axis.
  const to = Math.max(spec.deadline, from + 1, ...dates);
  const top =
    HEADROOM *
    Math.max(required, 1, ...points.map((p) => p.actual), ...points.map((p) => expectedAt(p, spec)));
  const x = (date: number) => PLOT.left + ((date - from) / (to - from)) * (PLOT.right - PLOT.left);
  const y = (count: number) => PLOT.bottom - (count / top) * (PLOT.bottom - PLOT.top);

  // The expected line is straight within the period and flat outside it, so its corners suffice.
  const corners = [...new Set([from, spec.start, spec.deadline, to])].filter((d) => d >= from && d <= to);
  const expected = corners.sort((a, b) => a - b).map((d) => ({ x: x(d), y: y(expectedCount(spec, d)) }));

  const counts = [
    { value: 0, x: PLOT.left, y: y(0) },
    { value: required, x: PLOT.left, y: y(required) },
  ];
  const highest = Math.max(...points.map((p) => p.actual));
  if (highest > required && y(required) - y(highest) >= 12) {
    counts.push({ value: highest, x: PLOT.left, y: y(highest) });
  }

  const years: (ChartPoint & { date: number })[] = [];
  const [first, last] = [from, to].map((d) => Number(serialToIso(d).slice(0, 4)));
  for (let year = first + 1; year <= last; year++) {
    const date = serialFromParts(year, 1, 1) as number;
    const previous = years.length ? years[years.length - 1].x : -Infinity;
    if (x(date) - previous >= MIN_YEAR_GAP && x(date) < PLOT.right)
      years.push({ date, x: x(date), y: PLOT.bottom });
  }

  return {
    from,
    to,
    actual: points.map((point) => ({ point, x: x(point.date), y: y(point.actual) })),
    expected,
    requiredY: y(required),
    baseY: y(0),
    counts,
    years,
    start: { x: x(spec.start), y: PLOT.bottom },
    deadline: { x: x(spec.deadline), y: PLOT.bottom },
  };
}

/** An SVG `points` attribute. */
export function pointList(points: readonly ChartPoint[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(" ");
}
