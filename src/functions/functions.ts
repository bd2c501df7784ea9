/**
 * The add-in's custom functions (namespace SHONLINE). Each is a thin adapter: it converts Excel's
 * arguments, calls the core engine, and turns failures into Excel errors. The JSDoc of each
 * function becomes its help in Excel (functions.json is generated from it at build time).
 *
 * Dates are Excel serial numbers (1900 date system) or ISO text such as "2021-06-30". Where as_of
 * is omitted, today's date is used. EXPECTED, STATUS and DAYSLEFT are volatile, so they follow the
 * calendar on every recalculation. COUNT, FORECAST, FORECASTDATE and SUMMARY scan a register and are
 * not volatile (recomputing a large register on every edit would slow the workbook): give them an
 * as_of cell (the tracking workbook's AsOfDate, or =TODAY()) so they recalculate when it changes.
 */
import { todaySerial } from "../core/dates";
import { EngineError } from "../core/errors";
import { resolveGoal } from "../core/goal-spec";
import { formatList, languageFromLocale, type Language } from "../core/language";
import { COMPARATOR_LABELS, goalById } from "../core/plan";
import {
  daysLeft as daysLeftOf,
  expectedCount,
  isMet,
  progressRatio,
  remainingCount,
  requiredCount,
  STATUS_LABELS,
  statusOf,
} from "../core/progress";
import {
  countTowardGoal,
  forecastDate as forecastDateOf,
  forecastGoal,
  type RegisterColumns,
} from "../core/register";
import { citeSources } from "../core/sources";
import type { Likelihood } from "../core/likelihood";
import { type GoalSummary, summarizeGoals } from "../core/summary";
import { TARGETS_HEADERS } from "../core/template/headers";
import { NO_FORECAST_DATE } from "../core/template/template";
import {
  isBlank,
  optionalColumn,
  optionalDate,
  optionalNumber,
  optionalStatusRule,
  overrides,
  rejectError,
  requireColumn,
  requireGoalRef,
  requireNumber,
} from "./arguments";
import { guard } from "./cell-errors";
import { displayLanguage } from "./display-language";
import { LIKELIHOOD_FIELDS, TARGET_FIELDS } from "./target-fields";

function asOfOrToday(value: any): number {
  return optionalDate(value, "as_of") ?? todaySerial();
}

function registerOf(goals: any, statuses: any, dates: any): RegisterColumns {
  return {
    goals: requireColumn(goals, "goals"),
    statuses: optionalColumn(statuses, "statuses"),
    dates: optionalColumn(dates, "dates"),
  };
}

/**
 * TRUE when the actual count meets the goal: above the target for "more than", at or above it for "at least".
 * @customfunction
 * @param {any} actual The count achieved so far.
 * @param {any} goal A goal id (ENTERPRISES, SCENARIOS, BRANDS, BREAKTHROUGHS, UNMANNED, PLATFORMS), its name, or a target number.
 * @param {any} [comparator] "more than" (">") or "at least" (">="); defaults to the goal's own.
 * @returns {boolean} TRUE when met.
 */
export function met(actual: any, goal: any, comparator?: any): boolean {
  return guard(() =>
    isMet(requireNumber(actual, "actual"), resolveGoal(requireGoalRef(goal), overrides({ comparator }))),
  );
}

/**
 * Progress toward the target: (actual - baseline) / (target - baseline); not capped, so 1.05 is 5% beyond the target.
 * @customfunction
 * @param {any} actual The count achieved so far.
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [baseline] The count at the start; 0 when omitted.
 * @returns {number} The share of the target reached.
 */
export function progress(actual: any, goal: any, baseline?: any): number {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal));
    return progressRatio(
      requireNumber(actual, "actual"),
      spec.target,
      optionalNumber(baseline, "baseline") ?? 0,
    );
  });
}

/**
 * How many more are needed to meet the goal: the required count (101 for "more than 100", 100 for "at least 100") minus the actual, never below 0.
 * @customfunction
 * @param {any} actual The count achieved so far.
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [comparator] "more than" or "at least"; defaults to the goal's own.
 * @returns {number} The count still needed.
 */
export function remaining(actual: any, goal: any, comparator?: any): number {
  return guard(() =>
    remainingCount(
      requireNumber(actual, "actual"),
      resolveGoal(requireGoalRef(goal), overrides({ comparator })),
    ),
  );
}

