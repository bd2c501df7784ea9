/** The three status rules, judged by hand-computed figures, and read from a workbook's tables. */
import { isoToSerial as d } from "../../src/core/dates";
import type { GoalSpec } from "../../src/core/goal-spec";
import { pointsBehind, statusOf } from "../../src/core/progress";
import {
  DEFAULT_STATUS_RULE,
  DEFAULT_STATUS_RULES,
  STATUS_RULE_IDS,
  statusRuleNamed,
  statusRuleProblem,
} from "../../src/core/status-rules";
import { headers, tableSpec } from "../../src/core/template/template";
import { statusRuleFrom, UNUSABLE_RULE_PROBLEMS } from "../../src/core/tracking";

// A period of 100 days and a target of at least 100: the shares and paces are round numbers.
const START = d("2021-01-01");
const spec: GoalSpec = {
  id: "BRANDS",
  label: { en: "Brands", zh: "品牌" },
  target: 100,
  comparator: "at_least",
  start: START,
  deadline: START + 100,
} as unknown as GoalSpec;
const day40 = START + 40;

describe("the ratio rule (the default)", () => {
  it("judges against the expected count: 40 expected at day 40", () => {
    expect(DEFAULT_STATUS_RULE).toEqual({ id: "RATIO", onTrack: 1, atRisk: 0.8 });
    expect(statusOf(40, spec, day40)).toBe("ON_TRACK");
    expect(statusOf(39, spec, day40)).toBe("AT_RISK");
    expect(statusOf(32, spec, day40)).toBe("AT_RISK");
    expect(statusOf(31, spec, day40)).toBe("BEHIND");
  });
});

describe("序时进度: points behind the share of time elapsed", () => {
  const rule = DEFAULT_STATUS_RULES.ELAPSED;
  it("counts the points: 40% of the time, 25 of 100 is 15 points behind", () => {
    expect(pointsBehind(25, spec, day40)).toBe(15);
    expect(pointsBehind(50, spec, day40)).toBe(-10);
    // 0.4 − 0.1 is 0.30000000000000004 in binary: rounded to 9 decimals, exactly 30.
    expect(pointsBehind(10, spec, day40)).toBe(30);
  });
  it("is On track under 10 points, At risk from 10 to 30 included, Behind beyond (Yinchuan's lights)", () => {
    expect(rule).toEqual({ id: "ELAPSED", onTrack: 10, atRisk: 30 });
    expect(statusOf(31, spec, day40, rule)).toBe("ON_TRACK"); // 9 points
    expect(statusOf(30, spec, day40, rule)).toBe("AT_RISK"); // 10 points
    expect(statusOf(10, spec, day40, rule)).toBe("AT_RISK"); // 30 points
    expect(statusOf(9, spec, day40, rule)).toBe("BEHIND"); // 31 points
  });
});

describe("the pace ratio: the pace so far against the pace still needed", () => {
  const rule = DEFAULT_STATUS_RULES.PACE;
  it("compares actual per day elapsed with remaining per day left", () => {
    expect(rule).toEqual({ id: "PACE", onTrack: 0.95, atRisk: 0.6 });
    // 40 in 40 days is 1 a day; 60 still needed in 60 days is 1 a day: ratio 1.
    expect(statusOf(40, spec, day40, rule)).toBe("ON_TRACK");
    // 30 in 40 days (0.75 a day) against 70 in 60 (1.1667 a day): ratio 0.643.
    expect(statusOf(30, spec, day40, rule)).toBe("AT_RISK");
    // 25 in 40 days (0.625) against 75 in 60 (1.25): ratio 0.5.
    expect(statusOf(25, spec, day40, rule)).toBe("BEHIND");
    // 38 in 40 (0.95) against 62 in 60 (1.0333): ratio 0.919, just under 0.95.
    expect(statusOf(38, spec, day40, rule)).toBe("AT_RISK");
  });
  it("is On track on the start day (nothing expected yet) and Behind on the deadline day if not met", () => {
    expect(statusOf(0, spec, START, rule)).toBe("ON_TRACK");
    expect(statusOf(99, spec, START + 100, rule)).toBe("BEHIND");
    expect(statusOf(100, spec, START + 100, rule)).toBe("ACHIEVED");
  });
});

