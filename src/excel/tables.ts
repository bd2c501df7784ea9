/**
 * Reading and appending rows of the tracking workbook's tables. Rows are always appended at the
 * table's end through the table API (never at computed addresses), so two people adding rows to a
 * shared workbook at once do not overwrite each other.
 */
import type { Language } from "../core/language";
import { valueForCell } from "../core/template/cell-text";
import type { TableSpec } from "../core/template/structure";
import { NAMES, sheetSpec, tableSpec } from "../core/template/template";
import { languageOfRegister, MissingColumnError, type TableBlock } from "../core/tracking";
import { chunkBySize, payloadBytes, REQUEST_BUDGET_BYTES } from "./payload";

/** The workbook has no tracking tables: the task pane offers to create them. */
export class NotATrackingWorkbookError extends Error {
  constructor() {
    super("This workbook has no tracking tables yet.");
    this.name = "NotATrackingWorkbookError";
  }
}

export function isItemNotFound(error: unknown): boolean {
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
  /** The About table (its Status rule row names the rule in use). */
  readonly about: TableBlock;
  /** The Status rules table; undefined in a workbook from before it. */
  readonly statusRules: TableBlock | undefined;
  /** The Districts table (each district's quota per goal); undefined in a workbook from before version 7. */
  readonly districts: TableBlock | undefined;
}

/**
 * Register rows read in a refresh's first request: 10,000 typical entries in Chinese (about 373
 * bytes each as sent: npm run bench) are 3.7 MB. Larger registers are read on in chunks.
 */
export const FIRST_READ_ROWS = 10_000;

function isPayloadTooLarge(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    /^(Request|Response)PayloadSizeLimitExceeded$/.test(String((error as { code?: string }).code))
  );
}

/** The first `rows` rows of a table's body (all of them when it has fewer). */
function firstBodyRows(table: Excel.Table, rows: number): Excel.Range {
  const body = table.getDataBodyRange();
  return body.getIntersection(body.getRow(0).getResizedRange(rows - 1, 0));
}

/**
 * Reads a table's body rows after the first ones already read, each request sized from the bytes
 * per row seen so far to stay within the request budget; a chunk Excel still finds too large is
 * halved.
 */
export async function readRemainingRows(
  context: Excel.RequestContext,
  table: Excel.Table,
  rowCount: number,
  first: unknown[][],
): Promise<unknown[][]> {
  const rows = [...first];
  let bytesPerRow = Math.max(1, payloadBytes(first) / Math.max(1, first.length));
  while (rows.length < rowCount) {
    let count = Math.min(
      rowCount - rows.length,
      Math.max(1, Math.floor((REQUEST_BUDGET_BYTES * 0.9) / bytesPerRow)),
    );
    for (;;) {
      const chunk = table
        .getDataBodyRange()
        .getRow(rows.length)
        .getResizedRange(count - 1, 0)
        .load("values");
      try {
        // Each chunk is its own request, so that none exceeds the size limit.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      } catch (error) {
        if (!isPayloadTooLarge(error) || count === 1) throw error;
        count = Math.ceil(count / 2);
        continue;
      }
      rows.push(...chunk.values);
      bytesPerRow = Math.max(bytesPerRow, payloadBytes(chunk.values) / count);
      break;
    }
  }
  return rows;
}

/**
 * Everything a refresh needs: one round trip while the register's first rows hold it all (a second
 * for the Status rules and Districts tables, read once they are known to exist), one more for each further 4 MB of
 * register. A first request Excel finds too large is asked again
 * with fewer rows.
 */
