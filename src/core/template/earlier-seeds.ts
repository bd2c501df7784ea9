/**
 * What earlier template versions wrote into seeded cells that the current version writes
 * otherwise. Applying the template takes a seeded cell holding one of these texts as still its
 * own and brings it up to date; a cell holding anything else was changed by a person and is kept.
 * When a version stops writing a text, add that text here; when it stops writing a row or a name,
 * add it to the retired ones below.
 */
import type { Language } from "../language";
import type { Bilingual } from "../plan";
import { citeSources, type SourceId, sourceNumber, SOURCES } from "../sources";
import type { Cell } from "./structure";
import { TEMPLATE_VERSION } from "./template";

/** Versions 1-2 cited sources by their seed ids in a Source column, in both languages: "seed 000, 002". */
const SEED_CITATION = /^seed (\d{3}(?:, \d{3})*)$/;

/**
 * The citation a Source cell holding an old one has now ("seed 000, 002" -> "[1], [3]"); undefined
 * for any other cell. The ids become their numbers, so the cell cites the same articles.
 */
export function citationNow(cell: Cell, language: Language): string | undefined {
  const match = typeof cell === "string" ? SEED_CITATION.exec(cell) : null;
  if (!match) return undefined;
  const ids = match[1].split(", ");
  if (!ids.every((id) => SOURCES.some((source) => source.id === id))) return undefined;
  return citeSources(ids as SourceId[], language);
}

/** An About row as earlier versions wrote it, found by the Item it has now or had before. */
export interface EarlierAboutRow {
  /** Its Item now. */
  readonly item: Bilingual;
  /** Its Item before, where that differed. */
  readonly itemBefore?: Partial<Bilingual>;
  /** The values earlier versions wrote in it, by the workbook's language. */
  readonly valuesBefore?: Partial<Record<Language, readonly Cell[]>>;
}

/** A value earlier versions wrote alike in both languages. */
const inBoth = (...values: Cell[]) => ({ en: values, zh: values });

/** Every version number below the current one (the Template version row showed its own). */
const EARLIER_VERSIONS = Array.from({ length: TEMPLATE_VERSION - 1 }, (_, index) => index + 1);

/** Versions 1-2 listed each source under its seed id, as its title and a description in English. */
const sourceRow = (id: SourceId, text: string): EarlierAboutRow => ({
  item: { en: `Source [${sourceNumber(id)}]`, zh: `来源 [${sourceNumber(id)}]` },
  itemBefore: { en: `Source ${id}`, zh: `来源 ${id}` },
  valuesBefore: inBoth(text),
});

/** Version 1 added the "Sheet:" rows; their Chinese Item took a full-width colon in version 3. */
const sheetRow = (en: string, zh: string): EarlierAboutRow => ({
  item: { en: `Sheet: ${en}`, zh: `工作表：${zh}` },
  itemBefore: { zh: `工作表: ${zh}` },
});

/** The About rows versions 1-2 wrote otherwise (the rows not listed here read as they did then). */
export const EARLIER_ABOUT_ROWS: readonly EarlierAboutRow[] = [
  {
    item: { en: "Plan", zh: "方案" },
    // The English workbook named the plan in English only.
    valuesBefore: {
      en: ["Action Plan of Shanghai Municipality for Promoting New Online Economic Development (2020-2022)"],
    },
  },
  { item: { en: "Period", zh: "期间" }, valuesBefore: inBoth("2020-04-08 – 2022-12-31") },
  { item: { en: "Template version", zh: "模板版本" }, valuesBefore: inBoth(...EARLIER_VERSIONS) },
  sourceRow(
    "000",
    "Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G. News report of the plan's release (April 2020): the Four 100+ and the 12 sectors.",
  ),
  sourceRow(
    "001",
    "Online new economy blooming in Shanghai. News report (May 2021) on the White Paper on Shanghai's Online New Economy 2020, released at a ceremony on May 17.",
  ),
  sourceRow(
    "002",
    "Shanghai aiming to promote online economy. News report by Huang Yixuan (April 2020): 100+ innovative companies, no less than 100 unmanned factories, 20 industrial internet platforms, the 12 sectors.",
  ),
  sourceRow(
    "003",
    "Press conference of 13 April 2020 on the Action Plan. Report of the 67th press conference on COVID-19 prevention and control, Shanghai, 13 April 2020: the plan issued on 8 April 2020; more than 100 unmanned factories, 20 platforms.",
  ),
  sourceRow(
    "004",
    "Shanghai seeks digital upgrade. China Daily, He Wei, 22 August 2018: consumption grew 7.7% in the first half of 2018.",
  ),
  sheetRow("Dashboard", "看板"),
  sheetRow("Targets", "目标"),
  sheetRow("Register", "登记"),
  sheetRow("Sectors", "领域"),
  sheetRow("Snapshots", "历史"),
  sheetRow("Indicators", "指标"),
];

/**
 * About rows earlier versions wrote that the current one has not: deleted on upgrade while their
 * Value is still one an earlier version wrote there (a row a person changed is kept).
 */
export const RETIRED_ABOUT_ROWS: readonly Required<Pick<EarlierAboutRow, "item" | "valuesBefore">>[] = [
  {
    // Versions 1-3: Forecast and Forecast date called the add-in's functions; they are native formulas now.
    item: { en: "Cells needing the add-in", zh: "需要加载项的单元格" },
    valuesBefore: {
      en: [
        "Forecast and Forecast date on Targets use the add-in's functions and show #NAME? without it. Every other figure is a plain formula.",
      ],
      zh: [
        "“目标”表的“预计”“预计达成日”列使用本加载项的函数；未安装加载项时显示 #NAME?。其余数字均为普通公式。",
      ],
    },
  },
];

/**
 * Defined names earlier versions wrote that nothing uses now: deleted on upgrade. Freezing Forecast
 * cells to values recorded the as-of date they were frozen at in SHONLINE_FrozenAsOf; freezing is
 * gone, and the Forecast formulas are rewritten on every apply.
 */
export const RETIRED_NAMES: readonly string[] = ["SHONLINE_FrozenAsOf"];
