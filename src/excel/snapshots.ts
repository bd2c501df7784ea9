/** Snapshots: each goal's figures at a date, appended to the History table for the trend. */
import type { Language } from "../core/language";
import { STATUS_LABELS } from "../core/progress";
import type { GoalSummary } from "../core/summary";
import { tableSpec } from "../core/template/template";
import { appendRows } from "./tables";

/** One History row per goal; History rows are only ever appended, never rewritten. */
export async function recordSnapshot(
  context: Excel.RequestContext,
  summaries: readonly GoalSummary[],
  date: number,
  note: string,
  language: Language,
): Promise<number> {
  const rows = summaries.map((s) => [
    date,
    s.spec.id ?? "",
    s.actual,
    s.spec.target,
    STATUS_LABELS[s.status][language],
    note || null,
  ]);
  return appendRows(context, tableSpec("history"), language, rows);
}
