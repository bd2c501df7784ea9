/**
 * Preparing a workbook for colleagues. Every figure but two is a native formula any spreadsheet
 * computes; Forecast and Forecast date call the add-in's functions and show #NAME? where the
 * add-in is absent. Freezing writes their current values in place (with the as-of date they were
 * computed at); unfreezing writes the template's formulas back, so nothing is lost either way.
 */
import type { Language } from "../core/language";
import { columnFormula } from "../core/template/formulas";
import { NAMES, sheetSpec, tableSpec } from "../core/template/template";
import { MissingColumnError } from "../core/tracking";
import { whenTracking } from "./tables";

/** Defined name holding the as-of date the add-in cells were frozen at (absent when live). */
export const FROZEN_NAME = "SHONLINE_FrozenAsOf";

const TARGETS = tableSpec("targets");
const ADD_IN_COLUMNS = TARGETS.columns.filter((column) => column.needsAddIn);

export class NotComputedError extends Error {
  constructor(readonly cells: string[]) {
    super(
      `These cells are not computed here (${cells.join(", ")}); freeze them where the add-in is running.`,
    );
    this.name = "NotComputedError";
  }
}

/** Values that mean the add-in did not compute the cell here (#N/A from FORECASTDATE is an answer). */
const NOT_COMPUTED = /^#(NAME\?|BUSY!|CALC!|VALUE!)$/;

/**
 * The add-in columns of Targets with their values, found by header in one read; a renamed or
 * deleted one is named (MissingColumnError), not taken for a workbook without the template.
 */
function targetsColumns(context: Excel.RequestContext, language: Language) {
  return whenTracking(async () => {
    const table = context.workbook.tables.getItem(TARGETS.name);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("values");
    const asOf = context.workbook.names.getItem(NAMES.asOf).getRange().load("values");
    const frozen = context.workbook.names.getItemOrNullObject(FROZEN_NAME).load("isNullObject");
    await context.sync();
    const headers = header.values[0].map((h) => String(h).trim().toLowerCase());
    const ranges = ADD_IN_COLUMNS.map((column) => {
      const index = headers.indexOf(column.header[language].toLowerCase());
      if (index < 0) throw new MissingColumnError(column.header, sheetSpec("targets").name);
      return {
        column,
        values: body.values.map((row) => [row[index]]),
        range: table.getDataBodyRange().getColumn(index),
      };
    });
    return { ranges, asOf, frozen };
  });
}

/** Replaces the add-in cells with their current values (2 round trips). Returns the as-of date used. */
export async function freezeAddInCells(
  context: Excel.RequestContext,
  language: Language,
): Promise<number | undefined> {
  const { ranges, asOf, frozen } = await targetsColumns(context, language);
  const broken = ranges
    .filter(({ values }) => values.some((row) => NOT_COMPUTED.test(String(row[0]).trim())))
    .map(({ column }) => column.header[language]);
  if (broken.length > 0) throw new NotComputedError(broken);
  for (const { range, values } of ranges) range.values = values as (string | number | boolean)[][];
  const stamp = typeof asOf.values[0][0] === "number" ? (asOf.values[0][0] as number) : undefined;
  const formula = `=${stamp ?? '"unknown"'}`;
  if (frozen.isNullObject) context.workbook.names.add(FROZEN_NAME, formula);
  else context.workbook.names.getItem(FROZEN_NAME).formula = formula;
  await context.sync();
  return stamp;
}

/** Writes the add-in formulas back (2 round trips). */
export async function unfreezeAddInCells(context: Excel.RequestContext, language: Language): Promise<void> {
  const { ranges, frozen } = await targetsColumns(context, language);
  for (const { column, range, values } of ranges) {
    range.formulas = values.map(() => [columnFormula(TARGETS, column, language)]);
  }
  if (!frozen.isNullObject) context.workbook.names.getItem(FROZEN_NAME).delete();
  await context.sync();
}

/** The parts of Office (not Excel) that make a workbook open the add-in for people who have it. */
export interface StartupApi {
  /** true: Office.StartupBehavior.load; false: Office.StartupBehavior.none. */
  setStartupBehavior(load: boolean): Promise<void>;
  setDocumentSetting(name: string, value: unknown): Promise<void>;
}

/**
 * The document setting that opens the pane with the workbook. Office honours it only for the
 * ShowTaskpane button whose TaskpaneId is this same name (manifest.xml; the offline validator holds
 * the manifest to it).
 */
export const AUTO_SHOW_TASKPANE_SETTING = "Office.AutoShowTaskpaneWithDocument";

/**
 * Makes the workbook load the add-in when opened by people who have it: the shared runtime starts
 * with the document (so the functions compute at once), and the task pane opens with it.
 *
 * Both are stored in the file. Everyone else who opens it is shown an add-in error, as Office
 * cannot load an add-in they do not have (office-js issues 1542 and 3558), so the pane asks first
 * and offers stopLoadingAddInWithWorkbook to undo it.
 */
export async function loadAddInWithWorkbook(api: StartupApi): Promise<void> {
  await api.setStartupBehavior(true);
  await api.setDocumentSetting(AUTO_SHOW_TASKPANE_SETTING, true);
}

/** Undoes loadAddInWithWorkbook: the add-in starts only when used, and the pane stays closed. */
export async function stopLoadingAddInWithWorkbook(api: StartupApi): Promise<void> {
  await api.setStartupBehavior(false);
  await api.setDocumentSetting(AUTO_SHOW_TASKPANE_SETTING, false);
}

/** The StartupApi over office.js. */
export const officeStartupApi: StartupApi = {
  setStartupBehavior: (load) =>
    Office.addin.setStartupBehavior(load ? Office.StartupBehavior.load : Office.StartupBehavior.none),
  setDocumentSetting: (name, value) =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.set(name, value);
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message)),
      );
    }),
};
