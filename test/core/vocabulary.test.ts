import { wordIn } from "../../src/core/template/vocabulary";

describe("a workbook's words in the pane's language", () => {
  it.each([
    ["goals", "Brands", "zh", "品牌产品"],
    ["goals", "品牌产品", "en", "Brands"],
    ["entryStatuses", "recognized", "zh", "已认定"],
    ["entryStatuses", "已撤回", "en", "Withdrawn"],
    ["districts", "徐汇", "en", "Xuhui"],
    ["sectors", "Online education", "zh", "在线教育"],
    ["goals", "Brands", "en", "Brands"],
  ] as const)("%s: %j in %s is %j", (list, value, language, expected) => {
    expect(wordIn(list, value, language)).toBe(expected);
  });

  it("leaves a word that is not in the list as it is", () => {
    expect(wordIn("goals", "Something else", "zh")).toBe("Something else");
  });
});
