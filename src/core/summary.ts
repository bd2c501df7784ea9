/**
 * Every goal's figures at once, from one pass over the register: what the SUMMARY function spills,
 * the task pane's overview shows and the History sheet records.
 */
import { type GoalSpec, specOfGoal } from "./goal-spec";
import type { Language } from "./language";
import { GOAL_IDS, GOALS, SECTORS } from "./plan";
import {
  daysLeft,
  DEFAULT_THRESHOLDS,
  elapsedShare,
  expectedCount,
  progressRatio,
  remainingCount,
  requiredCount,
  type StatusId,
  statusOf,
  type StatusThresholds,
} from "./progress";
import {
  type Column,
  type Forecast,
  forecastFromTally,
  type RegisterColumns,
  tallyRegister,
} from "./register";

export interface GoalSummary {
  readonly spec: GoalSpec;
  readonly required: number;
  readonly actual: number;
  readonly progress: number;
  readonly expected: number;
  readonly remaining: number;
  readonly status: StatusId;
  readonly forecast: Forecast;
  readonly daysLeft: number;
}

/** The plan's goals as published (no user edits). */
export function planSpecs(): GoalSpec[] {
  return GOALS.map((goal) => specOfGoal(goal));
}

/** Summaries of plan goals (specs must name plan goals; by default all six, unedited). */
export function summarizeGoals(
  register: RegisterColumns,
  asOf: number,
  specs: readonly GoalSpec[] = planSpecs(),
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): GoalSummary[] {
  const indexOf = (spec: GoalSpec) => GOAL_IDS.indexOf(spec.id!);
  const starts = new Float64Array(GOAL_IDS.length);
  for (const spec of specs) starts[indexOf(spec)] = spec.start;
  const tally = tallyRegister(register, asOf, starts, new Set(specs.map(indexOf)));
  return specs.map((spec) => {
    const index = indexOf(spec);
    const actual = tally.counts[index];
    return {
      spec,
      required: requiredCount(spec.target, spec.comparator),
      actual,
      progress: progressRatio(actual, spec.target),
      expected: expectedCount(spec, asOf),
      remaining: remainingCount(actual, spec),
      status: statusOf(actual, spec, asOf, thresholds),
      forecast: forecastFromTally(actual, tally.datedInPeriod[index], spec, asOf),
      daysLeft: daysLeft(spec, asOf),
    };
  });
}

/** Counts per key sector (rows) and goal (columns, in GOAL_IDS order), as the Sectors sheet shows. */
export interface SectorBreakdown {
  /** Sector labels in catalogue order; the sector column may use either language. */
  readonly sectors: readonly string[];
  readonly counts: readonly (readonly number[])[];
  /** Counted rows whose sector is blank or not one of the 12. */
  readonly unassigned: readonly number[];
}

/** Without a sector column every counted row is unassigned. */
export function sectorBreakdown(
  register: RegisterColumns,
  sectors: Column | undefined,
  asOf: number,
  language: Language,
): SectorBreakdown {
  const bySector = new Map<string, number>();
  SECTORS.forEach((sector, index) => {
    bySector.set(sector.label.en.toUpperCase(), index);
    bySector.set(sector.label.zh, index);
  });
  const counts = SECTORS.map(() => GOAL_IDS.map(() => 0));
  const unassigned = GOAL_IDS.map(() => 0);
  tallyRegister(register, asOf, new Float64Array(GOAL_IDS.length), undefined, (goal, _date, row) => {
    const cell = sectors?.rows[row][sectors.index];
    const index = typeof cell === "string" ? bySector.get(cell.trim().toUpperCase()) : undefined;
    if (index === undefined) unassigned[goal]++;
    else counts[index][goal]++;
  });
  return { sectors: SECTORS.map((sector) => sector.label[language]), counts, unassigned };
}

/** One month of the Dashboard's timeline. */
export interface TimelineMonth {
  readonly monthEnd: number;
  /** Entries the goals' Actual counts at the month end, or at as_of for months after it. */
  readonly recognized: number;
  /** Every goal's required count at a steady pace from the earliest start to the latest deadline. */
  readonly expected: number;
}

/**
 * The Dashboard's timeline at each month end: the entries counting toward the goals (as each goal's
 * Actual counts them, undated entries included), never one dated after as_of, so the months after
 * it show the figure at as_of; and the plan-wide expected count.
 */
export function timeline(
  register: RegisterColumns,
  asOf: number,
  monthEnds: readonly number[],
  specs: readonly GoalSpec[] = planSpecs(),
): TimelineMonth[] {
  const wanted = new Set(specs.map((spec) => GOAL_IDS.indexOf(spec.id!)));
  const dated: number[] = [];
  let undated = 0;
  tallyRegister(register, asOf, new Float64Array(GOAL_IDS.length), wanted, (_goal, date) => {
    if (date === undefined) undated++;
    else dated.push(date);
  });
  const sorted = Float64Array.from(dated).sort();
  const day = Math.floor(asOf);
  const required = specs.reduce((sum, spec) => sum + requiredCount(spec.target, spec.comparator), 0);
  const plan = {
    start: Math.min(...specs.map((spec) => spec.start)),
    deadline: Math.max(...specs.map((spec) => spec.deadline)),
  };
  return monthEnds.map((monthEnd) => ({
    monthEnd,
    recognized: undated + countUpTo(sorted, Math.min(monthEnd, day)),
    expected: required * elapsedShare(plan, monthEnd),
  }));
}

/** How many of the sorted days are on or before `day`. */
function countUpTo(sorted: Float64Array, day: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= day) low = middle + 1;
    else high = middle;
  }
  return low;
}
