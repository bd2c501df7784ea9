/**
 * "Check this Excel": runs each kind of call the add-in makes, on a temporary hidden worksheet,
 * and reports pass or fail for each, with Excel's error code and message where one fails. For a
 * support request, and for a person wondering why the pane cannot do something here.
 *
 * Each check is its own Excel.run batch, so one that fails does not stop the others. A failed
 * batch keeps what ran before the statement that failed, so the temporary sheet, and the names
 * made on it, are removed afterwards whatever happened (a name outlives its sheet in Excel,
 * showing #REF!, so names are deleted first, one by one). Nothing else of the workbook is touched.
 *
 * Round trips: 2 to add the sheet, 1 each for the table, validation and conditional formats, 2 for
 * names, 1 to 10 for the add-in's function (re-read while Excel shows #BUSY!), 1 or 2 to clean up:
 * at most DIAGNOSTICS_MAX_SYNCS.
 */
import { goalById } from "../core/plan";
import { rangeFormula } from "../core/template/cell-text";
import { INFORMATION_REQUIREMENTS, type Requirement, REQUIREMENTS, type SetSupported } from "./requirements";

/** Excel.run's one-batch form: runs `batch` in a fresh request context. */
export type ExcelBatchRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Office.context.diagnostics: which Office this is. */
export interface OfficeInfo {
  readonly version: string;
  readonly platform: string;
  readonly host: string;
}

/** The document settings of Office.context.document.settings: an in-memory copy, saved on request. */
export interface DocumentSettingsApi {
  /** The setting's value, or null (or undefined) when there is none. */
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  /** Saves the in-memory copy into the document. */
  save(): Promise<void>;
}

export type CheckId =
  | "requirement"
  | "settings"
  | "sheet"
  | "table"
  | "validation"
  | "conditionalFormats"
  | "names"
  | "function"
  | "cleanup";

/**
 * pass and fail; "unavailable": a requirement set the add-in does not need is absent;
 * "skipped": not run, because the temporary sheet it works on could not be added.
 */
export type CheckStatus = "pass" | "fail" | "unavailable" | "skipped";

export type CheckDetail =
  /** Excel (or Office) refused: its error code, message and the statement that failed. */
  | { readonly kind: "error"; readonly code?: string; readonly message: string; readonly location?: string }
  /** Excel accepted the calls but showed something else than expected. */
  | { readonly kind: "shown"; readonly value: string; readonly expected: string }
  /** The add-in's function showed #NAME?: its functions are not loaded in this Excel. */
  | { readonly kind: "notLoaded"; readonly value: string }
  /** The add-in's function still showed #BUSY! after every read. */
  | { readonly kind: "stillBusy"; readonly reads: number }
  /** A requirement set this Excel lacks. */
  | { readonly kind: "notSupported" }
  /** Not run: the temporary sheet could not be added. */
  | { readonly kind: "noSheet" };

export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** For requirement checks: the set, and whether the add-in needs it. */
  readonly requirement?: Requirement & { readonly required: boolean };
  readonly detail?: CheckDetail;
}

export interface DiagnosticsReport {
  readonly office: OfficeInfo;
  /** When the check ran, ISO 8601 in UTC. */
  readonly checkedAt: string;
  /** The temporary sheet's name (removed by the end of the check). */
  readonly sheetName: string;
  /** The function formula the check entered, and the value it should show. */
  readonly functionFormula: string;
  readonly checks: readonly CheckResult[];
}

export interface DiagnosticsEnvironment {
  readonly isSetSupported: SetSupported;
  readonly settings: DocumentSettingsApi;
  readonly office: () => OfficeInfo;
  /** Waits between two reads of a cell still calculating; a timer unless given. */
  readonly wait?: (ms: number) => Promise<void>;
  /** The random part of the temporary names (letters and digits). */
  readonly suffix?: () => string;
  readonly now?: () => Date;
}

/** The add-in's function the check enters, and what it shows when the functions are loaded. */
const FUNCTION_GOAL = "PLATFORMS";
export const FUNCTION_FORMULA = `=SHONLINE.TARGET("${FUNCTION_GOAL}")`;
export const FUNCTION_RESULT = goalById(FUNCTION_GOAL).target;

/** Reads of the function's cell while it shows #BUSY!, and the pause between two of them. */
export const FUNCTION_READS = 10;
export const FUNCTION_READ_DELAY_MS = 300;

export const DIAGNOSTICS_MAX_SYNCS = 2 + 1 + 1 + 1 + 2 + FUNCTION_READS + 2;

/** Every temporary name starts with this: sheets, tables, defined names, the document setting. */
export const CHECK_PREFIX = "SHONLINE_Check";

