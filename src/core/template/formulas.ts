/**
 * Turns the template's formula descriptions into formula text for one language. Structured
 * references are written in the file-format spelling ([#This Row]) which Excel, the Excel API,
 * exceljs and LibreOffice all read.
 */
import type { Language } from "../language";
import type { ColumnSpec, FormulaContext, TableSpec } from "./structure";
import { NAMES, tableSpec } from "./template";

/** Brackets, # and ' inside a structured-reference column name are escaped with '. */
function escapeColumn(header: string): string {
  return header.replace(/(['#[\]])/g, "'$1");
}

export function formulaContext(table: TableSpec, language: Language): FormulaContext {
  return {
    language,
    column: (id, header) => `${tableSpec(id).name}[${escapeColumn(header)}]`,
    thisRow: (header) => `${table.name}[[#This Row],[${escapeColumn(header)}]]`,
    asOf: `INT(${NAMES.asOf})`,
    text: (value) => `"${value.replace(/"/g, '""')}"`,
  };
}

/** The formula of a formula column, with its leading "=". */
export function columnFormula(table: TableSpec, column: ColumnSpec, language: Language): string {
  if (!column.formula) throw new Error(`${table.name}[${column.id}] has no formula`);
  return `=${column.formula(formulaContext(table, language))}`;
}

/** Functions older spreadsheets (and LibreOffice without _xlfn prefixes) lack: never in a native formula. */
export const MODERN_ONLY_FUNCTIONS = [
  "LET",
  "XLOOKUP",
  "IFS",
  "MAXIFS",
  "MINIFS",
  "TEXTJOIN",
  "FILTER",
  "SWITCH",
  "LAMBDA",
];
