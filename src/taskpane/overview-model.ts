/**
 * The Overview: what the Overview view shows (and the latest entries and trends the Register and
 * History views list), computed from one read of the workbook. Every figure comes from the core
 * engine (summarizeGoals, sectorBreakdown); this module only arranges it for display.
 */
import { type BurnUp, burnUps } from "../core/burn-up";
import { todaySerial } from "../core/dates";
import { evaluateGoals, type GoalEvaluation } from "../core/evaluation";
import { type Language } from "../core/language";
import { findGoal } from "../core/goal-spec";
import { type GoalGroup, GOAL_GROUPS, goalById, type GoalId } from "../core/plan";
import type { StatusRule } from "../core/status-rules";
import { type GoalSummary, type SectorBreakdown, sectorBreakdown, summarizeGoals } from "../core/summary";
import { tableSpec } from "../core/template/template";
import {
  columnIndex,
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

export interface Overview {
  readonly asOf: number;
  readonly asOfIsToday: boolean;
  /** The workbook's as-of cell held no date, so today was used. */
  readonly asOfMissing: boolean;
  readonly summaries: readonly GoalSummary[];
  /** The final evaluation as of `asOf`, as the Evaluation sheet shows it. */
  readonly evaluations: readonly GoalEvaluation[];
  readonly groups: readonly GroupTotal[];
  readonly sectors: SectorBreakdown;
  readonly ignored: TargetsReading["ignored"];
  readonly latest: readonly LatestEntry[];
  readonly trends: ReadonlyMap<GoalId, readonly TrendPoint[]>;
  /** Each goal's burn-up chart data, from the same register read as its summary. */
  readonly burnUps: ReadonlyMap<GoalId, BurnUp>;
  readonly registerKeys: readonly { goal: unknown; name: unknown }[];
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
  const summaries = summarizeGoals(register, asOf, targets.specs, rule);
  const sectors = sectorBreakdown(register, register.sectors, asOf, language);
  const registerSpec = tableSpec("register");
  return {
    asOf,
    asOfIsToday: snapshot.asOfIsToday,
    asOfMissing: snapshot.asOf === undefined,
    summaries,
    evaluations: evaluateGoals(register, register.evidence, asOf, targets.specs, rule),
    groups: GOAL_GROUPS.map(({ id: group }) => {
      const members = summaries.filter((s) => goalById(s.spec.id as GoalId).group === group);
      return {
        group,
        summaries: members,
        actual: members.reduce((sum, s) => sum + s.actual, 0),
        required: members.reduce((sum, s) => sum + s.required, 0),
      };
    }),
    sectors,
    ignored: targets.ignored,
    latest: latestEntries(snapshot.register, 5),
    trends: trends(snapshot.history),
    burnUps: new Map(
      burnUps(register, targets.specs, asOf).map((b, i) => [targets.specs[i].id as GoalId, b] as const),
    ),
    registerKeys: snapshot.register.rows.map((row) => ({
      goal: row[columnIndex(snapshot.register, registerSpec, "goal")],
      name: row[columnIndex(snapshot.register, registerSpec, "name")],
    })),
  };
}
