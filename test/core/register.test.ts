import { previewRegisterImport, registerToCsv } from "../../src/core/register-csv";
import { checkEntry, entryKey, entryRow } from "../../src/core/entries";
import { headers, tableSpec } from "../../src/core/template/template";
import { isoToSerial as d } from "../../src/core/dates";
import { EngineError } from "../../src/core/errors";
import { resolveGoal, specOfGoal } from "../../src/core/goal-spec";
import { goalById, GOALS } from "../../src/core/plan";
import {
  type Column,
  countTowardGoal,
  ENTRY_STATUS_LABELS,
  forecastDate,
  forecastGoal,
  isRecognized,
  type RegisterColumns,
} from "../../src/core/register";
import { summarizeGoals, timeline } from "../../src/core/summary";
import { registerColumns } from "../../src/core/tracking";
import fc from "fast-check";
import { evaluateTemplate, tableRecords } from "../support/formula-engine";

const column = (name: string, cells: unknown[]): Column => ({ rows: cells.map((c) => [c]), index: 0, name });

function register(rows: [unknown, unknown, unknown][]): RegisterColumns {
  return {
    goals: column(
      "goals",
      rows.map((r) => r[0]),
    ),
    statuses: column(
      "statuses",
      rows.map((r) => r[1]),
    ),
    dates: column(
      "dates",
      rows.map((r) => r[2]),
    ),
  };
}

const brands = specOfGoal(goalById("BRANDS"));
const START = d("2020-04-08");

const SAMPLE = register([
  ["BRANDS", "Recognized", "2020-05-01"],
  ["brands", "recognized", d("2020-06-01")],
  ["品牌产品", "已认定", "2021-01-15"],
  ["Brands", "Candidate", "2020-07-01"],
  ["BRANDS", "Withdrawn", "2020-07-01"],
  ["BRANDS", "Recognized", ""],
  ["BRANDS", "Recognized", "2022-06-30"],
  ["Application scenarios", "Recognized", "2020-05-01"],
  ["", "", ""],
  ["Other programme", "Recognized", "2020-05-01"],
]);

