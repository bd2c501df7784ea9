/**
 * The custom functions as Excel calls them: raw cell values in, values or CustomFunctions.Error out.
 */
import { headers, tableSpec } from "../../src/core/template/template";
import { isoToSerial as d, todaySerial } from "../../src/core/dates";
import * as fns from "../../src/functions/functions";

const col = (...cells: unknown[]) => cells.map((c) => [c]);

/** The Excel error a call throws: its code and message. */
function excelError(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (error instanceof CustomFunctions.Error) return { code: error.code, message: error.message ?? "" };
    throw error;
  }
  throw new Error("expected an Excel error");
}

function setDisplayLanguage(language: string | undefined) {
  (globalThis as { Office?: unknown }).Office = language
    ? { context: { displayLanguage: language } }
    : undefined;
}

afterEach(() => setDisplayLanguage(undefined));

/** Goal names as the Register holds them ("BRANDS" is the name Brands in capitals, not the id). */
const GOALS = col("BRANDS", "Brands", "品牌产品", "Application scenarios", "BRANDS", "", "BRANDS");
const STATUSES = col("Recognized", "recognized", "已认定", "Recognized", "Candidate", "", "Recognized");
const DATES = col(d("2020-05-01"), "2020-06-01", d("2021-01-15"), "2020-05-01", "2020-07-01", "", null);

describe("MET", () => {
  it.each([
    [100, "BRANDS", undefined, false],
    [101, "BRANDS", undefined, true],
    [100, "UNMANNED", undefined, true],
    [99, "UNMANNED", undefined, false],
    [100, "BRANDS", "at least", true],
    [100, "UNMANNED", ">", false],
    [20, "PLATFORMS", null, true],
    [150, 150, "", true],
    [150, 150, "more than", false],
  ])("MET(%p, %p, %p) = %p", (actual, goal, comparator, result) => {
    expect(fns.met(actual, goal, comparator)).toBe(result);
  });
});

describe("PROGRESS and REMAINING", () => {
  it.each([
    [50, "BRANDS", undefined, 0.5],
    [110, "ENTERPRISES", null, 1.1],
    [15, "PLATFORMS", "", 0.75],
    [60, "BRANDS", 20, 0.5],
    [30, 60, undefined, 0.5],
  ])("PROGRESS(%p, %p, %p) = %p", (actual, goal, baseline, result) => {
    expect(fns.progress(actual, goal, baseline)).toBeCloseTo(result, 12);
  });

  it.each([
    [100, "BRANDS", undefined, 1],
    [101, "BRANDS", undefined, 0],
    [100, "UNMANNED", undefined, 0],
    [0, "ENTERPRISES", undefined, 101],
    [100, "BRANDS", ">=", 0],
    [12, "PLATFORMS", "", 8],
  ])("REMAINING(%p, %p, %p) = %p", (actual, goal, comparator, result) => {
    expect(fns.remaining(actual, goal, comparator)).toBe(result);
  });
});

