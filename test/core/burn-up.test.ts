/** A goal's burn-up: the count Actual reaches at each date up to as_of, and the expected line's ends. */
import { burnUp, burnUps } from "../../src/core/burn-up";
import type { GoalSpec } from "../../src/core/goal-spec";
import type { Column, RegisterColumns } from "../../src/core/register";
import { summarizeGoals } from "../../src/core/summary";

const column = (name: string, cells: unknown[]): Column => ({ rows: cells.map((c) => [c]), index: 0, name });

function register(rows: [unknown, unknown, unknown][], withDates = true): RegisterColumns {
  return {
    goals: column(
      "goals",
      rows.map((r) => r[0]),
    ),
    statuses: column(
      "statuses",
      rows.map((r) => r[1]),
    ),
    dates: withDates
      ? column(
          "dates",
          rows.map((r) => r[2]),
        )
      : undefined,
  };
}

// Small serials, so every point can be worked out by hand: the period runs from day 100 to day 200.
const BRANDS: GoalSpec = {
  id: "BRANDS",
  label: { en: "Brands", zh: "品牌产品" },
  target: 3,
  comparator: "more_than",
  start: 100,
  deadline: 200,
};
const SCENARIOS: GoalSpec = {
  id: "SCENARIOS",
  label: { en: "Application scenarios", zh: "应用场景" },
  target: 2,
  comparator: "at_least",
  start: 100,
  deadline: 200,
};

const ROWS: [unknown, unknown, unknown][] = [
  ["Brands", "Recognized", 90], // before the start: Actual counts it, so the line starts with it
  ["Brands", "Recognized", ""], // undated: counts from the start
  ["brands", "RECOGNIZED", 110.75], // COUNTIFS ignores case; the time of day is dropped
  ["Brands", "Recognized", 120],
  ["品牌产品", "已认定", 120], // the Chinese labels count too when the language is unknown
  ["Brands", "Candidate", 130], // not recognized
  [" Brands ", "Recognized", 135], // COUNTIFS trims nothing: no goal
  ["Brands", "Recognized", 150],
  ["Application scenarios", "Recognized", 140],
  ["Brands", "Recognized", 170], // after as_of
];

describe("burnUp", () => {
  it("steps up at each date a counted row arrived, from the start to as_of", () => {
    expect(burnUp(register(ROWS), BRANDS, 160.5)).toEqual({
      recognized: [
        { date: 100, count: 2 },
        { date: 110, count: 3 },
        { date: 120, count: 5 },
        { date: 150, count: 6 },
        { date: 160, count: 6 },
      ],
      // More than 3: 4 required, reached at the deadline by a steady pace.
      expected: [
        { date: 100, count: 0 },
        { date: 200, count: 4 },
      ],
    });
  });

  it("ends at the summary's Actual", () => {
    const [summary] = summarizeGoals(register(ROWS), 160.5, [BRANDS]);
    const points = burnUp(register(ROWS), BRANDS, 160.5).recognized;
    expect(summary.actual).toBe(6);
    expect(points[points.length - 1]).toEqual({ date: 160, count: summary.actual });
  });

  it("adds no point at as_of when a row arrived that day", () => {
    expect(burnUp(register(ROWS), BRANDS, 150).recognized).toEqual([
      { date: 100, count: 2 },
      { date: 110, count: 3 },
      { date: 120, count: 5 },
      { date: 150, count: 6 },
    ]);
  });

  it("is one point at as_of when as_of is before the start", () => {
    expect(burnUp(register(ROWS), BRANDS, 95).recognized).toEqual([{ date: 95, count: 2 }]);
  });

  it("carries on past the deadline to as_of, the expected line still ending at the deadline", () => {
    const late: [unknown, unknown, unknown][] = [...ROWS, ["Brands", "Recognized", 230]];
    expect(burnUp(register(late), BRANDS, 240)).toEqual({
      recognized: [
        { date: 100, count: 2 },
        { date: 110, count: 3 },
        { date: 120, count: 5 },
        { date: 150, count: 6 },
        { date: 170, count: 7 },
        { date: 230, count: 8 },
        { date: 240, count: 8 },
      ],
      expected: [
        { date: 100, count: 0 },
        { date: 200, count: 4 },
      ],
    });
  });

  it("counts every row from the start when the register has no dates", () => {
    // Without dates every recognized row of the goal counts, the one typed for day 170 too.
    expect(burnUp(register(ROWS, false), BRANDS, 160).recognized).toEqual([
      { date: 100, count: 7 },
      { date: 160, count: 7 },
    ]);
  });

  it("is a flat line at 0 for a goal with nothing counted", () => {
    expect(burnUp(register([]), SCENARIOS, 160).recognized).toEqual([
      { date: 100, count: 0 },
      { date: 160, count: 0 },
    ]);
  });
});

describe("burnUps", () => {
  it("gives each goal its own line from one pass, as burnUp gives them one by one", () => {
    const both = burnUps(register(ROWS), [SCENARIOS, BRANDS], 160);
    expect(both[0]).toEqual({
      recognized: [
        { date: 100, count: 0 },
        { date: 140, count: 1 },
        { date: 160, count: 1 },
      ],
      // At least 2: 2 required.
      expected: [
        { date: 100, count: 0 },
        { date: 200, count: 2 },
      ],
    });
    expect(both[1]).toEqual(burnUp(register(ROWS), BRANDS, 160));
  });

  it("counts only the workbook's language's labels when it is known", () => {
    const english = { ...register(ROWS), language: "en" as const };
    expect(burnUp(english, BRANDS, 160).recognized).toEqual([
      { date: 100, count: 2 },
      { date: 110, count: 3 },
      { date: 120, count: 4 },
      { date: 150, count: 5 },
      { date: 160, count: 5 },
    ]);
  });
});
