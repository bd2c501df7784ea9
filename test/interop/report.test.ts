/**
 * The Report sheet in LibreOffice: workbooks written by the command line (English and Chinese; no
 * register, a few entries, many entries on a few days) are recalculated, and the recent
 * recognitions listed equal the core's recentRecognitions, the goals block equals Targets, the
 * heading shows the as-of date and asks for the reporting unit; no cell shows an error.
 *
 * Run with npm run test:interop (needs LibreOffice's soffice on PATH).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type ExcelJS from "exceljs";
import { main } from "../../src/cli/workbook";
import { formatCsv } from "../../src/core/csv";
import { isoToSerial, serialToIso } from "../../src/core/dates";
import { type Entry, entryRow } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { DISTRICTS, GOALS } from "../../src/core/plan";
import { ENTRY_STATUS_LABELS, type EntryStatusId } from "../../src/core/register";
import { previewRegisterImport } from "../../src/core/register-csv";
import { recentRecognitions, REPORT_RECENT_ROWS } from "../../src/core/report";
import type { TableId } from "../../src/core/template/structure";
import { ABOUT_REPORTING_UNIT, headers, sheetSpec, tableSpec } from "../../src/core/template/template";
import {
  findSoffice,
  readBlock,
  readXlsx,
  recalcProfile,
  recalculate,
  type Value,
  valueOf,
} from "./libreoffice";

const AS_OF = isoToSerial("2021-06-30");

interface Row {
  goal: number;
  status: EntryStatusId;
  /** Days before the as-of date; undefined: undated. */
  daysBefore?: number;
  district?: number;
}

/** 40 rows on a handful of days (ties), around both edges of the window, of every status. */
function manyOnFewDays(): Row[] {
  const statuses: EntryStatusId[] = ["RECOGNIZED", "RECOGNIZED", "CANDIDATE", "RECOGNIZED", "WITHDRAWN"];
  const days = [0, 0, 3, 29, 30, -1, 3, 0, 12];
  return Array.from({ length: 40 }, (_, i) => ({
    goal: i % GOALS.length,
    status: statuses[i % statuses.length],
    daysBefore: i % 11 === 10 ? undefined : days[i % days.length],
    district: i % 4 === 3 ? undefined : i % DISTRICTS.length,
  }));
}

const FIXTURES: Record<string, () => Row[]> = {
  none: () => [],
  few: () => [
    { goal: 2, status: "RECOGNIZED", daysBefore: 5, district: 10 },
    { goal: 0, status: "RECOGNIZED", daysBefore: 1 },
    { goal: 4, status: "IN_PROGRESS", daysBefore: 1 },
    { goal: 5, status: "RECOGNIZED", daysBefore: 45 },
  ],
  many: manyOnFewDays,
};

function registerCsv(rows: readonly Row[], language: Language): string {
  const columns = tableSpec("register").columns.filter((c) => c.id !== "enteredAt");
  const header = columns.map((c) => c.header[language]);
  const records = rows.map((row, i) => {
    const cells: Record<string, string> = {
      goal: GOALS[row.goal].label[language],
      name: `${language === "zh" ? "条目" : "Entry"} ${i + 1}`,
      kind: GOALS[row.goal].id === "UNMANNED" ? (language === "zh" ? "无人工厂" : "Factory") : "",
      district: row.district === undefined ? "" : DISTRICTS[row.district].label[language],
      date: row.daysBefore === undefined ? "" : serialToIso(AS_OF - row.daysBefore),
      status: ENTRY_STATUS_LABELS[row.status][language],
      enteredBy: "fixture",
    };
    return columns.map((c) => cells[c.id] ?? "");
  });
  return formatCsv([header, ...records]);
}

interface Prepared {
  readonly language: Language;
  readonly entries: readonly Entry[];
  readonly workbook: ExcelJS.Workbook;
}

const CASES = (["en", "zh"] as const).flatMap((language) =>
  Object.keys(FIXTURES).map((fixture) => ({ name: `${language} ${fixture}`, language, fixture })),
);

function reportSheet(workbook: ExcelJS.Workbook, language: Language): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(sheetSpec("report").name[language]);
  if (!sheet) throw new Error(`no ${sheetSpec("report").name[language]} sheet`);
  return sheet;
}

function bodyOf(sheet: ExcelJS.Worksheet, id: TableId, rows: number): Value[][] {
  const spec = tableSpec(id);
  return readBlock(sheet, spec.anchor.row + 1, spec.anchor.column, rows, spec.columns.length);
}