describe("EXPECTED, STATUS, DAYSLEFT", () => {
  it("EXPECTED takes serial or ISO dates and optional period", () => {
    expect(fns.expected("PLATFORMS", "2022-12-31")).toBe(20);
    expect(fns.expected("PLATFORMS", d("2020-04-08"))).toBe(0);
    expect(fns.expected(10, "2020-02-29", "2020-02-28", "2020-03-01")).toBe(5);
    expect(fns.expected("BRANDS", "2022-12-31", null, null, "at least")).toBe(100);
  });

  it("EXPECTED without as_of uses today", () => {
    const today = todaySerial();
    expect(fns.expected("BRANDS")).toBe(fns.expected("BRANDS", today));
  });

  it.each([
    [101, "BRANDS", "2021-01-01", "Achieved"],
    [0, "BRANDS", "2020-01-01", "Not started"],
    [99, "BRANDS", "2023-01-01", "Missed"],
    [20, "ENTERPRISES", "2020-12-31", "Behind"],
    [10, "PLATFORMS", "2021-08-19", "On track"],
    [10, "PLATFORMS", "2021-08-20", "At risk"],
  ])("STATUS(%p, %p, %p) = %p", (actual, goal, asOf, status) => {
    expect(fns.status(actual, goal, asOf)).toBe(status);
  });

  it("STATUS after the deadline tells Achieved from Met late by actual_by_deadline, and asks for it where it decides", () => {
    const after = "2024-01-01";
    expect(fns.status(130, "BRANDS", after, null, null, null, 101)).toBe("Achieved");
    expect(fns.status(130, "BRANDS", after, null, null, null, 100)).toBe("Met late");
    expect(fns.status(99, "BRANDS", after)).toBe("Missed");
    const error = excelError(() => fns.status(130, "BRANDS", after));
    expect(error.code).toBe("#N/A");
    expect(error.message).toMatch(/actual_by_deadline/);
    setDisplayLanguage("zh-CN");
    expect(fns.status(130, "BRANDS", after, null, null, null, 100)).toBe("逾期达成");
    expect(excelError(() => fns.status(130, "BRANDS", after)).message).toMatch(/按期完成数/);
  });

  it("STATUS judges by the rule it is given, with its thresholds or its defaults", () => {
    // 2021-06-30: 448 of 997 days, 44.9% of the time; 30 brands of 100 are 14.9 points behind and 30 of
    // the 45.4 expected (66%).
    const asOf = "2021-06-30";
    expect(fns.status(30, "BRANDS", asOf)).toBe("Behind");
    expect(fns.status(30, "BRANDS", asOf, null, null, null, null, "ELAPSED")).toBe("At risk");
    expect(fns.status(30, "BRANDS", asOf, null, null, null, null, "序时进度", 15, 30)).toBe("On track");
    expect(fns.status(30, "BRANDS", asOf, null, null, null, null, "Ratio to expected", 0.6, 0.5)).toBe(
      "On track",
    );
    // The pace so far, 30 in 448 days, against 71 in 549: 0.52 of what is needed.
    expect(fns.status(30, "BRANDS", asOf, null, null, null, null, "pace")).toBe("Behind");
    expect(fns.status(30, "BRANDS", asOf, null, null, null, null, "PACE", 0.9, 0.5)).toBe("At risk");
    const unknown = excelError(() => fns.status(30, "BRANDS", asOf, null, null, null, null, "monthly"));
    expect(unknown.code).toBe("#VALUE!");
    expect(unknown.message).toMatch(/rule must be a status rule: RATIO, ELAPSED or PACE/);
    const disordered = excelError(() =>
      fns.status(30, "BRANDS", asOf, null, null, null, null, "ELAPSED", 30, 10),
    );
    // #VALUE!, which carries a message (#NUM! shows none).
    expect(disordered.code).toBe("#VALUE!");
    expect(disordered.message).toMatch(/ELAPSED/);
  });

  it("STATUS speaks Chinese when Office does", () => {
    setDisplayLanguage("zh-CN");
    expect(fns.status(101, "BRANDS", "2021-01-01")).toBe("已达成");
  });

  it("DAYSLEFT counts to the deadline and past it", () => {
    expect(fns.daysLeft("BRANDS", "2022-12-01")).toBe(30);
    expect(fns.daysLeft("BRANDS", "2023-01-01")).toBe(-1);
    expect(fns.daysLeft(5, "2021-01-01", "2021-01-31")).toBe(30);
  });
});

