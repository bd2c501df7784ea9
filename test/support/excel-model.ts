/**
 * The state behind the Excel double: sheets, cells, tables, names and charts, with the rules Excel
 * applies when they change. The API objects the add-in calls (excel-double.ts) queue operations
 * that run against this model at context.sync(); tests read and arrange the model directly.
 *
 * Each rule names the page or issue it follows. Where Excel's behaviour is not documented, the
 * model refuses the case, so no code of ours can rely on either outcome.
 */
import { cellAddress } from "../../src/core/template/cell-text";
import { checkFormula, formulaReferences } from "./excel-formula-check";

export type CellValue = string | number | boolean;

export interface CellState {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
}

/**
 * Excel's error (OfficeExtension.Error): a code from Excel.ErrorCodes and a debugInfo naming the
 * statement that failed (learn.microsoft.com/javascript/api/office/officeextension.error and
 * officeextension.debuginfo; codes: learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
 */
export class ExcelError extends Error {
  debugInfo: {
    code: string;
    message: string;
    errorLocation?: string;
    statement?: string;
    surroundingStatements?: string[];
  };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

export const invalidArgument = (message: string) => new ExcelError("InvalidArgument", message);
export const itemNotFound = (message: string) => new ExcelError("ItemNotFound", message);
export const itemAlreadyExists = (message: string) => new ExcelError("ItemAlreadyExists", message);
export const invalidOperation = (message: string) => new ExcelError("InvalidOperation", message);

/** A block of cells on one sheet. */
export interface Area {
  readonly sheet: FakeWorksheet;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export function areaAddress(area: Area): string {
  const first = cellAddress(area.row, area.column);
  const last = cellAddress(area.row + area.rows - 1, area.column + area.columns - 1);
  return `${quoteSheet(area.sheet.rawName)}!${first === last ? first : `${first}:${last}`}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function absolute(row: number, column: number): string {
  return cellAddress(row, column).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}

/** The formula of a defined name for an area: ='Sheet'!$A$2:$A$7, as Excel writes it. */
export function areaFormula(area: Area): string {
  const first = absolute(area.row, area.column);
  const last = absolute(area.row + area.rows - 1, area.column + area.columns - 1);
  return `='${area.sheet.rawName.replace(/'/g, "''")}'!${first}${first === last ? "" : `:${last}`}`;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The area of an A1 address on `sheet` ("B2" or "A1:C3", either with $). */
export function areaAt(sheet: FakeWorksheet, address: string): Area {
  // Whole rows ("1:1", "$2:$5"): every column of the sheet.
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
  if (rows) {
    const [first, last] = [Number(rows[1]) - 1, Number(rows[2]) - 1];
    if (first < 0 || last < first || last >= SHEET_ROWS)
      throw invalidArgument(`'${address}' is not a row range`);
    return { sheet, row: first, column: 0, rows: last - first + 1, columns: SHEET_COLUMNS };
  }
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address);
  if (!match) throw invalidArgument(`'${address}' is not an address on one sheet`);
  const column = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(match[2]) - 1;
  const first = column(match[1]);
  const lastRow = match[4] ? Number(match[4]) - 1 : row;
  const last = match[3] ? column(match[3]) : first;
  return { sheet, row, column: first, rows: lastRow - row + 1, columns: last - first + 1 };
}

// ---- Names ----------------------------------------------------------------------------------

/** Excel specifications and limits (support.microsoft.com, "Excel specifications and limits"). */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;
export const MAX_CELL_CHARACTERS = 32_767;
export const MAX_FORMULA_CHARACTERS = 8_192;

/**
 * Sheet names (support.microsoft.com, "Rename a worksheet"): not blank, at most 31 characters,
 * none of : \ / ? * [ ], not starting or ending with an apostrophe, and not "History", which Excel
 * reserves for its change tracking.
 */
export function checkSheetName(name: string): void {
  const problem =
    typeof name !== "string" || name.trim() === ""
      ? "is blank"
      : name.length > 31
        ? "is longer than 31 characters"
        : /[:\\/?*[\]]/.test(name)
          ? "contains one of : \\ / ? * [ ]"
          : name.startsWith("'") || name.endsWith("'")
            ? "starts or ends with an apostrophe"
            : sameName(name, "History")
              ? 'is "History", which Excel reserves'
              : undefined;
  if (problem) throw invalidArgument(`The sheet name '${name}' ${problem}.`);
}

/**
 * Defined names and table names (support.microsoft.com, "Names in formulas": "Syntax rules for
 * names"): a letter, underscore or backslash first; then letters, digits, periods and underscores;
 * no spaces; not a cell reference (A1, R1C1, R, C); at most 255 characters.
 */
