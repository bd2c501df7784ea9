/**
 * A district's workbook as the city office merges it: its Register rows as ledger rows (ids, not
 * labels, so Chinese and English workbooks merge) and what the file says about itself — who
 * reports, the template version, the as-of date and when it was saved. Read from the package's
 * parts, so the same code serves the command line and any other face.
 */
import type { Language } from "./language";
import { type LedgerRow, ledgerColumnsOf, ledgerRowOf } from "./ledger";
import type { Bilingual } from "./plan";
import { columnIndex, languageOfRegister } from "./tracking";
import { REGISTER_HEADERS } from "./template/headers";
import { ABOUT_REPORTING_UNIT, NAMES, sheetSpec, tableSpec } from "./template/template";
import {
  type CellValue,
  isoDateTimeToSerial,
  readWorkbook,
  type XlsxTable,
  type XlsxWorkbook,
} from "./xlsx/xlsx-parts";

export interface Submission {
  /** The file's name as given. */
  readonly file: string;
  /** The Register's language, told by its headers. */
  readonly language: Language;
  /** The template version the workbook was made or upgraded to, when it says. */
  readonly version: number | undefined;
  /** Who reports, from the About table; "" when blank or absent. */
  readonly reportingUnit: string;
  /** The as-of date's serial, when the AsOfDate cell holds a number (not a formula left uncomputed). */
  readonly asOf: number | undefined;
  /** When the file was last saved (docProps/core.xml), as a date-time serial in UTC. */
  readonly savedAt: number | undefined;
  /** Every non-blank Register row. */
  readonly rows: readonly LedgerRow[];
}

export type SubmissionProblem = "notXlsx" | "noRegister" | "noHeaderRow" | "damaged" | "missingColumns";

const REGISTER_SHEET = sheetSpec("register").name;

/** What the faces say when a file cannot be merged: what is wrong, and what to do. */
export const SUBMISSION_MESSAGES: Readonly<Record<Exclude<SubmissionProblem, "missingColumns">, Bilingual>> =
  {
    notXlsx: {
      en: "This file is not an Excel workbook (.xlsx): it cannot be opened as one. If it is protected with a password, remove the password in Excel; otherwise save it from Excel as an .xlsx workbook and try again.",
      zh: "该文件不是 Excel 工作簿（.xlsx），无法打开。如已设置打开密码，请先在 Excel 中取消密码；否则请在 Excel 中另存为 .xlsx 工作簿后重试。",
    },
    noRegister: {
      en: `This file is not a workbook made from this template: it has no ${REGISTER_SHEET.en} table. Use a workbook made with the add-in or the command line.`,
      zh: `该文件不是用本模板制作的工作簿：未找到“${REGISTER_SHEET.zh}”表。请使用由本加载项或命令行制作的工作簿。`,
    },
    noHeaderRow: {
      en: `The ${REGISTER_SHEET.en} table has no header row, so its columns cannot be told apart. In Excel, turn the table's Header Row back on (Table Design) and save the file again.`,
      zh: `“${REGISTER_SHEET.zh}”表没有标题行，无法识别各列。请在 Excel 中重新打开该表的“标题行”（表设计），然后重新保存文件。`,
    },
    damaged: {
      en: `The ${REGISTER_SHEET.en} sheet is missing from the file or damaged. Open the file in Excel, save it again and retry.`,
      zh: `文件中的“${REGISTER_SHEET.zh}”工作表缺失或已损坏。请在 Excel 中打开该文件，重新保存后重试。`,
    },
  };

/** The Register lacks columns every row needs: `headers` are theirs, in both languages. */
export function missingColumnsMessage(headers: readonly Bilingual[]): Bilingual {
  const en = headers.map((h) => `"${h.en}"`).join(" and ");
  const zh = headers.map((h) => `“${h.zh}”`).join("和");
  const plural = headers.length > 1;
  return {
    en: `The ${REGISTER_SHEET.en} table has no ${en} column${plural ? "s" : ""}. Restore the header${plural ? "s" : ""} as the template names ${plural ? "them" : "it"} and save the file again.`,
    zh: `“${REGISTER_SHEET.zh}”表缺少${zh}列。请按模板恢复该列标题，然后重新保存文件。`,
  };
}

/** A file that cannot be merged, with what to tell the person who sent it. */
export class SubmissionError extends Error {
  constructor(
    readonly problem: SubmissionProblem,
    readonly said: Bilingual,
    readonly file: string,
  ) {
    super(`${file}: ${said.en}`);
    this.name = "SubmissionError";
  }
}