describe("COUNT, FORECAST, FORECASTDATE", () => {
  it("COUNT counts recognized, dated-or-undated rows of the goal", () => {
    expect(fns.count(GOALS, "BRANDS", STATUSES, DATES, "2021-12-31")).toBe(4);
    expect(fns.count(GOALS, "brands", STATUSES, DATES, "2020-05-31")).toBe(2);
    expect(fns.count(GOALS, "BRANDS")).toBe(5);
    expect(fns.count(GOALS, "BRANDS", STATUSES)).toBe(4);
    expect(fns.count(GOALS, "BRANDS", undefined, undefined, null)).toBe(5);
  });

  it("COUNT with a deadline counts only rows dated on or before it too, undated rows still", () => {
    const goals = col("BRANDS", "BRANDS", "BRANDS", "BRANDS");
    const statuses = col("Recognized", "Recognized", "Recognized", "Recognized");
    const dates = col("2022-12-31", "2023-01-01", "", "2020-05-01");
    expect(fns.count(goals, "BRANDS", statuses, dates, "2024-01-01")).toBe(4);
    expect(fns.count(goals, "BRANDS", statuses, dates, "2024-01-01", true)).toBe(3);
    expect(fns.count(goals, "BRANDS", statuses, dates, "2024-01-01", "2021-01-01")).toBe(2);
    expect(fns.count(goals, "BRANDS", statuses, dates, "2024-01-01", false)).toBe(4);
    expect(excelError(() => fns.count(goals, "BRANDS", statuses, dates, "2024-01-01", "soon")).code).toBe(
      "#VALUE!",
    );
  });

  it("FORECAST and FORECASTDATE agree with each other", () => {
    const asOf = d("2021-01-15");
    const projected = fns.forecast(GOALS, "BRANDS", STATUSES, DATES, asOf);
    expect(projected).toBeGreaterThan(4);
    const date = fns.forecastDate(GOALS, "BRANDS", STATUSES, DATES, asOf);
    expect(date).toBeGreaterThan(asOf);
    expect(fns.forecastDate(GOALS, "BRANDS", STATUSES, DATES, asOf, 3)).toBe(d("2021-01-15"));
  });

  it("FORECASTDATE without any pace is #N/A with a message", () => {
    const error = excelError(() =>
      fns.forecastDate(col("BRANDS"), "BRANDS", col("Recognized"), col(""), "2021-01-01"),
    );
    expect(error.code).toBe("#N/A");
    expect(error.message).toMatch(/no pace/);
  });
});

describe("TARGET", () => {
  it.each([
    [undefined, 100],
    ["required", 101],
    ["comparator", "more than"],
    ["label", "Brands"],
    ["LABEL_ZH", "品牌产品"],
    ["start", d("2020-04-08")],
    ["deadline", d("2022-12-31")],
    ["unit", "brands"],
  ])("TARGET(BRANDS, %p) = %p", (field, value) => {
    expect(fns.target("BRANDS", field)).toBe(value);
  });

  it("TARGET(BRANDS, source) cites the goal's source", () => {
    expect(fns.target("BRANDS", "source")).toMatch(/^\[\d+\]$/);
  });

  it("an unknown field is #VALUE! listing the fields", () => {
    const error = excelError(() => fns.target("BRANDS", "colour"));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("required, comparator");
  });
});

describe("SUMMARY", () => {
  it("spills a header and one row per goal", () => {
    const table = fns.summary(GOALS, STATUSES, DATES, "2021-12-31", "en");
    expect(table).toHaveLength(7);
    expect(table[0]).toEqual([
      "Id",
      "Goal",
      "Comparator",
      "Target",
      "Actual",
      "By deadline",
      "Date met",
      "Progress",
      "Expected",
      "Status",
      "Forecast",
      "Remaining",
    ]);
    const brandsRow = table.find((row) => row[0] === "BRANDS")!;
    expect(brandsRow.slice(0, 8)).toEqual(["BRANDS", "Brands", "more than", 100, 4, 4, "–", 0.04]);
    expect(brandsRow[11]).toBe(97);
    for (const row of table) expect(row).toHaveLength(12);
  });

  it("speaks Chinese when asked", () => {
    const table = fns.summary(GOALS, STATUSES, DATES, "2021-12-31", "zh-CN");
    expect(table[0][1]).toBe("目标");
    // Every SUMMARY header is a header of the Targets sheet, as the workbook spells it.
    const targetsHeaders = headers(tableSpec("targets"), "zh");
    expect(table[0].filter((header) => !targetsHeaders.includes(header))).toEqual([]);
    expect(table[3][1]).toBe("品牌产品");
    expect(table[3][2]).toBe("超过");
  });
});