export function checkDefinedName(name: string, what: "name" | "table name"): void {
  const looksLikeCell =
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr](\d*)?[Cc]?(\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
  if (
    typeof name !== "string" ||
    name.length === 0 ||
    name.length > 255 ||
    !/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) ||
    looksLikeCell
  ) {
    throw invalidArgument(`'${name}' is not a valid ${what}.`);
  }
}

// ---- Typing into a cell ---------------------------------------------------------------------

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function dateSerial(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.round((ms - EPOCH) / DAY_MS);
}

/** Excel keeps 15 significant digits ("Excel specifications and limits": number precision). */
function fifteenDigits(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * What Excel makes of text typed into a General cell (Range.values remarks in the office-js
 * typings: a string is interpreted as typed input; "If the returned value starts with a plus,
 * minus, or equal sign, Excel interprets this value as a formula"). The double converts every form
 * it is unsure of: numbers (with thousands separators and exponents, to 15 significant digits),
 * percentages, dates in ISO, slash, dash, month-name and Chinese forms, TRUE and FALSE.
 */
export function typedInput(text: string): { value: CellValue; numberFormat?: string } {
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: /^true$/i.test(trimmed) };
  const number = /^[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  if (number.test(trimmed)) return { value: fifteenDigits(Number(trimmed.replace(/,/g, ""))) };
  const percent = /^([+-]?(\d+(\.\d*)?|\.\d+))\s*%$/.exec(trimmed);
  if (percent) return { value: fifteenDigits(Number(percent[1]) / 100), numberFormat: "0%" };
  let serial: number | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(trimmed)))
    serial = dateSerial(+match[1], +match[2], +match[3]);
  else if ((match = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(trimmed)))
    serial = dateSerial(+match[1], +match[2], +match[3]);
  else if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(trimmed))) {
    const year = match[3].length === 2 ? 2000 + +match[3] : +match[3];
    serial = dateSerial(year, +match[1], +match[2]);
  } else if ((match = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4})$/.exec(trimmed))) {
    const month = MONTHS.indexOf(match[2].toLowerCase()) + 1;
    if (month > 0) serial = dateSerial(+match[3], month, +match[1]);
  }
  if (serial !== undefined) return { value: serial, numberFormat: "yyyy-mm-dd" };
  return { value: text };
}

// ---- Model ----------------------------------------------------------------------------------

export interface ValidationState {
  row: number;
  column: number;
  rows: number;
  rule: unknown;
}

/**
 * A sheet's print settings (Excel.PageLayout, ExcelApi 1.9), starting as a new sheet of Excel's
 * has them: portrait, Letter, 100%, the Normal margins (0.7" sides, 0.75" top and bottom, 0.3"
 * header and footer, in points), no print titles, empty header and footer.
 */
export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  /** Rows repeated at the top of each page, 1-based first and last; null for none. */
  printTitleRows: { first: number; last: number } | null;
  /** headersFooters.defaultForAllPages: leftHeader, centerHeader, ... rightFooter. */
  headerFooter: Record<string, string>;
}

/**
 * A new sheet's page layout in the double. Excel's own starting values depend on the locale and the
 * printer (Letter in the US, A4 elsewhere; no page documents them): these are the US ones, and tests
 * only compare a sheet with this starting state ("left as it was"), never with Excel's values.
 */
export function newPageLayout(): PageLayoutState {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    printTitleRows: null,
    headerFooter: {},
  };
}

export class FakeWorksheet {
  readonly cells = new Map<string, CellState>();
  readonly pageLayout: PageLayoutState = newPageLayout();
  readonly columnWidths = new Map<number, number>();
  readonly validations: ValidationState[] = [];
  readonly conditionalFormats: {
    row: number;
    column: number;
    rows: number;
    type: string;
    settings: unknown;
  }[] = [];
  readonly prompts: { row: number; column: number; rows: number; prompt: unknown }[] = [];
  /** Formatting set through range.format (font, fill, alignment), by cell block, in order. */
  readonly formats: { address: string; property: string; value: unknown }[] = [];
  readonly charts: { all: FakeChart[] } = { all: [] };
  frozenRows = 0;
  protected = false;
  rawVisibility = "Visible";

  constructor(
    readonly workbook: FakeWorkbook,
    public rawName: string,
  ) {}

  getCell(row: number, column: number): CellState | undefined {
    return this.cells.get(`${row},${column}`);
  }

  setCell(row: number, column: number, state: CellState | undefined): void {
    if (state === undefined) this.cells.delete(`${row},${column}`);
    else this.cells.set(`${row},${column}`, state);
  }

