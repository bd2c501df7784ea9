/**
 * The progress engine: every number shown against a goal (required, met, progress, expected,
 * remaining, status, days left) is computed here and nowhere else.
 */
import { EngineError } from "./errors";
import type { GoalSpec } from "./goal-spec";
import type { Comparator } from "./plan";
import { DEFAULT_STATUS_RULE, type StatusRule } from "./status-rules";

/** The smallest whole count that meets a target: at least T -> ceil(T); more than T -> floor(T)+1. */
export function requiredCount(target: number, comparator: Comparator): number {
  return comparator === "at_least" ? Math.ceil(target) : Math.floor(target) + 1;
}

export function isMet(actual: number, spec: Pick<GoalSpec, "target" | "comparator">): boolean {
  return spec.comparator === "at_least" ? actual >= spec.target : actual > spec.target;
}

/** (actual - baseline) / (target - baseline), not capped: 1.05 means 5% beyond the target. */
export function progressRatio(actual: number, target: number, baseline = 0): number {
  if (!(target > 0)) throw new EngineError("num", "targetNotPositive", { value: target });
  if (!(baseline < target)) throw new EngineError("num", "baselineNotBelowTarget", { baseline, target });
  const ratio = (actual - baseline) / (target - baseline);
  // A target a hair above zero can overflow the ratio: Excel's #NUM! is the honest answer.
  if (!Number.isFinite(ratio)) throw new EngineError("num", "targetNotPositive", { value: target });
  return ratio;
}

export function remainingCount(actual: number, spec: Pick<GoalSpec, "target" | "comparator">): number {
  return Math.max(0, requiredCount(spec.target, spec.comparator) - actual);
}

/** Share of the period elapsed at as_of, clamped to [0, 1]. The start day counts as 0 elapsed. */
export function elapsedShare(spec: Pick<GoalSpec, "start" | "deadline">, asOf: number): number {
  const share = (Math.floor(asOf) - spec.start) / (spec.deadline - spec.start);
  return Math.min(1, Math.max(0, share));
}

/** The count a steady pace from start to deadline would have reached by as_of; not rounded. */
export function expectedCount(spec: GoalSpec, asOf: number): number {
  return requiredCount(spec.target, spec.comparator) * elapsedShare(spec, asOf);
}

/** Days from as_of to the deadline; negative after the deadline (the DAYSLEFT function's sign). */
export function daysLeft(spec: Pick<GoalSpec, "deadline">, asOf: number): number {
  return spec.deadline - Math.floor(asOf);
}

/** The days left as sheets and the pane show them: none once the period has ended. */
export function daysLeftShown(spec: Pick<GoalSpec, "deadline">, asOf: number): number {
  return Math.max(0, daysLeft(spec, asOf));
}

/** The period has ended: as_of is after the deadline day. */
export function hasEnded(spec: Pick<GoalSpec, "deadline">, asOf: number): boolean {
  return Math.floor(asOf) > spec.deadline;
}

export const STATUS_IDS = [
  "NOT_STARTED",
  "ACHIEVED",
  "MET_LATE",
  "MISSED",
  "ON_TRACK",
  "AT_RISK",
  "BEHIND",
] as const;
export type StatusId = (typeof STATUS_IDS)[number];

export const STATUS_LABELS: Readonly<Record<StatusId, { en: string; zh: string }>> = {
  NOT_STARTED: { en: "Not started", zh: "未开始" },
  ACHIEVED: { en: "Achieved", zh: "已达成" },
  // Not "Achieved late": the status colours match a cell that contains a label, and no label may
  // contain another (a test holds it).
  MET_LATE: { en: "Met late", zh: "逾期达成" },
  MISSED: { en: "Missed", zh: "未达成" },
  ON_TRACK: { en: "On track", zh: "进度正常" },
  AT_RISK: { en: "At risk", zh: "有风险" },
  BEHIND: { en: "Behind", zh: "落后" },
};

/**
 * Until the deadline: Achieved when met, otherwise Not started before the start, then On track /
 * At risk / Behind by the rule (the ratio to the expected count unless told). After it, what the deadline decided: Achieved when
 * met by the deadline (`actualByDeadline`, the rows dated on or before it and the undated), Met late
 * when met only after it, Missed when not met. `actualByDeadline` is needed only where it decides:
 * after the deadline, for a goal met at as_of (#N/A without it).
 */
export function statusOf(
  actual: number,
  spec: GoalSpec,
  asOf: number,
  rule: StatusRule = DEFAULT_STATUS_RULE,
  actualByDeadline?: number,
): StatusId {
  const day = Math.floor(asOf);
  if (hasEnded(spec, day)) {
    if (!isMet(actual, spec)) return "MISSED";
    if (actualByDeadline === undefined) throw new EngineError("na", "byDeadlineNeeded");
    return isMet(actualByDeadline, spec) ? "ACHIEVED" : "MET_LATE";
  }
  if (isMet(actual, spec)) return "ACHIEVED";
  if (day < spec.start) return "NOT_STARTED";
  return judgedInPeriod(actual, spec, day, rule);
}

/**
 * On track, At risk or Behind by the workbook's rule (status-rules.ts), for a goal not met within
 * its period. Each comparison is written as the Targets sheet's status formula writes it, operand
 * for operand, so a figure on a threshold falls the same way in both.
 */
function judgedInPeriod(actual: number, spec: GoalSpec, day: number, rule: StatusRule): StatusId {
  switch (rule.id) {
    case "RATIO": {
      const expected = expectedCount(spec, day);
      if (actual >= rule.onTrack * expected) return "ON_TRACK";
      return actual >= rule.atRisk * expected ? "AT_RISK" : "BEHIND";
    }
    case "ELAPSED": {
      const behind = pointsBehind(actual, spec, day);
      if (behind < rule.onTrack) return "ON_TRACK";
      return behind <= rule.atRisk ? "AT_RISK" : "BEHIND";
    }
    case "PACE": {
      // pace so far ÷ pace needed = (actual ÷ elapsed) ÷ (remaining ÷ left), compared without dividing:
      // on the start day nothing is yet expected (On track), on the deadline day no pace is enough.
      const observed = actual * (spec.deadline - day);
      const needed = (day - spec.start) * remainingCount(actual, spec);
      if (observed >= rule.onTrack * needed) return "ON_TRACK";
      return observed >= rule.atRisk * needed ? "AT_RISK" : "BEHIND";
    }
  }
}

/**
 * 序时进度: percentage points by which progress (actual ÷ target) trails the share of time elapsed,
 * to 9 decimals as the sheet's ROUND(…, 9) gives it: 40% of the time and 10 of 100 is 30 points, not
 * 30.000000000000004, so a figure on a threshold falls the same way in JavaScript, Excel and
 * LibreOffice (which compares nearly equal numbers as equal).
 */
export function pointsBehind(actual: number, spec: GoalSpec, asOf: number): number {
  const points = (elapsedShare(spec, asOf) - actual / spec.target) * 100;
  return Math.sign(points) * (Math.round(Math.abs(points) * 1e9) / 1e9);
}
