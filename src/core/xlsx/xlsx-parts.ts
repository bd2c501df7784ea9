/**
 * Reading an .xlsx package already unzipped into its parts as text: sheets, tables, defined names,
 * shared strings and the cell values of a range. A hand-written scanner over the XML (indexOf and
 * small regular expressions), not a DOM: the city office reads many district workbooks of
 * thousands of rows at once, and the core stays free of packages and of the browser.
 */
import { serialFromUtc } from "../dates";

/** A cell as read: text, a number (dates are serials), a boolean, or null when the cell is blank or missing. */
export type CellValue = string | number | boolean | null;

/** A rectangle of cells, 1-based and inclusive ("B3:D5" is rows 3-5, columns 2-4). */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface XlsxSheet {
  readonly name: string;
  /** The worksheet's part, such as xl/worksheets/sheet1.xml. */
  readonly part: string;
}

export interface XlsxTable {
  readonly name: string;
  readonly displayName: string;
  /** The name of the sheet that holds it. */
  readonly sheet: string;
  readonly range: CellRange;
  /** 1 when the table's first row holds its headers, 0 when it has none. */
  readonly headerRowCount: number;
  readonly totalsRowCount: number;
  /** The columns' names as the table part states them (the header cells should say the same). */
  readonly columns: readonly string[];
}

export interface XlsxWorkbook {
  readonly sheets: readonly XlsxSheet[];
  readonly tables: readonly XlsxTable[];
  /** A table by name or display name (Excel's names ignore case). */
  table(name: string): XlsxTable | undefined;
  /** A workbook-level defined name's formula text, such as 'About'!$B$3 or 6 (names ignore case). */
  definedName(name: string): string | undefined;
  /** The cells of a range of a sheet, row by row; undefined when there is no such sheet or part. */
  readRange(sheet: string, range: CellRange): CellValue[][] | undefined;
  /** The value a defined name stands for: its cell's (the top left of a range), or its constant. */
  valueOfName(name: string): CellValue | undefined;
  /** docProps/core.xml's dcterms:modified, as written (W3CDTF, such as 2024-03-05T09:30:00Z). */
  readonly modified: string | undefined;
}

const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with its XML entities and character references replaced. */
export function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name];
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * OOXML's own escape for characters XML cannot carry (_x000D_ for a carriage return), which Excel
 * writes into strings; _x005F_ escapes a literal underscore before such a sequence.
 */
function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag by name (prefix kept), values decoded. */
function attributesOf(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(ATTRIBUTE)) found.set(match[1], decodeXml(match[2] ?? match[3]));
  return found;
}

/** An attribute by its local name, whatever prefix the writer chose (r:id, ns1:id). */
function attributeByLocalName(attributes: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attributes) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** The start tags of an element (with or without a namespace prefix), in document order. */
function startTags(xml: string, element: string): string[] {
  return xml.match(new RegExp(`<(?:[\\w.-]+:)?${element}(?=[\\s/>])[^>]*>`, "g")) ?? [];
}

/** Each element's start tag and its text content (empty for <x/>). */
function elementsWithText(xml: string, element: string): { tag: string; text: string }[] {
  const pattern = new RegExp(
    `<((?:[\\w.-]+:)?${element})(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</\\1\\s*>)`,
    "g",
  );
  return [...xml.matchAll(pattern)].map((match) => ({ tag: match[2], text: match[3] ?? "" }));
}

/** The text of a string item (<si> or <is>): its <t>, or its rich-text runs' <t>s, without phonetic runs. */
function stringItemText(inner: string): string {
  const withoutPhonetics = inner.includes("<rPh") ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : inner;
  let text = "";
  for (const match of withoutPhonetics.matchAll(/<t(?:\s[^>]*[^/>])?>([\s\S]*?)<\/t>/g)) text += match[1];
  return decodeXstring(decodeXml(text));
}

/** A part path from a relationship's target, relative to the folder of the part whose rels hold it. */
function resolveTarget(fromPart: string, target: string): string {
  const segments = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const segment of target.replace(/^\//, "").split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  readonly id: string;
  /** The type's last segment: worksheet, table, sharedStrings, officeDocument... (transitional or strict). */
  readonly kind: string;
  readonly part: string;
}

function relationshipsOf(parts: ReadonlyMap<string, string>, part: string): Relationship[] {
  const xml = parts.get(relsPartOf(part));
  if (xml === undefined) return [];
  return startTags(xml, "Relationship").flatMap((tag) => {
    const attributes = attributesOf(tag);
    const [id, type, target] = ["Id", "Type", "Target"].map((name) => attributes.get(name));
    if (!id || !type || !target || attributes.get("TargetMode") === "External") return [];
    return [{ id, kind: type.slice(type.lastIndexOf("/") + 1), part: resolveTarget(part, target) }];
  });
}

/** A column's number from its letters: A is 1, Z 26, AA 27. */
function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) & 0x1f);
  return column;
}

