/**
 * The History rows of a snapshot: one per goal, in the History table's column order and the
 * workbook's language, so the sheet reads as the rest of the workbook does (品牌产品, 进度正常).
 * The pane reads the goal back by its name in either language.
 */
import type { Language } from "../language";
import { STATUS_LABELS } from "../progress";
import type { GoalSummary } from "../summary";
import type { Cell } from "./structure";

export function snapshotRows(
  summaries: readonly GoalSummary[],
  date: number,
  note: string,
  language: Language,
): Cell[][] {
  return summaries.map((summary) => [
    date,
    summary.spec.label[language],
    summary.actual,
    summary.spec.target,
    STATUS_LABELS[summary.status][language],
    note || null,
  ]);
}
