/**
 * The rules that judge a goal On track, At risk or Behind before its deadline. The workbook stores
 * which one it uses and its two thresholds (the Status rules sheet and the About row), and both its
 * formulas and the pane judge by them, so they never disagree.
 *
 * - RATIO: the count against the expected count (required × share of time elapsed): On track at
 *   onTrack × expected or more, At risk at atRisk × expected or more. 100% and 80% by default.
 * - ELAPSED (序时进度): percentage points by which the progress (actual ÷ target) falls short of the
 *   share of time elapsed: On track under onTrack points, At risk up to atRisk points (both
 *   included), Behind beyond. 10 and 30, as Yinchuan's Development and Reform Commission lights
 *   its key projects (green, yellow from 10 to 30 points behind, red beyond 30).
 * - PACE: the pace so far (actual per day elapsed) against the pace still needed (remaining per
 *   day left): On track at onTrack or more, At risk at atRisk or more. 0.95 and 0.6, after the
 *   ratio of actual to required growth Eurostat's SDG monitoring report grades quantified targets
 *   by (significant progress at 95%, moderate at 60%).
 */
import type { Language } from "./language";
import type { Bilingual } from "./plan";

export const STATUS_RULE_IDS = ["RATIO", "ELAPSED", "PACE"] as const;
export type StatusRuleId = (typeof STATUS_RULE_IDS)[number];

export interface StatusRule {
  readonly id: StatusRuleId;
  readonly onTrack: number;
  readonly atRisk: number;
}

export const DEFAULT_STATUS_RULES: Readonly<Record<StatusRuleId, StatusRule>> = {
  RATIO: { id: "RATIO", onTrack: 1, atRisk: 0.8 },
  ELAPSED: { id: "ELAPSED", onTrack: 10, atRisk: 30 },
  PACE: { id: "PACE", onTrack: 0.95, atRisk: 0.6 },
};

/** The rule a workbook uses when it names none: the ratio to the expected count. */
export const DEFAULT_STATUS_RULE: StatusRule = DEFAULT_STATUS_RULES.RATIO;

/** Each rule's name, as the workbook's About row and Status rules sheet spell it. */
export const STATUS_RULE_LABELS: Readonly<Record<StatusRuleId, Bilingual>> = {
  RATIO: { en: "Ratio to expected", zh: "与应达数之比" },
  ELAPSED: { en: "Points behind time elapsed", zh: "序时进度" },
  PACE: { en: "Pace ratio", zh: "速度比" },
};

/** What each threshold is measured in, for the sheet and the pane. */
export const STATUS_RULE_UNITS: Readonly<Record<StatusRuleId, Bilingual>> = {
  RATIO: { en: "× expected count", zh: "× 应达数" },
  ELAPSED: { en: "percentage points", zh: "百分点" },
  PACE: { en: "× pace needed", zh: "× 所需速度" },
};

/** How each rule judges, and where its thresholds come from. */
export const STATUS_RULE_EXPLANATIONS: Readonly<Record<StatusRuleId, Bilingual>> = {
  RATIO: {
    en: "Actual against the expected count (required × share of time elapsed): On track at the first threshold or more, At risk at the second or more, else Behind.",
    zh: "实际数与应达数（所需数量 × 已过时间占比）相比：不低于第一个阈值为进度正常，不低于第二个阈值为有风险，否则为落后。",
  },
  ELAPSED: {
    en: "Points by which progress (actual ÷ target) trails the share of time elapsed: under the first threshold On track, up to the second (included) At risk, beyond it Behind.",
    zh: "完成进度（实际数 ÷ 目标值）低于时间进度的百分点：低于第一个阈值为进度正常，不超过第二个阈值（含）为有风险，超过为落后。",
  },
  PACE: {
    en: "The pace so far (actual per day elapsed) against the pace still needed (remaining per day left): On track at the first threshold or more, At risk at the second or more, else Behind.",
    zh: "已有速度（实际数 ÷ 已过天数）与所需速度（尚需数 ÷ 剩余天数）之比：不低于第一个阈值为进度正常，不低于第二个阈值为有风险，否则为落后。",
  },
};

export const STATUS_RULE_SOURCES: Readonly<Record<StatusRuleId, Bilingual>> = {
  RATIO: {
    en: "This workbook's default since its first version.",
    zh: "本工作簿自第一版起的默认规则。",
  },
  ELAPSED: {
    en: "Yinchuan Development and Reform Commission, the red-yellow-green lights for key projects (March 2025): yellow 10 to 30 points behind the time-proportional progress, red beyond 30.",
    zh: "银川市发展和改革委员会重点项目“红黄绿灯”推进机制（2025年3月）：低于序时进度10至30个百分点（含）亮黄灯，超过30个百分点亮红灯。",
  },
  PACE: {
    en: "Eurostat, Sustainable development in the European Union, monitoring report: indicators with quantified targets graded by the ratio of actual to required growth (95% and 60%).",
    zh: "欧盟统计局《欧盟可持续发展监测报告》：有量化目标的指标按实际增速与所需增速之比评定（95% 和 60%）。",
  },
};

/**
 * The rule a workbook's About cell names: its id or its name in the workbook's language, in any
 * case (as Excel's = compares); undefined if it names none.
 */
export function statusRuleNamed(text: unknown, language: Language): StatusRuleId | undefined {
  if (typeof text !== "string") return undefined;
  const wanted = text.toUpperCase();
  return STATUS_RULE_IDS.find(
    (id) => id === wanted || STATUS_RULE_LABELS[id][language].toUpperCase() === wanted,
  );
}

/**
 * What is wrong with a rule's thresholds, or undefined when they are in order. For RATIO and PACE a
 * higher figure is better (At risk below On track); for ELAPSED, points behind, lower is better.
 */
export function statusRuleProblem(rule: StatusRule): "notNumbers" | "outOfRange" | "outOfOrder" | undefined {
  const { onTrack, atRisk } = rule;
  if (![onTrack, atRisk].every((x) => typeof x === "number" && Number.isFinite(x))) return "notNumbers";
  const most = rule.id === "ELAPSED" ? 100 : rule.id === "RATIO" ? 2 : 10;
  if (Math.min(onTrack, atRisk) < 0 || Math.max(onTrack, atRisk) > most) return "outOfRange";
  const ordered = rule.id === "ELAPSED" ? onTrack < atRisk : atRisk < onTrack;
  return ordered ? undefined : "outOfOrder";
}
