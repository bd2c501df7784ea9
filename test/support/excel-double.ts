/**
 * A test double of the part of the Excel JavaScript API this add-in uses, as strict as Excel where
 * our code could go wrong. The API objects here only queue operations; context.sync() carries them
 * out in order against the model (excel-model.ts), as Excel does with a batch
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts):
 *
 * - an invalid operation fails at sync with Excel's error code and a debugInfo naming the
 *   statement; what ran before it stays applied, what came after does not run, and no load of the
 *   failed batch is delivered (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling);
 * - reading a property that was not loaded and synced throws; a load captures the state at its
 *   place in the batch;
 * - getItem of a missing sheet, table, column or name fails with ItemNotFound at sync; every
 *   lookup is case-insensitive;
 * - formulas are checked when they are carried out (excel-formula-check.ts); strings are typed
 *   into cells as Excel types them (FakeWorksheet.writeCell);
 * - every request and response is measured as the JSON that travels, non-ASCII characters at six
 *   bytes (\uXXXX), and above 5 MB fails with Request- or ResponsePayloadSizeLimitExceeded, as Excel on the web
 *   does (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization);
 * - data validation: a range keeps one rule (clear() it first: setting one over another is not
 *   documented to replace it), a list's source must evaluate, and the input prompt's title is at
 *   most 32 characters and its message 255 (learn.microsoft.com/openspecs/office_standards/ms-oi29500,
 *   2.1.613 dataValidation);
 * - tables: one formula written to a whole data column makes a calculated column, which fills
 *   rows added later; differing formulas in one column are refused, because Excel's "fill formulas
 *   in tables" AutoCorrect may overwrite them depending on the row count (office-js issues 2093,
 *   5909, 6745); rows.add gives new rows the column's number format, validation and conditional
 *   formats; columns.add at an index and TableRow.delete move the cells after them with their
 *   formats, rules and names (excel-model.ts moveCells), refusing what Excel's outcome is unclear for;
 * - whole rows inserted (Range.insert down) move everything below with its tables, rules, names and
 *   charts (excel-model.ts insertSheetRows), refusing A1 references that Excel would rewrite;
 * - the selection: getSelectedRange gives the one range selected, and fails with InvalidSelection
 *   when several areas or a chart are (FakeWorkbook.selectedArea, with its sources).
 */
import { todaySerial } from "../../src/core/dates";
import { cellAddress } from "../../src/core/template/cell-text";
import { checkFormula } from "./excel-formula-check";
import {
  type Area,
  areaAddress,
  areaAt,
  areaFormula,
  checkSheetName,
  ExcelError,
  FakeChart,
  FakeNamedItem,
  FakeTable,
  FakeWorkbook,
  type FakeWorksheet,
  invalidArgument,
  invalidOperation,
  itemAlreadyExists,
  itemNotFound,
  type CellValue,
  type PageLayoutState,
  insertSheetRows,
  SHEET_COLUMNS,
} from "./excel-model";

export * from "./excel-model";
export { cellAddress };

/** Excel on the web: "payload size limit for requests and responses of 5 MB". */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** The size of a value as the JSON that travels: ASCII one byte, anything else escaped as \uXXXX. */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < json.length; i++) bytes += json.charCodeAt(i) < 0x80 ? 1 : 6;
  return bytes;
}

export class PropertyNotLoadedError extends Error {
  constructor(owner: string, property: string) {
    super(
      `The property '${property}' of ${owner} is not available. Call load("${property}") and context.sync() before reading it.`,
    );
    this.name = "PropertyNotLoadedError";
  }
}

interface Operation {
  readonly statement: string;
  readonly bytes: number;
  readonly run: () => void;
}

export class FakeContext {
  syncCount = 0;
  /** Size of each request sent (one per sync), in bytes as measured by payloadBytes. */
  readonly requestBytes: number[] = [];
  /** Size of each response received (the loaded values). */
  readonly responseBytes: number[] = [];
  /** Error codes of the syncs that failed, in order. */
  readonly failures: string[] = [];
  readonly workbook: WorkbookApi;
  private queue: Operation[] = [];
  private staged: (() => void)[] = [];
  private stagedBytes = 0;
  private suspendCalculation = false;

  constructor(readonly model: FakeWorkbook = new FakeWorkbook()) {
    this.workbook = new WorkbookApi(this);
  }

  /** Queues an operation; `payload` is what the request carries for it. */
  enqueue(statement: string, payload: unknown, run: () => void): void {
    this.queue.push({ statement, bytes: statement.length + payloadBytes(payload), run });
  }

  /** Called by a load while the batch runs: the values reach the object once the batch succeeds. */
  stage(values: unknown, deliver: () => void): void {
    this.stagedBytes += payloadBytes(values);
    this.staged.push(deliver);
  }

  suspendCalculationUntilNextSync(): void {
    this.suspendCalculation = true;
  }

  async sync(): Promise<void> {
    this.syncCount++;
    const operations = this.queue;
    this.queue = [];
    this.staged = [];
    this.stagedBytes = 0;
    const request = operations.reduce((sum, op) => sum + op.bytes, 0);
    this.requestBytes.push(request);
    this.suspendCalculation = false;
    if (request > PAYLOAD_LIMIT_BYTES) {
      this.responseBytes.push(0);
      this.failures.push("RequestPayloadSizeLimitExceeded");
      throw tooLarge("request", request);
    }
    for (let i = 0; i < operations.length; i++) {
      try {
        operations[i].run();
      } catch (error) {
        const failure =
          error instanceof ExcelError ? error : new ExcelError("GeneralException", (error as Error).message);
        failure.debugInfo = {
          code: failure.code,
          message: failure.message,
          errorLocation: operations[i].statement.replace(/\(.*$/s, ""),
          statement: operations[i].statement,
          surroundingStatements: operations.slice(Math.max(0, i - 2), i + 3).map((op) => op.statement),
        };
        this.responseBytes.push(0);
        this.failures.push(failure.code);
        this.staged = [];
        this.model.fireChanges();
        throw failure;
      }
    }
    // The suspension, queued in this batch, covers this batch's operations only.
    if (this.suspendCalculation) this.model.suspendedSyncs++;
    this.suspendCalculation = false;
    this.model.fireChanges();
    if (this.stagedBytes > PAYLOAD_LIMIT_BYTES) {
      this.responseBytes.push(0);
      this.failures.push("ResponsePayloadSizeLimitExceeded");
      throw tooLarge("response", this.stagedBytes);
    }
    this.responseBytes.push(this.stagedBytes);
    for (const deliver of this.staged) deliver();
    this.staged = [];
  }

  /** Starts afresh, as a new Excel.run would: counts cleared, loaded values forgotten. */
  reset(): void {
    this.syncCount = 0;
    this.requestBytes.length = 0;
    this.responseBytes.length = 0;
    this.failures.length = 0;
    this.queue = [];
    (this as { workbook: WorkbookApi }).workbook = new WorkbookApi(this);
  }
}

/**
 * A request too large is RequestPayloadSizeLimitExceeded; a response too large is
 * ResponsePayloadSizeLimitExceeded (Excel.ErrorCodes; learn.microsoft.com/office/dev/add-ins/
 * testing/application-specific-api-error-handling).
 */
function tooLarge(what: "request" | "response", bytes: number): ExcelError {
  const error = new ExcelError(
    what === "request" ? "RequestPayloadSizeLimitExceeded" : "ResponsePayloadSizeLimitExceeded",
    `The ${what} is ${bytes} bytes, above Excel on the web's limit of ${PAYLOAD_LIMIT_BYTES}.`,
  );
  error.debugInfo = { code: error.code, message: error.message };
  return error;
}

// ---- Loading --------------------------------------------------------------------------------

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

/** An API object: it resolves to its model object when an operation runs, and loads properties. */
abstract class ApiObject<M> {
  private resolved: M | undefined;
  private loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    protected readonly label: string,
    private readonly resolver: () => M,
  ) {}

