/**
 * Rule 8 of the stricter Excel double: a custom function is called as Excel calls it from a
 * formula, given the function's metadata (functions.json) and the values of the cells its
 * arguments refer to.
 *
 * - An argument whose cell holds an error, or a range argument with an error in any of its cells,
 *   stops the call: Excel does not run the function and the formula's cell shows that error. Only
 *   when the metadata sets the top-level property allowErrorForDataTypeAny to true does Excel call
 *   the function anyway, and only for parameters of type any (any[][] for a range)
 *   (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors, "Errors as custom
 *   function inputs"; learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json,
 *   "allowErrorForDataTypeAny"). Which error a blocked call shows when several arguments hold one
 *   is not documented; here it is the first, in argument order and then row by row.
 * - An error that does reach the function arrives as a CustomFunctions.Error carrying the error's
 *   code: custom functions know errors only as that object
 *   (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts, the note
 *   under "How custom functions handle data types"), which also serves the codes that exist only
 *   as inputs, #NAME? and #REF! (custom-functions-errors, the ErrorCode table).
 * - A range parameter (dimensionality matrix) receives a two-dimensional array, a single cell
 *   given to it too; an optional parameter left out receives null
 *   (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options, "Optional
 *   parameters" and "Range parameters"). Other cells are passed as the test gives them: a blank
 *   cell arrives as null in Excel on the web and as 0 in desktop Excel (office-js issue 4702), so
 *   a test that cares says which by the value it gives.
 * - A thrown CustomFunctions.Error becomes the cell's error with its message; any other exception
 *   shows #VALUE! (custom-functions-errors, "Use try...catch blocks").
 *
 * Cells hold numbers, text, booleans, null for blank, or a FormulaError (test/support/formula-engine.ts)
 * for an error value.
 */
import { resolve } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { allowErrorArguments } from "../../tools/build/allow-error-arguments";
import {
  type FunctionMetadata,
  type FunctionsJson,
  localizeFunctions,
  type Translations,
} from "../../tools/build/localize-functions";
import * as addInFunctions from "../../src/functions/functions";
import translations from "../../src/functions/functions.zh-CN.json";
import { type ErrorCode, FormulaError } from "./formula-engine";

export { FormulaError };

const SOURCE = resolve(__dirname, "../../src/functions/functions.ts");

/** What a cell holds. */
export type CellInput = string | number | boolean | null | FormulaError;

/** An argument as a formula gives it: one cell's value, or a range's values row by row. */
export type ArgumentInput = CellInput | readonly (readonly CellInput[])[];

/** What the formula's cell shows. */
export type CellResult =
  | { readonly called: false; readonly error: ErrorCode }
  | { readonly called: true; readonly value: unknown }
  | { readonly called: true; readonly error: string; readonly message: string };

export interface BuiltMetadata {
  /** functions.json as the build writes it. */
  readonly en: FunctionsJson;
  /** functions.zh-CN.json as the build writes it. */
  readonly zh: FunctionsJson;
  /** functions.json as custom-functions-metadata generates it, before the build adds to it. */
  readonly generated: FunctionsJson;
}

/**
 * The functions metadata of src/functions/functions.ts as `npm run build` writes it: generated
 * from the JSDoc, as test/functions/metadata.test.ts does, then passed through the build's own
 * steps (allowErrorForDataTypeAny, the zh-CN translation).
 */
export async function builtMetadata(): Promise<BuiltMetadata> {
  const result = await generateCustomFunctionsMetadata(SOURCE, true);
  if (result.errors.length > 0) throw new Error(`metadata generation failed: ${result.errors.join("; ")}`);
  const generated = JSON.parse(result.metadataJson) as FunctionsJson;
  const en = allowErrorArguments(generated);
  const localized = localizeFunctions(en, translations as Translations);
  if (localized.errors.length > 0) throw new Error(localized.errors.join("; "));
  return { en, zh: localized.json, generated };
}

/** The metadata without allowErrorForDataTypeAny, as custom-functions-metadata leaves it. */
export function withoutAllowErrors(metadata: FunctionsJson): FunctionsJson {
  const copy: Record<string, unknown> = { ...metadata };
  delete copy.allowErrorForDataTypeAny;
  return copy as FunctionsJson;
}

