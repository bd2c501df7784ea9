/**
 * The final evaluation (终期评估): for each goal what the deadline decided, with what came after
 * it and how much of it is documented. What the Evaluation sheet's formulas and the pane's
 * Evaluation section show; every count is the summary's (summarizeGoals), so they agree with
 * Targets.
 */
import type { GoalSpec } from "./goal-spec";
import { GOAL_IDS } from "./plan";
import type { StatusId } from "./progress";
import { type Column, type RegisterColumns, tallyRegister } from "./register";
import { DEFAULT_STATUS_RULE, type StatusRule } from "./status-rules";
import { type GoalSummary, planSpecs, summarizeGoals } from "./summary";

export interface GoalEvaluation {
  readonly summary: GoalSummary;
  readonly spec: GoalSpec;
  readonly required: number;
  /** Recognized by the deadline (rows dated on or before it, and the undated). */
  readonly byDeadline: number;
  /** By the deadline ÷ the target: 1.01 is 101 of "more than 100". */
  readonly rate: number;
  /** The day the required count was reached, before or after the deadline; undefined while not. */
  readonly dateMet: number | undefined;
  /** Recognized rows dated after the deadline, up to the as-of date. */
  readonly afterDeadline: number;
  /** Counted rows without a date (they count by the deadline too). */
  readonly undated: number;
  /** Counted rows (as of the as-of date) with something in their evidence cell. */
  readonly withEvidence: number;
  /** withEvidence ÷ the counted rows; undefined when none is counted, or there is no evidence column. */
  readonly evidenceCoverage: number | undefined;
  readonly status: StatusId;
}

/** An evidence cell that holds anything, as COUNTIFS(…, "<>") counts it. */
function filled(cell: unknown): boolean {
  return cell !== "" && cell !== null && cell !== undefined;
}

export function evaluateGoals(
  register: RegisterColumns,
  evidence: Column | undefined,
  asOf: number,
  specs: readonly GoalSpec[] = planSpecs(),
  rule: StatusRule = DEFAULT_STATUS_RULE,
): GoalEvaluation[] {
  const summaries = summarizeGoals(register, asOf, specs, rule);
  const withEvidence = GOAL_IDS.map(() => 0);
  if (evidence)
    tallyRegister(
      register,
      asOf,
      { start: new Float64Array(GOAL_IDS.length) },
      undefined,
      (goal, _date, row) => {
        if (filled(evidence.rows[row][evidence.index])) withEvidence[goal]++;
      },
    );
  return summaries.map((summary) => {
    const evidenced = withEvidence[GOAL_IDS.indexOf(summary.spec.id!)];
    return {
      summary,
      spec: summary.spec,
      required: summary.required,
      byDeadline: summary.actualByDeadline,
      rate: summary.actualByDeadline / summary.spec.target,
      dateMet: summary.dateMet,
      afterDeadline: summary.actual - summary.actualByDeadline,
      undated: summary.undated,
      withEvidence: evidenced,
      // Without an evidence column there is no share to give (the sheet's formula then fails too).
      evidenceCoverage: evidence && summary.actual > 0 ? evidenced / summary.actual : undefined,
      status: summary.status,
    };
  });
}
