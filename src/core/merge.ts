/**
 * Merging district registers (台账) into the city's. Pure: rows in, what to append, update and list out;
 * the add-in writes them to the Register, the Changes, the Merges and the conflicts it lists.
 *
 * - Reporter. An input's reporter is its reporting unit as a district id when districtOf recognizes
 *   it, else the trimmed text; when that is blank, the one district all its non-blank district cells
 *   name; else its file name. A row's reporter is its own reportedBy when set (a city workbook merged
 *   into another keeps each row's provenance), else its input's. City rows with a blank reportedBy
 *   are the city's own (reporter "").
 * - Which entry. Two rows are one entry when they have the same goal and the same credit code
 *   (normalized, both non-blank); else, when either has no credit code, the same rowKey (goal and
 *   name). Rows with different non-blank credit codes are different entries, names aside. Rows
 *   without a goal or a name are skipped (counted).
 * - New entry: appended as in the source (enteredBy and enteredAt kept), with reportedBy the row's
 *   reporter, sourceFile the input's file, mergedAt the merge's time.
 * - Same entry, same reporter: the reporter's own row. Each of goal, name, status, date, district,
 *   kind, sector, evidence, notes and creditCode that differs is updated, one ChangeRecord each (how
 *   "merge"); sourceFile and mergedAt follow only when something changed. An input saved before the
 *   latest input already merged from its reporter (earlier merges, and earlier inputs of this call)
 *   is skipped whole, so an old file never undoes a newer one; an unknown save time is never older.
 * - Same entry, other reporter: nothing added or changed (the entry counts once, credited to whoever
 *   has it first), and a conflict listed with the differences in status, date, evidence and district.
 *   A conflict already listed (same entry, same other reporter, same values) is not listed again. In
 *   one input the first of duplicate rows wins and the later ones are conflicts too.
 * - Inputs are merged in the order given; later inputs see the rows earlier ones appended.
 * Merging the same workbook twice thus adds, updates and lists nothing the second time.
 */
import { creditCodeProblem, normalizeCreditCode } from "./credit-code";
import type { ChangeRecord } from "./changes";
import {
  goalOfRow,
  type LedgerCell,
  type LedgerField,
  type LedgerRow,
  rowKey,
  TRACKED_FIELDS,
} from "./ledger";
import { type Bilingual, DISTRICTS } from "./plan";
import { districtOf } from "./spellings";

/** What a merge needs of a submission (submission.ts's Submission has these fields, and more). */
export interface MergeInput {
  readonly file: string;
  readonly reportingUnit: string;
  /** When the workbook was last saved: a date-time serial, undefined when unknown. */
  readonly savedAt: number | undefined;
  readonly rows: readonly LedgerRow[];
}

/** The fields a newer submission from the same reporter updates (not enteredBy/enteredAt: who typed it first stays). */
export const MERGE_UPDATED_FIELDS = TRACKED_FIELDS;

/** The fields a conflict compares: what decides whether and when the entry counts, and where. */
export const CONFLICT_FIELDS = [
  "status",
  "date",
  "evidence",
  "district",
] as const satisfies readonly LedgerField[];
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

export interface ConflictDifference {
  readonly field: ConflictField;
  readonly credited: LedgerCell;
  readonly other: LedgerCell;
}

/** One entry reported by a second reporter: counted once, for the first. */
export interface Conflict {
  /** The entry as the credited row has it. */
  readonly goal: LedgerCell;
  readonly name: LedgerCell;
  /** The normalized credit code (the credited row's, else the other's); null when neither has one. */
  readonly creditCode: string | null;
  readonly matchedBy: "creditCode" | "name";
  /** Who the entry counts for ("" for the city's own rows) and the file its row came from ("" when none). */
  readonly creditedTo: string;
  readonly creditedFile: string;
  readonly alsoReportedBy: string;
  /** The file the other report is in. */
  readonly file: string;
  /** Only the fields that differ, in CONFLICT_FIELDS order. */
  readonly differences: readonly ConflictDifference[];
}

/** What identifies a conflict already listed (the file and the credited reporter aside). */
export type ConflictKeyFields = Pick<
  Conflict,
  "goal" | "name" | "creditCode" | "matchedBy" | "alsoReportedBy" | "differences"
>;

export type MergeSkipReason = "older";

export const MERGE_SKIP_REASONS: Readonly<Record<MergeSkipReason, Bilingual>> = {
  older: {
    en: "Skipped: saved before a file already merged from the same reporter.",
    zh: "已跳过：保存时间早于已合并的同一报送单位的文件。",
  },
};

