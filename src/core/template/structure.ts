/**
 * The shape of a workbook template, as data: sheets, the tables on them, their columns and
 * what each column holds. The add-in (src/excel) and the command line writer both read it.
 */
import type { Language } from "../language";
import type { Bilingual } from "../plan";

/**
 * user: people fill it (never written by us after creation);
 * seeded: written once when the table is created (some stay editable, e.g. a target);
 * formula: ours, rewritten on every apply so upgrades reach it.
 */
export type ColumnRole = "user" | "seeded" | "formula";

export type ListId = "goals" | "kinds" | "sectors" | "districts" | "entryStatuses" | "comparators";

export type Validation =
  | { readonly kind: "list"; readonly list: ListId }
  | { readonly kind: "date"; readonly min: string; readonly max: string }
  | { readonly kind: "url" };

export interface FormulaContext {
  readonly language: Language;
  /** A whole column of a table: tblRegister[Date recognized]. */
  column(table: TableId, column: string): string;
  /** The same row of this table's column: tblTargets[[#This Row],[Actual]]. */
  thisRow(column: string): string;
  /** The as-of date, as a whole day. */
  readonly asOf: string;
  /** A text constant as a formula literal. */
  text(value: string): string;
}

export interface ColumnSpec {
  readonly id: string;
  readonly header: Bilingual;
  readonly role: ColumnRole;
  /** Seeded values people may change (target, comparator, deadline). */
  readonly editable?: boolean;
  /** Width in characters of the default font. */
  readonly width: number;
  readonly numberFormat?: string;
  /** Centred cells (a one-character symbol); otherwise Excel's default, text left and numbers right. */
  readonly align?: "center";
  readonly validation?: Validation;
  readonly formula?: (context: FormulaContext) => string;
  readonly note?: Bilingual;
}

export type TableId =
  | "about"
  | "targets"
  | "register"
  | "sectors"
  | "dashboard"
  | "timeline"
  | "history"
  | "indicators"
  | "lists"
  | "report"
  | "reportGoals"
  | "reportRecent"
  | "statusRules"
  | "evaluationHead"
  | "evaluation"
  | "likelihood"
  | "likelihoodMonths"
  | "breakdown"
  | "districts"
  | "changes"
  | "merges"
  | "conflicts"
  | "recorded";

export type SheetId =
  | "about"
  | "dashboard"
  | "targets"
  | "register"
  | "sectors"
  | "history"
  | "indicators"
  | "lists"
  | "report"
  | "statusRules"
  | "evaluation"
  | "likelihood"
  | "districts"
  | "changes"
  | "merges"
  | "conflicts"
  | "recorded";

export type Cell = string | number | boolean | null;

/** The values a data bar's empty and full cell stand for (numbers, not the column's own lowest and highest). */
export interface DataBarBounds {
  readonly min: number;
  readonly max: number;
}

export type ConditionalFormatSpec =
  | { readonly column: string; readonly kind: "dataBar"; readonly bounds: DataBarBounds }
  | { readonly column: string; readonly kind: "statusColours" };

export interface TableSpec {
  readonly id: TableId;
  /** Workbook-wide table name: how the add-in finds its tables, whatever the sheets are called. */
  readonly name: string;
  readonly sheet: SheetId;
  /** Top-left cell of the header row. */
  readonly anchor: { readonly row: number; readonly column: number };
  readonly columns: readonly ColumnSpec[];
  /** Rows written when the table is created: a cell per column, null where a formula goes. */
  readonly seedRows?: (language: Language) => Cell[][];
  /** Rows are only ever appended (History). */
  readonly appendOnly?: boolean;
  readonly conditionalFormats?: readonly ConditionalFormatSpec[];
  readonly showTotals?: boolean;
}

export interface ChartSpec {
  readonly table: TableId;
  readonly title: Bilingual;
  /** Placed with its top-left at this cell (0-based row/column), this size in cells. */
  readonly at: { readonly row: number; readonly column: number };
  readonly size: { readonly rows: number; readonly columns: number };
}

export interface SheetSpec {
  readonly id: SheetId;
  readonly name: Bilingual;
  readonly tables: readonly TableId[];
  readonly hidden?: boolean;
  readonly note: Bilingual;
  readonly chart?: ChartSpec;
}
