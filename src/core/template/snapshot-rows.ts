/**
 * The History rows of a snapshot: one per goal, in the History table's column order and the
 * workbook's language, so the sheet reads as the rest of the workbook does (品牌产品, 进度正常).
 * The pane reads the goal back by its name in either language.
 */
import type { Language } from "../language";
import { STATUS_LABELS } from "../progress";
import type { GoalSummary } from "../summary";
import type { Cell } from "./structure";

/** A snapshot: the as-of date its figures use, when it was taken (a date-time serial), a note. */
export interface SnapshotTaken {
  readonly asOf: number;
  readonly takenAt: number;
  readonly note: string;
}

export function snapshotRows(
  summaries: readonly GoalSummary[],
  taken: SnapshotTaken,
  language: Language,
): Cell[][] {
  return summaries.map((summary) => [
    taken.asOf,
    summary.spec.label[language],
    summary.actual,
    summary.spec.target,
    STATUS_LABELS[summary.status][language],
    taken.note || null,
    summary.expected,
    taken.takenAt,
  ]);
}
