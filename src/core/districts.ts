/**
 * The task breakdown (任务分解): each goal's share for each of the 16 districts, and what each
 * district has recognized against it. A district's quota is judged as the city's target is (the
 * same status rule, the goal's start and deadline), as "at least the quota": the Districts sheet's
 * formulas compute the same, and a test holds them equal.
 */
import { type GoalSpec } from "./goal-spec";
import type { Language } from "./language";
import { type Bilingual, DISTRICTS } from "./plan";
import { expectedCount, progressRatio, type StatusId } from "./progress";
import { type Column, countifsForm, type RegisterColumns } from "./register";
import { DEFAULT_STATUS_RULE, type StatusRule } from "./status-rules";
import { summarizeGoals } from "./summary";

/** What a district's row shows without a quota (blank, zero or not a number). */
export const NO_QUOTA: Bilingual = { en: "No quota", zh: "未分解" };

export interface DistrictGoalFigures {
  readonly district: string;
  readonly goal: GoalSpec["id"];
  /** Recognized entries of the district toward the goal at the as-of date (undated ones too). */
  readonly actual: number;
  readonly actualByDeadline: number;
  readonly quota: number | undefined;
  /** Only with a quota: actual ÷ quota, the expected count at the as-of date, the status. */
  readonly progress?: number;
  readonly expected?: number;
  readonly status?: StatusId;
}

/** A quota as the sheet takes it: a number above zero, else none. */
export function quotaOf(cell: unknown): number | undefined {
  return typeof cell === "number" && Number.isFinite(cell) && cell > 0 ? cell : undefined;
}

/** The register with only the rows `keep` accepts: the same columns over a list of the kept rows (not copied). */
export function registerWhere(
  register: RegisterColumns,
  keep: (row: ArrayLike<unknown>) => boolean,
): RegisterColumns {
  const source = register.goals.rows;
  const rows: ArrayLike<unknown>[] = [];
  for (let i = 0; i < source.length; i++) if (keep(source[i])) rows.push(source[i]);
  const over = (column: Column | undefined) => (column ? { ...column, rows } : undefined);
  return {
    ...register,
    goals: over(register.goals)!,
    statuses: over(register.statuses),
    dates: over(register.dates),
  };
}

/** Rows whose cell in `column` is `label`, as COUNTIFS matches it (letters in any case, nothing trimmed). */
export function cellIs(column: Column, label: string): (row: ArrayLike<unknown>) => boolean {
  const wanted = countifsForm(label);
  return (row) => {
    const cell = row[column.index];
    return typeof cell === "string" && countifsForm(cell) === wanted;
  };
}

/**
 * Every district's figures for every goal, in the order of DISTRICTS then `specs`. `quotas` gives a
 * district's quota for a goal (by district id and goal id); `districts` is the Register's District column.
 */
export function districtFigures(
  register: RegisterColumns,
  districts: Column,
  asOf: number,
  specs: readonly GoalSpec[],
  quotas: (district: string, goal: GoalSpec["id"]) => number | undefined,
  language: Language,
  rule: StatusRule = DEFAULT_STATUS_RULE,
): DistrictGoalFigures[] {
  return DISTRICTS.flatMap((district) => {
    const own = registerWhere(register, cellIs(districts, district.label[language]));
    const counted = summarizeGoals(own, asOf, specs, rule);
    return specs.map((spec, index) => {
      const quota = quotas(district.id, spec.id);
      const { actual, actualByDeadline } = counted[index];
      if (quota === undefined)
        return { district: district.id, goal: spec.id, actual, actualByDeadline, quota };
      // The quota judged as a target of its own: at least the quota, by the goal's dates and rule.
      const quotaSpec: GoalSpec = { ...spec, target: quota, comparator: "at_least" };
      const [judged] = summarizeGoals(own, asOf, [quotaSpec], rule);
      return {
        district: district.id,
        goal: spec.id,
        actual,
        actualByDeadline,
        quota,
        progress: progressRatio(actual, quota),
        expected: expectedCount(quotaSpec, asOf),
        status: judged.status,
      };
    });
  });
}