describe("errors", () => {
  it("an unknown goal is #N/A listing the valid ids", () => {
    const error = excelError(() => fns.met(5, "FACTORIES"));
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("ENTERPRISES, SCENARIOS, BRANDS, BREAKTHROUGHS, UNMANNED, PLATFORMS");
  });

  it("the message follows Office's display language", () => {
    setDisplayLanguage("zh-CN");
    expect(excelError(() => fns.met(5, "FACTORIES")).message).toContain("未知目标");
  });

  it.each([
    ["text for a number", () => fns.progress("lots", "BRANDS")],
    ["a boolean for a number", () => fns.remaining(true, "BRANDS")],
    ["a blank actual", () => fns.met("", "BRANDS")],
    ["a date that is not one", () => fns.expected("BRANDS", "2021-02-30")],
    ["an unknown comparator", () => fns.met(5, "BRANDS", "about")],
    ["an unknown language", () => fns.summary(GOALS, STATUSES, DATES, "2021-01-01", "fr")],
  ])("%s is #VALUE! with a message", (_, call) => {
    const error = excelError(call);
    expect(error.code).toBe("#VALUE!");
    expect(error.message.length).toBeGreaterThan(10);
  });

  it.each([
    ["serial 0", 0],
    ["a negative serial", -5],
    ["a serial after 9999-12-31", 2958466],
  ])("%s as a date is #VALUE!, its message naming Excel's dates", (_, serial) => {
    const error = excelError(() => fns.daysLeft("BRANDS", serial));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("1900-01-01 to 9999-12-31");
  });

  it.each([
    ["a target of zero", () => fns.progress(5, 0)],
    ["a negative target", () => fns.expected(-3, "2021-01-01")],
    ["a baseline at the target", () => fns.progress(5, "BRANDS", 100)],
    ["a deadline before the start", () => fns.expected("BRANDS", "2021-01-01", "2022-01-01", "2021-06-01")],
  ])("%s is #NUM!", (_, call) => {
    expect(excelError(call).code).toBe("#NUM!");
  });

  it("columns of different lengths are #VALUE! naming them", () => {
    const error = excelError(() => fns.count(GOALS, "BRANDS", col("Recognized"), DATES, "2021-01-01"));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe(
      "The columns differ in length: goals has 7 rows, statuses 1. Select ranges with the same rows.",
    );
  });

  it("a block wider than one column is #VALUE!", () => {
    const error = excelError(() => fns.count([["BRANDS", "x"]], "BRANDS"));
    expect(error.message).toContain("single column");
  });

  it("a register function given a number goal is #N/A", () => {
    expect(excelError(() => fns.count(GOALS, 100)).code).toBe("#N/A");
  });
});

