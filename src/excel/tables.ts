/**
 * Reading and appending rows of the tracking workbook's tables. Rows are always appended at the
 * table's end through the table API (never at computed addresses), so two people adding rows to a
 * shared workbook at once do not overwrite each other.
 */
import type { Language } from "../core/language";
import { valueForCell } from "../core/template/cell-text";
import type { TableSpec } from "../core/template/structure";
import { NAMES, tableSpec } from "../core/template/template";
import { languageOfRegister, rowForTable, type TableBlock } from "../core/tracking";

/** The workbook has no tracking tables: the task pane offers to create them. */
export class NotATrackingWorkbookError extends Error {
  constructor() {
    super("This workbook has no tracking tables yet.");
    this.name = "NotATrackingWorkbookError";
  }
}

function isItemNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "ItemNotFound";
}

/** Runs a read; a missing table or name means the template is not there. */
export async function whenTracking<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isItemNotFound(error)) throw new NotATrackingWorkbookError();
    throw error;
  }
}

export interface TrackingSnapshot {
  readonly language: Language;
  readonly register: TableBlock;
  readonly targets: TableBlock;
  readonly history: TableBlock;
  /** The as-of cell's value: a date serial, or undefined when it holds something else. */
  readonly asOf: number | undefined;
  /** Whether the as-of cell follows the calendar (=TODAY()) or holds a fixed date. */
  readonly asOfIsToday: boolean;
}

/** Everything a refresh needs, in one round trip. */
export async function readTracking(context: Excel.RequestContext): Promise<TrackingSnapshot> {
  return whenTracking(async () => {
    const tables = context.workbook.tables;
    const register = tables.getItem(tableSpec("register").name);
    const targets = tables.getItem(tableSpec("targets").name);
    const registerHeader = register.getHeaderRowRange().load("values");
    const registerBody = register.getDataBodyRange().load("values");
    const targetsHeader = targets.getHeaderRowRange().load("values");
    const targetsBody = targets.getDataBodyRange().load("values");
    const history = tables.getItem(tableSpec("history").name);
    const historyHeader = history.getHeaderRowRange().load("values");
    const historyBody = history.getDataBodyRange().load("values");
    const asOf = context.workbook.names.getItem(NAMES.asOf).getRange().load("values,formulas");
    await context.sync();
    const registerBlock = { headers: registerHeader.values[0].map(String), rows: registerBody.values };
    const asOfValue = asOf.values[0][0];
    return {
      language: languageOfRegister(registerBlock),
      register: registerBlock,
      targets: { headers: targetsHeader.values[0].map(String), rows: targetsBody.values },
      history: { headers: historyHeader.values[0].map(String), rows: historyBody.values },
      asOf: typeof asOfValue === "number" ? asOfValue : undefined,
      asOfIsToday: /^=\s*TODAY\(\)\s*$/i.test(String(asOf.formulas[0][0])),
    };
  });
}

/** Payload per request above which large appends are split (Excel on the web caps a request). */
export const MAX_REQUEST_BYTES = 1_000_000;
/** Up to this many rows go in one request; beyond it, requests are chunked by size. */
export const SINGLE_REQUEST_ROWS = 10_000;

/** Room left in each request for the request's own framing (and a blank-row fill in the first). */
const CHUNK_BUDGET = MAX_REQUEST_BYTES * 0.9;

function chunkBySize(rows: unknown[][]): unknown[][][] {
  if (rows.length <= SINGLE_REQUEST_ROWS) return [rows];
  const chunks: unknown[][][] = [];
  let current: unknown[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (current.length > 0 && bytes + size > CHUNK_BUDGET) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The index that makes rows.add and columns.add append at the end: the TableRowCollection.add and
 * TableColumnCollection.add reference pages document null (or leaving it out) as "at the end",
 * while the typings declare a number.
 */
export const AT_END = null as unknown as number;

/**
 * Appends rows (given in template column order) to one of our tables: one read, then one write
 * for up to 10,000 rows; above that, one write per chunk of under 1 MB. A table's single blank
 * row (what Excel leaves in an empty table) is filled first.
 */
export async function appendRows(
  context: Excel.RequestContext,
  spec: TableSpec,
  language: Language,
  rows: unknown[][],
): Promise<number> {
  if (rows.length === 0) return 0;
  return whenTracking(async () => {
    const table = context.workbook.tables.getItem(spec.name);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowCount");
    const lastRow = table.getDataBodyRange().getLastRow().load("values");
    await context.sync();
    const headers = header.values[0].map(String);
    const prepared = rows.map((row) =>
      rowForTable(spec, language, headers, row).map((cell) =>
        valueForCell(cell as string | number | boolean | null),
      ),
    );
    const fillBlank = body.rowCount === 1 && lastRow.values[0].every((cell) => cell === "" || cell === null);
    if (fillBlank) lastRow.values = [prepared[0]];
    const rest = fillBlank ? prepared.slice(1) : prepared;
    const chunks = chunkBySize(rest);
    for (let i = 0; i < chunks.length; i++) {
      if (chunks[i].length > 0) table.rows.add(AT_END, chunks[i] as (string | number | boolean)[][]);
      // Above 10,000 rows each chunk is its own request, to stay under the request size limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      if (i < chunks.length - 1) await context.sync();
    }
    await context.sync();
    return rows.length;
  });
}

/** The Register as a header + rows block (one round trip), for export. */
export async function readRegister(context: Excel.RequestContext): Promise<TableBlock> {
  return whenTracking(async () => {
    const table = context.workbook.tables.getItem(tableSpec("register").name);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("values");
    await context.sync();
    return { headers: header.values[0].map(String), rows: body.values };
  });
}

/** Sets the workbook's as-of cell: a fixed date, or back to =TODAY() (undefined). One round trip. */
export async function setAsOf(context: Excel.RequestContext, date: number | undefined): Promise<void> {
  return whenTracking(async () => {
    const cell = context.workbook.names.getItem(NAMES.asOf).getRange();
    cell.formulas = [[date === undefined ? "=TODAY()" : date]];
    await context.sync();
  });
}

/** Calls `onChange` whenever the Register table changes (people typing, imports, a colleague's edits). */
export async function watchRegister(context: Excel.RequestContext, onChange: () => void): Promise<void> {
  return whenTracking(async () => {
    const table = context.workbook.tables.getItem(tableSpec("register").name);
    table.onChanged.add(async () => onChange());
    await context.sync();
  });
}
