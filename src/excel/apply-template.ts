/**
 * Applying the tracking-workbook template: creates what is missing, upgrades older versions in
 * place, and changes nothing a person entered. Three round trips whatever the workbook holds:
 * two reads (readWorkbookState) and one write.
 */
import { evidenceLinkFormula } from "../core/evidence-link";
import type { Language } from "../core/language";
import { cellAddress, valueForCell } from "../core/template/cell-text";
import { columnFormula } from "../core/template/formulas";
import {
  CHART_NAME,
  type NameChange,
  decideTemplateChanges,
  type TemplateChanges,
} from "../core/template/template-changes";
import type { Cell, ColumnSpec, TableSpec, Validation } from "../core/template/structure";
import {
  ABOUT_AS_OF_ROW,
  DATE_FORMAT,
  headers,
  NAMES,
  sheetSpec,
  tableSpec,
  STATUS_COLOURS,
} from "../core/template/template";
import { STATUS_LABELS } from "../core/progress";
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
}

/** Points per character of the default font, for column widths given in characters. */
const POINTS_PER_CHARACTER = 5.6;

export async function applyTemplate(
  context: Excel.RequestContext,
  requested: Language,
): Promise<ApplyReport> {
  const { state, handles } = await readWorkbookState(context);
  const changes = decideTemplateChanges(state, requested);
  const sheets = placeSheets(context, changes);
  for (const spec of changes.newTables) createTable(sheets.get(spec.sheet)!, spec, changes.language);
  extendTables(changes, handles);
  writeNames(context, changes, sheets);
  if (changes.addChart) addChart(sheets.get("dashboard")!, changes.language);
  await context.sync();
  return {
    language: changes.language,
    fromVersion: changes.fromVersion,
    toVersion: changes.toVersion,
    createdSheets: changes.sheets.filter((s) => s.create).map((s) => s.name),
    createdTables: changes.newTables.map((t) => t.name),
    addedColumns: changes.newColumns.flatMap((c) =>
      c.columns.map((column) => `${c.table.name}[${column.header[changes.language]}]`),
    ),
    addedRows: changes.newRows.reduce((sum, r) => sum + r.rows.length, 0),
    conflicts: changes.conflicts,
  };
}

function placeSheets(context: Excel.RequestContext, changes: TemplateChanges): Map<string, Excel.Worksheet> {
  const result = new Map<string, Excel.Worksheet>();
  for (const placement of changes.sheets) {
    if (!placement.create) {
      result.set(placement.spec.id, context.workbook.worksheets.getItem(placement.name));
      continue;
    }
    const sheet = context.workbook.worksheets.add(placement.name);
    if (placement.spec.hidden) sheet.visibility = "Hidden";
    const firstTable = tableSpec(placement.spec.tables[0]);
    if (firstTable.anchor.row === 0) sheet.freezePanes.freezeRows(1);
    result.set(placement.spec.id, sheet);
  }
  return result;
}

function blankForNull(row: Cell[]): (string | number | boolean)[] {
  return row.map((cell) => valueForCell(cell));
}

function createTable(sheet: Excel.Worksheet, spec: TableSpec, language: Language): void {
  const header = headers(spec, language);
  const seed = spec.seedRows?.(language) ?? [];
  const { row, column } = spec.anchor;
  const block = sheet.getRangeByIndexes(row, column, 1 + seed.length, header.length);
  block.values = [header, ...seed.map(blankForNull)];
  const table = sheet.tables.add(block, true);
  table.name = spec.name;
  // An empty table still has one (blank) data row in Excel.
  const bodyRows = Math.max(1, seed.length);
  spec.columns.forEach((columnSpec, index) => {
    const body = sheet.getRangeByIndexes(row + 1, column + index, bodyRows, 1);
    sheet.getRangeByIndexes(row, column + index, 1, 1).format.columnWidth =
      columnSpec.width * POINTS_PER_CHARACTER;
    if (columnSpec.numberFormat)
      body.numberFormat = Array.from({ length: bodyRows }, () => [columnSpec.numberFormat!]);
    if (columnSpec.validation)
      applyValidation(body, columnSpec, columnSpec.validation, language, row + 1, column + index);
    else if (columnSpec.note)
      body.dataValidation.prompt = {
        showPrompt: true,
        title: columnSpec.header[language],
        message: columnSpec.note[language],
      };
    if (columnSpec.role === "formula" && seed.length > 0) {
      body.formulas = Array.from({ length: seed.length }, () => [columnFormula(spec, columnSpec, language)]);
    }
    const conditional = spec.conditionalFormats?.find((c) => c.column === columnSpec.id);
    if (conditional && seed.length > 0) addConditionalFormat(body, conditional.kind, language);
  });
  if (spec.id === "about") {
    const asOf = sheet.getRangeByIndexes(row + 1 + ABOUT_AS_OF_ROW, column + 1, 1, 1);
    asOf.formulas = [["=TODAY()"]];
    asOf.numberFormat = [[DATE_FORMAT]];
  }
}

