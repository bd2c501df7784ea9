/**
 * The progress engine: every number shown against a goal (required, met, progress, expected,
 * remaining, status, days left) is computed here and nowhere else.
 */
import { EngineError } from "./errors";
import type { GoalSpec } from "./goal-spec";
import type { Comparator } from "./plan";

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

export interface StatusThresholds {
  /** actual >= onTrack x expected is On track. */
  readonly onTrack: number;
  /** actual >= atRisk x expected (and below On track) is At risk; below that, Behind. */
  readonly atRisk: number;
}

/** On track at the expected pace or better; At risk down to 80% of it; Behind below that. */
export const DEFAULT_THRESHOLDS: StatusThresholds = { onTrack: 1, atRisk: 0.8 };

/**
 * Until the deadline: Achieved when met, otherwise Not started before the start, then On track /
 * At risk / Behind against the expected count. After it, what the deadline decided: Achieved when
 * met by the deadline (`actualByDeadline`, the rows dated on or before it and the undated), Met late
 * when met only after it, Missed when not met. `actualByDeadline` is needed only where it decides:
 * after the deadline, for a goal met at as_of (#N/A without it).
 */
export function statusOf(
  actual: number,
  spec: GoalSpec,
  asOf: number,
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
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
  const expected = expectedCount(spec, day);
  if (actual >= thresholds.onTrack * expected) return "ON_TRACK";
  if (actual >= thresholds.atRisk * expected) return "AT_RISK";
  return "BEHIND";
}
