/**
 * Counting register rows toward goals, and the pace and forecast derived from them. The register
 * arrives as columns of raw cell values (from a worksheet, a custom function's arguments or a CSV):
 * each column is read in place, never copied.
 */
import { parseIsoDate } from "./dates";
import { EngineError } from "./errors";
import type { GoalSpec } from "./goal-spec";
import type { Language } from "./language";
import { type Bilingual, GOAL_IDS, GOALS } from "./plan";
import { requiredCount } from "./progress";

/** One column of a 2-D block of cells: rows[i][index]. Lets callers pass Excel matrices as they are. */
export interface Column {
  readonly rows: ArrayLike<ArrayLike<unknown>>;
  readonly index: number;
  /** How the column is named in messages ("goals", "dates"...). */
  readonly name: string;
}

export interface RegisterColumns {
  readonly goals: Column;
  /** When given, only Recognized rows count. */
  readonly statuses?: Column;
  /** When given, only rows dated on or before as_of (or undated) count. */
  readonly dates?: Column;
  /**
   * The workbook's language, when known: only its labels count, as only they match the
   * workbook's COUNTIFS. Left out (the custom functions cannot tell), either language's labels count.
   */
  readonly language?: Language;
}

export const ENTRY_STATUS_IDS = ["CANDIDATE", "IN_PROGRESS", "RECOGNIZED", "WITHDRAWN"] as const;
export type EntryStatusId = (typeof ENTRY_STATUS_IDS)[number];
export const ENTRY_STATUS_LABELS: Readonly<Record<EntryStatusId, Bilingual>> = {
  CANDIDATE: { en: "Candidate", zh: "候选" },
  IN_PROGRESS: { en: "In progress", zh: "推进中" },
  RECOGNIZED: { en: "Recognized", zh: "已认定" },
  WITHDRAWN: { en: "Withdrawn", zh: "已撤回" },
};

/*
 * What counts is what the tracking workbook's native formulas count: COUNTIFS(Register[Goal],
 * [@Goal], Register[Status], "Recognized", ...) matches a text cell equal to the criterion as a
 * whole, letters in any case, nothing trimmed (the labels hold no wildcard characters; a test holds
 * that). So "RECOGNIZED" and "recognized" count, " Recognized " and "Recognised" do not; neither do
 * a goal's id or short name. Imports and the task pane write the exact labels
 * (core/spellings.ts maps "Recognised" and the like to them).
 */

