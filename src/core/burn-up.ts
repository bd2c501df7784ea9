/**
 * A goal's burn-up: the count its Actual reached on each day up to as_of, and the line a steady pace
 * from its start to its deadline follows. Which rows count is tallyRegister's decision, taken in
 * the same pass as summarizeGoals takes it, so the line ends at the summary's Actual.
 */
import type { GoalSpec } from "./goal-spec";
import { requiredCount } from "./progress";
import type { RegisterColumns } from "./register";
import { tallyGoals } from "./summary";

export interface BurnUpPoint {
  /** A whole-day serial. */
  readonly date: number;
  readonly count: number;
}

export interface BurnUp {
  /**
   * The count from each date on, in date order: first at the start (the undated rows, which count
   * from it, and any dated on or before it), then at each date a counted row arrived, last at as_of.
   * A step line: the count holds until the next point. As_of before the start: one point, at as_of.
   */
  readonly recognized: readonly BurnUpPoint[];
  /** The expected line's ends, required × elapsed share: 0 at the start, the required count at the deadline. */
  readonly expected: readonly [BurnUpPoint, BurnUpPoint];
}

/** Burn-ups of plan goals (specs must name plan goals), from one pass over the register. */
export function burnUps(register: RegisterColumns, specs: readonly GoalSpec[], asOf: number): BurnUp[] {
  const { tally, dated, indexOf } = tallyGoals(register, asOf, specs);
  return specs.map((spec) => {
    const index = indexOf(spec);
    return {
      recognized: steps(dated[index], tally.undated[index], spec.start, asOf),
      expected: [
        { date: spec.start, count: 0 },
        { date: spec.deadline, count: requiredCount(spec.target, spec.comparator) },
      ],
    };
  });
}

/** One goal's burn-up. */
export function burnUp(register: RegisterColumns, spec: GoalSpec, asOf: number): BurnUp {
  return burnUps(register, [spec], asOf)[0];
}

/** The cumulative count at the start, at every date a row arrived after it, and at as_of. */
function steps(dates: readonly number[], undated: number, start: number, asOf: number): BurnUpPoint[] {
  const day = Math.floor(asOf);
  // tallyRegister counts no row dated after as_of, so every date here is on or before `day`.
  const sorted = Float64Array.from(dates).sort();
  const first = Math.min(start, day);
  let count = undated;
  let i = 0;
  for (; i < sorted.length && sorted[i] <= first; i++) count++;
  const points: BurnUpPoint[] = [{ date: first, count }];
  while (i < sorted.length) {
    const date = sorted[i];
    for (; i < sorted.length && sorted[i] === date; i++) count++;
    points.push({ date, count });
  }
  if (points[points.length - 1].date < day) points.push({ date: day, count });
  return points;
}
