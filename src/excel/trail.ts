/**
 * The change trail in the workbook (全程留痕): the hidden record of the Register (tblRecorded), the
 * Changes sheet, edits made in the task pane and edits typed straight into cells. The logic is in
 * core/trail.ts; this file reads and writes the tables, queuing writes and syncing once per step.
 */
import type { ChangeRecord } from "../core/changes";
import type { Language } from "../core/language";
import {
  type LedgerCell,
  type LedgerField,
  ledgerColumnsOf,
  type LedgerRow,
  ledgerCell,
  LEDGER_FIELDS,
  ledgerRowOf,
  writtenRowOf,
  registerCell,
  rowKey,
  TRACKED_FIELDS,
} from "../core/ledger";
import type { Bilingual } from "../core/plan";
import { valueForCell } from "../core/template/cell-text";
import { REGISTER_HEADERS } from "../core/template/headers";
import type { TableSpec } from "../core/template/structure";
import { NAMES, RECORDED_FIELDS, sheetSpec, tableSpec } from "../core/template/template";
import { changeCells, detectCellEdits, editEntry, type EntryEdit } from "../core/trail";
import { languageOfRegister, MissingColumnError, type TableBlock } from "../core/tracking";
import { chunkBySize, payloadBytes, REQUEST_BUDGET_BYTES } from "./payload";
import { AT_END, FIRST_READ_ROWS, isItemNotFound, readRemainingRows, whenTracking } from "./tables";

const e = (en: string, zh: string): Bilingual => ({ en, zh });

// ---------------------------------------------------------------------------------------------
// Errors

/** A refusal with what to do, in both languages. */
export abstract class BilingualError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }

  messageIn(language: Language): string {
    return this.text[language];
  }
}

/**
 * The workbook was made before template version 7: it has no Changes, Merges, Conflicts or
 * Recorded table. Applying the template upgrades it. `sheets` names the sheets it lacks.
 */
export class WorkbookNeedsUpgradeError extends BilingualError {
  constructor(readonly sheets: readonly Bilingual[]) {
    super(
      e(
        `This workbook was made with an earlier version of the template: it has no ${sheets.map((s) => `"${s.en}"`).join(", ")} sheet. Apply the template to upgrade the workbook to version 7, then try again.`,
        `本工作簿由较早版本的模板制作，缺少${sheets.map((s) => `“${s.zh}”`).join("、")}工作表。请先应用模板，将工作簿升级到第 7 版，然后重试。`,
      ),
    );
    this.name = "WorkbookNeedsUpgradeError";
  }
}

/** The Register row the pane read is no longer the entry it was (rows sorted, added or removed since). */
export class RegisterChangedError extends BilingualError {
  constructor() {
    super(
      e(
        "The register changed since it was read: refresh and find the entry again.",
        "登记表在读取后已有变动：请刷新后重新查找该条目。",
      ),
    );
    this.name = "RegisterChangedError";
  }
}

/** Tables `*OrNullObject`-loaded; refuses (WorkbookNeedsUpgradeError) when any is missing. */
export function refuseMissing(found: readonly { spec: TableSpec; table: Excel.Table }[]): void {
  const missing = found.filter(({ table }) => table.isNullObject);
  if (missing.length > 0)
    throw new WorkbookNeedsUpgradeError(missing.map(({ spec }) => sheetSpec(spec.sheet).name));
}

/** Asks whether each table exists (isNullObject is known after the next sync). */
export function lookUp(context: Excel.RequestContext, ids: readonly TableSpec["id"][]) {
  return ids.map((id) => {
    const spec = tableSpec(id);
    return { spec, table: context.workbook.tables.getItemOrNullObject(spec.name).load("isNullObject") };
  });
}

// ---------------------------------------------------------------------------------------------
// Requests

/** What one request of writes may carry: room is left for the statements themselves. */
const WRITE_BUDGET = REQUEST_BUDGET_BYTES * 0.9;

