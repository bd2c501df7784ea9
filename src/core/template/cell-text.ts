/** Cells of the workbook: the values written to them and their addresses. */
import { guardText } from "../text-guard";

/** A value on its way to a cell: text guarded (it stays text), numbers and booleans as they are, blanks empty. */
export function valueForCell(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? guardText(value) : value;
}

/** Excel column letters of a 0-based column index: 0 -> A, 26 -> AA. */
export function columnLetters(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}
