/**
 * The tracking workbook as an .xlsx file, written from the template description without Excel:
 * the same sheets, tables, headers, seed rows, formulas, formats, validation and names the add-in
 * creates, so the add-in (and Excel, and LibreOffice) take the file for one of its own workbooks.
 *
 * The Register's entries are not cells here: write-workbook.ts puts them in the file (see
 * register-sheet.ts); this workbook holds the Register's header, one blank row and the rules for
 * the rows to come.
 *
 * exceljs writes no charts: write-workbook.ts adds the Dashboard's chart to the package
 * (chart-part.ts). Forecast and Forecast date keep their custom-function formulas; they
 * compute only where the add-in is loaded, as About says.
 */
import ExcelJS from "exceljs";
import { evidenceLinkFormula } from "../core/evidence-link";
import type { Language } from "../core/language";
import { STATUS_LABELS, type StatusId } from "../core/progress";
import { STATUS_RULE_LABELS, type StatusRuleId } from "../core/status-rules";
import { cellAddress, columnLetters } from "../core/template/cell-text";
import { columnFormula } from "../core/template/formulas";
import {
  hasTitleRow,
  type PageSetup,
  pageSetup,
  printsSheet,
  TITLE_ROW,
  titleFormula,
} from "../core/template/page-setup";
import type {
  Cell,
  ColumnSpec,
  DataBarBounds,
  SheetSpec,
  TableId,
  TableSpec,
  Validation,
} from "../core/template/structure";
import {
  ABOUT_AS_OF_ROW,
  ABOUT_STATUS_RULE,
  aboutReportingUnitRow,
  DATE_FORMAT,
  frozenRows,
  headers,
  LIST_IDS,
  NAMES,
  SHEETS,
  tableSpec,
  TEMPLATE_VERSION,
  STATUS_COLOURS,
} from "../core/template/template";
import { vocabulary } from "../core/template/vocabulary";
import { escapeOoxmlText } from "./ooxml-text";
import { SHEET_ROWS } from "./register-sheet";

export interface WorkbookOptions {
  readonly language: Language;
  /** A fixed as-of date (serial day); without it the as-of cell is =TODAY(). */
  readonly asOf?: number;
  /** How many entries the file's Register will hold: its rules cover them and the spare rows. */
  readonly registerRows?: number;
  /** The status rule About names; the template's default when left out. */
  readonly statusRule?: StatusRuleId;
  /** Who reports (About's Reporting unit row); blank when left out. */
  readonly reportingUnit?: string;
  /** How many rows other tables will hold (a merge's Changes, Merges, Conflicts, Recorded): their rules cover them. */
  readonly tableRows?: Partial<Record<TableId, number>>;
}

/** Empty rows below the register's entries that still get the Register's validation rules. */
export const SPARE_REGISTER_ROWS = 1000;

/** Excel's default data bar colour. */
const DATA_BAR_COLOUR = "FF638EC6";

type FileCell = string | number | boolean | null | { formula: string };

interface DefinedName {
  readonly name: string;
  /** The name's formula as stored in the file (no leading =). */
  readonly formula: string;
}

/** What exceljs's data validation model accepts (its typings lack the worksheet property and "any"). */
interface ValidationModel {
  type: "list" | "date" | "custom" | "any";
  formulae?: unknown[];
  allowBlank?: boolean;
  operator?: "between";
  showErrorMessage?: boolean;
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
}

export function buildWorkbook(options: WorkbookOptions): ExcelJS.Workbook {
  const { language } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Shanghai Online Economy Tracker";
  // Excel computes every formula on opening (the file carries no cached results).
  workbook.calcProperties.fullCalcOnLoad = true;

  const sheetNames = new Map<string, string>();
  for (const sheet of SHEETS) {
    const name = sheet.name[language];
    sheetNames.set(sheet.id, name);
    const frozen = frozenRows(sheet);
    const below = `A${frozen + 1}`;
    const worksheet = workbook.addWorksheet(name, {
      state: sheet.hidden ? "hidden" : "visible",
      views:
        frozen > 0
          ? [{ state: "frozen", xSplit: 0, ySplit: frozen, topLeftCell: below, activeCell: below }]
          : [],
    });
    if (printsSheet(sheet)) printAs(worksheet, sheet, pageSetup(sheet, language), language);
    // Conditional format priorities are unique within a sheet.
    const priority = { next: 1 };
    for (const id of sheet.tables) writeTable(worksheet, tableSpec(id), options, priority);
  }
  setDefinedNames(workbook, definedNames(language, sheetNames));
  return workbook;
}