/** What the Merges table's Note says of an input: why it was skipped, and codes that fail their check. */
export function mergeNote(merge: MergeLogRow, language: "en" | "zh"): string | null {
  const notes: string[] = [];
  if (merge.skippedReason) notes.push(MERGE_SKIP_REASONS[merge.skippedReason][language]);
  if (merge.invalidCodes > 0)
    notes.push(
      language === "zh"
        ? `${merge.invalidCodes}行的统一社会信用代码未通过校验（GB 32100-2015），已按名称匹配，请在该区工作簿中更正。`
        : `${merge.invalidCodes} row${merge.invalidCodes === 1 ? "'s" : "s'"} credit code${merge.invalidCodes === 1 ? " fails" : "s fail"} the check (GB 32100-2015): matched by name; correct ${merge.invalidCodes === 1 ? "it" : "them"} in the district's workbook.`,
    );
  return notes.length > 0 ? notes.join(language === "zh" ? "" : " ") : null;
}

/** One input's line in the Merges table. */
export interface MergeLogRow {
  readonly file: string;
  readonly reporter: string;
  readonly savedAt: number | undefined;
  /** When it was merged (the merge's time). */
  readonly at: number;
  readonly read: number;
  readonly added: number;
  /** Rows updated (not fields). */
  readonly updated: number;
  /** Conflicts newly listed (ones listed before are not counted again). */
  readonly conflicts: number;
  /** Rows without a goal or a name; every row when the whole input was skipped. */
  readonly skipped: number;
  readonly skippedReason?: MergeSkipReason;
  /** Rows whose credit code fails its check character: matched by name, and to be corrected. */
  readonly invalidCodes: number;
}

/** A field of a city row to set (rows appended in the same call are updated in `appended` instead). */
export interface MergeUpdate {
  /** The row's index in the city rows given. */
  readonly index: number;
  readonly field: LedgerField;
  readonly from: LedgerCell;
  readonly to: LedgerCell;
}

export interface MergeOutcome {
  readonly appended: LedgerRow[];
  readonly updates: MergeUpdate[];
  readonly changes: ChangeRecord[];
  readonly conflicts: Conflict[];
  /** One per input, in the order given. */
  readonly merges: MergeLogRow[];
}

export interface MergeContext {
  /** The merge's time: a date-time serial. */
  readonly at: number;
  readonly who: string;
  /** Earlier merges (the workbook's Merges table): only reporter and savedAt are read. */
  readonly merges: readonly Pick<MergeLogRow, "reporter" | "savedAt">[];
  /** Conflicts already listed. */
  readonly conflicts: readonly ConflictKeyFields[];
}

const DISTRICT_IDS = new Set(DISTRICTS.map((d) => d.id));

function text(cell: LedgerCell): string {
  return cell === null ? "" : String(cell).trim();
}

/** A reporting unit as compared: a district's id when it names one, else its text. */
function unitOf(written: string): string {
  const trimmed = written.trim();
  return trimmed === "" ? "" : (districtOf(trimmed)?.id ?? trimmed);
}

/** The input's reporter (see the rules above). */
export function reporterOf(input: Pick<MergeInput, "file" | "reportingUnit" | "rows">): string {
  const unit = unitOf(input.reportingUnit);
  if (unit !== "") return unit;
  let only: string | undefined;
  for (const row of input.rows) {
    const written = text(row.district);
    if (written === "") continue;
    const district = unitOf(written);
    if (!DISTRICT_IDS.has(district) || (only !== undefined && only !== district)) return input.file;
    only = district;
  }
  return only ?? input.file;
}

function codeOf(row: { readonly creditCode: LedgerCell }): string {
  return row.creditCode === null ? "" : normalizeCreditCode(String(row.creditCode));
}

function goalPart(row: LedgerRow): string {
  return goalOfRow(row) ?? `?${String(row.goal ?? "")}`;
}

/**
 * The key by credit code, for a code that passes the GB 32100-2015 check: a code with a typing
 * error would match no other district's entry (or the wrong one), so such a row is matched by name.
 */
function codeKeyOf(row: LedgerRow): string | undefined {
  const code = codeOf(row);
  return code === "" || creditCodeProblem(code) !== undefined ? undefined : `${goalPart(row)}|${code}`;
}

