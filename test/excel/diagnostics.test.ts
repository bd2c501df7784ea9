/** The check of this Excel, against the Excel double: each check's result, and nothing left behind. */
import {
  CHECK_PREFIX,
  type CheckResult,
  DIAGNOSTICS_MAX_SYNCS,
  type DiagnosticsEnvironment,
  FUNCTION_FORMULA,
  FUNCTION_READ_DELAY_MS,
  FUNCTION_READS,
  FUNCTION_RESULT,
  officeDocumentSettings,
  officeInfo,
  runDiagnostics,
} from "../../src/excel/diagnostics";
import { translator } from "../../src/taskpane/i18n";
import { checkDetail } from "../../src/taskpane/diagnostics-text";
import { calculate, countingRun, documentSettings, OFFICE_INFO } from "../support/diagnostics-double";
import { type CellValue, FakeNamedItem, FakeWorkbook } from "../support/excel-double";
import { dumpWorkbook } from "../support/excel-fixtures";

const NOW = new Date("2024-05-06T09:30:00Z");
const SUFFIX = "t3st0001";
const SHEET = `${CHECK_PREFIX}_${SUFFIX}`;

/** A workbook of someone's own: two sheets, one hidden, a table, a defined name and a saved setting. */
function usersWorkbook(): FakeWorkbook {
  const workbook = FakeWorkbook.withSheets("Budget", "Notes");
  const budget = workbook.sheet("Budget")!;
  budget.setCell(0, 0, { value: "Item" });
  budget.setCell(0, 1, { value: "Amount" });
  budget.setCell(1, 0, { value: "Rent" });
  budget.setCell(1, 1, { value: 1200 });
  budget.setCell(3, 1, { value: "", formula: "=SUM(B2:B3)" });
  workbook.sheet("Notes")!.rawVisibility = "Hidden";
  workbook.names.all.push(new FakeNamedItem("Rent", "='Budget'!$B$2"));
  workbook.settings.set("theirs", "kept");
  return workbook;
}

function setUp(
  /** What the add-in's function shows, read after read; null: the double calculates nothing. */
  functionResults: CellValue[] | null = ["#BUSY!", FUNCTION_RESULT],
  options: { before?: (batch: number) => void; workbook?: FakeWorkbook } = {},
) {
  const workbook = options.workbook ?? usersWorkbook();
  const calculation = functionResults ? calculate(workbook, functionResults) : undefined;
  const counting = countingRun(workbook, options.before);
  const settings = documentSettings(workbook);
  const waits: number[] = [];
  const env: DiagnosticsEnvironment = {
    isSetSupported: () => true,
    settings: settings.api,
    office: () => OFFICE_INFO,
    wait: async (ms) => void waits.push(ms),
    suffix: () => SUFFIX,
    now: () => NOW,
  };
  const before = {
    cells: dumpWorkbook(workbook),
    sheets: workbook.sheets.map((s) => [s.rawName, s.rawVisibility]),
    tables: workbook.allTables.map((t) => t.rawName),
    names: workbook.names.all.map((n) => [n.rawName, n.rawFormula]),
    settings: Object.fromEntries(workbook.settings),
  };
  return { workbook, calculation, ...counting, settings, waits, env, before };
}

type Setup = ReturnType<typeof setUp>;

/** The workbook is as it was: every sheet, cell, table, name and saved setting. */
function expectUntouched({ workbook, before }: Setup) {
  expect(workbook.sheets.map((s) => [s.rawName, s.rawVisibility])).toEqual(before.sheets);
  expect(dumpWorkbook(workbook)).toEqual(before.cells);
  expect(workbook.allTables.map((t) => t.rawName)).toEqual(before.tables);
  expect(workbook.names.all.map((n) => [n.rawName, n.rawFormula])).toEqual(before.names);
  expect(Object.fromEntries(workbook.settings)).toEqual(before.settings);
  // The user's workbook had no rules or formats, and has none now.
  expect(workbook.sheets.flatMap((s) => [...s.validations, ...s.prompts, ...s.conditionalFormats])).toEqual(
    [],
  );
}

const statuses = (checks: readonly CheckResult[]) =>
  checks.map((c) => `${c.id}${c.requirement ? ` ${c.requirement.version}` : ""}: ${c.status}`);

const find = (checks: readonly CheckResult[], id: CheckResult["id"]) => checks.find((c) => c.id === id)!;

