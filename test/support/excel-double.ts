/**
 * A test double of the part of the Excel JavaScript API this add-in uses. It behaves like Excel
 * where our code could go wrong:
 * - reading a property that was not loaded and synced throws, as Excel does (load, then sync,
 *   then read: learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts); ranges
 *   give rowIndex and columnIndex only once loaded;
 * - data validation: clear() removes a range's rules, and a rule set over cells that already have
 *   one is refused (see FakeRange: the data validation article does not promise a replacement);
 * - context.sync() calls are counted, and the size of what each request writes is measured;
 * - a string written to a cell that starts with "=" becomes a formula, and a leading apostrophe
 *   keeps the rest as text, as when typing into Excel.
 * Writes apply at once (Excel applies them at the next sync; nothing here reads before syncing).
 */
import { todaySerial } from "../../src/core/dates";
import { cellAddress } from "../../src/core/template/cell-text";

export type CellValue = string | number | boolean;

export interface CellState {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
}

export class PropertyNotLoadedError extends Error {
  constructor(owner: string, property: string) {
    super(
      `The property '${property}' of ${owner} is not available. Call load("${property}") and context.sync() before reading it.`,
    );
    this.name = "PropertyNotLoadedError";
  }
}

export class FakeContext {
  syncCount = 0;
  /** JSON size of the cell data written in each request (between syncs). */
  readonly requestBytes: number[] = [];
  pendingBytes = 0;
  readonly workbook: FakeWorkbook;
  private readonly pendingLoads = new Map<Loadable, Set<string>>();

  constructor(workbook?: FakeWorkbook) {
    this.workbook = workbook ?? new FakeWorkbook();
    this.workbook.attach(this);
  }

  queueLoad(target: Loadable, properties: string[]): void {
    const set = this.pendingLoads.get(target) ?? new Set<string>();
    properties.forEach((p) => set.add(p));
    this.pendingLoads.set(target, set);
  }

  async sync(): Promise<void> {
    this.syncCount++;
    this.requestBytes.push(this.pendingBytes);
    this.pendingBytes = 0;
    for (const [target, properties] of this.pendingLoads) target.completeLoad(properties);
    this.pendingLoads.clear();
    this.workbook.fireChanges();
  }

  recordWrite(data: unknown): void {
    this.pendingBytes += JSON.stringify(data).length;
  }

  /** Forget what was loaded, as a new Excel.run would. */
  reset(): void {
    this.syncCount = 0;
    this.requestBytes.length = 0;
    this.pendingBytes = 0;
    this.workbook.forgetLoads();
  }
}

function propertyList(spec: unknown): string[] {
  if (spec === undefined) return ["*"];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap(propertyList);
  if (typeof spec === "object" && spec !== null && "select" in spec)
    return propertyList((spec as { select: unknown }).select);
  return ["*"];
}

export abstract class Loadable {
  private loaded = new Set<string>();
  constructor(
    protected readonly ctx: () => FakeContext,
    private readonly label: string,
  ) {}

  load(spec?: unknown): this {
    this.ctx().queueLoad(this, propertyList(spec));
    return this;
  }

  completeLoad(properties: Set<string>): void {
    properties.forEach((p) => this.loaded.add(p));
    this.onLoaded(properties);
  }

  /** Collections load their items here. */
  protected onLoaded(properties: Set<string>): void {
    void properties;
  }

  forgetLoads(): void {
    this.loaded = new Set();
  }

  protected requireLoaded(property: string): void {
    if (!this.loaded.has(property) && !this.loaded.has("*"))
      throw new PropertyNotLoadedError(this.label, property);
  }
}

export { cellAddress };

export class FakeWorksheet extends Loadable {
  readonly cells = new Map<string, CellState>();
  readonly columnWidths = new Map<number, number>();
  readonly validations: { row: number; column: number; rows: number; rule: unknown }[] = [];
  readonly conditionalFormats: { row: number; column: number; rows: number; type: string }[] = [];
  readonly prompts: { row: number; column: number; prompt: unknown }[] = [];
  frozenRows = 0;
  readonly charts: FakeChartCollection;
  readonly tables: FakeTableCollection;
  readonly freezePanes = { freezeRows: (count: number) => void (this.frozenRows = count) };
  private sheetName: string;
  private sheetVisibility = "Visible";
  position = 0;