/** Equal as the merge sees them: blank is blank; credit codes as normalized. */
function sameCell(field: LedgerField, a: LedgerCell, b: LedgerCell): boolean {
  if (field === "creditCode") return codeOf({ creditCode: a }) === codeOf({ creditCode: b });
  const x = a === "" ? null : a;
  const y = b === "" ? null : b;
  return x === y;
}

/** A conflict's identity: which entry, the other reporter, and the values compared. */
export function conflictKey(conflict: ConflictKeyFields): string {
  const row = { goal: conflict.goal, name: conflict.name } as LedgerRow;
  const entry =
    conflict.matchedBy === "creditCode"
      ? `#${goalPart(row)}|${normalizeCreditCode(conflict.creditCode ?? "")}`
      : rowKey(row);
  const values = [...conflict.differences]
    .sort((a, b) => CONFLICT_FIELDS.indexOf(a.field) - CONFLICT_FIELDS.indexOf(b.field))
    .map((d) => JSON.stringify([d.field, d.credited, d.other]));
  return JSON.stringify([entry, conflict.alsoReportedBy, values]);
}

/** An entry of the city as the merge goes: its current row and where that row is. */
interface Slot {
  row: LedgerRow;
  readonly where: "city" | "appended";
  readonly index: number;
  readonly reporter: string;
  codeKey: string | undefined;
  nameKey: string;
}

/** The entries by credit code and by name, each row keyed once. */
class EntryIndex {
  private readonly byCode = new Map<string, Slot>();
  private readonly byName = new Map<string, Slot[]>();

  /** Keys the slot under its row's keys (given when the caller has them already). */
  add(slot: Slot, codeKey = codeKeyOf(slot.row), nameKey = rowKey(slot.row)): void {
    slot.codeKey = codeKey;
    slot.nameKey = nameKey;
    // The first row of a key keeps it: the entry counts for whoever has it first.
    if (slot.codeKey !== undefined && !this.byCode.has(slot.codeKey)) this.byCode.set(slot.codeKey, slot);
    const named = this.byName.get(slot.nameKey);
    if (named) named.push(slot);
    else this.byName.set(slot.nameKey, [slot]);
  }

  remove(slot: Slot): void {
    if (slot.codeKey !== undefined && this.byCode.get(slot.codeKey) === slot)
      this.byCode.delete(slot.codeKey);
    const named = this.byName.get(slot.nameKey);
    if (!named) return;
    const rest = named.filter((s) => s !== slot);
    if (rest.length > 0) this.byName.set(slot.nameKey, rest);
    else this.byName.delete(slot.nameKey);
  }

  /**
   * The entry a row is, its reporter's own first: a district's newer file updates its own row
   * even when the city, or another district, has a row of that name above it.
   */
  find(
    codeKey: string | undefined,
    nameKey: string,
    reporter: string,
  ): { slot: Slot; matchedBy: Conflict["matchedBy"] } | undefined {
    if (codeKey !== undefined) {
      const slot = this.byCode.get(codeKey);
      if (slot) return { slot, matchedBy: "creditCode" };
    }
    const named = this.byName.get(nameKey);
    if (!named) return undefined;
    // A row with a code matches by name only an entry without one (another code is another enterprise);
    // a row without one prefers such an entry too, else the first of that name.
    const candidates = named.filter((s) => s.reporter === reporter);
    const pick = (slots: readonly Slot[]) => {
      const uncoded = slots.find((s) => s.codeKey === undefined);
      return codeKey !== undefined ? uncoded : (uncoded ?? slots[0]);
    };
    const slot = pick(candidates) ?? pick(named);
    return slot ? { slot, matchedBy: "name" } : undefined;
  }
}

function isBlank(cell: LedgerCell): boolean {
  return text(cell) === "";
}