  /** The model object, found when first used in a running batch (ItemNotFound if it is not there). */
  resolve(): M {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved;
  }

  /** Property values of the model object, by name ("*" for all). */
  protected abstract properties(model: M, names: string[]): Record<string, unknown>;

  load(spec?: unknown): this {
    const names = propertyList(spec);
    this.ctx.enqueue(`${this.label}.load(${names.join(",")})`, names, () => {
      const values = this.properties(this.resolve(), names);
      this.ctx.stage(values, () => this.deliver(values));
    });
    return this;
  }

  protected deliver(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) this.loaded.set(name, value);
  }

  protected loadedValue<T>(property: string): T {
    if (!this.loaded.has(property)) throw new PropertyNotLoadedError(this.label, property);
    return this.loaded.get(property) as T;
  }

  /** Queues an operation on the model object. */
  protected act(statement: string, payload: unknown, run: (model: M) => void): void {
    this.ctx.enqueue(`${this.label}.${statement}`, payload, () => run(this.resolve()));
  }
}

function pick(names: string[], all: Record<string, () => unknown>): Record<string, unknown> {
  const wanted = names.includes("*") ? Object.keys(all) : names.filter((n) => !n.includes("/"));
  const result: Record<string, unknown> = {};
  for (const name of wanted) {
    const read = all[name];
    if (!read) throw invalidArgument(`'${name}' is not a property that can be loaded here`);
    result[name] = read();
  }
  return result;
}

/**
 * A *OrNullObject result: isNullObject loads; anything else on a null object is refused. The
 * OfficeExtension.ClientObject reference (learn.microsoft.com/javascript/api/office/
 * officeextension.clientobject, isNullObject: "You must call context.sync() before reading") and
 * "Application-specific API model", *OrNullObject methods (learn.microsoft.com/office/dev/add-ins/
 * develop/application-specific-api-model) tell the caller to check it first; using the object
 * without that check is the doubtful case, refused here, so the add-in reads a table that may be
 * missing in a second request (readTracking, setStatusRule).
 */
const NULL = Symbol("null object");
type OrNull<M> = M | typeof NULL;

function notNull<M>(model: OrNull<M>, label: string): M {
  if (model === NULL) throw invalidOperation(`${label} is a null object: check isNullObject before using it`);
  return model;
}

/** An object a *OrNullObject call may return: isNullObject loads always, the rest on a real one. */
abstract class NullableApi<M> extends ApiObject<OrNull<M>> {
  protected abstract ownProperties(model: M): Record<string, () => unknown>;

  protected properties(model: OrNull<M>, names: string[]) {
    if (model === NULL) return pick(names, { isNullObject: () => true });
    return pick(names, { ...this.ownProperties(model), isNullObject: () => false });
  }

  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
}

// ---- Collections ----------------------------------------------------------------------------

abstract class CollectionApi<M, A> extends ApiObject<M[]> {
  private itemList: A[] | undefined;

  constructor(ctx: FakeContext, label: string, current: () => M[]) {
    super(ctx, label, current);
  }

  /** Collections list their items when loaded; re-resolved at each load. */
  override resolve(): M[] {
    return this.current();
  }
  protected abstract current(): M[];
  protected abstract wrap(model: M): A & ApiObject<unknown>;

  protected properties(models: M[], names: string[]): Record<string, unknown> {
    const itemNames = names.filter((n) => n.startsWith("items/")).map((n) => n.slice(6));
    const forItems = itemNames.length > 0 ? itemNames : ["*"];
    const items = models.map((model) => {
      const api = this.wrap(model);
      const values = (api as unknown as { properties(m: unknown, n: string[]): unknown }).properties(
        model,
        forItems,
      );
      // The API object rides along for delivery but is not part of the response's size.
      return Object.defineProperty({ values }, "api", { value: api, enumerable: false });
    });
    return { items };
  }

  protected override deliver(values: Record<string, unknown>): void {
    const items = values.items as { api: A; values: Record<string, unknown> }[];
    for (const { api, values: itemValues } of items)
      (api as unknown as { deliver(v: Record<string, unknown>): void }).deliver(itemValues);
    this.itemList = items.map((i) => i.api);
  }

  get items(): A[] {
    if (!this.itemList) throw new PropertyNotLoadedError(this.label, "items");
    return this.itemList;
  }

  getCount(): CountApi {
    return new CountApi(this.ctx, `${this.label}.getCount()`, () => this.current().length);
  }
}

class CountApi extends ApiObject<() => number> {
  constructor(ctx: FakeContext, label: string, count: () => number) {
    super(ctx, label, () => count);
    this.load("value");
  }
  protected properties(count: () => number, names: string[]) {
    return pick(names, { value: () => count() });
  }
  get value(): number {
    return this.loadedValue("value");
  }
}

// ---- Workbook -------------------------------------------------------------------------------

export class WorkbookApi {
  readonly worksheets: WorksheetCollectionApi;
  readonly tables: TableCollectionApi;
  readonly names: NamedItemCollectionApi;
  readonly protection: ProtectionApi;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  /** Workbook.getSelectedRange (ExcelApi 1.1): fails at sync unless one range is selected (FakeWorkbook.selectedArea). */
  readonly getSelectedRange: () => RangeApi;

  constructor(ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionApi(ctx);
    this.tables = new TableCollectionApi(ctx, undefined);
    this.names = new NamedItemCollectionApi(ctx);
    this.protection = new ProtectionApi(ctx, "workbook.protection", () => ({
      get: () => ctx.model.protected,
    }));
    this.getSelectedRange = () =>
      new RangeApi(ctx, "workbook.getSelectedRange()", () => ctx.model.selectedArea());
    this.application = {
      // Application.suspendApiCalculationUntilNextSync (ExcelApi 1.6).
      suspendApiCalculationUntilNextSync: () =>
        ctx.enqueue("application.suspendApiCalculationUntilNextSync()", null, () =>
          ctx.suspendCalculationUntilNextSync(),
        ),
    };
  }
}

class ProtectionApi extends ApiObject<{ get(): boolean }> {
  protected properties(model: { get(): boolean }, names: string[]) {
    return pick(names, { protected: () => model.get() });
  }
  get protected(): boolean {
    return this.loadedValue("protected");
  }
}

// ---- Worksheets -----------------------------------------------------------------------------

export class WorksheetCollectionApi extends CollectionApi<FakeWorksheet, WorksheetApi> {
  constructor(ctx: FakeContext) {
    super(ctx, "worksheets", () => ctx.model.sheets);
  }
  protected current(): FakeWorksheet[] {
    return [...this.ctx.model.sheets];
  }
  protected wrap(model: FakeWorksheet): WorksheetApi {
    return new WorksheetApi(this.ctx, `worksheet '${model.rawName}'`, () => model);
  }

  getItem(name: string): WorksheetApi {
    return new WorksheetApi(this.ctx, `worksheets.getItem('${name}')`, () => {
      const sheet = this.ctx.model.sheet(name);
      if (!sheet) throw itemNotFound(`There is no worksheet '${name}'`);
      return sheet;
    });
  }

  getItemOrNullObject(name: string): WorksheetApi {
    return new WorksheetApi(
      this.ctx,
      `worksheets.getItemOrNullObject('${name}')`,
      () => this.ctx.model.sheet(name) ?? NULL,
    );
  }

