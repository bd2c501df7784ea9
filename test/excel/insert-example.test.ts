/**
 * Inserting a function's example into the selected cell, against the Excel double: the formula
 * lands in that cell, with its number format, and computes there (the double's evaluation hook
 * calls the add-in's functions as Excel calls them from a cell); nothing is written over a cell's
 * content, into a table, or for a selection of more than one cell.
 */
import { isoToSerial } from "../../src/core/dates";
import { checkEntry, type EntryInput } from "../../src/core/entries";
import {
  exampleFormula,
  exampleNumberFormat,
  FUNCTION_IDS,
  type FunctionId,
} from "../../src/core/function-examples";
import { specOfGoal } from "../../src/core/goal-spec";
import type { Language } from "../../src/core/language";
import { goalById } from "../../src/core/plan";
import { expectedCount, STATUS_LABELS, statusOf } from "../../src/core/progress";
import * as addInFunctions from "../../src/functions/functions";
import { applyTemplate } from "../../src/excel/apply-template";
import {
  CellInTableError,
  CellNotEmptyError,
  insertExample,
  NotOneCellError,
} from "../../src/excel/insert-example";
import { addEntries } from "../../src/excel/register";
import { NotATrackingWorkbookError, setAsOf } from "../../src/excel/tables";
import type { FunctionsJson } from "../../tools/build/localize-functions";
import { builtMetadata } from "../support/custom-function-calls";
import { cellAddress, FakeContext, FakeWorkbook } from "../support/excel-double";
import { fakeExcel } from "../support/excel-fixtures";
import { computeAddInFormulas, evaluateExpression } from "./add-in-formulas";

const AS_OF = isoToSerial("2021-06-30");

/** Three BRANDS entries count at the as-of date: two dated before it and one undated. */
const ENTRIES: EntryInput[] = [
  { goal: "BRANDS", name: "Brand one", status: "Recognized", date: isoToSerial("2021-01-10") },
  { goal: "BRANDS", name: "Brand two", status: "Recognized", date: isoToSerial("2021-03-05") },
  { goal: "BRANDS", name: "Brand three", status: "Recognized" },
  { goal: "BRANDS", name: "Brand pending", status: "In progress", date: isoToSerial("2021-02-01") },
  { goal: "BRANDS", name: "Brand later", status: "Recognized", date: isoToSerial("2021-08-01") },
  { goal: "SCENARIOS", name: "A scenario", status: "Recognized", date: isoToSerial("2021-04-01") },
];

let metadata: FunctionsJson;
beforeAll(async () => {
  metadata = (await builtMetadata()).en;
}, 60_000);

async function tracking(language: Language = "en") {
  const workbook = FakeWorkbook.withSheets("Sheet1");
  const context = () => new FakeContext(workbook) as unknown as Excel.RequestContext;
  await applyTemplate(context(), language);
  const entries = ENTRIES.map((input) => {
    const checked = checkEntry(input);
    if (!checked.entry) throw new Error(`test entry rejected: ${JSON.stringify(checked.issues)}`);
    return checked.entry;
  });
  await addEntries(context(), entries, language, AS_OF);
  await setAsOf(context(), AS_OF);
  computeAddInFormulas(workbook, metadata);
  workbook.select("Sheet1", "B2");
  return fakeExcel(workbook);
}

/** What the cell shows, read through the API in a batch of its own. */
async function shown(workbook: FakeWorkbook, sheet: string, address: string) {
  const fake = new FakeContext(workbook);
  const range = fake.workbook.worksheets
    .getItem(sheet)
    .getRange(address)
    .load("values,formulas,numberFormat");
  await fake.sync();
  return { value: range.values[0][0], formula: range.formulas[0][0], numberFormat: range.numberFormat[0][0] };
}

/** The register's columns as the add-in's functions receive them (n x 1, blanks ""). */
function registerColumns(workbook: FakeWorkbook) {
  const register = workbook.table("tblRegister")!;
  const column = (header: string) => {
    const index = register.columnIndex(header);
    return register.dataValues().map((row) => [row[index] ?? ""]);
  };
  return [column("Goal"), column("Status"), column("Date recognized")] as const;
}

function expectedValue(id: FunctionId, workbook: FakeWorkbook): unknown {
  const brands = specOfGoal(goalById("BRANDS"));
  const [goals, statuses, dates] = registerColumns(workbook);
  const values: Record<Exclude<FunctionId, "SUMMARY">, unknown> = {
    MET: false,
    PROGRESS: 3 / 100,
    REMAINING: 98, // "more than 100" needs 101
    EXPECTED: expectedCount(brands, AS_OF),
    STATUS: STATUS_LABELS[statusOf(3, brands, AS_OF)].en,
    COUNT: 3,
    FORECAST: addInFunctions.forecast(goals, "BRANDS", statuses, dates, AS_OF),
    FORECASTDATE: addInFunctions.forecastDate(goals, "BRANDS", statuses, dates, AS_OF),
    LIKELIHOOD: addInFunctions.likelihood(goals, "BRANDS", statuses, dates, AS_OF),
    DAYSLEFT: isoToSerial("2022-12-31") - AS_OF,
    TARGET: 100,
  };
  return values[id as Exclude<FunctionId, "SUMMARY">];
}