function applyValidation(
  body: Excel.Range,
  column: ColumnSpec,
  validation: Validation,
  language: Language,
  firstRow: number,
  columnIndex: number,
): void {
  if (validation.kind === "list") {
    body.dataValidation.rule = { list: { inCellDropDown: true, source: `=${NAMES.list(validation.list)}` } };
  } else if (validation.kind === "date") {
    body.dataValidation.rule = {
      date: { formula1: validation.min, formula2: validation.max, operator: "Between" },
    };
  } else {
    const cell = cellAddress(firstRow, columnIndex);
    body.dataValidation.rule = {
      custom: { formula: `=${evidenceLinkFormula(cell)}` },
    };
  }
  if (column.note) {
    body.dataValidation.prompt = {
      showPrompt: true,
      title: column.header[language],
      message: column.note[language],
    };
  }
}

function addConditionalFormat(
  body: Excel.Range,
  kind: "dataBar" | "statusColours",
  language: Language,
): void {
  if (kind === "dataBar") {
    body.conditionalFormats.add("DataBar");
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

/** Existing tables: missing goal rows, missing columns, then every formula column and validation rewritten. */
function extendTables(changes: TemplateChanges, handles: ReadonlyMap<string, OurTableHandles>): void {
  const handleOf = (spec: TableSpec) => handles.get(spec.name.toLowerCase())!;
  for (const { table: spec, rows } of changes.newRows) {
    const handle = handleOf(spec);
    const existingHeaders = handle.columns.items.map((c) => c.name);
    const templateHeaders = headers(spec, changes.language);
    handle.table.rows.add(
      AT_END,
      rows.map((row) =>
        existingHeaders.map((header) => {
          const index = templateHeaders.indexOf(header);
          return index < 0 ? "" : valueForCell(row[index]);
        }),
      ),
    );
  }
  for (const { table: spec, columns } of changes.newColumns) {
    for (const column of columns)
      handleOf(spec).table.columns.add(AT_END, undefined, column.header[changes.language]);
  }
  for (const { table: spec, column } of changes.validationColumns) {
    const handle = handleOf(spec);
    const header = column.header[changes.language];
    // Columns in the order the table has them once the new ones are added at its end.
    const tableHeaders = [
      ...handle.columns.items.map((c) => c.name),
      ...(changes.newColumns.find((c) => c.table === spec)?.columns ?? []).map(
        (c) => c.header[changes.language],
      ),
    ];
    const index = tableHeaders.findIndex((name) => name.toLowerCase() === header.toLowerCase());
    const body = handle.table.columns.getItem(header).getDataBodyRange();
    // A range keeps one rule: the old one goes first (Range.dataValidation.clear()).
    body.dataValidation.clear();
    applyValidation(
      body,
      column,
      column.validation!,
      changes.language,
      handle.body.rowIndex,
      handle.body.columnIndex + index,
    );
  }
  for (const { table: spec, column, rowCount } of changes.formulaColumns) {
    if (rowCount === 0) continue;
    const body = handleOf(spec).table.columns.getItem(column.header[changes.language]).getDataBodyRange();
    body.formulas = Array.from({ length: rowCount }, () => [columnFormula(spec, column, changes.language)]);
    if (
      changes.newColumns.some((c) => c.table === spec && c.columns.includes(column)) &&
      column.numberFormat
    ) {
      body.numberFormat = Array.from({ length: rowCount }, () => [column.numberFormat!]);
    }
  }
}

function writeNames(
  context: Excel.RequestContext,
  changes: TemplateChanges,
  sheets: Map<string, Excel.Worksheet>,
): void {
  for (const name of changes.names) writeName(context, name, sheets);
}

function writeName(
  context: Excel.RequestContext,
  name: NameChange,
  sheets: Map<string, Excel.Worksheet>,
): void {
  if (name.kind === "constant") {
    if (name.exists) context.workbook.names.getItem(name.name).formula = name.formula;
    else context.workbook.names.add(name.name, name.formula);
    return;
  }
  const range = sheets.get(name.sheet)!.getRangeByIndexes(name.row, name.column, name.rows, 1);
  context.workbook.names.add(name.name, range);
}

function addChart(sheet: Excel.Worksheet, language: Language): void {
  const spec = sheetSpec("dashboard").chart!;
  const timeline = tableSpec(spec.table);
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