/** A label or cell as COUNTIFS compares it: A-Z folded to a-z, everything else as it is. */
export function countifsForm(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const LANGUAGES: readonly Language[] = ["en", "zh"];

/** No goal: the cell names none (or none of those wanted). */
const NO_GOAL = -1;

function labelsIn(language: Language | undefined): readonly Language[] {
  return language ? [language] : LANGUAGES;
}

const RECOGNIZED_FORMS: Readonly<Record<Language, string>> = {
  en: countifsForm(ENTRY_STATUS_LABELS.RECOGNIZED.en),
  zh: countifsForm(ENTRY_STATUS_LABELS.RECOGNIZED.zh),
};

/** The status cell is the Recognized label (of `language`, or of either language when left out). */
export function isRecognized(cell: unknown, language?: Language): boolean {
  if (typeof cell !== "string") return false;
  const form = countifsForm(cell);
  return labelsIn(language).some((l) => RECOGNIZED_FORMS[l] === form);
}

const GOAL_BY_LABEL: Readonly<Record<Language, ReadonlyMap<string, number>>> = {
  en: new Map(GOALS.map((goal) => [countifsForm(goal.label.en), GOAL_IDS.indexOf(goal.id)])),
  zh: new Map(GOALS.map((goal) => [countifsForm(goal.label.zh), GOAL_IDS.indexOf(goal.id)])),
};

/** Index in GOAL_IDS of the goal whose label the cell is (of `language`, or of either); -1 for none. */
export function goalIndexOfLabel(cell: string, language?: Language): number {
  const form = countifsForm(cell);
  for (const l of labelsIn(language)) {
    const index = GOAL_BY_LABEL[l].get(form);
    if (index !== undefined) return index;
  }
  return NO_GOAL;
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || cell === "";
}

/** Columns must be the same length; the message names the first column and one that differs from it. */
export function checkSameLength(columns: readonly (Column | undefined)[]): number {
  const given = columns.filter((c): c is Column => c !== undefined);
  const [first] = given;
  if (!first) return 0;
  const other = given.find((c) => c.rows.length !== first.rows.length);
  if (other) {
    throw new EngineError("value", "columnsDiffer", {
      arg: first.name,
      rows: first.rows.length,
      other: other.name,
      otherRows: other.rows.length,
    });
  }
  return first.rows.length;
}

/** Per-goal results of one pass over the register, indexed like GOAL_IDS. */
export interface RegisterTally {
  /** Rows counting toward each goal at as_of. */
  readonly counts: Int32Array;
  /** Of those, rows dated within [start of the goal's period, as_of]: the pace's numerator. */
  readonly datedInPeriod: Int32Array;
  /** Of those, rows dated on or before the goal's deadline, or undated: the count by the deadline. */
  readonly byDeadline: Int32Array;
  /** Of those, undated rows: they count at every date, by the deadline too. */
  readonly undated: Int32Array;
}

/** Each goal's period, indexed like GOAL_IDS; without deadlines, every counted row is by the deadline. */
export interface GoalPeriods {
  readonly start: ArrayLike<number>;
  readonly deadline?: ArrayLike<number>;
}

function goalIndexOfCell(cell: unknown, row: number, name: string, language?: Language): number {
  if (typeof cell === "string") return goalIndexOfLabel(cell, language);
  if (cell !== null && typeof cell === "object")
    throw new EngineError("value", "cellHoldsError", { row: row + 1, arg: name });
  return NO_GOAL;
}

/** A date cell as a whole-day serial; undefined when blank. #VALUE! naming the row otherwise. */
export function dateOfCell(cell: unknown, row: number, name: string): number | undefined {
  if (typeof cell === "number") return Math.floor(cell);
  if (isBlank(cell)) return undefined;
  if (typeof cell === "string") {
    const serial = parseIsoDate(cell);
    if (serial !== undefined) return serial;
  }
  if (cell !== null && typeof cell === "object")
    throw new EngineError("value", "cellHoldsError", { row: row + 1, arg: name });
  throw new EngineError("value", "cellNotADate", { row: row + 1, arg: name, value: String(cell) });
}

/** Slots of the direct-mapped string cache (a power of two). */
const CACHE_SLOTS = 256;

/**
 * Remembers a per-cell decision by cell value. Registers repeat a handful of goal and status
 * spellings: a string's slot comes from its length and end characters (no hashing of the whole
 * string), and one === comparison confirms it. Colliding strings, blanks, numbers and booleans go
 * to a Map; error objects are never cached.
 */
class CellCache<T> {
  private readonly keys: (string | undefined)[] = new Array(CACHE_SLOTS).fill(undefined);
  private readonly values: T[] = new Array(CACHE_SLOTS);
  private readonly others = new Map<unknown, T>();

  constructor(private readonly resolve: (cell: unknown, row: number) => T) {}

  get(cell: unknown, row: number): T {
    if (typeof cell === "string" && cell.length > 0) {
      const slot =
        (cell.length * 7 + cell.charCodeAt(0) * 3 + cell.charCodeAt(cell.length - 1)) & (CACHE_SLOTS - 1);
      if (this.keys[slot] === cell) return this.values[slot];
      return this.missString(cell, row, slot);
    }
    return this.missOther(cell, row);
  }

  private missString(cell: string, row: number, slot: number): T {
    const known = this.others.get(cell);
    if (known !== undefined) return known;
    const result = this.resolve(cell, row);
    if (this.keys[slot] === undefined) {
      this.keys[slot] = cell;
      this.values[slot] = result;
    } else {
      this.others.set(cell, result);
    }
    return result;
  }

  private missOther(cell: unknown, row: number): T {
    const known = this.others.get(cell);
    if (known !== undefined) return known;
    const result = this.resolve(cell, row);
    if (typeof cell !== "object" || cell === null) this.others.set(cell, result);
    return result;
  }
}

/**
 * One pass over the register: for every goal, the rows that count at as_of and, of those, the rows
 * dated inside [periodStart[goal], as_of]. Only goal values in `wanted` are tallied (others skip
 * their date check, so a bad date in an unrelated row does not fail a count).
 */
export function tallyRegister(
  register: RegisterColumns,
  asOf: number,
  periods: GoalPeriods,
  wanted: ReadonlySet<number> = new Set(GOAL_IDS.map((_, i) => i)),
  onCounted?: (goal: number, date: number | undefined, row: number) => void,
): RegisterTally {
  const length = checkSameLength([register.goals, register.statuses, register.dates]);
  const counts = new Int32Array(GOAL_IDS.length);
  const datedInPeriod = new Int32Array(GOAL_IDS.length);
  const byDeadline = new Int32Array(GOAL_IDS.length);
  const undated = new Int32Array(GOAL_IDS.length);
  const { start: periodStart, deadline: periodEnd } = periods;
  const wantedMask = new Uint8Array(GOAL_IDS.length);
  wanted.forEach((goal) => (wantedMask[goal] = 1));
  const goalNames = register.goals.name;
  const { language } = register;
  const goalOf = new CellCache((cell, row) => {
    const goal = goalIndexOfCell(cell, row, goalNames, language);
    return goal !== NO_GOAL && wantedMask[goal] === 1 ? goal : NO_GOAL;
  });
  const statusCounts = new CellCache((cell) => isRecognized(cell, language));
  const dateNames = register.dates?.name ?? "dates";
  const day = Math.floor(asOf);
  const { rows: goalRows, index: goalIndex } = register.goals;
  const statusRows = register.statuses?.rows;
  const statusIndex = register.statuses?.index ?? 0;
  const dateRows = register.dates?.rows;
  const dateIndex = register.dates?.index ?? 0;

  for (let row = 0; row < length; row++) {
    const goal = goalOf.get(goalRows[row][goalIndex], row);
    if (goal === NO_GOAL) continue;
    if (statusRows && !statusCounts.get(statusRows[row][statusIndex], row)) continue;
    let date: number | undefined;
    if (dateRows) {
      // Dates are mostly numbers (Excel serials): take those without a function call.
      const cell = dateRows[row][dateIndex];
      date = typeof cell === "number" ? Math.floor(cell) : dateOfCell(cell, row, dateNames);
    }
    if (date !== undefined) {
      if (date > day) continue;
      if (date >= periodStart[goal]) datedInPeriod[goal]++;
      if (!periodEnd || date <= periodEnd[goal]) byDeadline[goal]++;
    } else {
      undated[goal]++;
      byDeadline[goal]++;
    }
    counts[goal]++;
    if (onCounted) onCounted(goal, date, row);
  }
  return { counts, datedInPeriod, byDeadline, undated };
}

function goalIndex(spec: GoalSpec, fn: string): number {
  if (!spec.id) throw new EngineError("na", "planGoalNeeded", { fn, goal: spec.target });
  return GOAL_IDS.indexOf(spec.id);
}

/** The period of one goal, at its index; the other goals' are never read. */
function periodsOf(spec: GoalSpec, index: number): GoalPeriods {
  const start = new Float64Array(GOAL_IDS.length);
  const deadline = new Float64Array(GOAL_IDS.length);
  start[index] = spec.start;
  deadline[index] = spec.deadline;
  return { start, deadline };
}

/**
 * How many register rows count toward the goal at as_of; `byDeadline`: only those dated on or
 * before the goal's deadline too (undated rows count either way, as in the workbook).
 */
export function countTowardGoal(
  register: RegisterColumns,
  spec: GoalSpec,
  asOf: number,
  byDeadline = false,
): number {
  const index = goalIndex(spec, "COUNT");
  const tally = tallyRegister(register, asOf, periodsOf(spec, index), new Set([index]));
  return (byDeadline ? tally.byDeadline : tally.counts)[index];
}

export interface Forecast {
  readonly actual: number;
  /** Entries per day over the elapsed part of the period; 0 when nothing dated yet. */
  readonly pacePerDay: number;
  /** Count projected at the deadline; not rounded. */
  readonly atDeadline: number;
}

/**
 * Projection at the pace observed so far: the dated rows recognized within the period up to as_of,
 * divided by the days elapsed since the start. The count at the deadline is the actual plus that
 * pace over the days left (none after the deadline).
 */
export function forecastFromTally(
  actual: number,
  datedInPeriod: number,
  spec: GoalSpec,
  asOf: number,
): Forecast {
  const day = Math.floor(asOf);
  const elapsed = elapsedDays(spec, asOf);
  const pacePerDay = elapsed > 0 ? datedInPeriod / elapsed : 0;
  const daysAhead = Math.max(0, spec.deadline - day);
  return { actual, pacePerDay, atDeadline: actual + pacePerDay * daysAhead };
}

/** Days of the period the pace is observed over: from the start to as_of, or to the deadline once past it. */
function elapsedDays(spec: GoalSpec, asOf: number): number {
  return Math.min(Math.floor(asOf), spec.deadline) - spec.start;
}

export function forecastGoal(register: RegisterColumns, spec: GoalSpec, asOf: number): Forecast {
  const index = goalIndex(spec, "FORECAST");
  const tally = tallyRegister(register, asOf, periodsOf(spec, index), new Set([index]));
  return forecastFromTally(tally.counts[index], tally.datedInPeriod[index], spec, asOf);
}

/**
 * The day the required count is reached. Already met: the date of the row that reached it (undated
 * rows counted from the start). Not met: as_of plus the days the observed pace needs for the rest;
 * #N/A when the pace is zero.
 */
export function forecastDate(register: RegisterColumns, spec: GoalSpec, asOf: number): number {
  const index = goalIndex(spec, "FORECAST");
  const tally = tallyRegister(register, asOf, periodsOf(spec, index), new Set([index]));
  const [actual, dated] = [tally.counts[index], tally.datedInPeriod[index]];
  const required = requiredCount(spec.target, spec.comparator);
  if (actual >= required) return dateRequiredWasReached(register, spec, asOf, required);
  const elapsed = elapsedDays(spec, asOf);
  if (elapsed <= 0 || dated === 0) throw new EngineError("na", "noPace");
  // The days the rest takes at dated ÷ elapsed a day, in whole numbers: dividing by the rounded
  // pace instead can add a day (21 ÷ (7 ÷ 5) is 15.000000000000002).
  return Math.floor(asOf) + Math.ceil(((required - actual) * elapsed) / dated);
}

function dateRequiredWasReached(
  register: RegisterColumns,
  spec: GoalSpec,
  asOf: number,
  required: number,
): number {
  const index = goalIndex(spec, "FORECASTDATE");
  const dated: number[] = [];
  let undated = 0;
  tallyRegister(register, asOf, periodsOf(spec, index), new Set([index]), (_, date) => {
    if (date === undefined) undated++;
    else dated.push(date);
  });
  return reachedOn(dated, undated, required, spec.start)!;
}

/**
 * The day the `required`-th counted row arrived: undated rows first (they count from the start),
 * then the dated ones in date order; never before the start. Undefined when fewer rows count.
 */
export function reachedOn(
  dated: readonly number[],
  undated: number,
  required: number,
  start: number,
): number | undefined {
  if (undated >= required) return start;
  if (undated + dated.length < required) return undefined;
  const sorted = Float64Array.from(dated).sort();
  return Math.max(start, sorted[required - undated - 1]);
}