/**
 * Queues writes and syncs when the next one would take the request over the budget: one round
 * trip per 3.6 MB written, whatever mix of tables and ranges the writes touch.
 */
export class RequestPacker {
  private bytes = 0;
  private pending = false;
  syncs = 0;

  constructor(private readonly context: Excel.RequestContext) {}

  async add(bytes: number, write: () => void): Promise<void> {
    if (this.pending && this.bytes + bytes > WRITE_BUDGET) await this.flush();
    if (!this.pending)
      // Excel recalculates after each operation unless told to wait (ExcelApi 1.6).
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
    write();
    this.bytes += bytes;
    this.pending = true;
  }

  async flush(): Promise<void> {
    if (!this.pending) return;
    this.pending = false;
    this.bytes = 0;
    this.syncs++;
    // Each request is its own sync, to stay under the request size limit.
    await this.context.sync();
  }
}

/** The first `rows` rows of a table's body (all of them when it has fewer). */
function firstBodyRows(table: Excel.Table, rows: number): Excel.Range {
  const body = table.getDataBodyRange();
  return body.getIntersection(body.getRow(0).getResizedRange(rows - 1, 0));
}

/** A table's header, body row count and first rows, loaded for the next sync. */
export interface TableRead {
  readonly table: Excel.Table;
  readonly header: Excel.Range;
  readonly body: Excel.Range;
  readonly first: Excel.Range;
}

export function loadTable(table: Excel.Table, firstRows = FIRST_READ_ROWS): TableRead {
  return {
    table,
    header: table.getHeaderRowRange().load("values"),
    body: table.getDataBodyRange().load("rowCount"),
    first: firstBodyRows(table, firstRows).load("values"),
  };
}

/**
 * The rest of a table's body after its first rows (read with loadTable and synced), as a refresh
 * reads the Register's (tables.ts).
 */
export async function readRest(context: Excel.RequestContext, read: TableRead): Promise<TableBlock> {
  const rows = await readRemainingRows(context, read.table, read.body.rowCount, read.first.values);
  return { headers: read.header.values[0].map(String), rows };
}

/** A table's header cells in the form compared: trimmed, lower case. */
function headerForms(headers: readonly unknown[]): string[] {
  return headers.map((h) =>
    String(h ?? "")
      .trim()
      .toLowerCase(),
  );
}

/**
 * Rows (cells in the template's column order) as cells under the table's own headers, found in
 * either language: text behind an apostrophe (valueForCell), null under a column a person added.
 * A template column missing is refused, naming it, before anything is written.
 */
export function rowsForTable(spec: TableSpec, headers: readonly unknown[], rows: readonly LedgerCell[][]) {
  const forms = headerForms(headers);
  const at = spec.columns.map((column) =>
    forms.findIndex((h) => h === column.header.en.toLowerCase() || h === column.header.zh.toLowerCase()),
  );
  const missing = spec.columns.find((_, i) => at[i] < 0);
  if (missing) throw new MissingColumnError(missing.header, sheetSpec(spec.sheet).name);
  const from = forms.map((_, column) => at.indexOf(column));
  return rows.map((row) =>
    from.map((index) => (index < 0 ? null : valueForCell(row[index] as string | number | null))),
  );
}

/**
 * Queues rows appended at a table's end, as appendRows does (a lone blank row filled first), read
 * with loadTable and synced; the writes go out with the packer's requests.
 */
export async function queueAppend(
  packer: RequestPacker,
  read: TableRead,
  spec: TableSpec,
  rows: readonly LedgerCell[][],
): Promise<void> {
  if (rows.length === 0) return;
  const prepared = rowsForTable(spec, read.header.values[0], rows);
  const first = read.first.values;
  const fillBlank = read.body.rowCount === 1 && first[0].every((cell) => cell === "" || cell === null);
  let rest = prepared;
  if (fillBlank) {
    await packer.add(payloadBytes(prepared[0]), () => {
      read.table.getDataBodyRange().getRow(0).values = [prepared[0]] as (string | number | boolean)[][];
    });
    rest = prepared.slice(1);
  }
  if (rest.length === 0) return;
  for (const chunk of chunkBySize(rest, WRITE_BUDGET))
    await packer.add(payloadBytes(chunk), () =>
      read.table.rows.add(AT_END, chunk as (string | number | boolean)[][]),
    );
}

