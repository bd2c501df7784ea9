/**
 * Ties the catalogue to the project's fact sheet (plan-facts) and the seed articles: ids, counts,
 * targets, comparators, dates, sources and the bilingual labels.
 */
import { isoToSerial } from "../../src/core/dates";
import { INDICATORS } from "../../src/core/indicators";
import { COMPARATOR_LABELS, DISTRICTS, GOAL_IDS, GOALS, goalById, PLAN, SECTORS } from "../../src/core/plan";
import { SOURCES } from "../../src/core/sources";

describe("the plan", () => {
  it("is the 2020-2022 Action Plan issued on 2020-04-08, with targets for the end of 2022", () => {
    expect(PLAN.name.en).toContain("Promoting New Online Economic Development (2020-2022)");
    expect(PLAN.name.zh).toBe("上海市促进在线新经济发展行动方案（2020-2022年）");
    expect(PLAN.issued).toBe("2020-04-08");
    expect(PLAN.presented).toBe("2020-04-13");
    expect(PLAN.deadline).toBe("2022-12-31");
  });

  it("has 23 points: 12 sectors, 6 initiatives, 5 safeguard measures", () => {
    expect(PLAN.points).toBe(23);
    expect(SECTORS.length + PLAN.initiatives + PLAN.safeguards).toBe(PLAN.points);
  });
});

describe("the six quantified goals", () => {
  it("have the stable ids in order", () => {
    expect(GOALS.map((g) => g.id)).toEqual([
      "ENTERPRISES",
      "SCENARIOS",
      "BRANDS",
      "BREAKTHROUGHS",
      "UNMANNED",
      "PLATFORMS",
    ]);
    expect([...GOAL_IDS]).toEqual(GOALS.map((g) => g.id));
  });

  it.each([
    ["ENTERPRISES", 100, "more_than", ["000", "002"], "创新型企业"],
    ["SCENARIOS", 100, "more_than", ["000"], "应用场景"],
    ["BRANDS", 100, "more_than", ["000"], "品牌产品"],
    ["BREAKTHROUGHS", 100, "more_than", ["000"], "关键技术突破"],
    ["UNMANNED", 100, "at_least", ["002", "003"], "无人工厂、无人生产线、无人车间"],
    ["PLATFORMS", 20, "at_least", ["002", "003"], "具有全国影响力的工业互联网平台"],
  ] as const)("%s: %s, %s, sources %j", (id, target, comparator, sources, zh) => {
    const goal = goalById(id);
    expect(goal.target).toBe(target);
    expect(goal.comparator).toBe(comparator);
    expect(goal.sources).toEqual(sources);
    expect(goal.label.zh).toBe(zh);
    expect(goal.start).toBe("2020-04-08");
    expect(goal.deadline).toBe("2022-12-31");
    expect(goal.label.en.length).toBeGreaterThan(3);
    expect(goal.unit.en.length).toBeGreaterThan(0);
    expect(goal.unit.zh.length).toBeGreaterThan(0);
  });

  it("groups the Four 100+ together", () => {
    expect(GOALS.filter((g) => g.group === "FOUR_100_PLUS").map((g) => g.id)).toEqual([
      "ENTERPRISES",
      "SCENARIOS",
      "BRANDS",
      "BREAKTHROUGHS",
    ]);
  });

  it("records both readings of the unmanned target and why 'at least' was chosen", () => {
    const unmanned = goalById("UNMANNED");
    expect(unmanned.readings.map((r) => [r.source, r.comparator])).toEqual([
      ["002", "at_least"],
      ["003", "more_than"],
    ]);
    expect(unmanned.readings[0].wording).toContain("no less than 100");
    expect(unmanned.readings[1].wording).toContain("more than 100");
    // Cited by the numbers About lists them under: seed 002 is [3], seed 003 is [4].
    expect(unmanned.choice?.en).toMatch(/disagree.*\(source \[3\]\).*source \[4\]/);
    expect(unmanned.choice?.zh).toMatch(/不一.*（来源 \[3\]）.*来源 \[4\]/);
  });

  it("cites only readings whose source is among the goal's sources, each quoting a number", () => {
    for (const goal of GOALS) {
      for (const reading of goal.readings) {
        expect(goal.sources).toContain(reading.source);
        expect(reading.wording).toContain(String(goal.target));
      }
    }
  });

  it("uses dates that exist and a period that runs forwards", () => {
    for (const goal of GOALS) expect(isoToSerial(goal.deadline)).toBeGreaterThan(isoToSerial(goal.start));
  });

  it("has both comparators labelled in both languages", () => {
    expect(COMPARATOR_LABELS.more_than).toEqual({ en: "more than", zh: "超过" });
    expect(COMPARATOR_LABELS.at_least).toEqual({ en: "at least", zh: "不少于" });
  });
});

describe("sectors and districts", () => {
  it("lists the 12 key sectors of seed 002 in both languages", () => {
    expect(SECTORS).toHaveLength(12);
    expect(SECTORS.map((s) => s.label.zh)).toEqual([
      "无人工厂",
      "工业互联网",
      "远程办公",
      "在线金融",
      "在线展览展示",
      "生鲜电商零售",
      "无接触配送",
      "新型移动出行",
      "在线教育",
      "在线研发设计",
      "在线医疗",
      "在线文娱",
    ]);
    expect(new Set(SECTORS.map((s) => s.id)).size).toBe(12);
  });

  it("lists Shanghai's 16 districts in both languages", () => {
    expect(DISTRICTS).toHaveLength(16);
    expect(DISTRICTS.map((d) => `${d.label.en} ${d.label.zh}`)).toContain("Pudong New Area 浦东新区");
    expect(new Set(DISTRICTS.map((d) => d.label.zh)).size).toBe(16);
  });
});

describe("context indicators", () => {
  it("carries the White Paper 2020 figures of seed 001", () => {
    const fromSeed001 = INDICATORS.filter((i) => i.source === "001");
    expect(fromSeed001.map((i) => i.value)).toEqual([13.5, 11.5, 21, 84000, 60, 70, 90, 30]);
    for (const indicator of fromSeed001) expect(indicator.reported).toBe("2021-05-17");
  });

  it("gives every indicator a known source, a unit and a period in both languages", () => {
    const ids = SOURCES.map((s) => s.id);
    for (const indicator of INDICATORS) {
      expect(ids).toContain(indicator.source);
      expect(
        indicator.unit.en && indicator.unit.zh && indicator.period.en && indicator.period.zh,
      ).toBeTruthy();
    }
  });
});