  /** Values of a block, for test assertions. */
  read(row: number, column: number, rowCount: number, columnCount: number): CellValue[][] {
    return Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: columnCount }, (_, c) => this.getCell(row + r, column + c)?.value ?? ""),
    );
  }

  /** Test access: removes the sheet and its tables at once. */
  delete(): void {
    this.workbook.removeSheet(this);
  }

  tableAt(row: number, column: number): FakeTable | undefined {
    return this.workbook.allTables.find(
      (t) =>
        t.sheet === this &&
        row >= t.headerRow &&
        row <= t.headerRow + t.rowCountRaw &&
        column >= t.column &&
        column < t.column + t.columnCountRaw,
    );
  }

  /**
   * Writes one cell as Excel does when a value or formula is set through the API, at `row`,
   * `column` (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values: null
   * leaves the cell as it is, "" clears its content and keeps its format).
   */
  writeCell(row: number, column: number, item: unknown): void {
    if (item === null || item === undefined) return;
    const previous = this.getCell(row, column);
    const numberFormat = previous?.numberFormat;
    const keep = (state: CellState) =>
      this.setCell(row, column, numberFormat ? { ...state, numberFormat } : state);
    if (item === "") {
      this.setCell(row, column, numberFormat ? { value: "", numberFormat } : undefined);
      return;
    }
    if (typeof item === "number") {
      if (!Number.isFinite(item)) throw invalidArgument(`${item} cannot be written to a cell`);
      keep({ value: item });
      return;
    }
    if (typeof item === "boolean") {
      keep({ value: item });
      return;
    }
    if (typeof item !== "string")
      throw invalidArgument(`${JSON.stringify(item)} cannot be written to a cell`);
    if (item.length > MAX_CELL_CHARACTERS)
      throw invalidArgument(
        `A cell holds at most ${MAX_CELL_CHARACTERS} characters; this text has ${item.length} (Excel specifications and limits)`,
      );
    // A leading apostrophe marks typed input as text and is not part of the value; reading
    // values or formulas back gives the text without it (office-js issue 6687).
    if (item.startsWith("'")) {
      keep({ value: item.slice(1) });
      return;
    }
    // A cell formatted as text keeps typed input as text, formulas included.
    if (numberFormat === "@") {
      keep({ value: item });
      return;
    }
    const formula = item.startsWith("=")
      ? item
      : /^[+-]/.test(item) && typeof typedInput(item).value !== "number"
        ? `=${item}`
        : undefined;
    if (formula !== undefined) {
      if (formula.length > MAX_FORMULA_CHARACTERS)
        throw invalidArgument(`A formula holds at most ${MAX_FORMULA_CHARACTERS} characters`);
      checkFormula(formula, { workbook: this.workbook, sheet: this, row, column });
      keep({ value: "", formula });
      return;
    }
    if (item.startsWith("@"))
      throw invalidArgument(
        `Text starting with "@" (${JSON.stringify(item.slice(0, 20))}) may be read as a formula: the double refuses it`,
      );
    const typed = typedInput(item);
    const format = numberFormat ?? typed.numberFormat;
    this.setCell(row, column, format ? { value: typed.value, numberFormat: format } : { value: typed.value });
  }
}

export class FakeTable {
  readonly changeHandlers: (() => Promise<unknown> | void)[] = [];
  /** Calculated columns: the formula each column index fills its rows with. */
  readonly calculated = new Map<number, string>();
  addCalls = 0;
  showTotals = false;
  style = "";

  constructor(
    readonly sheet: FakeWorksheet,
    public headerRow: number,
    readonly column: number,
    public columnCountRaw: number,
    public rowCountRaw: number,
    public rawName: string,
  ) {}

  /** Test access: header names and the data rows' values. */
  headers(): string[] {
    return this.sheet.read(this.headerRow, this.column, 1, this.columnCountRaw)[0].map(String);
  }
  dataValues(): CellValue[][] {
    return this.sheet.read(this.headerRow + 1, this.column, this.rowCountRaw, this.columnCountRaw);
  }
  dataFormulas(): (string | undefined)[][] {
    return Array.from({ length: this.rowCountRaw }, (_, r) =>
      Array.from(
        { length: this.columnCountRaw },
        (_, c) => this.sheet.getCell(this.headerRow + 1 + r, this.column + c)?.formula,
      ),
    );
  }
  /** Test access: a column a person adds at the table's right, its body blank. */
  addColumn(header: string): void {
    this.sheet.setCell(this.headerRow, this.column + this.columnCountRaw, { value: header });
    this.columnCountRaw++;
  }
  columnIndex(name: string): number {
    return this.headers().findIndex((header) => sameName(header, name));
  }
  /** The cells and tables beside the table (after its last row or column): Excel would move them. */
  private somethingAfter(direction: "below" | "right"): string | undefined {
    const [firstRow, lastRow] = [this.headerRow, this.headerRow + this.rowCountRaw];
    const [firstColumn, lastColumn] = [this.column, this.column + this.columnCountRaw - 1];
    const after = (row: number, column: number) =>
      direction === "below"
        ? row > lastRow && column >= firstColumn && column <= lastColumn
        : column > lastColumn && row >= firstRow && row <= lastRow;
    for (const key of this.sheet.cells.keys()) {
      const [row, column] = key.split(",").map(Number);
      if (after(row, column)) return `the cell ${cellAddress(row, column)}`;
    }
    const table = this.sheet.workbook.allTables.find(
      (t) =>
        t !== this &&
        t.sheet === this.sheet &&
        (direction === "below"
          ? t.headerRow > lastRow && t.column <= lastColumn && t.column + t.columnCountRaw - 1 >= firstColumn
          : t.column > lastColumn && t.headerRow <= lastRow && t.headerRow + t.rowCountRaw >= firstRow),
    );
    return table ? `table '${table.rawName}'` : undefined;
  }

