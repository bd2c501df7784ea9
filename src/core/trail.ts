/**
 * The change trail's logic (全程留痕): finding an entry to edit, editing it in the pane with one
 * record per changed field, finding edits typed straight into the Register's cells, and showing a
 * record as a row of the Changes sheet. Pure: src/excel reads and writes the sheets.
 */
import type { ChangedField, ChangeHow, ChangeRecord } from "./changes";
import { isoToSerial, parseWrittenDate, serialToIso } from "./dates";
import { ENTRY_FIELD_LABELS, MAX_CELL_UNITS, REGISTER_DATE_BOUNDS, visibleName } from "./entries";
import { isEvidenceLink } from "./evidence-link";
import type { Language } from "./language";
import {
  blankLedgerRow,
  PROVENANCE_LABELS,
  type LedgerCell,
  type LedgerField,
  type LedgerRow,
  registerCell,
  rowKey,
  TRACKED_FIELDS,
  type TrackedField,
} from "./ledger";
import type { Bilingual } from "./plan";
import { ENTRY_STATUS_IDS, type EntryStatusId } from "./register";

export { TRACKED_FIELDS, type TrackedField };

const e = (en: string, zh: string): Bilingual => ({ en, zh });

// ---------------------------------------------------------------------------------------------
// Finding entries

/** A name as people see it: width forms, case, spacing and invisible characters aside (as entryKey). */
function seen(text: string): string {
  return visibleName(text.normalize("NFKC"))
    .replace(/\u200d/g, "")
    .replace(/\s+/g, " ")
    .toUpperCase();
}

/**
 * The rows whose name contains `query` as people see it: exact matches first, then the others,
 * each in row order; at most `limit`. An empty query finds nothing (it would list the whole register).
 */
