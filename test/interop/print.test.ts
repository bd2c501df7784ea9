/**
 * How the written workbooks print: LibreOffice turns the command line's workbooks into PDF (every
 * visible sheet, recalculated), and poppler's pdfinfo and pdftotext read the pages back. Each page
 * is found by its footer (sheet name, page N of M); what the page setup promises is checked on the
 * pages themselves: the plan's name above, the title row and header row on every page, the
 * Dashboard on one page, Targets one page wide.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../src/cli/workbook";
import { formatCsv } from "../../src/core/csv";
import { isoToSerial, serialToIso, todaySerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { GOALS, PLAN, UNMANNED_KINDS } from "../../src/core/plan";
import { pageSetup, printsSheet, TITLE_ROW } from "../../src/core/template/page-setup";
import type { SheetSpec, TableId } from "../../src/core/template/structure";
import { headers, monthEnds, SHEETS, sheetSpec, tableSpec } from "../../src/core/template/template";
import { findSoffice, recalcProfile, recalculate, runTool } from "./libreoffice";
import { expectedTitle } from "./title-text";

const AS_OF = "2021-06-30";
const ENTRIES = 400;
const PRINTED = SHEETS.filter(printsSheet);

/** A register of ENTRIES rows, every goal in turn, dated through the plan's period. */
function registerCsv(): string {
  const columns = tableSpec("register").columns.filter((column) => column.id !== "enteredAt");
  const header = columns.map((column) => column.header.en);
  const rows = Array.from({ length: ENTRIES }, (_, i) => {
    const goal = GOALS[i % GOALS.length];
    const date = serialToIso(isoToSerial("2020-05-01") + ((i * 2) % 900));
    const kind = goal.id === "UNMANNED" ? UNMANNED_KINDS[0].label.en : "";
    const cells: Record<string, string> = {
      goal: goal.id,
      name: `Entry ${i}`,
      kind,
      date,
      status: "Recognized",
      enteredBy: "print test",
    };
    return columns.map((column) => cells[column.id] ?? "");
  });
  return formatCsv([header, ...rows], ",");
}

interface Page {
  /** 1-based, in the document. */
  readonly number: number;
  /** Its non-blank lines, as pdftotext lays them out. */
  readonly lines: readonly string[];
  /** What the footer says: the sheet's name and the page numbers. */
  readonly footer: { readonly sheet: string; readonly page: number; readonly of: number } | undefined;
}

/** The footer's right-hand text as a pattern: the page setup's codes (&P, &N) as numbers. */
function footerPattern(language: Language): RegExp {
  const numbers = pageSetup(PRINTED[0], language)
    .footer.right.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace("&P", "(\\d+)")
    .replace("&N", "(\\d+)");
  // The sheet's name (&A) on the left, the page numbers on the right.
  return new RegExp(`^(\\S.*?)\\s{2,}${numbers}$`);
}

function readPages(pdf: string, language: Language): Page[] {
  const texts = runTool("pdftotext", ["-layout", pdf, "-"]).split("\f");
  // pdftotext ends every page with a form feed: the last piece is what follows the last page.
  expect(texts.pop()!.trim()).toBe("");
  const pattern = footerPattern(language);
  return texts.map((text, i) => {
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    const match = pattern.exec(lines.at(-1)?.trim() ?? "");
    const footer = match ? { sheet: match[1], page: Number(match[2]), of: Number(match[3]) } : undefined;
    return { number: i + 1, lines, footer };
  });
}

function pageCount(pdf: string): number {
  return Number(/^Pages:\s+(\d+)$/m.exec(runTool("pdfinfo", [pdf]))![1]);
}

const sheetName = (id: SheetSpec["id"], language: Language) =>
  SHEETS.find((s) => s.id === id)!.name[language];
const pagesOf = (pages: readonly Page[], id: SheetSpec["id"], language: Language) =>
  pages.filter((page) => page.footer?.sheet === sheetName(id, language));

/** A page's header row: the line below the title row (the repeated rows are the page's first). */
const headerLine = (page: Page) => page.lines[2] ?? "";

