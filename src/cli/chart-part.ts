/**
 * The Dashboard's timeline chart as DrawingML, as Excel writes a line chart: the chart part
 * (xl/charts/chartN.xml) and the drawing that places it on the sheet (xl/drawings/drawingN.xml).
 * exceljs writes no charts; write-workbook.ts adds these parts to the package (package-parts.ts).
 *
 * The chart is the one the add-in adds (apply-template.ts): a line chart over the timeline table,
 * the Month end column as categories and every other column a series named by its header, with the
 * template's title and placement and the name the add-in's repair looks for (CHART_NAME), so that
 * the add-in finds it and adds no second one.
 */
import type { Entry } from "../core/entries";
import type { Language } from "../core/language";
import { timeline, type TimelineMonth } from "../core/summary";
import { rangeFormula } from "../core/template/cell-text";
import type { ColumnSpec } from "../core/template/structure";
import { CHART_NAME } from "../core/template/template-changes";
import { headers, sheetSpec, tableSpec } from "../core/template/template";
import { registerColumns } from "../core/tracking";
import { escapeOoxmlText, xmlEncode } from "./ooxml-text";
import { entryRows, type TableRows } from "./register-sheet";
import {
  addContentType,
  addRelationship,
  freePartName,
  insertWorksheetElement,
  type Parts,
  RELATIONSHIP_TYPES,
  worksheetPart,
} from "./package-parts";

const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};

/** The Office theme's colours Excel gives a line chart's first series, second series, and so on. */
const SERIES_COLOURS = ["accent1", "accent2", "accent3", "accent4", "accent5", "accent6"];

/** The language tag of the chart's text (title, lang), as Excel stamps it. */
const LANGUAGE_TAGS: Readonly<Record<Language, string>> = { en: "en-US", zh: "zh-CN" };

/** Axis ids: any two distinct numbers that tie each axis to the chart and to the other axis. */
const AXES = { category: 500100001, value: 500100002 };

/** One cell range of the chart's source and the values cached for it. */
interface CachedRange {
  /** The range as the chart refers to it, e.g. 'Dashboard'!$B$11:$B$43. */
  readonly reference: string;
  readonly formatCode: string;
  /** The cells' values in order; undefined where the file leaves the figure to be calculated. */
  readonly values: readonly (number | undefined)[];
}

export interface TimelineChart {
  readonly title: string;
  readonly language: Language;
  readonly categories: CachedRange;
  readonly series: readonly {
    readonly name: { reference: string; text: string };
    readonly values: CachedRange;
  }[];
}

export type TimelineChartOptions = {
  readonly language: Language;
  /** The file's fixed as-of date; without one (=TODAY()) the as-of-dependent figures are not cached. */
  readonly asOf?: number;
} & (
  | { readonly entries: readonly Entry[] }
  /** The Register's rows as the file holds them (a merge's rows are not entries). */
  | { readonly registerRows: TableRows }
);

/**
 * What the file's chart shows: the timeline table's ranges on the Dashboard (from the template
 * spec) and, as its cached values, the figures the timeline's formulas give over the file's
 * entries at its as-of date (the core's timeline()). Without a fixed as-of date the Recognized
 * figures depend on the day the file is opened and are left for Excel to calculate on opening;
 * month ends and the expected pace are the same on every day and are cached.
 */
export function timelineChart(options: TimelineChartOptions): TimelineChart {
  const { language } = options;
  const chart = sheetSpec("dashboard").chart!;
  const spec = tableSpec(chart.table);
  const sheet = sheetSpec(spec.sheet).name[language];
  const seeded = spec.seedRows!(language);
  const monthEnds = seeded.map((row) => row[0] as number);
  const rows = seeded.length;
  const { row: headerRow, column: left } = spec.anchor;
  const range = (index: number) => rangeFormula(sheet, headerRow + 1, left + index, rows).slice(1);
  const months = timelineFigures(options, monthEnds);
  const cached = (column: ColumnSpec, index: number): CachedRange => ({
    reference: range(index),
    formatCode: column.numberFormat ?? "General",
    values: months.map((month) => (column.id in month ? month[column.id as keyof TimelineMonth] : undefined)),
  });
  const names = headers(spec, language);
  const [categories, ...series] = spec.columns;
  return {
    title: chart.title[language],
    language,
    categories: cached(categories, 0),
    series: series.map((column, i) => ({
      name: { reference: rangeFormula(sheet, headerRow, left + i + 1, 1).slice(1), text: names[i + 1] },
      values: cached(column, i + 1),
    })),
  };
}

/** The columns of the Register the timeline reads. */
const COUNTED_COLUMNS = ["goal", "status", "date"];

/** The timeline's figures at each month end; Recognized only when the as-of date is fixed. */
function timelineFigures(
  options: TimelineChartOptions,
  monthEnds: readonly number[],
): Partial<TimelineMonth>[] {
  const { language, asOf } = options;
  const spec = tableSpec("register");
  const indexes = COUNTED_COLUMNS.map((id) => spec.columns.findIndex((column) => column.id === id));
  const names = headers(spec, language);
  const rows = "registerRows" in options ? options.registerRows : entryRows(options.entries, language, 0);
  // Only the counted cells of each row are kept: a large register is not held a second time.
  const register = (counted: TableRows) =>
    registerColumns({
      headers: indexes.map((i) => names[i]),
      rows: Array.from({ length: counted.length }, (_, index) => {
        const row = counted.cells(index);
        return indexes.map((i) => row[i]);
      }),
    });
  if (asOf !== undefined) return timeline(register(rows), asOf, monthEnds);
  // The expected pace depends on the month end alone: no entries at any as-of date give it.
  return timeline(register(entryRows([], language, 0)), 0, monthEnds).map(({ monthEnd, expected }) => ({
    monthEnd,
    expected,
  }));
}

