/** Cells of the workbook: the values written to them and their addresses. */

/**
 * A value on its way to a cell through the Excel API: numbers and booleans as they are, blanks
 * empty, and text behind an apostrophe. Excel reads a written string as typed input, so "00123",
 * "2021-06-30", "50%", "TRUE" or "=1+1" would become a number, a date, a boolean or a formula; an
 * apostrophe first makes any typed text stay text, and is not part of the cell's value (office-js
 * issue 6687: reading values or formulas gives the text without it).
 */
export function valueForCell(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined || value === "") return "";
  return typeof value === "string" ? `'${value}` : value;
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

/** A defined name's formula for `rows` cells of one column: ='Sheet'!$A$2:$A$7 (or ='Sheet'!$B$2). */
export function rangeFormula(sheet: string, row: number, column: number, rows: number): string {
  const absolute = (r: number) => `$${columnLetters(column)}$${r + 1}`;
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  return `=${quoted}!${absolute(row)}${rows > 1 ? `:${absolute(row + rows - 1)}` : ""}`;
}
