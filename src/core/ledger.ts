/**
 * Register rows as merging and the change trail handle them: every column by field, in no
 * language. A district's workbook in Chinese and the city's in English hold the same entry under
 * different labels; here the goal, status, district, kind and sector are the plan's ids (text that
 * names none of them is kept as it was written), so rows compare and move between workbooks.
 */
import { ENTRY_FIELDS, type EntryField, entryKey, REGISTER_FIELDS } from "./entries";
import { findGoal } from "./goal-spec";
import type { Language } from "./language";
import { type Bilingual, DISTRICTS, GOALS, type GoalId, SECTORS, UNMANNED_KINDS } from "./plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS, type EntryStatusId } from "./register";
import { districtOf, kindOf, sectorOf, statusOf } from "./spellings";
import { normalizeCreditCode } from "./credit-code";

/** The Register's columns in the template's order: the entry's fields, then since version 7 its provenance. */
export const LEDGER_FIELDS = REGISTER_FIELDS;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/**
 * The fields that say what an entry is, as people write them: edits to these are logged (the
 * change trail), a newer submission updates them (a merge), the hidden record keeps them.
 * Provenance (entered at, reported by, source file, merged at) and who first typed it are not.
 */
export type TrackedField = Exclude<EntryField, "enteredBy">;
export const TRACKED_FIELDS: readonly TrackedField[] = ENTRY_FIELDS.filter(
  (field): field is TrackedField => field !== "enteredBy",
);

/** The names of the provenance columns (the Register's headers: headers.ts takes them from here). */
export const PROVENANCE_LABELS = {
  reportedBy: { en: "Reported by", zh: "报送单位" },
  sourceFile: { en: "Source file", zh: "来源文件" },
  mergedAt: { en: "Merged at", zh: "合并时间" },
} as const satisfies Record<string, Bilingual>;

/** Text, or a number (a date serial: days since 1899-12-30, with the time of day as a fraction). */
export type LedgerCell = string | number | null;
export type LedgerRow = Readonly<Record<LedgerField, LedgerCell>>;

/** The fields whose cells hold one of the plan's labels, stored here as its id. */
const LABELLED: Partial<Record<LedgerField, readonly { id: string; label: Bilingual }[]>> = {
  goal: GOALS,
  status: ENTRY_STATUS_IDS.map((id) => ({ id, label: ENTRY_STATUS_LABELS[id] })),
  district: DISTRICTS,
  // Who reported a merged row: a district when it names one (else the reporting unit's text).
  reportedBy: DISTRICTS,
  kind: UNMANNED_KINDS,
  sector: SECTORS,
};

/** Finds a label's id in the plan's lists (either language, as spellings.ts reads typed text). */
const IDENTIFY: Partial<Record<LedgerField, (text: string) => string | undefined>> = {
  goal: (text) => findGoal(text)?.id,
  status: (text) => statusOf(text),
  district: (text) => districtOf(text)?.id,
  reportedBy: (text) => districtOf(text)?.id,
  kind: (text) => kindOf(text)?.id,
  sector: (text) => sectorOf(text)?.id,
};

export function blankLedgerRow(): Record<LedgerField, LedgerCell> {
  return Object.fromEntries(LEDGER_FIELDS.map((field) => [field, null])) as Record<LedgerField, LedgerCell>;
}

/** A cell as read (Excel gives "" for blank), as a ledger cell: blank is null, text trimmed of nothing. */
function cellValue(cell: unknown): LedgerCell {
  if (cell === null || cell === undefined || cell === "") return null;
  if (typeof cell === "number") return cell;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

/**
 * A ledger cell from a register cell: a label of the plan (either language, the spellings people
 * type) becomes its id; other text, numbers and blanks stay as they are.
 */
export function ledgerCell(field: LedgerField, cell: unknown): LedgerCell {
  const value = cellValue(cell);
  const identify = IDENTIFY[field];
  if (typeof value !== "string" || !identify) return field === "creditCode" ? creditCell(value) : value;
  return identify(value) ?? value;
}

function creditCell(value: LedgerCell): LedgerCell {
  return typeof value === "string" ? normalizeCreditCode(value) || value : value;
}

/** A ledger cell as the Register of a workbook in `language` holds it: ids become that language's labels. */
export function registerCell(field: LedgerField, value: LedgerCell, language: Language): LedgerCell {
  const items = LABELLED[field];
  if (typeof value !== "string" || !items) return value;
  return items.find((item) => item.id === value)?.label[language] ?? value;
}

/**
 * Where each ledger field sits in a block's headers (either language, any order; -1 when the
 * workbook has no such column, as one made before version 7 has no provenance columns).
 */
export function ledgerColumnsOf(
  headers: readonly unknown[],
  headerOf: (field: LedgerField) => Bilingual,
): Record<LedgerField, number> {
  const forms = headers.map((h) =>
    String(h ?? "")
      .trim()
      .toLowerCase(),
  );
  return Object.fromEntries(
    LEDGER_FIELDS.map((field) => {
      const header = headerOf(field);
      return [field, forms.findIndex((h) => h === header.en.toLowerCase() || h === header.zh.toLowerCase())];
    }),
  ) as Record<LedgerField, number>;
}

/** One register row (cells in the block's column order) as a ledger row. */
export function ledgerRowOf(cells: readonly unknown[], columns: Record<LedgerField, number>): LedgerRow {
  const row = blankLedgerRow();
  for (const field of LEDGER_FIELDS) {
    const index = columns[field];
    if (index >= 0) row[field] = ledgerCell(field, cells[index]);
  }
  return row;
}

/**
 * One register row by field as its cells are written, labels and all: what the change trail
 * compares, since a label respelled ("认定" for "已认定") is a change of what COUNTIFS counts.
 */
export function writtenRowOf(cells: readonly unknown[], columns: Record<LedgerField, number>): LedgerRow {
  const row = blankLedgerRow();
  for (const field of LEDGER_FIELDS) {
    const index = columns[field];
    if (index >= 0) row[field] = cellValue(cells[index]);
  }
  return row;
}

/** A ledger row by field as the Register of a workbook in `language` holds it (ids as that language's labels). */
export function writtenRow(row: LedgerRow, language: Language): LedgerRow {
  const written = blankLedgerRow();
  for (const field of LEDGER_FIELDS) written[field] = registerCell(field, row[field], language);
  return written;
}

/** A ledger row as Register cells in the template's column order, in `language`. */
export function registerRowOf(row: LedgerRow, language: Language): LedgerCell[] {
  return LEDGER_FIELDS.map((field) => registerCell(field, row[field], language));
}

/** The goal's id when the row names one of the plan's goals. */
export function goalOfRow(row: LedgerRow): GoalId | undefined {
  return typeof row.goal === "string" && GOALS.some((g) => g.id === row.goal)
    ? (row.goal as GoalId)
    : undefined;
}

export function statusOfRow(row: LedgerRow): EntryStatusId | undefined {
  return typeof row.status === "string" && (ENTRY_STATUS_IDS as readonly string[]).includes(row.status)
    ? (row.status as EntryStatusId)
    : undefined;
}

/**
 * Which entry a row is, whoever wrote it: its goal and its name as entryKey compares names (case,
 * width and spacing aside). Rows naming no goal of the plan key by their goal text.
 */
export function rowKey(row: LedgerRow): string {
  const goal = goalOfRow(row) ?? (`?${String(row.goal ?? "")}` as GoalId);
  return entryKey(goal, String(row.name ?? ""));
}
