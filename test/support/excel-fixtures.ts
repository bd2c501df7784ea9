/** Building fake workbooks for the Excel-facing tests. */
import { FakeContext, FakeWorkbook } from "./excel-double";

export function fakeExcel(workbook: FakeWorkbook = new FakeWorkbook()): {
  context: Excel.RequestContext;
  fake: FakeContext;
  workbook: FakeWorkbook;
} {
  const fake = new FakeContext(workbook);
  if (workbook.sheets.length === 0) workbook.addSheet("Sheet1");
  return { context: fake as unknown as Excel.RequestContext, fake, workbook };
}

/** Every cell of every sheet, as text, for before/after comparisons (number formats too unless told). */
export function dumpWorkbook(
  workbook: FakeWorkbook,
  { formats = true }: { formats?: boolean } = {},
): Record<string, Record<string, string>> {
  const dump: Record<string, Record<string, string>> = {};
  for (const sheet of workbook.sheets) {
    const cells: Record<string, string> = {};
    for (const [key, cell] of sheet.cells)
      cells[key] =
        `${cell.formula ?? JSON.stringify(cell.value)}${formats ? `|${cell.numberFormat ?? ""}` : ""}`;
    dump[sheet.rawName] = cells;
  }
  return dump;
}