  add(name?: string): WorksheetApi {
    let created: FakeWorksheet | undefined;
    const wanted = name ?? `Sheet${this.ctx.model.sheets.length + 1}`;
    this.ctx.enqueue(`worksheets.add('${wanted}')`, wanted, () => {
      if (this.ctx.model.protected)
        throw new ExcelError("AccessDenied", "The workbook's structure is protected: sheets cannot be added");
      checkSheetName(wanted);
      created = this.ctx.model.addSheet(wanted);
    });
    return new WorksheetApi(this.ctx, `worksheet '${wanted}'`, () => {
      if (!created) throw itemNotFound(`The worksheet '${wanted}' was not added`);
      return created;
    });
  }
}

export class WorksheetApi extends NullableApi<FakeWorksheet> {
  readonly tables: TableCollectionApi;
  readonly charts: ChartCollectionApi;
  readonly protection: ProtectionApi;
  readonly freezePanes: { freezeRows(count: number): void };
  readonly pageLayout: PageLayoutApi;

  constructor(ctx: FakeContext, label: string, resolver: () => OrNull<FakeWorksheet>) {
    super(ctx, label, resolver);
    const sheet = () => notNull(this.resolve(), label);
    this.pageLayout = new PageLayoutApi(ctx, `${label}.pageLayout`, sheet);
    this.tables = new TableCollectionApi(ctx, sheet);
    this.charts = new ChartCollectionApi(ctx, label, sheet);
    this.protection = new ProtectionApi(ctx, `${label}.protection`, () => {
      const model = sheet();
      return { get: () => model.protected };
    });
    this.freezePanes = {
      freezeRows: (count: number) =>
        this.act(
          `freezePanes.freezeRows(${count})`,
          count,
          (model) => void (notNull(model, label).frozenRows = count),
        ),
    };
  }

  protected ownProperties(model: FakeWorksheet) {
    return {
      name: () => model.rawName,
      visibility: () => model.rawVisibility,
      position: () => model.workbook.sheets.indexOf(model),
    };
  }

  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.act(`name = '${value}'`, value, (model) => {
      const sheet = notNull(model, this.label);
      checkSheetName(value);
      const other = sheet.workbook.sheet(value);
      if (other && other !== sheet) throw itemAlreadyExists(`A worksheet named '${value}' already exists`);
      sheet.rawName = value;
    });
  }
  get visibility(): string {
    return this.loadedValue("visibility");
  }
  set visibility(value: string) {
    this.act(`visibility = '${value}'`, value, (model) => {
      const sheet = notNull(model, this.label);
      const visible = sheet.workbook.sheets.filter((s) => s !== sheet && s.rawVisibility === "Visible");
      if (value !== "Visible" && visible.length === 0)
        throw invalidOperation("A workbook must keep at least one visible sheet");
      sheet.rawVisibility = value;
    });
  }
  get position(): number {
    return this.loadedValue("position");
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeApi {
    const label = `${this.label}.getRangeByIndexes(${row},${column},${rowCount},${columnCount})`;
    return new RangeApi(this.ctx, label, () => {
      // A range has at least one cell (Worksheet.getRangeByIndexes: "the number of rows/columns to
      // include"); what Excel does with 0 is not documented, so it is refused.
      if (rowCount < 1 || columnCount < 1 || row < 0 || column < 0)
        throw invalidArgument("getRangeByIndexes needs a row and column count of at least 1");
      return {
        sheet: notNull(this.resolve(), this.label),
        row,
        column,
        rows: rowCount,
        columns: columnCount,
      };
    });
  }

  /** A range by its A1 address on this sheet ("B2" or "A1:C3"). */
  getRange(address: string): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.getRange('${address}')`, () =>
      areaAt(notNull(this.resolve(), this.label), address),
    );
  }

  delete(): void {
    this.act("delete()", null, (model) => {
      const sheet = notNull(model, this.label);
      if (sheet.workbook.protected)
        throw new ExcelError(
          "AccessDenied",
          "The workbook's structure is protected: sheets cannot be deleted",
        );
      if (sheet.workbook.sheets.filter((s) => s !== sheet && s.rawVisibility === "Visible").length === 0)
        throw invalidOperation("A workbook must keep at least one visible sheet");
      sheet.workbook.removeSheet(sheet);
    });
  }
}

// ---- Page layout -----------------------------------------------------------------------------

/**
 * Excel.PageOrientation and the Excel.PaperType values the double knows
 * (learn.microsoft.com/javascript/api/excel/excel.papertype). A printer without the paper (some
 * drivers lack A4) is not modelled: Excel keeps the setting and the printer substitutes.
 */
const ORIENTATIONS = ["Portrait", "Landscape"];
const PAPER_TYPES = [
  "Letter",
  "LetterSmall",
  "Tabloid",
  "Ledger",
  "Legal",
  "Statement",
  "Executive",
  "A3",
  "A4",
  "A4Small",
  "A5",
  "B4",
  "B5",
];
/** Excel specifications and limits: a header or footer holds at most 255 characters. */
const HEADER_FOOTER_CHARACTERS = 255;
const MARGINS = [
  "leftMargin",
  "rightMargin",
  "topMargin",
  "bottomMargin",
  "headerMargin",
  "footerMargin",
] as const;
const SECTIONS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
] as const;

/**
 * Worksheet.pageLayout (Excel.PageLayout, ExcelApi 1.9; "Work with page layout and print settings").
 * Rules, each from its page: orientation is a PageOrientation and paperSize a PaperType; zoom's
 * scale is 10 to 400 and is null when fitting to pages (PageLayoutZoomOptions), so both at once are
 * refused; a zoom with one fit value and not the other is not taken (office-js issue 1860: it
 * leaves Scale to Fit as it was); margins are points, not negative; setPrintTitleRows takes whole
 * rows ("$1:$2"); a header's or footer's sections hold 255 characters in all.
 */
export class PageLayoutApi extends ApiObject<FakeWorksheet> {
  // Each margin is a property defined in the constructor, with its rule.
  declare leftMargin: number;
  declare rightMargin: number;
  declare topMargin: number;
  declare bottomMargin: number;
  declare headerMargin: number;
  declare footerMargin: number;
  readonly headersFooters: { readonly defaultForAllPages: Record<(typeof SECTIONS)[number], string> };

  constructor(ctx: FakeContext, label: string, sheet: () => FakeWorksheet) {
    super(ctx, label, sheet);
    const page = {} as Record<(typeof SECTIONS)[number], string>;
    for (const section of SECTIONS)
      Object.defineProperty(page, section, {
        enumerable: true,
        get: () => this.loadedValue(section),
        set: (value: string) => {
          this.act(
            `headersFooters.defaultForAllPages.${section} = ${JSON.stringify(value)}`,
            value,
            (model) => {
              const part = section.endsWith("Header") ? "Header" : "Footer";
              const others = SECTIONS.filter((s) => s !== section && s.endsWith(part));
              const length =
                value.length +
                others.reduce((n, s) => n + (model.pageLayout.headerFooter[s] ?? "").length, 0);
              if (length > HEADER_FOOTER_CHARACTERS)
                throw invalidArgument(
                  `A ${part.toLowerCase()} holds at most ${HEADER_FOOTER_CHARACTERS} characters (Excel specifications and limits)`,
                );
              model.pageLayout.headerFooter[section] = value;
            },
          );
        },
      });
    this.headersFooters = { defaultForAllPages: page };
    for (const margin of MARGINS)
      Object.defineProperty(this, margin, {
        get: () => this.loadedValue(margin),
        set: (value: number) => {
          this.act(`${margin} = ${value}`, value, (model) => {
            // Margins are in points (excel.pagelayout reference); what Excel does with a negative
            // one is not documented, so the double refuses it (the doubtful case).
            if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
              throw invalidArgument(`${margin} is a number of points, not negative`);
            model.pageLayout[margin] = value;
          });
        },
      });
  }

  protected properties(model: FakeWorksheet, names: string[]) {
    const layout = model.pageLayout;
    return pick(names, {
      orientation: () => layout.orientation,
      paperSize: () => layout.paperSize,
      zoom: () => ({ ...layout.zoom }),
      ...Object.fromEntries(MARGINS.map((m) => [m, () => layout[m]])),
    });
  }

  get orientation(): string {
    return this.loadedValue("orientation");
  }
  set orientation(value: string) {
    this.act(`orientation = '${value}'`, value, (model) => {
      if (!ORIENTATIONS.includes(value)) throw invalidArgument(`'${value}' is not a PageOrientation`);
      model.pageLayout.orientation = value;
    });
  }
  get paperSize(): string {
    return this.loadedValue("paperSize");
  }
  set paperSize(value: string) {
    this.act(`paperSize = '${value}'`, value, (model) => {
      if (!PAPER_TYPES.includes(value)) throw invalidArgument(`'${value}' is not a PaperType`);
      model.pageLayout.paperSize = value;
    });
  }
  get zoom(): PageLayoutState["zoom"] {
    return this.loadedValue("zoom");
  }
  set zoom(value: PageLayoutState["zoom"]) {
    this.act(`zoom = ${JSON.stringify(value)}`, value, (model) => {
      const { scale, horizontalFitToPages: wide, verticalFitToPages: tall } = value;
      const fits = [wide, tall].filter((n) => n !== undefined && n !== null);
      // PageLayoutZoomOptions (excel.pagelayoutzoomoptions): scale 10 to 400, "null if fit to
      // pages" is set. Whether Excel takes both at once, a fractional scale or a fractional page
      // count is not documented: the double refuses those doubtful cases.
      if (scale !== undefined && scale !== null) {
        if (fits.length > 0) throw invalidArgument("zoom takes a scale or pages to fit, not both");
        if (!Number.isInteger(scale) || scale < 10 || scale > 400)
          throw invalidArgument("zoom.scale is between 10 and 400");
        model.pageLayout.zoom = { scale };
        return;
      }
      if (fits.some((n) => !Number.isInteger(n) || (n as number) < 0))
        throw invalidArgument("pages to fit are whole numbers, 0 for automatic");
      // One fit value alone does not take (office-js issue 1860).
      if (fits.length < 2) return;
      model.pageLayout.zoom = { horizontalFitToPages: wide, verticalFitToPages: tall };
    });
  }

  setPrintTitleRows(rows: string): void {
    this.act(`setPrintTitleRows('${rows}')`, rows, (model) => {
      const match = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      const [first, last] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
      if (!match || first < 1 || last < first)
        throw invalidArgument(`'${rows}' is not a block of whole rows such as $1:$2`);
      model.pageLayout.printTitleRows = { first, last };
    });
  }
}

// ---- Ranges ---------------------------------------------------------------------------------

type Grid = unknown[][];

function checkGrid(data: unknown, area: Area, what: string): Grid {
  if (
    !Array.isArray(data) ||
    data.length !== area.rows ||
    data.some((row) => !Array.isArray(row) || row.length !== area.columns)
  ) {
    throw invalidArgument(
      `The number of rows or columns in the ${what} array doesn't match the size of the range (${area.rows} x ${area.columns}).`,
    );
  }
  return data as Grid;
}