  private checkNothingAfter(direction: "below" | "right", what: string): void {
    if (this.showTotals)
      throw invalidOperation(`${what} in a table with a totals row: the double does not model it`);
    const found = this.somethingAfter(direction);
    // Whether Excel moves what lies there or refuses is not documented: the double refuses.
    if (found)
      throw invalidOperation(
        `${what} would move ${found}, ${direction} '${this.rawName}': the double refuses it`,
      );
  }

  /**
   * A blank column at `index`, the table's columns from there moving right
   * (TableColumnCollection.add: "Columns with a higher index will be shifted to the side").
   */
  insertColumn(index: number, header: string): void {
    this.checkNothingAfter("right", `Adding a column to '${this.rawName}'`);
    const rows = this.rowCountRaw + 1;
    const area = { sheet: this.sheet, row: this.headerRow, column: this.column + index, rows };
    moveCells({ ...area, columns: this.columnCountRaw - index }, { rows: 0, columns: 1 });
    this.sheet.setCell(this.headerRow, this.column + index, { value: header });
    this.columnCountRaw++;
    this.renumberCalculated((c) => (c >= index ? c + 1 : c));
    this.sheet.workbook.markChanged(this.sheet, this.headerRow, rows);
  }

  /** Deletes data row `index`, the rows below it moving up (TableRow.delete). */
  deleteRow(index: number): void {
    if (this.rowCountRaw === 1)
      throw invalidOperation(`Deleting the only row of '${this.rawName}': the double does not model it`);
    this.checkNothingAfter("below", `Deleting a row of '${this.rawName}'`);
    const row = this.headerRow + 1 + index;
    const columns = { sheet: this.sheet, column: this.column, columns: this.columnCountRaw };
    moveCells(
      { ...columns, row: row + 1, rows: this.rowCountRaw - index - 1 },
      { rows: -1, columns: 0 },
      { ...columns, row, rows: 1 },
    );
    this.rowCountRaw--;
    this.sheet.workbook.markChanged(this.sheet, row, 1);
  }

  /** Test access: deletes column `index`, as a table an earlier version made lacked it. */
  deleteColumn(index: number): void {
    this.checkNothingAfter("right", `Deleting a column of '${this.rawName}'`);
    const rows = { sheet: this.sheet, row: this.headerRow, rows: this.rowCountRaw + 1 };
    moveCells(
      { ...rows, column: this.column + index + 1, columns: this.columnCountRaw - index - 1 },
      { rows: 0, columns: -1 },
      { ...rows, column: this.column + index, columns: 1 },
    );
    this.columnCountRaw--;
    this.calculated.delete(index);
    this.renumberCalculated((c) => (c > index ? c - 1 : c));
  }

  private renumberCalculated(renumber: (column: number) => number): void {
    const entries = [...this.calculated];
    this.calculated.clear();
    for (const [column, formula] of entries) this.calculated.set(renumber(column), formula);
  }
  bodyArea(): Area {
    return {
      sheet: this.sheet,
      row: this.headerRow + 1,
      column: this.column,
      rows: this.rowCountRaw,
      columns: this.columnCountRaw,
    };
  }
}

// ---- Moving cells: a table column inserted, a table row deleted ------------------------------

const overlaps = (a: Area, b: Area) =>
  a.sheet === b.sheet &&
  a.row < b.row + b.rows &&
  b.row < a.row + a.rows &&
  a.column < b.column + b.columns &&
  b.column < a.column + a.columns;
const inside = (a: Area, b: Area) =>
  a.sheet === b.sheet &&
  a.row >= b.row &&
  a.row + a.rows <= b.row + b.rows &&
  a.column >= b.column &&
  a.column + a.columns <= b.column + b.columns;

/** A block of a sheet a rule or format covers, read and set through `area`. */
interface Covering {
  readonly what: string;
  area: Area;
  /** Removes it (it covered only cells that were deleted). */
  drop(): void;
}

