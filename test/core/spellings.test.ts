import { checkEntry, entryRow } from "../../src/core/entries";
import { findGoal } from "../../src/core/goal-spec";
import { GOALS } from "../../src/core/plan";
import { districtOf, kindOf, nearestValue, sectorOf, statusOf } from "../../src/core/spellings";
import { tableSpec } from "../../src/core/template/template";

/** The cells of a Register row under the given columns. */
const cellsOf = (row: readonly unknown[], ...ids: string[]) =>
  ids.map((id) => row[tableSpec("register").columns.findIndex((column) => column.id === id)]);

describe("the spellings people type", () => {
  it.each([
    ["徐汇区", "XUHUI"],
    ["徐汇", "XUHUI"],
    ["Xuhui District", "XUHUI"],
    ["xuhui", "XUHUI"],
    ["浦东", "PUDONG"],
    ["浦东新区", "PUDONG"],
    ["Pudong", "PUDONG"],
    ["Pudong New Area", "PUDONG"],
    ["Jingan", "JINGAN"],
    ["静安区", "JINGAN"],
    ["ＨＵＡＮＧＰＵ", "HUANGPU"],
  ])("district %j is %s", (text, id) => {
    expect(districtOf(text)?.id).toBe(id);
  });

  it.each(["区", "Shanghai", "浦西", "District"])("%j is no district", (text) => {
    expect(districtOf(text)).toBeUndefined();
  });

  it.each([
    ["认定", "RECOGNIZED"],
    ["已认定", "RECOGNIZED"],
    ["Recognised", "RECOGNIZED"],
    ["recognized", "RECOGNIZED"],
    ["in progress", "IN_PROGRESS"],
    ["IN_PROGRESS", "IN_PROGRESS"],
    ["推进中", "IN_PROGRESS"],
    ["撤回", "WITHDRAWN"],
    ["候选", "CANDIDATE"],
  ])("status %j is %s", (text, id) => {
    expect(statusOf(text)).toBe(id);
  });

  it("writes the canonical label in the workbook's language, whatever was typed", () => {
    const entry = checkEntry({
      goal: "BRANDS",
      name: "甲",
      status: "认定",
      district: "浦东",
      date: "2021-06-30",
    }).entry!;
    expect(cellsOf(entryRow(entry, "en", 0), "district", "status")).toEqual([
      "Pudong New Area",
      "Recognized",
    ]);
    const zh = entryRow(
      checkEntry({ goal: "BRANDS", name: "乙", status: "Recognised", district: "Xuhui District" }).entry!,
      "zh",
      0,
    );
    expect(cellsOf(zh, "district", "status")).toEqual(["徐汇", "已认定"]);
  });
});

describe("goals by the names the sheets show", () => {
  it.each([
    ["品牌", "BRANDS"],
    ["Brands", "BRANDS"],
    ["无人工厂", "UNMANNED"],
    ["Unmanned", "UNMANNED"],
    ["Unmanned factories", "UNMANNED"],
    ["工业互联网平台", "PLATFORMS"],
    ["Industrial internet platforms", "PLATFORMS"],
    ["场景", "SCENARIOS"],
    ["ｂｒａｎｄｓ", "BRANDS"],
  ])("%j is %s", (name, id) => {
    expect(findGoal(name)?.id).toBe(id);
  });

  it('leaves the "Four 100+" group, which names four goals, unresolved', () => {
    expect(findGoal('The "Four 100+"')).toBeUndefined();
    expect(findGoal("四个100+")).toBeUndefined();
  });

  it("names no two goals with one spelling", () => {
    const owners = new Map<string, Set<string>>();
    for (const g of GOALS)
      for (const spelling of [g.id, g.label.en, g.label.zh, g.short.en, g.short.zh]) {
        const key = spelling.toUpperCase();
        owners.set(key, (owners.get(key) ?? new Set()).add(g.id));
        expect(findGoal(spelling)?.id).toBe(g.id);
      }
    expect([...owners.values()].filter((ids) => ids.size > 1)).toEqual([]);
  });
});