/** The page setup (exceljs writes fitToPage only when asked: without it Excel ignores the fit) and the title row. */
function printAs(worksheet: ExcelJS.Worksheet, sheet: SheetSpec, setup: PageSetup, language: Language): void {
  worksheet.pageSetup = {
    ...worksheet.pageSetup,
    orientation: setup.orientation,
    paperSize: PAPER_SIZES[setup.paper],
    fitToPage: true,
    fitToWidth: setup.fitWide,
    fitToHeight: setup.fitTall,
    printTitlesRow: `${setup.titleRows.first}:${setup.titleRows.last}`,
    margins: setup.margins,
  };
  worksheet.headerFooter = {
    ...worksheet.headerFooter,
    oddHeader: `&C${setup.header.center}`,
    oddFooter: `&L${setup.footer.left}&R${setup.footer.right}`,
  };
  if (hasTitleRow(sheet)) {
    const cell = worksheet.getCell(TITLE_ROW + 1, tableSpec(sheet.tables[0]).anchor.column + 1);
    cell.value = { formula: titleFormula(sheet, language).replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    cell.font = { bold: true };
  }
}

/** The file format's paper size codes (ECMA-376 Part 1, 18.3.1.64 pageSetup: 9 is A4). */
const PAPER_SIZES: Readonly<Record<PageSetup["paper"], ExcelJS.PaperSize>> = { A4: 9 as ExcelJS.PaperSize };

function bodyRows(spec: TableSpec, options: WorkbookOptions): { rows: Cell[][]; seeded: number } {
  if (spec.id === "register") return { rows: [], seeded: 0 };
  const rows = spec.seedRows?.(options.language) ?? [];
  return { rows, seeded: rows.length };
}

/** A cell's value as the file stores it: text escaped where Excel would decode it (ooxml-text.ts). */
function fileValue(value: FileCell): FileCell {
  return typeof value === "string" ? escapeOoxmlText(value) : value;
}

function writeTable(
  sheet: ExcelJS.Worksheet,
  spec: TableSpec,
  options: WorkbookOptions,
  priority: { next: number },
): void {
  const { language } = options;
  const { rows, seeded } = bodyRows(spec, options);
  const formulas = spec.columns.map((column) =>
    column.role === "formula" ? columnFormula(spec, column, language).replace(/^=/, "") : undefined,
  );
  const cells: FileCell[][] = rows.map((row, r) =>
    spec.columns.map((_, c) => {
      const formula = formulas[c];
      if (formula !== undefined && r < seeded) return { formula };
      return fileValue(row[c] ?? null);
    }),
  );
  // A table always has at least one data row, blank when there is nothing to write (as in Excel).
  if (cells.length === 0) cells.push(spec.columns.map(() => null));
  if (spec.id === "about" && options.asOf === undefined) cells[ABOUT_AS_OF_ROW][1] = { formula: "TODAY()" };
  if (spec.id === "about" && options.asOf !== undefined) cells[ABOUT_AS_OF_ROW][1] = options.asOf;
  if (spec.id === "about" && options.statusRule !== undefined)
    cells[rows.findIndex((row) => row[0] === ABOUT_STATUS_RULE[language])][1] = fileValue(
      STATUS_RULE_LABELS[options.statusRule][language],
    );
  if (spec.id === "about" && options.reportingUnit !== undefined)
    cells[aboutReportingUnitRow(language)][1] = fileValue(options.reportingUnit);

  const { row: top, column: left } = spec.anchor;
  sheet.addTable({
    name: spec.name,
    displayName: spec.name,
    ref: cellAddress(top, left),
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers(spec, language).map((name) => ({ name: escapeOoxmlText(name), filterButton: true })),
    rows: cells,
  });

  const firstBodyRow = top + 2; // 1-based row of the first data row
  const lastBodyRow = top + 1 + cells.length;
  // The Register keeps its rules on its entries and on the rows people will add below them.
  const lastRuleRow =
    spec.id === "register"
      ? Math.min(SHEET_ROWS, top + 1 + Math.max(1, options.registerRows ?? 0) + SPARE_REGISTER_ROWS)
      : Math.max(lastBodyRow, Math.min(SHEET_ROWS, top + 1 + (options.tableRows?.[spec.id] ?? 0)));
  spec.columns.forEach((column, index) => {
    const letters = columnLetters(left + index);
    // exceljs leaves out columns exactly as wide as its default (9), which Excel would show at 8.43.
    sheet.getColumn(left + index + 1).width = column.width === 9 ? 9.0001 : column.width;
    if (column.numberFormat) {
      for (let row = firstBodyRow; row <= lastBodyRow; row++)
        sheet.getCell(row, left + index + 1).numFmt = column.numberFormat;
    }
    if (column.align === "center")
      for (let row = firstBodyRow; row <= lastBodyRow; row++)
        sheet.getCell(row, left + index + 1).alignment = { horizontal: "center" };
    const range = `${letters}${firstBodyRow}:${letters}${lastRuleRow}`;
    const rule = validationRule(column, language, `${letters}${firstBodyRow}`);
    if (rule) dataValidations(sheet).add(range, rule);
    const conditional = spec.conditionalFormats?.find((c) => c.column === column.id);
    if (conditional && seeded > 0) {
      const bodyRange = `${letters}${firstBodyRow}:${letters}${lastBodyRow}`;
      sheet.addConditionalFormatting({
        ref: bodyRange,
        rules:
          conditional.kind === "dataBar"
            ? [dataBarRule(priority.next++, conditional.bounds)]
            : statusRules(language, `${letters}${firstBodyRow}`, priority),
      });
    }
  });
  if (spec.id === "about") {
    sheet.getCell(top + 2 + ABOUT_AS_OF_ROW, left + 2).numFmt = DATE_FORMAT;
  }
}

function dataValidations(sheet: ExcelJS.Worksheet): { add(address: string, rule: ValidationModel): void } {
  return (sheet as unknown as { dataValidations: { add(address: string, rule: ValidationModel): void } })
    .dataValidations;
}

/** A validation rule as the add-in sets it (blanks allowed, a stop alert, the column's note as prompt). */
function validationRule(column: ColumnSpec, language: Language, firstCell: string): ValidationModel | null {
  const prompt: Partial<ValidationModel> = column.note
    ? { showInputMessage: true, promptTitle: column.header[language], prompt: column.note[language] }
    : {};
  if (!column.validation) return column.note ? { type: "any", ...prompt } : null;
  return { ...ruleOf(column.validation, firstCell), allowBlank: true, showErrorMessage: true, ...prompt };
}

function ruleOf(validation: Validation, firstCell: string): ValidationModel {
  switch (validation.kind) {
    case "list":
      return { type: "list", formulae: [NAMES.list(validation.list)] };
    case "date":
      return {
        type: "date",
        operator: "between",
        formulae: [utcDate(validation.min), utcDate(validation.max)],
      };
    case "url":
      return {
        type: "custom",
        formulae: [evidenceLinkFormula(firstCell)],
      };
  }
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function dataBarRule(priority: number, bounds: DataBarBounds): ExcelJS.ConditionalFormattingRule {
  // Excel's default data bar, written in its 2010 form (exceljs's typings lack the colour), with
  // fixed ends, so a goal at 15% fills 15% of the cell.
  return {
    type: "dataBar",
    priority,
    cfvo: [
      { type: "num", value: bounds.min },
      { type: "num", value: bounds.max },
    ],
    color: { argb: DATA_BAR_COLOUR },
  } as ExcelJS.ConditionalFormattingRule;
}

/**
 * The add-in's "contains text" status colours. exceljs writes a containsText rule without its
 * text, which LibreOffice reads as containing "" (every cell matches the first colour); the same
 * test written as a formula rule reads the same everywhere.
 */
function statusRules(
  language: Language,
  firstCell: string,
  priority: { next: number },
): ExcelJS.ConditionalFormattingRule[] {
  return (Object.keys(STATUS_COLOURS) as StatusId[]).map((id): ExcelJS.ConditionalFormattingRule => ({
    type: "expression",
    priority: priority.next++,
    formulae: [`NOT(ISERROR(SEARCH("${STATUS_LABELS[id][language].replace(/"/g, '""')}",${firstCell})))`],
    style: {
      font: { color: { argb: `FF${STATUS_COLOURS[id].font}` } },
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${STATUS_COLOURS[id].fill}` } },
    },
  }));
}

function quoted(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'`;
}

/** The names the add-in defines: its marker and language, the as-of cell and the drop-down lists. */
export function definedNames(language: Language, sheetNames: ReadonlyMap<string, string>): DefinedName[] {
  const about = tableSpec("about");
  const lists = tableSpec("lists");
  const words = vocabulary(language);
  const asOfRow = about.anchor.row + 2 + ABOUT_AS_OF_ROW;
  const asOfColumn = columnLetters(about.anchor.column + 1);
  return [
    { name: NAMES.version, formula: String(TEMPLATE_VERSION) },
    { name: NAMES.language, formula: `"${language}"` },
    { name: NAMES.asOf, formula: `${quoted(sheetNames.get("about")!)}!$${asOfColumn}$${asOfRow}` },
    {
      name: NAMES.reportingUnit,
      formula: `${quoted(sheetNames.get("about")!)}!$${asOfColumn}$${about.anchor.row + 2 + aboutReportingUnitRow(language)}`,
    },
    ...LIST_IDS.map((list, index) => {
      const letters = columnLetters(lists.anchor.column + index);
      const first = lists.anchor.row + 2;
      const last = lists.anchor.row + 1 + words[list].length;
      return {
        name: NAMES.list(list),
        formula: `${quoted(sheetNames.get("lists")!)}!$${letters}$${first}:$${letters}$${last}`,
      };
    }),
  ];
}

/**
 * exceljs keeps only cell-range names; constants (the version and language markers) would be
 * dropped. The workbook's names are therefore given to its writer as they are to be stored.
 */
function setDefinedNames(workbook: ExcelJS.Workbook, names: readonly DefinedName[]): void {
  Object.defineProperty(workbook.definedNames, "model", {
    configurable: true,
    get: () => names.map((n) => ({ name: n.name, ranges: [n.formula] })),
    set() {
      // The names are fixed when the workbook is built; nothing replaces them.
    },
  });
}

/** Reads an .xlsx file (ours or any other) with exceljs. */
export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}