export async function readTracking(
  context: Excel.RequestContext,
  firstRows: number = FIRST_READ_ROWS,
): Promise<TrackingSnapshot> {
  return whenTracking(async () => {
    const tables = context.workbook.tables;
    const register = tables.getItem(tableSpec("register").name);
    const targets = tables.getItem(tableSpec("targets").name);
    const registerHeader = register.getHeaderRowRange().load("values");
    const registerBody = register.getDataBodyRange().load("rowCount");
    const registerFirst = firstBodyRows(register, firstRows).load("values");
    const targetsHeader = targets.getHeaderRowRange().load("values");
    const targetsBody = targets.getDataBodyRange().load("values");
    const history = tables.getItem(tableSpec("history").name);
    const historyHeader = history.getHeaderRowRange().load("values");
    const historyBody = history.getDataBodyRange().load("rowCount");
    const historyFirst = firstBodyRows(history, firstRows).load("values");
    const asOf = context.workbook.names.getItem(NAMES.asOf).getRange().load("values,formulas");
    const about = tables.getItem(tableSpec("about").name).getRange().load("values");
    // A *OrNullObject result may be used only once its isNullObject is known ("Work with
    // *OrNullObject methods" in the Office add-ins docs): the table is read in a second request.
    const rules = tables.getItemOrNullObject(tableSpec("statusRules").name).load("isNullObject");
    const districts = tables.getItemOrNullObject(tableSpec("districts").name).load("isNullObject");
    try {
      await context.sync();
    } catch (error) {
      if (isPayloadTooLarge(error) && firstRows > 1) return readTracking(context, Math.ceil(firstRows / 10));
      throw error;
    }
    const rows = await readRemainingRows(context, register, registerBody.rowCount, registerFirst.values);
    const historyRows = await readRemainingRows(context, history, historyBody.rowCount, historyFirst.values);
    const rulesRange = rules.isNullObject ? undefined : rules.getRange().load("values");
    // The Districts table rides on the request the Status rules table needs: a workbook without that
    // table either shows no figures (its About row names a rule the sheet cannot read) or predates
    // both, so no refresh takes a round trip more for the quotas.
    const districtsRange =
      rulesRange && !districts.isNullObject ? districts.getRange().load("values") : undefined;
    if (rulesRange) await context.sync();
    const registerBlock = { headers: registerHeader.values[0].map(String), rows };
    const asOfValue = asOf.values[0][0];
    return {
      language: languageOfRegister(registerBlock),
      register: registerBlock,
      targets: { headers: targetsHeader.values[0].map(String), rows: targetsBody.values },
      history: { headers: historyHeader.values[0].map(String), rows: historyRows },
      asOf: typeof asOfValue === "number" ? asOfValue : undefined,
      asOfIsToday: /^=\s*TODAY\(\)\s*$/i.test(String(asOf.formulas[0][0])),
      about: blockOf(about.values),
      statusRules: rulesRange ? blockOf(rulesRange.values) : undefined,
      districts: districtsRange ? blockOf(districtsRange.values) : undefined,
    };
  });
}

/** A table's whole range (header row first) as a header + rows block. */
function blockOf(values: unknown[][]): TableBlock {
  return { headers: values[0].map(String), rows: values.slice(1) };
}

/**
 * The index that makes rows.add and columns.add append at the end: the TableRowCollection.add and
 * TableColumnCollection.add reference pages document null (or leaving it out) as "at the end",
 * while the typings declare a number.
 */
export const AT_END = null as unknown as number;

/**
 * Appends rows (given in template column order) to one of our tables: one read, then one write
 * per 4 MB of rows (10,000 typical register rows are one). A table's single blank row (what Excel
 * leaves in an empty table) is filled first. Columns a person added get null, so whatever they
 * hold (a formula of their own) stays; a template column renamed or deleted stops the append
 * before anything is written, naming the column.
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
    const headers = header.values[0].map((h) => String(h).trim().toLowerCase());
    const template = spec.columns.map((c) => c.header[language].toLowerCase());
    const missing = spec.columns.find((_, i) => !headers.includes(template[i]));
    if (missing) throw new MissingColumnError(missing.header, sheetSpec(spec.sheet).name);
    const prepared = rows.map((row) =>
      headers.map((h) => {
        const index = template.indexOf(h);
        return index < 0 ? null : valueForCell(row[index] as string | number | boolean | null);
      }),
    );
    const fillBlank = body.rowCount === 1 && lastRow.values[0].every((cell) => cell === "" || cell === null);
    if (fillBlank) lastRow.values = [prepared[0]] as (string | number | boolean)[][];
    const rest = fillBlank ? prepared.slice(1) : prepared;
    // Room is left for the request's own statements and the blank row's fill.
    const budget = REQUEST_BUDGET_BYTES * 0.98 - (fillBlank ? payloadBytes(prepared[0]) : 0);
    const chunks = rest.length > 0 ? chunkBySize(rest, budget) : [[]];
    for (const chunk of chunks) {
      // Excel recalculates after each operation unless told to wait (ExcelApi 1.6; the add-in requires 1.8).
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (chunk.length > 0) table.rows.add(AT_END, chunk as (string | number | boolean)[][]);
      // Each chunk is its own request, to stay under the request size limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    return rows.length;
  });
}

/** The Register as a header + rows block, for export: one round trip per 4 MB, as a refresh reads it. */
export async function readRegister(context: Excel.RequestContext): Promise<TableBlock> {
  return whenTracking(async () => {
    const table = context.workbook.tables.getItem(tableSpec("register").name);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowCount");
    const first = firstBodyRows(table, FIRST_READ_ROWS).load("values");
    await context.sync();
    const rows = await readRemainingRows(context, table, body.rowCount, first.values);
    return { headers: header.values[0].map(String), rows };
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