  constructor(
    ctx: () => FakeContext,
    readonly workbook: FakeWorkbook,
    name: string,
  ) {
    super(ctx, `worksheet '${name}'`);
    this.sheetName = name;
    this.charts = new FakeChartCollection(ctx, this);
    this.tables = new FakeTableCollection(ctx, workbook, this);
  }

  get name(): string {
    this.requireLoaded("name");
    return this.sheetName;
  }
  set name(value: string) {
    this.sheetName = value;
  }
  get visibility(): string {
    this.requireLoaded("visibility");
    return this.sheetVisibility;
  }
  set visibility(value: string) {
    this.sheetVisibility = value;
  }

  /** Test access, bypassing load rules. */
  get rawName(): string {
    return this.sheetName;
  }
  get rawVisibility(): string {
    return this.sheetVisibility;
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, this, row, column, rowCount, columnCount);
  }

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

  delete(): void {
    this.workbook.removeSheet(this);
  }
}

export class FakeRange extends Loadable {
  readonly format: {
    columnWidth: number;
    font: Record<string, unknown>;
    fill: Record<string, unknown>;
    wrapText?: boolean;
  };
  readonly dataValidation: { rule: unknown; prompt?: unknown; clear(): void };
  readonly conditionalFormats: { add: (type: string) => Record<string, unknown> };

  constructor(
    ctx: () => FakeContext,
    readonly sheet: FakeWorksheet,
    readonly row: number,
    readonly column: number,
    readonly rowCountValue: number,
    readonly columnCountValue: number,
  ) {
    super(ctx, `range ${cellAddress(row, column)} of '${sheet.rawName}'`);
    const range = this;
    this.format = {
      set columnWidth(width: number) {
        for (let c = 0; c < range.columnCountValue; c++)
          range.sheet.columnWidths.set(range.column + c, width);
      },
      get columnWidth() {
        return range.sheet.columnWidths.get(range.column) ?? 0;
      },
      font: {},
      fill: {},
    };
    // Data validation (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation):
    // clear() removes a range's rules. Whether setting a rule over cells that have one replaces it
    // is not documented, so the double refuses it: code must clear first.
    const overlaps = (v: { row: number; column: number; rows: number }) =>
      v.column === range.column && v.row < range.row + range.rowCountValue && range.row < v.row + v.rows;
    this.dataValidation = {
      set rule(rule: unknown) {
        if (range.sheet.validations.some(overlaps))
          throw new Error(
            `range ${cellAddress(range.row, range.column)} of '${range.sheet.rawName}' already has a data validation rule: clear() it first`,
          );
        range.sheet.validations.push({
          row: range.row,
          column: range.column,
          rows: range.rowCountValue,
          rule,
        });
      },
      get rule() {
        return undefined;
      },
      set prompt(prompt: unknown) {
        range.sheet.prompts.push({ row: range.row, column: range.column, prompt });
      },
      get prompt() {
        return undefined;
      },
      clear() {
        const kept = range.sheet.validations.filter((v) => !overlaps(v));
        range.sheet.validations.splice(0, range.sheet.validations.length, ...kept);
      },
    };
    this.conditionalFormats = {
      add: (type: string) => {
        this.sheet.conditionalFormats.push({
          row: this.row,
          column: this.column,
          rows: this.rowCountValue,
          type,
        });
        const format = { font: {}, fill: {} };
        return { dataBar: {}, textComparison: { format, rule: {} }, cellValue: { format, rule: {} } };
      },
    };
  }

  getLastRow(): FakeRange {
    return new FakeRange(
      this.ctx,
      this.sheet,
      this.row + this.rowCountValue - 1,
      this.column,
      1,
      this.columnCountValue,
    );
  }