/** Refuses a write that would leave differing formulas in one column of a table (see the header). */
function checkCalculatedColumns(area: Area, grid: Grid): void {
  for (const table of area.sheet.workbook.allTables) {
    if (table.sheet !== area.sheet) continue;
    const bodyTop = table.headerRow + 1;
    const bodyBottom = table.headerRow + table.rowCountRaw;
    for (let c = 0; c < area.columns; c++) {
      const column = area.column + c;
      if (column < table.column || column >= table.column + table.columnCountRaw) continue;
      const index = column - table.column;
      const formulas = new Set<string>();
      let coversAll = true;
      for (let row = bodyTop; row <= bodyBottom; row++) {
        const inArea = row >= area.row && row < area.row + area.rows;
        const item = inArea ? grid[row - area.row][c] : undefined;
        let formula: string | undefined;
        if (inArea && typeof item === "string" && item.startsWith("=")) formula = item;
        else if (inArea && item !== null && item !== undefined) formula = undefined;
        else formula = area.sheet.getCell(row, column)?.formula;
        if (!inArea || typeof item !== "string" || !item.startsWith("=")) coversAll = false;
        if (formula !== undefined) formulas.add(formula.trim());
      }
      if (formulas.size > 1)
        throw invalidArgument(
          `Column '${table.headers()[index]}' of table '${table.rawName}' would hold differing formulas; Excel may turn them into one calculated column (office-js issues 2093, 5909, 6745)`,
        );
      if (coversAll && formulas.size === 1) table.calculated.set(index, [...formulas][0]);
    }
  }
}

function formulasOf(area: Area): CellValue[][] {
  return Array.from({ length: area.rows }, (_, r) =>
    Array.from({ length: area.columns }, (_, c) => {
      const cell = area.sheet.getCell(area.row + r, area.column + c);
      return cell?.formula ?? cell?.value ?? "";
    }),
  );
}

/** Values as Excel shows them. The double computes no formula but =TODAY(). */
function valuesOf(area: Area): CellValue[][] {
  return Array.from({ length: area.rows }, (_, r) =>
    Array.from({ length: area.columns }, (_, c) => {
      const cell = area.sheet.getCell(area.row + r, area.column + c);
      if (cell?.formula && /^=\s*TODAY\(\)\s*$/i.test(cell.formula)) return todaySerial();
      const computed = cell?.formula ? area.sheet.workbook.evaluate?.(cell.formula) : undefined;
      if (computed !== undefined) return computed;
      return cell?.value ?? "";
    }),
  );
}

/** Records every property set on a nested format object (font.color, fill.color ...) as an operation. */
function recordingObject(record: (path: string, value: unknown) => void, path = ""): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) =>
      typeof key === "string" ? recordingObject(record, path ? `${path}.${key}` : key) : undefined,
    set: (_target, key, value) => {
      record(path ? `${path}.${String(key)}` : String(key), value);
      return true;
    },
  });
}

/**
 * A data bar's end: ConditionalDataBarRule ("Excel.ConditionalDataBarRule interface", Office Add-ins
 * reference) is a type from ConditionalFormatRuleType and, for the types that need a value
 * (Number, Percent, Formula, Percentile), a formula; an unknown type or a missing or non-numeric
 * value for Number is refused as Excel refuses an invalid rule.
 */
const DATA_BAR_RULE_TYPES = [
  "Automatic",
  "LowestValue",
  "HighestValue",
  "Number",
  "Percent",
  "Formula",
  "Percentile",
];
function checkDataBarRule(rule: unknown): void {
  const { type, formula } = (rule ?? {}) as { type?: unknown; formula?: unknown };
  if (typeof type !== "string" || !DATA_BAR_RULE_TYPES.includes(type))
    throw invalidArgument(
      `A data bar rule's type must be one of ${DATA_BAR_RULE_TYPES.join(", ")}: ${String(type)}`,
    );
  const needsValue = ["Number", "Percent", "Formula", "Percentile"].includes(type);
  if (needsValue && (typeof formula !== "string" || formula.trim() === ""))
    throw invalidArgument(`A data bar rule of type ${type} needs its formula`);
  // Not documented: a Number end that is no number is refused, the doubtful case.
  if (type === "Number" && !Number.isFinite(Number(String(formula).replace(/^=/, ""))))
    throw invalidArgument(`A data bar rule of type Number needs a number: ${String(formula)}`);
}

const VALIDATION_KINDS = ["list", "date", "custom", "wholeNumber", "decimal", "textLength", "time"];