export function mergeRegisters(
  city: readonly LedgerRow[],
  inputs: readonly MergeInput[],
  context: MergeContext,
): MergeOutcome {
  const { at, who } = context;
  const outcome: MergeOutcome = { appended: [], updates: [], changes: [], conflicts: [], merges: [] };
  const index = new EntryIndex();
  city.forEach((row, i) => {
    if (isBlank(row.goal) || isBlank(row.name)) return;
    index.add({
      row,
      where: "city",
      index: i,
      reporter: unitOf(text(row.reportedBy)),
      codeKey: undefined,
      nameKey: "",
    });
  });

  const latestSaved = new Map<string, number>();
  const noteSaved = (reporter: string, savedAt: number | undefined) => {
    if (savedAt === undefined || !Number.isFinite(savedAt)) return;
    const latest = latestSaved.get(reporter);
    if (latest === undefined || savedAt > latest) latestSaved.set(reporter, savedAt);
  };
  for (const merge of context.merges) noteSaved(merge.reporter, merge.savedAt);
  const listed = new Set(context.conflicts.map(conflictKey));

  /** Sets the reporter's newer values on its own row; true when anything changed. */
  const update = (slot: Slot, row: LedgerRow, file: string): boolean => {
    const fields = MERGE_UPDATED_FIELDS.filter((field) => !sameCell(field, slot.row[field], row[field]));
    if (fields.length === 0) return false;
    const next: Record<LedgerField, LedgerCell> = { ...slot.row };
    for (const field of fields) next[field] = row[field];
    next.sourceFile = file;
    next.mergedAt = at;
    for (const field of fields) {
      outcome.changes.push({
        at,
        who,
        goal: next.goal,
        name: next.name,
        field,
        from: slot.row[field],
        to: next[field],
        how: "merge",
        source: file,
      });
    }
    if (slot.where === "city") {
      // Provenance moves with the content, without a change record of its own.
      const provenance = (["sourceFile", "mergedAt"] as const).filter(
        (field) => slot.row[field] !== next[field],
      );
      for (const field of [...fields, ...provenance]) {
        outcome.updates.push({ index: slot.index, field, from: slot.row[field], to: next[field] });
      }
    } else {
      outcome.appended[slot.index] = next;
    }
    index.remove(slot);
    slot.row = next;
    index.add(slot);
    return true;
  };

  for (const input of inputs) {
    const reporter = reporterOf(input);
    const base = { file: input.file, reporter, savedAt: input.savedAt, at, read: input.rows.length };
    const latest = latestSaved.get(reporter);
    if (input.savedAt !== undefined && latest !== undefined && input.savedAt < latest) {
      outcome.merges.push({
        ...base,
        added: 0,
        updated: 0,
        conflicts: 0,
        skipped: input.rows.length,
        skippedReason: "older",
        invalidCodes: 0,
      });
      continue;
    }
    let added = 0;
    let updated = 0;
    let conflicts = 0;
    let skipped = 0;
    let invalidCodes = 0;
    // Entries this input already added or matched as its own: a second row for one is a duplicate.
    const touched = new Set<Slot>();
    for (const row of input.rows) {
      if (isBlank(row.goal) || isBlank(row.name)) {
        skipped++;
        continue;
      }
      const rowReporter = isBlank(row.reportedBy) ? reporter : unitOf(text(row.reportedBy));
      const codeKey = codeKeyOf(row);
      if (codeKey === undefined && codeOf(row) !== "") invalidCodes++;
      const nameKey = rowKey(row);
      const match = index.find(codeKey, nameKey, rowReporter);
      if (!match) {
        const appendedRow: LedgerRow = {
          ...row,
          reportedBy: rowReporter,
          sourceFile: input.file,
          mergedAt: at,
        };
        const slot: Slot = {
          row: appendedRow,
          where: "appended",
          index: outcome.appended.length,
          reporter: rowReporter,
          codeKey: undefined,
          nameKey: "",
        };
        outcome.appended.push(appendedRow);
        index.add(slot, codeKey, nameKey);
        touched.add(slot);
        added++;
        continue;
      }
      const { slot, matchedBy } = match;
      if (slot.reporter === rowReporter && !touched.has(slot)) {
        touched.add(slot);
        if (update(slot, row, input.file)) updated++;
        continue;
      }
      const credited = slot.row;
      const creditedCode = codeOf(credited) || codeOf(row);
      const conflict: Conflict = {
        goal: credited.goal,
        name: credited.name,
        creditCode: creditedCode === "" ? null : creditedCode,
        matchedBy,
        creditedTo: slot.reporter,
        creditedFile: text(credited.sourceFile),
        alsoReportedBy: rowReporter,
        file: input.file,
        differences: CONFLICT_FIELDS.filter((field) => !sameCell(field, credited[field], row[field])).map(
          (field) => ({ field, credited: credited[field], other: row[field] }),
        ),
      };
      const key = conflictKey(conflict);
      if (listed.has(key)) continue;
      listed.add(key);
      outcome.conflicts.push(conflict);
      conflicts++;
    }
    noteSaved(reporter, input.savedAt);
    outcome.merges.push({ ...base, added, updated, conflicts, skipped, invalidCodes });
  }
  return outcome;
}
