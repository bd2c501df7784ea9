/**
 * Failures the engine reports. Each carries the Excel error kind it maps to in a cell and a
 * message key with parameters, so every face can say it in the user's language.
 */
import type { Language } from "./language";
import { GOAL_IDS } from "./plan";

/** The Excel error a failure shows as in a cell: #VALUE!, #N/A or #NUM!. */
export type ErrorKind = "value" | "na" | "num";

type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;

const MESSAGES = {
  unknownGoal: {
    en: (p: Params) =>
      `Unknown goal "${p.goal}". Use one of ${GOAL_IDS.join(", ")}, a goal's name, or a number.`,
    zh: (p: Params) => `未知目标“${p.goal}”。请使用 ${GOAL_IDS.join("、")} 之一、目标名称或一个数字。`,
  },
  planGoalNeeded: {
    en: (p: Params) =>
      `${p.fn} counts register rows of a plan goal; "${p.goal}" is not one. Use one of ${GOAL_IDS.join(", ")}.`,
    zh: (p: Params) =>
      `${p.fn} 统计方案目标的登记行；“${p.goal}”不是方案目标。请使用 ${GOAL_IDS.join("、")} 之一。`,
  },
  notANumber: {
    en: (p: Params) => `${p.arg} must be a number; got "${p.value}".`,
    zh: (p: Params) => `“${p.arg}”必须是数字；收到的是“${p.value}”。`,
  },
  notADate: {
    en: (p: Params) => `${p.arg} must be a date (a date cell or text like 2021-06-30); got "${p.value}".`,
    zh: (p: Params) => `“${p.arg}”必须是日期（日期单元格或 2021-06-30 这样的文本）；收到的是“${p.value}”。`,
  },
  dateOutOfRange: {
    en: (p: Params) => `${p.arg} is outside Excel's dates (1900-01-01 to 9999-12-31); got ${p.value}.`,
    zh: (p: Params) => `“${p.arg}”超出 Excel 的日期范围（1900-01-01 至 9999-12-31）；收到的是 ${p.value}。`,
  },
  notAComparator: {
    en: (p: Params) => `${p.arg} must be "more than", "at least", ">" or ">="; got "${p.value}".`,
    zh: (p: Params) => `“${p.arg}”必须是“超过”或“不少于”（也可写作 > 或 >=）；收到的是“${p.value}”。`,
  },
  targetNotPositive: {
    en: (p: Params) => `The target must be above zero; got ${p.value}.`,
    zh: (p: Params) => `目标必须大于零；收到的是 ${p.value}。`,
  },
  baselineNotBelowTarget: {
    en: (p: Params) => `The baseline (${p.baseline}) must be below the target (${p.target}).`,
    zh: (p: Params) => `基数（${p.baseline}）必须小于目标（${p.target}）。`,
  },
  deadlineNotAfterStart: {
    en: (p: Params) => `The deadline (${p.deadline}) must come after the start (${p.start}).`,
    zh: (p: Params) => `截止日期（${p.deadline}）必须晚于开始日期（${p.start}）。`,
  },
  columnsDiffer: {
    en: (p: Params) =>
      `The columns differ in length: ${p.arg} has ${p.rows} rows, ${p.other} ${p.otherRows}. Select ranges with the same rows.`,
    zh: (p: Params) =>
      `各列行数不同：“${p.arg}”有 ${p.rows} 行，“${p.other}”有 ${p.otherRows} 行。请选择行数相同的区域。`,
  },
  notAColumn: {
    en: (p: Params) => `${p.arg} must be a single column; got ${p.columns} columns.`,
    zh: (p: Params) => `“${p.arg}”必须是单列；收到的是 ${p.columns} 列。`,
  },
  cellHoldsError: {
    en: (p: Params) => `Row ${p.row} of ${p.arg} holds an error value; fix that cell first.`,
    zh: (p: Params) => `“${p.arg}”第 ${p.row} 行是错误值；请先修正该单元格。`,
  },
  argHoldsError: {
    en: (p: Params) => `${p.arg} holds an error value (${p.code}); fix that cell first.`,
    zh: (p: Params) => `“${p.arg}”是错误值（${p.code}）；请先修正该单元格。`,
  },
  cellNotADate: {
    en: (p: Params) =>
      `Row ${p.row} of ${p.arg}: "${p.value}" is not a date; enter a date such as 2021-06-30.`,
    zh: (p: Params) => `“${p.arg}”第 ${p.row} 行：“${p.value}”不是日期；请填写 2021-06-30 这样的日期。`,
  },
  noPace: {
    en: () => `No recognized entries dated since the start yet, so there is no pace to project.`,
    zh: () => `自开始以来尚无带日期的已认定条目，无法按进度推算。`,
  },
  statusRuleUnusable: {
    en: (p: Params) =>
      `The Status rules sheet has no usable thresholds for the rule in use, ${p.rule} (its row or sheet is missing, or a threshold is not a number), so the workbook's statuses show errors. Type numbers in its row, or choose the rule again in Settings.`,
    zh: (p: Params) =>
      `“状态判定规则”表中没有所用规则“${p.rule}”的可用阈值（缺少该行或该表，或阈值不是数字），因此工作簿中的状态显示为错误。请在该行填写数字，或在“设置”中重新选择规则。`,
  },
  unknownStatusRule: {
    en: (p: Params) =>
      `${p.arg} must be a status rule: RATIO, ELAPSED or PACE, or its name ("Points behind time elapsed", 序时进度…); got "${p.value}".`,
    zh: (p: Params) =>
      `“${p.arg}”必须是状态判定规则：RATIO、ELAPSED 或 PACE，或规则名称（如“序时进度”）；收到的是“${p.value}”。`,
  },
  statusRuleThresholds: {
    en: (p: Params) =>
      `The thresholds of ${p.rule} are out of order or range: on track ${p.onTrack}, at risk ${p.atRisk} (RATIO, from 0 to 2, and PACE, from 0 to 10: at risk below on track; ELAPSED, in points from 0 to 100: on track below at risk).`,
    zh: (p: Params) =>
      `${p.rule} 的阈值顺序或范围不对：进度正常 ${p.onTrack}，有风险 ${p.atRisk}（RATIO 为 0 至 2、PACE 为 0 至 10，且“有风险”须低于“进度正常”；ELAPSED 为 0 至 100 的百分点，且“进度正常”须低于“有风险”）。`,
  },
  byDeadlineNeeded: {
    en: () =>
      `After the deadline a met goal is Achieved or Met late: give actual_by_deadline, the count of rows dated on or before the deadline (COUNT with its deadline argument).`,
    zh: () =>
      `截止日期后，已达成的目标分为“已达成”和“逾期达成”：请提供“按期完成数”，即认定日期不晚于截止日期的条目数（COUNT 函数加截止日期参数）。`,
  },
  noHistory: {
    en: () =>
      `No recognized entries dated in the period yet, so there is no history to judge the likelihood from.`,
    zh: () => `期间内尚无带日期的已认定条目，无法据以判断达成的可能性。`,
  },
  periodEnded: {
    en: () => `The period has ended: no pace is needed any more.`,
    zh: () => `期间已结束，不再需要计算所需进度。`,
  },
  unknownField: {
    en: (p: Params) => `Unknown field "${p.field}". Use one of ${p.fields}.`,
    zh: (p: Params) => `未知字段“${p.field}”。请使用 ${p.fields} 之一。`,
  },
  unknownLanguage: {
    en: (p: Params) => `${p.arg} must be "en" or "zh-CN"; got "${p.value}".`,
    zh: (p: Params) => `“${p.arg}”必须是 en（英文）或 zh-CN（中文）；收到的是“${p.value}”。`,
  },
} satisfies Record<string, Record<Language, Template>>;

export type MessageKey = keyof typeof MESSAGES;

export class EngineError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(MESSAGES[key].en(params));
    this.name = "EngineError";
  }

  /** The message in the given language. */
  messageIn(language: Language): string {
    return MESSAGES[this.key][language](this.params);
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