export class RangeApi extends ApiObject<Area> {
  readonly format: Record<string, unknown>;
  readonly dataValidation: { rule: unknown; prompt: unknown; clear(): void };
  readonly conditionalFormats: { add(type: string): Record<string, unknown>; clearAll(): void };

  constructor(ctx: FakeContext, label: string, resolver: () => Area) {
    super(ctx, label, resolver);
    this.format = recordingObject((path, value) =>
      this.act(`format.${path} = ${JSON.stringify(value)}`, value, (area) => {
        if (path === "columnWidth") {
          for (let c = 0; c < area.columns; c++) area.sheet.columnWidths.set(area.column + c, Number(value));
        } else area.sheet.formats.push({ address: areaAddress(area), property: path, value });
      }),
    );
    const range = this;
    const overlaps = (area: Area) => (v: { row: number; column: number; rows: number }) =>
      v.column >= area.column &&
      v.column < area.column + area.columns &&
      v.row < area.row + area.rows &&
      area.row < v.row + v.rows;
    this.dataValidation = {
      set rule(rule: unknown) {
        range.act("dataValidation.rule = …", rule, (area) => {
          checkValidationRule(rule, area);
          if (area.sheet.validations.some(overlaps(area)))
            throw invalidArgument(
              `${areaAddress(area)} already has a data validation rule: clear() it first`,
            );
          // Excel on the web refuses a rule over cells that already carry an input prompt
          // (office-js issue 2594): the rule goes first, then the prompt.
          if (area.sheet.prompts.some(overlaps(area)))
            throw invalidArgument(`${areaAddress(area)} already has an input prompt: set the rule before it`);
          for (let c = 0; c < area.columns; c++)
            area.sheet.validations.push({ row: area.row, column: area.column + c, rows: area.rows, rule });
        });
      },
      get rule() {
        throw new PropertyNotLoadedError(label, "dataValidation.rule");
      },
      set prompt(prompt: unknown) {
        range.act("dataValidation.prompt = …", prompt, (area) => {
          const { title = "", message = "" } = (prompt ?? {}) as { title?: string; message?: string };
          if (title.length > 32)
            throw invalidArgument(`A prompt title holds at most 32 characters: '${title}'`);
          if (message.length > 255)
            throw invalidArgument(`A prompt message holds at most 255 characters (${message.length})`);
          for (let c = 0; c < area.columns; c++)
            area.sheet.prompts.push({ row: area.row, column: area.column + c, rows: area.rows, prompt });
        });
      },
      get prompt() {
        throw new PropertyNotLoadedError(label, "dataValidation.prompt");
      },
      clear() {
        range.act("dataValidation.clear()", null, (area) => {
          const sheet = area.sheet;
          const keptRules = sheet.validations.filter((v) => !overlaps(area)(v));
          sheet.validations.splice(0, sheet.validations.length, ...keptRules);
          const keptPrompts = sheet.prompts.filter((p) => !overlaps(area)(p));
          sheet.prompts.splice(0, sheet.prompts.length, ...keptPrompts);
        });
      },
    };
    this.conditionalFormats = {
      add: (type: string) => {
        const settings: Record<string, unknown> = {};
        this.act(`conditionalFormats.add('${type}')`, type, (area) => {
          for (let c = 0; c < area.columns; c++)
            area.sheet.conditionalFormats.push({
              row: area.row,
              column: area.column + c,
              rows: area.rows,
              type,
              settings,
            });
        });
        return recordingObject((path, value) =>
          this.act(`conditionalFormat.${path} = ${JSON.stringify(value)}`, value, () => {
            if (/^dataBar\.(lower|upper)BoundRule$/.test(path)) checkDataBarRule(value);
            settings[path] = value;
          }),
        );
      },
      clearAll: () =>
        this.act("conditionalFormats.clearAll()", null, (area) => {
          const kept = area.sheet.conditionalFormats.filter((f) => !overlaps(area)(f));
          area.sheet.conditionalFormats.splice(0, area.sheet.conditionalFormats.length, ...kept);
        }),
    };
  }

  protected properties(area: Area, names: string[]) {
    return pick(names, {
      address: () => areaAddress(area),
      rowCount: () => area.rows,
      columnCount: () => area.columns,
      rowIndex: () => area.row,
      columnIndex: () => area.column,
      values: () => valuesOf(area),
      formulas: () => formulasOf(area),
      numberFormat: () =>
        Array.from({ length: area.rows }, (_, r) =>
          Array.from(
            { length: area.columns },
            (_, c) => area.sheet.getCell(area.row + r, area.column + c)?.numberFormat ?? "General",
          ),
        ),
    });
  }

