/**
 * The Overview: what the Overview view shows (and the latest entries and trends the Register and
 * History views list), computed from one read of the workbook. Every figure comes from the core
 * engine (summarizeGoals, sectorBreakdown); this module only arranges it for display.
 */
import { type BurnUp, burnUps } from "../core/burn-up";
import { todaySerial } from "../core/dates";
import { cellIs, type DistrictGoalFigures, districtFigures, registerWhere } from "../core/districts";
import type { GoalSpec } from "../core/goal-spec";
import { evaluateGoals, type GoalEvaluation } from "../core/evaluation";
import { type Language } from "../core/language";
import { findGoal } from "../core/goal-spec";
import { DISTRICTS, type GoalGroup, GOAL_GROUPS, goalById, type GoalId, SECTORS } from "../core/plan";
import type { Column } from "../core/register";
import type { StatusRule } from "../core/status-rules";
import { type GoalSummary, type SectorBreakdown, sectorBreakdown, summarizeGoals } from "../core/summary";
import { tableSpec } from "../core/template/template";
import {
  columnIndex,
  quotasFrom,
  registerColumns,
  specsFromTargets,
  type TableBlock,
  type TargetsReading,
} from "../core/tracking";
import type { TrackingSnapshot } from "../excel/tables";

/** A register row as the workbook holds it (in the workbook's language; the view words it in the pane's). */
export interface LatestEntry {
  readonly name: string;
  readonly goal: string;
  readonly sector: string;
  readonly district: string;
  readonly status: string;
  readonly date?: number;
}

/** One goal's row of a snapshot; workbooks from before version 6 have no expected or takenAt. */
export interface TrendPoint {
  /** The as-of date the snapshot's figures use. */
  readonly date: number;
  readonly actual: number;
  /** The expected count at `date`, as the snapshot recorded it. */
  readonly expected?: number;
  /** When the snapshot was taken (a date-time serial), often later than `date`. */
  readonly takenAt?: number;
  readonly note?: string;
}

/** A goal group and its goals, with their counts added up (the "Four 100+" as one figure). */
export interface GroupTotal {
  readonly group: GoalGroup;
  readonly summaries: readonly GoalSummary[];
  /** The goals' Actual counts, added. */
  readonly actual: number;
  /** The goals' required counts, added. */
  readonly required: number;
}

/** What the Overview's goals show, counted over the whole register or over the rows a filter keeps. */
export interface GoalFigures {
  readonly summaries: readonly GoalSummary[];
  readonly groups: readonly GroupTotal[];
  readonly sectors: SectorBreakdown;
  /** Each goal's burn-up chart data, from the same register read as its summary. */
  readonly burnUps: ReadonlyMap<GoalId, BurnUp>;
}

export interface Overview extends GoalFigures {
  readonly asOf: number;
  readonly asOfIsToday: boolean;
  /** The workbook's as-of cell held no date, so today was used. */
  readonly asOfMissing: boolean;
  /** The final evaluation as of `asOf`, as the Evaluation sheet shows it. */
  readonly evaluations: readonly GoalEvaluation[];
  readonly ignored: TargetsReading["ignored"];
  readonly latest: readonly LatestEntry[];
  readonly trends: ReadonlyMap<GoalId, readonly TrendPoint[]>;
  readonly registerKeys: readonly { goal: unknown; name: unknown }[];
  /** The goals and the status rule the figures were computed with (a filter counts again with them). */
  readonly specs: readonly GoalSpec[];
  readonly rule: StatusRule;
  /** A district's quota for a goal (by ids), from the Districts table; none in a workbook without it. */
  readonly quotas: (district: string, goal: string | undefined) => number | undefined;
}

/** Which rows the Overview and the Register view count: one district, one sector, both or all (by plan ids). */
export interface RegisterFilter {
  readonly district?: string;
  readonly sector?: string;
}

export const NO_FILTER: RegisterFilter = {};

export function isFiltered(filter: RegisterFilter): boolean {
  return filter.district !== undefined || filter.sector !== undefined;
}

type RegisterRead = ReturnType<typeof registerColumns>;

/**
 * The register's rows the filter keeps: each cell compared with the plan's label in the workbook's
 * language as COUNTIFS compares it (so the figures are the ones a COUNTIFS on the sheet gives). A
 * filter on a column the Register lacks keeps nothing.
 */
