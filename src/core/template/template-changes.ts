/**
 * Deciding what applying the template to a workbook must do, from a plain description of what
 * the workbook holds. Pure: src/excel reads the workbook, calls this, and carries the changes out.
 *
 * Rules: create what is missing; never overwrite what a person entered; our formula columns and
 * validation rules are rewritten (so upgrades reach them); a seeded cell is rewritten only while it
 * holds what an earlier version wrote there (earlier-seeds.ts); a sheet of the user's that has one
 * of our names is left alone and ours takes another name.
 */
import type { Language } from "../language";
import { citationNow, EARLIER_ABOUT_ROWS, RETIRED_ABOUT_ROWS, RETIRED_NAMES } from "./earlier-seeds";
import { hasTitleRow, type PageSetup, pageSetup, printsSheet, TITLE_ROW } from "./page-setup";
import type { Cell, ColumnSpec, SheetId, SheetSpec, TableId, TableSpec } from "./structure";
import {
  ABOUT_AS_OF_ROW,
  ABOUT_REPORTING_UNIT,
  aboutReportingUnitRow,
  LIST_IDS,
  NAMES,
  SHEETS,
  TABLES,
  TEMPLATE_VERSION,
} from "./template";
import { vocabulary } from "./vocabulary";

/** Tables whose seed rows come back when missing, found by their first column (goal Id, Item). */
export const KEYED_TABLES: readonly TableId[] = ["about", "targets", "dashboard"];

/** Source columns: cited by seed ids before version 3, by number since. */
const isCitationColumn = (column: ColumnSpec) => column.role === "seeded" && column.id === "source";

/** Tables with seeded cells an earlier version may have written otherwise: About and those citing sources. */
export const TABLES_WITH_EARLIER_SEEDS: readonly TableId[] = TABLES.filter(
  (spec) => spec.id === "about" || spec.columns.some(isCitationColumn),
).map((spec) => spec.id);

export interface ExistingTable {
  readonly name: string;
  readonly sheet: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** Values of the table's first column (the goal Id on Targets and Dashboard, the Item on About). */
  readonly keys?: readonly Cell[];
  /**
   * The data body as formulas (a constant as it is), row by row in `columns` order: read for the
   * TABLES_WITH_EARLIER_SEEDS only.
   */
  readonly cells?: readonly (readonly Cell[])[];
  /** Where the table's data body starts (0-based row and column on its sheet). */
  readonly bodyRow?: number;
  readonly bodyColumn?: number;
}

export interface WorkbookState {
  readonly sheets: readonly string[];
  readonly tables: readonly ExistingTable[];
  /** Defined names (any case) and their formulas. */
  readonly names: ReadonlyMap<string, string>;
  readonly chartNames: readonly string[];
  /** The workbook's structure is protected: no sheet can be added. */
  readonly structureProtected?: boolean;
}

export interface SheetPlacement {
  readonly spec: SheetSpec;
  readonly name: string;
  readonly create: boolean;
}

/** A seeded cell of an existing table that holds an earlier version's text, and the text it gets. */
export interface SeededCellChange {
  readonly table: TableSpec;
  /** Its place in the workbook's table: body row and column, 0-based. */
  readonly row: number;
  readonly column: number;
  readonly was: Cell;
  readonly value: Cell;
}

