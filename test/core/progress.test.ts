import { isoToSerial as d } from "../../src/core/dates";
import { EngineError } from "../../src/core/errors";
import {
  goalFromText,
  parseComparator,
  resolveGoal,
  specOfGoal,
  specOfNumber,
} from "../../src/core/goal-spec";
import { goalById } from "../../src/core/plan";
import {
  daysLeft,
  daysLeftShown,
  elapsedShare,
  hasEnded,
  expectedCount,
  isMet,
  progressRatio,
  remainingCount,
  requiredCount,
  STATUS_IDS,
  STATUS_LABELS,
  statusOf,
} from "../../src/core/progress";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";

const START = d("2020-04-08");
const DEADLINE = d("2022-12-31");
const PERIOD_DAYS = DEADLINE - START; // 997

function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error("expected an engine error");
}

describe("goal references", () => {
  it.each([
    ["ENTERPRISES", "ENTERPRISES"],
    ["  brands ", "BRANDS"],
    ["Unmanned", "UNMANNED"],
    ["Innovative enterprises", "ENTERPRISES"],
    ["key technological BREAKTHROUGHS", "BREAKTHROUGHS"],
    ["应用场景", "SCENARIOS"],
    ["具有全国影响力的工业互联网平台", "PLATFORMS"],
  ])("%j names %s", (text, id) => {
    expect(goalFromText(text).id).toBe(id);
  });

  it("an unknown goal is #N/A listing the valid ids", () => {
    const error = engineError(() => goalFromText("factories"));
    expect(error.kind).toBe("na");
    expect(error.message).toContain("ENTERPRISES, SCENARIOS, BRANDS, BREAKTHROUGHS, UNMANNED, PLATFORMS");
    expect(error.messageIn("zh")).toContain("未知目标");
  });

  it("a number is a target of the user's own: at least, over the plan's period", () => {
    const spec = resolveGoal(150);
    expect(spec).toMatchObject({ target: 150, comparator: "at_least", start: START, deadline: DEADLINE });
    expect(spec.id).toBeUndefined();
  });

  it("overrides replace the comparator, target and period", () => {
    const spec = resolveGoal("BRANDS", {
      comparator: "at_least",
      target: 80,
      start: d("2021-01-01"),
      deadline: d("2021-12-31"),
    });
    expect(spec).toMatchObject({ id: "BRANDS", target: 80, comparator: "at_least", start: d("2021-01-01") });
  });

  it.each([0, -5, Number.NaN])("a target of %p is #NUM!", (target) => {
    expect(engineError(() => specOfNumber(target)).kind).toBe("num");
  });

  it("a deadline not after the start is #NUM!", () => {
    expect(engineError(() => resolveGoal("BRANDS", { deadline: START })).kind).toBe("num");
  });

  it.each([
    ["more than", "more_than"],
    [">", "more_than"],
    ["MORE_THAN", "more_than"],
    ["超过", "more_than"],
    ["at least", "at_least"],
    [" At  Least ", "at_least"],
    [">=", "at_least"],
    ["不少于", "at_least"],
  ])("comparator %j is %s", (text, comparator) => {
    expect(parseComparator(text)).toBe(comparator);
  });

  it("an unknown comparator is #VALUE!", () => {
    expect(engineError(() => parseComparator("=")).kind).toBe("value");
  });
});

describe("required count", () => {
  it.each([
    [100, "more_than", 101],
    [100, "at_least", 100],
    [20, "at_least", 20],
    [99.5, "more_than", 100],
    [99.5, "at_least", 100],
    [0.2, "at_least", 1],
  ] as const)("%s %s needs %i", (target, comparator, required) => {
    expect(requiredCount(target, comparator)).toBe(required);
  });

  it("is 101 for ENTERPRISES, 100 for UNMANNED, 20 for PLATFORMS", () => {
    expect(requiredCount(100, goalById("ENTERPRISES").comparator)).toBe(101);
    expect(requiredCount(100, goalById("UNMANNED").comparator)).toBe(100);
    expect(requiredCount(20, goalById("PLATFORMS").comparator)).toBe(20);
  });
});

describe("met, progress, remaining", () => {
  const brands = specOfGoal(goalById("BRANDS"));
  const unmanned = specOfGoal(goalById("UNMANNED"));

  it.each([
    [99, false, false],
    [100, false, true],
    [101, true, true],
  ])("actual %i: more than 100 met=%s, at least 100 met=%s", (actual, moreThan, atLeast) => {
    expect(isMet(actual, brands)).toBe(moreThan);
    expect(isMet(actual, unmanned)).toBe(atLeast);
  });

  it.each([
    [0, 100, 0, 0],
    [50, 100, 0, 0.5],
    [120, 100, 0, 1.2],
    [60, 100, 20, 0.5],
    [-10, 100, 0, -0.1],
  ])("progress(%d of %d from %d) = %d", (actual, target, baseline, expected) => {
    expect(progressRatio(actual, target, baseline)).toBeCloseTo(expected, 12);
  });

  it("a baseline at or above the target is #NUM!", () => {
    expect(engineError(() => progressRatio(5, 100, 100)).kind).toBe("num");
  });

  it.each([
    [0, 101, 100],
    [100, 1, 0],
    [101, 0, 0],
    [150, 0, 0],
  ])("remaining at %i: %i (more than 100), %i (at least 100)", (actual, moreThan, atLeast) => {
    expect(remainingCount(actual, brands)).toBe(moreThan);
    expect(remainingCount(actual, unmanned)).toBe(atLeast);
  });
});

