/**
 * The Dashboard's chart in the file `npm run workbook` writes: its parts are well-formed and
 * declared, every relationship resolves, the chart reads the timeline table's cells in either
 * language and caches the core's figures, it is placed and named as the add-in places and names
 * its own, and exceljs still opens the file.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { WORKSHEET_ORDER } from "../../src/cli/package-parts";
import { loadWorkbook } from "../../src/cli/workbook-file";
import { isoToSerial, serialFromUtc } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { timeline } from "../../src/core/summary";
import { CHART_NAME } from "../../src/core/template/template-changes";
import { SHEETS, sheetSpec, tableSpec } from "../../src/core/template/template";
import { registerColumns } from "../../src/core/tracking";
import { runCli, scratchFolder, writeCsv } from "./harness";
import { expectWellFormed } from "./ooxml-reader";
import {
  below,
  chartTitle,
  childText,
  lineSeries,
  nodes,
  packageParts,
  type Parts,
  relationships,
  rootChildren,
  sheetCharts,
} from "./package-reader";

const folder = scratchFolder();
const AS_OF = "2021-06-30";
const LANGUAGES: readonly { language: Language; flag: string }[] = [
  { language: "en", flag: "en" },
  { language: "zh", flag: "zh-CN" },
];

/** Recognized entries before, on and after the as-of date, one undated, one not recognized. */
const ENTRIES = [
  "BRANDS,Brand A,,,,2020-06-30,Recognized,,,",
  "BRANDS,Brand B,,,,2020-11-15,Recognized,,,",
  "SCENARIOS,Scenario A,,,,2021-06-30,Recognized,,,",
  "BRANDS,Brand C,,,,,Recognized,,,",
  "BRANDS,Brand D,,,,2021-01-01,Candidate,,,",
  "BRANDS,Brand E,,,,2021-09-01,Recognized,,,",
];

async function writeFile(flag: string, ...extra: string[]): Promise<string> {
  const out = join(folder(), `${flag}.xlsx`);
  const register = writeCsv(folder(), ENTRIES);
  const result = await runCli("--out", out, "--lang", flag, "--register", register, ...extra);
  expect(result.code).toBe(0);
  return out;
}

/** The one chart on the Dashboard. */
function dashboardChart(parts: Parts, language: Language) {
  const charts = sheetCharts(parts, sheetSpec("dashboard").name[language]);
  expect(charts).toHaveLength(1);
  return charts[0];
}

/** The timeline table's range on the Dashboard, from the table part exceljs wrote. */
function timelineRange(parts: Parts, sheet: string) {
  const table = [...relationships(parts, sheet).values()]
    .filter((r) => r.type.endsWith("/table"))
    .map((r) => nodes(parts.get(r.target)!, "table")[0])
    .find((t) => t["@name"] === tableSpec("timeline").name)!;
  const [, left, top, right, bottom] = /^([A-Z])(\d+):([A-Z])(\d+)$/.exec(table["@ref"])!;
  // Single-letter columns: the timeline sits at the sheet's left.
  const columns = Array.from({ length: right.charCodeAt(0) - left.charCodeAt(0) + 1 }, (_, i) =>
    String.fromCharCode(left.charCodeAt(0) + i),
  );
  return { columns, top: Number(top), bottom: Number(bottom) };
}

/** The core's timeline over the Register the file holds (read back with exceljs), at `asOf`. */
async function coreTimeline(path: string, language: Language, asOf: number) {
  const workbook = await loadWorkbook(readFileSync(path));
  const sheet = workbook.getWorksheet(sheetSpec("register").name[language])!;
  const { row: headerRow, column: left } = tableSpec("register").anchor;
  const cells = (row: number) =>
    (sheet.getRow(row + 1).values as unknown[])
      .slice(left + 1)
      .map((v) => (v instanceof Date ? serialFromUtc(v) : v));
  const block = {
    headers: cells(headerRow).map(String),
    rows: Array.from({ length: ENTRIES.length }, (_, r) => cells(headerRow + 1 + r)),
  };
  expect(block.rows.map((row) => typeof row[1])).toEqual(ENTRIES.map(() => "string"));
  const monthEnds = tableSpec("timeline").seedRows!(language).map((row) => row[0] as number);
  return timeline(registerColumns(block), asOf, monthEnds);
}

