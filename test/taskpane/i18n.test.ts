/** The pane's two dictionaries stay twins, and the translator fills {placeholders}. */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { DICTIONARIES, type MessageKey, translator } from "../../src/taskpane/i18n";

const en = DICTIONARIES.en;
const zh = DICTIONARIES.zh;
const keys = Object.keys(en) as MessageKey[];

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** What is left of a string once placeholders, digits, spaces and punctuation are removed. */
function words(text: string): string {
  return text.replace(/\{\w+\}/g, "").replace(/[\s\d\p{P}\p{S}]/gu, "");
}

describe("the dictionaries", () => {
  it("have exactly the same keys", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(keys.length).toBeGreaterThan(50);
  });

  it("hold only keys the pane uses", () => {
    // The pane names every key as a string literal, a key chosen at run time too (typed tables such
    // as the tab and field labels), so a key quoted nowhere in its source is one nobody shows.
    const dir = join(__dirname, "../../src/taskpane");
    const source = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && file !== "i18n.ts")
      .map((file) => readFileSync(join(dir, file), "utf8"))
      .join("\n");
    expect(keys.filter((key) => !source.includes(`"${key}"`))).toEqual([]);
  });

  it("have no empty string in either language", () => {
    const empty = (dictionary: Readonly<Record<MessageKey, string>>) =>
      keys.filter((key) => typeof dictionary[key] !== "string" || dictionary[key].trim() === "");
    expect(empty(en)).toEqual([]);
    expect(empty(zh)).toEqual([]);
  });

  it("translate every string (a Chinese value equals the English one only when it is all placeholders)", () => {
    const untranslated = keys.filter((key) => zh[key] === en[key] && words(en[key]) !== "");
    expect(untranslated).toEqual([]);
  });

  it("write every Chinese string that has words in Chinese", () => {
    const notChinese = keys.filter((key) => words(zh[key]) !== "" && !/\p{Script=Han}/u.test(zh[key]));
    expect(notChinese).toEqual([]);
  });

  it("punctuate Chinese the Chinese way (，：；（）), Excel's error values such as #NAME? aside", () => {
    const ascii = keys.filter((key) => /[,:;()]/.test(zh[key].replace(/\{\w+\}|#[A-Z/0]+[?!]/g, "")));
    expect(ascii).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const mismatched = keys
      .filter((key) => placeholders(en[key]).join() !== placeholders(zh[key]).join())
      .map((key) => ({ key, en: placeholders(en[key]), zh: placeholders(zh[key]) }));
    expect(mismatched).toEqual([]);
  });

  it("use placeholders where the pane passes values", () => {
    expect(placeholders(en.unsupportedBody)).toEqual(["purpose", "sets"]);
    expect(placeholders(en.actualOfTarget)).toEqual(["actual", "comparator", "percent", "target"]);
    expect(placeholders(en.importProblem)).toEqual(["line", "problems"]);
    expect(placeholders(en.errorExcel)).toEqual(["message"]);
  });
});

describe("translator", () => {
  it("fills placeholders with text and numbers, in either language", () => {
    expect(translator("en")("asOfLine", { date: "30 June 2021" })).toBe("As of 30 June 2021");
    expect(translator("en")("importButton", { count: 3 })).toBe("Import 3 valid rows");
    expect(translator("zh")("importButton", { count: 3 })).toBe("导入 3 行有效数据");
    expect(
      translator("en")("actualOfTarget", { actual: 5, comparator: "more than", target: 100, percent: "5%" }),
    ).toBe("5 of more than 100 (5%)");
    expect(
      translator("zh")("actualOfTarget", { actual: 5, comparator: "超过", target: 100, percent: "5%" }),
    ).toBe("5 / 超过 100（5%）");
  });

  it("fills 0 as a value (not mistaken for a missing one)", () => {
    const t = translator("en");
    expect(t("importPreview", { valid: 0, invalid: 0 })).toBe("0 rows ready to import, 0 with problems.");
  });

  it("leaves placeholders it was given no value for", () => {
    const t = translator("en");
    expect(t("asOfLine")).toBe("As of {date}");
    expect(t("asOfLine", { other: "x" })).toBe("As of {date}");
    expect(t("importPreview", { valid: 2 })).toBe("2 rows ready to import, {invalid} with problems.");
    expect(translator("zh")("errorExcel", {})).toBe("Excel 无法完成请求：{message}");
  });

  it("inserts values literally (no re-expansion, no $ replacement patterns)", () => {
    const t = translator("en");
    expect(t("entryAdded", { name: "{name}" })).toBe("Added “{name}” to the register.");
    expect(t("entryAdded", { name: "$& and $1" })).toBe("Added “$& and $1” to the register.");
    expect(t("importPreview", { valid: "{invalid}", invalid: 1 })).toBe(
      "{invalid} rows ready to import, 1 with problems.",
    );
  });

  it("returns strings without placeholders unchanged", () => {
    expect(translator("en")("refresh")).toBe("Refresh");
    expect(translator("zh")("refresh")).toBe("刷新");
    expect(translator("zh")("outsideTitle")).toBe(zh.outsideTitle);
  });
});
