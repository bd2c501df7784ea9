/**
 * The Report sheet: its recent recognitions equal the core's recentRecognitions on random
 * registers (ties on one day, the window's edges, more than fit), its goals block equals Targets,
 * its heading reads the reporting unit; and the reporting unit's About row and name land where an
 * upgrade or a new workbook puts them.
 */
import fc from "fast-check";
import { isoToSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { DISTRICTS, GOALS, PLAN } from "../../src/core/plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../src/core/register";
import { recentRecognitions, REPORT_RECENT_DAYS, REPORT_RECENT_ROWS } from "../../src/core/report";
import { columnFormula, MODERN_ONLY_FUNCTIONS } from "../../src/core/template/formulas";
import type { Cell as TemplateCell } from "../../src/core/template/structure";
import { decideTemplateChanges, type WorkbookState } from "../../src/core/template/template-changes";
import {
  ABOUT_REPORTING_UNIT,
  aboutReportingUnitRow,
  NAMES,
  sheetSpec,
  TABLES,
  tableSpec,
} from "../../src/core/template/template";
import { evaluateTemplate, formulaFunctions, tableRecords } from "../support/formula-engine";

const LANGUAGES: readonly Language[] = ["en", "zh"];
const REGISTER = tableSpec("register");
const RECENT = tableSpec("reportRecent");
const index = (id: string) => REGISTER.columns.findIndex((column) => column.id === id);
const header = (table: string, id: string, language: Language) =>
  tableSpec(table as never).columns.find((column) => column.id === id)!.header[language];
const AS_OF = isoToSerial("2021-06-30");

interface Row {
  goal: number;
  status: number;
  /** Days before the as-of day (negative: after it), or null for undated. */
  daysBefore: number | null;
  district: number | null;
}

function registerOf(rows: readonly Row[], language: Language): TemplateCell[][] {
  return rows.map((row, i) => {
    const cells: TemplateCell[] = REGISTER.columns.map(() => null);
    cells[index("goal")] = GOALS[row.goal].label[language];
    cells[index("name")] = `Entry ${i + 1}`;
    cells[index("status")] = ENTRY_STATUS_LABELS[ENTRY_STATUS_IDS[row.status]][language];
    cells[index("date")] = row.daysBefore === null ? null : AS_OF - row.daysBefore;
    cells[index("district")] = row.district === null ? null : DISTRICTS[row.district].label[language];
    return cells;
  });
}

/** What the list must show: the core's rows, looked up as the sheet shows them. */
function expectedList(register: TemplateCell[][], language: Language) {
  const recent = recentRecognitions(
    {
      statuses: { rows: register, index: index("status"), name: "statuses" },
      dates: { rows: register, index: index("date"), name: "dates" },
      language,
    },
    AS_OF,
  );
  const top = REGISTER.anchor.row + 1;
  const listed = recent.rows.map((row) => {
    const goal = GOALS.find((g) => g.label[language] === register[row][index("goal")])!;
    return [
      register[row][index("name")],
      goal.short[language],
      register[row][index("date")],
      register[row][index("district")] ?? "",
      top + 1 + row,
    ];
  });
  return { recent, listed };
}

function sheetList(workbook: ReturnType<typeof evaluateTemplate>, language: Language) {
  const columns = ["name", "goal", "date", "district", "registerRow"].map((id) =>
    header("reportRecent", id, language),
  );
  const records = tableRecords(workbook, RECENT.name);
  const numbered = records.slice(0, REPORT_RECENT_ROWS);
  return {
    listed: numbered.filter((r) => r[columns[4]] !== "").map((r) => columns.map((c) => r[c])),
    blank: numbered.filter((r) => r[columns[4]] === "").every((r) => columns.every((c) => r[c] === "")),
    summary: records[REPORT_RECENT_ROWS][columns[0]],
  };
}

const rowArbitrary = fc.record({
  goal: fc.integer({ min: 0, max: GOALS.length - 1 }),
  status: fc.integer({ min: 0, max: ENTRY_STATUS_IDS.length - 1 }),
  // Few distinct days, so that many rows share one; some before the window, some after the as-of day.
  daysBefore: fc.option(fc.constantFrom(-1, 0, 1, 2, 5, 28, 29, 30, 31, 400), { nil: null }),
  district: fc.option(fc.integer({ min: 0, max: DISTRICTS.length - 1 }), { nil: null }),
});

describe("recentRecognitions", () => {
  const statusRows = (cells: [string, number | null][]) => ({
    statuses: { rows: cells, index: 0, name: "statuses" },
    dates: { rows: cells, index: 1, name: "dates" },
    language: "en" as const,
  });

  it("lists recognized rows of the 30 days to the as-of day, the most recent first, ties in register order", () => {
    const result = recentRecognitions(
      statusRows([
        ["Recognized", AS_OF - 29], // first day of the window
        ["Recognized", AS_OF - 30], // the day before it
        ["Recognized", AS_OF + 0.75], // the as-of day, with a time
        ["Candidate", AS_OF],
        ["recognized", AS_OF - 3],
        ["Recognized", AS_OF + 1], // after the as-of day
        ["Recognized", null], // undated
        ["Recognized", AS_OF - 3],
      ]),
      AS_OF,
    );
    expect(result).toEqual({ rows: [2, 4, 7, 0], total: 4 });
  });

  it("lists at most the limit and counts the rest", () => {
    const cells = Array.from({ length: 14 }, (): [string, number] => ["Recognized", AS_OF - 1]);
    expect(recentRecognitions(statusRows(cells), AS_OF)).toEqual({
      rows: Array.from({ length: REPORT_RECENT_ROWS }, (_, i) => i),
      total: 14,
    });
    expect(REPORT_RECENT_DAYS).toBe(30);
  });
});

describe("the Report sheet's formulas", () => {
  it("use only functions every spreadsheet has", () => {
    for (const table of TABLES.filter((t) => t.sheet === "report"))
      for (const column of table.columns.filter((c) => c.formula))
        for (const language of LANGUAGES) {
          const used = formulaFunctions(columnFormula(table, column, language));
          expect(
            used.filter((name) => MODERN_ONLY_FUNCTIONS.includes(name) || name.startsWith("SHONLINE")),
          ).toEqual([]);
        }
  });

  it.each(LANGUAGES)("list what the core lists, on random registers (%s)", (language) => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 40 }), (rows) => {
        const register = registerOf(rows, language);
        const workbook = evaluateTemplate({ language, register, asOf: AS_OF + 0.5 });
        const { recent, listed } = expectedList(register, language);
        const sheet = sheetList(workbook, language);
        expect(sheet.listed).toEqual(listed);
        expect(sheet.blank).toBe(true);
        const more = recent.total - recent.rows.length;
        const summary = String(sheet.summary);
        if (recent.total === 0)
          expect(summary).toMatch(language === "en" ? /^None recognized/ : /没有认定条目/);
        else if (more > 0)
          expect(summary).toBe(
            language === "en"
              ? `And ${more} more; ${recent.total} recognized in the 30 days to the as-of date.`
              : `另有${more}条未列出；近30天（含截至日期）共认定${recent.total}条。`,
          );
        else expect(summary).toContain(String(recent.total));
      }),
      { numRuns: 150 },
    );
  });

  it.each(LANGUAGES)("show each goal's Targets figures (%s)", (language) => {
    const rows: Row[] = GOALS.flatMap((_, goal) =>
      Array.from({ length: goal + 1 }, (): Row => ({ goal, status: 2, daysBefore: 40 * goal, district: 0 })),
    );
    const workbook = evaluateTemplate({ language, register: registerOf(rows, language), asOf: AS_OF });
    const targets = tableRecords(workbook, "tblTargets");
    const report = tableRecords(workbook, "tblReportGoals");
    expect(report).toHaveLength(GOALS.length);
    for (const row of report) {
      const target = targets.find(
        (t) => t[header("targets", "id", language)] === row[header("reportGoals", "id", language)],
      )!;
      for (const column of tableSpec("reportGoals").columns.slice(1))
        expect([column.id, row[column.header[language]]]).toEqual([
          column.id,
          target[column.header[language]],
        ]);
    }
    expect(report.map((r) => r[header("reportGoals", "actual", language)])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(LANGUAGES)(
    "head the report with its title, the reporting unit and the as-of date (%s)",
    (language) => {
      const value = (workbook: ReturnType<typeof evaluateTemplate>) =>
        tableRecords(workbook, "tblReport").map((r) => r[header("report", "value", language)]);
      const typed = value(
        evaluateTemplate({ language, register: [], asOf: AS_OF, reportingUnit: "浦东新区科委" }),
      );
      expect(typed[0]).toContain(PLAN.name[language]);
      expect(typed.slice(1)).toEqual(["浦东新区科委", AS_OF, AS_OF - 29]);
      const blank = value(evaluateTemplate({ language, register: [], asOf: AS_OF }));
      // Blank: the cell tells where to type it.
      expect(blank[1]).toContain(sheetSpec("about").name[language]);
      expect(blank[1]).toContain(ABOUT_REPORTING_UNIT[language]);
    },
  );
});

describe("the reporting unit's About row", () => {
  const about = tableSpec("about");

  it.each(LANGUAGES)(
    "is an About row near the end, blank, and named SHONLINE_ReportingUnit (%s)",
    (language) => {
      const seed = about.seedRows!(language);
      // Rows added later go after it: the status rule (version 6).
      expect(aboutReportingUnitRow(language)).toBe(seed.length - 2);
      expect(seed[seed.length - 2]).toEqual([ABOUT_REPORTING_UNIT[language], null]);
      const changes = decideTemplateChanges(
        { sheets: [], tables: [], names: new Map(), chartNames: [] },
        language,
      );
      expect(changes.names).toContainEqual({
        kind: "cell",
        name: NAMES.reportingUnit,
        sheet: "about",
        row: about.anchor.row + 1 + seed.length - 2,
        column: 1,
        rows: 1,
      });
    },
  );

  it("is added at the end of an earlier workbook's About table, and named there", () => {
    const seed = about.seedRows!("zh");
    // An earlier workbook: every About row but the new ones, its table a row higher (no title row).
    const earlier = seed.slice(0, -6);
    const state: WorkbookState = {
      sheets: ["说明"],
      tables: [
        {
          name: about.name,
          sheet: "说明",
          columns: ["项目", "内容"],
          rowCount: earlier.length,
          keys: earlier.map((row) => row[0]),
          bodyRow: 1,
          bodyColumn: 0,
        },
      ],
      names: new Map([[NAMES.asOf, "=说明!$B$2"]]),
      chartNames: [],
    };
    const changes = decideTemplateChanges(state, "zh");
    expect(changes.titleRows.map((p) => p.name)).toEqual(["说明"]);
    const added = changes.newRows.find((r) => r.table === about)!.rows;
    expect(added.map((row) => row[0])).toEqual([
      `工作表：${sheetSpec("districts").name.zh}`,
      `工作表：${sheetSpec("changes").name.zh}`,
      `工作表：${sheetSpec("merges").name.zh}`,
      `工作表：${sheetSpec("conflicts").name.zh}`,
      "填报单位",
      "状态判定规则",
    ]);
    expect(changes.names.filter((n) => n.name === NAMES.reportingUnit)).toEqual([
      {
        kind: "cell",
        name: NAMES.reportingUnit,
        sheet: "about",
        // Its body a row lower once the title row is inserted above the table.
        row: 2 + earlier.length + 4,
        column: 1,
        rows: 1,
      },
    ]);
    // A workbook that has the row and the name keeps both as they are.
    const later = decideTemplateChanges(
      {
        ...state,
        tables: [{ ...state.tables[0], rowCount: seed.length, keys: seed.map((row) => row[0]) }],
        names: new Map([...state.names, [NAMES.reportingUnit, "=说明!$B$40"]]),
      },
      "zh",
    );
    expect(later.names.some((n) => n.name === NAMES.reportingUnit)).toBe(false);
    expect(later.newRows.find((r) => r.table === about)).toBeUndefined();
  });

  it("has a sheet name within Excel's limit", () => {
    for (const language of LANGUAGES)
      expect(sheetSpec("report").name[language].length).toBeLessThanOrEqual(31);
  });
});
