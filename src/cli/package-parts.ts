/**
 * Adding parts to an .xlsx package (Open Packaging Conventions, ECMA-376 part 2) that exceljs
 * wrote: finding a worksheet's part by the sheet's name, relating parts (ids that do not clash
 * with exceljs's own), declaring content types, and placing an element in a worksheet where the
 * schema's sequence puts it. Parts are the inflated bytes of readZip, by name.
 */
import { xmlEncode } from "./ooxml-text";

export type Parts = Map<string, Buffer>;

const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export const RELATIONSHIP_TYPES = {
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
};

/**
 * The children of a worksheet in the order CT_Worksheet's sequence requires them (ECMA-376 part 1,
 * 18.3.1.99); Excel refuses a file whose worksheet has them in another order.
 */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

export type WorksheetElement = (typeof WORKSHEET_ORDER)[number];

function textOf(parts: Parts, name: string): string {
  const data = parts.get(name);
  if (!data) throw new Error(`the package has no ${name}`);
  return data.toString("utf8");
}

function setText(parts: Parts, name: string, xml: string): void {
  parts.set(name, Buffer.from(xml, "utf8"));
}

/** The attributes of one start tag, by their qualified names, entities decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, , value] of tag.matchAll(/([\w:.-]+)\s*=\s*(["'])(.*?)\2/g))
    found.set(
      name,
      value
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&"),
    );
  return found;
}

/** The relationships part of a part: xl/worksheets/sheet2.xml -> xl/worksheets/_rels/sheet2.xml.rels. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship's target, relative to its source part, as a part name. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const folders = source.split("/").slice(0, -1);
  for (const step of target.split("/")) {
    if (step === "..") folders.pop();
    else if (step !== ".") folders.push(step);
  }
  return folders.join("/");
}

/** The relative path from one part's folder to another part: xl/worksheets/a.xml, xl/drawings/b.xml -> ../drawings/b.xml. */
function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target as a part name (internal targets), or as written (external ones). */
  readonly target: string;
  readonly external: boolean;
}

/** The relationships of a part (none when it has no relationships part). */
export function relationshipsOf(parts: Parts, source: string): Relationship[] {
  const rels = parts.get(relationshipsPartOf(source));
  if (!rels) return [];
  return [...rels.toString("utf8").matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => {
    const a = attributes(tag);
    const external = a.get("TargetMode") === "External";
    const target = a.get("Target")!;
    return {
      id: a.get("Id")!,
      type: a.get("Type")!,
      target: external ? target : resolveTarget(source, target),
      external,
    };
  });
}

/** Relates `source` to the part `target` with a new id (rIdN, free among the source's ids); returns the id. */
export function addRelationship(parts: Parts, source: string, type: string, target: string): string {
  const name = relationshipsPartOf(source);
  const taken = new Set(relationshipsOf(parts, source).map((r) => r.id));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const xml = parts.has(name)
    ? textOf(parts, name)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS_NS}"></Relationships>`;
  const relationship = `<Relationship Id="${id}" Type="${xmlEncode(type)}" Target="${xmlEncode(relativeTarget(source, target))}"/>`;
  if (!xml.includes("</Relationships>")) throw new Error(`${name} is not a relationships part`);
  setText(parts, name, xml.replace("</Relationships>", `${relationship}</Relationships>`));
  return id;
}

/** Declares the content type of a part ([Content_Types].xml Override). */
export function addContentType(parts: Parts, part: string, contentType: string): void {
  const name = "[Content_Types].xml";
  const xml = textOf(parts, name);
  if (xml.includes(`PartName="/${part}"`)) throw new Error(`${part} already has a content type`);
  setText(
    parts,
    name,
    xml.replace(
      "</Types>",
      `<Override PartName="/${xmlEncode(part)}" ContentType="${xmlEncode(contentType)}"/></Types>`,
    ),
  );
}

/** The first name `${stem}N${extension}` (N = 1, 2, ...) that no part has. */
export function freePartName(parts: Parts, stem: string, extension: string): string {
  for (let n = 1; ; n++) if (!parts.has(`${stem}${n}${extension}`)) return `${stem}${n}${extension}`;
}

/** The worksheet part of the sheet named `sheetName` (found through the workbook and its relationships). */
export function worksheetPart(parts: Parts, sheetName: string): string {
  const workbook = "xl/workbook.xml";
  const sheet = [...textOf(parts, workbook).matchAll(/<sheet\b[^>]*>/g)]
    .map(([tag]) => attributes(tag))
    .find((a) => a.get("name") === sheetName);
  const id = sheet?.get("r:id");
  const relationship = relationshipsOf(parts, workbook).find((r) => r.id === id);
  if (!relationship || relationship.type !== RELATIONSHIP_TYPES.worksheet)
    throw new Error(`the workbook has no worksheet named ${sheetName}`);
  return relationship.target;
}

/** Start and end offsets of each child element of the document's root element, by local name. */
function rootChildren(xml: string): { name: string; start: number }[] {
  const children: { name: string; start: number }[] = [];
  let depth = 0;
  // Tags (attribute values may hold ">"), comments, processing instructions and CDATA.
  const tokens =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (const token of xml.matchAll(tokens)) {
    const [, closing, qualified, selfClosing] = token;
    if (qualified === undefined) continue;
    if (closing) {
      depth--;
      continue;
    }
    if (depth === 1) children.push({ name: qualified.replace(/^.*:/, ""), start: token.index });
    if (!selfClosing) depth++;
  }
  return children;
}

/**
 * Places `element` (the XML of one `name` element) in a worksheet's XML where CT_Worksheet's
 * sequence puts it: before the first child that the sequence puts after it. Fails when the sheet
 * already has such an element (each appears once).
 */
export function insertWorksheetElement(sheetXml: string, name: WorksheetElement, element: string): string {
  const rank = (child: string) => WORKSHEET_ORDER.indexOf(child as WorksheetElement);
  const children = rootChildren(sheetXml);
  if (children.some((child) => child.name === name))
    throw new Error(`the worksheet already has a ${name} element`);
  const next = children.find((child) => rank(child.name) > rank(name));
  const at = next ? next.start : sheetXml.lastIndexOf("</");
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}