export function findEntries(rows: readonly LedgerRow[], query: string, limit = 50): number[] {
  const wanted = seen(query);
  if (wanted === "" || !(limit > 0)) return [];
  const exact: number[] = [];
  const partial: number[] = [];
  rows.forEach((row, index) => {
    if (row.name === null) return;
    const name = seen(String(row.name));
    if (name === wanted) exact.push(index);
    else if (name.includes(wanted)) partial.push(index);
  });
  return [...exact, ...partial].slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// Editing in the pane

/** What the pane edits. A field left out stays as it is; null clears it. There is no deletion: withdraw instead. */
export interface EntryEdit {
  readonly status?: EntryStatusId;
  readonly date?: number | null;
  readonly evidence?: string | null;
}

/** An edit refused, with what to fix in both languages. */
export class TrailError extends Error {
  constructor(
    readonly field: keyof EntryEdit,
    readonly text: Bilingual,
  ) {
    super(text.en);
    this.name = "TrailError";
  }

  messageIn(language: Language): string {
    return this.text[language];
  }
}

const DATE_MIN = isoToSerial(REGISTER_DATE_BOUNDS.min);
const DATE_MAX = isoToSerial(REGISTER_DATE_BOUNDS.max);

/** Lone halves of a UTF-16 pair: a file cannot store one (checkEntry refuses them too). */
const LONE_SURROGATE = /\p{Cs}/u;

function checkedStatus(status: unknown): EntryStatusId {
  if (typeof status === "string" && (ENTRY_STATUS_IDS as readonly string[]).includes(status))
    return status as EntryStatusId;
  throw new TrailError(
    "status",
    e(
      `"${String(status)}" is not a status: use Candidate, In progress, Recognized or Withdrawn.`,
      `“${String(status)}”不是有效状态，请用候选、推进中、已认定或已撤回。`,
    ),
  );
}

function checkedDate(date: number | null): number | null {
  if (date === null) return null;
  if (typeof date !== "number" || !Number.isInteger(date))
    throw new TrailError(
      "date",
      e(
        `The date must be a whole day, without a time of day; got ${String(date)}.`,
        `日期须为整日，不含时刻，收到的是 ${String(date)}。`,
      ),
    );
  if (date < DATE_MIN || date > DATE_MAX)
    throw new TrailError(
      "date",
      e(
        `The date must fall between ${REGISTER_DATE_BOUNDS.min} and ${REGISTER_DATE_BOUNDS.max}.`,
        `日期须在 ${REGISTER_DATE_BOUNDS.min} 至 ${REGISTER_DATE_BOUNDS.max} 之间。`,
      ),
    );
  return date;
}

function checkedEvidence(evidence: string | null): string | null {
  const link = evidence === null ? "" : String(evidence).trim();
  if (link === "") return null;
  // The same verdicts as checkEntry, so the pane accepts what an import accepts and no more.
  if (LONE_SURROGATE.test(link))
    throw new TrailError(
      "evidence",
      e(
        "The evidence link holds a broken character (half of a character pair); retype it.",
        "佐证链接含有残缺字符（字符对只剩一半），请重新输入。",
      ),
    );
  if (link.length > MAX_CELL_UNITS)
    throw new TrailError(
      "evidence",
      e(
        `The evidence link is longer than an Excel cell holds (${MAX_CELL_UNITS} characters).`,
        `佐证链接超出 Excel 单元格的容量（${MAX_CELL_UNITS} 个字符）。`,
      ),
    );
  if (!isEvidenceLink(link))
    throw new TrailError(
      "evidence",
      e(
        "Evidence must be one web address: http:// or https://, then the site, with no spaces and no user name or password.",
        "佐证须为一个网址，以 http:// 或 https:// 开头，后接网站地址，不含空格，也不含用户名或密码。",
      ),
    );
  return link;
}

/** A date cell's day: a serial's whole day, or a date written as text; undefined when it is neither. */
function dayOf(cell: LedgerCell): number | null | undefined {
  if (cell === null || cell === "") return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? Math.floor(cell) : undefined;
  return parseWrittenDate(cell);
}

/**
 * Applies a pane edit to a row: the edited row and one record per field that really changes
 * (none when a field keeps its value; dates compare as whole days). Every field is checked before
 * any is applied, so a refused edit changes nothing.
 */
export function editEntry(
  row: LedgerRow,
  edit: EntryEdit,
  at: number,
  who: string,
): { row: LedgerRow; changes: ChangeRecord[] } {
  const next: Partial<Record<LedgerField, LedgerCell>> = {};
  if (edit.status !== undefined) next.status = checkedStatus(edit.status);
  if (edit.date !== undefined) next.date = checkedDate(edit.date);
  if (edit.evidence !== undefined) next.evidence = checkedEvidence(edit.evidence);

  const changed: Record<LedgerField, LedgerCell> = { ...row };
  const changes: ChangeRecord[] = [];
  for (const field of TRACKED_FIELDS) {
    if (!(field in next)) continue;
    const from = row[field];
    const to = next[field] ?? null;
    const same = field === "date" ? dayOf(from) === to : sameCell(from, to);
    if (same) continue;
    changed[field] = to;
    changes.push({ at, who, goal: row.goal, name: row.name, field, from: blank(from), to, how: "pane" });
  }
  return { row: changed, changes };
}

// ---------------------------------------------------------------------------------------------
// Edits typed straight into cells

function blank(cell: LedgerCell): LedgerCell {
  return cell === "" ? null : cell;
}

/** Numbers as numbers, text as text, "" as null: a number and text of the same digits differ. */
function sameCell(a: LedgerCell, b: LedgerCell): boolean {
  return blank(a) === blank(b);
}

/** A row of the recorded state: the tracked fields, blanks as null, the rest null. */
function recordedRow(row: LedgerRow): LedgerRow {
  const kept = blankLedgerRow();
  for (const field of TRACKED_FIELDS) kept[field] = blank(row[field]);
  return kept;
}

/** A row with nothing tracked in it: an empty table row, not an entry. */
function isEmptyRow(row: LedgerRow): boolean {
  return TRACKED_FIELDS.every((field) => blank(row[field]) === null);
}

/** Row indices by key, in row order: the k-th row of a key in one state is the k-th in the other. */
function byKey(rows: readonly LedgerRow[]): Map<string, number[]> {
  const keys = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const key = rowKey(row);
    const list = keys.get(key);
    if (list) list.push(index);
    else keys.set(key, [index]);
  });
  return keys;
}

/**
 * The edits typed into the Register since the add-in last recorded it (`recorded`, kept in a
 * hidden table): a record per changed tracked field of an entry found in both, an "entry" record
 * for each entry added or removed. `recorded` undefined (the trail has not started) makes the
 * register's state the baseline and nothing is logged, as the add-in cannot know what came
 * before; an empty record is an empty register, so whatever is in it now was added. Empty rows are
 * no entries: they are neither logged nor recorded.
 */
