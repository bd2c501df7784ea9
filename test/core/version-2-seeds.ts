/**
 * The seeded texts a version-2 template wrote, as that version's code produced them (kept here
 * as written, not derived from the current code, so an upgrade test sees what such a workbook
 * really holds). The as-of row's value is the AsOfDate cell's own.
 */
import type { Language } from "../../src/core/language";
import type { Cell } from "../../src/core/template/structure";

/** Version 2 wrote each source in English in both languages, under its seed id. */
const SOURCE_TEXTS = {
  "000":
    "Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G. News report of the plan's release (April 2020): the Four 100+ and the 12 sectors.",
  "001":
    "Online new economy blooming in Shanghai. News report (May 2021) on the White Paper on Shanghai's Online New Economy 2020, released at a ceremony on May 17.",
  "002":
    "Shanghai aiming to promote online economy. News report by Huang Yixuan (April 2020): 100+ innovative companies, no less than 100 unmanned factories, 20 industrial internet platforms, the 12 sectors.",
  "003":
    "Press conference of 13 April 2020 on the Action Plan. Report of the 67th press conference on COVID-19 prevention and control, Shanghai, 13 April 2020: the plan issued on 8 April 2020; more than 100 unmanned factories, 20 platforms.",
  "004":
    "Shanghai seeks digital upgrade. China Daily, He Wei, 22 August 2018: consumption grew 7.7% in the first half of 2018.",
};
const sources = (word: string): Cell[][] =>
  Object.entries(SOURCE_TEXTS).map(([id, text]) => [`${word} ${id}`, text]);

/** Version 2's About table, Item and Value. */
export const ABOUT_V2: Record<Language, Cell[][]> = {
  en: [
    ["As-of date", null],
    [
      "Plan",
      "Action Plan of Shanghai Municipality for Promoting New Online Economic Development (2020-2022)",
    ],
    ["Issued by", "General Office of the Shanghai Municipal Government"],
    ["Period", "2020-04-08 – 2022-12-31"],
    ["Template version", 2],
    [
      "How to use",
      "Record one entry per row on the Register sheet; Targets, Sectors and Dashboard compute from it as of the as-of date. The as-of date is today unless you type a fixed date.",
    ],
    [
      "Cells needing the add-in",
      "Forecast and Forecast date on Targets use the add-in's functions and show #NAME? without it. Every other figure is a plain formula.",
    ],
    ...sources("Source"),
    ["Sheet: Dashboard", "Progress of every goal and recognized entries over time."],
    ["Sheet: Targets", "One row per goal. Target, comparator and deadline may be edited."],
    [
      "Sheet: Register",
      "One row per enterprise, scenario, brand, breakthrough, unmanned factory or platform.",
    ],
    ["Sheet: Sectors", "Recognized entries per key sector and goal."],
    ["Sheet: Snapshots", "Snapshots, appended; never rewritten."],
    ["Sheet: Indicators", "Context figures reported about the online economy (not targets)."],
  ],
  zh: [
    ["截至日期", null],
    ["方案", "上海市促进在线新经济发展行动方案（2020-2022年）"],
    ["发布机关", "上海市人民政府办公厅"],
    ["期间", "2020-04-08 – 2022-12-31"],
    ["模板版本", 2],
    [
      "使用方法",
      "在“登记”表中每行登记一个条目；“目标”“领域”“看板”会按截至日期自动计算。截至日期默认为今天，可改为固定日期。",
    ],
    [
      "需要加载项的单元格",
      "“目标”表的“预计”“预计达成日”列使用本加载项的函数；未安装加载项时显示 #NAME?。其余数字均为普通公式。",
    ],
    ...sources("来源"),
    ["工作表: 看板", "各目标进展及已认定条目随时间的变化。"],
    ["工作表: 目标", "每个目标一行。目标值、比较方式和截止日期可修改。"],
    ["工作表: 登记", "每个企业、场景、品牌、技术突破、无人工厂或平台一行。"],
    ["工作表: 领域", "各重点领域、各目标的已认定条目数。"],
    ["工作表: 历史", "快照记录，只追加，不改写。"],
    ["工作表: 指标", "有关在线经济的背景数据（非目标）。"],
  ],
};

/** Version 2's Source column, the same in both languages: Targets in goal order, Indicators in order. */
export const TARGETS_SOURCES_V2 = [
  "seed 000, 002",
  "seed 000",
  "seed 000",
  "seed 000",
  "seed 002, 003",
  "seed 002, 003",
];
export const INDICATORS_SOURCES_V2 = [...Array<string>(8).fill("seed 001"), "seed 004"];

/**
 * Version 2's Targets and Dashboard headers, in order: no Mark column (version 3 put it after
 * Status). The other tables had the headers they have now.
 */
export const HEADERS_V2: Record<"targets" | "dashboard", Record<Language, string[]>> = {
  targets: {
    en: [
      "Id",
      "Goal",
      "Comparator",
      "Target",
      "Required",
      "Unit",
      "Start",
      "Deadline",
      "Source",
      "Actual",
      "Progress",
      "Expected",
      "Remaining",
      "Status",
      "Forecast",
      "Forecast date",
      "Days left",
    ],
    zh: [
      "编号",
      "目标",
      "比较方式",
      "目标值",
      "所需数量",
      "单位",
      "开始日期",
      "截止日期",
      "来源",
      "实际",
      "完成进度",
      "应达",
      "尚差",
      "状态",
      "预计",
      "预计达成日",
      "剩余天数",
    ],
  },
  dashboard: {
    en: ["Id", "Group", "Goal", "Actual", "Target", "Progress", "Expected", "Status", "Forecast"],
    zh: ["编号", "类别", "目标", "实际", "目标值", "完成进度", "应达", "状态", "预计"],
  },
};

/** Version 2's About row that version 3 retired: its Item and Value, by language. */
export const RETIRED_ABOUT_ROW_V2: Record<Language, [string, string]> = {
  en: [
    "Cells needing the add-in",
    "Forecast and Forecast date on Targets use the add-in's functions and show #NAME? without it. Every other figure is a plain formula.",
  ],
  zh: [
    "需要加载项的单元格",
    "“目标”表的“预计”“预计达成日”列使用本加载项的函数；未安装加载项时显示 #NAME?。其余数字均为普通公式。",
  ],
};

/** What version 2's Freeze left: the as-of date the Forecast cells were frozen at. */
export const FROZEN_NAME_V2 = { name: "SHONLINE_FrozenAsOf", formula: "=44561" };
