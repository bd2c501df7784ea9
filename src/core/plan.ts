/**
 * The plan tracked by this product, its goals, sectors and districts, as data.
 * Every value here traces to a source article (see sources.ts); the tests in test/core tie
 * them to the fact sheet.
 */
import { type SourceId, SOURCES, sourcesCited } from "./sources";

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export const PLAN = {
  name: {
    en: "Action Plan of Shanghai Municipality for Promoting New Online Economic Development (2020-2022)",
    zh: "上海市促进在线新经济发展行动方案（2020-2022年）",
  },
  issuedBy: {
    en: "General Office of the Shanghai Municipal Government",
    zh: "上海市人民政府办公厅",
  },
  /** Issued on 8 April 2020 (seed 003). */
  issued: "2020-04-08",
  /** Presented at the press conference of 13 April 2020 (seed 003). */
  presented: "2020-04-13",
  /** The targets are for the end of 2022 (seed 000: "by 2022"). */
  deadline: "2022-12-31",
  /** 23 points = 12 key sectors + 6 dedicated initiatives + 5 safeguard measures (seed 000). */
  points: 23,
  initiatives: 6,
  safeguards: 5,
  sources: ["000", "003"] as readonly SourceId[],
} as const;

export type Comparator = "more_than" | "at_least";

export const GOAL_IDS = [
  "ENTERPRISES",
  "SCENARIOS",
  "BRANDS",
  "BREAKTHROUGHS",
  "UNMANNED",
  "PLATFORMS",
] as const;
export type GoalId = (typeof GOAL_IDS)[number];

/** How goals are grouped on the dashboard and the overview. */
export type GoalGroup = "FOUR_100_PLUS" | "UNMANNED" | "PLATFORMS";

export interface SourceReading {
  readonly comparator: Comparator;
  readonly wording: string;
  readonly source: SourceId;
}

export interface Goal {
  readonly id: GoalId;
  readonly group: GoalGroup;
  readonly label: Bilingual;
  /** A column-header-sized name. */
  readonly short: Bilingual;
  readonly unit: Bilingual;
  readonly target: number;
  readonly comparator: Comparator;
  /** ISO dates of the plan period. */
  readonly start: string;
  readonly deadline: string;
  readonly sources: readonly SourceId[];
  /** The wording of each source, kept so a reader sees why the comparator was chosen. */
  readonly readings: readonly SourceReading[];
  /** Why this comparator or deadline, when the sources disagree (cited by number, as About lists them). */
  readonly choice?: Bilingual;
}

const PERIOD = { start: PLAN.issued, deadline: PLAN.deadline } as const;

