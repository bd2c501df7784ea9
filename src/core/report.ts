/**
 * The progress report's list of recent recognitions: which register rows it names, in which order.
 * The Report sheet's native formulas compute the same list; a test holds them equal.
 */
import type { Language } from "./language";
import { isRecognized, type Column } from "./register";

/** Recognitions are listed from the 30 days that end on the as-of day (that day included). */
export const REPORT_RECENT_DAYS = 30;
/** At most this many are listed, so the report stays on one page; the rest are counted. */
export const REPORT_RECENT_ROWS = 10;

export interface RecentRecognitions {
  /** Register rows (0-based) to list: the most recent first, rows of one day in register order. */
  readonly rows: readonly number[];
  /** All rows recognized in the window, listed or not. */
  readonly total: number;
}

/**
 * Rows with the status Recognized (of `language`) whose date falls in the REPORT_RECENT_DAYS up to
 * the as-of day. Only number cells are dates here, as the worksheet compares them; undated rows are
 * not recent.
 */
export function recentRecognitions(
  register: { readonly statuses: Column; readonly dates: Column; readonly language: Language },
  asOf: number,
  limit: number = REPORT_RECENT_ROWS,
): RecentRecognitions {
  const day = Math.floor(asOf);
  const first = day - (REPORT_RECENT_DAYS - 1);
  const found: { row: number; date: number }[] = [];
  const length = register.statuses.rows.length;
  for (let row = 0; row < length; row++) {
    const cell = register.dates.rows[row][register.dates.index];
    if (typeof cell !== "number") continue;
    const date = Math.floor(cell);
    if (date < first || date > day) continue;
    if (!isRecognized(register.statuses.rows[row][register.statuses.index], register.language)) continue;
    found.push({ row, date });
  }
  found.sort((a, b) => b.date - a.date || a.row - b.row);
  return { rows: found.slice(0, limit).map((f) => f.row), total: found.length };
}