  private derived(name: string, derive: (area: Area) => Area): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.${name}`, () => derive(this.resolve()));
  }

  getLastRow(): RangeApi {
    return this.derived("getLastRow()", (a) => ({ ...a, row: a.row + a.rows - 1, rows: 1 }));
  }
  getRow(index: number): RangeApi {
    return this.derived(`getRow(${index})`, (a) => {
      if (index < 0 || index >= a.rows) throw invalidArgument(`The range has no row ${index}`);
      return { ...a, row: a.row + index, rows: 1 };
    });
  }
  getColumn(index: number): RangeApi {
    return this.derived(`getColumn(${index})`, (a) => {
      if (index < 0 || index >= a.columns) throw invalidArgument(`The range has no column ${index}`);
      return { ...a, column: a.column + index, columns: 1 };
    });
  }
  /**
   * Range.insert (ExcelApi 1.1): the double models whole rows shifted down (excel-model.ts
   * insertSheetRows), and refuses any other shape or direction rather than guess what Excel moves.
   */
  insert(shift: string): RangeApi {
    this.act(`insert(${JSON.stringify(shift)})`, shift, (area) => {
      if (shift !== "Down" || area.column !== 0 || area.columns !== SHEET_COLUMNS)
        throw invalidOperation(
          `insert("${shift}") on ${areaAddress(area)}: the double models inserting whole rows down only`,
        );
      insertSheetRows(area.sheet, area.row, area.rows);
    });
    return this.derived("insert()", (a) => a);
  }
  getCell(row: number, column: number): RangeApi {
    return this.derived(`getCell(${row},${column})`, (a) => ({
      ...a,
      row: a.row + row,
      column: a.column + column,
      rows: 1,
      columns: 1,
    }));
  }
  getOffsetRange(rows: number, columns: number): RangeApi {
    return this.derived(`getOffsetRange(${rows},${columns})`, (a) => {
      if (a.row + rows < 0 || a.column + columns < 0) throw invalidArgument("The offset leaves the sheet");
      return { ...a, row: a.row + rows, column: a.column + columns };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeApi {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (a) => {
      if (a.rows + deltaRows < 1 || a.columns + deltaColumns < 1)
        throw invalidArgument("The range would be empty");
      return { ...a, rows: a.rows + deltaRows, columns: a.columns + deltaColumns };
    });
  }
  /** The cells this range shares with another on the same sheet (ItemNotFound when none). */
  getIntersection(other: RangeApi): RangeApi {
    return this.derived("getIntersection(…)", (a) => {
      const b = other.resolve();
      const row = Math.max(a.row, b.row);
      const column = Math.max(a.column, b.column);
      const lastRow = Math.min(a.row + a.rows, b.row + b.rows) - 1;
      const lastColumn = Math.min(a.column + a.columns, b.column + b.columns) - 1;
      if (a.sheet !== b.sheet || lastRow < row || lastColumn < column)
        throw itemNotFound("The ranges do not intersect");
      return { sheet: a.sheet, row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
    });
  }

  /** Range.worksheet (ExcelApi 1.1): the sheet the range is on. */
  get worksheet(): WorksheetApi {
    return new WorksheetApi(this.ctx, `${this.label}.worksheet`, () => this.resolve().sheet);
  }

  get address(): string {
    return this.loadedValue("address");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }
  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }

  get values(): CellValue[][] {
    return this.loadedValue("values");
  }
  set values(data: CellValue[][]) {
    this.write("values", data);
  }
  get formulas(): CellValue[][] {
    return this.loadedValue("formulas");
  }
  set formulas(data: CellValue[][]) {
    this.write("formulas", data);
  }

  private write(what: string, data: unknown): void {
    this.act(`${what} = …`, data, (area) => {
      const grid = checkGrid(data, area, what);
      checkCalculatedColumns(area, grid);
      area.sheet.workbook.markChanged(area.sheet, area.row, area.rows);
      grid.forEach((row, r) =>
        row.forEach((item, c) => area.sheet.writeCell(area.row + r, area.column + c, item)),
      );
    });
  }

  get numberFormat(): string[][] {
    return this.loadedValue("numberFormat");
  }
  set numberFormat(data: string[][]) {
    this.act("numberFormat = …", data, (area) => {
      const grid = checkGrid(data, area, "numberFormat");
      grid.forEach((row, r) =>
        row.forEach((item, c) => {
          if (item === null || item === undefined) return;
          const cell = area.sheet.getCell(area.row + r, area.column + c) ?? { value: "" };
          // "" resets the format to General (excel-add-ins-blank-null-values).
          const { numberFormat: _old, ...rest } = cell;
          void _old;
          area.sheet.setCell(
            area.row + r,
            area.column + c,
            item === "" ? rest : { ...rest, numberFormat: String(item) },
          );
        }),
      );
    });
  }
}

/**
 * A rule's formulas must be valid where they apply, and a list's source must evaluate to a range
 * or a list (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation; Excel
 * refuses "The source currently evaluates to an error" for a name that does not exist).
 */
function checkValidationRule(rule: unknown, area: Area): void {
  const entries = Object.entries((rule ?? {}) as Record<string, Record<string, unknown>>);
  if (entries.length !== 1 || !VALIDATION_KINDS.includes(entries[0][0]))
    throw invalidArgument(`A data validation rule has exactly one of ${VALIDATION_KINDS.join(", ")}`);
  const [kind, settings] = entries[0];
  const workbook = area.sheet.workbook;
  const place = { workbook, sheet: area.sheet, row: area.row, column: area.column };
  if (kind === "list") {
    const source = String(settings.source ?? "");
    if (!source.startsWith("=")) {
      if (source.trim() === "") throw invalidArgument("A list validation needs a source");
      return;
    }
    const found = checkFormula(source, place);
    for (const name of found.names) {
      const item = workbook.names.find(name);
      if (!item || !workbook.nameArea(item))
        throw invalidArgument(
          `The list source ${source} does not evaluate: there is no name '${name}' that refers to cells`,
        );
    }
    return;
  }
  const formulas = kind === "custom" ? [settings.formula] : [settings.formula1, settings.formula2];
  for (const formula of formulas) {
    if (formula === undefined || typeof formula === "number") continue;
    const text = String(formula);
    if (text.startsWith("=")) checkFormula(text, place);
    else if (kind === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text))
      throw invalidArgument(`A date rule's limit must be a number, an ISO date or a formula, not '${text}'`);
  }
}

// ---- Tables ---------------------------------------------------------------------------------

export class TableCollectionApi extends CollectionApi<FakeTable, TableApi> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => FakeWorksheet) | undefined,
  ) {
    super(ctx, sheet ? "worksheet.tables" : "tables", () => []);
  }
  protected current(): FakeTable[] {
    const sheet = this.sheet?.();
    return this.ctx.model.allTables.filter((t) => !sheet || t.sheet === sheet);
  }
  protected wrap(model: FakeTable): TableApi {
    return new TableApi(this.ctx, `table '${model.rawName}'`, () => model);
  }

  getItem(name: string): TableApi {
    return new TableApi(this.ctx, `tables.getItem('${name}')`, () => {
      const table = this.current().find((t) => t.rawName.toLowerCase() === name.toLowerCase());
      if (!table) throw itemNotFound(`There is no table '${name}'`);
      return table;
    });
  }

  getItemOrNullObject(name: string): TableApi {
    return new TableApi(
      this.ctx,
      `tables.getItemOrNullObject('${name}')`,
      () => this.current().find((t) => t.rawName.toLowerCase() === name.toLowerCase()) ?? NULL,
    );
  }

  /**
   * A table over a range whose first row holds the headers (TableCollection.add). Excel names
   * blank headers Column1, Column2 ... and gives a header-only table one blank data row.
   */
  add(address: RangeApi | string, hasHeaders: boolean): TableApi {
    let created: FakeTable | undefined;
    this.ctx.enqueue("tables.add(…)", null, () => {
      if (!hasHeaders) throw invalidArgument("The double creates tables with headers only");
      if (typeof address === "string")
        throw invalidArgument("The double takes a range object for tables.add");
      const area = address.resolve();
      const model = this.ctx.model;
      const overlapping = model.allTables.find(
        (t) =>
          t.sheet === area.sheet &&
          area.row <= t.headerRow + t.rowCountRaw &&
          t.headerRow <= area.row + area.rows - 1 &&
          area.column <= t.column + t.columnCountRaw - 1 &&
          t.column <= area.column + area.columns - 1,
      );
      if (overlapping) throw invalidArgument(`A table cannot overlap table '${overlapping.rawName}'`);
      const seen = new Set<string>();
      for (let c = 0; c < area.columns; c++) {
        const cell = area.sheet.getCell(area.row, area.column + c);
        let header = cell?.formula ? "" : String(cell?.value ?? "").trim();
        if (header === "") header = `Column${c + 1}`;
        if (seen.has(header.toLowerCase()))
          throw invalidArgument(
            `The header '${header}' appears twice: the double refuses what Excel would rename`,
          );
        seen.add(header.toLowerCase());
        area.sheet.setCell(area.row, area.column + c, { value: header });
      }
      let n = model.allTables.length + 1;
      while (model.table(`Table${n}`) || model.names.find(`Table${n}`)) n++;
      created = new FakeTable(
        area.sheet,
        area.row,
        area.column,
        area.columns,
        Math.max(1, area.rows - 1),
        `Table${n}`,
      );
      model.allTables.push(created);
    });
    return new TableApi(this.ctx, "the new table", () => {
      if (!created) throw itemNotFound("The table was not added");
      return created;
    });
  }
}

export class TableApi extends NullableApi<FakeTable> {
  readonly columns: TableColumnCollectionApi;
  readonly rows: TableRowCollectionApi;
  readonly worksheet: WorksheetApi;
  readonly onChanged: { add(handler: () => Promise<unknown> | void): { remove(): void } };

  constructor(ctx: FakeContext, label: string, resolver: () => OrNull<FakeTable>) {
    super(ctx, label, resolver);
    const table = () => notNull(this.resolve(), label);
    this.columns = new TableColumnCollectionApi(ctx, label, table);
    this.rows = new TableRowCollectionApi(ctx, label, table);
    this.worksheet = new WorksheetApi(ctx, `${label}.worksheet`, () => table().sheet);
    this.onChanged = {
      add: (handler) => {
        this.act(
          "onChanged.add(…)",
          null,
          (model) => void notNull(model, label).changeHandlers.push(handler),
        );
        return {
          remove: () =>
            this.act("onChanged.remove()", null, (model) => {
              const handlers = notNull(model, label).changeHandlers;
              handlers.splice(handlers.indexOf(handler), 1);
            }),
        };
      },
    };
  }

