/**
 * An example of each custom function for people's own cells, as the task pane shows and inserts
 * them: a one-line description in each language, the parameters in order, and a formula over the
 * tracking workbook's own tables and names that is valid in any cell outside them (a whole column
 * such as tblRegister[Goal], never a this-row reference). Structured references name the columns
 * as the workbook spells them, so the formula is built for the workbook's language; function names
 * stay in English in both, as Chinese Excel keeps SUM.
 */
import type { Language } from "./language";
import type { Bilingual } from "./plan";
import { formulaContext } from "./template/formulas";
import { REGISTER_HEADERS } from "./template/headers";
import { NAMES, tableSpec } from "./template/template";

export const FUNCTION_IDS = [
  "MET",
  "PROGRESS",
  "REMAINING",
  "EXPECTED",
  "STATUS",
  "COUNT",
  "FORECAST",
  "FORECASTDATE",
  "LIKELIHOOD",
  "DAYSLEFT",
  "TARGET",
  "SUMMARY",
] as const;

export type FunctionId = (typeof FUNCTION_IDS)[number];

/** A parameter by its JavaScript name (the English name Excel shows; src/functions has the Chinese). */
export interface FunctionParameter {
  readonly name: string;
  readonly optional: boolean;
}

export interface FunctionExample {
  readonly id: FunctionId;
  /** As typed in a formula, in every language: SHONLINE.COUNT. */
  readonly name: string;
  readonly description: Bilingual;
  readonly parameters: readonly FunctionParameter[];
  /** The Targets column whose number format suits the result (a percentage, a date …), if any. */
  readonly formatLike?: string;
}

/** The Register columns the examples read, by column id. */
export const EXAMPLE_REGISTER_COLUMNS = ["goal", "status", "date"] as const;

/** The goal every example asks about. */
const GOAL = "BRANDS";

/** "goal, [as_of]": parameter lists as the README's table writes them. */
function parameters(list: string): FunctionParameter[] {
  return list.split(",").map((text) => {
    const name = text.trim();
    const optional = name.startsWith("[");
    return { name: optional ? name.slice(1, -1) : name, optional };
  });
}

const example = (
  id: FunctionId,
  list: string,
  en: string,
  zh: string,
  formatLike?: string,
): FunctionExample => ({
  id,
  name: `SHONLINE.${id}`,
  description: { en, zh },
  parameters: parameters(list),
  formatLike,
});