describe("expected pace", () => {
  const brands = specOfGoal(goalById("BRANDS"));

  it.each([
    ["2020-01-01", 0],
    ["2020-04-08", 0],
    ["2020-04-09", 1 / PERIOD_DAYS],
    ["2022-12-31", 1],
    ["2023-06-30", 1],
  ])("share elapsed on %s is %d", (asOf, share) => {
    expect(elapsedShare(brands, d(asOf))).toBeCloseTo(share, 12);
  });

  it("is the required count times the share, not rounded", () => {
    const asOf = d("2021-08-20");
    expect(expectedCount(brands, asOf)).toBeCloseTo((101 * (asOf - START)) / PERIOD_DAYS, 12);
    expect(Number.isInteger(expectedCount(brands, asOf))).toBe(false);
  });

  it("counts the leap day of 2020 as a day", () => {
    const spec = specOfNumber(10, { start: d("2020-02-28"), deadline: d("2020-03-01") });
    expect(expectedCount(spec, d("2020-02-29"))).toBe(5);
  });

  it("ignores the time of day in as_of", () => {
    expect(expectedCount(brands, d("2021-01-01") + 0.75)).toBe(expectedCount(brands, d("2021-01-01")));
  });

  it("days left run negative after the deadline", () => {
    expect(daysLeft(brands, d("2022-12-30"))).toBe(1);
    expect(daysLeft(brands, DEADLINE)).toBe(0);
    expect(daysLeft(brands, d("2023-01-10"))).toBe(-10);
  });
});

describe("status", () => {
  const brands = specOfGoal(goalById("BRANDS"));
  const mid = d("2021-08-20");
  const expectedMid = expectedCount(brands, mid);

  it.each([
    ["before the start, not met", 0, "2020-04-07", "NOT_STARTED"],
    ["before the start, already met", 101, "2020-04-07", "ACHIEVED"],
    ["on the start day", 0, "2020-04-08", "ON_TRACK"],
    ["met mid-period", 101, "2021-08-20", "ACHIEVED"],
    ["exactly 100 of more than 100 on the deadline (not yet after it)", 100, "2022-12-31", "AT_RISK"],
    ["101 on the deadline", 101, "2022-12-31", "ACHIEVED"],
    ["after the deadline, not met", 100, "2023-01-01", "MISSED"],
  ])("%s", (_, actual, asOf, status) => {
    expect(statusOf(actual, brands, d(asOf))).toBe(status);
  });

  it("after the deadline, is Achieved when met by it, Met late when met only after it, Missed otherwise", () => {
    const after = d("2023-01-01");
    expect(statusOf(130, brands, after, DEFAULT_STATUS_RULE, 101)).toBe("ACHIEVED");
    expect(statusOf(130, brands, after, DEFAULT_STATUS_RULE, 100)).toBe("MET_LATE");
    expect(statusOf(100, brands, after, DEFAULT_STATUS_RULE, 100)).toBe("MISSED");
    // On the deadline day the period has not ended: met is Achieved whatever was dated when.
    expect(statusOf(101, brands, DEADLINE, DEFAULT_STATUS_RULE, 0)).toBe("ACHIEVED");
    // Where the by-deadline count decides and is not given: #N/A, never a guess.
    expect(() => statusOf(130, brands, after)).toThrow(
      expect.objectContaining({ kind: "na", key: "byDeadlineNeeded" }),
    );
  });

  it("gives no status label that contains another, in either language and any case (the colours match by containment)", () => {
    for (const language of ["en", "zh"] as const)
      for (const a of STATUS_IDS)
        for (const b of STATUS_IDS)
          if (a !== b)
            expect([
              a,
              b,
              STATUS_LABELS[a][language].toLowerCase().includes(STATUS_LABELS[b][language].toLowerCase()),
            ]).toEqual([a, b, false]);
  });

  it("shows no negative days left, and says when the period has ended", () => {
    expect(daysLeftShown(brands, d("2023-01-10"))).toBe(0);
    expect(daysLeftShown(brands, d("2022-12-30"))).toBe(1);
    expect([hasEnded(brands, DEADLINE), hasEnded(brands, DEADLINE + 1)]).toEqual([false, true]);
  });

  it("is On track at the expected count, At risk down to 80% of it, Behind below", () => {
    expect(statusOf(Math.ceil(expectedMid), brands, mid)).toBe("ON_TRACK");
    expect(statusOf(expectedMid, brands, mid)).toBe("ON_TRACK");
    expect(statusOf(expectedMid * 0.8, brands, mid)).toBe("AT_RISK");
    expect(statusOf(expectedMid * 0.8 - 0.01, brands, mid)).toBe("BEHIND");
  });

  it("takes thresholds as a parameter", () => {
    expect(statusOf(expectedMid * 0.9, brands, mid, { id: "RATIO", onTrack: 0.9, atRisk: 0.5 })).toBe(
      "ON_TRACK",
    );
    expect(statusOf(expectedMid * 0.4, brands, mid, { id: "RATIO", onTrack: 0.9, atRisk: 0.5 })).toBe(
      "BEHIND",
    );
  });

  it("has a label in both languages for every status", () => {
    for (const id of STATUS_IDS) {
      expect(STATUS_LABELS[id].en).toMatch(/^[A-Z][a-z ]+$/);
      expect(STATUS_LABELS[id].zh).toMatch(/^[\u4e00-\u9fff]+$/);
    }
  });
});
