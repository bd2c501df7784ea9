import { checkEntry, entryRow } from "../../src/core/entries";
import { findGoal } from "../../src/core/goal-spec";
import { GOALS } from "../../src/core/plan";
import { districtOf, statusOf } from "../../src/core/spellings";

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
    const [, , , , district, , status] = entryRow(entry, "en", 0);
    expect([district, status]).toEqual(["Pudong New Area", "Recognized"]);
    const zh = entryRow(
      checkEntry({ goal: "BRANDS", name: "乙", status: "Recognised", district: "Xuhui District" }).entry!,
      "zh",
      0,
    );
    expect([zh[4], zh[6]]).toEqual(["徐汇", "已认定"]);
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
