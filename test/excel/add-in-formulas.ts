/**
 * Computing, in the Excel double, the cells whose formula calls the add-in's functions: the
 * double's evaluation hook (FakeWorkbook.evaluate) over a formula of SHONLINE calls whose
 * arguments are text, numbers, TRUE and FALSE, left out (empty), whole table columns (Table[Column]) and defined names. Each call is
 * made as Excel makes it from a cell, under the built functions metadata (rule 8 of the double,
 * test/support/custom-function-calls.ts); a column reaches it as an n x 1 range of the double's
 * cells, blanks as "". Anything else in a formula is outside this subset and throws.
 */
import { todaySerial } from "../../src/core/dates";
import type { FunctionsJson } from "../../tools/build/localize-functions";
import {
  type ArgumentInput,
  callFromCells,
  type CellInput,
  FormulaError,
} from "../support/custom-function-calls";
import type { CellState, CellValue, FakeWorkbook } from "../support/excel-double";
import type { ErrorCode } from "../support/formula-engine";

/** The arguments of a call, split at its top-level commas (not inside text, brackets or calls). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "'") i++;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

/** What a cell of the double holds, as an argument (only =TODAY() is computed). */
function cellInput(state: CellState | undefined): CellInput {
  const formula = state?.formula;
  if (formula && /^=\s*TODAY\(\)\s*$/i.test(formula)) return todaySerial();
  if (formula) throw new Error(`outside the subset: a cell computed by ${formula}`);
  return state?.value ?? "";
}

/** The value of one expression: a call's result, a constant, a column as rows of one cell, a name's cell. */
export function evaluateExpression(
  workbook: FakeWorkbook,
  metadata: FunctionsJson,
  expression: string,
): ArgumentInput {
  const call = /^SHONLINE\.([A-Z]+)\((.*)\)$/is.exec(expression);
  if (call) {
    const args = call[2].trim() === "" ? [] : splitArguments(call[2]);
    const result = callFromCells(
      metadata,
      call[1].toUpperCase(),
      // An empty argument (",,") is a parameter left out: Excel passes null for it.
      args.map((arg) => (arg === "" ? undefined : evaluateExpression(workbook, metadata, arg))),
    );
    if ("error" in result) return new FormulaError(result.error as ErrorCode);
    return result.value as ArgumentInput;
  }
  if (/^"(?:[^"]|"")*"$/.test(expression)) return expression.slice(1, -1).replace(/""/g, '"');
  if (/^-?\d+(\.\d+)?$/.test(expression)) return Number(expression);
  if (/^(TRUE|FALSE)$/i.test(expression)) return expression.toUpperCase() === "TRUE";
  const column = /^([\p{L}_\\][\p{L}\p{N}_.\\]*)\[((?:'.|[^\]'])+)\]$/u.exec(expression);
  if (column) {
    const table = workbook.table(column[1]);
    const header = column[2].replace(/'(.)/g, "$1");
    const index = table ? table.columnIndex(header) : -1;
    if (!table || index < 0) return new FormulaError("#REF!");
    const body = table.bodyArea();
    return Array.from({ length: body.rows }, (_, r) => [
      cellInput(body.sheet.getCell(body.row + r, body.column + index)),
    ]);
  }
  const item = workbook.names.find(expression);
  if (item) {
    const area = workbook.nameArea(item);
    if (!area || area.rows !== 1 || area.columns !== 1)
      throw new Error(`outside the subset: the name ${expression} is not one cell`);
    return cellInput(area.sheet.getCell(area.row, area.column));
  }
  throw new Error(`outside the subset: ${expression}`);
}

/**
 * Makes the double compute formulas that begin with an add-in call, as a cell shows them: a value,
 * or an error as its code ("#N/A"). A result that spills (SUMMARY) is outside what one cell shows:
 * read it with evaluateExpression.
 */
export function computeAddInFormulas(workbook: FakeWorkbook, metadata: FunctionsJson): void {
  workbook.evaluate = (formula) => {
    if (!/^=\s*SHONLINE\./i.test(formula)) return undefined;
    const result = evaluateExpression(workbook, metadata, formula.replace(/^=\s*/, ""));
    if (result instanceof FormulaError) return result.code;
    if (Array.isArray(result)) throw new Error(`outside the subset: ${formula} spills`);
    if (result === null) return "";
    return result as CellValue;
  };
}
