/**
 * Reading what a workbook holds of the template, in two round trips whatever its size:
 * 1) sheets, tables and names; 2) for each of our tables: its sheet, columns, row count, keys, and
 * the cells of the small seeded tables an upgrade may bring up to date (About, Targets, Indicators).
 */
import {
  type ExistingTable,
  KEYED_TABLES,
  TABLES_WITH_EARLIER_SEEDS,
  type WorkbookState,
} from "../core/template/template-changes";
import type { Cell } from "../core/template/structure";
import { TABLES } from "../core/template/template";

export interface OurTableHandles {
  readonly table: Excel.Table;
  readonly sheet: Excel.Worksheet;
  readonly columns: Excel.TableColumnCollection;
  readonly body: Excel.Range;
}

export interface ReadResult {
  readonly state: WorkbookState;
  /** Our tables found, by lower-cased name, with loaded handles for the writes that follow. */
  readonly handles: ReadonlyMap<string, OurTableHandles>;
}

/** Reads the workbook's template state: 2 syncs (1 when none of our tables is there). */
export async function readWorkbookState(context: Excel.RequestContext): Promise<ReadResult> {
  const workbook = context.workbook;
  const sheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  const names = workbook.names.load("items/name,items/formula");
  const protection = workbook.protection.load("protected");
  await context.sync();

  const ourNames = new Set(TABLES.map((t) => t.name.toLowerCase()));
  const ours = tables.items.filter((t) => ourNames.has(t.name.toLowerCase()));
  const handles = new Map<string, OurTableHandles>();
  const keyRanges = new Map<string, Excel.Range>();
  const cellRanges = new Map<string, Excel.Range>();
  let charts: Excel.ChartCollection | undefined;
  for (const table of ours) {
    const sheet = table.worksheet.load("name");
    const columns = table.columns.load("items/name");
    // The body's first cell anchors the relative references of rewritten validation formulas.
    const body = table.getDataBodyRange().load("rowCount,rowIndex,columnIndex");
    handles.set(table.name.toLowerCase(), { table, sheet, columns, body });
    const spec = TABLES.find((t) => t.name.toLowerCase() === table.name.toLowerCase())!;
    if (KEYED_TABLES.includes(spec.id)) {
      // The key column is the first one, read by position: its header may have been renamed.
      keyRanges.set(spec.name, table.getDataBodyRange().getColumn(0).load("values"));
    }
    // Formulas, not values: a cell showing an old text through a formula is a person's own.
    if (TABLES_WITH_EARLIER_SEEDS.includes(spec.id))
      cellRanges.set(spec.name, table.getDataBodyRange().load("formulas"));
    if (spec.id === "dashboard") charts = sheet.charts.load("items/name");
  }
  if (ours.length > 0) await context.sync();

  const existing: ExistingTable[] = ours.map((table) => {
    const handle = handles.get(table.name.toLowerCase())!;
    const spec = TABLES.find((t) => t.name.toLowerCase() === table.name.toLowerCase())!;
    return {
      name: table.name,
      sheet: handle.sheet.name,
      columns: handle.columns.items.map((c) => c.name),
      rowCount: handle.body.rowCount,
      bodyRow: handle.body.rowIndex,
      bodyColumn: handle.body.columnIndex,
      keys: keyRanges.get(spec.name)?.values.map((row) => row[0] as string | number),
      cells: cellRanges.get(spec.name)?.formulas as Cell[][] | undefined,
    };
  });
  return {
    state: {
      sheets: sheets.items.map((s) => s.name),
      tables: existing,
      names: new Map(names.items.map((n) => [n.name, String(n.formula)])),
      chartNames: charts ? charts.items.map((c) => c.name) : [],
      structureProtected: protection.protected,
    },
    handles,
  };
}