export interface TemplateChanges {
  readonly language: Language;
  /** The template version found (null: not one of our workbooks yet). */
  readonly fromVersion: number | null;
  readonly toVersion: number;
  readonly sheets: readonly SheetPlacement[];
  /**
   * Sheets of ours from before the title row (an earlier version's tables start on the sheet's first
   * row): a whole row is inserted at the top of each, before any other write, and gets the title.
   */
  readonly titleRows: readonly SheetPlacement[];
  /** The workbook as the writes find it: its tables a row lower on the `titleRows` sheets. */
  readonly placed: WorkbookState;
  readonly newTables: readonly TableSpec[];
  readonly newColumns: readonly NewColumns[];
  /** Formula columns of existing tables, rewritten in place. */
  readonly formulaColumns: readonly { table: TableSpec; column: ColumnSpec; rowCount: number }[];
  /** Validated columns of existing tables, their rule rewritten (so upgrades reach it too). */
  readonly validationColumns: readonly { table: TableSpec; column: ColumnSpec }[];
  readonly newRows: readonly { table: TableSpec; rows: Cell[][] }[];
  /** Seeded cells still as an earlier version wrote them, brought to the current text. */
  readonly seededCells: readonly SeededCellChange[];
  /**
   * Rows an earlier version wrote that the current one has not, still as it wrote them: their body
   * rows (0-based, as the table is before any change), bottom-up, deleted after every other write.
   */
  readonly retiredRows: readonly { table: TableSpec; rows: readonly number[] }[];
  /** Defined names an earlier version wrote that nothing uses now, as the workbook spells them. */
  readonly retiredNames: readonly string[];
  readonly names: readonly NameChange[];
  readonly addChart: boolean;
  /**
   * The page setup of each printed sheet: written when the sheet is created, and on every sheet
   * of ours when an earlier version is upgraded (a person's own print settings stay otherwise).
   */
  readonly pages: readonly SheetPage[];
  /** Our sheet names that a user sheet already had: ours took another name. */
  readonly conflicts: readonly { wanted: string; used: string }[];
}

/** Columns a table of the workbook lacks, added where the template puts them. */
export interface NewColumns {
  readonly table: TableSpec;
  /** In the order they are added. */
  readonly columns: readonly ColumnSpec[];
  /**
   * The index each is added at (columns.add), counting the columns added before it: right after
   * the table's column that precedes it in the template, so a person's own columns keep their place.
   */
  readonly at: readonly number[];
  /** The table's headers once they are added. */
  readonly headersAfter: readonly string[];
}

export interface SheetPage {
  readonly placement: SheetPlacement;
  readonly setup: PageSetup;
}

export type NameChange =
  | { readonly kind: "constant"; readonly name: string; readonly formula: string; readonly exists: boolean }
  | {
      readonly kind: "cell";
      readonly name: string;
      readonly sheet: SheetId;
      readonly row: number;
      readonly column: number;
      readonly rows: number;
    };

export const CHART_NAME = "SHONLINE_Timeline";

function lower(text: string): string {
  return text.toLowerCase();
}

function findName(names: ReadonlyMap<string, string>, name: string): string | undefined {
  for (const [key, value] of names) if (lower(key) === lower(name)) return value;
  return undefined;
}

/** The version a workbook records, or null when it is not ours. */
export function recordedVersion(names: ReadonlyMap<string, string>): number | null {
  const formula = findName(names, NAMES.version);
  if (formula === undefined) return null;
  const version = Number(formula.replace(/^=/, ""));
  return Number.isFinite(version) ? version : 0;
}

/** The language a workbook was created in; a new workbook takes the requested one. */
export function recordedLanguage(names: ReadonlyMap<string, string>): Language | null {
  const formula = findName(names, NAMES.language);
  if (formula === undefined) return null;
  return /zh/.test(formula) ? "zh" : "en";
}

function freeSheetName(wanted: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(lower(candidate))) return candidate;
  }
}