/**
 * Whether a block over the deleted row (or column) `deleted` only loses it: it lies within the
 * deleted cells' columns (rows) and ends at the deleted row or in `region`, the cells after it.
 */
function shrinks(area: Area, deleted: Area, region: Area, across: "row" | "column"): boolean {
  const [start, size, otherStart, otherSize] =
    across === "row"
      ? [area.row, area.rows, area.column, area.columns]
      : [area.column, area.columns, area.row, area.rows];
  const [at, regionSize, spanStart, spanSize] =
    across === "row"
      ? [deleted.row, region.rows, deleted.column, deleted.columns]
      : [deleted.column, region.columns, deleted.row, deleted.rows];
  return (
    otherStart >= spanStart &&
    otherStart + otherSize <= spanStart + spanSize &&
    start <= at &&
    start + size - 1 >= at &&
    start + size - 1 <= at + regionSize
  );
}

/** The rules and formats over cells of `sheet`. */
function coverings(sheet: FakeWorksheet): Covering[] {
  const found: Covering[] = [];
  const lists = [
    ["a validation rule", sheet.validations],
    ["an input prompt", sheet.prompts],
    ["a conditional format", sheet.conditionalFormats],
  ] as const;
  for (const [what, list] of lists)
    for (const item of list as { row: number; column: number; rows: number }[])
      found.push({
        what,
        get area(): Area {
          return { sheet, row: item.row, column: item.column, rows: item.rows, columns: 1 };
        },
        set area(area: Area) {
          [item.row, item.column, item.rows] = [area.row, area.column, area.rows];
        },
        drop: () => (list as unknown[]).splice((list as unknown[]).indexOf(item), 1),
      });
  for (const format of sheet.formats)
    found.push({
      what: `the format at ${format.address}`,
      get area(): Area {
        return areaAt(sheet, format.address.slice(format.address.lastIndexOf("!") + 1));
      },
      set area(area: Area) {
        format.address = areaAddress(area);
      },
      drop: () => sheet.formats.splice(sheet.formats.indexOf(format), 1),
    });
  return found;
}

/** Every formula whose A1 references could point at cells of a sheet: cells, rules, names. */
function formulasOf(workbook: FakeWorkbook): { formula: string; home?: FakeWorksheet; where: string }[] {
  const found: { formula: string; home?: FakeWorksheet; where: string }[] = [];
  const texts = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : typeof value === "object" && value !== null
        ? Object.values(value).flatMap(texts)
        : [];
  for (const sheet of workbook.sheets) {
    for (const [key, cell] of sheet.cells)
      if (cell.formula)
        found.push({ formula: cell.formula, home: sheet, where: `the cell (${key}) on '${sheet.rawName}'` });
    for (const rule of [
      ...sheet.validations.map((v) => v.rule),
      ...sheet.conditionalFormats.map((f) => f.settings),
    ])
      for (const text of texts(rule))
        if (text.startsWith("="))
          found.push({ formula: text, home: sheet, where: `a rule on '${sheet.rawName}'` });
  }
  // A name that is an area moves with its cells (see moveCells); any other is a formula.
  for (const name of workbook.names.all)
    if (!workbook.nameArea(name))
      found.push({ formula: name.rawFormula, where: `the name '${name.rawName}'` });
  return found;
}

/**
 * Moves the cells of `region` one row up, one column left or right, as Excel does when a table row
 * is deleted (TableRow.delete, ExcelApi 1.1: "Deletes the row from the table"), a column deleted
 * or a column inserted (TableColumnCollection.add with an index: "Columns with a higher index will
 * be shifted to the side"), with what belongs to them: values, formulas and number formats, and
 * the rules and formats over them. `deleted` is the row or column deleted, just before `region`;
 * a rule or format over it, ending in the region, loses that row or column.
 *
 * Defined names follow their cells ("How Excel Maintains Cell and Range Names", Walkenbach, Excel
 * 2007 Formulas): a name inside the region moves with it. What the double does not model is refused
 * (InvalidOperation), so no code of ours can rely on it: a name partly in the region or on the
 * deleted row (Excel resizes it or makes it #REF!), a rule or format partly in the region, an A1
 * reference in any formula to a cell that moves or goes (Excel rewrites it), a chart over them.
 */