  getRow(index: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, this.row + index, this.column, 1, this.columnCountValue);
  }

  getColumn(index: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, this.row, this.column + index, this.rowCountValue, 1);
  }

  get address(): string {
    this.requireLoaded("address");
    return `'${this.sheet.rawName}'!${cellAddress(this.row, this.column)}:${cellAddress(this.row + this.rowCountValue - 1, this.column + this.columnCountValue - 1)}`;
  }
  get rowCount(): number {
    this.requireLoaded("rowCount");
    return this.rowCountValue;
  }
  get rowIndex(): number {
    this.requireLoaded("rowIndex");
    return this.row;
  }
  get columnIndex(): number {
    this.requireLoaded("columnIndex");
    return this.column;
  }
  get columnCount(): number {
    this.requireLoaded("columnCount");
    return this.columnCountValue;
  }

  private forEachCell(
    data: unknown,
    apply: (r: number, c: number, item: unknown) => void,
    what: string,
  ): void {
    if (
      !Array.isArray(data) ||
      data.length !== this.rowCountValue ||
      data.some((row) => !Array.isArray(row) || row.length !== this.columnCountValue)
    ) {
      throw new Error(
        `${what} must be a ${this.rowCountValue} x ${this.columnCountValue} array for this range`,
      );
    }
    this.ctx().recordWrite(data);
    this.sheet.workbook.markChanged(this.sheet, this.row, this.rowCountValue);
    data.forEach((row: unknown[], r) => row.forEach((item, c) => apply(this.row + r, this.column + c, item)));
  }

  /** Values as Excel would show them. The double computes no formula but =TODAY(). */
  get values(): CellValue[][] {
    this.requireLoaded("values");
    return Array.from({ length: this.rowCountValue }, (_, r) =>
      Array.from({ length: this.columnCountValue }, (_, c) => {
        const cell = this.sheet.getCell(this.row + r, this.column + c);
        if (cell?.formula && /^=\s*TODAY\(\)\s*$/i.test(cell.formula)) return todaySerial();
        return cell?.value ?? "";
      }),
    );
  }
  set values(data: CellValue[][]) {
    this.forEachCell(data, (r, c, item) => writeTyped(this.sheet, r, c, item), "values");
  }

  get formulas(): CellValue[][] {
    this.requireLoaded("formulas");
    return Array.from({ length: this.rowCountValue }, (_, r) =>
      Array.from({ length: this.columnCountValue }, (_, c) => {
        const cell = this.sheet.getCell(this.row + r, this.column + c);
        return cell?.formula ?? cell?.value ?? "";
      }),
    );
  }
  set formulas(data: CellValue[][]) {
    this.forEachCell(data, (r, c, item) => writeTyped(this.sheet, r, c, item), "formulas");
  }

  get numberFormat(): string[][] {
    this.requireLoaded("numberFormat");
    return Array.from({ length: this.rowCountValue }, (_, r) =>
      Array.from(
        { length: this.columnCountValue },
        (_, c) => this.sheet.getCell(this.row + r, this.column + c)?.numberFormat ?? "General",
      ),
    );
  }
  set numberFormat(data: string[][]) {
    this.forEachCell(
      data,
      (r, c, item) => {
        const cell = this.sheet.getCell(r, c) ?? { value: "" };
        this.sheet.setCell(r, c, { ...cell, numberFormat: String(item) });
      },
      "numberFormat",
    );
  }
}

/** Excel's error for a missing item carries the code "ItemNotFound". */
function itemNotFound(message: string): Error {
  return Object.assign(new Error(message), { code: "ItemNotFound" });
}

/** Typing into a cell: "=..." is a formula, a leading apostrophe keeps the rest as text. */
function writeTyped(sheet: FakeWorksheet, row: number, column: number, item: unknown): void {
  const previous = sheet.getCell(row, column);
  const numberFormat = previous?.numberFormat;
  if (item === null || item === undefined || item === "") {
    sheet.setCell(row, column, numberFormat ? { value: "", numberFormat } : undefined);
  } else if (typeof item === "string" && item.startsWith("'")) {
    sheet.setCell(row, column, { value: item.slice(1), numberFormat });
  } else if (typeof item === "string" && item.startsWith("=")) {
    sheet.setCell(row, column, { value: "", formula: item, numberFormat });
  } else if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
    sheet.setCell(row, column, { value: item, numberFormat });
  } else {
    throw new Error(`Cannot write ${String(item)} to a cell`);
  }
}