/** Tries at a suffix that no sheet, table or name of the workbook already uses. */
const NAME_TRIES = 5;

interface CheckNames {
  readonly suffix: string;
  readonly sheet: string;
  readonly table: string;
  readonly list: string;
  readonly name: string;
  readonly setting: string;
}

function checkNames(suffix: string): CheckNames {
  return {
    suffix,
    sheet: `${CHECK_PREFIX}_${suffix}`,
    table: `${CHECK_PREFIX}Table_${suffix}`,
    list: `${CHECK_PREFIX}List_${suffix}`,
    name: `${CHECK_PREFIX}Name_${suffix}`,
    setting: `${CHECK_PREFIX}_${suffix}`,
  };
}

function randomSuffix(): string {
  let suffix = "";
  while (suffix.length < 8) suffix += Math.random().toString(36).slice(2);
  return suffix.slice(0, 8);
}

/** Excel's error (OfficeExtension.Error) or any other, as a detail. */
export function errorDetail(error: unknown): CheckDetail {
  if (typeof error === "object" && error !== null) {
    const { code, message, debugInfo } = error as {
      code?: unknown;
      message?: unknown;
      debugInfo?: { errorLocation?: unknown };
    };
    return {
      kind: "error",
      code: typeof code === "string" && code !== "" ? code : undefined,
      message: typeof message === "string" ? message : String(error),
      location:
        typeof debugInfo?.errorLocation === "string" && debugInfo.errorLocation !== ""
          ? debugInfo.errorLocation
          : undefined,
    };
  }
  return { kind: "error", message: String(error) };
}

const shown = (value: unknown, expected: unknown): CheckDetail => ({
  kind: "shown",
  value: String(value ?? ""),
  expected: String(expected),
});

/** Runs one check: its result, or a failure carrying the error it threw. */
async function attempt(id: CheckId, check: () => Promise<CheckDetail | undefined>): Promise<CheckResult> {
  try {
    const detail = await check();
    return detail ? { id, status: "fail", detail } : { id, status: "pass" };
  } catch (error) {
    return { id, status: "fail", detail: errorDetail(error) };
  }
}

/** "1.6" before "1.13": versions compared part by part. */
function versionOrder(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function requirementChecks(isSetSupported: SetSupported): CheckResult[] {
  const sets = [
    ...REQUIREMENTS.map((r) => ({ ...r, required: true })),
    ...INFORMATION_REQUIREMENTS.map((r) => ({ ...r, required: false })),
  ].sort((a, b) => versionOrder(a.version, b.version));
  return sets.map((requirement): CheckResult => {
    try {
      if (isSetSupported(requirement.set, requirement.version))
        return { id: "requirement", status: "pass", requirement };
      return {
        id: "requirement",
        status: requirement.required ? "fail" : "unavailable",
        requirement,
        detail: { kind: "notSupported" },
      };
    } catch (error) {
      return { id: "requirement", status: "fail", requirement, detail: errorDetail(error) };
    }
  });
}

/** Set, save, read back and remove a throwaway document setting. */
async function checkSettings(
  settings: DocumentSettingsApi,
  names: CheckNames,
  value: string,
): Promise<CheckDetail | undefined> {
  let result: CheckDetail | undefined;
  try {
    settings.set(names.setting, value);
    await settings.save();
    const back = settings.get(names.setting);
    if (back !== value) result = shown(back, value);
  } finally {
    // Removed whatever happened; a failure to remove is the check's failure unless it failed already.
    try {
      settings.remove(names.setting);
      await settings.save();
    } catch (error) {
      if (result === undefined) result = errorDetail(error);
    }
  }
  return result;
}

/** Finds names no sheet, table or defined name uses, then adds the hidden sheet (2 syncs). */
async function addCheckSheet(
  context: Excel.RequestContext,
  nextSuffix: () => string,
  chosen: (names: CheckNames) => void,
): Promise<void> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  const definedNames = context.workbook.names.load("items/name");
  await context.sync();
  // Sheets, tables and defined names: any clash with one of them would fail a check for nothing.
  const used = new Set(
    [...sheets.items, ...tables.items, ...definedNames.items].map((item) => item.name.toLowerCase()),
  );
  const free = (candidate: CheckNames) =>
    [candidate.sheet, candidate.table, candidate.list, candidate.name].every(
      (name) => !used.has(name.toLowerCase()),
    );
  let names = checkNames(nextSuffix());
  for (let i = 1; i < NAME_TRIES && !free(names); i++) names = checkNames(nextSuffix());
  if (!free(names)) throw new Error(`No free name for the temporary sheet (tried ${NAME_TRIES} names).`);
  chosen(names);
  const sheet = context.workbook.worksheets.add(names.sheet);
  sheet.visibility = "Hidden";
  await context.sync();
}

