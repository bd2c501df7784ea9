/**
 * Reading an .xlsx package as a reader does, independently of the writer (JSZip and
 * fast-xml-parser): its parts, their relationships, a sheet's part by the sheet's name, and the
 * Dashboard's chart with its series. Works on the files LibreOffice saves as well as on ours.
 */
import { XMLParser } from "fast-xml-parser";
import { readFileSync } from "fs";
import JSZip from "jszip";

export type Parts = ReadonlyMap<string, string>;

/** Every part of the package, as text. */
export async function packageParts(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const parts = new Map<string, string>();
  for (const file of Object.values(zip.files))
    if (!file.dir) parts.set(file.name, await file.async("string"));
  return parts;
}

/** An element: its children by qualified name (always lists), its attributes as "@name", text as "#text". */
export type Node = Record<string, unknown[]> & Record<`@${string}`, string>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});
const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true });

/** The elements at a path of qualified names below an element (every match, in order). */
export function below(node: Node, ...path: string[]): Node[] {
  let found: Node[] = [node];
  for (const step of path) found = found.flatMap((n) => (n[step] ?? []) as Node[]);
  return found;
}

/** The elements at a path of qualified names below the document. */
export function nodes(xml: string, ...path: string[]): Node[] {
  return below(parser.parse(xml) as Node, ...path);
}

/** The names of the root element's children, in document order. */
export function rootChildren(xml: string, root: string): string[] {
  const top = (ordered.parse(xml) as Record<string, unknown[]>[]).find((n) => root in n)!;
  return (top[root] as Record<string, unknown>[]).map((child) => Object.keys(child)[0]);
}

/** An element's text (an element without attributes parses to its text alone). */
export function textOf(node: unknown): string {
  if (typeof node === "object" && node !== null) {
    const text = (node as Record<string, unknown[]>)["#text"];
    return text ? String(text[0]) : "";
  }
  return String(node);
}

/** The text of the first child named `name`. */
export function childText(node: Node, name: string): string {
  return textOf((node[name] ?? [""])[0]);
}

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

function resolve(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const segments = folderOf(source).split("/").filter(Boolean);
  for (const step of target.split("/")) {
    if (step === "..") segments.pop();
    else if (step !== ".") segments.push(step);
  }
  return segments.join("/");
}

export interface Relationship {
  readonly type: string;
  /** The target part's name (internal targets), or the target as written (external ones). */
  readonly target: string;
}

/** The relationships of a part, by id. */
export function relationships(parts: Parts, source: string): Map<string, Relationship> {
  const xml = parts.get(`${folderOf(source)}_rels/${source.slice(source.lastIndexOf("/") + 1)}.rels`);
  const found = new Map<string, Relationship>();
  if (xml === undefined) return found;
  for (const r of nodes(xml, "Relationships", "Relationship")) {
    const external = r["@TargetMode"] === "External";
    found.set(r["@Id"], {
      type: r["@Type"],
      target: external ? r["@Target"] : resolve(source, r["@Target"]),
    });
  }
  return found;
}

const TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** The worksheet part of a sheet, through the workbook's relationships. */
export function sheetPart(parts: Parts, name: string): string {
  const sheet = nodes(parts.get("xl/workbook.xml")!, "workbook", "sheets", "sheet").find(
    (s) => s["@name"] === name,
  );
  if (!sheet) throw new Error(`no sheet named ${name}`);
  return relationships(parts, "xl/workbook.xml").get(sheet["@r:id"])!.target;
}

export interface SheetChart {
  readonly sheet: string;
  readonly drawing: string;
  /** The drawing's anchor of the chart frame (xdr:twoCellAnchor). */
  readonly anchor: Node;
  /** The chart frame's name (xdr:cNvPr), which Excel's API gives as the chart's name. */
  readonly name: string;
  readonly chart: string;
  readonly chartXml: string;
}

/** The charts drawn on a sheet: through its <drawing>, the drawing's frames and their relationships. */
export function sheetCharts(parts: Parts, sheetName: string): SheetChart[] {
  const sheet = sheetPart(parts, sheetName);
  return nodes(parts.get(sheet)!, "worksheet", "drawing").flatMap((element) => {
    const drawingRel = relationships(parts, sheet).get(element["@r:id"])!;
    if (drawingRel.type !== `${TYPE}drawing`)
      throw new Error(`${sheet}'s drawing is related as ${drawingRel.type}`);
    const drawing = drawingRel.target;
    const wsDr = nodes(parts.get(drawing)!, "xdr:wsDr")[0];
    const anchors = [...below(wsDr, "xdr:twoCellAnchor"), ...below(wsDr, "xdr:oneCellAnchor")];
    return anchors.flatMap((anchor) =>
      below(anchor, "xdr:graphicFrame").flatMap((frame) => {
        const [chartElement] = below(frame, "a:graphic", "a:graphicData", "c:chart");
        if (!chartElement) return [];
        const chartRel = relationships(parts, drawing).get(chartElement["@r:id"])!;
        if (chartRel.type !== `${TYPE}chart`)
          throw new Error(`${drawing}'s chart is related as ${chartRel.type}`);
        const [cNvPr] = below(frame, "xdr:nvGraphicFramePr", "xdr:cNvPr");
        const chartXml = parts.get(chartRel.target);
        if (chartXml === undefined) throw new Error(`no ${chartRel.target} in the package`);
        return [{ sheet, drawing, anchor, name: cNvPr["@name"], chart: chartRel.target, chartXml }];
      }),
    );
  });
}

/** A cell range a chart reads, with the values it caches (numbers where they are numbers). */
export interface ChartRange {
  readonly reference: string;
  readonly formatCode?: string;
  /** The cache's point count (ptCount). */
  readonly count: number;
  readonly points: (number | string)[];
}

export interface LineSeries {
  readonly name: ChartRange;
  readonly categories: ChartRange;
  readonly values: ChartRange;
}

function range(reference: Node | undefined): ChartRange {
  if (!reference) throw new Error("the series has no cell reference");
  const [cache] = [...below(reference, "c:numCache"), ...below(reference, "c:strCache")];
  const formatCode = cache?.["c:formatCode"] ? childText(cache, "c:formatCode") : undefined;
  return {
    reference: childText(reference, "c:f"),
    formatCode,
    count: cache ? Number(below(cache, "c:ptCount")[0]?.["@val"] ?? 0) : 0,
    points: (cache ? below(cache, "c:pt") : []).map((pt) => {
      const value = childText(pt, "c:v");
      return value !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
    }),
  };
}

const reference = (node: Node, path: string) =>
  [...below(node, path, "c:numRef"), ...below(node, path, "c:strRef")][0];

/** The series of a chart's line charts, in order. */
export function lineSeries(chartXml: string): LineSeries[] {
  return nodes(chartXml, "c:chartSpace", "c:chart", "c:plotArea", "c:lineChart", "c:ser").map((ser) => ({
    name: range(reference(ser, "c:tx")),
    categories: range(reference(ser, "c:cat")),
    values: range(reference(ser, "c:val")),
  }));
}

/** A chart's title as its text runs spell it. */
export function chartTitle(chartXml: string): string {
  return nodes(chartXml, "c:chartSpace", "c:chart", "c:title", "c:tx", "c:rich", "a:p", "a:r", "a:t")
    .map(textOf)
    .join("");
}
