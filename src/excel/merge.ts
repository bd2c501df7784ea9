/**
 * Merging district workbooks into the city's (the open workbook): the Register gains the new
 * entries and the newer values of each reporter's own, the Changes, Conflicts and Merges sheets
 * say what happened, and the record is rewritten so the next refresh does not take the merged
 * rows for edits typed in cells. The logic is core/merge.ts.
 */
import {
  type LedgerCell,
  type LedgerField,
  ledgerCell,
  ledgerColumnsOf,
  type LedgerRow,
  ledgerRowOf,
  writtenRow,
  writtenRowOf,
  registerCell,
  registerRowOf,
  TRACKED_FIELDS,
} from "../core/ledger";
import {
  CONFLICT_FIELDS,
  type Conflict,
  type ConflictField,
  type ConflictKeyFields,
  mergeRegisters,
  type MergeLogRow,
  type MergeSkipReason,
} from "../core/merge";
import type { Submission } from "../core/submission";
import { valueForCell } from "../core/template/cell-text";
import { REGISTER_HEADERS } from "../core/template/headers";
import { CONFLICTS_HEADERS, tableSpec } from "../core/template/template";
import { conflictCells, mergeLogCells } from "../core/template/merge-rows";
import { changeCells } from "../core/trail";
import { columnIndex, languageOfRegister, type TableBlock } from "../core/tracking";
import { payloadBytes } from "./payload";
import { readRegister, whenTracking } from "./tables";
import {
  loadTable,
  lookUp,
  queueAppend,
  readRest,
  refuseMissing,
  queueRemember,
  RequestPacker,
  rowsForTable,
} from "./trail";

export interface MergeReport {
  readonly added: number;
  readonly updated: number;
  readonly conflicts: readonly Conflict[];
  readonly merges: readonly MergeLogRow[];
  readonly skipped: readonly { readonly file: string; readonly reason: MergeSkipReason }[];
}

/** The Merges table's rows as the merge reads them: who reported, and when the file was saved. */
function earlierMerges(block: TableBlock): Pick<MergeLogRow, "reporter" | "savedAt">[] {
  const spec = tableSpec("merges");
  const reporterAt = columnIndex(block, spec, "reportedBy");
  const savedAt = columnIndex(block, spec, "savedAt");
  if (reporterAt < 0) return [];
  return block.rows
    .map((row) => {
      const reporter = ledgerCell("reportedBy", row[reporterAt]);
      const saved = savedAt < 0 ? undefined : row[savedAt];
      return {
        reporter: reporter === null ? "" : String(reporter).trim(),
        savedAt: typeof saved === "number" ? saved : undefined,
      };
    })
    .filter((merge) => merge.reporter !== "" || merge.savedAt !== undefined);
}

/** The Register header a cell names (either language), as its field. */
function fieldNamed(text: string): LedgerField | undefined {
  const form = text.trim().toLowerCase();
  return (Object.keys(REGISTER_HEADERS) as LedgerField[]).find(
    (field) =>
      REGISTER_HEADERS[field].en.toLowerCase() === form || REGISTER_HEADERS[field].zh.toLowerCase() === form,
  );
}

/**
 * The conflicts the Conflicts sheet lists, as mergeRegisters compares them. Status, date and
 * evidence have a column each side; the sheet has none for the district, so a district difference
 * is taken as the credited row's district in the Register now and the other reporter's district.
 */
function listedConflicts(block: TableBlock, city: readonly LedgerRow[]): ConflictKeyFields[] {
  const spec = tableSpec("conflicts");
  const at = (id: keyof typeof CONFLICTS_HEADERS) => columnIndex(block, spec, id);
  const cell = (row: readonly unknown[], id: keyof typeof CONFLICTS_HEADERS, field: LedgerField) =>
    at(id) < 0 ? null : ledgerCell(field, row[at(id)]);
  const sides: Record<
    Exclude<ConflictField, "district">,
    [keyof typeof CONFLICTS_HEADERS, keyof typeof CONFLICTS_HEADERS]
  > = {
    status: ["creditedStatus", "otherStatus"],
    date: ["creditedDate", "otherDate"],
    evidence: ["creditedEvidence", "otherEvidence"],
  };
  return block.rows
    .filter((row) => row.some((c) => c !== "" && c !== null))
    .map((row) => {
      const goal = cell(row, "goal", "goal");
      const name = cell(row, "name", "name");
      const code = cell(row, "creditCode", "creditCode");
      const matched = at("matchedBy") < 0 ? "" : String(row[at("matchedBy")] ?? "");
      const matchedBy: Conflict["matchedBy"] = fieldNamed(matched) === "creditCode" ? "creditCode" : "name";
      const alsoReportedBy = cell(row, "alsoReportedBy", "reportedBy");
      const differs = at("differs") < 0 ? "" : String(row[at("differs")] ?? "");
      const fields = new Set(
        differs
          .split(/[、,，]/)
          .map(fieldNamed)
          .filter((field): field is LedgerField => field !== undefined),
      );
      const credited = city.find(
        (r) => r.goal === goal && (matchedBy === "creditCode" ? r.creditCode === code : r.name === name),
      );
      const differences = CONFLICT_FIELDS.filter((field) => fields.has(field)).map((field) =>
        field === "district"
          ? { field, credited: credited?.district ?? null, other: alsoReportedBy }
          : {
              field,
              credited: cell(row, sides[field][0], field),
              other: cell(row, sides[field][1], field),
            },
      );
      return {
        goal,
        name,
        creditCode: code === null ? null : String(code),
        matchedBy,
        alsoReportedBy: alsoReportedBy === null ? "" : String(alsoReportedBy),
        differences,
      };
    });
}

