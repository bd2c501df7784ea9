import { isoToSerial } from "../../src/core/dates";
import { columnFormula } from "../../src/core/template/formulas";
import { tableSpec } from "../../src/core/template/template";
import { applyTemplate } from "../../src/excel/apply-template";
import {
  FROZEN_NAME,
  freezeAddInCells,
  loadAddInWithWorkbook,
  NotComputedError,
  unfreezeAddInCells,
} from "../../src/excel/sharing";
import { NotATrackingWorkbookError } from "../../src/excel/tables";
import { fakeExcel } from "../support/excel-fixtures";

const TARGETS = tableSpec("targets");
const FORECAST = TARGETS.columns.findIndex((c) => c.id === "forecast");
const FORECAST_DATE = TARGETS.columns.findIndex((c) => c.id === "forecastDate");

async function trackingWithComputedForecasts() {
  const excel = fakeExcel();
  await applyTemplate(excel.context, "en");
  const targets = excel.workbook.table("tblTargets")!;
  // What Excel shows once the add-in computed the cells (the double computes no formula itself).
  for (let r = 0; r < 6; r++) {
    const forecast = targets.sheet.getCell(targets.headerRow + 1 + r, targets.column + FORECAST)!;
    forecast.value = 10 + r;
    const date = targets.sheet.getCell(targets.headerRow + 1 + r, targets.column + FORECAST_DATE)!;
    date.value = r === 5 ? "#N/A" : 45000 + r;
  }
  excel.workbook.sheet("About")!.setCell(1, 1, { value: isoToSerial("2021-06-30") });
  excel.fake.reset();
  return { ...excel, targets };
}

describe("freezing the add-in cells for recipients without the add-in", () => {
  it("writes the computed values in place and stamps the as-of date, in 2 syncs", async () => {
    const { context, fake, workbook, targets } = await trackingWithComputedForecasts();
    const stamp = await freezeAddInCells(context, "en");
    expect(fake.syncCount).toBe(2);
    expect(stamp).toBe(isoToSerial("2021-06-30"));
    expect(targets.dataFormulas().map((r) => r[FORECAST])).toEqual(Array(6).fill(undefined));
    expect(targets.dataValues().map((r) => r[FORECAST])).toEqual([10, 11, 12, 13, 14, 15]);
    expect(targets.dataValues()[5][FORECAST_DATE]).toBe("#N/A");
    expect(workbook.names.find(FROZEN_NAME)!.rawFormula).toBe(`=${isoToSerial("2021-06-30")}`);
    // every native formula is untouched
    expect(targets.dataFormulas()[0][TARGETS.columns.findIndex((c) => c.id === "actual")]).toMatch(
      /^=COUNTIFS/,
    );
  });

  it("refuses when the add-in did not compute the cells here, changing nothing", async () => {
    const { context, targets } = await trackingWithComputedForecasts();
    targets.sheet.getCell(targets.headerRow + 2, targets.column + FORECAST)!.value = "#NAME?";
    const before = targets.dataFormulas();
    await expect(freezeAddInCells(context, "en")).rejects.toEqual(new NotComputedError(["Forecast"]));
    expect(targets.dataFormulas()).toEqual(before);
  });

  it("unfreezing restores the template's formulas and removes the stamp", async () => {
    const { context, workbook, targets } = await trackingWithComputedForecasts();
    await freezeAddInCells(context, "en");
    await unfreezeAddInCells(context, "en");
    expect(targets.dataFormulas().map((r) => r[FORECAST])).toEqual(
      Array(6).fill(columnFormula(TARGETS, TARGETS.columns[FORECAST], "en")),
    );
    expect(targets.dataFormulas().map((r) => r[FORECAST_DATE])).toEqual(
      Array(6).fill(columnFormula(TARGETS, TARGETS.columns[FORECAST_DATE], "en")),
    );
    expect(workbook.names.find(FROZEN_NAME)).toBeUndefined();
  });

  it("says plainly when there is no tracking workbook", async () => {
    const { context } = fakeExcel();
    await expect(freezeAddInCells(context, "en")).rejects.toBeInstanceOf(NotATrackingWorkbookError);
  });
});

describe("loading the add-in with the workbook", () => {
  it("sets the startup behaviour and the auto-open document setting", async () => {
    const calls: string[] = [];
    await loadAddInWithWorkbook({
      setStartupBehavior: async (load) => void calls.push(`startup ${load}`),
      setDocumentSetting: async (name, value) => void calls.push(`${name}=${String(value)}`),
    });
    expect(calls).toEqual(["startup true", "Office.AutoShowTaskpaneWithDocument=true"]);
  });
});
