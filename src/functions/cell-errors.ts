/**
 * Engine failures become Excel errors with a message in Office's display language, arguments named
 * as that language's argument help names them. Nothing a custom function does may throw into
 * Excel: every function body runs through `guard`.
 */
import { EngineError, type ErrorKind } from "../core/errors";
import type { Language } from "../core/language";
import { displayLanguage } from "./display-language";
import { parameterName } from "./parameter-names";

const CODES: Record<ErrorKind, CustomFunctions.ErrorCode> = {
  value: "#VALUE!" as CustomFunctions.ErrorCode,
  na: "#N/A" as CustomFunctions.ErrorCode,
  num: "#NUM!" as CustomFunctions.ErrorCode,
};

/** Excel shows a custom message only with #VALUE! and #N/A; #NUM! takes none. */
export function cellError(kind: ErrorKind, message: string): CustomFunctions.Error {
  return kind === "num"
    ? new CustomFunctions.Error(CODES.num)
    : new CustomFunctions.Error(CODES[kind], message);
}

/** The message parameters that hold an argument's name (engine messages name at most two). */
const ARGUMENT_PARAMS = ["arg", "other"] as const;

/** The engine's message with every argument it names called by its parameter name in `language`. */
export function messageOf(error: EngineError, language: Language): string {
  const params: Record<string, string | number> = { ...error.params };
  for (const key of ARGUMENT_PARAMS) {
    const name = params[key];
    if (typeof name === "string") params[key] = parameterName(name, language);
  }
  return new EngineError(error.kind, error.key, params).messageIn(language);
}

/** Prefix of the message an unexpected failure carries: tests look for it, users can report it. */
export const INTERNAL_ERROR_PREFIX = "Internal error";

export function toCellError(error: unknown, language: Language = displayLanguage()): CustomFunctions.Error {
  if (error instanceof EngineError) return cellError(error.kind, messageOf(error, language));
  const detail = error instanceof Error ? error.message : String(error);
  return cellError("value", `${INTERNAL_ERROR_PREFIX}: ${detail}`);
}

/**
 * Runs a function body. Any failure leaves as a CustomFunctions.Error, the one kind of throw Excel
 * turns into an error value (with its message) in the cell.
 */
export function guard<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw toCellError(error);
  }
}