describe("sectors and kinds as people write them", () => {
  it.each([
    ["New mobility", "NEW_MOBILITY"],
    ["new-mobility", "NEW_MOBILITY"],
    ["Intelligent connected vehicles", "NEW_MOBILITY"],
    ["智能网联汽车", "NEW_MOBILITY"],
    ["新型移动出行", "NEW_MOBILITY"],
    ["Telemedicine", "ONLINE_HEALTHCARE"],
    ["Online healthcare", "ONLINE_HEALTHCARE"],
    ["Remote office", "TELECOMMUTING"],
    ["grocery e-commerce", "FRESH_FOOD_ECOMMERCE"],
    ["Online R and D and design", "ONLINE_RND_DESIGN"],
    ["Online R&D and design", "ONLINE_RND_DESIGN"],
    ["Unmanned factory", "UNMANNED_FACTORIES"],
    ["ＯＮＬＩＮＥ ＦＩＮＡＮＣＥ", "ONLINE_FINANCE"],
    ["ONLINE_EDUCATION", "ONLINE_EDUCATION"],
  ])("sector %j is %s", (text, id) => {
    expect(sectorOf(text)?.id).toBe(id);
  });

  it.each(["Space", "在线", "", "mobile"])("%j is no sector", (text) => {
    expect(sectorOf(text)).toBeUndefined();
  });

  it.each([
    ["Factory", "FACTORY"],
    ["production line", "PRODUCTION_LINE"],
    ["PRODUCTION_LINE", "PRODUCTION_LINE"],
    ["产线", "PRODUCTION_LINE"],
    ["无人车间", "WORKSHOP"],
    ["Unmanned workshop", "WORKSHOP"],
  ])("kind %j is %s", (text, id) => {
    expect(kindOf(text)?.id).toBe(id);
  });

  it("an entry typed with an alternate is written under the plan's label, in the workbook's language", () => {
    const entry = checkEntry({
      goal: "UNMANNED",
      name: "甲",
      status: "Recognized",
      sector: "New mobility",
      kind: "产线",
    }).entry!;
    expect(cellsOf(entryRow(entry, "zh", 0), "kind", "sector")).toEqual(["无人生产线", "新型移动出行"]);
  });
});

describe("the nearest valid value, suggested for a refused one", () => {
  it.each([
    ["district", "徐汇县", "徐汇"],
    ["district", "浦栋", "浦东新区"],
    ["district", "Xuhiu", "徐汇"],
    ["district", "Minghang", "闵行"],
    ["status", "Recognzied", "已认定"],
    ["status", "已认", "已认定"],
    ["sector", "Online health", "在线医疗"],
    ["sector", "在线金融业", "在线金融"],
    ["goal", "Brnads", "品牌产品"],
    ["kind", "Factroy", "无人工厂"],
  ] as const)("%s %j: %s", (field, typed, zh) => {
    expect(nearestValue(field, typed)?.zh).toBe(zh);
  });

  it.each([
    ["district", "北京"],
    ["sector", "Space"],
    ["sector", "在线"],
    ["status", "xx"],
    ["goal", "x"],
  ] as const)("%s %j: nothing near enough, or two equally near", (field, typed) => {
    expect(nearestValue(field, typed)).toBeUndefined();
  });

  it("the refusal says it, in both languages", () => {
    const issue = checkEntry({
      goal: "BRANDS",
      name: "甲",
      status: "Recognized",
      district: "徐汇县",
    }).issues.find((i) => i.field === "district")!;
    expect(issue.severity).toBe("error");
    expect(issue.message.zh).toBe("“徐汇县”不是上海16个区之一。是否指“徐汇”？");
    expect(issue.message.en).toBe(`"徐汇县" is not one of Shanghai's 16 districts. Did you mean "Xuhui"?`);
  });

  it("a refusal with nothing near says only what is wrong", () => {
    const issue = checkEntry({ goal: "BRANDS", name: "甲", status: "Recognized", district: "北京" })
      .issues[0];
    expect(issue.message.en).toBe(`"北京" is not one of Shanghai's 16 districts.`);
  });
});