const CELL_REFERENCE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** A range from A1 notation ("A2:K40", "$B$3"); undefined for whole rows or columns, or anything else. */
export function parseRange(text: string): CellRange | undefined {
  const [first, last = first, extra] = text.trim().split(":");
  if (extra !== undefined) return undefined;
  const [a, b] = [CELL_REFERENCE.exec(first), CELL_REFERENCE.exec(last)];
  if (!a || !b) return undefined;
  const [left, right] = [columnNumber(a[1].toUpperCase()), columnNumber(b[1].toUpperCase())];
  const [top, bottom] = [Number(a[2]), Number(b[2])];
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

/** A reference to a sheet's cells, as defined names hold it: 'Sheet name'!$B$3 or Sheet!A1:B2. */
export function parseSheetReference(text: string): { sheet: string; range: CellRange } | undefined {
  const formula = text.trim().replace(/^=/, "");
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(formula);
  if (!match) return undefined;
  const range = parseRange(match[3]);
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
  return range && { sheet, range };
}

const W3CDTF =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?)?)?\s*(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date-time serial (days since 1899-12-30 UTC, the time of day as a fraction) from an ISO date or
 * date-time, as core.xml and cells of type d hold them; without a zone the time is taken as UTC.
 */
export function isoDateTimeToSerial(text: string): number | undefined {
  const match = W3CDTF.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part, i) => (part === undefined ? (i < 3 ? 1 : 0) : Number(part)));
  const fraction = match[7] ? Number(match[7]) : 0;
  const zone = match[8] && match[8] !== "Z" ? match[8] : undefined;
  const offsetMinutes = zone
    ? (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)))
    : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute - offsetMinutes, second) + fraction * 1000;
  // Date.UTC rolls 2021-02-30 over into March: such a text is no date.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || year < 100) return undefined;
  return serialFromUtc(new Date(ms));
}

/** The value of one cell from its start tag's attributes and its content. */
function cellValue(type: string | undefined, inner: string, strings: () => readonly string[]): CellValue {
  if (type === "inlineStr") {
    const start = inner.indexOf("<is");
    if (start < 0) return null;
    const end = inner.indexOf("</is>", start);
    return stringItemText(inner.slice(start, end < 0 ? inner.length : end));
  }
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner);
  if (!v) return null;
  const raw = v[1];
  switch (type) {
    case "s": {
      const text = strings()[Number(raw)];
      return text === undefined ? null : text;
    }
    case "str":
      return decodeXstring(decodeXml(raw));
    case "b":
      return raw.trim() === "1" || raw.trim().toLowerCase() === "true";
    case "e":
      // As Excel hands an error cell to the add-in: its text, such as #N/A.
      return decodeXml(raw);
    case "d":
      return isoDateTimeToSerial(decodeXml(raw)) ?? decodeXml(raw);
    default: {
      if (raw.trim() === "") return null;
      const number = Number(raw);
      return Number.isFinite(number) ? number : decodeXml(raw);
    }
  }
}