const TABLE_BLOCK = [
  ["Item", "Value"],
  ["first", 12],
  ["second", 30],
];
const TABLE_SUM = 42;

/** A table with headers and rows, and a formula with a structured reference to it, read back (1 sync). */
async function checkTable(
  context: Excel.RequestContext,
  names: CheckNames,
): Promise<CheckDetail | undefined> {
  const sheet = context.workbook.worksheets.getItem(names.sheet);
  const block = sheet.getRange("A1:B3");
  block.values = TABLE_BLOCK;
  const table = sheet.tables.add(sheet.getRange("A1:B3"), true);
  table.name = names.table;
  const cell = sheet.getRange("D1");
  cell.formulas = [[`=SUM(${names.table}[Value])`]];
  cell.load("values");
  await context.sync();
  const value = cell.values[0][0];
  return value === TABLE_SUM ? undefined : shown(value, TABLE_SUM);
}

/** A drop-down list over a defined name made here, a custom rule, and an input prompt (1 sync). */
async function checkValidation(context: Excel.RequestContext, names: CheckNames): Promise<undefined> {
  const sheet = context.workbook.worksheets.getItem(names.sheet);
  const items = sheet.getRange("F1:F3");
  items.values = [["one"], ["two"], ["three"]];
  // By address, as the template adds its names (office-js issues 1345, 2078: Range objects fail).
  context.workbook.names.add(names.list, rangeFormula(names.sheet, 0, 5, 3));
  const listCell = sheet.getRange("G1");
  listCell.dataValidation.rule = { list: { inCellDropDown: true, source: `=${names.list}` } };
  listCell.dataValidation.prompt = {
    showPrompt: true,
    title: "SHONLINE check",
    message: "Choose one of the list.",
  };
  sheet.getRange("G2").dataValidation.rule = { custom: { formula: "=ISNUMBER(G2)" } };
  await context.sync();
  return undefined;
}

/** A data bar and a contains-text rule with its colours (1 sync). */
async function checkConditionalFormats(context: Excel.RequestContext, names: CheckNames): Promise<undefined> {
  const sheet = context.workbook.worksheets.getItem(names.sheet);
  const bars = sheet.getRange("I1:I3");
  bars.values = [[0.2], [0.5], [1]];
  bars.conditionalFormats.add("DataBar");
  const texts = sheet.getRange("J1:J2");
  texts.values = [["Achieved"], ["Behind"]];
  const format = texts.conditionalFormats.add("ContainsText");
  format.textComparison.format.font.color = "#006100";
  format.textComparison.format.fill.color = "#C6EFCE";
  format.textComparison.rule = { operator: "Contains", text: "Achieved" };
  await context.sync();
  return undefined;
}

const NAMED_VALUE = 7;

/** A defined name over a cell: added, read back (its formula and the cell through it), deleted (2 syncs). */
async function checkNamesApi(
  context: Excel.RequestContext,
  names: CheckNames,
): Promise<CheckDetail | undefined> {
  const sheet = context.workbook.worksheets.getItem(names.sheet);
  const cell = sheet.getRange("L1");
  cell.values = [[NAMED_VALUE]];
  const added = context.workbook.names
    .add(names.name, rangeFormula(names.sheet, 0, 11, 1))
    .load("name,formula");
  const through = context.workbook.names.getItem(names.name).getRange().load("values");
  await context.sync();
  const readBack = !added.formula.toLowerCase().includes(names.sheet.toLowerCase())
    ? shown(added.formula, rangeFormula(names.sheet, 0, 11, 1))
    : through.values[0][0] !== NAMED_VALUE
      ? shown(through.values[0][0], NAMED_VALUE)
      : undefined;
  // Deleted whatever was read back: the clean-up removes only names it finds on the temporary sheet.
  context.workbook.names.getItem(names.name).delete();
  const gone = context.workbook.names.getItemOrNullObject(names.name).load("isNullObject");
  await context.sync();
  return readBack ?? (gone.isNullObject ? undefined : shown(names.name, ""));
}

const isBusy = (value: unknown) => typeof value === "string" && /^#BUSY!?$/i.test(value.trim());