type CustomFunction = (...args: unknown[]) => unknown;

/** The add-in's functions by id: the generator's id is the upper-cased function name. */
function addInFunction(id: string): CustomFunction {
  const entry = Object.entries(addInFunctions).find(([name]) => name.toUpperCase() === id);
  if (!entry) throw new Error(`test setup: no exported function for the id ${id}`);
  return entry[1] as CustomFunction;
}

function isRange(argument: ArgumentInput): argument is readonly (readonly CellInput[])[] {
  return Array.isArray(argument);
}

/** The first error among an argument's cells, row by row. */
function firstError(argument: ArgumentInput): FormulaError | undefined {
  if (!isRange(argument)) return argument instanceof FormulaError ? argument : undefined;
  for (const row of argument) for (const cell of row) if (cell instanceof FormulaError) return cell;
  return undefined;
}

/** How an error value reaches a function that is called with it. */
export type ErrorShape = "CustomFunctions.Error" | "ErrorCellValue";

/** Excel.ErrorCellValueType of each code (excel.errorcellvalue). */
const ERROR_TYPES: Record<ErrorCode, string> = {
  "#N/A": "NotAvailable",
  "#VALUE!": "Value",
  "#DIV/0!": "Div0",
  "#NUM!": "Num",
  "#REF!": "Ref",
  "#NAME?": "Name",
  "#NULL!": "Null",
};

function passError(error: FormulaError, shape: ErrorShape): unknown {
  if (shape === "ErrorCellValue")
    return { type: "Error", basicType: "Error", basicValue: error.code, errorType: ERROR_TYPES[error.code] };
  return new CustomFunctions.Error(error.code as CustomFunctions.ErrorCode);
}

type Parameter = FunctionMetadata["parameters"][number];

function passArgument(argument: ArgumentInput | undefined, parameter: Parameter, shape: ErrorShape) {
  const passCell = (cell: CellInput) => (cell instanceof FormulaError ? passError(cell, shape) : cell);
  if (argument === undefined) return null;
  const matrix = parameter.dimensionality === "matrix";
  if (!isRange(argument)) return matrix ? [[passCell(argument)]] : passCell(argument);
  if (!matrix) throw new Error(`test setup: parameter ${parameter.name} takes one value, not a range`);
  return argument.map((row) => row.map(passCell));
}

export interface CallOptions {
  /** The function Excel runs; the add-in's own function of that id when left out. */
  readonly implementation?: CustomFunction;
  /** How errors reach the function; CustomFunctions.Error when left out. */
  readonly errorsAs?: ErrorShape;
}

/** Calls the custom function `id` (SHONLINE.<id>) with `args` as Excel would, under `metadata`. */
export function callFromCells(
  metadata: FunctionsJson,
  id: string,
  args: readonly (ArgumentInput | undefined)[],
  options: CallOptions = {},
): CellResult {
  const fn = metadata.functions.find((f) => f.id === id);
  if (!fn) throw new Error(`test setup: the metadata has no function ${id}`);
  if (args.length > fn.parameters.length)
    throw new Error(`test setup: ${id} takes ${fn.parameters.length} arguments, given ${args.length}`);
  const shape = options.errorsAs ?? "CustomFunctions.Error";
  if (shape === "ErrorCellValue" && metadata.allowCustomDataForDataTypeAny !== true)
    throw new Error("test setup: error cell values reach only functions whose metadata allows data types");
  const implementation = options.implementation ?? addInFunction(id);
  const errorsAllowed = metadata.allowErrorForDataTypeAny === true;
  for (const [i, parameter] of fn.parameters.entries()) {
    const argument = args[i];
    const error = argument === undefined ? undefined : firstError(argument);
    if (error && !(errorsAllowed && parameter.type === "any")) return { called: false, error: error.code };
  }
  const values = fn.parameters.map((parameter, i) => passArgument(args[i], parameter, shape));
  try {
    return { called: true, value: implementation(...values) };
  } catch (thrown) {
    if (thrown instanceof CustomFunctions.Error)
      return { called: true, error: thrown.code, message: thrown.message ?? "" };
    return { called: true, error: "#VALUE!", message: "" };
  }
}
