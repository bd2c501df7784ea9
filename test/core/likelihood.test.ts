/**
 * The likelihood of reaching a goal by its deadline, against values worked out by hand: the
 * distributions from their closed forms, the models from a rate, the days left and P(N >= r)
 * summed term by term here (not through the incomplete beta the core uses).
 */
import { isoToSerial as d } from "../../src/core/dates";
import {
  logGamma,
  negativeBinomialAtLeast,
  poissonAtLeast,
  poissonCdf,
  regularizedBeta,
  Z_80,
} from "../../src/core/distributions";
import type { GoalSpec } from "../../src/core/goal-spec";
import { dispersionIndex, likelihood, MONTH_DAYS, monthlyCounts } from "../../src/core/likelihood";

describe("the distribution functions", () => {
  it("match their closed forms", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // Poisson: P(N >= 3 | 2) = 1 - e^-2 (1 + 2 + 2); P(N >= 1 | 0.5) = 1 - e^-0.5.
    expect(poissonAtLeast(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 12);
    expect(poissonAtLeast(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(poissonCdf(2.9, 2)).toBeCloseTo(5 * Math.exp(-2), 12); // k truncated, as Excel does
    // I_x(1, 1) = x, I_x(a, 1) = x^a.
    expect(regularizedBeta(0.37, 1, 1)).toBeCloseTo(0.37, 12);
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
    // Negative binomial of size 1 is geometric: P(N >= n) = (1 - p)^n.
    expect(negativeBinomialAtLeast(3, 1, 0.25)).toBeCloseTo(0.75 ** 3, 12);
    // Size 2, p 0.5: P(N <= 1) = p^2 (1 + 2(1 - p)) = 0.5.
    expect(negativeBinomialAtLeast(2, 2, 0.5)).toBeCloseTo(0.5, 12);
    expect(poissonCdf(1000, 1000)).toBeCloseTo(0.508409367, 8);
  });
});

/** P(N >= n) for Poisson(mean), summed term by term. */
function poissonTail(n: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let k = 0; k < n; k++) {
    below += term;
    term *= mean / (k + 1);
  }
  return 1 - below;
}

/** P(N >= n) for the negative binomial of `size` and `p`, summed term by term. */
function negativeBinomialTail(n: number, size: number, p: number): number {
  let term = p ** size;
  let below = 0;
  for (let k = 0; k < n; k++) {
    below += term;
    term *= ((k + size) / (k + 1)) * (1 - p);
  }
  return 1 - below;
}

const START = d("2021-01-01");
/** A goal of at least `target` over two years from START. */
const goal = (target: number): GoalSpec => ({
  label: { en: "Test", zh: "测试" },
  target,
  comparator: "at_least",
  start: START,
  deadline: START + 730,
});
const dayIn = (month: number) => START + Math.floor(month * MONTH_DAYS) + 1;

describe("the likelihood of reaching the required count by the deadline", () => {
  it("is Poisson at the observed rate with fewer than six whole months of history", () => {
    const spec = goal(20);
    const asOf = START + 73; // two whole months
    const dates = [START + 3, START + 20, START + 40, START + 70];
    const result = likelihood({
      spec,
      asOf,
      required: 20,
      actual: 4,
      actualByDeadline: 4,
      datedInPeriod: dates,
    });
    // Rate 4 / 73 a day, 657 days left: 36 expected; 16 needed.
    const mean = (4 / 73) * 657;
    expect(mean).toBeCloseTo(36, 12);
    expect([result.model, result.reason, result.months]).toEqual(["poisson", "tooFewMonths", 2]);
    expect(result.probability).toBeCloseTo(poissonTail(16, mean), 10);
    expect(result.median).toBeCloseTo(4 + mean, 10);
    expect(result.low).toBeCloseTo(4 + mean - Z_80 * Math.sqrt(mean), 10);
    expect(result.high).toBeCloseTo(4 + mean + Z_80 * Math.sqrt(mean), 10);
    expect(result.monthlyPaceNeeded).toBeCloseTo(16 / (657 / MONTH_DAYS), 10);
  });

  it("is a negative binomial with the months' dispersion when recognitions come in batches", () => {
    const spec = goal(60);
    // Twelve whole months: 12 on one day of month 5, 12 on one day of month 11, none otherwise.
    const dates = [...Array(12).fill(dayIn(5)), ...Array(12).fill(dayIn(11))];
    const asOf = START + 366;
    expect(monthlyCounts(spec, asOf, dates)).toEqual([0, 0, 0, 0, 0, 12, 0, 0, 0, 0, 0, 12]);
    // Mean 2, sample variance (10 × 4 + 2 × 100) ÷ 11: index 120 ÷ 11.
    const index = 240 / 11 / 2;
    expect(dispersionIndex(monthlyCounts(spec, asOf, dates))).toBeCloseTo(index, 12);
    const result = likelihood({
      spec,
      asOf,
      required: 60,
      actual: 24,
      actualByDeadline: 24,
      datedInPeriod: dates,
    });
    const mean = (24 / 366) * 364;
    expect([result.model, result.reason, result.months]).toEqual(["negativeBinomial", "overdispersed", 12]);
    expect(result.dispersion).toBeCloseTo(index, 12);
    const expected = negativeBinomialTail(36, mean / (index - 1), 1 / index);
    expect(result.probability).toBeCloseTo(expected, 10);
    // Batches make the count less sure than Poisson at the same rate says: a goal behind its pace
    // (36 needed, about 24 expected) has a better chance than Poisson gives it.
    expect(result.probability!).toBeGreaterThan(poissonTail(36, mean) * 10);
    expect(result.high! - result.low!).toBeCloseTo(2 * Z_80 * Math.sqrt(mean * index), 10);
  });

  it("falls back to Poisson when steady months show no overdispersion", () => {
    const spec = goal(40);
    const dates = Array.from({ length: 12 }, (_, m) => [dayIn(m), dayIn(m) + 1]).flat();
    const result = likelihood({
      spec,
      asOf: START + 366,
      required: 40,
      actual: 24,
      actualByDeadline: 24,
      datedInPeriod: dates,
    });
    expect([result.model, result.reason, result.dispersion]).toEqual(["poisson", "notOverdispersed", 1]);
    expect(result.probability).toBeCloseTo(poissonTail(16, (24 / 366) * 364), 10);
  });

  it("is decided after the deadline: 1 when met by it, 0 otherwise, however many came later", () => {
    const spec = goal(20);
    const after = START + 800;
    const base = { spec, asOf: after, required: 20, datedInPeriod: [START + 1] };
    expect(likelihood({ ...base, actual: 25, actualByDeadline: 20 })).toMatchObject({
      model: "decided",
      probability: 1,
    });
    expect(likelihood({ ...base, actual: 25, actualByDeadline: 19 })).toMatchObject({
      model: "decided",
      probability: 0,
      median: 19,
      monthlyPaceNeeded: undefined,
    });
  });

  it("gives no probability without dated history, and certainty once met", () => {
    const spec = goal(20);
    const none = likelihood({
      spec,
      asOf: START + 100,
      required: 20,
      actual: 3,
      actualByDeadline: 3,
      datedInPeriod: [],
    });
    expect([none.model, none.reason, none.probability]).toEqual(["none", "noDatedRows", undefined]);
    // Twelve days of history (two entries) would project a near certainty: no estimate under a month.
    const early = likelihood({
      spec,
      asOf: START + 12,
      required: 20,
      actual: 2,
      actualByDeadline: 2,
      datedInPeriod: [START + 2, START + 9],
    });
    expect([early.model, early.reason, early.probability, early.low]).toEqual([
      "none",
      "underAMonth",
      undefined,
      undefined,
    ]);
    const met = likelihood({
      spec,
      asOf: START + 100,
      required: 20,
      actual: 20,
      actualByDeadline: 20,
      datedInPeriod: [START + 5],
    });
    expect([met.probability, met.monthlyPaceNeeded]).toEqual([1, 0]);
  });
});