// ---------------------------------------------------------------------------------------------
// The record (tblRecorded)

/** The record's rows, as written (blank rows included: detectCellEdits leaves them out). */
function recordedRows(block: TableBlock): LedgerRow[] {
  const columns = ledgerColumnsOf(block.headers, (field) => REGISTER_HEADERS[field]);
  return block.rows.map((cells) => writtenRowOf(cells, columns));
}

/** Where each recorded field is in the table's headers; a field missing is refused. */
function recordedColumns(headers: readonly unknown[]): (LedgerField | undefined)[] {
  const columns = ledgerColumnsOf(headers, (field) => REGISTER_HEADERS[field]);
  const spec = tableSpec("recorded");
  const missing = spec.columns.find((column) => columns[column.id as LedgerField] < 0);
  if (missing) throw new MissingColumnError(missing.header, sheetSpec(spec.sheet).name);
  return headers.map((_, index) => RECORDED_FIELDS.find((field) => columns[field] === index));
}

/**
 * A record row's cells: text behind an apostrophe (valueForCell), so it stays text (a code of
 * digits, a date or a formula typed as text) and reads back without it (office-js issue 6687).
 */
function recordedCells(row: LedgerRow | undefined, fields: readonly (LedgerField | undefined)[]) {
  return fields.map((field) => {
    const cell = row && field ? row[field] : null;
    return (typeof cell === "string" && cell !== "") || typeof cell === "number" ? valueForCell(cell) : "";
  });
}

/** What writing the record needs to know of the table (read with loadTable and synced). */
interface RecordedTable {
  readonly table: Excel.Table;
  readonly headers: readonly unknown[];
  readonly rowCount: number;
}

/**
 * Queues the writes that make the record hold exactly `rows`: the body's rows written over in
 * 2-D blocks, more rows added at the end, rows beyond blanked (never deleted). Each block is
 * sized to the request budget.
 */
async function queueRecorded(
  packer: RequestPacker,
  recorded: RecordedTable,
  rows: readonly LedgerRow[],
): Promise<void> {
  const fields = recordedColumns(recorded.headers);
  const total = Math.max(rows.length, recorded.rowCount);
  const cells = Array.from({ length: total }, (_, i) => recordedCells(rows[i], fields));
  const over = cells.slice(0, recorded.rowCount);
  let start = 0;
  for (const chunk of chunkBySize(over, WRITE_BUDGET)) {
    const at = start;
    start += chunk.length;
    await packer.add(payloadBytes(chunk), () => {
      const range = recorded.table
        .getDataBodyRange()
        .getRow(at)
        .getResizedRange(chunk.length - 1, 0);
      range.values = chunk;
    });
  }
  const added = cells.slice(recorded.rowCount);
  for (const chunk of chunkBySize(added, WRITE_BUDGET)) {
    await packer.add(payloadBytes(chunk), () => recorded.table.rows.add(AT_END, chunk));
  }
}

/** Queues the writes that make the record (read with loadTable and synced) hold exactly `rows`. */
export async function queueRemember(
  packer: RequestPacker,
  read: TableRead,
  rows: readonly LedgerRow[],
): Promise<void> {
  await queueRecorded(
    packer,
    { table: read.table, headers: read.header.values[0], rowCount: read.body.rowCount },
    rows,
  );
}

/**
 * Makes the hidden record hold exactly these rows' tracked fields, so the next recordCellEdits
 * compares the Register with them. One round trip to read the record's shape, then one per 3.6 MB
 * written (40,000 typical rows are about four). A workbook without the record (before version 7)
 * is refused.
 */
