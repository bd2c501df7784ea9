/**
 * Turning raw custom-function arguments (numbers, text, booleans, blanks, error values, matrices)
 * into typed core inputs, with an engine error naming the argument when one does not fit. Errors
 * name arguments by their English parameter names; cell-errors.ts says them in Office's language.
 */
import { inExcelRange, parseIsoDate } from "../core/dates";
import { EngineError } from "../core/errors";
import { type GoalOverrides, parseComparator } from "../core/goal-spec";
import type { Language } from "../core/language";
import type { Comparator } from "../core/plan";
import type { Column } from "../core/register";
import {
  DEFAULT_STATUS_RULES,
  type StatusRule,
  statusRuleNamed,
  statusRuleProblem,
} from "../core/status-rules";
import { displayLanguage } from "./display-language";
import type { ParameterName } from "./parameter-names";

/** Blank cells arrive as "" or null; an omitted optional argument as null or undefined. */
export function isBlank(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/**
 * The code of an error value as Excel passes it to a parameter of type any (the functions metadata
 * sets allowErrorForDataTypeAny, so Excel calls the function at all): a CustomFunctions.Error
 * ({ code: "#N/A" }), or, since the metadata also allows data types, an error cell value
 * ({ type: "Error", basicValue: "#N/A" }). Undefined for anything else.
 */
export function errorCode(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { code, type, basicValue } = value as { code?: unknown; type?: unknown; basicValue?: unknown };
  if (typeof code === "string" && type === undefined) return code;
  if (type === "Error") return typeof basicValue === "string" ? basicValue : "#VALUE!";
  return undefined;
}

/** A single-value argument holding an error value is #VALUE! naming the argument and the error. */
export function rejectError(value: unknown, arg: ParameterName): void {
  const code = errorCode(value);
  if (code !== undefined) throw new EngineError("value", "argHoldsError", { arg, code });
}

/** How a message quotes a value it cannot use; a blank or an object (a data type) has no text of its own. */
const NO_TEXT: Readonly<Record<"blank" | "object", Readonly<Record<Language, string>>>> = {
  blank: { en: "(blank)", zh: "（空白）" },
  object: { en: "(a data type)", zh: "（数据类型）" },
};

function show(value: unknown): string {
  if (isBlank(value)) return NO_TEXT.blank[displayLanguage()];
  if (typeof value === "object") return NO_TEXT.object[displayLanguage()];
  return String(value);
}

export function requireNumber(value: unknown, arg: ParameterName): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  rejectError(value, arg);
  throw new EngineError("value", "notANumber", { arg, value: show(value) });
}

export function optionalNumber(value: unknown, arg: ParameterName): number | undefined {
  return isBlank(value) ? undefined : requireNumber(value, arg);
}

/** A date: an Excel serial number (1900 system) or ISO text such as "2021-06-30". */
export function optionalDate(value: unknown, arg: ParameterName): number | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) {
    if (!inExcelRange(value)) throw new EngineError("value", "dateOutOfRange", { arg, value: show(value) });
    return Math.floor(value);
  }
  if (typeof value === "string") {
    const serial = parseIsoDate(value);
    if (serial !== undefined) return serial;
  }
  rejectError(value, arg);
  throw new EngineError("value", "notADate", { arg, value: show(value) });
}

/** A goal reference: text (an id or label) or a plain number (a target of the user's own). */
export function requireGoalRef(value: unknown): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") return value;
  rejectError(value, "goal");
  throw new EngineError("na", "unknownGoal", { goal: show(value) });
}

export function optionalComparator(value: unknown): Comparator | undefined {
  if (isBlank(value)) return undefined;
  rejectError(value, "comparator");
  if (typeof value !== "string")
    throw new EngineError("value", "notAComparator", { arg: "comparator", value: show(value) });
  return parseComparator(value, "comparator");
}

/**
 * The status rule STATUS judges by: its id or its name in either language (as on a workbook's About
 * sheet), the thresholds given or its defaults; blank, the ratio to the expected count.
 */
export function optionalStatusRule(rule: unknown, onTrack: unknown, atRisk: unknown): StatusRule {
  rejectError(rule, "rule");
  const id = isBlank(rule)
    ? "RATIO"
    : typeof rule === "string"
      ? (statusRuleNamed(rule, "en") ?? statusRuleNamed(rule, "zh"))
      : undefined;
  if (id === undefined)
    throw new EngineError("value", "unknownStatusRule", { arg: "rule", value: show(rule) });
  const chosen: StatusRule = {
    id,
    onTrack: optionalNumber(onTrack, "on_track") ?? DEFAULT_STATUS_RULES[id].onTrack,
    atRisk: optionalNumber(atRisk, "at_risk") ?? DEFAULT_STATUS_RULES[id].atRisk,
  };
  if (statusRuleProblem(chosen) !== undefined)
    throw new EngineError("value", "statusRuleThresholds", {
      rule: id,
      onTrack: chosen.onTrack,
      atRisk: chosen.atRisk,
    });
  return chosen;
}

export function overrides(parts: {
  target?: unknown;
  comparator?: unknown;
  start?: unknown;
  deadline?: unknown;
}): GoalOverrides {
  return {
    target: optionalNumber(parts.target, "target"),
    comparator: optionalComparator(parts.comparator),
    start: optionalDate(parts.start, "start"),
    deadline: optionalDate(parts.deadline, "deadline"),
  };
}

/**
 * A single-column range as a core Column, read in place. Excel hands ranges over as rectangular
 * arrays, so the width is checked on the first and last rows (checking all would be a second
 * pass over a register of a million rows); a short row elsewhere reads as blank cells.
 */
export function requireColumn(matrix: unknown, name: ParameterName): Column {
  if (!Array.isArray(matrix)) return { rows: [[matrix]], index: 0, name };
  for (const edge of [matrix[0], matrix[matrix.length - 1]]) {
    if (matrix.length > 0 && (!Array.isArray(edge) || edge.length !== 1)) {
      throw new EngineError("value", "notAColumn", {
        arg: name,
        columns: Array.isArray(edge) ? edge.length : 0,
      });
    }
  }
  return { rows: matrix as unknown[][], index: 0, name };
}

/**
 * An optional column: only an omitted argument (Excel passes null) is "not given". A single blank
 * cell arrives as [[""]] or [[null]]: that is the column of a one-row register, holding a blank.
 */
export function optionalColumn(matrix: unknown, name: ParameterName): Column | undefined {
  if (matrix === null || matrix === undefined) return undefined;
  return requireColumn(matrix, name);
}
