/**
 * Where the template puts a table's cells, in A1 terms, derived from its spec (anchor, columns):
 * tests that read a written workbook name cells through these, so that moving a table moves them.
 */
import { cellAddress, columnLetters } from "../../src/core/template/cell-text";
import type { TableId } from "../../src/core/template/structure";
import { tableSpec } from "../../src/core/template/template";

/** The 1-based row of the table's header. */
export function headerRow(table: TableId): number {
  return tableSpec(table).anchor.row + 1;
}

/** The 1-based row of the table's body row `index` (0 is the first below the header). */
export function bodyRow(table: TableId, index = 0): number {
  return headerRow(table) + 1 + index;
}

/** The 0-based sheet column of the table's column `id`. */
export function columnIndex(table: TableId, id: string): number {
  const spec = tableSpec(table);
  const index = spec.columns.findIndex((column) => column.id === id);
  if (index < 0) throw new Error(`${spec.name} has no column ${id}`);
  return spec.anchor.column + index;
}

/** The letters of the table's column `id`. */
export function columnOf(table: TableId, id: string): string {
  return columnLetters(columnIndex(table, id));
}

/** The address of the table's column `id` on body row `index`, e.g. "B3". */
export function bodyCell(table: TableId, id: string, index = 0): string {
  return cellAddress(bodyRow(table, index) - 1, columnIndex(table, id));
}

/** The table's range with `rows` body rows (at least the one a table always has), e.g. "A2:K4". */
export function tableRef(table: TableId, rows: number): string {
  const spec = tableSpec(table);
  const first = cellAddress(spec.anchor.row, spec.anchor.column);
  const last = cellAddress(spec.anchor.row + Math.max(1, rows), spec.anchor.column + spec.columns.length - 1);
  return `${first}:${last}`;
}

/** A column's cells over body rows `from` to `to` (0-based, inclusive), e.g. "K3:K8". */
export function columnRange(table: TableId, id: string, from: number, to: number): string {
  return `${bodyCell(table, id, from)}:${bodyCell(table, id, to)}`;
}

/** The address of the header of the table's column `id`. */
export function headerCell(table: TableId, id: string): string {
  return cellAddress(headerRow(table) - 1, columnIndex(table, id));
}