export class FakeTableColumn extends Loadable {
  constructor(
    ctx: () => FakeContext,
    readonly table: FakeTable,
    private readonly position: number,
  ) {
    super(ctx, `a column of table '${table.rawName}'`);
  }
  get name(): string {
    this.requireLoaded("name");
    return this.rawName;
  }
  get rawName(): string {
    return String(
      this.table.sheet.getCell(this.table.headerRow, this.table.column + this.position)?.value ?? "",
    );
  }
  get index(): number {
    this.requireLoaded("index");
    return this.position;
  }
  getDataBodyRange(): FakeRange {
    return this.table.sheet.getRangeByIndexes(
      this.table.headerRow + 1,
      this.table.column + this.position,
      this.table.rowCountRaw,
      1,
    );
  }
  getRange(): FakeRange {
    return this.table.sheet.getRangeByIndexes(
      this.table.headerRow,
      this.table.column + this.position,
      this.table.rowCountRaw + 1,
      1,
    );
  }
}

abstract class FakeCollection<T extends Loadable> extends Loadable {
  private snapshot: T[] | undefined;
  protected abstract current(): T[];

  get items(): T[] {
    if (!this.snapshot) throw new PropertyNotLoadedError("a collection", "items");
    return this.snapshot;
  }

  protected override onLoaded(properties: Set<string>): void {
    this.snapshot = this.current();
    const itemProperties = [...properties]
      .filter((p) => p.startsWith("items/"))
      .map((p) => p.slice("items/".length));
    const forItems = itemProperties.length > 0 ? new Set(itemProperties) : new Set(["*"]);
    this.snapshot.forEach((item) => item.completeLoad(forItems));
  }

  override forgetLoads(): void {
    super.forgetLoads();
    this.snapshot = undefined;
  }

  getCount(): { value: number } & Loadable {
    const count = new (class extends Loadable {
      constructor(
        ctx: () => FakeContext,
        private readonly read: () => number,
      ) {
        super(ctx, "a count");
      }
      get value(): number {
        this.requireLoaded("value");
        return this.read();
      }
    })(this.ctx, () => this.current().length);
    count.load("value");
    return count;
  }
}

export class FakeTableColumnCollection extends FakeCollection<FakeTableColumn> {
  constructor(
    ctx: () => FakeContext,
    private readonly table: FakeTable,
  ) {
    super(ctx, `the columns of table '${table.rawName}'`);
  }
  protected current(): FakeTableColumn[] {
    return Array.from(
      { length: this.table.columnCountRaw },
      (_, i) => new FakeTableColumn(this.ctx, this.table, i),
    );
  }
  getItem(name: string): FakeTableColumn {
    const index = this.current().findIndex((c) => c.rawName === name);
    if (index < 0) throw new Error(`Table '${this.table.rawName}' has no column '${name}'`);
    return new FakeTableColumn(this.ctx, this.table, index);
  }
  /** Appends a column at the right (index null), as the add-in does. */
  add(index: number | null | undefined, values: unknown, name?: string): FakeTableColumn {
    if (index !== null && index !== undefined && index !== this.table.columnCountRaw) {
      throw new Error("The double only appends columns at the end");
    }
    const column = this.table.column + this.table.columnCountRaw;
    this.table.sheet.setCell(this.table.headerRow, column, {
      value: name ?? `Column${this.table.columnCountRaw + 1}`,
    });
    if (values !== undefined && values !== null)
      throw new Error("The double adds columns without values; write them after");
    this.table.columnCountRaw++;
    return new FakeTableColumn(this.ctx, this.table, this.table.columnCountRaw - 1);
  }
}

