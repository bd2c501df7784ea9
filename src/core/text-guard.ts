/**
 * Text people typed must stay text in a CSV file a spreadsheet opens: spreadsheets read a leading
 * =, +, - or @ as a formula, and a tab or carriage return can smuggle one in. Text that starts with
 * any of these, or with an apostrophe, gets one apostrophe more in front: the common defence
 * against formula injection. Whether the apostrophe then shows depends on the program (it is an
 * assumption here that Excel treats it as in a cell; LibreOffice shows it). Our own import undoes
 * exactly our guard, so an exported register re-imports unchanged.
 *
 * Cells the add-in writes need more (Excel converts numbers and dates too): see valueForCell.
 * The CSV export calls guardText and the CSV import reads fields back with unguardText.
 */
const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function needsGuard(text: string): boolean {
  return NEEDS_GUARD.test(text);
}

export function guardText(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/**
 * The exact inverse of guardText: an apostrophe is taken off only where guardText put it (before
 * text that needs a guard), so "'t Hooft" from someone else's file keeps its apostrophe.
 */
export function unguardText(text: string): string {
  return text.startsWith("'") && needsGuard(text.slice(1)) ? text.slice(1) : text;
}