describe("COUNT over the register", () => {
  it("counts rows whose goal is the goal's name (either language, any case), recognized, dated up to as_of or undated", () => {
    expect(countTowardGoal(SAMPLE, brands, d("2021-12-31"))).toBe(4);
    expect(countTowardGoal(SAMPLE, brands, d("2022-12-31"))).toBe(5);
    expect(countTowardGoal(SAMPLE, brands, d("2020-05-01"))).toBe(2);
    expect(countTowardGoal(SAMPLE, brands, d("2020-04-30"))).toBe(1);
  });

  it("counts every matching row when statuses and dates are not given", () => {
    expect(countTowardGoal({ goals: SAMPLE.goals }, brands, d("2020-01-01"))).toBe(7);
  });

  it("reads a column of a wider block in place", () => {
    const rows = [
      ["x", "BRANDS", 1],
      ["y", "SCENARIOS", 2],
      ["z", "BRANDS", 3],
    ];
    expect(countTowardGoal({ goals: { rows, index: 1, name: "goals" } }, brands, 0)).toBe(2);
  });

  it("recognizes Recognized / 已认定 as the workbook's COUNTIFS do: whole cell, any case, not trimmed", () => {
    expect(
      ["Recognized", "RECOGNIZED", "recognized", "rEcOgNiZeD", "已认定"].map((c) => isRecognized(c)),
    ).toEqual([true, true, true, true, true]);
    const others = [
      " Recognized",
      "Recognized ",
      "Recognised",
      "认定",
      " 已认定",
      "Candidate",
      "",
      null,
      1,
      true,
    ];
    expect(others.filter((c) => isRecognized(c))).toEqual([]);
  });

  it("counts one language's labels only when the workbook's language is given", () => {
    expect([isRecognized("Recognized", "en"), isRecognized("已认定", "en")]).toEqual([true, false]);
    expect([isRecognized("Recognized", "zh"), isRecognized("已认定", "zh")]).toEqual([false, true]);
    const goals = column("goals", ["Brands", "品牌产品", "brands"]);
    expect(countTowardGoal({ goals, language: "en" }, brands, 0)).toBe(2);
    expect(countTowardGoal({ goals, language: "zh" }, brands, 0)).toBe(1);
    expect(countTowardGoal({ goals }, brands, 0)).toBe(3);
  });

  it("counts a goal cell only when it is the goal's name, as the Targets sheet's COUNTIFS does", () => {
    const scenarios = specOfGoal(goalById("SCENARIOS"));
    const counted = ["Application scenarios", "APPLICATION SCENARIOS", "应用场景"];
    const notCounted = [
      "SCENARIOS",
      "Scenarios",
      "场景",
      " Application scenarios",
      "Application  scenarios",
      "ａpplication scenarios",
    ];
    const goals = column("goals", [...counted, ...notCounted]);
    expect(countTowardGoal({ goals }, scenarios, 0)).toBe(counted.length);
  });

  it("compares labels that COUNTIFS reads literally: no wildcard, no leading operator", () => {
    const labels = [
      ...GOALS.flatMap((goal) => [goal.label.en, goal.label.zh]),
      ENTRY_STATUS_LABELS.RECOGNIZED.en,
      ENTRY_STATUS_LABELS.RECOGNIZED.zh,
    ];
    expect(labels.filter((label) => /[*?~]|^[=<>]/.test(label))).toEqual([]);
    // Folding A-Z alone is COUNTIFS's case rule for them: a label with letters is plain ASCII.
    expect(labels.filter((label) => /[a-z]/i.test(label) && /[^ -~]/.test(label))).toEqual([]);
  });

  it("columns of different lengths are #VALUE! naming them", () => {
    const bad = { ...SAMPLE, dates: column("dates", ["2020-01-01"]) };
    const error = (() => {
      try {
        countTowardGoal(bad, brands, d("2021-01-01"));
      } catch (e) {
        return e as EngineError;
      }
      throw new Error("no error");
    })();
    expect(error.kind).toBe("value");
    expect(error.message).toBe(
      "The columns differ in length: goals has 10 rows, dates 1. Select ranges with the same rows.",
    );
    expect(error.messageIn("zh")).toBe(
      "各列行数不同：“goals”有 10 行，“dates”有 1 行。请选择行数相同的区域。",
    );
  });

  it("a matching row with a date that is not a date is #VALUE! naming the row", () => {
    const bad = register([
      ["BRANDS", "Recognized", "2020-05-01"],
      ["BRANDS", "Recognized", "soon"],
    ]);
    expect(() => countTowardGoal(bad, brands, d("2021-01-01"))).toThrow(
      'Row 2 of dates: "soon" is not a date',
    );
  });

  it("a bad date in a row of another goal does not fail the count", () => {
    const mixed = register([
      ["BRANDS", "Recognized", "2020-05-01"],
      ["SCENARIOS", "Recognized", "soon"],
    ]);
    expect(countTowardGoal(mixed, brands, d("2021-01-01"))).toBe(1);
  });

  it("an error value in the goal column is #VALUE! naming the row", () => {
    const bad = { goals: column("goals", ["BRANDS", { code: "#N/A" }]) };
    expect(() => countTowardGoal(bad, brands, 0)).toThrow("Row 2 of goals holds an error value");
  });

  it("a number goal cannot count register rows", () => {
    expect(() => countTowardGoal(SAMPLE, resolveGoal(50), 0)).toThrow(/counts register rows of a plan goal/);
  });
});