const ROW_OR_CELL = /<((?:[\w.-]+:)?)(row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
const R_ATTRIBUTE = /\sr\s*=\s*["']([^"']*)["']/;
const T_ATTRIBUTE = /\st\s*=\s*["']([^"']*)["']/;

/**
 * The cells of `range` in a worksheet's XML, row by row (null where no cell is). Rows and cells
 * without an r attribute follow the one before, as the format allows; rows before the range are
 * skipped whole, and the scan stops after its last row (rows come in order).
 */
export function readSheetRange(
  sheetXml: string,
  range: CellRange,
  strings: () => readonly string[],
): CellValue[][] {
  const width = range.right - range.left + 1;
  const cells: CellValue[][] = Array.from({ length: range.bottom - range.top + 1 }, () =>
    new Array<CellValue>(width).fill(null),
  );
  const dataStart = sheetXml.search(/<(?:[\w.-]+:)?sheetData[\s>]/);
  if (dataStart < 0) return cells;
  const scanner = new RegExp(ROW_OR_CELL.source, "g");
  scanner.lastIndex = dataStart;
  let row = 0;
  let column = 0;
  let inRange = false;
  for (let match = scanner.exec(sheetXml); match; match = scanner.exec(sheetXml)) {
    const [, prefix, element, attributes, selfClosing] = match;
    if (element === "row") {
      const r = R_ATTRIBUTE.exec(attributes);
      row = r ? Number(r[1]) : row + 1;
      column = 0;
      if (row > range.bottom) break;
      inRange = row >= range.top;
      if (!inRange && !selfClosing) {
        const end = sheetXml.indexOf(`</${prefix}row>`, scanner.lastIndex);
        if (end >= 0) scanner.lastIndex = end;
      }
      continue;
    }
    const r = R_ATTRIBUTE.exec(attributes);
    const letters = r && /^\$?([A-Za-z]+)/.exec(r[1]);
    column = letters ? columnNumber(letters[1].toUpperCase()) : column + 1;
    let inner = "";
    if (!selfClosing) {
      const end = sheetXml.indexOf(`</${prefix}c>`, scanner.lastIndex);
      if (end < 0) break; // a truncated part: what came before is all there is
      inner = sheetXml.slice(scanner.lastIndex, end);
      scanner.lastIndex = end;
    }
    if (!inRange || column < range.left || column > range.right) continue;
    const t = T_ATTRIBUTE.exec(attributes);
    cells[row - range.top][column - range.left] = cellValue(t ? t[1] : undefined, inner, strings);
  }
  return cells;
}

/** The shared string table's items, in order (their indexes are what cells of type s hold). */
export function readSharedStrings(xml: string): string[] {
  return elementsWithText(xml, "si").map((item) => stringItemText(item.text));
}

/** The part a relationship of `kind` points to from part `from` ("" is the package: _rels/.rels). */
function relatedPart(parts: ReadonlyMap<string, string>, from: string, kind: string): string | undefined {
  return relationshipsOf(parts, from).find((rel) => rel.kind === kind)?.part;
}

function readTable(xml: string, sheet: string): XlsxTable | undefined {
  const [tag] = startTags(xml, "table");
  if (!tag) return undefined;
  const attributes = attributesOf(tag);
  const range = parseRange(attributes.get("ref") ?? "");
  if (!range) return undefined;
  const count = (name: string, fallback: number) => {
    const value = Number(attributes.get(name) ?? fallback);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  const name = attributes.get("name") ?? attributes.get("displayName") ?? "";
  return {
    name,
    displayName: attributes.get("displayName") ?? name,
    sheet,
    range,
    headerRowCount: count("headerRowCount", 1),
    totalsRowCount: count("totalsRowCount", 0),
    columns: startTags(xml, "tableColumn").map((column) => attributesOf(column).get("name") ?? ""),
  };
}

/** The workbook in a package's parts. Parts are read when first asked for, and kept. */
export function readWorkbook(parts: ReadonlyMap<string, string>): XlsxWorkbook {
  const workbookPart = relatedPart(parts, "", "officeDocument") ?? "xl/workbook.xml";
  const workbookXml = parts.get(workbookPart) ?? "";
  const workbookRels = relationshipsOf(parts, workbookPart);
  const partOfId = new Map(workbookRels.map((rel) => [rel.id, rel.part]));

  const sheets: XlsxSheet[] = startTags(workbookXml, "sheet").flatMap((tag) => {
    const attributes = attributesOf(tag);
    const name = attributes.get("name");
    const part = partOfId.get(attributeByLocalName(attributes, "id") ?? "");
    return name !== undefined && part !== undefined ? [{ name, part }] : [];
  });

  const tables: XlsxTable[] = sheets.flatMap((sheet) =>
    relationshipsOf(parts, sheet.part)
      .filter((rel) => rel.kind === "table")
      .flatMap((rel) => {
        const xml = parts.get(rel.part);
        const table = xml === undefined ? undefined : readTable(xml, sheet.name);
        return table ? [table] : [];
      }),
  );

  // Workbook-level names only: a name scoped to one sheet (localSheetId) is another name.
  const names = new Map<string, string>();
  for (const { tag, text } of elementsWithText(workbookXml, "definedName")) {
    const attributes = attributesOf(tag);
    const name = attributes.get("name");
    if (name !== undefined && !attributes.has("localSheetId")) names.set(name.toLowerCase(), decodeXml(text));
  }

  let strings: string[] | undefined;
  const sharedStrings = () => {
    if (!strings) {
      const part = workbookRels.find((rel) => rel.kind === "sharedStrings")?.part ?? "xl/sharedStrings.xml";
      const xml = parts.get(part);
      strings = xml === undefined ? [] : readSharedStrings(xml);
    }
    return strings;
  };

  const readRange = (sheetName: string, range: CellRange) => {
    const wanted = sheetName.toLowerCase();
    const sheet = sheets.find((s) => s.name.toLowerCase() === wanted);
    const xml = sheet && parts.get(sheet.part);
    return xml === undefined ? undefined : readSheetRange(xml, range, sharedStrings);
  };

  const definedName = (name: string) => names.get(name.toLowerCase());

  const corePart = relatedPart(parts, "", "core-properties") ?? "docProps/core.xml";
  const coreXml = parts.get(corePart);
  const modified = coreXml && elementsWithText(coreXml, "modified")[0]?.text;

  return {
    sheets,
    tables,
    table: (name) => {
      const wanted = name.toLowerCase();
      return tables.find((t) => t.name.toLowerCase() === wanted || t.displayName.toLowerCase() === wanted);
    },
    definedName,
    readRange,
    valueOfName: (name) => {
      const formula = definedName(name);
      if (formula === undefined) return undefined;
      const reference = parseSheetReference(formula);
      if (reference) {
        const { top, left } = reference.range;
        return readRange(reference.sheet, { top, left, bottom: top, right: left })?.[0][0];
      }
      return constantOf(formula);
    },
    modified: modified ? decodeXml(modified).trim() : undefined,
  };
}

/** A defined name's constant: a number, a quoted text, TRUE or FALSE; undefined for a formula. */
function constantOf(formula: string): CellValue | undefined {
  const text = formula.trim().replace(/^=/, "");
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  const quoted = /^"((?:[^"]|"")*)"$/.exec(text);
  if (quoted) return quoted[1].replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  return undefined;
}
