import { readFileSync } from "fs";
import { join } from "path";
import type { Language } from "../../src/core/language";
import { applyTemplate } from "../../src/excel/apply-template";
import {
  AUTO_SHOW_TASKPANE_SETTING,
  loadAddInWithWorkbook,
  officeStartupApi,
  type StartupApi,
  stopLoadingAddInWithWorkbook,
} from "../../src/excel/sharing";
import { fakeExcel } from "../support/excel-fixtures";

describe("a tracking workbook sent to people without the add-in", () => {
  // Why the pane offers no freezing of add-in cells: the template has none to freeze.
  it.each<Language>(["en", "zh"])(
    "has no cell or name that calls an add-in function (%s)",
    async (language) => {
      const { context, workbook } = fakeExcel();
      await applyTemplate(context, language);
      const cells = workbook.sheets.flatMap((sheet) =>
        [...sheet.cells.values()].map((cell) => cell.formula ?? ""),
      );
      expect(cells.filter((formula) => formula.startsWith("=")).length).toBeGreaterThan(50);
      expect(cells.filter((formula) => /SHONLINE\./i.test(formula))).toEqual([]);
      expect(workbook.names.all.filter((name) => /SHONLINE\./i.test(name.rawFormula))).toEqual([]);
    },
  );
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