export async function rememberRegister(
  context: Excel.RequestContext,
  rows: readonly LedgerRow[],
): Promise<void> {
  const [recorded] = lookUp(context, ["recorded"]);
  await context.sync();
  refuseMissing([recorded]);
  const header = recorded.table.getHeaderRowRange().load("values");
  const body = recorded.table.getDataBodyRange().load("rowCount");
  await context.sync();
  const packer = new RequestPacker(context);
  await queueRecorded(
    packer,
    { table: recorded.table, headers: header.values[0], rowCount: body.rowCount },
    rows,
  );
  await packer.flush();
}

// ---------------------------------------------------------------------------------------------
// Changes

/** A change as the cells of a Changes row, in the template's column order, fields named as the Register's headers. */
function changeRow(change: ChangeRecord, language: Language): LedgerCell[] {
  return changeCells(change, language, (field) => REGISTER_HEADERS[field][language]);
}

/**
 * Entries the pane added (`rows`: Register rows in the template's column order, as written):
 * each logged as added in Changes by `who`, and recorded. One round trip to read both tables'
 * ends, then one per 3.6 MB written; a workbook without them (before version 7) is left alone.
 */
export async function recordAdded(
  context: Excel.RequestContext,
  rows: readonly (readonly LedgerCell[])[],
  at: number,
  who: string,
  language: Language,
): Promise<void> {
  if (rows.length === 0) return;
  const tables = context.workbook.tables;
  const recorded = loadTable(tables.getItem(tableSpec("recorded").name), 1);
  const changesRead = loadTable(tables.getItem(tableSpec("changes").name), 1);
  try {
    await context.sync();
  } catch (error) {
    if (isItemNotFound(error)) return;
    throw error;
  }
  const written = rows.map(
    (cells): LedgerRow =>
      Object.fromEntries(LEDGER_FIELDS.map((field, i) => [field, cells[i] ?? null])) as LedgerRow,
  );
  const added = written.map((row): ChangeRecord => ({
    at,
    who,
    goal: ledgerCell("goal", row.goal),
    name: row.name,
    field: "entry",
    from: null,
    to: "added",
    how: "pane",
  }));
  // A renamed column of the record refuses before anything is written.
  recordedColumns(recorded.header.values[0]);
  const packer = new RequestPacker(context);
  await queueAppend(
    packer,
    changesRead,
    tableSpec("changes"),
    added.map((change) => changeRow(change, language)),
  );
  await queueAppend(
    packer,
    recorded,
    tableSpec("recorded"),
    written.map((row) => tableSpec("recorded").columns.map((column) => row[column.id as LedgerField])),
  );
  await packer.flush();
}

// ---------------------------------------------------------------------------------------------
// Edits typed in cells

/**
 * Finds the edits typed into the Register since the record was last written (`register` as
 * readTracking read it): logs them to Changes (how "cells") and rewrites the record. The first
 * time, with nothing recorded, the register becomes the baseline and nothing is logged. An
 * unchanged register costs one round trip and writes nothing; a workbook without the record
 * (before version 7) costs that one and is left alone.
 */