export function decideTemplateChanges(state: WorkbookState, requested: Language): TemplateChanges {
  const language = recordedLanguage(state.names) ?? requested;
  const tablesByName = new Map(state.tables.map((t) => [lower(t.name), t]));
  const asRead = (spec: TableSpec) => tablesByName.get(lower(spec.name));
  const taken = new Set(state.sheets.map(lower));
  const conflicts: { wanted: string; used: string }[] = [];

  const sheets: SheetPlacement[] = SHEETS.map((spec) => {
    const home = spec.tables.map((id) => asRead(TABLES.find((t) => t.id === id)!)).find(Boolean);
    if (home) return { spec, name: home.sheet, create: false };
    const wanted = spec.name[language];
    if (!taken.has(lower(wanted))) {
      taken.add(lower(wanted));
      return { spec, name: wanted, create: true };
    }
    const used = freeSheetName(wanted, taken);
    taken.add(lower(used));
    conflicts.push({ wanted, used });
    return { spec, name: used, create: true };
  });

  const titleRows = sheetsWithoutTitleRow(sheets, asRead);
  const placed = belowTitleRows(state, titleRows);
  const placedTables = new Map(placed.tables.map((t) => [lower(t.name), t]));
  // From here on, positions are the ones the writes find: after the title rows are inserted.
  const existing = (spec: TableSpec) => placedTables.get(lower(spec.name));

  const newTables = TABLES.filter((spec) => !existing(spec));
  const newColumns = TABLES.flatMap((spec) => {
    const table = existing(spec);
    const added = table ? columnsToAdd(spec, table, language) : undefined;
    return added ? [added] : [];
  });

  const seededCells = TABLES.flatMap((spec) => {
    const table = existing(spec);
    if (!table?.cells) return [];
    return spec.id === "about" ? aboutChanges(spec, table, language) : citationChanges(spec, table, language);
  });

  const newRows = TABLES.flatMap((spec) => {
    const table = existing(spec);
    if (!table || !spec.seedRows || !KEYED_TABLES.includes(spec.id)) return [];
    const present = new Set((table.keys ?? []).map((key) => String(key)));
    // About rows an earlier version called otherwise are renamed in place, not added again.
    for (const change of seededCells)
      if (change.table === spec && change.column === 0) present.add(String(change.value));
    const rows = spec
      .seedRows(language)
      // The as-of row is the AsOfDate cell: one put back elsewhere would not be the named one.
      .filter((_, index) => !(spec.id === "about" && index === ABOUT_AS_OF_ROW))
      .filter((row) => !present.has(String(row[0])));
    return rows.length > 0 ? [{ table: spec, rows }] : [];
  });

  const formulaColumns = TABLES.flatMap((spec) => {
    const table = existing(spec);
    if (!table) return [];
    const added = newRows.find((r) => r.table === spec)?.rows.length ?? 0;
    return spec.columns
      .filter((column) => column.role === "formula")
      .map((column) => ({ table: spec, column, rowCount: table.rowCount + added }));
  });

  const validationColumns = TABLES.flatMap((spec) =>
    existing(spec)
      ? spec.columns.filter((column) => column.validation).map((column) => ({ table: spec, column }))
      : [],
  );

  const fromVersion = recordedVersion(state.names);
  const names: NameChange[] = [
    {
      kind: "constant",
      name: NAMES.version,
      formula: `=${TEMPLATE_VERSION}`,
      exists: findName(state.names, NAMES.version) !== undefined,
    },
    {
      kind: "constant",
      name: NAMES.language,
      formula: `="${language}"`,
      exists: findName(state.names, NAMES.language) !== undefined,
    },
  ];
  // Where a table's body starts: where the workbook has it (an earlier version's tables start a
  // row higher), or where the template puts it.
  const bodyOf = (spec: TableSpec) => ({
    row: existing(spec)?.bodyRow ?? spec.anchor.row + 1,
    column: existing(spec)?.bodyColumn ?? spec.anchor.column,
  });
  if (findName(state.names, NAMES.asOf) === undefined) {
    // The value cell of the About table's as-of row.
    const body = bodyOf(TABLES.find((t) => t.id === "about")!);
    names.push({
      kind: "cell",
      name: NAMES.asOf,
      sheet: "about",
      row: body.row + ABOUT_AS_OF_ROW,
      column: body.column + 1,
      rows: 1,
    });
  }
  if (findName(state.names, NAMES.reportingUnit) === undefined) {
    const about = TABLES.find((t) => t.id === "about")!;
    names.push({
      kind: "cell",
      name: NAMES.reportingUnit,
      sheet: "about",
      row: bodyOf(about).row + reportingUnitRow(about, existing(about), newRows, language),
      column: bodyOf(about).column + 1,
      rows: 1,
    });
  }
  const lists = bodyOf(TABLES.find((t) => t.id === "lists")!);
  const words = vocabulary(language);
  LIST_IDS.forEach((list, index) => {
    if (findName(state.names, NAMES.list(list)) === undefined) {
      names.push({
        kind: "cell",
        name: NAMES.list(list),
        sheet: "lists",
        row: lists.row,
        column: lists.column + index,
        rows: words[list].length,
      });
    }
  });

  return {
    language,
    fromVersion,
    toVersion: TEMPLATE_VERSION,
    sheets,
    titleRows,
    placed,
    newTables,
    newColumns,
    formulaColumns,
    validationColumns,
    newRows,
    seededCells,
    retiredRows: TABLES.flatMap((spec) => {
      const table = existing(spec);
      const rows = spec.id === "about" && table ? retiredAboutRows(table, language) : [];
      return rows.length > 0 ? [{ table: spec, rows }] : [];
    }),
    retiredNames: [...state.names.keys()].filter((name) =>
      RETIRED_NAMES.some((r) => lower(r) === lower(name)),
    ),
    names,
    addChart: !state.chartNames.some((name) => lower(name) === lower(CHART_NAME)),
    pages: sheetPages(sheets, existing, language, fromVersion, titleRows),
    conflicts,
  };
}