describe("inserting a function's example into the selected cell", () => {
  it.each(FUNCTION_IDS.filter((id) => id !== "SUMMARY"))(
    "writes %s's example into the selected cell, in 2 syncs, and it computes there",
    async (id) => {
      const { context, fake, workbook } = await tracking();
      const inserted = await insertExample(context, id);
      expect(fake.syncCount).toBe(2);
      expect(inserted).toEqual({ address: "Sheet1!B2", formula: exampleFormula(id, "en") });
      const cell = await shown(workbook, "Sheet1", "B2");
      expect(cell.formula).toBe(exampleFormula(id, "en"));
      expect(cell.numberFormat).toBe(exampleNumberFormat(id));
      expect(cell.value).toEqual(expectedValue(id, workbook));
      // nothing else on the sheet was written
      expect([...workbook.sheet("Sheet1")!.cells.keys()]).toEqual(["1,1"]);
    },
  );

  it("writes SUMMARY's example, which spills one row per goal under a header row", async () => {
    const { context, workbook } = await tracking();
    await insertExample(context, "SUMMARY");
    const formula = workbook.sheet("Sheet1")!.getCell(1, 1)!.formula!;
    const table = evaluateExpression(workbook, metadata, formula.slice(1)) as unknown[][];
    expect(table).toHaveLength(7);
    const brands = table.find((row) => row[0] === "BRANDS")!;
    expect(brands[table[0].indexOf("Actual")]).toBe(3);
  });

  it("names the Register's columns as a Chinese workbook spells them, and computes there too", async () => {
    const { context, workbook } = await tracking("zh");
    const inserted = await insertExample(context, "COUNT");
    expect(inserted.formula).toBe(
      '=SHONLINE.COUNT(tblRegister[目标],"BRANDS",tblRegister[状态],tblRegister[认定日期],AsOfDate)',
    );
    expect((await shown(workbook, "Sheet1", "B2")).value).toBe(3);
  });

  it("writes into a cell formatted as text as a formula, not as text", async () => {
    const { context, workbook } = await tracking();
    workbook.sheet("Sheet1")!.setCell(1, 1, { value: "", numberFormat: "@" });
    await insertExample(context, "COUNT");
    const cell = await shown(workbook, "Sheet1", "B2");
    expect(cell.formula).toBe(exampleFormula("COUNT", "en"));
    expect(cell.value).toBe(3);
  });

  it("writes into an empty cell of a template sheet outside its tables, in 3 syncs", async () => {
    const { context, fake, workbook } = await tracking();
    workbook.select("Targets", "Z40");
    const inserted = await insertExample(context, "TARGET");
    expect(fake.syncCount).toBe(3);
    expect(inserted.address).toBe("Targets!Z40");
    expect((await shown(workbook, "Targets", "Z40")).value).toBe(100);
  });
});

describe("what it refuses, writing nothing", () => {
  it.each([
    ["a value", { value: "my note" }],
    ["a number", { value: 0 }],
    ["a formula that shows nothing", { value: "", formula: '=""' }],
  ])("a cell that holds %s", async (_, state) => {
    const { context, workbook } = await tracking();
    workbook.sheet("Sheet1")!.setCell(1, 1, state);
    await expect(insertExample(context, "COUNT")).rejects.toEqual(new CellNotEmptyError("Sheet1!B2"));
    expect(workbook.sheet("Sheet1")!.getCell(1, 1)).toEqual(state);
  });

  it("a selection of more than one cell, even an empty one", async () => {
    const { context, workbook } = await tracking();
    workbook.select("Sheet1", "B2:C3");
    await expect(insertExample(context, "COUNT")).rejects.toEqual(new NotOneCellError("Sheet1!B2:C3"));
    expect(workbook.sheet("Sheet1")!.cells.size).toBe(0);
  });

  it.each([
    ["several areas", (workbook: FakeWorkbook) => workbook.select("Sheet1", "B2", "D4")],
    ["a chart", (workbook: FakeWorkbook) => void (workbook.selection = "object")],
  ])("a selection of %s (Excel's InvalidSelection)", async (_, select) => {
    const { context, workbook } = await tracking();
    select(workbook);
    const refused = await insertExample(context, "COUNT").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotOneCellError);
    expect((refused as NotOneCellError).address).toBeUndefined();
    expect(workbook.sheet("Sheet1")!.cells.size).toBe(0);
  });

  it("an empty cell inside a table, where Excel may fill the formula down the column", async () => {
    const { context, fake, workbook } = await tracking();
    const register = workbook.table("tblRegister")!;
    const notes = register.columnIndex("Notes");
    const before = register.dataValues().map((row) => row[notes]);
    expect(before[0]).toBe("");
    workbook.select(register.sheet.rawName, cellAddress(register.headerRow + 1, register.column + notes));
    await expect(insertExample(context, "COUNT")).rejects.toBeInstanceOf(CellInTableError);
    expect(fake.syncCount).toBe(2);
    expect(register.dataFormulas().map((row) => row[notes])).toEqual(before.map(() => undefined));
    expect(register.dataValues().map((row) => row[notes])).toEqual(before);
  });

  it("a workbook without the tracking tables, which the example names", async () => {
    const { context, workbook } = fakeExcel();
    workbook.select("Sheet1", "B2");
    await expect(insertExample(context, "COUNT")).rejects.toBeInstanceOf(NotATrackingWorkbookError);
    expect(workbook.sheet("Sheet1")!.cells.size).toBe(0);
  });

  it("a Register whose Status column was renamed, naming that column", async () => {
    const { context, workbook } = await tracking();
    const register = workbook.table("tblRegister")!;
    register.sheet.setCell(register.headerRow, register.column + register.columnIndex("Status"), {
      value: "State",
    });
    await expect(insertExample(context, "COUNT")).rejects.toMatchObject({
      name: "MissingColumnError",
      header: { en: "Status" },
      table: { en: "Register" },
    });
    expect(workbook.sheet("Sheet1")!.cells.size).toBe(0);
  });
});
