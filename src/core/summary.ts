/**
 * Every goal's figures at once, from one pass over the register: what the SUMMARY function spills,
 * the task pane's overview shows and the History sheet records.
 */
import { type GoalSpec, specOfGoal } from "./goal-spec";
import type { Language } from "./language";
import { type Likelihood, likelihood } from "./likelihood";
import { GOAL_IDS, GOALS, SECTORS } from "./plan";
import {
  daysLeftShown,
  elapsedShare,
  expectedCount,
  hasEnded,
  progressRatio,
  remainingCount,
  requiredCount,
  type StatusId,
  statusOf,
} from "./progress";
import { DEFAULT_STATUS_RULE, type StatusRule } from "./status-rules";
import {
  type Column,
  type Forecast,
  forecastFromTally,
  reachedOn,
  type RegisterColumns,
  tallyRegister,
} from "./register";

export interface GoalSummary {
  readonly spec: GoalSpec;
  readonly required: number;
  readonly actual: number;
  /** Counted rows dated on or before the deadline, and the undated ones (they count in both). */
  readonly actualByDeadline: number;
  /** Counted rows without a date. */
  readonly undated: number;
  /** The date of the recognition that reached the required count; undefined while not met. */
  readonly dateMet: number | undefined;
  /** as_of is after the deadline. */
  readonly ended: boolean;
  /** How likely the required count is by the deadline, with the projected count and its band. */
  readonly likelihood: Likelihood;
  readonly progress: number;
  readonly expected: number;
  readonly remaining: number;
  readonly status: StatusId;
  readonly forecast: Forecast;
  /** Days to the deadline, 0 once it has passed (`ended` says so). */
  readonly daysLeft: number;
}

/** The plan's goals as published (no user edits). */
export function planSpecs(): GoalSpec[] {
  return GOALS.map((goal) => specOfGoal(goal));
}

/**
 * One pass over the register for the goals' periods: the tally, and each goal's dated counted rows
 * (for the day it was met, its likelihood and its burn-up), indexed as GOAL_IDS.
 */
export function tallyGoals(register: RegisterColumns, asOf: number, specs: readonly GoalSpec[]) {
  const indexOf = (spec: GoalSpec) => GOAL_IDS.indexOf(spec.id!);
  const start = new Float64Array(GOAL_IDS.length);
  const deadline = new Float64Array(GOAL_IDS.length);
  for (const spec of specs) [start[indexOf(spec)], deadline[indexOf(spec)]] = [spec.start, spec.deadline];
  const dated: number[][] = GOAL_IDS.map(() => []);
  const tally = tallyRegister(
    register,
    asOf,
    { start, deadline },
    new Set(specs.map(indexOf)),
    (goal, date) => {
      if (date !== undefined) dated[goal].push(date);
    },
  );
  return { tally, dated, indexOf };
}

/** Summaries of plan goals (specs must name plan goals; by default all six, unedited). */
export function summarizeGoals(
  register: RegisterColumns,
  asOf: number,
  specs: readonly GoalSpec[] = planSpecs(),
  rule: StatusRule = DEFAULT_STATUS_RULE,
): GoalSummary[] {
  const { tally, dated, indexOf } = tallyGoals(register, asOf, specs);
  return specs.map((spec) => {
    const index = indexOf(spec);
    const actual = tally.counts[index];
    const required = requiredCount(spec.target, spec.comparator);
    const actualByDeadline = tally.byDeadline[index];
    return {
      spec,
      required,
      actual,
      actualByDeadline,
      undated: tally.undated[index],
      dateMet: reachedOn(dated[index], tally.undated[index], required, spec.start),
      ended: hasEnded(spec, asOf),
      likelihood: likelihood({
        spec,
        asOf,
        required,
        actual,
        actualByDeadline,
        datedInPeriod: dated[index].filter(
          (date) => date >= spec.start && date <= Math.min(Math.floor(asOf), spec.deadline),
        ),
      }),
      progress: progressRatio(actual, spec.target),
      expected: expectedCount(spec, asOf),
      remaining: remainingCount(actual, spec),
      status: statusOf(actual, spec, asOf, rule, actualByDeadline),
      forecast: forecastFromTally(actual, tally.datedInPeriod[index], spec, asOf),
      daysLeft: daysLeftShown(spec, asOf),
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
  tallyRegister(
    register,
    asOf,
    { start: new Float64Array(GOAL_IDS.length) },
    undefined,
    (goal, _date, row) => {
      const cell = sectors?.rows[row][sectors.index];
      const index = typeof cell === "string" ? bySector.get(cell.trim().toUpperCase()) : undefined;
      if (index === undefined) unassigned[goal]++;
      else counts[index][goal]++;
    },
  );
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
  tallyRegister(register, asOf, { start: new Float64Array(GOAL_IDS.length) }, wanted, (_goal, date) => {
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