describe("the Report sheet recalculated by LibreOffice", () => {
  const prepared = new Map<string, Prepared>();
  let folder = "";

  beforeAll(async () => {
    const soffice = findSoffice();
    folder = mkdtempSync(join(tmpdir(), "report-interop-"));
    const written: string[] = [];
    for (const c of CASES) {
      const out = join(folder, `${c.name.replace(/ /g, "_")}.xlsx`);
      const args = [
        "--out",
        out,
        "--lang",
        c.language === "zh" ? "zh-CN" : "en",
        "--as-of",
        serialToIso(AS_OF),
      ];
      let entries: readonly Entry[] = [];
      if (c.fixture !== "none") {
        const csv = registerCsv(FIXTURES[c.fixture](), c.language);
        const path = join(folder, `${c.name.replace(/ /g, "_")}.csv`);
        writeFileSync(path, csv);
        entries = previewRegisterImport(csv, new Set()).accepted;
        args.push("--register", path);
      }
      const code = await main(args, { stdout: () => undefined, stderr: () => undefined });
      expect(code).toBe(0);
      written.push(out);
      prepared.set(c.name, { language: c.language, entries, workbook: undefined as never });
    }
    const conversion = recalculate(
      soffice,
      recalcProfile(join(folder, "profile")),
      written,
      join(folder, "out"),
    );
    for (const [i, c] of CASES.entries())
      prepared.set(c.name, { ...prepared.get(c.name)!, workbook: await readXlsx(conversion.outputs[i]) });
  }, 600_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s: lists what the core lists", (_, c) => {
    const { language, entries, workbook } = prepared.get(c.name)!;
    expect(entries).toHaveLength(FIXTURES[c.fixture]().length);
    const block = headers(tableSpec("register"), language);
    const rows = entries.map((entry) => entryRow(entry, language, 0));
    const column = (id: string) => ({
      rows,
      index: tableSpec("register").columns.findIndex((x) => x.id === id),
      name: id,
    });
    const recent = recentRecognitions({ statuses: column("status"), dates: column("date"), language }, AS_OF);
    expect(block.length).toBe(tableSpec("register").columns.length);
    const firstRow = tableSpec("register").anchor.row + 2;
    const expected = recent.rows.map((row) => [
      rows[row][column("name").index],
      GOALS.find((g) => g.label[language] === rows[row][column("goal").index])!.short[language],
      rows[row][column("date").index],
      rows[row][column("district").index] ?? "",
      firstRow + row,
    ]);
    const sheet = reportSheet(workbook, language);
    const body = bodyOf(sheet, "reportRecent", REPORT_RECENT_ROWS + 1);
    const listed = body.slice(0, REPORT_RECENT_ROWS).filter((r) => r[5] !== "" && r[5] !== null);
    // A formula's "" result comes back as a blank cell.
    expect(listed.map((r) => r.slice(1).map((v) => v ?? ""))).toEqual(expected);
    const summary = String(body[REPORT_RECENT_ROWS][1]);
    expect(summary).toContain(String(recent.total));
    if (recent.total > REPORT_RECENT_ROWS)
      expect(summary).toContain(String(recent.total - REPORT_RECENT_ROWS));
    if (c.fixture === "many") expect(recent.total).toBeGreaterThan(REPORT_RECENT_ROWS);
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s: the goals equal Targets, the heading the as-of date",
    (_, c) => {
      const { language, workbook } = prepared.get(c.name)!;
      const sheet = reportSheet(workbook, language);
      const goals = bodyOf(sheet, "reportGoals", GOALS.length);
      const targetsSheet = workbook.getWorksheet(sheetSpec("targets").name[language])!;
      const targets = bodyOf(targetsSheet, "targets", GOALS.length);
      const targetColumn = (id: string) => tableSpec("targets").columns.findIndex((x) => x.id === id);
      for (const row of goals) {
        const target = targets.find((t) => t[0] === row[0])!;
        tableSpec("reportGoals").columns.forEach((spec, i) =>
          expect([spec.id, row[i]]).toEqual([spec.id, target[targetColumn(spec.id)]]),
        );
      }
      const head = bodyOf(sheet, "report", 4).map((r) => r[1]);
      expect(head.slice(2)).toEqual([AS_OF, AS_OF - 29]);
      expect(String(head[1])).toContain(ABOUT_REPORTING_UNIT[language]);
      const errors: string[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = valueOf(cell);
          if (value !== null && typeof value === "object") errors.push(`${cell.address}: ${value.error}`);
        }),
      );
      expect(errors).toEqual([]);
    },
  );
});