describe.each(LANGUAGES)("the file's chart ($flag)", ({ language, flag }) => {
  const sheetName = sheetSpec("dashboard").name[language];
  const quotedSheet = `'${sheetName}'`;

  it("adds well-formed parts, each with its content type, and every relationship resolves", async () => {
    const parts = await packageParts(await writeFile(flag, "--as-of", AS_OF));
    const { chart, drawing } = dashboardChart(parts, language);
    for (const [name, xml] of parts) if (/\.(xml|rels)$/.test(name)) expectWellFormed(xml);

    const types = parts.get("[Content_Types].xml")!;
    const overrides = new Map(
      nodes(types, "Types", "Override").map((o) => [o["@PartName"].slice(1), o["@ContentType"]] as const),
    );
    const defaults = new Map(
      nodes(types, "Types", "Default").map((d) => [d["@Extension"], d["@ContentType"]] as const),
    );
    expect(overrides.get(chart)).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    expect(overrides.get(drawing)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
    const untyped = [...parts.keys()].filter(
      (name) =>
        name !== "[Content_Types].xml" &&
        !overrides.has(name) &&
        !defaults.has(name.slice(name.lastIndexOf(".") + 1)),
    );
    expect(untyped).toEqual([]);
    expect([...overrides.keys()].filter((name) => !parts.has(name))).toEqual([]);

    const sources = [...parts.keys()]
      .filter((name) => name.includes("_rels/"))
      .map((name) => name.replace("_rels/", "").replace(/\.rels$/, ""));
    expect(sources).toEqual(expect.arrayContaining([drawing, "xl/workbook.xml"]));
    const dangling = sources.flatMap((source) =>
      [...relationships(parts, source)]
        .filter(([, r]) => !parts.has(r.target))
        .map(([id, r]) => `${source} ${id} -> ${r.target}`),
    );
    expect(dangling).toEqual([]);
  });

  it("puts the drawing in the Dashboard worksheet where the schema's sequence does, beside its tables", async () => {
    const parts = await packageParts(await writeFile(flag, "--as-of", AS_OF));
    const { sheet } = dashboardChart(parts, language);
    const children = rootChildren(parts.get(sheet)!, "worksheet");
    expect(children.filter((name) => name === "drawing")).toHaveLength(1);
    const ranks = children.map((name) => WORKSHEET_ORDER.indexOf(name as never));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(children.indexOf("drawing")).toBeLessThan(children.indexOf("tableParts"));
    // exceljs's relationships to the Dashboard's two tables are kept, under ids of their own.
    const kinds = [...relationships(parts, sheet).values()].map((r) => r.type.split("/").pop());
    expect(kinds.sort()).toEqual(["drawing", "table", "table"]);
  });

  it("reads the timeline table's header cells and columns, by absolute references to its sheet", async () => {
    const path = await writeFile(flag, "--as-of", AS_OF);
    const parts = await packageParts(path);
    const { sheet, chartXml } = dashboardChart(parts, language);
    const { columns, top, bottom } = timelineRange(parts, sheet);
    expect(bottom - top).toBe(tableSpec("timeline").seedRows!(language).length);
    const dashboard = (await loadWorkbook(readFileSync(path))).getWorksheet(sheetName)!;
    const monthEnds = Array.from({ length: bottom - top }, (_, r) =>
      serialFromUtc(dashboard.getCell(`${columns[0]}${top + 1 + r}`).value as Date),
    );

    const series = lineSeries(chartXml);
    expect(series).toHaveLength(columns.length - 1);
    series.forEach(({ name, categories, values }, index) => {
      const column = columns[index + 1];
      expect(name.reference).toBe(`${quotedSheet}!$${column}$${top}`);
      expect(name.points).toEqual([dashboard.getCell(`${column}${top}`).value]);
      expect(categories.reference).toBe(`${quotedSheet}!$${columns[0]}$${top + 1}:$${columns[0]}$${bottom}`);
      expect(categories.points).toEqual(monthEnds);
      expect(categories.formatCode).toBe("yyyy-mm-dd");
      expect(values.reference).toBe(`${quotedSheet}!$${column}$${top + 1}:$${column}$${bottom}`);
      expect(values.count).toBe(bottom - top);
    });
  });

  it("caches the core's timeline over the file's register at its as-of date", async () => {
    const path = await writeFile(flag, "--as-of", AS_OF);
    const { chartXml } = dashboardChart(await packageParts(path), language);
    const months = await coreTimeline(path, language, isoToSerial(AS_OF));
    const [recognized, expected] = lineSeries(chartXml).map((s) => s.values.points);
    expect(recognized).toEqual(months.map((m) => m.recognized));
    // One undated entry counts from the first month; the three dated by the as-of come in on their
    // months; the one dated after it never does.
    expect(recognized.slice(0, 3)).toEqual([1, 1, 2]);
    expect(recognized[recognized.length - 1]).toBe(4);
    expect(expected).toEqual(months.map((m) => m.expected));
  });

  it("leaves the Recognized cache to Excel when the as-of date is today's, and caches the rest", async () => {
    const path = await writeFile(flag);
    const { chartXml } = dashboardChart(await packageParts(path), language);
    const [recognized, expected] = lineSeries(chartXml).map((s) => s.values);
    expect(recognized.points).toEqual([]);
    // The expected pace is the same at any as-of date.
    const months = await coreTimeline(path, language, isoToSerial(AS_OF));
    expect(expected.points).toEqual(months.map((m) => m.expected));
    expect([recognized.count, expected.count]).toEqual([months.length, months.length]);
  });

  it("is named as the add-in's repair looks for it, titled in the workbook's language, placed as the template says", async () => {
    const parts = await packageParts(await writeFile(flag, "--as-of", AS_OF));
    const { name, anchor, chartXml } = dashboardChart(parts, language);
    expect(name).toBe(CHART_NAME);
    const spec = sheetSpec("dashboard").chart!;
    expect(chartTitle(chartXml)).toBe(spec.title[language]);
    expect(nodes(chartXml, "c:chartSpace", "c:lang")[0]["@val"]).toBe(language === "zh" ? "zh-CN" : "en-US");

    const corner = (end: string) => {
      const [at] = below(anchor, end);
      return ["xdr:row", "xdr:col", "xdr:rowOff", "xdr:colOff"].map((k) => Number(childText(at, k)));
    };
    // The add-in's setPosition covers its start cell through its end cell: the frame ends where the
    // cells after them begin.
    expect(corner("xdr:from")).toEqual([spec.at.row, spec.at.column, 0, 0]);
    expect(corner("xdr:to")).toEqual([
      spec.at.row + spec.size.rows,
      spec.at.column + spec.size.columns,
      0,
      0,
    ]);
    // Clear of the Dashboard's goal table, to its right.
    const dashboard = tableSpec("dashboard");
    expect(spec.at.column).toBeGreaterThanOrEqual(dashboard.anchor.column + dashboard.columns.length);
  });

  it("keeps the file readable by exceljs", async () => {
    const workbook = await loadWorkbook(readFileSync(await writeFile(flag, "--as-of", AS_OF)));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS.map((s) => s.name[language]));
    const timelineSpec = tableSpec("timeline");
    const { row, column } = timelineSpec.anchor;
    expect(workbook.getWorksheet(sheetName)!.getCell(row + 1, column + 1).value).toBe(
      timelineSpec.columns[0].header[language],
    );
  });
});
