/**
 * The Register's rows (and those of any table alone on its sheet: a merge fills the Changes,
 * Merges, Conflicts and Recorded tables so), written as worksheet XML without a cell object per
 * value: exceljs writes the workbook with a single blank, formatted row in the table, and that row
 * is replaced here by the rows, cell for cell as exceljs writes them (numbers, dates with the
 * column's style, text as inline strings). A hundred thousand entries so take seconds and little
 * memory.
 */
import { type Entry, entryRow } from "../core/entries";
import type { Language } from "../core/language";
import { columnLetters } from "../core/template/cell-text";
import { hasTitleRow, TITLE_ROW } from "../core/template/page-setup";
import type { TableSpec } from "../core/template/structure";
import { sheetSpec, tableSpec } from "../core/template/template";
import { escapeOoxmlText, xmlEncode } from "./ooxml-text";

/** A table's body rows, generated one at a time: each row's cells in the table's column order. */
export interface TableRows {
  readonly length: number;
  cells(index: number): readonly (string | number | null)[];
}

/** Register entries as the Register's rows: cells as entryRow gives them, stamped `enteredAt`. */
export function entryRows(entries: readonly Entry[], language: Language, enteredAt: number): TableRows {
  return { length: entries.length, cells: (index) => entryRow(entries[index], language, enteredAt) };
}

/** Where a table's rows go on its sheet (1-based rows), and how its cells are named. */
interface Layout {
  /** The sheet's name, as errors name it. */
  readonly what: string;
  readonly headerRow: number;
  readonly firstRow: number;
  /** Where the sheet's used range starts: its title row when it has one, else the header. */
  readonly topRow: number;
  readonly letters: readonly string[];
  readonly spans: string;
}

function layoutOf(spec: TableSpec): Layout {
  const headerRow = spec.anchor.row + 1;
  const sheet = sheetSpec(spec.sheet);
  return {
    what: sheet.name.en,
    headerRow,
    firstRow: headerRow + 1,
    topRow: hasTitleRow(sheet) ? TITLE_ROW + 1 : headerRow,
    letters: spec.columns.map((_, i) => columnLetters(spec.anchor.column + i)),
    spans: `${spec.anchor.column + 1}:${spec.anchor.column + spec.columns.length}`,
  };
}

const REGISTER = layoutOf(tableSpec("register"));
/** The rows of a worksheet (Excel's limit). */
export const SHEET_ROWS = 1_048_576;
/** The entries the Register holds below its header. */
export const MAX_REGISTER_ROWS = SHEET_ROWS - REGISTER.headerRow;
/** Rows per chunk handed to the zip writer. */
const CHUNK_ROWS = 500;

/** The rows `spec` holds below its header on its sheet. */
export function maxTableRows(spec: TableSpec): number {
  return SHEET_ROWS - layoutOf(spec).headerRow;
}

/** The table's range for `rows` body rows (at least the one row a table always has). */
function tableRef(layout: Layout, rows: number): string {
  const { letters, headerRow } = layout;
  return `${letters[0]}${headerRow}:${letters.at(-1)}${headerRow + Math.max(1, rows)}`;
}

/** The Register's range for `rows` body rows. */
export function registerRef(rows: number): string {
  return tableRef(REGISTER, rows);
}

/** The sheet's used range for `rows` body rows: the title row through the table's last row. */
function dimensionRef(layout: Layout, rows: number): string {
  const { letters, topRow, headerRow } = layout;
  return `${letters[0]}${topRow}:${letters.at(-1)}${headerRow + Math.max(1, rows)}`;
}

/** One cell as exceljs writes it; an empty cell is written only when it has a style. */
function cellXml(address: string, value: string | number | null, style: string | undefined): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === "") return style ? `<c r="${address}"${s}/>` : "";
  if (typeof value === "number") return `<c r="${address}"${s}><v>${value}</v></c>`;
  const text = escapeOoxmlText(value);
  const space = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${address}"${s} t="inlineStr"><is><t${space}>${xmlEncode(text)}</t></is></c>`;
}

interface Frame {
  readonly head: string;
  readonly tail: string;
  /** Style id of each column's cells, from the blank row exceljs wrote. */
  readonly styles: readonly (string | undefined)[];
}

