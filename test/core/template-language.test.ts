/**
 * The workbook speaks one language: every text the template writes for Chinese (sheet names,
 * headers, seeded cells, input prompts, the chart title, the words formulas show, History rows)
 * is Chinese, and the English workbook carries no Chinese but the plan's own title on About.
 * Allowed Latin text is listed here, by kind: goal ids in Id columns, web-address schemes, Excel's
 * error words, the English headlines of the source articles, and named people and outlets.
 */
import { GOALS } from "../../src/core/plan";
import { STATUS_RULE_IDS } from "../../src/core/status-rules";
import { isoToSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { PLAN } from "../../src/core/plan";
import { SOURCES } from "../../src/core/sources";
import { summarizeGoals } from "../../src/core/summary";
import { columnFormula } from "../../src/core/template/formulas";
import { snapshotRows } from "../../src/core/template/snapshot-rows";
import type { TableId } from "../../src/core/template/structure";
import { SHEETS, TABLES } from "../../src/core/template/template";
import { registerColumns } from "../../src/core/tracking";

interface Shown {
  readonly where: string;
  readonly text: string;
}

/** Columns whose cells are ids, the same in both languages (ENTERPRISES...). */
const ID_COLUMNS: readonly (readonly [TableId, string])[] = [
  ["targets", "id"],
  ["dashboard", "id"],
  ["reportGoals", "id"],
  ["statusRules", "id"],
  ["evaluation", "id"],
  ["likelihood", "id"],
];

/** Latin text a Chinese workbook may show, as it is. */
const HEADLINES = SOURCES.flatMap((source) => (source.headline ? [source.headline] : []));
const PROPER_NAMES = ["China Daily", "He Wei", "Huang Yixuan"];
// The status rules' ids, which the status formula accepts as a rule's name, and the goals' ids,
// which the likelihood's formulas compare with its Id column (never shown).
const TOKENS = ["https://", "http://", "#NAME?", ...STATUS_RULE_IDS, ...GOALS.map((goal) => goal.id)];
const ALLOWED_LATIN = [...HEADLINES, ...PROPER_NAMES, ...TOKENS].sort((a, b) => b.length - a.length);

/** The text literals of a formula: what its cells may show ("已达成"...). */
function literals(formula: string): string[] {
  return [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"'));
}

/** Every text the template puts where a person sees it, in `language`. */
function shownTexts(language: Language): Shown[] {
  const shown: Shown[] = [];
  const add = (where: string, text: unknown) => {
    if (typeof text === "string" && text !== "") shown.push({ where, text });
  };
  for (const sheet of SHEETS) {
    add(`sheet ${sheet.id}`, sheet.name[language]);
    add(`sheet ${sheet.id} note`, sheet.note[language]);
    if (sheet.chart) add(`chart on ${sheet.id}`, sheet.chart.title[language]);
  }
  for (const table of TABLES) {
    table.columns.forEach((column, index) => {
      const where = `${table.name}[${column.id}]`;
      add(`${where} header`, column.header[language]);
      add(`${where} prompt`, column.note?.[language]);
      if (column.formula)
        for (const text of literals(columnFormula(table, column, language))) add(`${where} formula`, text);
      if (ID_COLUMNS.some(([id, columnId]) => id === table.id && columnId === column.id)) return;
      (table.seedRows?.(language) ?? []).forEach((row, r) => add(`${where} row ${r + 1}`, row[index]));
    });
  }
  const noRegister = registerColumns({ headers: ["Goal", "Status", "Date recognized"], rows: [] });
  const summaries = summarizeGoals(noRegister, isoToSerial("2021-06-30"));
  snapshotRows(
    summaries,
    { asOf: isoToSerial("2021-06-30"), takenAt: isoToSerial("2021-07-01"), note: "" },
    language,
  ).forEach((row, r) => row.forEach((cell, c) => add(`History snapshot row ${r + 1} cell ${c + 1}`, cell)));
  return shown;
}

/** The Latin words of a Chinese text, once the allowed ones are taken out. */
function englishIn(text: string): string[] {
  const rest = ALLOWED_LATIN.reduce((left, allowed) => left.split(allowed).join(" "), text);
  return rest.match(/[A-Za-z]+/g) ?? [];
}

/** ASCII punctuation in a Chinese text (outside the allowed Latin), where Chinese has its own. */
function asciiPunctuationIn(text: string): string[] {
  const rest = ALLOWED_LATIN.reduce((left, allowed) => left.split(allowed).join(" "), text);
  return rest.match(/[,;:()!?"']/g) ?? [];
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe("the Chinese workbook", () => {
  const texts = shownTexts("zh");

  it("shows a few hundred texts, all of them checked", () => {
    expect(texts.length).toBeGreaterThan(200);
    expect(texts.some((t) => t.where.startsWith("History snapshot"))).toBe(true);
    expect(texts.some((t) => t.where.includes("formula") && t.text === "已达成")).toBe(true);
  });

  it("has no English words outside ids, web-address schemes, headlines and names", () => {
    const english = texts.filter((t) => englishIn(t.text).length > 0).map((t) => `${t.where}: ${t.text}`);
    expect(english).toEqual([]);
  });

  it("writes Chinese punctuation", () => {
    const ascii = texts
      .filter((t) => asciiPunctuationIn(t.text).length > 0)
      .map((t) => `${t.where}: ${t.text}`);
    expect(ascii).toEqual([]);
  });

  it("records snapshots under the goals' Chinese names", () => {
    const goals = texts.filter((t) => /^History snapshot row \d+ cell 2$/.test(t.where)).map((t) => t.text);
    expect(goals).toEqual([
      "创新型企业",
      "应用场景",
      "品牌产品",
      "关键技术突破",
      "无人工厂、无人生产线、无人车间",
      "具有全国影响力的工业互联网平台",
    ]);
  });

  it("is checked by a test that catches English and ASCII punctuation", () => {
    expect(englishIn("来源 seed 000")).toEqual(["seed"]);
    expect(englishIn("“Shanghai seeks digital upgrade”——He Wei，见 https://")).toEqual([]);
    expect(asciiPunctuationIn("工作表: 看板")).toEqual([":"]);
  });
});

describe("the English workbook", () => {
  const texts = shownTexts("en");

  it("has no Chinese but the plan's Chinese title on About", () => {
    const chinese = texts
      .filter((t) => CJK.test(t.text.split(PLAN.name.zh).join("")))
      .map((t) => `${t.where}: ${t.text}`);
    expect(chinese).toEqual([]);
    expect(texts.filter((t) => t.text.includes(PLAN.name.zh)).map((t) => t.where)).toEqual([
      "tblAbout[value] row 2",
    ]);
  });
});

describe("both workbooks", () => {
  it.each(["en", "zh"] as const)("never say 'seed' in %s: sources are cited by number", (language) => {
    const texts = shownTexts(language);
    expect(texts.filter((t) => /seed/i.test(t.text)).map((t) => `${t.where}: ${t.text}`)).toEqual([]);
    const sources = texts.filter((t) => /^tbl(Targets|Indicators)\[source\] row/.test(t.where));
    expect(sources.length).toBe(15);
    for (const source of sources) expect(source.text).toMatch(/^\[\d\](?:(?:, |、)\[\d\])*$/);
  });
});
