/**
 * The Register's rows, written as worksheet XML without a cell object per value: exceljs writes the
 * workbook with a single blank, formatted row in the Register, and that row is replaced here by the
 * entries, cell for cell as exceljs writes them (numbers, dates with the column's style, text as
 * inline strings). A hundred thousand entries so take seconds and little memory.
 */
import { type Entry, entryRow } from "../core/entries";
import type { Language } from "../core/language";
import { columnLetters } from "../core/template/cell-text";
import { hasTitleRow, TITLE_ROW } from "../core/template/page-setup";
import { sheetSpec, tableSpec } from "../core/template/template";
import { escapeOoxmlText, xmlEncode } from "./ooxml-text";

const REGISTER = tableSpec("register");
/** 1-based row numbers of the Register's header and first body row. */
const HEADER_ROW = REGISTER.anchor.row + 1;
const FIRST_ROW = HEADER_ROW + 1;
/** 1-based row where the sheet's used range starts: its title row, above the header. */
const TOP_ROW = hasTitleRow(sheetSpec(REGISTER.sheet)) ? TITLE_ROW + 1 : HEADER_ROW;
const LETTERS = REGISTER.columns.map((_, i) => columnLetters(REGISTER.anchor.column + i));
const SPANS = `${REGISTER.anchor.column + 1}:${REGISTER.anchor.column + REGISTER.columns.length}`;
/** The rows of a worksheet (Excel's limit). */
export const SHEET_ROWS = 1_048_576;
/** The entries the Register holds below its header. */
export const MAX_REGISTER_ROWS = SHEET_ROWS - HEADER_ROW;
/** Rows per chunk handed to the zip writer. */
const CHUNK_ROWS = 500;

/** The table's range for `rows` body rows (at least the one row a table always has). */
export function registerRef(rows: number): string {
  return `${LETTERS[0]}${HEADER_ROW}:${LETTERS.at(-1)}${HEADER_ROW + Math.max(1, rows)}`;
}

/** The sheet's used range for `rows` body rows: the title row through the table's last row. */
function dimensionRef(rows: number): string {
  return `${LETTERS[0]}${TOP_ROW}:${LETTERS.at(-1)}${HEADER_ROW + Math.max(1, rows)}`;
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
function unexpected(what: string): Error {
  return new Error(`the Register written by exceljs is not as expected: ${what}`);
}

/** `text` with `from` replaced by `to`, which must occur exactly `times` times. */
function replaceExactly(text: string, from: string, to: string, times: number, what: string): string {
  const pieces = text.split(from);
  if (pieces.length - 1 !== times)
    throw unexpected(`${what}: ${from} found ${pieces.length - 1} times, not ${times}`);
  return pieces.join(to);
}

/**
 * The worksheet around the blank body row exceljs wrote (the one row after the header, the last
 * of sheetData): what comes before it, with the dimension grown to `rows`, and what comes after.
 */
function frameOf(sheetXml: string, rows: number): Frame {
  const opening = `<row r="${FIRST_ROW}" `;
  const start = sheetXml.indexOf(opening);
  if (start < 0 || sheetXml.indexOf(opening, start + 1) >= 0)
    throw unexpected(`its blank body row: not one ${opening.trim()}`);
  const close = sheetXml.indexOf("</row>", start);
  const end = close + "</row>".length;
  if (close < 0 || !sheetXml.startsWith("</sheetData>", end))
    throw unexpected(`row ${FIRST_ROW} is not the last row of sheetData`);
  const blank = sheetXml.slice(start, end);
  const styles = LETTERS.map(
    (letters) => new RegExp(`<c r="${letters}${FIRST_ROW}" s="(\\d+)"`).exec(blank)?.[1] ?? undefined,
  );
  const head = replaceExactly(
    sheetXml.slice(0, start),
    `<dimension ref="${dimensionRef(1)}"/>`,
    `<dimension ref="${dimensionRef(rows)}"/>`,
    1,
    "the sheet's dimension",
  );
  return { head, tail: sheetXml.slice(end), styles };
}

/**
 * The Register worksheet with the entries in place of the blank row, as chunks of text generated
 * as they are read. Without entries it is the worksheet as exceljs wrote it. An unexpected shape
 * of exceljs's XML throws here, before any row is generated.
 */
export function registerSheetXml(
  sheetXml: string,
  entries: readonly Entry[],
  language: Language,
  enteredAt: number,
): Iterable<string> {
  if (entries.length === 0) return [sheetXml];
  return chunks(frameOf(sheetXml, entries.length), entries, language, enteredAt);
}

function* chunks(
  { head, tail, styles }: Frame,
  entries: readonly Entry[],
  language: Language,
  enteredAt: number,
): Generator<string> {
  yield head;
  for (let start = 0; start < entries.length; start += CHUNK_ROWS) {
    const rows: string[] = [];
    for (let index = start; index < Math.min(entries.length, start + CHUNK_ROWS); index++) {
      const row = FIRST_ROW + index;
      const cells = entryRow(entries[index], language, enteredAt)
        .map((value, c) => cellXml(`${LETTERS[c]}${row}`, value, styles[c]))
        .join("");
      rows.push(`<row r="${row}" spans="${SPANS}" x14ac:dyDescent="0.25">${cells}</row>`);
    }
    yield rows.join("");
  }
  yield tail;
}

/** The Register's table part with its range (and its filter's) grown to the entries. */
export function registerTableXml(tableXml: string, rows: number): string {
  const from = `ref="${registerRef(1)}"`;
  return replaceExactly(
    tableXml,
    from,
    `ref="${registerRef(rows)}"`,
    2,
    "the table's and its autoFilter's range",
  );
}