export function moveCells(region: Area, by: { rows: -1 | 0; columns: -1 | 0 | 1 }, deleted?: Area): void {
  const { sheet } = region;
  const refuse = (what: string) =>
    invalidOperation(`Moving ${areaAddress(region)} would change ${what}: the double does not model it`);
  const touched = (area: Area) =>
    overlaps(area, region) || (deleted !== undefined && overlaps(area, deleted));

  for (const { formula, home, where } of formulasOf(sheet.workbook))
    for (const cell of formulaReferences(formula).cells) {
      const target = cell.sheet ? sheet.workbook.sheet(cell.sheet) : home;
      if (target === sheet && touched(areaAt(sheet, cell.address)))
        throw refuse(`the A1 reference ${cell.address} in ${where}`);
    }
  for (const chart of sheet.charts.all)
    if (touched(chart.source)) throw refuse(`the source of the chart '${chart.rawName}'`);

  const changes: (() => void)[] = [];
  for (const covering of coverings(sheet)) {
    const area = covering.area;
    if (!touched(area)) continue;
    if (inside(area, region)) {
      changes.push(
        () => (covering.area = { ...area, row: area.row + by.rows, column: area.column + by.columns }),
      );
      continue;
    }
    const across = by.rows === -1 ? "row" : "column";
    if (!deleted || !shrinks(area, deleted, region, across))
      throw refuse(`${covering.what} over ${areaAddress(area)}, partly in it`);
    const size = across === "row" ? area.rows : area.columns;
    changes.push(() =>
      size === 1
        ? covering.drop()
        : (covering.area =
            across === "row" ? { ...area, rows: area.rows - 1 } : { ...area, columns: area.columns - 1 }),
    );
  }
  for (const item of sheet.workbook.names.all) {
    const area = sheet.workbook.nameArea(item);
    if (area?.sheet !== sheet || !touched(area)) continue;
    // On deleted cells Excel resizes the name or makes it #REF!: refused, as is one partly moved.
    if (!inside(area, region)) throw refuse(`the name '${item.rawName}' (${item.rawFormula})`);
    changes.push(
      () =>
        (item.rawFormula = areaFormula({
          ...area,
          row: area.row + by.rows,
          column: area.column + by.columns,
        })),
    );
  }

  const moved: [number, number, CellState][] = [];
  for (let r = 0; r < region.rows; r++)
    for (let c = 0; c < region.columns; c++) {
      const [row, column] = [region.row + r, region.column + c];
      const cell = sheet.getCell(row, column);
      if (cell) moved.push([row + by.rows, column + by.columns, cell]);
      sheet.setCell(row, column, undefined);
    }
  if (deleted)
    for (let r = 0; r < deleted.rows; r++)
      for (let c = 0; c < deleted.columns; c++) sheet.setCell(deleted.row + r, deleted.column + c, undefined);
  for (const [row, column, cell] of moved) sheet.setCell(row, column, cell);
  for (const change of changes) change();
}

/**
 * Inserts `count` whole rows at `at`, everything from there down moving down with its cells, as
 * Range.insert with InsertShiftDirection.down does on entire rows (ExcelApi 1.1; "Existing cells
 * move to accommodate the new empty cells", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-insert):
 * values and formulas, tables, rules and formats, names and charts over them. Refused as Excel
 * refuses it: on a protected sheet, and where nonblank cells would be pushed off the sheet ("To
 * prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet"). Refused as
 * the double does not model it: an A1 reference in any formula to a cell that moves (Excel rewrites
 * it: "Formulas with cell references automatically adjust", same page), and a table, rule, format,
 * name or chart the new rows would cut through (Excel grows it). Frozen rows over the insertion
 * become unknown (NaN): no page says how the split moves, so code that needs them sets them again.
 */