export class FakeTableRowCollection extends Loadable {
  constructor(
    ctx: () => FakeContext,
    private readonly table: FakeTable,
  ) {
    super(ctx, `the rows of table '${table.rawName}'`);
  }
  get count(): number {
    this.requireLoaded("count");
    return this.table.rowCountRaw;
  }
  /** Appends rows at the end of the table (index null), as co-authoring needs. */
  add(index: number | null | undefined, values: unknown[][]): void {
    if (index !== null && index !== undefined)
      throw new Error("The add-in must append at the table's end (index null)");
    const start = this.table.headerRow + 1 + this.table.rowCountRaw;
    const range = this.table.sheet.getRangeByIndexes(
      start,
      this.table.column,
      values.length,
      this.table.columnCountRaw,
    );
    // New rows take the number formats of the row above, as table rows do.
    for (let c = 0; c < this.table.columnCountRaw; c++) {
      const format = this.table.sheet.getCell(start - 1, this.table.column + c)?.numberFormat;
      if (format)
        for (let r = 0; r < values.length; r++)
          this.table.sheet.setCell(start + r, this.table.column + c, { value: "", numberFormat: format });
    }
    range.values = values as CellValue[][];
    this.table.rowCountRaw += values.length;
    this.table.addCalls++;
  }
}

export class FakeTable extends Loadable {
  readonly changeHandlers: (() => Promise<unknown> | void)[] = [];
  /** Excel's table change event: handlers run after the sync that carried the change. */
  readonly onChanged = {
    add: (handler: () => Promise<unknown> | void) => {
      this.changeHandlers.push(handler);
      return { remove: () => void this.changeHandlers.splice(this.changeHandlers.indexOf(handler), 1) };
    },
  };
  readonly columns: FakeTableColumnCollection;
  readonly rows: FakeTableRowCollection;
  addCalls = 0;
  private tableName: string;
  showTotals = false;
  style = "";

  constructor(
    ctx: () => FakeContext,
    readonly sheet: FakeWorksheet,
    readonly headerRow: number,
    readonly column: number,
    public columnCountRaw: number,
    public rowCountRaw: number,
    name: string,
  ) {
    super(ctx, `table '${name}'`);
    this.tableName = name;
    this.columns = new FakeTableColumnCollection(ctx, this);
    this.rows = new FakeTableRowCollection(ctx, this);
  }

  get name(): string {
    this.requireLoaded("name");
    return this.tableName;
  }
  set name(value: string) {
    this.tableName = value;
  }
  get rawName(): string {
    return this.tableName;
  }
  get worksheet(): FakeWorksheet {
    return this.sheet;
  }

  getDataBodyRange(): FakeRange {
    return this.sheet.getRangeByIndexes(
      this.headerRow + 1,
      this.column,
      this.rowCountRaw,
      this.columnCountRaw,
    );
  }
  getHeaderRowRange(): FakeRange {
    return this.sheet.getRangeByIndexes(this.headerRow, this.column, 1, this.columnCountRaw);
  }
  getRange(): FakeRange {
    return this.sheet.getRangeByIndexes(
      this.headerRow,
      this.column,
      this.rowCountRaw + 1,
      this.columnCountRaw,
    );
  }

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
}

export class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    ctx: () => FakeContext,
    private readonly workbook: FakeWorkbook,
    private readonly sheet?: FakeWorksheet,
  ) {
    super(ctx, sheet ? `the tables of '${sheet.rawName}'` : "the workbook's tables");
  }
  protected current(): FakeTable[] {
    return this.workbook.allTables.filter((t) => !this.sheet || t.sheet === this.sheet);
  }
  getItem(name: string): FakeTable {
    const table = this.current().find((t) => t.rawName.toLowerCase() === name.toLowerCase());
    if (!table) throw itemNotFound(`No table '${name}'`);
    return table;
  }
  getItemOrNullObject(name: string): FakeTable | NullObject {
    return (
      this.current().find((t) => t.rawName.toLowerCase() === name.toLowerCase()) ?? new NullObject(this.ctx)
    );
  }
  /** Creates a table over a range whose first row holds the headers. */
  add(range: FakeRange, hasHeaders: boolean): FakeTable {
    if (!hasHeaders) throw new Error("The add-in always creates tables with headers");
    const sheet = this.sheet ?? range.sheet;
    const overlapping = this.workbook.allTables.find(
      (t) =>
        t.sheet === sheet &&
        range.row <= t.headerRow + t.rowCountRaw &&
        t.headerRow <= range.row + range.rowCountValue - 1 &&
        range.column <= t.column + t.columnCountRaw - 1 &&
        t.column <= range.column + range.columnCountValue - 1,
    );
    if (overlapping) throw new Error(`A table cannot overlap table '${overlapping.rawName}'`);
    const table = new FakeTable(
      this.ctx,
      sheet,
      range.row,
      range.column,
      range.columnCountValue,
      // Excel gives a header-only table one blank data row.
      Math.max(1, range.rowCountValue - 1),
      `Table${this.workbook.allTables.length + 1}`,
    );
    this.workbook.allTables.push(table);
    return table;
  }
}