/** An error naming what in exceljs's XML differs from what the splice expects. */
function unexpected(layout: Layout, what: string): Error {
  return new Error(`the ${layout.what} written by exceljs is not as expected: ${what}`);
}

/** `text` with `from` replaced by `to`, which must occur exactly `times` times. */
function replaceExactly(
  layout: Layout,
  text: string,
  [from, to]: [string, string],
  times: number,
  what: string,
): string {
  const pieces = text.split(from);
  if (pieces.length - 1 !== times)
    throw unexpected(layout, `${what}: ${from} found ${pieces.length - 1} times, not ${times}`);
  return pieces.join(to);
}

/**
 * The worksheet around the blank body row exceljs wrote (the one row after the header, the last
 * of sheetData): what comes before it, with the dimension grown to `rows`, and what comes after.
 */
function frameOf(layout: Layout, sheetXml: string, rows: number): Frame {
  const { firstRow } = layout;
  const opening = `<row r="${firstRow}" `;
  const start = sheetXml.indexOf(opening);
  if (start < 0 || sheetXml.indexOf(opening, start + 1) >= 0)
    throw unexpected(layout, `its blank body row: not one ${opening.trim()}`);
  const close = sheetXml.indexOf("</row>", start);
  const end = close + "</row>".length;
  if (close < 0 || !sheetXml.startsWith("</sheetData>", end))
    throw unexpected(layout, `row ${firstRow} is not the last row of sheetData`);
  const blank = sheetXml.slice(start, end);
  const styles = layout.letters.map(
    (letters) => new RegExp(`<c r="${letters}${firstRow}" s="(\\d+)"`).exec(blank)?.[1] ?? undefined,
  );
  const head = replaceExactly(
    layout,
    sheetXml.slice(0, start),
    [`<dimension ref="${dimensionRef(layout, 1)}"/>`, `<dimension ref="${dimensionRef(layout, rows)}"/>`],
    1,
    "the sheet's dimension",
  );
  return { head, tail: sheetXml.slice(end), styles };
}

/**
 * The worksheet of the table `spec` with `rows` in place of the blank row exceljs wrote, as chunks
 * of text generated as they are read. Without rows it is the worksheet as exceljs wrote it. An
 * unexpected shape of exceljs's XML throws here, before any row is generated.
 */
export function tableSheetXml(spec: TableSpec, sheetXml: string, rows: TableRows): Iterable<string> {
  if (rows.length === 0) return [sheetXml];
  const layout = layoutOf(spec);
  return chunks(layout, frameOf(layout, sheetXml, rows.length), rows);
}

/** The Register worksheet with the entries in place of the blank row (see tableSheetXml). */
export function registerSheetXml(
  sheetXml: string,
  entries: readonly Entry[],
  language: Language,
  enteredAt: number,
): Iterable<string> {
  return tableSheetXml(tableSpec("register"), sheetXml, entryRows(entries, language, enteredAt));
}

function* chunks(layout: Layout, { head, tail, styles }: Frame, rows: TableRows): Generator<string> {
  const { firstRow, letters, spans } = layout;
  yield head;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const xml: string[] = [];
    for (let index = start; index < Math.min(rows.length, start + CHUNK_ROWS); index++) {
      const row = firstRow + index;
      const cells = rows
        .cells(index)
        .map((value, c) => cellXml(`${letters[c]}${row}`, value, styles[c]))
        .join("");
      xml.push(`<row r="${row}" spans="${spans}" x14ac:dyDescent="0.25">${cells}</row>`);
    }
    yield xml.join("");
  }
  yield tail;
}

/** The table part of `spec` with its range (and its filter's) grown to `rows`. */
export function tableXml(spec: TableSpec, xml: string, rows: number): string {
  const layout = layoutOf(spec);
  return replaceExactly(
    layout,
    xml,
    [`ref="${tableRef(layout, 1)}"`, `ref="${tableRef(layout, rows)}"`],
    2,
    "the table's and its autoFilter's range",
  );
}

/** The Register's table part with its range (and its filter's) grown to the entries. */
export function registerTableXml(xml: string, rows: number): string {
  return tableXml(tableSpec("register"), xml, rows);
}
