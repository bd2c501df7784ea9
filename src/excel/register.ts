/**
 * The register operations the task pane offers: adding entries (typed or imported from CSV) and
 * exporting the register.
 */
import type { Entry } from "../core/entries";
import { entryRow } from "../core/entries";
import type { Language } from "../core/language";
import { registerToCsv } from "../core/register-csv";
import { tableSpec } from "../core/template/template";
import { appendRows, readRegister } from "./tables";
import { recordAdded } from "./trail";

/**
 * Appends valid entries to the Register (2 round trips for up to 10,000 entries). With `trail`
 * (the pane's adds), each is also logged as added in Changes, by that person, and recorded, so the
 * next refresh does not take it for a row typed in cells: about 2 round trips more.
 */
export async function addEntries(
  context: Excel.RequestContext,
  entries: readonly Entry[],
  language: Language,
  enteredAt: number,
  trail?: { readonly who: string },
): Promise<number> {
  const rows = entries.map((entry) => entryRow(entry, language, enteredAt));
  const added = await appendRows(context, tableSpec("register"), language, rows);
  if (trail) await recordAdded(context, rows, enteredAt, trail.who, language);
  return added;
}

export async function exportRegisterCsv(context: Excel.RequestContext): Promise<string> {
  const block = await readRegister(context);
  const rows = block.rows.filter((row) => row.some((cell) => cell !== "" && cell !== null));
  return registerToCsv(block.headers, rows);
}
