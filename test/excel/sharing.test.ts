import { readFileSync } from "fs";
import { join } from "path";
import { isoToSerial } from "../../src/core/dates";
import { columnFormula } from "../../src/core/template/formulas";
import { tableSpec } from "../../src/core/template/template";
import { applyTemplate } from "../../src/excel/apply-template";
import {
  AUTO_SHOW_TASKPANE_SETTING,
  FROZEN_NAME,
  freezeAddInCells,
  loadAddInWithWorkbook,
  NotComputedError,
  officeStartupApi,
  type StartupApi,
  stopLoadingAddInWithWorkbook,
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

  it("names a renamed Forecast column instead of saying the workbook has no template", async () => {
    const { context, targets } = await trackingWithComputedForecasts();
    targets.sheet.setCell(targets.headerRow, targets.column + FORECAST, { value: "My forecast" });
    await expect(freezeAddInCells(context, "en")).rejects.toMatchObject({
      name: "MissingColumnError",
      header: { en: "Forecast" },
      table: { en: "Targets" },
    });
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
  /** A StartupApi that records each call, in order. */
  function recordingStartup() {
    const calls: string[] = [];
    const api: StartupApi = {
      setStartupBehavior: async (load) => void calls.push(`startup ${load ? "load" : "none"}`),
      setDocumentSetting: async (name, value) => void calls.push(`${name}=${String(value)}`),
    };
    return { api, calls };
  }

  it("sets the startup behaviour and the auto-open document setting", async () => {
    const { api, calls } = recordingStartup();
    await loadAddInWithWorkbook(api);
    expect(calls).toEqual(["startup load", "Office.AutoShowTaskpaneWithDocument=true"]);
  });

  it("can be turned off again: startup behaviour none and the document setting false", async () => {
    const { api, calls } = recordingStartup();
    await loadAddInWithWorkbook(api);
    await stopLoadingAddInWithWorkbook(api);
    expect(calls.slice(2)).toEqual(["startup none", "Office.AutoShowTaskpaneWithDocument=false"]);
  });

  it("names the setting by the TaskpaneId of the manifest's button, the only pane Office opens for it", () => {
    expect(AUTO_SHOW_TASKPANE_SETTING).toBe("Office.AutoShowTaskpaneWithDocument");
    const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
    expect(manifest).toContain(`<TaskpaneId>${AUTO_SHOW_TASKPANE_SETTING}</TaskpaneId>`);
  });

  it("over office.js: Office.StartupBehavior load or none, and the setting saved in the document", async () => {
    const calls: string[] = [];
    const saved: Record<string, unknown> = {};
    let pending: Record<string, unknown> = {};
    (globalThis as { Office?: unknown }).Office = {
      StartupBehavior: { load: "Load", none: "None" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      addin: { setStartupBehavior: async (behavior: string) => void calls.push(`startup ${behavior}`) },
      context: {
        document: {
          settings: {
            set: (name: string, value: unknown) => void (pending[name] = value),
            saveAsync: (done: (result: { status: string }) => void) => {
              Object.assign(saved, pending);
              pending = {};
              done({ status: "succeeded" });
            },
          },
        },
      },
    };
    try {
      await loadAddInWithWorkbook(officeStartupApi);
      expect(saved).toEqual({ [AUTO_SHOW_TASKPANE_SETTING]: true });
      await stopLoadingAddInWithWorkbook(officeStartupApi);
      expect(calls).toEqual(["startup Load", "startup None"]);
      expect(saved).toEqual({ [AUTO_SHOW_TASKPANE_SETTING]: false });
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });

  it("passes a failure to save the setting on, having asked for the startup behaviour first", async () => {
    const { api, calls } = recordingStartup();
    const failing: StartupApi = {
      ...api,
      setDocumentSetting: async () => {
        throw new Error("The settings could not be saved.");
      },
    };
    await expect(stopLoadingAddInWithWorkbook(failing)).rejects.toThrow("could not be saved");
    expect(calls).toEqual(["startup none"]);
  });
});
