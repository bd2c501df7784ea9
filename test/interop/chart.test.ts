/**
 * The Dashboard's chart as LibreOffice draws it from the written file, in English and Chinese:
 * saved again by LibreOffice, the file still holds one line chart named as the add-in names it,
 * its two series over the timeline's cells with the values LibreOffice calculated, equal to the
 * core's timeline; printed to PDF, a page shows the chart's title and legend and both lines, in
 * the series' colours.
 *
 * Run with npm run test:interop (needs LibreOffice's soffice, and pdftotext and pdftoppm from
 * poppler-utils, on PATH).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../src/cli/workbook";
import { isoToSerial, todaySerial } from "../../src/core/dates";
import { entryRow } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { previewRegisterImport } from "../../src/core/register-csv";
import { timeline } from "../../src/core/summary";
import { CHART_NAME } from "../../src/core/template/template-changes";
import { headers, sheetSpec, tableSpec } from "../../src/core/template/template";
import { registerColumns } from "../../src/core/tracking";
import { below, chartTitle, lineSeries, nodes, packageParts, sheetCharts } from "../cli/package-reader";
import { findSoffice, recalcProfile, recalculate, runTool } from "./libreoffice";

/**
 * A register whose Recognized line rises across the plot (so that it is not hidden along the axis):
 * 120 entries, one every three days from 2020-05-15, and at its edges an undated one, one not
 * recognized and one dated after the English file's as-of date.
 */
const GOALS = ["BRANDS", "SCENARIOS", "ENTERPRISES"];
const CSV = [
  "Goal,Name,Status,Date recognized",
  ...Array.from({ length: 120 }, (_, i) => {
    const day = new Date(Date.UTC(2020, 4, 15 + 3 * i)).toISOString().slice(0, 10);
    return `${GOALS[i % GOALS.length]},Entry ${i + 1},Recognized,${day}`;
  }),
  "PLATFORMS,Platform A,Recognized,",
  "BRANDS,Brand C,Candidate,2021-01-01",
  "BRANDS,Brand D,Recognized,2021-09-01",
].join("\r\n");

interface Case {
  readonly name: string;
  readonly language: Language;
  /** The file's fixed as-of date; none: =TODAY(). */
  readonly asOf?: string;
}

const CASES: readonly Case[] = [
  { name: "en-as-of", language: "en", asOf: "2021-06-30" },
  { name: "zh-today", language: "zh", asOf: undefined },
];

/** The text of each page of a PDF, all white space removed (so Chinese and wrapped titles compare alike). */
function pageTexts(pdf: string): string[] {
  return runTool("pdftotext", [pdf, "-"])
    .split("\f")
    .map((page) => page.replace(/\s+/g, ""));
}

/** A page rendered as a P6 PPM at `dpi`: width, height and RGB bytes. */
function renderPage(pdf: string, page: number, dpi: number, outStem: string) {
  runTool("pdftoppm", [
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    pdf,
    outStem,
  ]);
  const data = readFileSync(`${outStem}.ppm`);
  // Header: "P6", width, height, maximum value, each followed by one white-space byte.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    const match = /^\s*(\S+)\s/.exec(data.subarray(at, at + 40).toString("latin1"))!;
    fields.push(match[1]);
    at += match[0].length;
  }
  expect(fields[0]).toBe("P6");
  return { width: Number(fields[1]), height: Number(fields[2]), rgb: data.subarray(at) };
}

/**
 * How many pixel columns of the image hold a colour ("4F81BD"), give or take anti-aliasing: a line
 * drawn across a chart spans hundreds of columns, its key in the legend a few dozen.
 */
function columnsWith(image: { width: number; rgb: Buffer }, colour: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(colour.slice(i, i + 2), 16));
  const columns = new Set<number>();
  for (let i = 0; i + 2 < image.rgb.length; i += 3)
    if (Math.abs(image.rgb[i] - r) + Math.abs(image.rgb[i + 1] - g) + Math.abs(image.rgb[i + 2] - b) <= 30)
      columns.add((i / 3) % image.width);
  return columns.size;
}

/** The theme colour the file's chart gives each series' line (schemeClr -> the theme's srgbClr). */
function seriesColours(parts: ReadonlyMap<string, string>, chartXml: string): string[] {
  const theme = parts.get("xl/theme/theme1.xml")!;
  const series = nodes(chartXml, "c:chartSpace", "c:chart", "c:plotArea", "c:lineChart", "c:ser");
  return series.map((ser) => {
    const [scheme] = below(ser, "c:spPr", "a:ln", "a:solidFill", "a:schemeClr");
    const colour = new RegExp(`<a:${scheme["@val"]}>\\s*<a:srgbClr val="([0-9A-F]{6})"`).exec(theme);
    if (!colour) throw new Error(`the theme has no ${scheme["@val"]} colour`);
    return colour[1];
  });
}