  protected ownProperties(model: FakeTable) {
    return {
      name: () => model.rawName,
      showTotals: () => model.showTotals,
      style: () => model.style,
    };
  }

  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.act(`name = '${value}'`, value, (model) => {
      const table = notNull(model, this.label);
      table.sheet.workbook.checkNewName(value, "table name", table);
      table.rawName = value;
    });
  }
  set showTotals(value: boolean) {
    this.act(`showTotals = ${value}`, value, (model) => void (notNull(model, this.label).showTotals = value));
  }
  set style(value: string) {
    this.act(`style = '${value}'`, value, (model) => void (notNull(model, this.label).style = value));
  }

  private area(name: string, derive: (t: FakeTable) => Area): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.${name}`, () => derive(notNull(this.resolve(), this.label)));
  }
  getDataBodyRange(): RangeApi {
    return this.area("getDataBodyRange()", (t) => t.bodyArea());
  }
  getHeaderRowRange(): RangeApi {
    return this.area("getHeaderRowRange()", (t) => ({ ...t.bodyArea(), row: t.headerRow, rows: 1 }));
  }
  getRange(): RangeApi {
    return this.area("getRange()", (t) => ({ ...t.bodyArea(), row: t.headerRow, rows: t.rowCountRaw + 1 }));
  }
}

export class TableColumnCollectionApi extends CollectionApi<
  { table: FakeTable; index: number },
  TableColumnApi
> {
  constructor(
    ctx: FakeContext,
    label: string,
    private readonly table: () => FakeTable,
  ) {
    super(ctx, `${label}.columns`, () => []);
  }
  protected current() {
    const table = this.table();
    return Array.from({ length: table.columnCountRaw }, (_, index) => ({ table, index }));
  }
  protected wrap(model: { table: FakeTable; index: number }): TableColumnApi {
    return new TableColumnApi(this.ctx, `column ${model.index} of '${model.table.rawName}'`, () => model);
  }

  getItem(name: string): TableColumnApi {
    return new TableColumnApi(this.ctx, `${this.label}.getItem('${name}')`, () => {
      const table = this.table();
      const index = table.columnIndex(name);
      if (index < 0) throw itemNotFound(`Table '${table.rawName}' has no column '${name}'`);
      return { table, index };
    });
  }

  /**
   * Adds a column, its body blank: at the right (index null or -1), or at `index`, the columns from
   * there moving right with their cells, rules and formats (FakeTable.insertColumn). ExcelApi 1.1
   * "requires an index smaller than the total column count"; 1.4 appends with null or -1
   * (TableColumnCollection.add): any other index is refused.
   */
  add(index: number | null | undefined, values: unknown, name?: string): TableColumnApi {
    let created: { table: FakeTable; index: number } | undefined;
    this.ctx.enqueue(`${this.label}.add(${index ?? null}, …, '${name}')`, name ?? null, () => {
      const table = this.table();
      const appends = index === null || index === undefined || index === -1;
      if (!appends && !(Number.isInteger(index) && index >= 0 && index < table.columnCountRaw))
        throw invalidArgument(
          `Column index ${index} of '${table.rawName}' is not below its ${table.columnCountRaw} columns: append with null`,
        );
      if (values !== undefined && values !== null)
        throw invalidArgument("The double adds columns without values; write them after");
      const header = name ?? `Column${table.columnCountRaw + 1}`;
      if (table.columnIndex(header) >= 0)
        throw invalidArgument(`Table '${table.rawName}' already has a column '${header}'`);
      if (!appends) {
        table.insertColumn(index, header);
        created = { table, index };
        return;
      }
      const column = table.column + table.columnCountRaw;
      const neighbour = table.sheet.tableAt(table.headerRow, column);
      if (neighbour) throw invalidArgument(`A new column would overlap table '${neighbour.rawName}'`);
      table.sheet.setCell(table.headerRow, column, { value: header });
      table.columnCountRaw++;
      created = { table, index: table.columnCountRaw - 1 };
    });
    return new TableColumnApi(this.ctx, `the new column '${name}'`, () => {
      if (!created) throw itemNotFound("The column was not added");
      return created;
    });
  }
}

export class TableColumnApi extends ApiObject<{ table: FakeTable; index: number }> {
  protected properties(model: { table: FakeTable; index: number }, names: string[]) {
    return pick(names, {
      name: () => model.table.headers()[model.index],
      index: () => model.index,
    });
  }
  get name(): string {
    return this.loadedValue("name");
  }
  get index(): number {
    return this.loadedValue("index");
  }
  getDataBodyRange(): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.getDataBodyRange()`, () => {
      const { table, index } = this.resolve();
      return { ...table.bodyArea(), column: table.column + index, columns: 1 };
    });
  }
  getRange(): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.getRange()`, () => {
      const { table, index } = this.resolve();
      return {
        sheet: table.sheet,
        row: table.headerRow,
        column: table.column + index,
        rows: table.rowCountRaw + 1,
        columns: 1,
      };
    });
  }
}

export class TableRowCollectionApi extends ApiObject<FakeTable> {
  constructor(ctx: FakeContext, label: string, table: () => FakeTable) {
    super(ctx, `${label}.rows`, table);
  }
  protected properties(table: FakeTable, names: string[]) {
    return pick(names, { count: () => table.rowCountRaw });
  }
  get count(): number {
    return this.loadedValue("count");
  }

  /**
   * The row at `index` of the data body. A TableRow "represents the physical location of the table
   * row, but not the data" (TableRowCollection.getItemAt, ExcelApi 1.1): it stays that index.
   */
  getItemAt(index: number): TableRowApi {
    return new TableRowApi(this.ctx, `${this.label}.getItemAt(${index})`, () => {
      const table = this.resolve();
      if (!Number.isInteger(index) || index < 0 || index >= table.rowCountRaw)
        throw itemNotFound(`Table '${table.rawName}' has no row ${index}`);
      return { table, index };
    });
  }

  /**
   * Appends rows at the end of the table (index null), as co-authoring needs. New rows take each
   * column's number format, validation and conditional formats from the row above, and a calculated
   * column's formula where the value given is null; any other value in a calculated column is
   * refused (whether Excel keeps it or fills the formula is not documented).
   */
  add(index: number | null | undefined, values: unknown[][]): void {
    this.act(`add(null, ${Array.isArray(values) ? values.length : "?"} rows)`, values, (table) => {
      if (index !== null && index !== undefined)
        throw invalidArgument("The add-in must append at the table's end (index null)");
      const sheet = table.sheet;
      const start = table.headerRow + 1 + table.rowCountRaw;
      const area: Area = {
        sheet,
        row: start,
        column: table.column,
        rows: values.length,
        columns: table.columnCountRaw,
      };
      const grid = checkGrid(values, area, "rows.add values");
      // Excel makes room by moving what is below the table; whether it moves other tables or
      // refuses is not documented for TableRowCollection.add, so the double refuses both.
      for (let r = 0; r < grid.length; r++)
        for (let c = 0; c < table.columnCountRaw; c++) {
          if (sheet.getCell(start + r, table.column + c) || sheet.tableAt(start + r, table.column + c))
            throw invalidArgument(
              `Adding rows to '${table.rawName}' would move the cells below it: the double refuses it`,
            );
        }
      for (const [column, formula] of table.calculated) {
        if (grid.some((row) => row[column] !== null && row[column] !== undefined))
          throw invalidArgument(
            `Column '${table.headers()[column]}' of '${table.rawName}' is a calculated column: give null there`,
          );
        void formula;
      }
      // Differing formulas in one column, among the rows there and the rows added, are refused as
      // for a write: Excel may fill the column with the bottom one (office-js issue 6745).
      for (let c = 0; c < table.columnCountRaw; c++) {
        const formulas = new Set<string>();
        for (let row = table.headerRow + 1; row < start; row++) {
          const formula = sheet.getCell(row, table.column + c)?.formula;
          if (formula !== undefined) formulas.add(formula.trim());
        }
        for (const row of grid)
          if (typeof row[c] === "string" && (row[c] as string).startsWith("="))
            formulas.add((row[c] as string).trim());
        if (formulas.size > 1)
          throw invalidArgument(
            `Column '${table.headers()[c]}' of table '${table.rawName}' would hold differing formulas; Excel may turn them into one calculated column (office-js issues 2093, 5909, 6745)`,
          );
      }
      const last = start - 1;
      for (let c = 0; c < table.columnCountRaw; c++) {
        const column = table.column + c;
        const format = sheet.getCell(last, column)?.numberFormat;
        if (format)
          for (let r = 0; r < grid.length; r++)
            sheet.setCell(start + r, column, { value: "", numberFormat: format });
        for (const list of [sheet.validations, sheet.prompts, sheet.conditionalFormats])
          for (const item of list)
            if (item.column === column && item.row + item.rows - 1 === last) item.rows += grid.length;
      }
      table.rowCountRaw += grid.length;
      sheet.workbook.markChanged(sheet, start, grid.length);
      grid.forEach((row, r) =>
        row.forEach((item, c) => {
          const formula = table.calculated.get(c);
          sheet.writeCell(
            start + r,
            table.column + c,
            formula !== undefined && (item === null || item === undefined) ? formula : item,
          );
        }),
      );
      table.addCalls++;
    });
  }
}

/** A row of a table's data body, by its index (TableRow, ExcelApi 1.1). */
export class TableRowApi extends ApiObject<{ table: FakeTable; index: number }> {
  protected properties(model: { table: FakeTable; index: number }, names: string[]) {
    return pick(names, {
      index: () => model.index,
      values: () => model.table.dataValues()[model.index] && [model.table.dataValues()[model.index]],
    });
  }
  /** TableRow.delete: "Deletes the row from the table"; the rows below move up (FakeTable.deleteRow). */
  delete(): void {
    this.act("delete()", null, ({ table, index }) => {
      if (index >= table.rowCountRaw) throw itemNotFound(`Table '${table.rawName}' has no row ${index}`);
      table.deleteRow(index);
    });
  }
}

// ---- Names ----------------------------------------------------------------------------------

export class NamedItemCollectionApi extends CollectionApi<FakeNamedItem, NamedItemApi> {
  constructor(ctx: FakeContext) {
    super(ctx, "names", () => []);
  }
  protected current(): FakeNamedItem[] {
    return [...this.ctx.model.names.all];
  }
  protected wrap(model: FakeNamedItem): NamedItemApi {
    return new NamedItemApi(this.ctx, `name '${model.rawName}'`, () => model);
  }

  /** NamedItemCollection.add: a valid name, unique among names and tables, with a formula that parses. */
  add(name: string, reference: RangeApi | string, comment?: string): NamedItemApi {
    let created: FakeNamedItem | undefined;
    const payload = typeof reference === "string" ? reference : null;
    this.ctx.enqueue(`names.add('${name}', …)`, [name, payload, comment ?? null], () => {
      const model = this.ctx.model;
      model.checkNewName(name, "name");
      const formula = typeof reference === "string" ? reference : areaFormula(reference.resolve());
      if (!formula.startsWith("="))
        throw invalidArgument(`The formula of a name starts with "=": ${formula}`);
      checkFormula(formula, { workbook: model });
      created = new FakeNamedItem(name, formula, comment);
      model.names.all.push(created);
    });
    return new NamedItemApi(this.ctx, `the new name '${name}'`, () => {
      if (!created) throw itemNotFound(`The name '${name}' was not added`);
      return created;
    });
  }

  getItem(name: string): NamedItemApi {
    return new NamedItemApi(this.ctx, `names.getItem('${name}')`, () => {
      const item = this.ctx.model.names.find(name);
      if (!item) throw itemNotFound(`There is no name '${name}'`);
      return item;
    });
  }

  getItemOrNullObject(name: string): NamedItemApi {
    return new NamedItemApi(
      this.ctx,
      `names.getItemOrNullObject('${name}')`,
      () => this.ctx.model.names.find(name) ?? NULL,
    );
  }
}

export class NamedItemApi extends NullableApi<FakeNamedItem> {
  protected ownProperties(model: FakeNamedItem) {
    return {
      name: () => model.rawName,
      formula: () => model.rawFormula,
      comment: () => model.comment,
    };
  }

  get name(): string {
    return this.loadedValue("name");
  }
  get formula(): string {
    return this.loadedValue("formula");
  }
  set formula(value: string) {
    this.act(`formula = ${value}`, value, (model) => {
      const item = notNull(model, this.label);
      if (!value.startsWith("=")) throw invalidArgument(`The formula of a name starts with "=": ${value}`);
      checkFormula(value, { workbook: this.ctx.model });
      item.rawFormula = value;
    });
  }
  delete(): void {
    this.act("delete()", null, (model) => {
      const item = notNull(model, this.label);
      const all = this.ctx.model.names.all;
      all.splice(all.indexOf(item), 1);
    });
  }
  /** The range the name refers to; a name holding a constant has none (InvalidArgument). */
  getRange(): RangeApi {
    return new RangeApi(this.ctx, `${this.label}.getRange()`, () => {
      const item = notNull(this.resolve(), this.label);
      const area = this.ctx.model.nameArea(item);
      if (!area) throw invalidArgument(`The name '${item.rawName}' does not refer to a range`);
      return area;
    });
  }
}

// ---- Charts ---------------------------------------------------------------------------------

export class ChartCollectionApi extends CollectionApi<FakeChart, ChartApi> {
  constructor(
    ctx: FakeContext,
    label: string,
    private readonly sheet: () => FakeWorksheet,
  ) {
    super(ctx, `${label}.charts`, () => []);
  }
  protected current(): FakeChart[] {
    return [...this.sheet().charts.all];
  }
  protected wrap(model: FakeChart): ChartApi {
    return new ChartApi(this.ctx, `chart '${model.rawName}'`, () => model);
  }
  add(type: string, source: RangeApi, seriesBy?: string): ChartApi {
    let created: FakeChart | undefined;
    this.ctx.enqueue(`${this.label}.add('${type}', …, '${seriesBy ?? "Auto"}')`, type, () => {
      const sheet = this.sheet();
      const area = source.resolve();
      created = new FakeChart(`Chart ${sheet.charts.all.length + 1}`, type, area);
      sheet.charts.all.push(created);
    });
    return new ChartApi(this.ctx, "the new chart", () => {
      if (!created) throw itemNotFound("The chart was not added");
      return created;
    });
  }
}

export class ChartApi extends ApiObject<FakeChart> {
  readonly title: { text: string };
  constructor(ctx: FakeContext, label: string, resolver: () => FakeChart) {
    super(ctx, label, resolver);
    const chart = this;
    this.title = {
      set text(value: string) {
        chart.act(`title.text = '${value}'`, value, (model) => void (model.title = value));
      },
      get text(): string {
        throw new PropertyNotLoadedError(label, "title.text");
      },
    };
  }
  protected properties(model: FakeChart, names: string[]) {
    return pick(names, { name: () => model.rawName });
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.act(`name = '${value}'`, value, (model) => void (model.rawName = value));
  }
  setPosition(start: string, end?: string): void {
    this.act(`setPosition('${start}', '${end ?? ""}')`, [start, end ?? null], (model) => {
      for (const address of [start, end].filter(Boolean) as string[])
        if (!/^[A-Z]{1,3}\d+$/.test(address)) throw invalidArgument(`'${address}' is not a cell address`);
      model.position = [start, end ?? start];
    });
  }
}
