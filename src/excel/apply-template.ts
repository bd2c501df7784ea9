/**
 * Applying the tracking-workbook template: creates what is missing, upgrades older versions in
 * place, repairs what a half-built workbook lacks, and changes nothing a person entered. Three
 * round trips whatever the workbook holds: two reads (readWorkbookState) and one write, whose
 * operations run in the order planWrites derives from what each formula and rule refers to, then
 * the rewrites of seeded cells still holding an earlier version's text (their tables exist).
 */
import type { Language } from "../core/language";
import { STATUS_LABELS } from "../core/progress";
import { cellAddress, rangeFormula, valueForCell } from "../core/template/cell-text";
import type { DataBarBounds, TableSpec } from "../core/template/structure";
import {
  CHART_NAME,
  decideTemplateChanges,
  type SeededCellChange,
  type SheetPage,
  type TemplateChanges,
  type WorkbookState,
} from "../core/template/template-changes";
import { DATE_FORMAT, frozenRows, sheetSpec, STATUS_COLOURS, tableSpec } from "../core/template/template";
import { planWrites, type WriteStep } from "../core/template/write-plan";
import { PAGE_LAYOUT_REQUIREMENT, queuePageLayout } from "./page-layout";
import { officeSetSupported, type SetSupported } from "./requirements";
import { AT_END } from "./tables";
import { type OurTableHandles, readWorkbookState } from "./workbook-state";

/** What applying did: the changes decided, with sheets, tables and columns by the names they got. */
export interface ApplyReport extends Pick<
  TemplateChanges,
  "language" | "fromVersion" | "toVersion" | "conflicts"
> {
  readonly createdSheets: readonly string[];
  readonly createdTables: readonly string[];
  readonly addedColumns: readonly string[];
  readonly addedRows: number;
  /** Seeded cells brought from an earlier version's text to the current one. */
  readonly updatedCells: number;
  /** Rows an earlier version wrote that the template no longer has, deleted. */
  readonly retiredRows: number;
  /** Defined names an earlier version wrote that nothing uses now, deleted. */
  readonly retiredNames: readonly string[];
  /**
   * The sheets whose page setup was written; "unsupported" when this Excel lacks the page layout
   * API (ExcelApi 1.9), the rest of the template then applied all the same.
   */
  readonly pageLayout: readonly string[] | "unsupported";
}

export interface ApplyOptions {
  /** Office's requirement-set check; outside Office (a double of Excel) every set is there. */
  readonly supports?: SetSupported;
}

function defaultSupports(): SetSupported {
  return typeof Office === "undefined" ? () => true : officeSetSupported;
}

/** The workbook's structure is protected, and the template needs sheets it cannot add. */
export class WorkbookProtectedError extends Error {
  constructor(readonly sheets: readonly string[]) {
    super(`The workbook's structure is protected, so the sheets ${sheets.join(", ")} cannot be added.`);
    this.name = "WorkbookProtectedError";
  }
}

/** Points per character of the default font, for column widths given in characters. */
const POINTS_PER_CHARACTER = 5.6;

export async function applyTemplate(
  context: Excel.RequestContext,
  requested: Language,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const supports = options.supports ?? defaultSupports();
  const { state, handles } = await readWorkbookState(context);
  const changes = decideTemplateChanges(state, requested);
  const created = changes.sheets.filter((s) => s.create).map((s) => s.name);
  if (state.structureProtected && created.length > 0) throw new WorkbookProtectedError(created);
  const writer = new TemplateWriter(context, changes, handles);
  // First: the title rows of sheets from before them, so every later write finds its cells placed.
  writer.insertTitleRows(state);
  // Then: seeded cells are placed by the tables' columns as they are, before any column is inserted.
  for (const change of changes.seededCells) writer.rewrite(change);
  for (const step of planWrites(changes)) writer.write(step);
  const pagesSupported = supports(PAGE_LAYOUT_REQUIREMENT.set, PAGE_LAYOUT_REQUIREMENT.version);
  if (pagesSupported) for (const page of changes.pages) writer.pageLayout(page);
  // Last: the positions of the retired rows are the table's before any change.
  writer.retire();
  await context.sync();
  return {
    language: changes.language,
    fromVersion: changes.fromVersion,
    toVersion: changes.toVersion,
    createdSheets: created,
    createdTables: changes.newTables.map((t) => t.name),
    addedColumns: changes.newColumns.flatMap((c) =>
      c.columns.map((column) => `${c.table.name}[${column.header[changes.language]}]`),
    ),
    addedRows: changes.newRows.reduce((sum, r) => sum + r.rows.length, 0),
    updatedCells: changes.seededCells.length,
    retiredRows: changes.retiredRows.reduce((sum, r) => sum + r.rows.length, 0),
    retiredNames: changes.retiredNames,
    conflicts: changes.conflicts,
    pageLayout: pagesSupported ? changes.pages.map((page) => page.placement.name) : "unsupported",
  };
}