export class NullObject extends Loadable {
  constructor(ctx: () => FakeContext) {
    super(ctx, "a null object");
  }
  get isNullObject(): boolean {
    this.requireLoaded("isNullObject");
    return true;
  }
}

export class FakeNamedItem extends Loadable {
  constructor(
    ctx: () => FakeContext,
    readonly rawName: string,
    public rawFormula: string,
    public comment = "",
  ) {
    super(ctx, `name '${rawName}'`);
  }
  get name(): string {
    this.requireLoaded("name");
    return this.rawName;
  }
  get formula(): string {
    this.requireLoaded("formula");
    return this.rawFormula;
  }
  set formula(value: string) {
    this.rawFormula = value;
  }
  get isNullObject(): boolean {
    this.requireLoaded("isNullObject");
    return false;
  }
  delete(): void {
    this.workbookNames().remove(this);
  }
  /** The range a name refers to ('Sheet'!$B$2 or 'Sheet'!$A$2:$A$7). */
  getRange(): FakeRange {
    const match = /^='?([^'!]+)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(this.rawFormula);
    if (!match) throw new Error(`The name '${this.rawName}' does not refer to a range`);
    const sheet = this.workbook().sheet(match[1]);
    if (!sheet) throw itemNotFound(`No worksheet '${match[1]}'`);
    const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(match[3]) - 1;
    const lastRow = match[5] ? Number(match[5]) - 1 : row;
    const lastColumn = match[4] ? column(match[4]) : column(match[2]);
    return sheet.getRangeByIndexes(
      row,
      column(match[2]),
      lastRow - row + 1,
      lastColumn - column(match[2]) + 1,
    );
  }
  workbook!: () => FakeWorkbook;
  workbookNames!: () => FakeNamedItemCollection;
}

export class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  readonly all: FakeNamedItem[] = [];
  constructor(
    ctx: () => FakeContext,
    readonly owner: () => FakeWorkbook,
  ) {
    super(ctx, "the workbook's names");
  }
  protected current(): FakeNamedItem[] {
    return [...this.all];
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    if (this.all.some((n) => n.rawName.toLowerCase() === name.toLowerCase()))
      throw new Error(`The name '${name}' already exists`);
    const formula =
      typeof reference === "string"
        ? reference
        : `='${reference.sheet.rawName}'!$${cellAddress(reference.row, reference.column).replace(/(\d+)$/, "$$$1")}` +
          (reference.rowCountValue > 1 || reference.columnCountValue > 1
            ? `:$${cellAddress(reference.row + reference.rowCountValue - 1, reference.column + reference.columnCountValue - 1).replace(/(\d+)$/, "$$$1")}`
            : "");
    const item = new FakeNamedItem(this.ctx, name, formula, comment);
    item.workbookNames = () => this;
    item.workbook = this.owner;
    this.all.push(item);
    this.ctx().recordWrite(formula);
    return item;
  }
  getItem(name: string): FakeNamedItem {
    const item = this.find(name);
    if (!item) throw new Error(`No name '${name}'`);
    return item;
  }
  getItemOrNullObject(name: string): FakeNamedItem | NullObject {
    return this.all.find((n) => n.rawName.toLowerCase() === name.toLowerCase()) ?? new NullObject(this.ctx);
  }
  remove(item: FakeNamedItem): void {
    this.all.splice(this.all.indexOf(item), 1);
  }
  find(name: string): FakeNamedItem | undefined {
    return this.all.find((n) => n.rawName.toLowerCase() === name.toLowerCase());
  }
}

