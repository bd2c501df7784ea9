/**
 * Text people typed must reach a cell as text. Excel reads a value starting with =, +, - or @ as a
 * formula (and tab or carriage return can smuggle one in from CSV files): a leading apostrophe
 * makes Excel store the rest as text, shown without the apostrophe. A value that itself starts
 * with an apostrophe gets one more, so it survives.
 */
const FORMULA_TRIGGERS = /^[=+\-@\t\r']/;

export function textForCell(text: string): string {
  return FORMULA_TRIGGERS.test(text) ? `'${text}` : text;
}

/** A value on its way to a cell: text protected, numbers and booleans as they are, blanks empty. */
export function valueForCell(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? textForCell(value) : value;
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