function registerKept(register: RegisterRead, filter: RegisterFilter, language: Language): RegisterRead {
  const tests: ((row: ArrayLike<unknown>) => boolean)[] = [];
  const on = (column: Column | undefined, label: string | undefined) =>
    tests.push(column && label !== undefined ? cellIs(column, label) : () => false);
  if (filter.district !== undefined)
    on(register.districts, DISTRICTS.find((d) => d.id === filter.district)?.label[language]);
  if (filter.sector !== undefined)
    on(register.sectors, SECTORS.find((s) => s.id === filter.sector)?.label[language]);
  const kept = registerWhere(register, (row) => tests.every((test) => test(row)));
  // registerWhere re-points the counted columns; the ones read beside them follow the same rows.
  const over = (column: Column | undefined) => (column ? { ...column, rows: kept.goals.rows } : undefined);
  return {
    ...kept,
    sectors: over(register.sectors),
    evidence: over(register.evidence),
    districts: over(register.districts),
  };
}

function goalFigures(
  register: RegisterRead,
  specs: readonly GoalSpec[],
  asOf: number,
  rule: StatusRule,
  language: Language,
): GoalFigures {
  const summaries = summarizeGoals(register, asOf, specs, rule);
  return {
    summaries,
    groups: GOAL_GROUPS.map(({ id: group }) => {
      const members = summaries.filter((s) => goalById(s.spec.id as GoalId).group === group);
      return {
        group,
        summaries: members,
        actual: members.reduce((sum, s) => sum + s.actual, 0),
        required: members.reduce((sum, s) => sum + s.required, 0),
      };
    }),
    sectors: sectorBreakdown(register, register.sectors, asOf, language),
    burnUps: new Map(burnUps(register, specs, asOf).map((b, i) => [specs[i].id as GoalId, b] as const)),
  };
}

/** The goals' figures over the rows `filter` keeps, with the city's targets, dates and rule. */
export function filteredFigures(
  snapshot: TrackingSnapshot,
  overview: Overview,
  filter: RegisterFilter,
  language: Language,
): GoalFigures {
  const register = registerKept(registerColumns(snapshot.register), filter, snapshot.language);
  // One district, every sector: a goal it has a quota for is judged against the quota, as the
  // Districts sheet judges it (core districtFigures); the others against the city's target.
  const specs = judgedByQuota(filter)
    ? overview.specs.map((spec) => {
        const quota = overview.quotas(filter.district!, spec.id);
        return quota === undefined ? spec : { ...spec, target: quota, comparator: "at_least" as const };
      })
    : overview.specs;
  return goalFigures(register, specs, overview.asOf, overview.rule, language);
}

/** Whether the filter is one district across every sector: its quotas then stand for the targets. */
export function judgedByQuota(filter: RegisterFilter): boolean {
  return filter.district !== undefined && filter.sector === undefined;
}

/** The latest entries among the rows `filter` keeps (the Register view's list). */
export function latestWhere(snapshot: TrackingSnapshot, filter: RegisterFilter, count = 5): LatestEntry[] {
  const kept = registerKept(registerColumns(snapshot.register), filter, snapshot.language);
  return latestEntries({ headers: snapshot.register.headers, rows: kept.goals.rows as unknown[][] }, count);
}

/** The District summary: each district's figures per goal, the rows no district counts, the city's totals. */
export interface DistrictSummary {
  /** In the order of DISTRICTS, each with a figure per goal (in the order of the goals). */
  readonly districts: readonly { readonly id: string; readonly figures: readonly DistrictGoalFigures[] }[];
  /** Recognized entries per goal with a blank District cell. */
  readonly noDistrict: readonly number[];
  /** Recognized entries per goal whose District cell names none of the 16 as the workbook spells them. */
  readonly otherDistrict: readonly number[];
  /** The city's recognized entries per goal (the goals' Actual). */
  readonly totals: readonly number[];
}

