/**
 * Text people typed must stay text wherever a spreadsheet reads it: in a cell the add-in writes
 * (Excel parses a written string as if typed) and in a CSV file Excel opens. Both read a leading
 * =, +, - or @ as a formula (a tab or carriage return can smuggle one in), and both take a leading
 * apostrophe as the "this is text" marker and drop it. Text that starts with any of these gets one
 * apostrophe more in front, so it reads back exactly as typed.
 *
 * This is the one definition: the cell writer and the CSV export both call guardText, and the CSV
 * import reads a field back with unguardText, as Excel would.
 */
const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function needsGuard(text: string): boolean {
  return NEEDS_GUARD.test(text);
}

export function guardText(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/** A field as a spreadsheet reads it: one leading apostrophe is the text marker, not part of the text. */
export function unguardText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}