describe("on an Excel where everything works", () => {
  it("passes every check, in order, and leaves the workbook as it was", async () => {
    const setup = setUp();
    const report = await runDiagnostics(setup.run, setup.env);
    expect(statuses(report.checks)).toEqual([
      "requirement 1.6: pass",
      "requirement 1.7: pass",
      "requirement 1.8: pass",
      "requirement 1.9: pass",
      "requirement 1.13: pass",
      "settings: pass",
      "sheet: pass",
      "table: pass",
      "validation: pass",
      "conditionalFormats: pass",
      "names: pass",
      "function: pass",
      "cleanup: pass",
    ]);
    expect(report.checks.every((c) => c.detail === undefined)).toBe(true);
    expect(report.checks.find((c) => c.requirement?.version === "1.8")!.requirement!.required).toBe(true);
    expect(report.office).toEqual(OFFICE_INFO);
    expect(report.checkedAt).toBe("2024-05-06T09:30:00.000Z");
    expect(report.sheetName).toBe(SHEET);
    expect(report.functionFormula).toBe('=SHONLINE.TARGET("PLATFORMS")');
    expectUntouched(setup);
  });

  it("works on a hidden sheet of its own, with a table, a list over its name, rules and formats", async () => {
    const setup = setUp();
    const seen: Record<string, unknown> = {};
    // The middle of the check: the function's cell is read after the other checks ran.
    setup.calculation!.whileFunctionReads(() => {
      const sheet = setup.workbook.sheet(SHEET)!;
      Object.assign(seen, {
        visibility: sheet.rawVisibility,
        tables: setup.workbook.allTables.filter((t) => t.sheet === sheet).map((t) => t.rawName),
        list: setup.workbook.names.find(`${CHECK_PREFIX}List_${SUFFIX}`)?.rawFormula,
        nameDeleted: setup.workbook.names.find(`${CHECK_PREFIX}Name_${SUFFIX}`) === undefined,
        rules: sheet.validations.map((v) => Object.keys(v.rule as object)[0]),
        prompts: sheet.prompts.length,
        formats: sheet.conditionalFormats.map((f) => f.type),
      });
    });
    await runDiagnostics(setup.run, setup.env);
    expect(seen).toEqual({
      visibility: "Hidden",
      tables: [`${CHECK_PREFIX}Table_${SUFFIX}`],
      list: `='${SHEET}'!$F$1:$F$3`,
      nameDeleted: true,
      rules: ["list", "custom"],
      prompts: 1,
      formats: ["DataBar", "ContainsText"],
    });
    expect(setup.calculation!.evaluated).toContain(`=SUM(${CHECK_PREFIX}Table_${SUFFIX}[Value])`);
    expect(setup.calculation!.evaluated).toContain(FUNCTION_FORMULA);
  });

  it("sets, saves and reads back a throwaway document setting, then removes it", async () => {
    const setup = setUp();
    await runDiagnostics(setup.run, setup.env);
    expect(setup.settings.saves).toEqual([
      { theirs: "kept", [`${CHECK_PREFIX}_${SUFFIX}`]: "check 2024-05-06T09:30:00.000Z" },
      { theirs: "kept" },
    ]);
  });

  it("waits out #BUSY! with one pause, in one batch per check and a bounded number of syncs", async () => {
    const setup = setUp();
    await runDiagnostics(setup.run, setup.env);
    expect(setup.waits).toEqual([FUNCTION_READ_DELAY_MS]);
    // sheet, table, validation, conditional formats, names, function, clean-up
    expect(setup.contexts).toHaveLength(7);
    // 2 + 1 + 1 + 1 + 2 + 2 (one #BUSY! read) + 2
    expect(setup.syncs()).toBe(11);
    expect(setup.syncs()).toBeLessThanOrEqual(DIAGNOSTICS_MAX_SYNCS);
    expect(setup.contexts.flatMap((c) => c.failures)).toEqual([]);
  });

  it("picks names no sheet, table or name of the workbook uses", async () => {
    const workbook = usersWorkbook();
    const theirs = workbook.addSheet(`${CHECK_PREFIX}_first001`);
    theirs.setCell(0, 0, { value: "mine" });
    const setup = setUp([FUNCTION_RESULT], { workbook });
    const suffixes = ["first001", "second02"];
    const report = await runDiagnostics(setup.run, { ...setup.env, suffix: () => suffixes.shift() ?? "x" });
    expect(report.sheetName).toBe(`${CHECK_PREFIX}_second02`);
    expect(report.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expectUntouched(setup);
  });
});

describe("what fails is reported, and the temporary sheet goes whatever happens", () => {
  it("a function showing #NAME?: the functions are not loaded", async () => {
    const setup = setUp(["#NAME?"]);
    const report = await runDiagnostics(setup.run, setup.env);
    const check = find(report.checks, "function");
    expect(check).toEqual({ id: "function", status: "fail", detail: { kind: "notLoaded", value: "#NAME?" } });
    expect(checkDetail(check, report, translator("en"))).toMatch(
      /^Showed #NAME\?: the add-in's functions are not loaded in this Excel\./,
    );
    expect(checkDetail(check, report, translator("zh"))).toContain("此 Excel 中未加载本加载项的函数");
    expect(setup.waits).toEqual([]);
    expect(report.checks.filter((c) => c.status !== "pass").map((c) => c.id)).toEqual(["function"]);
    expectUntouched(setup);
  });

  it("with no calculation at all (evaluate unset), both formulas fail with what they showed", async () => {
    const setup = setUp(null);
    const report = await runDiagnostics(setup.run, setup.env);
    expect(find(report.checks, "table").detail).toEqual({ kind: "shown", value: "", expected: "42" });
    expect(find(report.checks, "function")).toMatchObject({
      status: "fail",
      detail: { kind: "shown", value: "", expected: String(FUNCTION_RESULT) },
    });
    expect(checkDetail(find(report.checks, "function"), report, translator("en"))).toBe(
      "Showed (empty) instead of 20.",
    );
    expect(find(report.checks, "cleanup").status).toBe("pass");
    expectUntouched(setup);
  });

  it("a function still #BUSY! after every read: fails after a bounded number of reads", async () => {
    const setup = setUp(["#BUSY!"]);
    const report = await runDiagnostics(setup.run, setup.env);
    expect(find(report.checks, "function").detail).toEqual({ kind: "stillBusy", reads: FUNCTION_READS });
    expect(setup.waits).toHaveLength(FUNCTION_READS - 1);
    expect(setup.syncs()).toBe(DIAGNOSTICS_MAX_SYNCS);
    expectUntouched(setup);
  });

  it("a check Excel refuses midway (a clashing name) fails with Excel's code; the others still run", async () => {
    // Someone defines the name the list check is about to add, after the check chose its names.
    const workbook = usersWorkbook();
    const setup = setUp([FUNCTION_RESULT], {
      workbook,
      before: (batch) => {
        if (batch === 2)
          workbook.names.all.push(new FakeNamedItem(`${CHECK_PREFIX}List_${SUFFIX}`, "='Budget'!$A$2"));
      },
    });
    const report = await runDiagnostics(setup.run, setup.env);
    const validation = find(report.checks, "validation");
    expect(validation.status).toBe("fail");
    expect(validation.detail).toMatchObject({ kind: "error", code: "ItemAlreadyExists" });
    expect(checkDetail(validation, report, translator("en"))).toMatch(
      /^Error ItemAlreadyExists: .*\(in names\.add\)$/,
    );
    expect(report.checks.filter((c) => c.status !== "pass").map((c) => c.id)).toEqual(["validation"]);
    // The validation batch wrote its list before names.add failed: gone with the sheet.
    expect(workbook.sheet(SHEET)).toBeUndefined();
    // The clashing name is not the check's (it refers to Budget): it stays.
    expect(workbook.names.all.map((n) => [n.rawName, n.rawFormula])).toEqual([
      ...setup.before.names,
      [`${CHECK_PREFIX}List_${SUFFIX}`, "='Budget'!$A$2"],
    ]);
    expect(workbook.sheets.map((s) => s.rawName)).toEqual(["Budget", "Notes"]);
    expect(dumpWorkbook(workbook)).toEqual(setup.before.cells);
  });

  it("a hidden sheet that cannot be added (a protected workbook): the sheet's checks are not run", async () => {
    const workbook = usersWorkbook();
    workbook.protected = true;
    const setup = setUp(null, { workbook });
    const report = await runDiagnostics(setup.run, setup.env);
    expect(find(report.checks, "sheet")).toMatchObject({
      status: "fail",
      detail: { kind: "error", code: "AccessDenied", location: expect.stringContaining("worksheets.add") },
    });
    for (const id of ["table", "validation", "conditionalFormats", "names", "function"] as const)
      expect(find(report.checks, id)).toEqual({ id, status: "skipped", detail: { kind: "noSheet" } });
    expect(find(report.checks, "settings").status).toBe("pass");
    expect(find(report.checks, "cleanup").status).toBe("pass");
    expect(checkDetail(find(report.checks, "table"), report, translator("zh"))).toBe(
      "未运行：无法添加临时工作表。",
    );
    expectUntouched(setup);
  });

  it("a sheet that cannot be removed is reported by its name, for the person to delete", async () => {
    const workbook = usersWorkbook();
    const setup = setUp([FUNCTION_RESULT], {
      workbook,
      // The clean-up's batch is the 7th: by then the workbook's structure is protected.
      before: (batch) => void (batch === 7 && (workbook.protected = true)),
    });
    const report = await runDiagnostics(setup.run, setup.env);
    const cleanup = find(report.checks, "cleanup");
    expect(cleanup).toMatchObject({ status: "fail", detail: { code: "AccessDenied" } });
    expect(checkDetail(cleanup, report, translator("en"))).toMatch(
      new RegExp(
        `^The sheet ${SHEET} could not be removed \\(Error AccessDenied: .*\\)\\. Delete it yourself`,
      ),
    );
  });

  it("document settings that cannot be saved fail that check alone, and the setting is still removed", async () => {
    const setup = setUp([FUNCTION_RESULT]);
    const removed: string[] = [];
    const report = await runDiagnostics(setup.run, {
      ...setup.env,
      settings: {
        ...setup.settings.api,
        remove: (name) => void removed.push(name),
        save: async () => {
          throw new Error("The settings could not be saved.");
        },
      },
    });
    expect(find(report.checks, "settings")).toEqual({
      id: "settings",
      status: "fail",
      detail: { kind: "error", message: "The settings could not be saved." },
    });
    expect(removed).toEqual([`${CHECK_PREFIX}_${SUFFIX}`]);
    expect(report.checks.filter((c) => c.status !== "pass").map((c) => c.id)).toEqual(["settings"]);
    expectUntouched(setup);
  });

  it("requirement sets: ExcelApi 1.8 missing fails; the others missing are information only", async () => {
    const setup = setUp([FUNCTION_RESULT]);
    const report = await runDiagnostics(setup.run, {
      ...setup.env,
      isSetSupported: (set, version) => set === "ExcelApi" && ["1.6", "1.7"].includes(version),
    });
    expect(statuses(report.checks.filter((c) => c.id === "requirement"))).toEqual([
      "requirement 1.6: pass",
      "requirement 1.7: pass",
      "requirement 1.8: fail",
      "requirement 1.9: unavailable",
      "requirement 1.13: unavailable",
    ]);
    const t = translator("en");
    const [, , needed, optional] = report.checks;
    expect(checkDetail(needed, report, t)).toBe(
      "This Excel lacks it. Update Excel, or use Excel on the web.",
    );
    expect(checkDetail(optional, report, t)).toBe("Not in this Excel; the add-in works without it.");
  });

  it("Office's version unknown (no diagnostics): the report says so instead of failing", async () => {
    const setup = setUp([FUNCTION_RESULT]);
    const report = await runDiagnostics(setup.run, {
      ...setup.env,
      office: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'version')");
      },
    });
    expect(report.office).toEqual({ version: "", platform: "", host: "" });
  });
});

