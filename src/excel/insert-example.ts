/**
 * Inserting a custom function's example into the selected cell, for people's own cells. It writes
 * only into one empty cell outside the tables: it never writes over what a cell holds (Excel before
 * ExcelApi 1.20 cannot undo an add-in's change), and a formula in a table may be filled down its
 * whole column by Excel. It uses only calls of ExcelApi 1.1 (getSelectedRange, Range.worksheet,
 * getCell, formulas, numberFormat), within the ExcelApi 1.8 the pane requires (requirements.ts).
 */
import { exampleFormula, exampleNumberFormat, type FunctionId } from "../core/function-examples";
import { NAMES, tableSpec } from "../core/template/template";
import { languageOfRegister, registerColumns } from "../core/tracking";
import { whenTracking } from "./tables";

/** More than one cell is selected (its address), or no range at all: a chart, or several areas. */
export class NotOneCellError extends Error {
  constructor(readonly address?: string) {
    super(
      address === undefined
        ? "The selection is not one range of cells (a chart, a picture, or several areas)."
        : `The selection ${address} is more than one cell.`,
    );
    this.name = "NotOneCellError";
  }
}

export class CellNotEmptyError extends Error {
  constructor(readonly address: string) {
    super(`${address} is not empty; the add-in does not write over it.`);
    this.name = "CellNotEmptyError";
  }
}

export class CellInTableError extends Error {
  constructor(
    readonly address: string,
    readonly table: string,
  ) {
    super(`${address} is in the table ${table}.`);
    this.name = "CellInTableError";
  }
}

export interface InsertedExample {
  /** The cell written, as Excel writes it: Sheet1!B2. */
  readonly address: string;
  readonly formula: string;
}

/**
 * Excel answers InvalidSelection when what is selected is not one range: several areas
 * (office-js-docs-pr issue 2477) or a chart (office-js issue 2268, "by design").
 */
async function syncSelection(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if ((error as { code?: string }).code === "InvalidSelection") throw new NotOneCellError();
    throw error;
  }
}

/**
 * Writes the example of `id` into the selected cell, with the number format its result wants, in
 * 2 round trips (3 when the cell's sheet has tables). Refuses, writing nothing, a workbook without
 * the tracking tables or the Register columns the example names, a selection of more than one
 * cell, a cell that is not empty, and a cell inside a table.
 */
export async function insertExample(context: Excel.RequestContext, id: FunctionId): Promise<InsertedExample> {
  const found = await whenTracking(async () => {
    const header = context.workbook.tables
      .getItem(tableSpec("register").name)
      .getHeaderRowRange()
      .load("values");
    context.workbook.names.getItem(NAMES.asOf).load("name");
    const selected = context.workbook.getSelectedRange().load("address,rowCount,columnCount");
    const cell = selected.getCell(0, 0).load("address,formulas,rowIndex,columnIndex");
    const tables = selected.worksheet.tables.load("items/name");
    await syncSelection(context);
    return { header, selected, cell, tables };
  });
  const { header, selected, cell, tables } = found;
  if (selected.rowCount !== 1 || selected.columnCount !== 1) throw new NotOneCellError(selected.address);
  const register = { headers: header.values[0].map(String), rows: [] };
  // The examples name the goal, status and date columns: a renamed one is named, as every read names it.
  registerColumns(register);
  const language = languageOfRegister(register);
  // formulas holds the value of a cell without a formula: "" only for a cell with nothing in it.
  if (cell.formulas[0][0] !== "") throw new CellNotEmptyError(cell.address);
  if (tables.items.length > 0) {
    const areas = tables.items.map((table) => ({
      name: table.name,
      range: table.getRange().load("rowIndex,columnIndex,rowCount,columnCount"),
    }));
    await context.sync();
    const holder = areas.find(
      ({ range }) =>
        cell.rowIndex >= range.rowIndex &&
        cell.rowIndex < range.rowIndex + range.rowCount &&
        cell.columnIndex >= range.columnIndex &&
        cell.columnIndex < range.columnIndex + range.columnCount,
    );
    if (holder) throw new CellInTableError(cell.address, holder.name);
  }
  const formula = exampleFormula(id, language);
  // The format first: a cell formatted as text would keep the formula as text.
  cell.numberFormat = [[exampleNumberFormat(id)]];
  cell.formulas = [[formula]];
  await context.sync();
  return { address: cell.address, formula };
}
