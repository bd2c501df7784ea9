/**
 * --merge: district workbooks (or an earlier merged one) merged, in the order given, into a new
 * workbook. Each file is read whole (submission-file.ts), the registers merged by the core
 * (merge.ts) into an empty city register, and the outcome written as the rows of the new
 * workbook's tables: the Register (provenance filled), Merges (one row per file), Conflicts,
 * Changes (the updates a later file made) and the hidden Recorded table, which holds the merged
 * Register so that the add-in does not take the merged rows for edits typed into cells.
 */
import type { Language } from "../core/language";
import { type LedgerCell, type LedgerField, type LedgerRow, registerRowOf, writtenRow } from "../core/ledger";
import { type MergeLogRow, type MergeOutcome, mergeRegisters } from "../core/merge";
import { conflictCells, mergeLogCells } from "../core/template/merge-rows";
import type { Submission } from "../core/submission";
import { SubmissionError } from "../core/submission";
import { REGISTER_HEADERS } from "../core/template/headers";
import type { TableId } from "../core/template/structure";
import { RECORDED_FIELDS, sheetSpec, tableSpec } from "../core/template/template";
import { changeCells, detectCellEdits } from "../core/trail";
import { CliError, EXIT_INPUT } from "./cli-error";
import { type MergeTotals, reasonOf, TEXT } from "./cli-text";
import { maxTableRows, type TableRows } from "./register-sheet";
import { readSubmissionFile } from "./submission-file";

/** Reads the workbooks in order; the first that cannot be merged ends the run with one line naming it. */
export async function readMergeInputs(paths: readonly string[]): Promise<Submission[]> {
  const inputs: Submission[] = [];
  for (const path of paths) {
    try {
      inputs.push(await readSubmissionFile(path));
    } catch (error) {
      if (error instanceof SubmissionError) throw new CliError(TEXT.inFile(path, error.said), EXIT_INPUT);
      throw new CliError(TEXT.cannotMerge(path, reasonOf(error, "read")), EXIT_INPUT);
    }
  }
  return inputs;
}

/** The inputs merged into an empty city register at `at` (a date-time serial), by `who`. */
export function mergeInputs(inputs: readonly Submission[], at: number, who = ""): MergeOutcome {
  return mergeRegisters([], inputs, { at, who, merges: [], conflicts: [] });
}

/** Rows held as arrays of cells, as the file writer takes them. */
function rowsOf(cells: readonly (readonly LedgerCell[])[]): TableRows {
  return { length: cells.length, cells: (index) => cells[index] };
}

/** The merged Register as the Register's rows in `language`: labels of that language, provenance filled. */
function registerRows(rows: readonly LedgerRow[], language: Language): TableRows {
  return { length: rows.length, cells: (index) => registerRowOf(rows[index], language) };
}

/** The Recorded table's rows: the merged Register as the add-in records it (as written, blanks as null). */
function recordedRows(rows: readonly LedgerRow[], at: number, language: Language): TableRows {
  const written = rows.map((row) => writtenRow(row, language));
  const { recorded } = detectCellEdits(written, undefined, at, "");
  return {
    length: recorded.length,
    cells: (index) => RECORDED_FIELDS.map((field) => recorded[index][field]),
  };
}

export type MergedTables = { readonly register: TableRows } & Partial<Record<TableId, TableRows>>;

/**
 * The rows of the new workbook's tables in `language`. Refused with one line when a table would
 * hold more rows than its sheet.
 */
export function mergedTables(outcome: MergeOutcome, at: number, language: Language, who = ""): MergedTables {
  const fieldLabel = (field: LedgerField) => REGISTER_HEADERS[field][language];
  const tables = {
    register: registerRows(outcome.appended, language),
    merges: rowsOf(outcome.merges.map((merge) => mergeLogCells(merge, who, language))),
    conflicts: rowsOf(outcome.conflicts.map((conflict) => conflictCells(conflict, at, language))),
    changes: rowsOf(outcome.changes.map((change) => changeCells(change, language, fieldLabel))),
    recorded: recordedRows(outcome.appended, at, language),
  };
  for (const [id, rows] of Object.entries(tables) as [TableId, TableRows][]) {
    const spec = tableSpec(id);
    if (rows.length > maxTableRows(spec))
      throw new CliError(
        TEXT.tooManyMerged(sheetSpec(spec.sheet).name, rows.length, maxTableRows(spec)),
        EXIT_INPUT,
      );
  }
  return tables;
}

/** What the merge did over all its files, for the summary line. */
export function mergeTotals(outcome: MergeOutcome): MergeTotals {
  const sum = (of: (merge: MergeLogRow) => number) => outcome.merges.reduce((total, m) => total + of(m), 0);
  return {
    read: sum((m) => m.read),
    added: sum((m) => m.added),
    updated: sum((m) => m.updated),
    conflicts: outcome.conflicts.length,
    older: outcome.merges.filter((m) => m.skippedReason === "older").length,
  };
}
