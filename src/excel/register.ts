/**
 * The register and history operations the task pane offers: adding entries, importing them from
 * CSV, exporting the register, and recording snapshots.
 */
import type { Entry } from "../core/entries";
import { entryRow } from "../core/entries";
import type { Language } from "../core/language";
import { STATUS_LABELS } from "../core/progress";
import { registerToCsv } from "../core/register-csv";
import type { GoalSummary } from "../core/summary";
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

/** One History row per goal; History rows are only ever appended, never rewritten. */
export async function recordSnapshot(
  context: Excel.RequestContext,
  summaries: readonly GoalSummary[],
  date: number,
  note: string,
  language: Language,
): Promise<number> {
  const rows = summaries.map((s) => [
    date,
    s.spec.id ?? "",
    s.actual,
    s.spec.target,
    STATUS_LABELS[s.status][language],
    note || null,
  ]);
  return appendRows(context, tableSpec("history"), language, rows);
}

export async function exportRegisterCsv(context: Excel.RequestContext): Promise<string> {
  const block = await readRegister(context);
  const rows = block.rows.filter((row) => row.some((cell) => cell !== "" && cell !== null));
  return registerToCsv(block.headers, rows);
}