/** The header row (0-based) of the sheet's first table of ours that the workbook has, with its place. */
function firstHeaderRow(
  placement: SheetPlacement,
  existing: (spec: TableSpec) => ExistingTable | undefined,
): number | undefined {
  const found = placement.spec.tables
    .map((id) => existing(TABLES.find((t) => t.id === id)!))
    .find((table) => table?.bodyRow !== undefined);
  return found?.bodyRow === undefined ? undefined : found.bodyRow - 1;
}

/**
 * The printed sheets of ours whose tables start on the first row, where the title row goes: a row
 * is inserted above them (everything on the sheet moves down one row with its cells, as Excel moves
 * it), so their title can be printed on every page as on a new workbook.
 */
function sheetsWithoutTitleRow(
  sheets: readonly SheetPlacement[],
  existing: (spec: TableSpec) => ExistingTable | undefined,
): SheetPlacement[] {
  return sheets.filter(
    (placement) =>
      !placement.create &&
      printsSheet(placement.spec) &&
      hasTitleRow(placement.spec) &&
      firstHeaderRow(placement, existing) === TITLE_ROW,
  );
}

/** `state` once a row is inserted at the top of each of the `titleRows` sheets. */
function belowTitleRows(state: WorkbookState, titleRows: readonly SheetPlacement[]): WorkbookState {
  const moved = new Set(titleRows.map((placement) => lower(placement.name)));
  return {
    ...state,
    tables: state.tables.map((table) =>
      moved.has(lower(table.sheet)) && table.bodyRow !== undefined
        ? { ...table, bodyRow: table.bodyRow + 1 }
        : table,
    ),
  };
}

/** The page setups to write: see TemplateChanges.pages. */
function sheetPages(
  sheets: readonly SheetPlacement[],
  existing: (spec: TableSpec) => ExistingTable | undefined,
  language: Language,
  fromVersion: number | null,
  titleRows: readonly SheetPlacement[],
): SheetPage[] {
  const upgrading = fromVersion === null || fromVersion < TEMPLATE_VERSION;
  return sheets
    .filter(
      (placement) =>
        printsSheet(placement.spec) && (placement.create || upgrading || titleRows.includes(placement)),
    )
    .map((placement) => ({
      placement,
      setup: pageSetup(placement.spec, language, firstHeaderRow(placement, existing)),
    }));
}

/**
 * The About row (0-based body row) whose value cell is the reporting unit: where the workbook has
 * the row, else where it is added (at the end), else where a new table has it.
 */
function reportingUnitRow(
  about: TableSpec,
  table: ExistingTable | undefined,
  newRows: readonly { table: TableSpec; rows: Cell[][] }[],
  language: Language,
): number {
  if (!table) return aboutReportingUnitRow(language);
  const item = ABOUT_REPORTING_UNIT[language];
  const present = (table.keys ?? []).findIndex((key) => key === item);
  if (present >= 0) return present;
  const added = newRows.find((r) => r.table === about)?.rows.findIndex((row) => row[0] === item) ?? -1;
  if (added < 0) throw new Error(`The About table has no ${item} row, and none is added`);
  return table.rowCount + added;
}

/**
 * The template's columns `table` lacks, each placed right after the nearest column before it in
 * the template that the table has (at the start when there is none); undefined when none lacks.
 */