/**
 * Merges district submissions into the open workbook. Refuses a workbook made before template
 * version 7 (WorkbookNeedsUpgradeError) and a template column renamed in any table it writes
 * (MissingColumnError), both before writing anything. Round trips: one per 4 MB of Register read
 * (the tables' existence asked in the first), one for the Merges, Conflicts, Changes and record,
 * then one per 3.6 MB written, all tables together. The record is rewritten from the merged
 * Register: edits typed in cells since the last refresh are taken in without a Changes row, so
 * the pane records them (recordCellEdits) before it merges.
 */
export async function mergeIntoWorkbook(
  context: Excel.RequestContext,
  submissions: readonly Submission[],
  at: number,
  who: string,
): Promise<MergeReport> {
  return whenTracking(async () => {
    // Asked in readRegister's first request (loads only: nothing is written before the check).
    const found = lookUp(context, ["changes", "merges", "conflicts", "recorded"]);
    const register = await readRegister(context);
    refuseMissing(found);
    const [changes, merges, conflicts, recorded] = found.map(({ table }) => table);
    const reads = {
      register: loadTable(context.workbook.tables.getItem(tableSpec("register").name), 1),
      changes: loadTable(changes, 1),
      merges: loadTable(merges),
      conflicts: loadTable(conflicts),
      recorded: loadTable(recorded, 1),
    };
    await context.sync();
    const mergesBlock = await readRest(context, reads.merges);
    const conflictsBlock = await readRest(context, reads.conflicts);

    const language = languageOfRegister(register);
    const columns = ledgerColumnsOf(register.headers, (field) => REGISTER_HEADERS[field]);
    const city = register.rows.map((cells) => ledgerRowOf(cells, columns));
    const outcome = mergeRegisters(city, submissions, {
      at,
      who,
      merges: earlierMerges(mergesBlock),
      conflicts: listedConflicts(conflictsBlock, city),
    });

    const appended = outcome.appended.map((row) => registerRowOf(row, language));
    const changeRows = outcome.changes.map((change) =>
      changeCells(change, language, (field) => REGISTER_HEADERS[field][language]),
    );
    const conflictRows = outcome.conflicts.map((conflict) => conflictCells(conflict, at, language));
    const mergeRows = outcome.merges.map((merge) => mergeLogCells(merge, who, language));
    // Every table's columns checked before the first write.
    rowsForTable(tableSpec("register"), reads.register.header.values[0], []);
    rowsForTable(tableSpec("changes"), reads.changes.header.values[0], []);
    rowsForTable(tableSpec("conflicts"), reads.conflicts.header.values[0], []);
    rowsForTable(tableSpec("merges"), reads.merges.header.values[0], []);

    const packer = new RequestPacker(context);
    const body = reads.register.table.getDataBodyRange();
    // Each updated row: one write over its changed columns, null (left as it is) between them.
    const byRow = new Map<number, Map<number, string | number | boolean>>();
    // The record holds the Register as written (a label respelled is a change the trail sees):
    // the city's rows as read, the updated cells as now written, the new rows in this language.
    const merged: Record<LedgerField, LedgerCell>[] = register.rows.map((cells) => ({
      ...writtenRowOf(cells, columns),
    }));
    for (const update of outcome.updates) {
      const column = columns[update.field];
      merged[update.index][update.field] = registerCell(update.field, update.to, language);
      const cells = byRow.get(update.index) ?? new Map<number, string | number | boolean>();
      cells.set(column, valueForCell(registerCell(update.field, update.to, language)));
      byRow.set(update.index, cells);
    }
    for (const [row, cells] of byRow) {
      const first = Math.min(...cells.keys());
      const last = Math.max(...cells.keys());
      const values = Array.from({ length: last - first + 1 }, (_, i) => cells.get(first + i) ?? null);
      await packer.add(payloadBytes(values) + 60, () => {
        body.getCell(row, first).getResizedRange(0, last - first).values = [values] as (
          string | number | boolean
        )[][];
      });
    }
    await queueAppend(packer, reads.register, tableSpec("register"), appended);
    await queueAppend(packer, reads.changes, tableSpec("changes"), changeRows);
    await queueAppend(packer, reads.conflicts, tableSpec("conflicts"), conflictRows);
    await queueAppend(packer, reads.merges, tableSpec("merges"), mergeRows);
    // The record last, in the same requests: the merged rows are no edits typed in cells.
    const rows = [...merged, ...outcome.appended.map((row) => writtenRow(row, language))].filter((row) =>
      TRACKED_FIELDS.some((field) => row[field] !== null && row[field] !== ""),
    );
    await queueRemember(packer, reads.recorded, rows);
    await packer.flush();
    return {
      added: outcome.appended.length,
      updated: outcome.merges.reduce((sum, merge) => sum + merge.updated, 0),
      conflicts: outcome.conflicts,
      merges: outcome.merges,
      skipped: outcome.merges
        .filter((merge) => merge.skippedReason !== undefined)
        .map((merge) => ({ file: merge.file, reason: merge.skippedReason as MergeSkipReason })),
    };
  });
}
