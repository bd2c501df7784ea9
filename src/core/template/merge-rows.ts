/**
 * A merge's rows of the Merges and Conflicts sheets, in the template's column order and the
 * workbook's language: what the add-in and the command line both write.
 */
import type { Language } from "../language";
import { type LedgerCell, registerCell } from "../ledger";
import { type Conflict, type ConflictField, type MergeLogRow, mergeNote } from "../merge";
import { REGISTER_HEADERS } from "./headers";
import { CONFLICTS_HEADERS, MERGES_HEADERS, tableSpec } from "./template";

/** Who reported, as the Register names a reporter: a district by its label, other text as it is. */
const reporterLabel = (reporter: string, language: Language): LedgerCell =>
  reporter === "" ? null : registerCell("reportedBy", reporter, language);

function inColumnOrder(
  table: "merges" | "conflicts",
  cells: Readonly<Record<string, LedgerCell>>,
): LedgerCell[] {
  return tableSpec(table).columns.map((column) => cells[column.id] ?? null);
}

/** A merged file's row of the Merges sheet. */
export function mergeLogCells(merge: MergeLogRow, who: string, language: Language): LedgerCell[] {
  const cells: Record<keyof typeof MERGES_HEADERS, LedgerCell> = {
    file: merge.file,
    reportedBy: reporterLabel(merge.reporter, language),
    savedAt: merge.savedAt ?? null,
    at: merge.at,
    who: who === "" ? null : who,
    rows: merge.read,
    added: merge.added,
    updated: merge.updated,
    conflicts: merge.conflicts,
    skipped: merge.skipped,
    note: mergeNote(merge, language),
  };
  return inColumnOrder("merges", cells);
}

/**
 * A conflict's row of the Conflicts sheet: "Differs in" names the Register's headers of the fields
 * that differ, and both sides of those fields are shown (only those: the sheet's note says so).
 */
export function conflictCells(conflict: Conflict, at: number, language: Language): LedgerCell[] {
  const side = (field: ConflictField, which: "credited" | "other") => {
    const difference = conflict.differences.find((d) => d.field === field);
    return difference ? registerCell(field, difference[which], language) : null;
  };
  const differs = conflict.differences
    .map((d) => REGISTER_HEADERS[d.field][language])
    .join(language === "zh" ? "、" : ", ");
  const cells: Record<keyof typeof CONFLICTS_HEADERS, LedgerCell> = {
    foundAt: at,
    goal: registerCell("goal", conflict.goal, language),
    name: conflict.name,
    creditCode: conflict.creditCode,
    matchedBy: REGISTER_HEADERS[conflict.matchedBy][language],
    creditedTo: reporterLabel(conflict.creditedTo, language),
    alsoReportedBy: reporterLabel(conflict.alsoReportedBy, language),
    file: conflict.file || null,
    differs: differs === "" ? null : differs,
    creditedStatus: side("status", "credited"),
    otherStatus: side("status", "other"),
    creditedDate: side("date", "credited"),
    otherDate: side("date", "other"),
    creditedEvidence: side("evidence", "credited"),
    otherEvidence: side("evidence", "other"),
    settled: null,
  };
  return inColumnOrder("conflicts", cells);
}