export const FUNCTION_EXAMPLES: readonly FunctionExample[] = [
  example(
    "MET",
    "actual, goal, [comparator]",
    "TRUE when a count meets the goal (“more than 100” needs 101).",
    "数量达到目标时为 TRUE（“超过 100”须达到 101）。",
  ),
  example(
    "PROGRESS",
    "actual, goal, [baseline]",
    "Progress toward the target, as a share (1 is 100%).",
    "目标完成进度（1 即 100%）。",
    "progress",
  ),
  example(
    "REMAINING",
    "actual, goal, [comparator]",
    "How many more are needed to meet the goal.",
    "达成目标尚差的数量。",
    "remaining",
  ),
  example(
    "EXPECTED",
    "goal, [as_of], [start], [deadline], [comparator]",
    "The count a steady pace would have reached by the as-of date.",
    "按匀速推进，截至日期时应达到的数量。",
    "expected",
  ),
  example(
    "STATUS",
    "actual, goal, [as_of], [start], [deadline], [comparator], [actual_by_deadline], [rule], [on_track], [at_risk]",
    "The goal's status: Achieved, On track, At risk, Behind or Not started; after the deadline Achieved, Met late or Missed.",
    "目标状态：已达成、进度正常、有风险、落后或未开始；截止日期后为已达成、逾期达成或未达成。",
  ),
  example(
    "COUNT",
    "goals, goal, [statuses], [dates], [as_of], [deadline]",
    "Register entries recognized toward the goal by the as-of date (with TRUE: by the deadline too).",
    "截至日期前计入该目标的已认定登记条目数（加 TRUE：且不晚于截止日期）。",
    "actual",
  ),
  example(
    "FORECAST",
    "goals, goal, statuses, dates, [as_of], [start], [deadline]",
    "The count expected at the deadline at the pace so far.",
    "按目前的速度，截止时预计达到的数量。",
    "forecast",
  ),
  example(
    "FORECASTDATE",
    "goals, goal, statuses, dates, [as_of], [target], [comparator], [start], [deadline]",
    "The date the goal is reached at the pace so far (#N/A while there is no pace yet).",
    "按目前的速度预计达成目标的日期（尚无进度时为 #N/A）。",
    "forecastDate",
  ),
  example(
    "LIKELIHOOD",
    "goals, goal, statuses, dates, [as_of], [field]",
    "How likely the goal is met by the deadline, from the months' recognitions (also the projected count, its 80% band, the pace needed).",
    "按各月认定情况判断截止前达成目标的可能性（也可返回预计数量、80% 区间和所需进度）。",
    "progress",
  ),
  example(
    "DAYSLEFT",
    "goal, [as_of], [deadline]",
    "Days from the as-of date to the deadline (negative after it).",
    "截至日期距截止日期的天数（过了截止日期为负数）。",
    "daysLeft",
  ),
  example(
    "TARGET",
    "goal, [field]",
    'The goal\'s target, or another fact of it ("deadline", "unit", "source" …).',
    '目标的目标值，或目标的其他信息（"deadline"、"unit"、"source"等）。',
    "target",
  ),
  example(
    "SUMMARY",
    "goals, statuses, dates, [as_of], [language]",
    "Every goal in one table, spilled below and to the right (leave those cells empty, or Excel shows #SPILL!).",
    "所有目标汇总为一张表，向下、向右溢出（请留空这些单元格，否则 Excel 显示 #SPILL!）。",
  ),
];

export function functionExample(id: FunctionId): FunctionExample {
  const found = FUNCTION_EXAMPLES.find((e) => e.id === id);
  if (!found) throw new Error(`No example for SHONLINE.${id}`);
  return found;
}

/** The example's formula, with its leading "=", naming the Register's columns in `language`. */
export function exampleFormula(id: FunctionId, language: Language): string {
  const c = formulaContext(tableSpec("register"), language);
  const column = (key: (typeof EXAMPLE_REGISTER_COLUMNS)[number]) =>
    c.column("register", REGISTER_HEADERS[key][language]);
  const goal = c.text(GOAL);
  const register = [column("goal"), goal, column("status"), column("date"), NAMES.asOf].join(",");
  const count = `SHONLINE.COUNT(${register})`;
  const args: Record<FunctionId, string> = {
    MET: `${count},${goal}`,
    PROGRESS: `${count},${goal}`,
    REMAINING: `${count},${goal}`,
    EXPECTED: `${goal},${NAMES.asOf}`,
    // After the deadline a met goal's status needs the count by the deadline (COUNT's TRUE).
    STATUS: `${count},${goal},${NAMES.asOf},,,,SHONLINE.COUNT(${register},TRUE)`,
    COUNT: register,
    FORECAST: register,
    FORECASTDATE: register,
    LIKELIHOOD: register,
    DAYSLEFT: `${goal},${NAMES.asOf}`,
    TARGET: goal,
    SUMMARY: [column("goal"), column("status"), column("date"), NAMES.asOf].join(","),
  };
  return `=SHONLINE.${id}(${args[id]})`;
}

/** The number format to give the example's cell: that of the Targets column it resembles, or General. */
export function exampleNumberFormat(id: FunctionId): string {
  const like = functionExample(id).formatLike;
  if (!like) return "General";
  const column = tableSpec("targets").columns.find((c) => c.id === like);
  if (!column) throw new Error(`The Targets table has no column ${like}`);
  return column.numberFormat ?? "General";
}