describe("FORECAST and FORECASTDATE", () => {
  it("projects the pace since the start to the deadline", () => {
    const asOf = d("2021-01-15");
    const result = forecastGoal(SAMPLE, brands, asOf);
    // counted at as_of: 05-01, 06-01, 2021-01-15 and the undated row; the three dated ones set the pace
    expect(result.actual).toBe(4);
    expect(result.pacePerDay).toBeCloseTo(3 / (asOf - START), 12);
    expect(result.atDeadline).toBeCloseTo(4 + (3 / (asOf - START)) * (d("2022-12-31") - asOf), 9);
  });

  it("is the actual count after the deadline", () => {
    const result = forecastGoal(SAMPLE, brands, d("2023-03-01"));
    expect(result.atDeadline).toBe(result.actual);
  });

  it("has no pace before anything is dated", () => {
    const undated = register([["BRANDS", "Recognized", ""]]);
    expect(forecastGoal(undated, brands, d("2021-01-01"))).toMatchObject({
      actual: 1,
      pacePerDay: 0,
      atDeadline: 1,
    });
    expect(() => forecastDate(undated, brands, d("2021-01-01"))).toThrow(/no pace/);
  });

  it("dates the required count at the observed pace", () => {
    const asOf = d("2021-01-15");
    const pace = 3 / (asOf - START);
    expect(forecastDate(SAMPLE, brands, asOf)).toBe(asOf + Math.ceil((101 - 4) / pace));
  });

  it("counts the days at the pace in whole numbers, so no rounding of the pace adds one", () => {
    // 7 rows in 5 days; 21 more needed: 21 x 5 / 7 = 15 days (21 / 1.4 is 15.000000000000002).
    const seven = register(Array.from({ length: 7 }, (_, i) => ["Brands", "Recognized", START + (i % 5)]));
    const spec = resolveGoal("BRANDS", { target: 28, comparator: "at_least" });
    expect(forecastDate(seven, spec, START + 5)).toBe(START + 5 + 15);
  });

  it("when already met, gives the date the count was reached", () => {
    const target = resolveGoal("BRANDS", { target: 2 }); // more than 2: needs 3
    // undated row counts from the start; then 05-01, 06-01 -> third counted on 2020-06-01
    expect(forecastDate(SAMPLE, target, d("2021-12-31"))).toBe(d("2020-06-01"));
    const atLeastOne = resolveGoal("BRANDS", { target: 1, comparator: "at_least" });
    expect(forecastDate(SAMPLE, atLeastOne, d("2021-12-31"))).toBe(START);
  });
});

describe("the timeline", () => {
  it("counts what the goals' Actual count at each month end, never a row dated after as_of", () => {
    const asOf = d("2021-01-15");
    const months = ["2020-03-31", "2020-04-30", "2020-05-31", "2020-06-30", "2021-01-31", "2022-12-31"].map(
      d,
    );
    const rows = timeline(SAMPLE, asOf, months);
    // Counted at as_of: one undated Brands row (from the start), Brands 05-01, 06-01, 2021-01-15 and
    // Scenarios 05-01; the Brands row of 2022-06-30 is after as_of, the other programme no goal.
    expect(rows.map((r) => r.recognized)).toEqual([1, 1, 3, 4, 5, 5]);
    const actual = summarizeGoals(SAMPLE, asOf).reduce((sum, goal) => sum + goal.actual, 0);
    expect(rows[rows.length - 1].recognized).toBe(actual);
    expect(rows.map((r) => r.monthEnd)).toEqual(months);
  });

  it("spreads every goal's required count from the earliest start to the latest deadline", () => {
    const required = summarizeGoals(SAMPLE, 0).reduce((sum, goal) => sum + goal.required, 0);
    const [before, atStart, mid, deadline] = timeline(SAMPLE, d("2021-01-15"), [
      START - 10,
      START,
      START + 100,
      d("2022-12-31"),
    ]);
    expect([before.expected, atStart.expected, deadline.expected]).toEqual([0, 0, required]);
    expect(mid.expected).toBeCloseTo((required * 100) / (d("2022-12-31") - START), 9);
  });
});

describe("summary of every goal", () => {
  it("gives one row per goal with figures from one pass", () => {
    const asOf = d("2021-01-15");
    const rows = summarizeGoals(SAMPLE, asOf);
    expect(rows.map((r) => r.spec.id)).toEqual([
      "ENTERPRISES",
      "SCENARIOS",
      "BRANDS",
      "BREAKTHROUGHS",
      "UNMANNED",
      "PLATFORMS",
    ]);
    const brandRow = rows[2];
    expect(brandRow).toMatchObject({ actual: 4, required: 101, remaining: 97 });
    expect(brandRow.progress).toBeCloseTo(0.04, 12);
    expect(brandRow.forecast.atDeadline).toBeCloseTo(forecastGoal(SAMPLE, brands, asOf).atDeadline, 12);
    expect(rows[1]).toMatchObject({ actual: 1, required: 101 });
    expect(rows[0]).toMatchObject({ actual: 0, status: "BEHIND" });
    expect(rows[5]).toMatchObject({ required: 20, daysLeft: d("2022-12-31") - asOf });
  });

  it("agrees with COUNT for every goal", () => {
    const asOf = d("2022-12-31");
    for (const row of summarizeGoals(SAMPLE, asOf)) {
      expect(row.actual).toBe(countTowardGoal(SAMPLE, row.spec, asOf));
    }
  });
});

