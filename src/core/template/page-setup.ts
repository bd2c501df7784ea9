/**
 * How each sheet of the tracking workbook prints: A4 landscape, one page wide, the rows from the
 * top down to the header row repeated on every page, the plan's name in the page header and the
 * sheet's name with "page N of M" in the footer. The as-of date cannot be in a page header (a
 * header cannot show a cell), so row 1 of every sheet holds a title formula that names it, and it
 * is one of the repeated rows. Pure: the add-in (src/excel/page-layout.ts) and the file writer
 * (src/cli/workbook-file.ts) both apply it.
 */
import type { Language } from "../language";
import { PLAN } from "../plan";
import type { SheetSpec, TableSpec } from "./structure";
import { NAMES, tableSpec } from "./template";

/** Margins in inches: narrower at the sides than Excel's default (0.7) to leave the columns room. */
export interface Margins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

export interface PageSetup {
  readonly orientation: "landscape";
  readonly paper: "A4";
  /** Shrunk to this many pages wide and tall; 0 tall: as many pages down as the rows take. */
  readonly fitWide: 1;
  readonly fitTall: 0 | 1;
  /** Rows repeated at the top of every page, 1-based: the title row through the header row. */
  readonly titleRows: { readonly first: number; readonly last: number };
  readonly margins: Margins;
  /** Page header and footer sections, in Excel's header codes (&A sheet, &P page, &N pages). */
  readonly header: { readonly center: string };
  readonly footer: { readonly left: string; readonly right: string };
}

/** The title row: the row above every sheet's first table (0-based). */
export const TITLE_ROW = 0;

export const PAGE_MARGINS: Margins = {
  left: 0.4,
  right: 0.4,
  top: 0.75,
  bottom: 0.75,
  header: 0.3,
  footer: 0.3,
};

/** A4 landscape is 297 mm wide. */
const A4_LANDSCAPE_WIDTH_INCHES = 297 / 25.4;
/**
 * The smallest scale the template's widest sheet (the Register) may be printed at, one page wide:
 * since version 7 it has the credit code and provenance columns, about 6 points for 11.
 */
export const READABLE_SCALE = 0.55;

/** "&" stands for itself in a header only doubled; everything else here is plain text. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

const PAGE_NUMBERS: Readonly<Record<Language, string>> = {
  en: "Page &P of &N",
  zh: "第 &P 页，共 &N 页",
};

/**
 * The sheet's page setup. `headerRow` is the 0-based row of its first table's header where the
 * workbook has it (an earlier version's tables start on row 1, with no title row above them).
 */
export function pageSetup(sheet: SheetSpec, language: Language, headerRow?: number): PageSetup {
  const last = (headerRow ?? firstTable(sheet).anchor.row) + 1;
  return {
    orientation: "landscape",
    paper: "A4",
    fitWide: 1,
    // The Dashboard is one page: its goals, its timeline and its chart.
    // The dashboard (a chart beside its tables) and the evaluation are one page each.
    fitTall: sheet.id === "dashboard" || sheet.id === "evaluation" ? 1 : 0,
    titleRows: { first: 1, last },
    margins: PAGE_MARGINS,
    header: { center: headerText(PLAN.name[language]) },
    footer: { left: "&A", right: PAGE_NUMBERS[language] },
  };
}

/** The sheets that print: every visible one. */
export function printsSheet(sheet: SheetSpec): boolean {
  return !sheet.hidden;
}

function firstTable(sheet: SheetSpec): TableSpec {
  return tableSpec(sheet.tables[0]);
}

/** Whether the sheet's first table leaves the title row above its header. */
export function hasTitleRow(sheet: SheetSpec, headerRow: number = firstTable(sheet).anchor.row): boolean {
  return headerRow > TITLE_ROW;
}

/**
 * The title row's formula: the sheet's name and the as-of date, written out with YEAR, MONTH and
 * DAY rather than TEXT, whose format codes differ between the languages of Excel and LibreOffice.
 */
export function titleFormula(sheet: SheetSpec, language: Language): string {
  const asOf = NAMES.asOf;
  const name = sheet.name[language].replace(/"/g, '""');
  if (language === "zh") return `="${name}（截至"&YEAR(${asOf})&"年"&MONTH(${asOf})&"月"&DAY(${asOf})&"日）"`;
  const twoDigits = (part: string) => `RIGHT("0"&${part}(${asOf}),2)`;
  return `="${name} — as of "&YEAR(${asOf})&"-"&${twoDigits("MONTH")}&"-"&${twoDigits("DAY")}`;
}

/**
 * Width in points of a column `characters` wide in the default font (Calibri 11: 7 pixels a
 * character and 5 of padding, at 96 pixels an inch), as Excel sizes it.
 */
export function columnPoints(characters: number): number {
  return (Math.trunc(characters * 7 + 5) * 72) / 96;
}

/** The width a page has for cells, in points. */
export function printableWidthPoints(margins: Margins = PAGE_MARGINS): number {
  return (A4_LANDSCAPE_WIDTH_INCHES - margins.left - margins.right) * 72;
}

/** The scale a table prints at, shrunk to one page wide (1 when it fits as it is). */
export function oneWideScale(table: TableSpec, margins: Margins = PAGE_MARGINS): number {
  const width = table.columns.reduce((sum, column) => sum + columnPoints(column.width), 0);
  return Math.min(1, printableWidthPoints(margins) / width);
}