/**
 * The count a steady pace would have reached by as_of: the required count times the share of the period elapsed (0 before the start, 1 after the deadline); not rounded.
 * @customfunction
 * @volatile
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [as_of] The date to measure at; today when omitted.
 * @param {any} [start] Start of the period; the plan's (2020-04-08) when omitted.
 * @param {any} [deadline] End of the period; the plan's (2022-12-31) when omitted.
 * @param {any} [comparator] "more than" or "at least"; defaults to the goal's own.
 * @returns {number} The expected count.
 */
export function expected(goal: any, as_of?: any, start?: any, deadline?: any, comparator?: any): number {
  return guard(() =>
    expectedCount(
      resolveGoal(requireGoalRef(goal), overrides({ start, deadline, comparator })),
      asOfOrToday(as_of),
    ),
  );
}

/**
 * The goal's status at as_of. Until the deadline: Achieved (met), Not started (before the start), then by the rule: On track (at or above the expected count), At risk (at least 80% of it) or Behind; or by 序时进度 or the pace ratio (rule). After it: Achieved (met by the deadline), Met late (met only after it) or Missed; for a goal met after the deadline, give actual_by_deadline (COUNT with its deadline argument), else #N/A. In Chinese when Office is in Chinese.
 * @customfunction
 * @volatile
 * @param {any} actual The count achieved so far.
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [as_of] The date to judge at; today when omitted.
 * @param {any} [start] Start of the period; the plan's when omitted.
 * @param {any} [deadline] End of the period; the plan's when omitted.
 * @param {any} [comparator] "more than" or "at least"; defaults to the goal's own.
 * @param {any} [actual_by_deadline] The count of rows dated on or before the deadline (and undated); needed after the deadline for a met goal.
 * @param {any} [rule] The status rule: RATIO (the ratio to the expected count, the default), ELAPSED (序时进度, points behind the time elapsed) or PACE (the pace ratio), or its name as on the workbook's About sheet.
 * @param {any} [on_track] The rule's On track threshold; its default (1, 10 or 0.95) when omitted.
 * @param {any} [at_risk] The rule's At risk threshold; its default (0.8, 30 or 0.6) when omitted.
 * @returns {string} The status text.
 */
export function status(
  actual: any,
  goal: any,
  as_of?: any,
  start?: any,
  deadline?: any,
  comparator?: any,
  actual_by_deadline?: any,
  rule?: any,
  on_track?: any,
  at_risk?: any,
): string {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal), overrides({ start, deadline, comparator }));
    const byDeadline = optionalNumber(actual_by_deadline, "actual_by_deadline");
    const id = statusOf(
      requireNumber(actual, "actual"),
      spec,
      asOfOrToday(as_of),
      optionalStatusRule(rule, on_track, at_risk),
      byDeadline,
    );
    return STATUS_LABELS[id][displayLanguage()];
  });
}

/**
 * How many register rows count toward the goal: the row's goal cell is the goal's name (English or Chinese), its status (when statuses are given) is Recognized / 已认定, and its date (when dates are given) is blank or on or before as_of. With deadline, only rows dated on or before it too (undated rows still count): the count by the deadline. Cells compare as the workbook's formulas compare them: the whole cell, in any case, spaces not trimmed.
 * @customfunction
 * @param {any[][]} goals The register's goal column, holding goal names.
 * @param {any} goal A goal id or its name.
 * @param {any[][]} [statuses] The register's status column, same length; left out, rows of every status count.
 * @param {any[][]} [dates] The register's date-recognized column, same length; left out, rows of every date count.
 * @param {any} [as_of] Count rows dated up to this date; today when omitted.
 * @param {any} [deadline] Count only rows dated on or before this date too; TRUE for the goal's own deadline (the plan's 2022-12-31); left out, no such limit.
 * @returns {number} The count.
 */
export function count(
  goals: any[][],
  goal: any,
  statuses?: any[][],
  dates?: any[][],
  as_of?: any,
  deadline?: any,
): number {
  return guard(() => {
    const register = registerOf(goals, statuses, dates);
    const asOf = asOfOrToday(as_of);
    if (isBlank(deadline) || deadline === false)
      return countTowardGoal(register, resolveGoal(requireGoalRef(goal)), asOf);
    const own = deadline === true;
    const spec = resolveGoal(requireGoalRef(goal), own ? {} : overrides({ deadline }));
    return countTowardGoal(register, spec, asOf, true);
  });
}

const MODEL_NAMES: Readonly<Record<Likelihood["model"], Readonly<Record<Language, string>>>> = {
  negativeBinomial: { en: "negative binomial", zh: "负二项分布" },
  poisson: { en: "Poisson", zh: "泊松分布" },
  decided: { en: "decided", zh: "已确定" },
  none: { en: "none", zh: "无" },
};