describe("the per-cell cache behind the counts", () => {
  it("counts right with thousands of distinct values, colliding spellings, blanks, numbers and booleans", () => {
    const cells: unknown[] = [];
    let expected = 0;
    for (let i = 0; i < 5000; i++) {
      // Same length and end characters as "BRANDS" ("BxxxxS"), so they share its cache slot.
      cells.push(`B${String(i % 10000).padStart(4, "0")}S`);
      const spelling = ["BRANDS", "brands", " Brands ", "品牌产品", "Brands"][i % 5];
      cells.push(spelling);
      if (spelling !== " Brands ") expected++;
      cells.push(i % 3 === 0 ? "" : i % 3 === 1 ? i : true);
    }
    const goals = column("goals", cells);
    expect(countTowardGoal({ goals }, brands, 0)).toBe(expected);
  });
});

describe("a CSV header that names one field twice", () => {
  it("is a file error naming both columns, and nothing is imported", () => {
    const preview = previewRegisterImport("Goal,Name,名称,Status\r\nBRANDS,A,B,Candidate\r\n", new Set());
    expect(preview.accepted).toEqual([]);
    expect(preview.fileErrors).toEqual([
      {
        en: 'The columns "Name" and "名称" are both the same field; keep one of them.',
        zh: "“Name”和“名称”两列是同一字段，请只保留其中一列。",
      },
    ]);
  });
});

describe("exporting what a person pasted", () => {
  it("sends a number Excel cannot show as a date out as it is, and dates as ISO", () => {
    const headers = ["Goal", "Name", "Date recognized", "Status", "Entered at"];
    const csv = registerToCsv(headers, [
      ["Brands", "A", 99_999_999, "Candidate", -3],
      ["Brands", "B", d("2021-06-30"), "Candidate", d("2021-06-30") + 0.99999],
    ]);
    expect(csv).toContain("Brands,A,99999999,Candidate,-3");
    expect(csv).toContain("Brands,B,2021-06-30,Candidate,2021-07-01 00:00");
  });
});

describe("export, then import", () => {
  it("gives back exactly what was exported, and importing it again adds nothing", () => {
    const names = ["=HYPERLINK(1)", "'t Hooft", "+1 Lab", "  spaced  name", "普通名称"];
    const entries = names.map((name, i) => {
      const checked = checkEntry({
        goal: "BRANDS",
        name,
        status: "Recognized",
        date: "2021-06-30",
        notes: i === 0 ? "  note with spaces\nand a line  " : "'quoted note",
        enteredBy: "王晓明",
      });
      if (!checked.entry) throw new Error(JSON.stringify(checked.issues));
      return checked.entry;
    });
    const rows = entries.map((entry) => entryRow(entry, "en", d("2021-07-01") + 0.5));
    const csv = registerToCsv(headers(tableSpec("register"), "en"), rows);
    const first = previewRegisterImport(csv, new Set());
    expect(first.accepted).toEqual(entries);
    const keys = new Set(entries.map((entry) => entryKey(entry.goal, entry.name)));
    expect(previewRegisterImport(csv, keys).accepted).toEqual([]);
  });
});

