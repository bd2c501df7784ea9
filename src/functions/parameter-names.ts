/**
 * The custom functions' parameter names in each language: the one source for the names Excel shows
 * (the zh-CN functions metadata takes its parameter names from here at build time) and for the
 * names error messages give an argument, so a message names an argument as the argument help does.
 * The English name is the JavaScript parameter's, which the generated functions.json shows.
 */
import type { Language } from "../core/language";

export const PARAMETER_NAMES = {
  actual: { en: "actual", zh: "实际数量" },
  actual_by_deadline: { en: "actual_by_deadline", zh: "按期完成数" },
  goal: { en: "goal", zh: "目标" },
  comparator: { en: "comparator", zh: "比较方式" },
  baseline: { en: "baseline", zh: "基数" },
  as_of: { en: "as_of", zh: "截至日期" },
  start: { en: "start", zh: "开始日期" },
  deadline: { en: "deadline", zh: "截止日期" },
  target: { en: "target", zh: "目标值" },
  field: { en: "field", zh: "字段" },
  language: { en: "language", zh: "语言" },
  goals: { en: "goals", zh: "目标列" },
  statuses: { en: "statuses", zh: "状态列" },
  dates: { en: "dates", zh: "认定日期列" },
  rule: { en: "rule", zh: "判定规则" },
  on_track: { en: "on_track", zh: "进度正常阈值" },
  at_risk: { en: "at_risk", zh: "有风险阈值" },
} as const satisfies Record<string, Readonly<Record<Language, string>>>;

export type ParameterName = keyof typeof PARAMETER_NAMES;

/** The name a parameter goes by in `language`; a name that is not a parameter's stays as it is. */
export function parameterName(name: string, language: Language): string {
  return Object.prototype.hasOwnProperty.call(PARAMETER_NAMES, name)
    ? PARAMETER_NAMES[name as ParameterName][language]
    : name;
}