/** The add-in's function in a formula, re-read while Excel is still calculating it (1 to 10 syncs). */
async function checkFunction(
  context: Excel.RequestContext,
  names: CheckNames,
  wait: (ms: number) => Promise<void>,
): Promise<CheckDetail | undefined> {
  const cell = context.workbook.worksheets.getItem(names.sheet).getRange("N1");
  cell.formulas = [[FUNCTION_FORMULA]];
  cell.load("values");
  await context.sync();
  let value = cell.values[0][0];
  let reads = 1;
  while (isBusy(value) && reads < FUNCTION_READS) {
    await wait(FUNCTION_READ_DELAY_MS);
    cell.load("values");
    // A read after each pause while Excel still calculates: at most FUNCTION_READS in all.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    value = cell.values[0][0];
    reads++;
  }
  if (value === FUNCTION_RESULT) return undefined;
  if (isBusy(value)) return { kind: "stillBusy", reads };
  if (typeof value === "string" && value.trim().toUpperCase() === "#NAME?")
    return { kind: "notLoaded", value };
  return shown(value, FUNCTION_RESULT);
}

/**
 * Removes the temporary names and the sheet, if there (1 sync, 2 when there is something to
 * remove). A defined name is removed only if it refers to the temporary sheet: one of the same
 * name made by someone else meanwhile is left alone.
 */
async function cleanUp(context: Excel.RequestContext, names: CheckNames): Promise<CheckDetail | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(names.sheet).load("isNullObject");
  const defined = context.workbook.names.load("items/name,items/formula");
  await context.sync();
  const temporary = new Set([names.list, names.name].map((name) => name.toLowerCase()));
  const ours = defined.items.filter(
    (item) =>
      temporary.has(item.name.toLowerCase()) &&
      String(item.formula).toLowerCase().includes(names.sheet.toLowerCase()),
  );
  for (const item of ours) item.delete();
  if (!sheet.isNullObject) sheet.delete();
  if (ours.length > 0 || !sheet.isNullObject) await context.sync();
  return undefined;
}

function defaultWait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readOffice(office: () => OfficeInfo): OfficeInfo {
  try {
    const info = office();
    return { version: info.version || "", platform: info.platform || "", host: info.host || "" };
  } catch {
    // Office's diagnostics are missing (an older Office): the report says "unknown".
    return { version: "", platform: "", host: "" };
  }
}

/** Runs every check, each batch through `run`, and removes what it made (see the file's header). */
export async function runDiagnostics(
  run: ExcelBatchRun,
  env: DiagnosticsEnvironment,
): Promise<DiagnosticsReport> {
  const now = (env.now ?? (() => new Date()))();
  const nextSuffix = env.suffix ?? randomSuffix;
  const wait = env.wait ?? defaultWait;
  let names = checkNames(nextSuffix());
  const checks: CheckResult[] = requirementChecks(env.isSetSupported);

  checks.push(
    await attempt("settings", () => checkSettings(env.settings, names, `check ${now.toISOString()}`)),
  );

  let addAttempted = false;
  const sheetCheck = await attempt("sheet", async () => {
    await run((context) =>
      addCheckSheet(context, nextSuffix, (chosen) => {
        names = chosen;
        addAttempted = true;
      }),
    );
    return undefined;
  });
  checks.push(sheetCheck);
  const onSheet: [CheckId, (context: Excel.RequestContext) => Promise<CheckDetail | undefined>][] = [
    ["table", (context) => checkTable(context, names)],
    ["validation", (context) => checkValidation(context, names)],
    ["conditionalFormats", (context) => checkConditionalFormats(context, names)],
    ["names", (context) => checkNamesApi(context, names)],
    ["function", (context) => checkFunction(context, names, wait)],
  ];
  try {
    for (const [id, check] of onSheet) {
      if (sheetCheck.status !== "pass") {
        checks.push({ id, status: "skipped", detail: { kind: "noSheet" } });
        continue;
      }
      // One batch per check, one after the other, so a failure stops only its own check.
      checks.push(await attempt(id, () => run((context) => check(context))));
    }
  } finally {
    if (addAttempted) checks.push(await attempt("cleanup", () => run((context) => cleanUp(context, names))));
  }

  return {
    office: readOffice(env.office),
    checkedAt: now.toISOString(),
    sheetName: names.sheet,
    functionFormula: FUNCTION_FORMULA,
    checks,
  };
}

/** Office.context.diagnostics, where Office is present. */
export function officeInfo(): OfficeInfo {
  const info = Office.context.diagnostics;
  return {
    version: info?.version ?? "",
    platform: String(info?.platform ?? ""),
    host: String(info?.host ?? ""),
  };
}

/** The DocumentSettingsApi over office.js. */
export const officeDocumentSettings: DocumentSettingsApi = {
  get: (name) => Office.context.document.settings.get(name),
  set: (name, value) => Office.context.document.settings.set(name, value),
  remove: (name) => Office.context.document.settings.remove(name),
  save: () =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message)),
      );
    }),
};