export class FakeChart extends Loadable {
  readonly title = { text: "" };
  constructor(
    ctx: () => FakeContext,
    public rawName: string,
    readonly type: string,
    readonly source: FakeRange,
  ) {
    super(ctx, `chart '${rawName}'`);
  }
  get name(): string {
    this.requireLoaded("name");
    return this.rawName;
  }
  set name(value: string) {
    this.rawName = value;
  }
  setPosition(): void {}
}

export class FakeChartCollection extends FakeCollection<FakeChart> {
  readonly all: FakeChart[] = [];
  constructor(
    ctx: () => FakeContext,
    readonly sheet: FakeWorksheet,
  ) {
    super(ctx, `the charts of '${sheet.rawName}'`);
  }
  protected current(): FakeChart[] {
    return [...this.all];
  }
  add(type: string, source: FakeRange): FakeChart {
    const chart = new FakeChart(this.ctx, `Chart ${this.all.length + 1}`, type, source);
    this.all.push(chart);
    return chart;
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  constructor(
    ctx: () => FakeContext,
    private readonly workbook: FakeWorkbook,
  ) {
    super(ctx, "the workbook's worksheets");
  }
  protected current(): FakeWorksheet[] {
    return [...this.workbook.sheets];
  }
  getItem(name: string): FakeWorksheet {
    const sheet = this.workbook.sheets.find((s) => s.rawName.toLowerCase() === name.toLowerCase());
    if (!sheet) throw itemNotFound(`No worksheet '${name}'`);
    return sheet;
  }
  getItemOrNullObject(name: string): FakeWorksheet | NullObject {
    return (
      this.workbook.sheets.find((s) => s.rawName.toLowerCase() === name.toLowerCase()) ??
      new NullObject(this.ctx)
    );
  }
  add(name: string): FakeWorksheet {
    if (this.workbook.sheets.some((s) => s.rawName.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A worksheet named '${name}' already exists`);
    }
    const sheet = new FakeWorksheet(this.ctx, this.workbook, name);
    sheet.position = this.workbook.sheets.length;
    this.workbook.sheets.push(sheet);
    return sheet;
  }
}

export class FakeWorkbook {
  readonly sheets: FakeWorksheet[] = [];
  readonly allTables: FakeTable[] = [];
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  private context: FakeContext | undefined;
  private readonly ctx = () => {
    if (!this.context) throw new Error("The workbook is not attached to a context");
    return this.context;
  };

  constructor() {
    this.worksheets = new FakeWorksheetCollection(this.ctx, this);
    this.tables = new FakeTableCollection(this.ctx, this);
    this.names = new FakeNamedItemCollection(this.ctx, () => this);
  }

  attach(context: FakeContext): void {
    this.context = context;
    this.forgetLoads();
  }

  private readonly changed = new Set<FakeTable>();

  /** Records which tables a write touched, for their change events. */
  markChanged(sheet: FakeWorksheet, row: number, rows: number): void {
    for (const table of this.allTables) {
      if (
        table.sheet === sheet &&
        row <= table.headerRow + table.rowCountRaw + rows &&
        row + rows > table.headerRow
      ) {
        this.changed.add(table);
      }
    }
  }

  /** Fires the change events of the tables written since the last sync (after it, as Excel does). */
  fireChanges(): void {
    const tables = [...this.changed];
    this.changed.clear();
    for (const table of tables)
      for (const handler of table.changeHandlers) setTimeout(() => void handler(), 0);
  }

  removeSheet(sheet: FakeWorksheet): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.allTables.length - 1; i >= 0; i--)
      if (this.allTables[i].sheet === sheet) this.allTables.splice(i, 1);
  }

  forgetLoads(): void {
    this.worksheets.forgetLoads();
    this.tables.forgetLoads();
    this.names.forgetLoads();
    for (const sheet of this.sheets) {
      sheet.forgetLoads();
      sheet.charts.forgetLoads();
    }
    for (const table of this.allTables) {
      table.forgetLoads();
      table.columns.forgetLoads();
      table.rows.forgetLoads();
    }
  }

  /** Test helpers that bypass the load rules. */
  sheet(name: string): FakeWorksheet | undefined {
    return this.sheets.find((s) => s.rawName === name);
  }
  table(name: string): FakeTable | undefined {
    return this.allTables.find((t) => t.rawName === name);
  }
}
