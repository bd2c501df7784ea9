/**
 * Writes the tracking workbook to a file: exceljs writes every sheet in memory with a blank row in
 * the Register (workbook-file.ts), the Dashboard's chart is added to that package (exceljs writes
 * no charts: chart-part.ts), then the package is written to the file part by part, the Register's
 * rows (and a merge's rows of the Changes, Merges, Conflicts and Recorded tables) generated and
 * deflated as they go (register-sheet.ts). Time and memory grow in step with the rows.
 */
import type { Entry } from "../core/entries";
import type { Language } from "../core/language";
import type { StatusRuleId } from "../core/status-rules";
import type { TableId } from "../core/template/structure";
import { tableSpec } from "../core/template/template";
import { addTimelineChart } from "./chart-part";
import { entryRows, tableSheetXml, type TableRows, tableXml } from "./register-sheet";
import { buildWorkbook } from "./workbook-file";
import { readZip, writeZip, type ZipPart } from "./zip";

interface FileOptions {
  readonly language: Language;
  /** A fixed as-of date (serial day); without it the as-of cell is =TODAY(). */
  readonly asOf?: number;
  readonly statusRule?: StatusRuleId;
  /** Who reports (About's Reporting unit); blank when left out. */
  readonly reportingUnit?: string;
}

export interface WorkbookFileOptions extends FileOptions {
  /** Register entries, written in order below the Register header. */
  readonly entries: readonly Entry[];
  /** The Entered at stamp of the entries (serial date-time, local time). */
  readonly enteredAt: number;
}

/** A workbook whose tables hold rows given as cells (a merge's): the Register's, and any other table's alone on its sheet. */
export interface TablesFileOptions extends FileOptions {
  readonly tables: { readonly register: TableRows } & Partial<Record<TableId, TableRows>>;
}

/** A table's worksheet and table parts: the sheet whose relationships name the table. */
function tableParts(parts: ReadonlyMap<string, Buffer>, id: TableId): { sheet: string; table: string } {
  const name = tableSpec(id).name;
  const table = [...parts.keys()].find(
    (part) => part.startsWith("xl/tables/") && parts.get(part)!.toString("utf8").includes(` name="${name}"`),
  );
  const tableFile = table?.slice("xl/tables/".length);
  const rels = [...parts.keys()].find(
    (part) =>
      part.startsWith("xl/worksheets/_rels/") &&
      parts.get(part)!.toString("utf8").includes(`Target="../tables/${tableFile}"`),
  );
  if (!table || !rels) throw new Error(`exceljs wrote no ${name} table`);
  return { table, sheet: rels.replace("_rels/", "").replace(/\.rels$/, "") };
}

/** Writes the workbook's .xlsx package with these tables' rows to `path` (created; the caller renames it into place). */
export async function writeTablesFile(path: string, options: TablesFileOptions): Promise<void> {
  const { language, tables } = options;
  const filled = (Object.keys(tables) as TableId[]).filter((id) => tables[id] !== undefined);
  const workbook = buildWorkbook({
    language,
    asOf: options.asOf,
    registerRows: tables.register.length,
    tableRows: Object.fromEntries(filled.map((id) => [id, tables[id]!.length])),
    statusRule: options.statusRule,
    reportingUnit: options.reportingUnit,
  });
  const parts = await readZip(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  addTimelineChart(parts, { language, registerRows: tables.register, asOf: options.asOf });
  const sheets = new Map<string, TableId>();
  const tableOf = new Map<string, TableId>();
  for (const id of filled) {
    const found = tableParts(parts, id);
    sheets.set(found.sheet, id);
    tableOf.set(found.table, id);
  }
  const written = function* (): Generator<ZipPart> {
    for (const [name, data] of parts) {
      const sheet = sheets.get(name);
      const table = tableOf.get(name);
      if (sheet)
        yield { name, chunks: tableSheetXml(tableSpec(sheet), data.toString("utf8"), tables[sheet]!) };
      else if (table) {
        const xml = tableXml(tableSpec(table), data.toString("utf8"), tables[table]!.length);
        yield { name, data: Buffer.from(xml, "utf8") };
      } else yield { name, data };
    }
  };
  await writeZip(path, written());
}

/** Writes the workbook's .xlsx package with these entries to `path` (created; the caller renames it into place). */
export function writeWorkbookFile(path: string, options: WorkbookFileOptions): Promise<void> {
  const { entries, enteredAt, ...rest } = options;
  return writeTablesFile(path, {
    ...rest,
    tables: { register: entryRows(entries, options.language, enteredAt) },
  });
}
