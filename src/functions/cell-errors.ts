/**
 * Engine failures become Excel errors with a message in Office's display language. Nothing a
 * custom function does may throw into Excel: every function body runs through `guard`.
 */
import { EngineError, type ErrorKind } from "../core/errors";
import { type Language, languageFromLocale } from "../core/language";

/** The language of Office's user interface, or English where Office is not present. */
export function displayLanguage(): Language {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return languageFromLocale(office?.context?.displayLanguage);
}

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

/** Prefix of the message an unexpected failure carries: tests look for it, users can report it. */
export const INTERNAL_ERROR_PREFIX = "Internal error";

export function toCellError(error: unknown, language: Language = displayLanguage()): CustomFunctions.Error {
  if (error instanceof EngineError) return cellError(error.kind, error.messageIn(language));
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
