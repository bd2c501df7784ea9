/**
 * What the check of this Excel needs beside the Excel double: Excel's calculation of the check's
 * formulas (the double computes none itself), Office's document settings and Office's version.
 */
import type { DocumentSettingsApi, ExcelBatchRun, OfficeInfo } from "../../src/excel/diagnostics";
import { type CellValue, FakeContext, type FakeWorkbook } from "./excel-double";

export const OFFICE_INFO: OfficeInfo = { version: "16.0.17928.20114", platform: "PC", host: "Excel" };

/**
 * Plays Excel's calculation on `workbook`: =SUM(Table[Column]) over the table's cells as they are
 * now, and the add-in's TARGET function showing `functionResults` one read after the other (the
 * last one for every later read), as a loaded function does (#BUSY! first) or a missing one does
 * (#NAME?). Every formula evaluated is recorded, with the moment's workbook for inspection.
 */
export function calculate(workbook: FakeWorkbook, functionResults: CellValue[]) {
  const results = [...functionResults];
  const evaluated: string[] = [];
  const onFunction: (() => void)[] = [];
  workbook.evaluate = (formula) => {
    evaluated.push(formula);
    const sum = /^=SUM\(([\p{L}\d_.]+)\[([^\]]+)\]\)$/u.exec(formula);
    if (sum) {
      const table = workbook.table(sum[1]);
      if (!table) return "#REF!";
      const column = table.columnIndex(sum[2]);
      return table.dataValues().reduce((total: number, row) => total + Number(row[column] || 0), 0);
    }
    if (/^=SHONLINE\.TARGET\("PLATFORMS"\)$/i.test(formula)) {
      for (const call of onFunction) call();
      return results.length > 1 ? results.shift()! : results[0];
    }
    return undefined;
  };
  return {
    evaluated,
    /** Runs `look` each time the function's cell is read: the middle of the check. */
    whileFunctionReads: (look: () => void) => void onFunction.push(look),
  };
}

/**
 * Office.context.document.settings over the double: an in-memory copy (get, set, remove) that
 * save() writes into the workbook's saved settings. `saves` holds what each save stored.
 */
export function documentSettings(workbook: FakeWorkbook) {
  const memory = new Map<string, unknown>(workbook.settings);
  const saves: Record<string, unknown>[] = [];
  const api: DocumentSettingsApi = {
    get: (name) => (memory.has(name) ? memory.get(name) : null),
    set: (name, value) => void memory.set(name, value),
    remove: (name) => void memory.delete(name),
    save: async () => {
      workbook.settings.clear();
      for (const [name, value] of memory) workbook.settings.set(name, value);
      saves.push(Object.fromEntries(memory));
    },
  };
  return { api, saves };
}

/**
 * Excel.run over `workbook`, a fresh context per batch, keeping every context to count its syncs;
 * `before` runs before each batch (its number from 1), for tests that change the workbook between.
 */
export function countingRun(workbook: FakeWorkbook, before?: (batch: number) => void) {
  const contexts: FakeContext[] = [];
  const run: ExcelBatchRun = async (batch) => {
    before?.(contexts.length + 1);
    const context = new FakeContext(workbook);
    contexts.push(context);
    return batch(context as unknown as Excel.RequestContext);
  };
  return {
    run,
    contexts,
    syncs: () => contexts.reduce((total, context) => total + context.syncCount, 0),
  };
}