describe("LibreOffice draws the file's Dashboard chart", () => {
  let folder = "";
  const files = new Map<string, { xlsx: string; saved: string; pdf: string; today: number }>();

  beforeAll(async () => {
    const soffice = findSoffice();
    folder = mkdtempSync(join(tmpdir(), "workbook-chart-"));
    writeFileSync(join(folder, "register.csv"), CSV);
    const inputs: string[] = [];
    const today = todaySerial();
    for (const c of CASES) {
      const xlsx = join(folder, `${c.name}.xlsx`);
      const args = [
        "--out",
        xlsx,
        "--lang",
        c.language === "zh" ? "zh-CN" : "en",
        "--register",
        join(folder, "register.csv"),
      ];
      if (c.asOf) args.push("--as-of", c.asOf);
      const errors: string[] = [];
      const code = await main(args, { stdout: () => undefined, stderr: (line) => errors.push(line) });
      expect({ code, refused: errors.filter((line) => !/warning|提醒/.test(line)) }).toEqual({
        code: 0,
        refused: [],
      });
      inputs.push(xlsx);
    }
    const profile = recalcProfile(join(folder, "profile"));
    const saved = recalculate(soffice, profile, inputs, join(folder, "saved")).outputs;
    const pdfs = recalculate(soffice, profile, inputs, join(folder, "pdf"), "pdf").outputs;
    CASES.forEach((c, i) => files.set(c.name, { xlsx: inputs[i], saved: saved[i], pdf: pdfs[i], today }));
  }, 600_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe.each(CASES)("$name", (c) => {
    const sheetName = sheetSpec("dashboard").name[c.language];

    it("keeps one line chart, named as the add-in names it, over the timeline's cells", async () => {
      const { xlsx, saved } = files.get(c.name)!;
      const ours = sheetCharts(await packageParts(xlsx), sheetName)[0];
      const charts = sheetCharts(await packageParts(saved), sheetName);
      expect(charts.map((chart) => chart.name)).toEqual([CHART_NAME]);
      expect(chartTitle(charts[0].chartXml)).toBe(sheetSpec("dashboard").chart!.title[c.language]);
      // LibreOffice writes the references without quotes where the sheet's name needs none.
      const unquoted = (reference: string) => reference.split(`'${sheetName}'!`).join(`${sheetName}!`);
      const references = (xml: string) =>
        lineSeries(xml).map((s) => [s.name, s.categories, s.values].map((r) => unquoted(r.reference)));
      expect(references(charts[0].chartXml)).toEqual(references(ours.chartXml));
      expect(lineSeries(charts[0].chartXml)).toHaveLength(2);
    });

    it("draws the core's timeline: Recognized at the as-of date and the expected pace", async () => {
      const { saved, today } = files.get(c.name)!;
      const [chart] = sheetCharts(await packageParts(saved), sheetName);
      const preview = previewRegisterImport(CSV, new Set());
      const register = registerColumns({
        headers: headers(tableSpec("register"), c.language),
        rows: preview.accepted.map((entry) => entryRow(entry, c.language, 0)),
      });
      const asOf = c.asOf ? isoToSerial(c.asOf) : today;
      const monthEnds = tableSpec("timeline").seedRows!(c.language).map((row) => row[0] as number);
      const months = timeline(register, asOf, monthEnds);
      const [recognized, expected] = lineSeries(chart.chartXml).map((s) => s.values.points);
      expect(recognized).toEqual(months.map((m) => m.recognized));
      expect(recognized[recognized.length - 1]).toBeGreaterThan(0);
      // LibreOffice writes 15 significant digits.
      expect(expected).toHaveLength(months.length);
      expected.forEach((value, i) => expect(value).toBeCloseTo(months[i].expected, 9));
    });

    it("prints the chart: its title, its legend and both lines on one page", async () => {
      const { xlsx, pdf } = files.get(c.name)!;
      const parts = await packageParts(xlsx);
      const [chart] = sheetCharts(parts, sheetName);
      const series = lineSeries(chart.chartXml);
      const squeeze = (text: string) => text.replace(/\s+/g, "");
      const title = squeeze(chartTitle(chart.chartXml));
      const pages = pageTexts(pdf);
      const page = pages.findIndex((text) => text.includes(title));
      expect(page).toBeGreaterThanOrEqual(0);
      for (const s of series) expect(pages[page]).toContain(squeeze(String(s.name.points[0])));

      // Each line, not only its legend key, is drawn in its colour.
      const image = renderPage(pdf, page + 1, 100, join(folder, `${c.name}-chart`));
      expect(image.rgb.length).toBe(image.width * image.height * 3);
      const colours = seriesColours(parts, chart.chartXml);
      expect(new Set(colours).size).toBe(2);
      for (const colour of colours) expect(columnsWith(image, colour)).toBeGreaterThan(150);
    });
  });
});