describe("over office.js", () => {
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  function installOffice(saveStatus = "succeeded") {
    const saved: Record<string, unknown> = {};
    let memory: Record<string, unknown> = {};
    (globalThis as { Office?: unknown }).Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        diagnostics: { version: "16.0.1", platform: "Mac", host: "Excel" },
        document: {
          settings: {
            get: (name: string) => (name in memory ? memory[name] : null),
            set: (name: string, value: unknown) => void (memory[name] = value),
            remove: (name: string) => void delete memory[name],
            saveAsync: (done: (result: { status: string; error?: { message: string } }) => void) => {
              if (saveStatus !== "succeeded")
                return done({ status: "failed", error: { message: "read-only" } });
              for (const key of Object.keys(saved)) delete saved[key];
              Object.assign(saved, memory);
              memory = { ...memory };
              done({ status: "succeeded" });
            },
          },
        },
      },
    };
    return saved;
  }

  it("reads Office.context.diagnostics", () => {
    installOffice();
    expect(officeInfo()).toEqual({ version: "16.0.1", platform: "Mac", host: "Excel" });
  });

  it("sets, saves, reads and removes document settings", async () => {
    const saved = installOffice();
    officeDocumentSettings.set("a", 1);
    await officeDocumentSettings.save();
    expect(saved).toEqual({ a: 1 });
    expect(officeDocumentSettings.get("a")).toBe(1);
    officeDocumentSettings.remove("a");
    await officeDocumentSettings.save();
    expect(saved).toEqual({});
    expect(officeDocumentSettings.get("a")).toBeNull();
  });

  it("passes a failed save on with Office's message", async () => {
    installOffice("failed");
    await expect(officeDocumentSettings.save()).rejects.toThrow("read-only");
  });
});