describe("the tracking workbook's counts, read as the task pane reads them", () => {
  const REGISTER = tableSpec("register");
  const at = (id: string) => REGISTER.columns.findIndex((c) => c.id === id);

  it.each(["en", "zh"] as const)(
    "equal the Targets sheet's COUNTIFS in a %s workbook, whatever language the cells are in",
    (language) => {
      const spellings = (texts: string[]) =>
        fc.constantFrom<string | number | null>(
          ...texts.flatMap((t) => [t, t.toUpperCase(), ` ${t}`]),
          "",
          null,
          3,
        );
      const goal = spellings(GOALS.flatMap((g) => [g.label.en, g.label.zh, g.id, g.short.zh]));
      const status = spellings(["Recognized", "已认定", "Recognised", "Candidate", "候选"]);
      const date = fc.oneof(fc.integer({ min: d("2019-01-01"), max: d("2024-12-31") }), fc.constant(null));
      const row = fc.tuple(goal, status, date).map(([g, s, dt]) => {
        const cells: (string | number | boolean | null)[] = REGISTER.columns.map(() => null);
        cells[at("goal")] = g;
        cells[at("status")] = s;
        cells[at("date")] = dt;
        return cells;
      });
      fc.assert(
        fc.property(
          fc.array(row, { maxLength: 30 }),
          fc.integer({ min: d("2020-01-01"), max: d("2023-06-30") }),
          (rows, asOf) => {
            const model = evaluateTemplate({ language, register: rows, asOf });
            const targets = tableRecords(model, "tblTargets");
            const t = (id: string) => tableSpec("targets").columns.find((c) => c.id === id)!.header[language];
            const block = { headers: headers(REGISTER, language), rows };
            for (const summary of summarizeGoals(registerColumns(block), asOf)) {
              const actual = targets.find((r) => r[t("id")] === summary.spec.id)![t("actual")];
              expect({ goal: summary.spec.id, actual: summary.actual }).toEqual({
                goal: summary.spec.id,
                actual,
              });
            }
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

describe("figures that know the deadline", () => {
  const label = goalById("BRANDS").label.en;
  const rows = (count: number, date: unknown): [unknown, unknown, unknown][] =>
    Array.from({ length: count }, () => [label, "Recognized", date]);
  const brandsOf = (r: RegisterColumns, asOf: string) =>
    summarizeGoals(r, d(asOf)).find((s) => s.spec.id === "BRANDS")!;

  it("counts by the deadline the rows dated on or before it and the undated, and says how many are undated", () => {
    const r = register([
      ...rows(60, "2022-06-30"),
      ...rows(2, ""),
      ...rows(1, "2022-12-31"),
      ...rows(5, "2023-02-01"),
    ]);
    const s = brandsOf(r, "2023-06-30");
    expect([s.actual, s.actualByDeadline, s.undated]).toEqual([68, 63, 2]);
    expect(countTowardGoal(r, brands, d("2023-06-30"), true)).toBe(63);
    // Before the deadline, by the deadline is everything counted so far.
    expect(brandsOf(r, "2022-09-30").actualByDeadline).toBe(brandsOf(r, "2022-09-30").actual);
  });

  it("is Met late, dated by the recognition that reached the required count, when that came after the deadline", () => {
    const r = register([...rows(100, "2022-06-30"), ...rows(3, "2024-03-01")]);
    const s = brandsOf(r, "2024-06-30");
    expect([s.status, s.actualByDeadline, s.dateMet, s.ended, s.daysLeft]).toEqual([
      "MET_LATE",
      100,
      d("2024-03-01"),
      true,
      0,
    ]);
    // The same register before those late rows: Missed, never met.
    expect([brandsOf(r, "2023-06-30").status, brandsOf(r, "2023-06-30").dateMet]).toEqual([
      "MISSED",
      undefined,
    ]);
  });

  it("is Achieved after the deadline when met by it, whatever came later", () => {
    const r = register([...rows(100, "2022-06-30"), ...rows(1, "2022-12-31"), ...rows(9, "2023-03-01")]);
    const s = brandsOf(r, "2024-06-30");
    expect([s.status, s.dateMet, s.actualByDeadline]).toEqual(["ACHIEVED", d("2022-12-31"), 101]);
  });

  it("dates a goal met by undated rows alone at its start, and counts them by the deadline", () => {
    const r = register(rows(101, ""));
    const s = brandsOf(r, "2024-06-30");
    expect([s.status, s.dateMet, s.actualByDeadline, s.undated]).toEqual(["ACHIEVED", START, 101, 101]);
  });
});
