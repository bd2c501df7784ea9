/**
 * Reading the tracking workbook's tables (as plain header + rows blocks) into engine inputs:
 * the register's columns and the goals as the workbook states them (with people's edits to
 * target, comparator and deadline).
 */
import { parseComparator, type GoalSpec, specOfGoal } from "./goal-spec";
import { quotaOf } from "./districts";
import { EngineError } from "./errors";
import { GOALS, type GoalId } from "./plan";
import type { Column, RegisterColumns } from "./register";
import { dateOfCell } from "./register";
import type { TableSpec } from "./template/structure";
import { ABOUT_STATUS_RULE, sheetSpec, tableSpec } from "./template/template";
import type { Language } from "./language";
import { districtOf } from "./spellings";
import {
  DEFAULT_STATUS_RULE,
  DEFAULT_STATUS_RULES,
  STATUS_RULE_IDS,
  type StatusRule,
  type StatusRuleId,
  statusRuleNamed,
  statusRuleProblem,
} from "./status-rules";

export interface TableBlock {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Index of a template column in a block, found by its header in either language. */
export function columnIndex(block: TableBlock, table: TableSpec, columnId: string): number {
  const column = table.columns.find((c) => c.id === columnId)!;
  const wanted = [column.header.en, column.header.zh].map((h) => h.toLowerCase());
  return block.headers.findIndex((h) => wanted.includes(String(h).trim().toLowerCase()));
}

/** A column of the block, named in messages by its header as the workbook shows it. */
function column(block: TableBlock, table: TableSpec, id: string): Column | undefined {
  const index = columnIndex(block, table, id);
  return index < 0 ? undefined : { rows: block.rows, index, name: String(block.headers[index]).trim() };
}

/** A template column was renamed or deleted: `table` is the name of the sheet that holds it. */
export class MissingColumnError extends Error {
  constructor(
    readonly header: { en: string; zh: string },
    readonly table: { en: string; zh: string } = sheetSpec("register").name,
  ) {
    super(`The ${table.en} table has no "${header.en}" column.`);
    this.name = "MissingColumnError";
  }
}

/**
 * The Register's columns, counted in the workbook's language (told by its headers): a row counts
 * exactly when the workbook's own COUNTIFS count it, so the pane shows the Targets sheet's figures.
 */
export function registerColumns(
  block: TableBlock,
): RegisterColumns & { sectors?: Column; evidence?: Column; districts?: Column } {
  const register = tableSpec("register");
  // The columns every figure reads: a renamed one is named, never read as "nothing recognized".
  const required = (id: string) => {
    const found = column(block, register, id);
    if (!found) throw new MissingColumnError(register.columns.find((c) => c.id === id)!.header);
    return found;
  };
  return {
    goals: required("goal"),
    statuses: required("status"),
    dates: required("date"),
    sectors: column(block, register, "sector"),
    evidence: column(block, register, "evidence"),
    districts: column(block, register, "district"),
    language: languageOfRegister(block),
  };
}

/**
 * The quotas of the Districts table, by district id and goal id: a row's district is read from its
 * label (either language, usual spellings), its goal from the Id column, its quota as the sheet
 * takes it (a number above zero, else none). No table (a workbook from before version 7), or a
 * column renamed away: no quotas.
 */
export function quotasFrom(
  block: TableBlock | undefined,
): (district: string, goal: string | undefined) => number | undefined {
  if (!block) return () => undefined;
  const spec = tableSpec("districts");
  const [districtAt, idAt, quotaAt] = ["district", "id", "quota"].map((id) => columnIndex(block, spec, id));
  if (districtAt < 0 || idAt < 0 || quotaAt < 0) return () => undefined;
  const quotas = new Map<string, number>();
  for (const row of block.rows) {
    const district = districtOf(String(row[districtAt] ?? ""))?.id;
    const goal = String(row[idAt] ?? "")
      .trim()
      .toUpperCase();
    const quota = quotaOf(row[quotaAt]);
    const key = `${district}|${goal}`;
    // A district and goal listed twice: the first row counts.
    if (district && quota !== undefined && !quotas.has(key)) quotas.set(key, quota);
  }
  return (district, goal) => quotas.get(`${district}|${goal}`);
}

export interface TargetsReading {
  readonly specs: GoalSpec[];
  /** Edited cells that could not be used (the plan's value applies instead), for the user to fix. */
  readonly ignored: readonly { goal: GoalId; field: "target" | "comparator" | "deadline" }[];
}

/** The value, or undefined when the engine refuses the cell (any other failure is a bug and propagates). */
function engineValue<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (error instanceof EngineError) return undefined;
    throw error;
  }
}

/**
 * The goals as the Targets table states them. A cell a person cleared or mistyped falls back to
 * the plan's value and is reported, so one bad edit cannot hide every figure.
 */