export function detectCellEdits(
  register: readonly LedgerRow[],
  recorded: readonly LedgerRow[] | undefined,
  at: number,
  who: string,
): { changes: ChangeRecord[]; recorded: LedgerRow[]; baseline: boolean } {
  const now = register.filter((row) => !isEmptyRow(row)).map(recordedRow);
  const before = (recorded ?? []).filter((row) => !isEmptyRow(row)).map(recordedRow);
  if (recorded === undefined) return { changes: [], recorded: now, baseline: true };

  const beforeByKey = byKey(before);
  const seenOfKey = new Map<string, number>();
  const matched = new Set<number>();
  const changes: ChangeRecord[] = [];
  const record = (row: LedgerRow, field: ChangedField, from: LedgerCell, to: LedgerCell) =>
    changes.push({ at, who, goal: row.goal, name: row.name, field, from, to, how: "cells" });

  for (const row of now) {
    const key = rowKey(row);
    const k = seenOfKey.get(key) ?? 0;
    seenOfKey.set(key, k + 1);
    const index = beforeByKey.get(key)?.[k];
    if (index === undefined) {
      record(row, "entry", null, "added");
      continue;
    }
    matched.add(index);
    const old = before[index];
    for (const field of TRACKED_FIELDS)
      if (!sameCell(old[field], row[field])) record(row, field, old[field], row[field]);
  }
  before.forEach((row, index) => {
    if (!matched.has(index)) record(row, "entry", "present", null);
  });
  return { changes, recorded: now, baseline: false };
}

// ---------------------------------------------------------------------------------------------
// Showing a change

/** The Changes sheet's columns, in order. */
export const CHANGES_COLUMNS = ["at", "who", "goal", "name", "field", "from", "to", "how", "source"] as const;
export type ChangesColumn = (typeof CHANGES_COLUMNS)[number];

/** The Changes sheet's headers, in its column order (the template's CHANGES_HEADERS). */
export const CHANGES_FIELD_LABELS: Readonly<Record<ChangesColumn, Bilingual>> = {
  at: e("When", "时间"),
  who: e("Who", "修改人"),
  goal: ENTRY_FIELD_LABELS.goal,
  name: ENTRY_FIELD_LABELS.name,
  field: e("Field", "字段"),
  from: e("From", "原值"),
  to: e("To", "新值"),
  how: e("How", "方式"),
  source: PROVENANCE_LABELS.sourceFile,
};

export const CHANGE_HOW_LABELS: Readonly<Record<ChangeHow, Bilingual>> = {
  pane: e("Task pane", "任务窗格"),
  cells: e("Typed in cells", "单元格直接修改"),
  merge: e("Merge", "合并"),
};

/** The words of an "entry" record: the field, and its from ("present") and to ("added"). */
export const CHANGE_ENTRY_LABELS = {
  entry: e("Entry", "条目"),
  added: e("Added", "新增"),
  present: e("In the sheet", "在表中"),
} as const satisfies Record<string, Bilingual>;

/**
 * A change as a row of the Changes sheet (CHANGES_COLUMNS' order) in `language`: plan ids as
 * labels, the entry words and the how in that language. `fieldLabel` names a field as the
 * template's Register headers do, so the core does not depend on the template.
 */
export function changeCells(
  change: ChangeRecord,
  language: Language,
  fieldLabel: (field: LedgerField) => string,
): LedgerCell[] {
  const entry = change.field === "entry";
  const value = (cell: LedgerCell): LedgerCell => {
    if (entry && (cell === "added" || cell === "present")) return CHANGE_ENTRY_LABELS[cell][language];
    if (entry) return cell;
    // A date as the Register shows it (its cell's format), not as the serial the cell holds.
    if (change.field === "date" && typeof cell === "number" && Number.isInteger(cell))
      return serialToIso(cell);
    return registerCell(change.field as LedgerField, cell, language);
  };
  return [
    change.at,
    change.who === "" ? null : change.who,
    registerCell("goal", change.goal, language),
    change.name,
    entry ? CHANGE_ENTRY_LABELS.entry[language] : fieldLabel(change.field as LedgerField),
    value(change.from),
    value(change.to),
    CHANGE_HOW_LABELS[change.how][language],
    change.source ?? null,
  ];
}
