/**
 * Context indicators: point-in-time figures reported about Shanghai's online economy. They are
 * not targets; the workbook shows them beside the goals for context.
 */
import type { Bilingual } from "./plan";
import type { SourceId } from "./sources";

export interface Indicator {
  readonly id: string;
  readonly label: Bilingual;
  readonly value: number;
  readonly unit: Bilingual;
  /** The period or date the figure describes, as the source words it. */
  readonly period: Bilingual;
  /** ISO date the figure was reported. */
  readonly reported: string;
  readonly source: SourceId;
}

/**
 * Seed 001 reports the White Paper on Shanghai's Online New Economy 2020, released at a ceremony on
 * May 17; the article dates itself "a year after" the April 2020 plan, so the year is 2021.
 */
const WHITE_PAPER = { reported: "2021-05-17", source: "001" as const };
const SHARE: Bilingual = { en: "% of the national market", zh: "% 全国份额" };

export const INDICATORS: readonly Indicator[] = [
  {
    id: "SOFTWARE_VALUE_ADDED_GROWTH",
    label: { en: "Software and information services: added value growth", zh: "软件和信息服务业增加值增速" },
    value: 13.5,
    unit: { en: "% year on year", zh: "% 同比" },
    period: {
      en: "during the festival period reported in the White Paper 2020",
      zh: "白皮书（2020）所述期间",
    },
    ...WHITE_PAPER,
  },
  {
    id: "SOFTWARE_SHARE_OF_SERVICES",
    label: {
      en: "Software and information services: share of services added output",
      zh: "软件和信息服务业占服务业增加值比重",
    },
    value: 11.5,
    unit: { en: "% of services sector", zh: "% 服务业" },
    period: {
      en: "during the festival period reported in the White Paper 2020",
      zh: "白皮书（2020）所述期间",
    },
    ...WHITE_PAPER,
  },
  {
    id: "TOP100_INTERNET_COMPANIES",
    label: {
      en: "China's Top 100 internet companies based in Shanghai",
      zh: "中国互联网百强企业中的上海企业",
    },
    value: 21,
    unit: { en: "companies", zh: "家" },
    period: { en: "as reported in May 2021", zh: "2021年5月报道" },
    ...WHITE_PAPER,
  },
  {
    id: "CROSS_BORDER_ECOMMERCE_COMPANIES",
    label: { en: "Companies engaged in cross-border e-commerce", zh: "从事跨境电商的企业" },
    value: 84000,
    unit: { en: "companies", zh: "家" },
    period: { en: "by the end of October", zh: "截至10月底" },
    ...WHITE_PAPER,
  },
  {
    id: "THIRD_PARTY_PAYMENT_SHARE",
    label: { en: "Share of the third-party payment market", zh: "第三方支付市场份额" },
    value: 60,
    unit: SHARE,
    period: { en: "as reported in May 2021", zh: "2021年5月报道" },
    ...WHITE_PAPER,
  },
  {
    id: "LOCAL_LIVING_SERVICES_SHARE",
    label: { en: "Share of local living services", zh: "本地生活服务份额" },
    value: 70,
    unit: SHARE,
    period: { en: "as reported in May 2021", zh: "2021年5月报道" },
    ...WHITE_PAPER,
  },
  {
    id: "ONLINE_LITERATURE_SHARE",
    label: { en: "Share of online literature", zh: "网络文学份额" },
    value: 90,
    unit: SHARE,
    period: { en: "as reported in May 2021", zh: "2021年5月报道" },
    ...WHITE_PAPER,
  },
  {
    id: "ONLINE_GAMING_SHARE",
    label: { en: "Share of online gaming", zh: "网络游戏份额" },
    value: 30,
    unit: SHARE,
    period: { en: "as reported in May 2021", zh: "2021年5月报道" },
    ...WHITE_PAPER,
  },
  {
    id: "CONSUMPTION_GROWTH_H1_2018",
    label: { en: "Consumption growth (before the plan)", zh: "消费增速（方案出台前）" },
    value: 7.7,
    unit: { en: "% year on year", zh: "% 同比" },
    period: { en: "first half of 2018", zh: "2018年上半年" },
    reported: "2018-08-22",
    source: "004",
  },
];