/** Queues each planned step as Excel calls, keeping the sheets and tables it makes for later steps. */
class TemplateWriter {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  private readonly tables = new Map<string, Excel.Table>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly changes: TemplateChanges,
    handles: ReadonlyMap<string, OurTableHandles>,
  ) {
    for (const placement of changes.sheets)
      if (!placement.create)
        this.sheets.set(placement.spec.id, context.workbook.worksheets.getItem(placement.name));
    for (const [name, handle] of handles) this.tables.set(name, handle.table);
  }

  private table(spec: TableSpec): Excel.Table {
    return this.tables.get(spec.name.toLowerCase())!;
  }

  private body(spec: TableSpec, header: string): Excel.Range {
    return this.table(spec).columns.getItem(header).getDataBodyRange();
  }

  write(step: WriteStep): void {
    const language = this.changes.language;
    switch (step.kind) {
      case "sheet": {
        const sheet = this.context.workbook.worksheets.add(step.placement.name);
        if (step.placement.spec.hidden) sheet.visibility = "Hidden";
        const frozen = frozenRows(step.placement.spec);
        if (frozen > 0) sheet.freezePanes.freezeRows(frozen);
        this.sheets.set(step.placement.spec.id, sheet);
        return;
      }
      case "table":
        return this.createTable(step.table, step.block);
      case "column":
        // At its place in the template (ExcelApi 1.1 takes an index below the column count), or
        // appended (null: ExcelApi 1.4).
        this.table(step.table).columns.add(step.at ?? AT_END, undefined, step.column.header[language]);
        return;
      case "rows":
        this.table(step.table).rows.add(AT_END, step.rows as (string | number | boolean)[][]);
        return;
      case "name": {
        const name = step.name;
        if (name.kind === "constant") {
          if (name.exists) this.context.workbook.names.getItem(name.name).formula = name.formula;
          else this.context.workbook.names.add(name.name, name.formula);
        } else {
          // By its address, not a Range object (office-js issues 1345 and 2078 report failures).
          const sheetName = this.changes.sheets.find((p) => p.spec.id === name.sheet)!.name;
          this.context.workbook.names.add(
            name.name,
            rangeFormula(sheetName, name.row, name.column, name.rows),
          );
        }
        return;
      }
      case "numberFormat":
        this.body(step.table, step.column.header[language]).numberFormat = Array.from(
          { length: step.rows },
          () => [step.format],
        );
        return;
      case "alignment":
        this.body(step.table, step.column.header[language]).format.horizontalAlignment = step.horizontal;
        return;
      case "formula":
        this.body(step.table, step.column.header[language]).formulas = Array.from(
          { length: step.rows },
          () => [step.formula],
        );
        return;
      case "validation": {
        const body = this.body(step.table, step.column.header[language]);
        // A range keeps one rule: an earlier one (an older version's, or one left on the sheet)
        // goes first; the rule goes before the prompt (office-js issue 2594).
        body.dataValidation.clear();
        if (step.rule) body.dataValidation.rule = step.rule as Excel.DataValidationRule;
        if (step.prompt) body.dataValidation.prompt = step.prompt;
        return;
      }
      case "conditionalFormat": {
        const body = this.body(step.table, step.column.header[language]);
        body.conditionalFormats.clearAll();
        addConditionalFormat(body, step.format, language, step.bounds);
        return;
      }
      case "asOf": {
        const cell = this.sheets.get("about")!.getRangeByIndexes(step.row, step.column, 1, 1);
        if (step.fresh) cell.formulas = [["=TODAY()"]];
        cell.numberFormat = [[DATE_FORMAT]];
        return;
      }
      case "chart":
        return this.addChart();
      case "title": {
        const cell = this.sheets.get(step.placement.spec.id)!.getRangeByIndexes(step.row, step.column, 1, 1);
        cell.formulas = [[step.formula]];
        cell.format.font.bold = true;
        return;
      }
    }
  }

  /**
   * A whole row at the top of each sheet in changes.titleRows (Range.insert down, ExcelApi 1.1),
   * everything on the sheet moving down with its cells. The validation rules of its tables go first:
   * they hold relative A1 references, which Excel would have to rewrite, and the template writes
   * them again at their new place (planWrites). Frozen rows are set again to take in the title row.
   */
  insertTitleRows(state: WorkbookState): void {
    for (const placement of this.changes.titleRows) {
      for (const { table, column } of this.changes.validationColumns) {
        const header = column.header[this.changes.language].toLowerCase();
        const found = state.tables.find((t) => t.name.toLowerCase() === table.name.toLowerCase());
        if (found?.sheet !== placement.name || !found.columns.some((c) => c.toLowerCase() === header))
          continue;
        this.body(table, column.header[this.changes.language]).dataValidation.clear();
      }
      const sheet = this.sheets.get(placement.spec.id)!;
      sheet.getRange("1:1").insert("Down");
      const frozen = frozenRows(placement.spec);
      if (frozen > 0) sheet.freezePanes.freezeRows(frozen);
    }
  }

  /** The sheet's page setup, queued with the rest (no sync of its own). */
  pageLayout(page: SheetPage): void {
    queuePageLayout(this.sheets.get(page.placement.spec.id)!, page.setup);
  }

  /**
   * Deletes the retired rows (TableRow.delete, ExcelApi 1.1), bottom-up so that each position is
   * still the row's (a TableRow is a position, not the data: TableRowCollection.getItemAt), and the
   * retired names. Rows below a deleted one move up; names on them follow their cells.
   */
  retire(): void {
    for (const { table, rows } of this.changes.retiredRows)
      for (const row of rows) this.table(table).rows.getItemAt(row).delete();
    for (const name of this.changes.retiredNames) this.context.workbook.names.getItem(name).delete();
  }

  /** A seeded cell of an existing table, by its place in the table; text stays text. */
  rewrite(change: SeededCellChange): void {
    this.table(change.table).getDataBodyRange().getCell(change.row, change.column).values = [
      [valueForCell(change.value)],
    ];
  }

  private createTable(spec: TableSpec, block: (string | number | boolean)[][]): void {
    const sheet = this.sheets.get(spec.sheet)!;
    const { row, column } = spec.anchor;
    sheet.getRangeByIndexes(row, column, block.length, block[0].length).values = block;
    const table = sheet.tables.add(sheet.getRangeByIndexes(row, column, block.length, block[0].length), true);
    table.name = spec.name;
    this.tables.set(spec.name.toLowerCase(), table);
    spec.columns.forEach((columnSpec, index) => {
      sheet.getRangeByIndexes(row, column + index, 1, 1).format.columnWidth =
        columnSpec.width * POINTS_PER_CHARACTER;
    });
  }

  private addChart(): void {
    const language = this.changes.language;
    const spec = sheetSpec("dashboard").chart!;
    const timeline = tableSpec(spec.table);
    const sheet = this.sheets.get("dashboard")!;
    const rows = 1 + (timeline.seedRows?.(language).length ?? 0);
    const source = sheet.getRangeByIndexes(
      timeline.anchor.row,
      timeline.anchor.column,
      rows,
      timeline.columns.length,
    );
    const chart = sheet.charts.add("Line", source, "Columns");
    chart.name = CHART_NAME;
    chart.title.text = spec.title[language];
    chart.setPosition(
      cellAddress(spec.at.row, spec.at.column),
      cellAddress(spec.at.row + spec.size.rows - 1, spec.at.column + spec.size.columns - 1),
    );
  }
}

function addConditionalFormat(
  body: Excel.Range,
  kind: "dataBar" | "statusColours",
  language: Language,
  bounds?: DataBarBounds,
): void {
  if (kind === "dataBar") {
    const format = body.conditionalFormats.add("DataBar");
    // Fixed ends (not the column's lowest and highest value): a goal at 15% fills 15% of the cell.
    if (bounds) {
      format.dataBar.lowerBoundRule = { type: "Number", formula: String(bounds.min) };
      format.dataBar.upperBoundRule = { type: "Number", formula: String(bounds.max) };
    }
    return;
  }
  for (const [id, colours] of Object.entries(STATUS_COLOURS)) {
    const format = body.conditionalFormats.add("ContainsText");
    format.textComparison.format.font.color = `#${colours.font}`;
    format.textComparison.format.fill.color = `#${colours.fill}`;
    format.textComparison.rule = {
      operator: "Contains",
      text: STATUS_LABELS[id as keyof typeof STATUS_LABELS][language],
    };
  }
}