export async function recordCellEdits(
  context: Excel.RequestContext,
  register: TableBlock,
  at: number,
  who: string,
  language: Language,
): Promise<{ changes: number; baseline: boolean }> {
  // getItem, not getItemOrNullObject: a missing table fails this one read (ItemNotFound, the
  // batch holding nothing else), where a null object would need a round trip of its own first.
  // The Changes table's header and first row are read too, for appending without another read.
  const tables = context.workbook.tables;
  const read = loadTable(tables.getItem(tableSpec("recorded").name));
  const changesRead = loadTable(tables.getItem(tableSpec("changes").name), 1);
  // Whether the trail has started (a *OrNullObject's isNullObject, read after the sync).
  const marker = context.workbook.names.getItemOrNullObject(NAMES.trailStarted).load("isNullObject");
  try {
    await context.sync();
  } catch (error) {
    if (isItemNotFound(error)) return { changes: 0, baseline: false };
    throw error;
  }
  const block = await readRest(context, read);
  const columns = ledgerColumnsOf(register.headers, (field) => REGISTER_HEADERS[field]);
  // Compared as written: "认定" typed over "已认定" is a change, since COUNTIFS no longer counts the row.
  const now = register.rows.map((cells) => writtenRowOf(cells, columns));
  const record = recordedRows(block);
  // Before the trail starts (a workbook just made or upgraded to version 7) the register is taken
  // as the baseline, and the name says so; from then on an empty record is an empty register.
  const started =
    !marker.isNullObject || record.some((row) => TRACKED_FIELDS.some((field) => row[field] !== null));
  const found = detectCellEdits(now, started ? record : undefined, at, who);
  if (found.changes.length === 0 && started) return { changes: 0, baseline: false };
  const workbookLanguage = register.headers.length > 0 ? languageOfRegister(register) : language;
  const packer = new RequestPacker(context);
  // The changes first: if the log cannot be written the record stays, and the next refresh finds them again.
  await queueAppend(
    packer,
    changesRead,
    tableSpec("changes"),
    found.changes.map((change) => changeRow(change, workbookLanguage)),
  );
  await queueRecorded(
    packer,
    { table: read.table, headers: block.headers, rowCount: read.body.rowCount },
    found.recorded,
  );
  if (marker.isNullObject)
    await packer.add(100, () => context.workbook.names.add(NAMES.trailStarted, "=TRUE"));
  await packer.flush();
  return { changes: found.changes.length, baseline: found.baseline };
}

// ---------------------------------------------------------------------------------------------
// Editing an entry in the pane

/** The row a pane edit is for: its 0-based body row as last read, and the rowKey it had then. */
export interface EntryTarget {
  readonly row: number;
  readonly key: string;
}

/** A cell of the Register as written: labels in the workbook's language, text as text, blank cleared. */
function registerValue(field: LedgerField, value: LedgerCell, language: Language): string | number | boolean {
  return valueForCell(registerCell(field, value, language) as string | number | null);
}

/**
 * The record's row of an entry: among the record's rows of that key, the one holding what the
 * Register row held before the edit, else the first of them; undefined when the record has none.
 */
function recordedIndexOf(recorded: readonly LedgerRow[], before: LedgerRow): number | undefined {
  const key = rowKey(before);
  const same = (a: LedgerCell, b: LedgerCell) => (a === "" ? null : a) === (b === "" ? null : b);
  let first: number | undefined;
  for (let i = 0; i < recorded.length; i++) {
    const row = recorded[i];
    if (TRACKED_FIELDS.every((field) => row[field] === null)) continue;
    if (rowKey(row) !== key) continue;
    if (TRACKED_FIELDS.every((field) => same(row[field], before[field]))) return i;
    first ??= i;
  }
  return first;
}

/**
 * Edits an entry from the pane: checks the row still holds the entry the pane read (else
 * RegisterChangedError) and the edit (core editEntry: TrailError), then in one request writes the
 * changed cells, appends one Changes row per changed field and updates the entry's row of the
 * record, so the next recordCellEdits finds nothing. Three round trips (a record above 10,000 rows
 * takes one more per 3.6 MB to read); a refused edit writes nothing. Never deletes a row: withdraw.
 */
