/**
 * Text people typed must stay text wherever a spreadsheet reads it: in a cell the add-in writes
 * (Excel parses a written string as if typed, and drops a leading apostrophe as the "this is
 * text" marker) and in a CSV file a spreadsheet opens. Both read a leading =, +, - or @ as a
 * formula; a tab or carriage return can smuggle one in. Text that starts with any of these, or
 * with an apostrophe, gets one apostrophe more in front.
 *
 * In a cell that reads back exactly as typed. In a CSV file the guard is the common defence
 * against formula injection; whether the apostrophe then shows depends on the program (it is an
 * assumption here that Excel treats it as in a cell; LibreOffice shows it). Our own import undoes
 * exactly our guard, so an exported register re-imports unchanged.
 *
 * This is the one definition: the cell writer and the CSV export both call guardText, and the CSV
 * import reads fields back with unguardText.
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