export const GOALS: readonly Goal[] = [
  {
    id: "ENTERPRISES",
    group: "FOUR_100_PLUS",
    label: { en: "Innovative enterprises", zh: "创新型企业" },
    short: { en: "Enterprises", zh: "企业" },
    unit: { en: "enterprises", zh: "家" },
    target: 100,
    comparator: "more_than",
    ...PERIOD,
    sources: ["000", "002"],
    readings: [
      { comparator: "more_than", wording: "foster over 100 innovative enterprises", source: "000" },
      { comparator: "more_than", wording: "gather more than 100 innovative companies", source: "002" },
    ],
    // Seed 002 gives 2020 ("this year"), seed 000 gives 2022 for the Four 100+.
    choice: {
      en: `The deadline is 2020 ("this year") in ${sourcesCited(["002"], "en")} and 2022 for the Four 100+ in ${sourcesCited(["000"], "en")}. The plan period (to 2022) is used.`,
      zh: `${sourcesCited(["002"], "zh")} 称截止时间为2020年（“今年”），${sourcesCited(["000"], "zh")} 称“四个100+”的截止时间为2022年。此处采用方案期限（至2022年）。`,
    },
  },
  {
    id: "SCENARIOS",
    group: "FOUR_100_PLUS",
    label: { en: "Application scenarios", zh: "应用场景" },
    short: { en: "Scenarios", zh: "场景" },
    unit: { en: "scenarios", zh: "个" },
    target: 100,
    comparator: "more_than",
    ...PERIOD,
    sources: ["000"],
    readings: [
      { comparator: "more_than", wording: "roll out over 100 application scenarios", source: "000" },
    ],
  },
  {
    id: "BRANDS",
    group: "FOUR_100_PLUS",
    label: { en: "Brands", zh: "品牌产品" },
    short: { en: "Brands", zh: "品牌" },
    unit: { en: "brands", zh: "个" },
    target: 100,
    comparator: "more_than",
    ...PERIOD,
    sources: ["000"],
    readings: [{ comparator: "more_than", wording: "nurture over 100 brands", source: "000" }],
  },
  {
    id: "BREAKTHROUGHS",
    group: "FOUR_100_PLUS",
    label: { en: "Key technological breakthroughs", zh: "关键技术突破" },
    short: { en: "Breakthroughs", zh: "技术突破" },
    unit: { en: "breakthroughs", zh: "项" },
    target: 100,
    comparator: "more_than",
    ...PERIOD,
    sources: ["000"],
    readings: [
      { comparator: "more_than", wording: "achieve over 100 key technological breakthroughs", source: "000" },
    ],
  },
  {
    id: "UNMANNED",
    group: "UNMANNED",
    label: {
      en: "Unmanned factories, production lines and workshops",
      zh: "无人工厂、无人生产线、无人车间",
    },
    short: { en: "Unmanned", zh: "无人工厂" },
    unit: { en: "factories, lines or workshops", zh: "个" },
    target: 100,
    comparator: "at_least",
    ...PERIOD,
    sources: ["002", "003"],
    readings: [
      {
        comparator: "at_least",
        wording:
          "build no less than 100 unmanned factories, unmanned production lines, and unmanned workshops",
        source: "002",
      },
      {
        comparator: "more_than",
        wording: "Build more than 100 unmanned factories, production lines and workshops",
        source: "003",
      },
    ],
    // Seed 002 says "no less than 100", seed 003 (an oral briefing in English) "more than 100".
    choice: {
      en: `The sources disagree. "At least 100" (${sourcesCited(["002"], "en")}) is used because it states the target as a floor in the plan's own terms; ${sourcesCited(["003"], "en")} is an English rendering of an oral briefing. To use the other reading, change the comparator on the Targets sheet.`,
      zh: `来源说法不一。此处采用“不少于100个”（${sourcesCited(["002"], "zh")}），因其按方案原意把目标表述为下限；${sourcesCited(["003"], "zh")} 是口头发布会的英文转述。如需采用另一种说法，请在“目标”表中修改比较方式。`,
    },
  },
  {
    id: "PLATFORMS",
    group: "PLATFORMS",
    label: {
      en: "Industrial internet platforms with national influence",
      zh: "具有全国影响力的工业互联网平台",
    },
    short: { en: "Platforms", zh: "平台" },
    unit: { en: "platforms", zh: "个" },
    target: 20,
    comparator: "at_least",
    ...PERIOD,
    sources: ["002", "003"],
    readings: [
      {
        comparator: "at_least",
        wording: "20 industrial Internet platforms with national influence will be set up",
        source: "002",
      },
      {
        comparator: "at_least",
        wording: "construct 20 industrial Internet platforms with national influence",
        source: "003",
      },
    ],
  },
];

export const GOAL_GROUPS: readonly { id: GoalGroup; label: Bilingual }[] = [
  { id: "FOUR_100_PLUS", label: { en: 'The "Four 100+"', zh: "四个100+" } },
  { id: "UNMANNED", label: { en: "Unmanned factories", zh: "无人工厂" } },
  { id: "PLATFORMS", label: { en: "Industrial internet platforms", zh: "工业互联网平台" } },
];

export const COMPARATOR_LABELS: Readonly<Record<Comparator, Bilingual>> = {
  more_than: { en: "more than", zh: "超过" },
  at_least: { en: "at least", zh: "不少于" },
};

