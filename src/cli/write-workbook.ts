/**
 * Writes the tracking workbook to a file: exceljs writes every sheet in memory with a blank row in
 * the Register (workbook-file.ts), the Dashboard's chart is added to that package (exceljs writes
 * no charts: chart-part.ts), then the package is written to the file part by part, the Register's
 * rows generated and deflated as they go (register-sheet.ts). Time and memory grow in step with
 * the entries.
 */
import type { Entry } from "../core/entries";
import type { Language } from "../core/language";
import type { StatusRuleId } from "../core/status-rules";
import { tableSpec } from "../core/template/template";
import { addTimelineChart } from "./chart-part";
import { registerSheetXml, registerTableXml } from "./register-sheet";
import { buildWorkbook } from "./workbook-file";
import { readZip, writeZip, type ZipPart } from "./zip";

export interface WorkbookFileOptions {
  readonly language: Language;
  /** Register entries, written in order below the Register header. */
  readonly entries: readonly Entry[];
  /** A fixed as-of date (serial day); without it the as-of cell is =TODAY(). */
  readonly asOf?: number;
  readonly statusRule?: StatusRuleId;
  /** The Entered at stamp of the entries (serial date-time, local time). */
  readonly enteredAt: number;
}

const REGISTER_TABLE = tableSpec("register").name;

/** The Register's worksheet and table parts: the sheet whose relationships name the table. */
function registerParts(parts: ReadonlyMap<string, Buffer>): { sheet: string; table: string } {
  const table = [...parts.keys()].find(
    (name) =>
      name.startsWith("xl/tables/") &&
      parts.get(name)!.toString("utf8").includes(` name="${REGISTER_TABLE}"`),
  );
  const tableFile = table?.slice("xl/tables/".length);
  const rels = [...parts.keys()].find(
    (name) =>
      name.startsWith("xl/worksheets/_rels/") &&
      parts.get(name)!.toString("utf8").includes(`Target="../tables/${tableFile}"`),
  );
  if (!table || !rels) throw new Error("exceljs wrote no Register table");
  return { table, sheet: rels.replace("_rels/", "").replace(/\.rels$/, "") };
}

/** Writes the workbook's .xlsx package to `path` (created; the caller renames it into place). */
export async function writeWorkbookFile(path: string, options: WorkbookFileOptions): Promise<void> {
  const { language, entries } = options;
  const workbook = buildWorkbook({
    language,
    asOf: options.asOf,
    registerRows: entries.length,
    statusRule: options.statusRule,
  });
  const parts = await readZip(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  addTimelineChart(parts, { language, entries, asOf: options.asOf });
  const register = registerParts(parts);
  const written = function* (): Generator<ZipPart> {
    for (const [name, data] of parts) {
      if (name === register.sheet)
        yield { name, chunks: registerSheetXml(data.toString("utf8"), entries, language, options.enteredAt) };
      else if (name === register.table)
        yield { name, data: Buffer.from(registerTableXml(data.toString("utf8"), entries.length), "utf8") };
      else yield { name, data };
    }
  };
  await writeZip(path, written());
}
