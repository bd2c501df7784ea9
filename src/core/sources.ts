/**
 * The source articles every shipped figure traces to, and how the workbook and the add-in cite
 * them: by number, [1] to [5], in the order About lists them. Ids are the seed numbers of the
 * project's fact sheet, for reviewers; users never see them.
 *
 * Each entry says only what the copy of the article kept for the project says: the headline as
 * published (English, so kept as it is in both languages), the outlet, the byline and the date
 * where the copy names them. What the copy does not name is cited as unknown, not guessed.
 */
import { formatList, type Language } from "./language";
import type { Bilingual } from "./plan";

export type SourceId = "000" | "001" | "002" | "003" | "004";

export interface Source {
  readonly id: SourceId;
  /** The headline as published; absent when the copy has none (then `untitled` says what it is). */
  readonly headline?: string;
  readonly untitled?: Bilingual;
  /** The outlet, when the copy names it. */
  readonly outlet?: Bilingual;
  /** The byline as printed, when there is one. */
  readonly author?: string;
  /** When it was published, as precisely as the copy tells: "2018-08-22", "2020-04" or "2020". */
  readonly published?: string;
  /** What the workbook takes from it. */
  readonly supports: Bilingual;
}

export const SOURCES: readonly Source[] = [
  {
    id: "000",
    headline: "Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G",
    // It reports the release "on Monday": the press conference of Monday 13 April 2020 (seed 003).
    published: "2020-04",
    supports: {
      en: "The plan's release: the Four 100+ targets and the 12 key sectors.",
      zh: "报道方案发布，提出“四个100+”目标，列出12个重点领域。",
    },
  },
  {
    id: "001",
    headline: "Online new economy blooming in Shanghai",
    // "A year after" the April 2020 plan, on the ceremony of May 17.
    published: "2021-05",
    supports: {
      en: "The White Paper on Shanghai's Online New Economy 2020, released on 2021-05-17: the figures on the Indicators sheet.",
      zh: "报道2021年5月17日发布的2020年上海在线新经济白皮书；“指标”表的背景数据出自此文。",
    },
  },
  {
    id: "002",
    headline: "Shanghai aiming to promote online economy",
    author: "Huang Yixuan",
    // It sets the 100+ innovative companies for "this year", the year the plan was issued.
    published: "2020",
    supports: {
      en: "More than 100 innovative companies, no less than 100 unmanned factories, 20 industrial internet platforms, the 12 sectors.",
      zh: "报道超过100家创新型企业、不少于100个无人工厂、20个工业互联网平台及12个重点领域。",
    },
  },
  {
    id: "003",
    untitled: {
      en: "Report of the 67th press conference on COVID-19 prevention and control, Shanghai, 2020-04-13",
      zh: "上海市第67场新冠肺炎疫情防控新闻发布会（2020年4月13日）的英文报道",
    },
    supports: {
      en: "The plan issued on 2020-04-08; more than 100 unmanned factories, 20 platforms.",
      zh: "方案于2020年4月8日印发；超过100个无人工厂、20个工业互联网平台。",
    },
  },
  {
    id: "004",
    headline: "Shanghai seeks digital upgrade",
    outlet: { en: "China Daily", zh: "《中国日报》（China Daily）" },
    author: "He Wei",
    published: "2018-08-22",
    supports: {
      en: "Consumption grew 7.7% year on year in the first half of 2018.",
      zh: "2018年上半年消费同比增长7.7%。",
    },
  },
];

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * An ISO date, year-month or year as a reader reads it: 2018-08-22, April 2020, 2020 in English;
 * 2018年8月22日, 2020年4月, 2020年 in Chinese.
 */
export function writtenDate(iso: string, language: Language): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (language === "zh") return `${year}年${month ? `${month}月` : ""}${day ? `${day}日` : ""}`;
  if (day) return iso;
  return month ? `${MONTHS[month - 1]} ${year}` : String(year);
}

function sourceById(id: SourceId): Source {
  const source = SOURCES.find((s) => s.id === id);
  if (!source) throw new Error(`Unknown source ${id}`);
  return source;
}

/** A source's number: its place in SOURCES, as About lists them. */
export function sourceNumber(id: SourceId): number {
  return SOURCES.indexOf(sourceById(id)) + 1;
}

/** "[1], [3]" (Chinese: "[1]、[3]"): the numbers alone, where a Source column names them. */
export function citeSources(ids: readonly SourceId[], language: Language): string {
  return formatList(
    ids.map((id) => `[${sourceNumber(id)}]`),
    language,
  );
}

/** "source [1]", "sources [1], [3]" (Chinese: "来源 [1]、[3]"): a citation inside a sentence. */
export function sourcesCited(ids: readonly SourceId[], language: Language): string {
  const numbers = citeSources(ids, language);
  if (language === "zh") return `来源 ${numbers}`;
  return `${ids.length > 1 ? "sources" : "source"} ${numbers}`;
}

/**
 * The reference About lists under the source's number: headline (or what the copy is), outlet,
 * byline, date, then what the workbook takes from it.
 * English: "Shanghai seeks digital upgrade" — China Daily, He Wei, 2018-08-22. Consumption grew...
 * Chinese: “Shanghai seeks digital upgrade”——《中国日报》（China Daily），He Wei，2018年8月22日。2018年...
 */
export function sourceReference(source: Source, language: Language): string {
  const zh = language === "zh";
  const what = source.headline
    ? zh
      ? `“${source.headline}”`
      : `"${source.headline}"`
    : source.untitled![language];
  const details = [
    source.outlet?.[language] ?? (zh ? "媒体不详" : "outlet unknown"),
    source.author,
    source.published ? writtenDate(source.published, language) : zh ? "发布日期不详" : "date unknown",
  ].filter((detail): detail is string => detail !== undefined);
  return zh
    ? `${what}——${details.join("，")}。${source.supports.zh}`
    : `${what} — ${details.join(", ")}. ${source.supports.en}`;
}