/** The District summary, or undefined when the Register has no District column. */
export function districtSummary(snapshot: TrackingSnapshot, overview: Overview): DistrictSummary | undefined {
  const register = registerColumns(snapshot.register);
  const column = register.districts;
  if (!column) return undefined;
  const figures = districtFigures(
    register,
    column,
    overview.asOf,
    overview.specs,
    overview.quotas,
    snapshot.language,
    overview.rule,
  );
  const goals = overview.specs.length;
  const named = DISTRICTS.map((d) => cellIs(column, d.label[snapshot.language]));
  const blank = (row: ArrayLike<unknown>) => String(row[column.index] ?? "").trim() === "";
  const actuals = (keep: (row: ArrayLike<unknown>) => boolean) =>
    summarizeGoals(registerWhere(register, keep), overview.asOf, overview.specs, overview.rule).map(
      (s) => s.actual,
    );
  return {
    districts: DISTRICTS.map((d, i) => ({ id: d.id, figures: figures.slice(i * goals, (i + 1) * goals) })),
    noDistrict: actuals(blank),
    otherDistrict: actuals((row) => !blank(row) && !named.some((is) => is(row))),
    totals: overview.summaries.map((s) => s.actual),
  };
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((cell) => cell === "" || cell === null || cell === undefined);
}

function latestEntries(block: TableBlock, count: number): LatestEntry[] {
  const register = tableSpec("register");
  const at = (id: string) => columnIndex(block, register, id);
  const [goal, name, sector, district, status, date] = (
    ["goal", "name", "sector", "district", "status", "date"] as const
  ).map(at);
  const textAt = (row: readonly unknown[], index: number) => String(row[index] ?? "").trim();
  return block.rows
    .filter((row) => !isBlankRow(row))
    .slice(-count)
    .reverse()
    .map((row) => ({
      name: textAt(row, name),
      goal: textAt(row, goal),
      sector: textAt(row, sector),
      district: textAt(row, district),
      status: textAt(row, status),
      date: typeof row[date] === "number" ? (row[date] as number) : undefined,
    }));
}

function trends(block: TableBlock): Map<GoalId, TrendPoint[]> {
  const history = tableSpec("history");
  const at = (id: string) => columnIndex(block, history, id);
  const [date, goal, actual, expected, takenAt, note] = (
    ["date", "goal", "actual", "expected", "takenAt", "note"] as const
  ).map(at);
  // A column the workbook lacks (index -1) reads as undefined, as does a cell that is not a number.
  const numberAt = (row: readonly unknown[], index: number) =>
    typeof row[index] === "number" ? (row[index] as number) : undefined;
  const result = new Map<GoalId, TrendPoint[]>();
  for (const row of block.rows) {
    // Snapshots record the goal's name in the workbook's language (earlier versions wrote its id);
    // a row typed by hand may name it in either language.
    const id = findGoal(String(row[goal] ?? ""))?.id;
    const [day, count] = [numberAt(row, date), numberAt(row, actual)];
    if (!id || day === undefined || count === undefined) continue;
    const points = result.get(id) ?? [];
    const text = String(row[note] ?? "").trim();
    points.push({
      date: day,
      actual: count,
      expected: numberAt(row, expected),
      takenAt: numberAt(row, takenAt),
      note: text === "" ? undefined : text,
    });
    result.set(id, points);
  }
  // Two snapshots of one as-of date in the order they were taken.
  const order = (a: TrendPoint, b: TrendPoint) => a.date - b.date || (a.takenAt ?? 0) - (b.takenAt ?? 0);
  for (const points of result.values()) points.sort(order);
  return result;
}

export function buildOverview(
  snapshot: TrackingSnapshot,
  rule: StatusRule,
  language: Language,
  today: number = todaySerial(),
): Overview {
  const asOf = snapshot.asOf ?? today;
  const register = registerColumns(snapshot.register);
  const targets = specsFromTargets(snapshot.targets);
  const registerSpec = tableSpec("register");
  return {
    asOf,
    asOfIsToday: snapshot.asOfIsToday,
    asOfMissing: snapshot.asOf === undefined,
    ...goalFigures(register, targets.specs, asOf, rule, language),
    evaluations: evaluateGoals(register, register.evidence, asOf, targets.specs, rule),
    ignored: targets.ignored,
    latest: latestEntries(snapshot.register, 5),
    trends: trends(snapshot.history),
    specs: targets.specs,
    rule,
    quotas: quotasFrom(snapshot.districts),
    registerKeys: snapshot.register.rows.map((row) => ({
      goal: row[columnIndex(snapshot.register, registerSpec, "goal")],
      name: row[columnIndex(snapshot.register, registerSpec, "name")],
    })),
  };
}
