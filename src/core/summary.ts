/**
 * Every goal's figures at once, from one pass over the register: what the SUMMARY function spills,
 * the task pane's overview shows and the History sheet records.
 */
import { type GoalSpec, specOfGoal } from "./goal-spec";
import { GOAL_IDS, GOALS } from "./plan";
import {
  daysLeft,
  DEFAULT_THRESHOLDS,
  expectedCount,
  progressRatio,
  remainingCount,
  requiredCount,
  type StatusId,
  statusOf,
  type StatusThresholds,
} from "./progress";
import { type Forecast, forecastFromTally, type RegisterColumns, tallyRegister } from "./register";

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
