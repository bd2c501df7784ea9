/**
 * How likely a goal is to reach its required count by the deadline, from the register's dated
 * recognitions in the period. Recognitions arrive in batches (an annual list puts many entries on
 * one date), so the months' counts vary more than a Poisson process at the same rate would: the
 * projection is a negative binomial with the observed dispersion, or a Poisson process where the
 * history is too short to measure it (fewer than MIN_MONTHS whole months) or shows none.
 *
 * - Months are MONTH_DAYS long, counted from the goal's start; the whole ones elapsed give the
 *   dispersion index D = variance ÷ mean of their counts (sample variance).
 * - The count still to come by the deadline, N, has mean M = the pace so far (dated rows in the
 *   period ÷ days elapsed, as the Forecast) × days left, and variance M·D: Poisson(M) when D ≤ 1,
 *   else the negative binomial of size M ÷ (D − 1) and probability 1 ÷ D.
 * - The probability is P(N ≥ required − actual); the median and the 80% band of the count at the
 *   deadline use the normal approximation of the same model (mean M, variance M·D), as a sheet
 *   can compute them natively; the band never goes below the actual.
 * - Under a whole month of history, or with no dated row in the period, there is no estimate.
 * - After the deadline it is decided: 1 when met by the deadline, else 0.
 */
import { negativeBinomialAtLeast, poissonAtLeast, Z_80 } from "./distributions";
import type { GoalSpec } from "./goal-spec";
import { daysLeft } from "./progress";

/** An average month: 365.25 ÷ 12 days. */
export const MONTH_DAYS = 365.25 / 12;
/** Whole months of history needed to measure the dispersion; with fewer, Poisson. */
export const MIN_MONTHS = 6;

export type LikelihoodModel = "negativeBinomial" | "poisson" | "decided" | "none";

/** Why the model was chosen, for the pane and the README. */
export type ModelReason =
  "overdispersed" | "notOverdispersed" | "tooFewMonths" | "ended" | "noDatedRows" | "underAMonth";

export interface Likelihood {
  readonly model: LikelihoodModel;
  readonly reason: ModelReason;
  /** P(reaching the required count by the deadline); undefined with no dated history. */
  readonly probability: number | undefined;
  /** The count at the deadline: median and 80% band (10th to 90th percentile). */
  readonly median: number | undefined;
  readonly low: number | undefined;
  readonly high: number | undefined;
  /** Whole months of history, and their dispersion index (1 for Poisson). */
  readonly months: number;
  readonly dispersion: number;
  /** Recognitions a month still needed from as_of to reach the required count; undefined after the deadline. */
  readonly monthlyPaceNeeded: number | undefined;
}

export interface LikelihoodInput {
  readonly spec: GoalSpec;
  readonly asOf: number;
  readonly required: number;
  /** Counted at as_of, and of those dated on or before the deadline (undated included). */
  readonly actual: number;
  readonly actualByDeadline: number;
  /** Dates of the counted rows within the period up to as_of (start to min(as_of, deadline)). */
  readonly datedInPeriod: readonly number[];
}

/** Whole months elapsed since the start, and each one's count of the dated rows. */
export function monthlyCounts(spec: GoalSpec, asOf: number, dates: readonly number[]): number[] {
  const elapsed = Math.min(Math.floor(asOf), spec.deadline) - spec.start;
  const months = Math.max(0, Math.floor(elapsed / MONTH_DAYS));
  const counts = new Array<number>(months).fill(0);
  for (const date of dates) {
    const month = Math.floor((date - spec.start) / MONTH_DAYS);
    if (month >= 0 && month < months) counts[month]++;
  }
  return counts;
}

/** Variance ÷ mean of the counts (sample variance), or 1 when it cannot be measured. */
export function dispersionIndex(counts: readonly number[]): number {
  if (counts.length < 2) return 1;
  const mean = counts.reduce((sum, c) => sum + c, 0) / counts.length;
  if (!(mean > 0)) return 1;
  const variance = counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / (counts.length - 1);
  return variance / mean;
}

export function likelihood(input: LikelihoodInput): Likelihood {
  const { spec, asOf, required, actual, actualByDeadline, datedInPeriod } = input;
  const day = Math.floor(asOf);
  const counts = monthlyCounts(spec, day, datedInPeriod);
  const left = daysLeft(spec, day);
  // The months' spread, measured whenever there are enough of them (after the deadline too, where
  // it says how the recognitions came), at least 1.
  const dispersion = Math.max(1, counts.length >= MIN_MONTHS ? dispersionIndex(counts) : 1);
  if (left < 0) {
    const met = actualByDeadline >= required;
    return {
      model: "decided",
      reason: "ended",
      probability: met ? 1 : 0,
      median: actualByDeadline,
      low: actualByDeadline,
      high: actualByDeadline,
      months: counts.length,
      dispersion,
      monthlyPaceNeeded: undefined,
    };
  }
  const need = Math.max(0, required - actual);
  const monthlyPaceNeeded = need === 0 ? 0 : left > 0 ? need / (left / MONTH_DAYS) : undefined;
  const elapsed = Math.min(day, spec.deadline) - spec.start;
  // Less than a whole month of history projects a few days' luck over years: no estimate.
  if (elapsed <= 0 || datedInPeriod.length === 0 || counts.length === 0) {
    const decided = need === 0 ? 1 : undefined;
    return {
      model: "none",
      reason: datedInPeriod.length === 0 ? "noDatedRows" : "underAMonth",
      probability: decided,
      median: undefined,
      low: undefined,
      high: undefined,
      months: counts.length,
      dispersion,
      monthlyPaceNeeded,
    };
  }
  const model = dispersion > 1 ? "negativeBinomial" : "poisson";
  const reason: ModelReason =
    counts.length < MIN_MONTHS ? "tooFewMonths" : dispersion > 1 ? "overdispersed" : "notOverdispersed";
  const mean = (datedInPeriod.length / elapsed) * left;
  // Nothing more to come (the deadline day itself): decided by what is counted.
  const probability =
    mean === 0
      ? Number(need === 0)
      : model === "poisson"
        ? poissonAtLeast(need, mean)
        : negativeBinomialAtLeast(need, mean / (dispersion - 1), 1 / dispersion);
  const spread = Z_80 * Math.sqrt(mean * dispersion);
  return {
    model,
    reason,
    probability,
    median: actual + mean,
    low: Math.max(actual, actual + mean - spread),
    high: actual + mean + spread,
    months: counts.length,
    dispersion,
    monthlyPaceNeeded,
  };
}