/** Blank as Excel shows it: no value, or text of spaces only. */
function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** A table's header cells and body rows (totals row left out); undefined when its sheet cannot be read. */
function tableCells(
  book: XlsxWorkbook,
  table: XlsxTable,
): { headers: string[]; rows: CellValue[][] } | undefined {
  const cells = book.readRange(table.sheet, table.range);
  if (!cells) return undefined;
  const [headerCells, ...body] = cells;
  // The table part names every column too; it stands in for a header cell a writer left out.
  const headers = headerCells.map((cell, i) => (isBlank(cell) ? (table.columns[i] ?? "") : String(cell)));
  return { headers, rows: body.slice(0, body.length - table.totalsRowCount) };
}

function numberOf(cell: CellValue | undefined): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === "string" && cell.trim() !== "") {
    const number = Number(cell.trim());
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

/** The About table's value in the row whose item is `item` (either language). */
function aboutValue(book: XlsxWorkbook, item: Bilingual): CellValue | undefined {
  const about = tableSpec("about");
  const table = book.table(about.name);
  const block = table && table.headerRowCount > 0 ? tableCells(book, table) : undefined;
  if (!block) return undefined;
  const [itemAt, valueAt] = [columnIndex(block, about, "item"), columnIndex(block, about, "value")];
  if (itemAt < 0 || valueAt < 0) return undefined;
  const wanted = [item.en, item.zh].map((label) => label.toLowerCase());
  const row = block.rows.find((cells) =>
    wanted.includes(
      String(cells[itemAt] ?? "")
        .trim()
        .toLowerCase(),
    ),
  );
  return row?.[valueAt];
}

const TEMPLATE_VERSION_ITEM: Bilingual = { en: "Template version", zh: "模板版本" };

/** A date-time serial in UTC as the same moment in this machine's local time. */
function utcToLocalSerial(serial: number): number {
  const offsetMinutes = new Date(Math.round((serial - 25569) * 86_400_000)).getTimezoneOffset();
  return serial - offsetMinutes / 1440;
}

/**
 * Reads a workbook made from the template (any version, either language) from its package's
 * parts. Throws SubmissionError when the file has no Register to read, or one without the Goal or
 * Name column a row needs.
 */
export function readSubmission(parts: ReadonlyMap<string, string>, file: string): Submission {
  const book = readWorkbook(parts);
  const refuse = (problem: SubmissionProblem, said: Bilingual) => new SubmissionError(problem, said, file);
  const register = book.table(tableSpec("register").name);
  if (!register) throw refuse("noRegister", SUBMISSION_MESSAGES.noRegister);
  if (register.headerRowCount === 0) throw refuse("noHeaderRow", SUBMISSION_MESSAGES.noHeaderRow);
  const block = tableCells(book, register);
  if (!block) throw refuse("damaged", SUBMISSION_MESSAGES.damaged);

  const columns = ledgerColumnsOf(block.headers, (field) => REGISTER_HEADERS[field]);
  const missing = (["goal", "name"] as const).filter((field) => columns[field] < 0);
  if (missing.length > 0)
    throw refuse("missingColumns", missingColumnsMessage(missing.map((field) => REGISTER_HEADERS[field])));

  const rows = block.rows
    .filter((cells) => !cells.every(isBlank))
    .map((cells) => ledgerRowOf(cells, columns));
  const unit = aboutValue(book, ABOUT_REPORTING_UNIT) ?? book.valueOfName(NAMES.reportingUnit);
  const asOf = book.valueOfName(NAMES.asOf);
  const utc = book.modified === undefined ? undefined : isoDateTimeToSerial(book.modified);
  // The file says when in UTC; the Merges sheet, like every time the add-in writes, in local time.
  const modified = utc === undefined ? undefined : utcToLocalSerial(utc);
  return {
    file,
    language: languageOfRegister({ headers: block.headers, rows: [] }),
    version: numberOf(book.valueOfName(NAMES.version)) ?? numberOf(aboutValue(book, TEMPLATE_VERSION_ITEM)),
    reportingUnit: isBlank(unit ?? null) ? "" : String(unit).trim(),
    asOf: typeof asOf === "number" && Number.isFinite(asOf) ? asOf : undefined,
    savedAt: modified,
    rows,
  };
}