export function specsFromTargets(block: TableBlock | undefined): TargetsReading {
  const ignored: { goal: GoalId; field: "target" | "comparator" | "deadline" }[] = [];
  if (!block) return { specs: GOALS.map((goal) => specOfGoal(goal)), ignored };
  const targets = tableSpec("targets");
  const at = (id: string) => columnIndex(block, targets, id);
  const [idAt, targetAt, comparatorAt, deadlineAt] = [
    at("id"),
    at("target"),
    at("comparator"),
    at("deadline"),
  ];
  const specs = GOALS.map((goal) => {
    const row = block.rows.find((r) => String(r[idAt]).trim().toUpperCase() === goal.id);
    if (!row) return specOfGoal(goal);
    const targetCell = row[targetAt];
    const target = typeof targetCell === "number" && targetCell > 0 ? targetCell : undefined;
    if (target === undefined) ignored.push({ goal: goal.id, field: "target" });
    const comparatorCell = row[comparatorAt];
    const comparator =
      typeof comparatorCell === "string" ? engineValue(() => parseComparator(comparatorCell)) : undefined;
    if (comparator === undefined) ignored.push({ goal: goal.id, field: "comparator" });
    const date = deadlineAt >= 0 ? engineValue(() => dateOfCell(row[deadlineAt], 0, "deadline")) : undefined;
    const deadline = date !== undefined && date > specOfGoal(goal).start ? date : undefined;
    if (deadline === undefined) ignored.push({ goal: goal.id, field: "deadline" });
    return specOfGoal(goal, { target, comparator, deadline });
  });
  return { specs, ignored };
}

/** The language a workbook's tables are written in, told by the Register's headers. */
export function languageOfRegister(block: TableBlock): "en" | "zh" {
  const register = tableSpec("register");
  const zhHeaders = new Set(register.columns.map((c) => c.header.zh));
  return block.headers.some((h) => zhHeaders.has(String(h).trim())) ? "zh" : "en";
}

export interface StatusRuleReading {
  /** The rule the workbook's status formulas judge by, as they read it. */
  readonly rule: StatusRule;
  /** What the About row says, when it names no rule (the ratio rule applies, as in the sheet). */
  readonly unknownName?: string;
  /**
   * Why the rule's thresholds cannot be used (the sheet's statuses are errors: `unusable`), or are
   * out of range or order (the sheet still computes with them).
   */
  readonly problem?: "notNumbers" | "missingRow" | "missingTable" | "outOfRange" | "outOfOrder";
  /** Each rule's thresholds as its row holds them, where they are numbers (Settings starts from them). */
  readonly thresholds: Readonly<Partial<Record<StatusRuleId, Omit<StatusRule, "id">>>>;
}

/** Problems that leave the sheet's in-period statuses as errors: the pane then shows none either. */
export const UNUSABLE_RULE_PROBLEMS: ReadonlySet<StatusRuleReading["problem"]> = new Set([
  "notNumbers",
  "missingRow",
  "missingTable",
]);

/**
 * The status rule as the Targets sheet's status formula reads it: the rule the About row names (no
 * row, or no name it knows: the ratio rule), with the thresholds of its row on the Status rules
 * table, which must be numbers (the formula's ISNUMBER gives #N/A otherwise). A workbook from
 * before both (version 5 and earlier) judges by the ratio rule at its default thresholds.
 */
export function statusRuleFrom(
  about: TableBlock | undefined,
  rules: TableBlock | undefined,
  language: Language,
): StatusRuleReading {
  const aboutSpec = tableSpec("about");
  const aboutRow = about?.rows.find(
    (row) =>
      String(row[columnIndex(about, aboutSpec, "item")] ?? "").toLowerCase() ===
      ABOUT_STATUS_RULE[language].toLowerCase(),
  );
  const named = aboutRow?.[columnIndex(about!, aboutSpec, "value")];
  const text = named === undefined || named === null ? "" : String(named);
  const id = statusRuleNamed(text, language) ?? "RATIO";
  const unknown = text !== "" && statusRuleNamed(text, language) === undefined ? { unknownName: text } : {};
  if (!rules) {
    // The About row without its table: the table was deleted, and the formulas that read it fail.
    if (aboutRow)
      return { rule: DEFAULT_STATUS_RULES[id], problem: "missingTable", thresholds: {}, ...unknown };
    return { rule: DEFAULT_STATUS_RULE, thresholds: {} };
  }
  const rulesSpec = tableSpec("statusRules");
  const at = (column: string) => {
    const index = columnIndex(rules, rulesSpec, column);
    if (index < 0)
      throw new MissingColumnError(
        rulesSpec.columns.find((c) => c.id === column)!.header,
        sheetSpec("statusRules").name,
      );
    return index;
  };
  const [idAt, onTrackAt, atRiskAt] = [at("id"), at("onTrack"), at("atRisk")];
  const thresholds: Partial<Record<StatusRuleId, Omit<StatusRule, "id">>> = {};
  for (const row of rules.rows) {
    const rowId = STATUS_RULE_IDS.find((rule) => rule === String(row[idAt] ?? "").toUpperCase());
    const [onTrack, atRisk] = [row[onTrackAt], row[atRiskAt]];
    if (rowId && !(rowId in thresholds) && typeof onTrack === "number" && typeof atRisk === "number")
      thresholds[rowId] = { onTrack, atRisk };
  }
  const row = rules.rows.find((r) => String(r[idAt] ?? "").toUpperCase() === id);
  if (!row) return { rule: DEFAULT_STATUS_RULES[id], problem: "missingRow", thresholds, ...unknown };
  const own = thresholds[id];
  // A blank cell, text or TRUE is not a threshold: the sheet's ISNUMBER refuses it too.
  if (!own) return { rule: DEFAULT_STATUS_RULES[id], problem: "notNumbers", thresholds, ...unknown };
  const read: StatusRule = { id, ...own };
  const problem = statusRuleProblem(read);
  return { rule: read, thresholds, ...(problem ? { problem } : {}), ...unknown };
}
