/** The final evaluation's figures, from a register worked by hand. */
import { isoToSerial as d } from "../../src/core/dates";
import { evaluateGoals } from "../../src/core/evaluation";
import { goalById } from "../../src/core/plan";
import type { Column } from "../../src/core/register";

const BRANDS = goalById("BRANDS").label.en;
const PLATFORMS = goalById("PLATFORMS").label.zh;

// Goal, status, date, evidence.
const ROWS: unknown[][] = [
  ...Array.from({ length: 90 }, () => [BRANDS, "Recognized", d("2021-05-01"), "https://a.gov.cn/x"]),
  ...Array.from({ length: 8 }, () => [BRANDS, "Recognized", d("2022-12-31"), ""]),
  [BRANDS, "Recognized", null, "https://a.gov.cn/y"],
  [BRANDS, "Recognized", null, null],
  // After the deadline: the 101st, the first over 100, on 2023-03-01.
  [BRANDS, "Recognized", d("2023-03-01"), "https://a.gov.cn/z"],
  [BRANDS, "Recognized", d("2023-04-01"), null],
  [BRANDS, "Candidate", d("2021-05-01"), "https://a.gov.cn/c"],
  [BRANDS, "Recognized", d("2024-01-01"), "https://a.gov.cn/later"],
  [PLATFORMS, "Recognized", d("2021-01-01"), "https://a.gov.cn/p"],
];
const column = (index: number, name: string): Column => ({ rows: ROWS, index, name });
const register = { goals: column(0, "goals"), statuses: column(1, "statuses"), dates: column(2, "dates") };
const ASOF = d("2023-06-30");

describe("evaluateGoals", () => {
  const [, , brands, , , platforms] = evaluateGoals(register, column(3, "evidence"), ASOF);

  it("counts by the deadline, after it, and the undated", () => {
    // 90 + 8 dated by the deadline, 2 undated: 100 of more than 100, a rate of 100%.
    expect(brands.byDeadline).toBe(100);
    expect(brands.rate).toBe(1);
    expect(brands.undated).toBe(2);
    // Two dated after the deadline up to the as-of date; the 2024 row is after it.
    expect(brands.afterDeadline).toBe(2);
    expect(brands.summary.actual).toBe(102);
    expect(brands.dateMet).toBe(d("2023-03-01"));
    expect(brands.status).toBe("MET_LATE");
  });

  it("gives the share of counted entries with evidence", () => {
    // 90 + 1 undated + 1 after the deadline have a link, of 102 counted (not the candidate, not 2024).
    expect(brands.withEvidence).toBe(92);
    expect(brands.evidenceCoverage).toBeCloseTo(92 / 102, 12);
    expect(platforms.evidenceCoverage).toBe(1);
    expect(platforms.status).toBe("MISSED");
  });

  it("has no coverage for a goal with nothing counted, and none without an evidence column", () => {
    const [enterprises] = evaluateGoals(register, column(3, "evidence"), ASOF);
    expect(enterprises.evidenceCoverage).toBeUndefined();
    const without = evaluateGoals(register, undefined, ASOF)[2];
    expect(without.withEvidence).toBe(0);
    expect(without.evidenceCoverage).toBeUndefined();
  });
});
