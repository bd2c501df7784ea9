/**
 * The Overview: what the Overview view shows (and the latest entries and trends the Register and
 * History views list), computed from one read of the workbook. Every figure comes from the core
 * engine (summarizeGoals, sectorBreakdown); this module only arranges it for display.
 */
import { todaySerial } from "../core/dates";
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

export interface TrendPoint {
  readonly date: number;
  readonly actual: number;
}

export interface Overview {
  readonly asOf: number;
  readonly asOfIsToday: boolean;
  /** The workbook's as-of cell held no date, so today was used. */
  readonly asOfMissing: boolean;
  readonly summaries: readonly GoalSummary[];
  readonly groups: readonly { group: GoalGroup; summaries: readonly GoalSummary[] }[];
  readonly sectors: SectorBreakdown;
  readonly ignored: TargetsReading["ignored"];
  readonly latest: readonly LatestEntry[];
  readonly trends: ReadonlyMap<GoalId, readonly TrendPoint[]>;
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
  const [date, goal, actual] = [at("date"), at("goal"), at("actual")];
  const result = new Map<GoalId, TrendPoint[]>();
  for (const row of block.rows) {
    // Snapshots record the goal's name in the workbook's language (earlier versions wrote its id);
    // a row typed by hand may name it in either language.
    const id = findGoal(String(row[goal] ?? ""))?.id;
    if (!id || typeof row[date] !== "number" || typeof row[actual] !== "number") continue;
    const points = result.get(id) ?? [];
    points.push({ date: row[date] as number, actual: row[actual] as number });
    result.set(id, points);
  }
  for (const points of result.values()) points.sort((a, b) => a.date - b.date);
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
    groups: GOAL_GROUPS.map(({ id: group }) => ({
      group,
      summaries: summaries.filter((s) => goalById(s.spec.id as GoalId).group === group),
    })),
    sectors,
    ignored: targets.ignored,
    latest: latestEntries(snapshot.register, 5),
    trends: trends(snapshot.history),
    registerKeys: snapshot.register.rows.map((row) => ({
      goal: row[columnIndex(snapshot.register, registerSpec, "goal")],
      name: row[columnIndex(snapshot.register, registerSpec, "name")],
    })),
  };
}
