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

/** Appends valid entries to the Register (2 round trips for up to 10,000 entries). */
export async function addEntries(
  context: Excel.RequestContext,
  entries: readonly Entry[],
  language: Language,
  enteredAt: number,
): Promise<number> {
  return appendRows(
    context,
    tableSpec("register"),
    language,
    entries.map((entry) => entryRow(entry, language, enteredAt)),
  );
}

export async function exportRegisterCsv(context: Excel.RequestContext): Promise<string> {
  const block = await readRegister(context);
  const rows = block.rows.filter((row) => row.some((cell) => cell !== "" && cell !== null));
  return registerToCsv(block.headers, rows);
}
