/** Snapshots: each goal's figures at a date, appended to the History table for the trend. */
import type { Language } from "../core/language";
import type { GoalSummary } from "../core/summary";
import { snapshotRows, type SnapshotTaken } from "../core/template/snapshot-rows";
import { tableSpec } from "../core/template/template";
import { appendRows } from "./tables";

/** One History row per goal; History rows are only ever appended, never rewritten. */
export async function recordSnapshot(
  context: Excel.RequestContext,
  summaries: readonly GoalSummary[],
  taken: SnapshotTaken,
  language: Language,
): Promise<number> {
  return appendRows(context, tableSpec("history"), language, snapshotRows(summaries, taken, language));
}