/** A cached cell value (c:v is ST_Xstring: `_xHHHH_` reads as a character, so it is escaped). */
function cellText(value: string): string {
  return xmlEncode(escapeOoxmlText(value));
}

function numberReference(range: CachedRange): string {
  const points = range.values
    .map((value, idx) => (value === undefined ? "" : `<c:pt idx="${idx}"><c:v>${value}</c:v></c:pt>`))
    .join("");
  return (
    `<c:numRef><c:f>${xmlEncode(range.reference)}</c:f><c:numCache><c:formatCode>${xmlEncode(range.formatCode)}</c:formatCode>` +
    `<c:ptCount val="${range.values.length}"/>${points}</c:numCache></c:numRef>`
  );
}

function seriesXml(chart: TimelineChart, index: number): string {
  const { name, values } = chart.series[index];
  const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:strRef><c:f>${xmlEncode(name.reference)}</c:f><c:strCache><c:ptCount val="1"/>` +
    `<c:pt idx="0"><c:v>${cellText(name.text)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:schemeClr val="${colour}"/></a:solidFill>` +
    `<a:round/></a:ln><a:effectLst/></c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
    `<c:cat>${numberReference(chart.categories)}</c:cat><c:val>${numberReference(values)}</c:val>` +
    `<c:smooth val="0"/></c:ser>`
  );
}

/** The chart part: a c:chartSpace holding one line chart on a date axis and a value axis. */
export function chartXml(chart: TimelineChart): string {
  const lang = LANGUAGE_TAGS[chart.language];
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>` +
    `<a:r><a:rPr lang="${lang}"/><a:t>${xmlEncode(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const ticks = `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`;
  const dateAxis =
    `<c:dateAx><c:axId val="${AXES.category}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="${xmlEncode(chart.categories.formatCode)}" sourceLinked="1"/>${ticks}` +
    `<c:crossAx val="${AXES.value}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblOffset val="100"/><c:baseTimeUnit val="months"/></c:dateAx>`;
  const valueAxis =
    `<c:valAx><c:axId val="${AXES.value}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="General" sourceLinked="1"/>${ticks}` +
    `<c:crossAx val="${AXES.category}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  const series = chart.series.map((_, index) => seriesXml(chart, index)).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.relationships}">` +
    // Excel draws rounded corners where the element is missing.
    `<c:date1904 val="0"/><c:lang val="${lang}"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
    `<c:marker val="1"/><c:axId val="${AXES.category}"/><c:axId val="${AXES.value}"/></c:lineChart>` +
    `${dateAxis}${valueAxis}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/**
 * The drawing part: the chart in a frame named CHART_NAME, anchored to the cells the template
 * places it on (top-left at `at`, covering `size` cells), moving and sizing with them.
 * `chartRelationship` is the id under which the drawing's relationships name the chart part.
 */
export function drawingXml(chartRelationship: string): string {
  const { at, size } = sheetSpec("dashboard").chart!;
  const corner = (row: number, column: number) =>
    `<xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.main}"><xdr:twoCellAnchor>` +
    `<xdr:from>${corner(at.row, at.column)}</xdr:from>` +
    `<xdr:to>${corner(at.row + size.rows, at.column + size.columns)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xmlEncode(CHART_NAME)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}">` +
    `<c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="${xmlEncode(chartRelationship)}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

const CONTENT_TYPES = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
};

/**
 * Adds the timeline chart to the package exceljs wrote: the chart and drawing parts with their
 * content types, the drawing's relationship to the chart, and the Dashboard's <drawing> element
 * and relationship (beside exceljs's relationships to its tables).
 */
export function addTimelineChart(parts: Parts, options: TimelineChartOptions): void {
  const chartPart = freePartName(parts, "xl/charts/chart", ".xml");
  const drawingPart = freePartName(parts, "xl/drawings/drawing", ".xml");
  const sheetPart = worksheetPart(parts, sheetSpec("dashboard").name[options.language]);

  parts.set(chartPart, Buffer.from(chartXml(timelineChart(options)), "utf8"));
  addContentType(parts, chartPart, CONTENT_TYPES.chart);
  const chartId = addRelationship(parts, drawingPart, RELATIONSHIP_TYPES.chart, chartPart);
  parts.set(drawingPart, Buffer.from(drawingXml(chartId), "utf8"));
  addContentType(parts, drawingPart, CONTENT_TYPES.drawing);

  const drawingId = addRelationship(parts, sheetPart, RELATIONSHIP_TYPES.drawing, drawingPart);
  const sheetXml = parts.get(sheetPart)!.toString("utf8");
  parts.set(
    sheetPart,
    Buffer.from(insertWorksheetElement(sheetXml, "drawing", `<drawing r:id="${drawingId}"/>`), "utf8"),
  );
}