function columnsToAdd(spec: TableSpec, table: ExistingTable, language: Language): NewColumns | undefined {
  const headers = [...table.columns];
  const columns: ColumnSpec[] = [];
  const at: number[] = [];
  spec.columns.forEach((column, index) => {
    if (columnIndexOf({ ...table, columns: headers }, column, language) >= 0) return;
    const before = spec.columns
      .slice(0, index)
      .map((earlier) => columnIndexOf({ ...table, columns: headers }, earlier, language))
      .filter((found) => found >= 0);
    const position = before.length > 0 ? before[before.length - 1] + 1 : 0;
    headers.splice(position, 0, column.header[language]);
    columns.push(column);
    at.push(position);
  });
  return columns.length > 0 ? { table: spec, columns, at, headersAfter: headers } : undefined;
}

/**
 * The About rows of `table` that the current template retired (RETIRED_ABOUT_ROWS) and that still
 * hold what an earlier version wrote, bottom-up. Only rows below the as-of row: deleting one above
 * would move the AsOfDate cell from the row the template keeps it on.
 */
function retiredAboutRows(table: ExistingTable, language: Language): number[] {
  const about = TABLES.find((t) => t.id === "about")!;
  const valueColumn = columnIndexOf(
    table,
    about.columns.find((c) => c.id === "value")!,
    language,
  );
  if (valueColumn < 0) return [];
  return (table.cells ?? [])
    .map((cells, row) => ({ cells, row }))
    .filter(
      ({ cells, row }) =>
        row > ABOUT_AS_OF_ROW &&
        RETIRED_ABOUT_ROWS.some(
          (retired) =>
            retired.item[language] === cells[0] &&
            retired.valuesBefore[language]?.includes(cells[valueColumn]),
        ),
    )
    .map(({ row }) => row)
    .reverse();
}

/** Where a template column is in the workbook's table (-1 when its header is not there). */
function columnIndexOf(table: ExistingTable, column: ColumnSpec, language: Language): number {
  return table.columns.findIndex((name) => lower(name) === lower(column.header[language]));
}

/** Source cells still citing by seed ids ("seed 000, 002"), cited by number ("[1], [3]"). */
function citationChanges(spec: TableSpec, table: ExistingTable, language: Language): SeededCellChange[] {
  return spec.columns.filter(isCitationColumn).flatMap((columnSpec) => {
    const column = columnIndexOf(table, columnSpec, language);
    if (column < 0) return [];
    return (table.cells ?? []).flatMap((cells, row) => {
      const value = citationNow(cells[column], language);
      return value === undefined ? [] : [{ table: spec, row, column, was: cells[column], value }];
    });
  });
}

/**
 * About rows still as an earlier version wrote them: their Value becomes the current text, and an
 * Item the row had before becomes the current one (unless a row already has it). A row whose Value
 * a person changed is kept whole, Item included; the current row is then added beside it.
 */
function aboutChanges(spec: TableSpec, table: ExistingTable, language: Language): SeededCellChange[] {
  // The Item is the first column, as for keys; the Value is found by its header.
  const valueColumn = columnIndexOf(
    table,
    spec.columns.find((c) => c.id === "value")!,
    language,
  );
  if (valueColumn < 0 || !spec.seedRows) return [];
  const current = new Map(spec.seedRows(language).map((row) => [row[0], row[1]]));
  const items = new Set((table.cells ?? []).map((cells) => cells[0]));
  const changes: SeededCellChange[] = [];
  (table.cells ?? []).forEach((cells, row) => {
    const [item, value] = [cells[0], cells[valueColumn]];
    const earlier = EARLIER_ABOUT_ROWS.find(
      (e) => e.item[language] === item || e.itemBefore?.[language] === item,
    );
    const itemNow = earlier ? earlier.item[language] : item;
    const valueNow = current.get(itemNow);
    // Not a row of ours, or the as-of row (no text of ours: a date or a formula).
    if (valueNow === undefined || valueNow === null) return;
    if (value !== valueNow && !earlier?.valuesBefore?.[language]?.includes(value)) return;
    if (itemNow !== item) {
      if (items.has(itemNow)) return;
      items.add(itemNow);
      changes.push({ table: spec, row, column: 0, was: item, value: itemNow });
    }
    if (value !== valueNow)
      changes.push({ table: spec, row, column: valueColumn, was: value, value: valueNow });
  });
  return changes;
}