export function goalGroupById(id: GoalGroup): { id: GoalGroup; label: Bilingual } {
  const group = GOAL_GROUPS.find((g) => g.id === id);
  if (!group) throw new Error(`Unknown goal group ${id}`);
  return group;
}

export function goalById(id: GoalId): Goal {
  const goal = GOALS.find((g) => g.id === id);
  if (!goal) throw new Error(`Unknown goal ${id}`);
  return goal;
}

/** What an unmanned-factories entry is: the goal counts factories, production lines and workshops. */
export const UNMANNED_KINDS: readonly { id: string; label: Bilingual }[] = [
  { id: "FACTORY", label: { en: "Factory", zh: "无人工厂" } },
  { id: "PRODUCTION_LINE", label: { en: "Production line", zh: "无人生产线" } },
  { id: "WORKSHOP", label: { en: "Workshop", zh: "无人车间" } },
];

/** The 12 key sectors (seed 002 lists all twelve). */
export const SECTORS: readonly { id: string; label: Bilingual }[] = [
  { id: "UNMANNED_FACTORIES", label: { en: "Unmanned factories", zh: "无人工厂" } },
  { id: "INDUSTRIAL_INTERNET", label: { en: "Industrial internet", zh: "工业互联网" } },
  { id: "TELECOMMUTING", label: { en: "Telecommuting", zh: "远程办公" } },
  { id: "ONLINE_FINANCE", label: { en: "Online finance", zh: "在线金融" } },
  { id: "ONLINE_EXHIBITIONS", label: { en: "Online exhibitions", zh: "在线展览展示" } },
  { id: "FRESH_FOOD_ECOMMERCE", label: { en: "Fresh food e-commerce retail", zh: "生鲜电商零售" } },
  { id: "CONTACTLESS_DELIVERY", label: { en: "Contactless delivery", zh: "无接触配送" } },
  { id: "NEW_MOBILITY", label: { en: "Intelligent connected vehicles", zh: "新型移动出行" } },
  { id: "ONLINE_EDUCATION", label: { en: "Online education", zh: "在线教育" } },
  { id: "ONLINE_RND_DESIGN", label: { en: "Online R&D and design", zh: "在线研发设计" } },
  { id: "ONLINE_HEALTHCARE", label: { en: "Online health care", zh: "在线医疗" } },
  { id: "ONLINE_CULTURE", label: { en: "Online culture and entertainment", zh: "在线文娱" } },
];

/** Shanghai's 16 districts. */
export const DISTRICTS: readonly { id: string; label: Bilingual }[] = [
  { id: "HUANGPU", label: { en: "Huangpu", zh: "黄浦" } },
  { id: "XUHUI", label: { en: "Xuhui", zh: "徐汇" } },
  { id: "CHANGNING", label: { en: "Changning", zh: "长宁" } },
  { id: "JINGAN", label: { en: "Jing'an", zh: "静安" } },
  { id: "PUTUO", label: { en: "Putuo", zh: "普陀" } },
  { id: "HONGKOU", label: { en: "Hongkou", zh: "虹口" } },
  { id: "YANGPU", label: { en: "Yangpu", zh: "杨浦" } },
  { id: "MINHANG", label: { en: "Minhang", zh: "闵行" } },
  { id: "BAOSHAN", label: { en: "Baoshan", zh: "宝山" } },
  { id: "JIADING", label: { en: "Jiading", zh: "嘉定" } },
  { id: "PUDONG", label: { en: "Pudong New Area", zh: "浦东新区" } },
  { id: "JINSHAN", label: { en: "Jinshan", zh: "金山" } },
  { id: "SONGJIANG", label: { en: "Songjiang", zh: "松江" } },
  { id: "QINGPU", label: { en: "Qingpu", zh: "青浦" } },
  { id: "FENGXIAN", label: { en: "Fengxian", zh: "奉贤" } },
  { id: "CHONGMING", label: { en: "Chongming", zh: "崇明" } },
];

/** The sources the goals cite, in the order About lists them (the Evaluation lists these). */
export const GOAL_SOURCES = SOURCES.filter((source) =>
  GOALS.some((goal) => goal.sources.includes(source.id)),
);