/**
 * How likely the goal is to reach its required count by the deadline, from the register's dated recognitions in the period: a negative binomial with the months' dispersion (recognitions come in batches), Poisson with fewer than six whole months of history or no overdispersion, #N/A with less than one; after the deadline 1 when met by it, else 0. field: "probability" (default), "median", "low" and "high" (the count at the deadline and its 80% band, normal approximation), "pace_needed" (recognitions a month still needed) or "model".
 * @customfunction
 * @param {any[][]} goals The register's goal column.
 * @param {any} goal A goal id or its name.
 * @param {any[][]} statuses The register's status column.
 * @param {any[][]} dates The register's date-recognized column.
 * @param {any} [as_of] The date the history runs to; today when omitted.
 * @param {any} [field] Which figure; "probability" when omitted.
 * @returns {any} The figure.
 */
export function likelihood(
  goals: any[][],
  goal: any,
  statuses: any[][],
  dates: any[][],
  as_of?: any,
  field?: any,
): any {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal));
    if (!spec.id) throw new EngineError("na", "planGoalNeeded", { fn: "LIKELIHOOD", goal: spec.target });
    const wanted = isBlank(field) ? "probability" : String(field).trim().toLowerCase();
    if (!(LIKELIHOOD_FIELDS as readonly string[]).includes(wanted))
      throw new EngineError("value", "unknownField", {
        field: String(field),
        fields: formatList(LIKELIHOOD_FIELDS, displayLanguage()),
      });
    const [summary] = summarizeGoals(registerOf(goals, statuses, dates), asOfOrToday(as_of), [spec]);
    const result = summary.likelihood;
    if (wanted === "model") return MODEL_NAMES[result.model][displayLanguage()];
    const value = {
      probability: result.probability,
      median: result.median,
      low: result.low,
      high: result.high,
      pace_needed: result.monthlyPaceNeeded,
    }[wanted as Exclude<(typeof LIKELIHOOD_FIELDS)[number], "model">];
    if (value === undefined)
      throw new EngineError("na", wanted === "pace_needed" ? "periodEnded" : "noHistory");
    return value;
  });
}

/**
 * The count projected at the deadline at the pace observed so far: recognized rows dated since the start, per day elapsed, carried to the deadline and added to the actual count. Not rounded.
 * @customfunction
 * @param {any[][]} goals The register's goal column.
 * @param {any} goal A goal id or its name.
 * @param {any[][]} statuses The register's status column.
 * @param {any[][]} dates The register's date-recognized column.
 * @param {any} [as_of] The date the pace is measured at; today when omitted.
 * @param {any} [start] Start of the period; the plan's when omitted.
 * @param {any} [deadline] End of the period; the plan's when omitted.
 * @returns {number} The projected count at the deadline.
 */
export function forecast(
  goals: any[][],
  goal: any,
  statuses: any[][],
  dates: any[][],
  as_of?: any,
  start?: any,
  deadline?: any,
): number {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal), overrides({ start, deadline }));
    return forecastGoal(registerOf(goals, statuses, dates), spec, asOfOrToday(as_of)).atDeadline;
  });
}

/**
 * The date on which the required count is reached at the pace observed so far (a date serial; format the cell as a date). When already met, the date the count was reached. #N/A when there is no pace yet.
 * @customfunction
 * @param {any[][]} goals The register's goal column.
 * @param {any} goal A goal id or its name.
 * @param {any[][]} statuses The register's status column.
 * @param {any[][]} dates The register's date-recognized column.
 * @param {any} [as_of] The date the pace is measured at; today when omitted.
 * @param {any} [target] A target replacing the goal's own.
 * @param {any} [comparator] "more than" or "at least"; defaults to the goal's own.
 * @param {any} [start] Start of the period; the plan's when omitted.
 * @param {any} [deadline] End of the period; the plan's when omitted.
 * @returns {number} The date the goal is reached.
 */
export function forecastDate(
  goals: any[][],
  goal: any,
  statuses: any[][],
  dates: any[][],
  as_of?: any,
  target?: any,
  comparator?: any,
  start?: any,
  deadline?: any,
): number {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal), overrides({ target, comparator, start, deadline }));
    return forecastDateOf(registerOf(goals, statuses, dates), spec, asOfOrToday(as_of));
  });
}

