/**
 * The headers other code refers to by name, in both languages, by column id: those of Targets,
 * Register, Dashboard and the timeline, which formulas, the add-in and the SUMMARY function name
 * columns through. A table whose headers nothing else names spells them in its column specs.
 */
import { ENTRY_FIELD_LABELS } from "../entries";
import { PROVENANCE_LABELS } from "../ledger";
import type { Bilingual } from "../plan";

/** A text in both languages of the workbook. */
export const bilingual = (en: string, zh: string): Bilingual => ({ en, zh });

/** The Targets table's headers, by column id; SUMMARY's spilled header row reuses them. */
export const TARGETS_HEADERS = {
  id: bilingual("Id", "编号"),
  goal: bilingual("Goal", "目标"),
  comparator: bilingual("Comparator", "比较方式"),
  target: bilingual("Target", "目标值"),
  required: bilingual("Required", "所需数量"),
  unit: bilingual("Unit", "单位"),
  start: bilingual("Start", "开始日期"),
  deadline: bilingual("Deadline", "截止日期"),
  source: bilingual("Source", "来源"),
  actual: bilingual("Actual", "实际"),
  /** Counted at the as-of date and dated on or before the deadline (undated entries too). */
  actualByDeadline: bilingual("By deadline", "按期完成数"),
  /** The date of the recognition that reached the required count. */
  dateMet: bilingual("Date met", "达成日期"),
  progress: bilingual("Progress", "完成进度"),
  expected: bilingual("Expected", "应达"),
  remaining: bilingual("Remaining", "尚差"),
  status: bilingual("Status", "状态"),
  /** The status as a symbol, for print in black and white. */
  statusMark: bilingual("Mark", "标记"),
  forecast: bilingual("Forecast", "预计"),
  forecastDate: bilingual("Forecast date", "预计达成日"),
  daysLeft: bilingual("Days left", "剩余天数"),
};

export const REGISTER_HEADERS = {
  ...ENTRY_FIELD_LABELS,
  enteredAt: bilingual("Entered at", "录入时间"),
  // Since version 7: where a merged row came from (the credit code is an entry field).
  ...PROVENANCE_LABELS,
};

export const DASHBOARD_HEADERS = {
  id: bilingual("Id", "编号"),
  group: bilingual("Group", "类别"),
  goal: bilingual("Goal", "目标"),
  actual: TARGETS_HEADERS.actual,
  target: TARGETS_HEADERS.target,
  progress: TARGETS_HEADERS.progress,
  expected: TARGETS_HEADERS.expected,
  status: TARGETS_HEADERS.status,
  statusMark: TARGETS_HEADERS.statusMark,
  forecast: TARGETS_HEADERS.forecast,
};

export const TIMELINE_HEADERS = {
  monthEnd: bilingual("Month end", "月末"),
  recognized: bilingual("Recognized (all goals)", "已认定（全部目标）"),
  expected: bilingual("Expected (all goals)", "应达（全部目标）"),
};