export function insertSheetRows(sheet: FakeWorksheet, at: number, count: number): void {
  const refuse = (what: string) =>
    invalidOperation(`Inserting rows at row ${at + 1} would change ${what}: the double does not model it`);
  if (sheet.protected)
    throw new ExcelError("AccessDenied", `'${sheet.rawName}' is protected: no row can be inserted`);
  for (const key of sheet.cells.keys())
    if (Number(key.split(",")[0]) >= SHEET_ROWS - count)
      throw invalidOperation(
        "To prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet.",
      );
  const moving = (area: Area) => area.sheet === sheet && area.row + area.rows - 1 >= at;
  const cut = (area: Area) => area.sheet === sheet && area.row < at && area.row + area.rows - 1 >= at;

  for (const { formula, home, where } of formulasOf(sheet.workbook))
    for (const cell of formulaReferences(formula).cells) {
      const target = cell.sheet ? sheet.workbook.sheet(cell.sheet) : home;
      if (target === sheet && moving(areaAt(sheet, cell.address)))
        throw refuse(`the A1 reference ${cell.address} in ${where}`);
    }
  const changes: (() => void)[] = [];
  const down = (area: Area): Area => ({ ...area, row: area.row + count });
  for (const table of sheet.workbook.allTables) {
    if (table.sheet !== sheet) continue;
    const area = {
      sheet,
      row: table.headerRow,
      column: table.column,
      rows: table.rowCountRaw + 1,
      columns: 1,
    };
    if (cut(area)) throw refuse(`the table '${table.rawName}', which the rows would cut through`);
    if (moving(area)) changes.push(() => (table.headerRow += count));
  }
  for (const covering of coverings(sheet)) {
    const area = covering.area;
    if (cut(area)) throw refuse(`${covering.what} over ${areaAddress(area)}`);
    if (moving(area)) changes.push(() => (covering.area = down(area)));
  }
  for (const item of sheet.workbook.names.all) {
    const area = sheet.workbook.nameArea(item);
    if (!area || area.sheet !== sheet) continue;
    if (cut(area)) throw refuse(`the name '${item.rawName}' (${item.rawFormula})`);
    if (moving(area)) changes.push(() => (item.rawFormula = areaFormula(down(area))));
  }
  for (const chart of sheet.charts.all) {
    if (cut(chart.source)) throw refuse(`the source of the chart '${chart.rawName}'`);
    // A chart moves with the cells under it (its default placement) and its series with their cells.
    if (moving(chart.source)) changes.push(() => (chart.source = down(chart.source)));
    const position = chart.position;
    if (position) {
      const [from, to] = position.map((address) => areaAt(sheet, address));
      if (cut({ ...from, rows: to.row - from.row + 1 }))
        throw refuse(`the place of the chart '${chart.rawName}'`);
      if (from.row >= at)
        changes.push(() => {
          chart.position = [from, to].map((a) => cellAddress(a.row + count, a.column)) as [string, string];
        });
    }
  }
  const titles = sheet.pageLayout.printTitleRows;
  if (titles && titles.last > at) throw refuse(`the print titles $${titles.first}:$${titles.last}`);
  const moved: [number, number, CellState][] = [];
  for (const [key, cell] of sheet.cells) {
    const [row, column] = key.split(",").map(Number);
    if (row >= at) moved.push([row + count, column, cell]);
  }
  for (const [row, column] of moved) sheet.setCell(row - count, column, undefined);
  for (const [row, column, cell] of moved) sheet.setCell(row, column, cell);
  for (const change of changes) change();
  if (sheet.frozenRows > at) sheet.frozenRows = Number.NaN;
}

/**
 * Test access: deletes blank whole rows at `at`, the rows below moving up, as an earlier version's
 * layout had them (it had no title row). What lies on the deleted rows is refused, not modelled.
 */
export function deleteBlankSheetRows(sheet: FakeWorksheet, at: number, count: number): void {
  for (const key of sheet.cells.keys()) {
    const row = Number(key.split(",")[0]);
    if (row >= at && row < at + count) throw new Error(`test setup: row ${row + 1} is not blank`);
  }
  const shift = (area: Area) => area.sheet === sheet && area.row >= at + count;
  const up = (area: Area): Area => ({ ...area, row: area.row - count });
  for (const table of sheet.workbook.allTables)
    if (table.sheet === sheet && table.headerRow >= at + count) table.headerRow -= count;
  for (const covering of coverings(sheet)) if (shift(covering.area)) covering.area = up(covering.area);
  for (const item of sheet.workbook.names.all) {
    const area = sheet.workbook.nameArea(item);
    if (area && shift(area)) item.rawFormula = areaFormula(up(area));
  }
  for (const chart of sheet.charts.all) {
    if (shift(chart.source)) chart.source = up(chart.source);
    if (chart.position)
      chart.position = chart.position.map((address) => {
        const a = areaAt(sheet, address);
        return cellAddress(a.row - count, a.column);
      }) as [string, string];
  }
  const moved: [number, number, CellState][] = [];
  for (const [key, cell] of sheet.cells) {
    const [row, column] = key.split(",").map(Number);
    if (row >= at + count) moved.push([row - count, column, cell]);
  }
  for (const [row, column] of moved) sheet.setCell(row + count, column, undefined);
  for (const [row, column, cell] of moved) sheet.setCell(row, column, cell);
}

export class FakeNamedItem {
  constructor(
    public rawName: string,
    public rawFormula: string,
    public comment = "",
  ) {}
}

export class FakeChart {
  title = "";
  position: [string, string] | undefined;
  constructor(
    public rawName: string,
    readonly type: string,
    public source: Area,
  ) {}
}

export class FakeWorkbook {
  readonly sheets: FakeWorksheet[] = [];
  readonly allTables: FakeTable[] = [];
  /** Defined names; find() looks a name up as Excel does, whatever its case. */
  readonly names = {
    all: [] as FakeNamedItem[],
    find: (name: string) => this.names.all.find((n) => sameName(n.rawName, name)),
  };
  /** Workbook structure protection (Review > Protect Workbook). */
  protected = false;
  /** Document settings (Office.context.document.settings), as saved. */
  readonly settings = new Map<string, unknown>();
  /**
   * How the double computes a formula's value when read (it computes none but =TODAY() itself):
   * tests set this to play custom functions, including #BUSY! while they are "calculating".
   */
  evaluate: ((formula: string) => CellValue | undefined) | undefined;
  /** Syncs that ran with calculation suspended (Application.suspendApiCalculationUntilNextSync). */
  suspendedSyncs = 0;
  /**
   * What the person has selected: cells in one or more areas (Ctrl+click adds areas), or an object
   * such as a chart or a picture. Unset, A1 of the first sheet, as in a workbook just opened.
   */
  selection: { readonly areas: readonly Area[] } | "object" | undefined;
  private readonly changed = new Set<FakeTable>();