/**
 * Days from as_of to the deadline; negative after the deadline.
 * @customfunction
 * @volatile
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [as_of] The date to count from; today when omitted.
 * @param {any} [deadline] The deadline; the goal's (2022-12-31) when omitted.
 * @returns {number} Days left.
 */
export function daysLeft(goal: any, as_of?: any, deadline?: any): number {
  return guard(() =>
    daysLeftOf(resolveGoal(requireGoalRef(goal), overrides({ deadline })), asOfOrToday(as_of)),
  );
}

/**
 * A fact of a goal: its target by default, or the field asked for: "required", "comparator", "label", "label_zh", "start", "deadline" (date serials), "unit", "source".
 * @customfunction
 * @param {any} goal A goal id, its name, or a target number.
 * @param {any} [field] Which fact; "target" when omitted.
 * @returns {any} The value.
 */
export function target(goal: any, field?: any): any {
  return guard(() => {
    const spec = resolveGoal(requireGoalRef(goal));
    rejectError(field, "field");
    const name = isBlank(field) ? "target" : String(field).trim().toLowerCase();
    const plan = spec.id ? goalById(spec.id) : undefined;
    switch (name as (typeof TARGET_FIELDS)[number]) {
      case "target":
        return spec.target;
      case "required":
        return requiredCount(spec.target, spec.comparator);
      case "comparator":
        return COMPARATOR_LABELS[spec.comparator][displayLanguage()];
      case "label":
        return spec.label.en;
      case "label_zh":
        return spec.label.zh;
      case "start":
        return spec.start;
      case "deadline":
        return spec.deadline;
      case "unit":
        return plan ? plan.unit[displayLanguage()] : "";
      case "source":
        return plan ? citeSources(plan.sources, displayLanguage()) : "";
      default:
        throw new EngineError("value", "unknownField", {
          field: String(field),
          fields: formatList(TARGET_FIELDS, displayLanguage()),
        });
    }
  });
}

/** SUMMARY's columns: Targets columns, under the Targets sheet's headers, each with its value. */
const SUMMARY_COLUMNS: readonly {
  readonly header: keyof typeof TARGETS_HEADERS;
  readonly value: (row: GoalSummary, language: Language) => string | number;
}[] = [
  { header: "id", value: (row) => row.spec.id ?? "" },
  { header: "goal", value: (row, language) => row.spec.label[language] },
  { header: "comparator", value: (row, language) => COMPARATOR_LABELS[row.spec.comparator][language] },
  { header: "target", value: (row) => row.spec.target },
  { header: "actual", value: (row) => row.actual },
  { header: "actualByDeadline", value: (row) => row.actualByDeadline },
  { header: "dateMet", value: (row) => row.dateMet ?? NO_FORECAST_DATE },
  { header: "progress", value: (row) => row.progress },
  { header: "expected", value: (row) => row.expected },
  { header: "status", value: (row, language) => STATUS_LABELS[row.status][language] },
  { header: "forecast", value: (row) => row.forecast.atDeadline },
  { header: "remaining", value: (row) => row.remaining },
];

function summaryLanguage(value: any): Language {
  if (isBlank(value)) return displayLanguage();
  rejectError(value, "language");
  if (typeof value === "string" && /^(en|zh)(-[a-z]+)?$/i.test(value.trim()))
    return languageFromLocale(value);
  throw new EngineError("value", "unknownLanguage", { arg: "language", value: String(value) });
}

/**
 * Every goal in one spilled table: a header row, then per goal: id, goal, comparator, target, actual, actual by the deadline, date met ("–" while not met), progress, expected, status, forecast, remaining.
 * @customfunction
 * @param {any[][]} goals The register's goal column.
 * @param {any[][]} statuses The register's status column.
 * @param {any[][]} dates The register's date-recognized column.
 * @param {any} [as_of] The date to measure at; today when omitted.
 * @param {any} [language] "en" or "zh-CN"; Office's display language when omitted.
 * @returns {any[][]} The summary table.
 */
export function summary(
  goals: any[][],
  statuses: any[][],
  dates: any[][],
  as_of?: any,
  language?: any,
): any[][] {
  return guard(() => {
    const lang = summaryLanguage(language);
    const asOf = asOfOrToday(as_of);
    const rows = summarizeGoals(registerOf(goals, statuses, dates), asOf);
    return [
      SUMMARY_COLUMNS.map((column) => TARGETS_HEADERS[column.header][lang]),
      ...rows.map((row) => SUMMARY_COLUMNS.map((column) => column.value(row, lang))),
    ];
  });
}