export async function editRegisterEntry(
  context: Excel.RequestContext,
  target: EntryTarget,
  edit: EntryEdit,
  at: number,
  who: string,
  language: Language,
): Promise<ChangeRecord[]> {
  // Excel's last row is 1,048,576: a row beyond it, or no row at all, is no row the pane read.
  if (!Number.isInteger(target.row) || target.row < 0 || target.row >= 1_048_575)
    throw new RegisterChangedError();
  return whenTracking(async () => {
    const registerTable = context.workbook.tables.getItem(tableSpec("register").name);
    const header = registerTable.getHeaderRowRange().load("values");
    const body = registerTable.getDataBodyRange().load("rowCount");
    // An offset of the first row: a row the table no longer has reads as sheet cells, not an error.
    const cells = registerTable.getDataBodyRange().getRow(0).getOffsetRange(target.row, 0).load("values");
    const [changesFound, recordedFound] = lookUp(context, ["changes", "recorded"]);
    await context.sync();
    refuseMissing([changesFound, recordedFound]);

    const headers = header.values[0];
    const columns = ledgerColumnsOf(headers, (field) => REGISTER_HEADERS[field]);
    const inTable = target.row < body.rowCount;
    const before = ledgerRowOf(cells.values[0], columns);
    if (!inTable || rowKey(before) !== target.key) throw new RegisterChangedError();
    const edited = editEntry(before, edit, at, who);
    if (edited.changes.length === 0) return [];
    const missing = edited.changes.find((change) => columns[change.field as LedgerField] < 0);
    if (missing)
      throw new MissingColumnError(
        REGISTER_HEADERS[missing.field as LedgerField],
        sheetSpec("register").name,
      );

    // Cells are written in the workbook's language, told by its headers (the pane's, should they tell nothing).
    const workbookLanguage =
      headers.length > 0 ? languageOfRegister({ headers: headers.map(String), rows: [] }) : language;
    const changesRead = loadTable(changesFound.table, 1);
    const recordedRead = loadTable(recordedFound.table);
    await context.sync();
    const recordedBlock = await readRest(context, recordedRead);
    const recorded = recordedRows(recordedBlock);
    const changeRows = edited.changes.map((change) => changeRow(change, workbookLanguage));
    // Checked before anything is queued: a renamed column refuses the whole edit.
    rowsForTable(tableSpec("changes"), changesRead.header.values[0], changeRows);
    recordedColumns(recordedBlock.headers);

    const packer = new RequestPacker(context);
    // The log first: should a later write fail, the change is on record and the next refresh shows the rest.
    await queueAppend(packer, changesRead, tableSpec("changes"), changeRows);
    for (const change of edited.changes) {
      const field = change.field as LedgerField;
      const value = registerValue(field, edited.row[field], workbookLanguage);
      await packer.add(payloadBytes(value), () => {
        registerTable.getDataBodyRange().getCell(target.row, columns[field]).values = [[value]];
      });
    }
    // The record holds the row as written: only the edited cells change in it, so an edit typed
    // into another of its cells since the last refresh is still found at the next one.
    const written = writtenRowOf(cells.values[0], columns);
    const index = recordedIndexOf(recorded, written);
    const next = recorded.slice();
    const update = (row: LedgerRow): LedgerRow => {
      const changed = { ...row };
      for (const change of edited.changes) {
        const field = change.field as LedgerField;
        changed[field] = registerCell(field, edited.row[field], workbookLanguage);
      }
      return changed;
    };
    // The record's row in place, or (the entry not yet recorded) a row after its last one.
    if (index === undefined) next.push(update(written));
    else next[index] = update(next[index]);
    await queueRecordedRow(packer, recordedRead, recordedBlock.headers, next, index);
    await packer.flush();
    return edited.changes;
  });
}

/** Queues the record's one changed row: written in place at `index`, or appended. */
async function queueRecordedRow(
  packer: RequestPacker,
  read: TableRead,
  headers: readonly unknown[],
  rows: readonly LedgerRow[],
  index: number | undefined,
): Promise<void> {
  const fields = recordedColumns(headers);
  const firstBlank = rows.findIndex((row) => TRACKED_FIELDS.every((field) => row[field] === null));
  // A new row goes into the first blank row of the record, else at its end.
  const at = index ?? (firstBlank >= 0 && firstBlank < read.body.rowCount ? firstBlank : rows.length - 1);
  const row = index === undefined ? rows[rows.length - 1] : rows[index];
  const values = recordedCells(row, fields);
  await packer.add(payloadBytes(values), () => {
    if (at >= read.body.rowCount) read.table.rows.add(AT_END, [values]);
    else read.table.getDataBodyRange().getRow(at).values = [values];
  });
}