describe("messages in Chinese Office", () => {
  beforeEach(() => setDisplayLanguage("zh-CN"));

  it.each([
    ["text for a number", () => fns.progress("lots", "BRANDS"), "“实际数量”必须是数字；收到的是“lots”。"],
    ["a blank actual", () => fns.met("", "BRANDS"), "“实际数量”必须是数字；收到的是“（空白）”。"],
    [
      "a date that is not one",
      () => fns.expected("BRANDS", "2021-02-30"),
      "“截至日期”必须是日期（日期单元格或 2021-06-30 这样的文本）；收到的是“2021-02-30”。",
    ],
    [
      "a date outside Excel's",
      () => fns.daysLeft("BRANDS", "2021-01-01", -5),
      "“截止日期”超出 Excel 的日期范围（1900-01-01 至 9999-12-31）；收到的是 -5。",
    ],
    [
      "an unknown comparator",
      () => fns.met(5, "BRANDS", "about"),
      "“比较方式”必须是“超过”或“不少于”（也可写作 > 或 >=）；收到的是“about”。",
    ],
    [
      "an unknown language",
      () => fns.summary(GOALS, STATUSES, DATES, "2021-01-01", "fr"),
      "“语言”必须是 en（英文）或 zh-CN（中文）；收到的是“fr”。",
    ],
    [
      "columns of different lengths",
      () => fns.count(GOALS, "BRANDS", col("Recognized"), DATES, "2021-01-01"),
      "各列行数不同：“目标列”有 7 行，“状态列”有 1 行。请选择行数相同的区域。",
    ],
    [
      "a block wider than one column",
      () => fns.count([["BRANDS", "x"]], "BRANDS"),
      "“目标列”必须是单列；收到的是 2 列。",
    ],
    [
      "an unknown field",
      () => fns.target("BRANDS", "colour"),
      "未知字段“colour”。请使用 target、required、comparator、label、label_zh、start、deadline、unit、source 之一。",
    ],
    [
      "a register date that is not a date",
      () =>
        fns.count(
          col("Brands", "Brands"),
          "BRANDS",
          col("Recognized", "已认定"),
          col("", "soon"),
          "2021-01-01",
        ),
      "“认定日期列”第 2 行：“soon”不是日期；请填写 2021-06-30 这样的日期。",
    ],
  ])("%s is said in Chinese, naming arguments as the argument help does", (_, call, message) => {
    expect(excelError(call)).toEqual({ code: "#VALUE!", message });
  });

  it("says the same in English with the English names", () => {
    setDisplayLanguage("en-US");
    expect(excelError(() => fns.met("", "BRANDS")).message).toBe('actual must be a number; got "(blank)".');
    expect(excelError(() => fns.met(5, "BRANDS", "about")).message).toBe(
      'comparator must be "more than", "at least", ">" or ">="; got "about".',
    );
    expect(
      excelError(() => fns.count(col("Brands"), "BRANDS", col("Recognized"), col("soon"), "2021-01-01"))
        .message,
    ).toBe('Row 1 of dates: "soon" is not a date; enter a date such as 2021-06-30.');
  });
});

describe("LIKELIHOOD", () => {
  // Twelve whole months from the plan's start, 30 BRANDS recognized on two dates: batches.
  const rows = [...Array(15).fill("2020-09-01"), ...Array(15).fill("2021-03-01")];
  const goals = col(...rows.map(() => "Brands"));
  const statuses = col(...rows.map(() => "Recognized"));
  const dates = col(...rows);

  it("gives the probability, the band and the pace needed, and says which model", () => {
    const probability = fns.likelihood(goals, "BRANDS", statuses, dates, "2021-04-10");
    expect(probability).toBeGreaterThan(0);
    expect(probability).toBeLessThan(1);
    expect(fns.likelihood(goals, "BRANDS", statuses, dates, "2021-04-10", "model")).toBe("negative binomial");
    const [low, median, high] = ["low", "median", "high"].map(
      (field) => fns.likelihood(goals, "BRANDS", statuses, dates, "2021-04-10", field) as number,
    );
    expect(low).toBeLessThan(median);
    expect(median).toBeLessThan(high);
    const left = d("2022-12-31") - d("2021-04-10");
    expect(fns.likelihood(goals, "BRANDS", statuses, dates, "2021-04-10", "pace_needed")).toBeCloseTo(
      (101 - 30) / (left / (365.25 / 12)),
      10,
    );
  });

  it("is decided after the deadline, #N/A without history, #VALUE! for an unknown field", () => {
    expect(fns.likelihood(goals, "BRANDS", statuses, dates, "2023-01-10")).toBe(0);
    expect(
      excelError(() => fns.likelihood(goals, "BRANDS", statuses, dates, "2023-01-10", "pace_needed")).code,
    ).toBe("#N/A");
    expect(
      excelError(() => fns.likelihood(col("Brands"), "BRANDS", col("Candidate"), col(""), "2021-01-01")).code,
    ).toBe("#N/A");
    expect(
      excelError(() => fns.likelihood(goals, "BRANDS", statuses, dates, "2021-04-10", "odds")).message,
    ).toContain("probability, median");
  });
});