  /** A workbook with the given sheets, as a new Excel workbook has Sheet1. */
  static withSheets(...names: string[]): FakeWorkbook {
    const workbook = new FakeWorkbook();
    for (const name of names) workbook.addSheet(name);
    return workbook;
  }

  /** Test access: adds a sheet at once, under the same name rules as the API. */
  addSheet(name: string): FakeWorksheet {
    checkSheetName(name);
    if (this.sheet(name)) throw itemAlreadyExists(`A worksheet named '${name}' already exists`);
    const sheet = new FakeWorksheet(this, name);
    this.sheets.push(sheet);
    return sheet;
  }

  removeSheet(sheet: FakeWorksheet): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.allTables.length - 1; i >= 0; i--)
      if (this.allTables[i].sheet === sheet) this.allTables.splice(i, 1);
  }

  /** Test access: selects the areas at `addresses` ("B2", "A1:C3") on the sheet `sheetName`. */
  select(sheetName: string, ...addresses: string[]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`test setup: there is no sheet ${sheetName}`);
    this.selection = { areas: addresses.map((address) => areaAt(sheet, address)) };
  }

  /**
   * The selected range (Workbook.getSelectedRange, ExcelApi 1.1): "Gets the currently selected single
   * range from the workbook. If there are multiple ranges selected, this method will throw an error"
   * (learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)).
   * The error is InvalidSelection, for several areas (office-js-docs-pr issue 2477) and for a
   * selected chart, "by design" (office-js issues 2268 and 8).
   */
  selectedArea(): Area {
    // What a saved workbook has selected is the file's, not a rule: a test says what it selects.
    if (this.selection === undefined)
      throw new Error("the double's selection was not set: call workbook.select(sheet, address) in the test");
    if (this.selection === "object")
      throw new ExcelError(
        "InvalidSelection",
        "The current selection is not a range (a chart or a picture).",
      );
    if (this.selection.areas.length !== 1)
      throw new ExcelError("InvalidSelection", "The current selection holds several ranges.");
    return this.selection.areas[0];
  }

  /** Sheets, tables and names: every lookup is case-insensitive, as in Excel. */
  sheet(name: string): FakeWorksheet | undefined {
    return this.sheets.find((s) => sameName(s.rawName, name));
  }
  table(name: string): FakeTable | undefined {
    return this.allTables.find((t) => sameName(t.rawName, name));
  }

  /** Table names and defined names share one namespace (support.microsoft.com, "Rename an Excel table"). */
  checkNewName(name: string, what: "name" | "table name", except?: unknown): void {
    checkDefinedName(name, what);
    const clash =
      this.allTables.find((t) => t !== except && sameName(t.rawName, name)) ??
      this.names.all.find((n) => n !== except && sameName(n.rawName, name));
    if (clash) throw itemAlreadyExists(`The name '${name}' is already used by a table or a defined name`);
  }

  /** Records which tables a write touched, for their change events. */
  markChanged(sheet: FakeWorksheet, row: number, rows: number): void {
    for (const table of this.allTables) {
      if (
        table.sheet === sheet &&
        row <= table.headerRow + table.rowCountRaw + rows &&
        row + rows > table.headerRow
      )
        this.changed.add(table);
    }
  }

  /** Fires the change events of the tables written since the last sync (after it, as Excel does). */
  fireChanges(): void {
    const tables = [...this.changed];
    this.changed.clear();
    for (const table of tables)
      for (const handler of table.changeHandlers) setTimeout(() => void handler(), 0);
  }

  /** The area a defined name refers to ('Sheet'!$B$2 or 'Sheet'!$A$2:$A$7), or undefined. */
  nameArea(item: FakeNamedItem): Area | undefined {
    const match = /^='?((?:[^']|'')+?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(item.rawFormula);
    if (!match) return undefined;
    const sheet = this.sheet(match[1].replace(/''/g, "'"));
    if (!sheet) return undefined;
    const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(match[3]) - 1;
    const lastRow = match[5] ? Number(match[5]) - 1 : row;
    const first = column(match[2]);
    const last = match[4] ? column(match[4]) : first;
    return { sheet, row, column: first, rows: lastRow - row + 1, columns: last - first + 1 };
  }
}