describe("the written workbooks, printed by LibreOffice", () => {
  let folder = "";
  const printed = new Map<Language, { pages: Page[]; pdf: string; asOf: number[] }>();

  beforeAll(async () => {
    const soffice = findSoffice();
    folder = mkdtempSync(join(tmpdir(), "workbook-print-"));
    const csv = join(folder, "register.csv");
    writeFileSync(csv, registerCsv());
    const written: string[] = [];
    for (const [language, extra] of [
      ["en", ["--as-of", AS_OF]],
      ["zh", []],
    ] as const) {
      const out = join(folder, `${language}.xlsx`);
      const args = ["--out", out, "--lang", language === "zh" ? "zh-CN" : "en", "--register", csv, ...extra];
      const errors: string[] = [];
      const code = await main(args, { stdout: () => undefined, stderr: (line) => errors.push(line) });
      expect({ code, errors }).toEqual({ code: 0, errors: [] });
      written.push(out);
    }
    const before = todaySerial();
    const { outputs } = recalculate(
      soffice,
      recalcProfile(join(folder, "profile")),
      written,
      join(folder, "pdf"),
      "pdf",
    );
    // The Chinese workbook's as-of date is =TODAY(): the day the conversion ran (either, at midnight).
    const today = [...new Set([before, todaySerial()])];
    printed.set("en", { pdf: outputs[0], pages: readPages(outputs[0], "en"), asOf: [isoToSerial(AS_OF)] });
    printed.set("zh", { pdf: outputs[1], pages: readPages(outputs[1], "zh"), asOf: today });
  }, 300_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe.each(["en", "zh"] as const)("in %s", (language) => {
    const get = () => printed.get(language)!;

    it("prints every visible sheet in order, the hidden Lists not at all, each page footed with its sheet and page N of M", () => {
      const { pages, pdf } = get();
      expect(pages).toHaveLength(pageCount(pdf));
      for (const page of pages)
        expect({ page: page.number, footer: page.footer }).toEqual({
          page: page.number,
          // LibreOffice numbers the pages of the whole document, as Excel does printing a workbook.
          footer: { sheet: expect.any(String), page: page.number, of: pages.length },
        });
      const order = pages.map((page) => page.footer!.sheet).filter((name, i, all) => all[i - 1] !== name);
      expect(order).toEqual(PRINTED.map((sheet) => sheet.name[language]));
      expect(order).not.toContain(sheetName("lists", language));
    });

    it("heads every page with the plan's name, then the sheet's title row with the as-of date", () => {
      const { pages, asOf } = get();
      for (const page of pages) {
        const sheet = PRINTED.find((s) => s.name[language] === page.footer?.sheet)!;
        expect({ page: page.number, header: page.lines[0].trim() }).toEqual({
          page: page.number,
          header: PLAN.name[language],
        });
        const titles = asOf.map((day) => expectedTitle(sheet, language, day));
        const title = page.lines[1].trim();
        expect({ page: page.number, title }).toEqual({
          page: page.number,
          title: titles.includes(title) ? title : titles.join(" or "),
        });
      }
    });

    it("repeats the first table's header row on every page, all of it across the page", () => {
      const { pages } = get();
      for (const page of pages) {
        const sheet = PRINTED.find((s) => s.name[language] === page.footer?.sheet)!;
        const names = headers(tableSpec(sheet.tables[0]), language);
        // Each header after the one before it: the row is whole, and one page wide.
        const found = names.map((name) => headerLine(page).indexOf(name));
        expect({
          page: page.number,
          sheet: sheet.id,
          found: found.every((at, i) => at >= 0 && at > (found[i - 1] ?? -1)),
        }).toEqual({
          page: page.number,
          sheet: sheet.id,
          found: true,
        });
      }
    });

    it("prints the Dashboard on one page, its goals and timeline whole, the next page another sheet's", () => {
      const { pages, asOf } = get();
      const dashboard = pagesOf(pages, "dashboard", language);
      expect(dashboard).toHaveLength(1);
      const [page] = dashboard;
      // The one page that holds the Dashboard's title row.
      const titles = asOf.map((day) => expectedTitle(sheetSpec("dashboard"), language, day));
      const titled = pages.filter((p) => p.lines.some((line) => titles.includes(line.trim())));
      expect(titled.map((p) => p.number)).toEqual([page.number]);
      const text = page.lines.join("\n");
      for (const goal of GOALS) expect(text).toContain(goal.id);
      for (const end of [monthEnds()[0], monthEnds().at(-1)!]) expect(text).toContain(serialToIso(end));
      expect(pages[page.number]?.footer?.sheet).not.toBe(sheetName("dashboard", language));
    });

    it("prints Targets one page wide: each of its pages holds its first and last header and every goal", () => {
      const { pages } = get();
      const targets = pagesOf(pages, "targets", language);
      expect(targets.length).toBeGreaterThan(0);
      const names = headers(tableSpec("targets"), language);
      for (const page of targets) {
        expect(headerLine(page)).toContain(names[0]);
        expect(headerLine(page)).toContain(names.at(-1));
      }
      const text = targets.flatMap((page) => page.lines).join("\n");
      for (const goal of GOALS) expect(text).toContain(goal.id);
    });

    it("prints every Register entry once, over several pages, below the repeated rows", () => {
      const { pages } = get();
      const register = pagesOf(pages, "register", language);
      expect(register.length).toBeGreaterThan(1);
      const names = register.flatMap((page) => page.lines.join("\n").match(/Entry \d+/g) ?? []);
      expect(names).toEqual(Array.from({ length: ENTRIES }, (_, i) => `Entry ${i}`));
    });
  });

  it("keeps the Dashboard's chart off its title row and off its tables", () => {
    const dashboard = SHEETS.find((sheet) => sheet.chart)!;
    const { at, size } = dashboard.chart!;
    const chart = {
      top: at.row,
      bottom: at.row + size.rows - 1,
      left: at.column,
      right: at.column + size.columns - 1,
    };
    expect(chart.top).toBeGreaterThan(TITLE_ROW);
    const bodyRows: Partial<Record<TableId, number>> = {
      dashboard: GOALS.length,
      timeline: monthEnds().length,
    };
    for (const id of dashboard.tables) {
      const table = tableSpec(id);
      const area = {
        top: table.anchor.row,
        bottom: table.anchor.row + bodyRows[id]!,
        left: table.anchor.column,
        right: table.anchor.column + table.columns.length - 1,
      };
      const overlaps =
        area.top <= chart.bottom &&
        chart.top <= area.bottom &&
        area.left <= chart.right &&
        chart.left <= area.right;
      expect({ table: id, overlaps }).toEqual({ table: id, overlaps: false });
    }
  });
});