describe("what the workbook names", () => {
  it("finds a rule by its id or its name in the workbook's language, in any case", () => {
    expect(statusRuleNamed("elapsed", "zh")).toBe("ELAPSED");
    expect(statusRuleNamed("序时进度", "zh")).toBe("ELAPSED");
    expect(statusRuleNamed("pace RATIO", "en")).toBe("PACE");
    // The other language's name is not one the sheet's formula matches.
    expect(statusRuleNamed("序时进度", "en")).toBeUndefined();
    expect(statusRuleNamed("", "en")).toBeUndefined();
    expect(statusRuleNamed(3, "en")).toBeUndefined();
  });
  it("says what is wrong with thresholds", () => {
    for (const id of STATUS_RULE_IDS) expect(statusRuleProblem(DEFAULT_STATUS_RULES[id])).toBeUndefined();
    expect(statusRuleProblem({ id: "RATIO", onTrack: 0.8, atRisk: 1 })).toBe("outOfOrder");
    expect(statusRuleProblem({ id: "ELAPSED", onTrack: 30, atRisk: 10 })).toBe("outOfOrder");
    expect(statusRuleProblem({ id: "ELAPSED", onTrack: 10, atRisk: 130 })).toBe("outOfRange");
    expect(statusRuleProblem({ id: "PACE", onTrack: NaN, atRisk: 0.6 })).toBe("notNumbers");
  });
});

describe("reading the rule from a workbook's About and Status rules tables", () => {
  const aboutHeaders = headers(tableSpec("about"), "zh");
  const rulesHeaders = headers(tableSpec("statusRules"), "zh");
  const rulesRows = tableSpec("statusRules").seedRows!("zh");
  const about = (value: unknown) => ({
    headers: aboutHeaders,
    rows: [
      ["截至日期", 1],
      ["状态判定规则", value],
    ],
  });
  const rules = { headers: rulesHeaders, rows: rulesRows };
  const withRow = (id: string, onTrack: unknown, atRisk: unknown) => ({
    headers: rulesHeaders,
    rows: rulesRows.map((row) => (row[0] === id ? [row[0], row[1], onTrack, atRisk, ...row.slice(4)] : row)),
  });
  const DEFAULTS = {
    RATIO: { onTrack: 1, atRisk: 0.8 },
    ELAPSED: { onTrack: 10, atRisk: 30 },
    PACE: { onTrack: 0.95, atRisk: 0.6 },
  };

  it("takes the named rule with the thresholds of its row, and gives every row's for Settings", () => {
    expect(statusRuleFrom(about("序时进度"), withRow("ELAPSED", 5, 20), "zh")).toEqual({
      rule: { id: "ELAPSED", onTrack: 5, atRisk: 20 },
      thresholds: { ...DEFAULTS, ELAPSED: { onTrack: 5, atRisk: 20 } },
    });
  });

  it("judges by the ratio rule where the row is blank or names no rule, and says which", () => {
    expect(statusRuleFrom(about(""), rules, "zh").rule).toEqual(DEFAULT_STATUS_RULE);
    expect(statusRuleFrom({ headers: aboutHeaders, rows: [] }, rules, "zh").rule).toEqual(
      DEFAULT_STATUS_RULE,
    );
    expect(statusRuleFrom(about("按月"), rules, "zh")).toEqual({
      rule: DEFAULT_STATUS_RULE,
      unknownName: "按月",
      thresholds: DEFAULTS,
    });
  });

  it("judges a workbook from before the rules (no row, no table) by the ratio rule", () => {
    expect(statusRuleFrom({ headers: aboutHeaders, rows: [["截至日期", 1]] }, undefined, "zh")).toEqual({
      rule: DEFAULT_STATUS_RULE,
      thresholds: {},
    });
  });

  it.each([
    // Text, a blank cell or TRUE is no threshold: the sheet's ISNUMBER gives #N/A.
    ["a threshold that is text", about("PACE"), withRow("PACE", "高", 0.6), "notNumbers"],
    ["a blank threshold", about("RATIO"), withRow("RATIO", 1, ""), "notNumbers"],
    ["TRUE for a threshold", about("ELAPSED"), withRow("ELAPSED", true, 30), "notNumbers"],
    ["the rule's row missing", about("PACE"), { headers: rulesHeaders, rows: [] }, "missingRow"],
    // The About row without its table: the table was deleted, and the formulas reading it fail.
    ["the table deleted", about("速度比"), undefined, "missingTable"],
  ])("says the rule is unusable with %s", (_, aboutBlock, rulesBlock, problem) => {
    const reading = statusRuleFrom(aboutBlock, rulesBlock, "zh");
    expect(reading.problem).toBe(problem);
    expect(UNUSABLE_RULE_PROBLEMS.has(reading.problem)).toBe(true);
  });

  it("computes with thresholds out of order, as the sheet does, and says so", () => {
    const reading = statusRuleFrom(about("RATIO"), withRow("RATIO", 0.5, 0.9), "zh");
    expect(reading.rule).toEqual({ id: "RATIO", onTrack: 0.5, atRisk: 0.9 });
    expect(reading.problem).toBe("outOfOrder");
    expect(UNUSABLE_RULE_PROBLEMS.has(reading.problem)).toBe(false);
  });

  it("names a renamed column of the Status rules table", () => {
    const renamed = { headers: rulesHeaders.map((h) => (h === "有风险" ? "风险" : h)), rows: rulesRows };
    expect(() => statusRuleFrom(about("RATIO"), renamed, "zh")).toThrow(/"At risk"/);
  });
});
