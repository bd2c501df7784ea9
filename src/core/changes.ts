/**
 * The change trail (全程留痕): one record per changed field of one entry, appended to the Changes
 * sheet and never rewritten. Edits in the pane, edits typed straight into cells (found at a
 * refresh), and merges all write these records.
 */
import type { LedgerCell, LedgerField } from "./ledger";

/** How a change came about. */
export const CHANGE_HOWS = ["pane", "cells", "merge"] as const;
export type ChangeHow = (typeof CHANGE_HOWS)[number];

/**
 * What changed: a field of the entry, or the entry itself ("entry": added, with from null and to
 * "added"; removed from the sheet by hand, with from "present" and to null).
 */
export type ChangedField = LedgerField | "entry";

export interface ChangeRecord {
  /** When: a date-time serial (days since 1899-12-30, the time as a fraction), local time. */
  readonly at: number;
  /** Who: the name given in Settings; "" when none was given. */
  readonly who: string;
  /** The entry: its goal (an id of the plan, or the text the row holds) and its name. */
  readonly goal: LedgerCell;
  readonly name: LedgerCell;
  readonly field: ChangedField;
  readonly from: LedgerCell;
  readonly to: LedgerCell;
  readonly how: ChangeHow;
  /** For a merge: the file the change came from. */
  readonly source?: string;
}
