/**
 * How sources are cited: by the number About lists them under, with headline, outlet, byline and
 * date as far as the kept copy of each article names them, and "unknown" where it does not.
 */
import { INDICATORS } from "../../src/core/indicators";
import { GOALS, PLAN } from "../../src/core/plan";
import {
  citeSources,
  sourceNumber,
  sourceReference,
  SOURCES,
  sourcesCited,
  writtenDate,
} from "../../src/core/sources";

const source = (id: string) => SOURCES.find((s) => s.id === id)!;

describe("source numbers", () => {
  it("number the sources 1 to 5 in the order About lists them", () => {
    expect(SOURCES.map((s) => [s.id, sourceNumber(s.id)])).toEqual([
      ["000", 1],
      ["001", 2],
      ["002", 3],
      ["003", 4],
      ["004", 5],
    ]);
  });

  it("cite numbers alone for a Source column: [1], [3] in English, [1]、[3] in Chinese", () => {
    expect(citeSources(["000", "002"], "en")).toBe("[1], [3]");
    expect(citeSources(["000", "002"], "zh")).toBe("[1]、[3]");
    expect(citeSources(["004"], "zh")).toBe("[5]");
  });

  it("cite in a sentence as source [3], sources [3], [4] or 来源 [3]、[4]", () => {
    expect(sourcesCited(["002"], "en")).toBe("source [3]");
    expect(sourcesCited(["002", "003"], "en")).toBe("sources [3], [4]");
    expect(sourcesCited(["002", "003"], "zh")).toBe("来源 [3]、[4]");
  });

  it("cover every source a goal, a reading, the plan or an indicator names", () => {
    const used = [
      ...PLAN.sources,
      ...GOALS.flatMap((goal) => [...goal.sources, ...goal.readings.map((r) => r.source)]),
      ...INDICATORS.map((indicator) => indicator.source),
    ];
    for (const id of used) expect(sourceNumber(id)).toBeGreaterThan(0);
    expect(() => sourceNumber("999" as never)).toThrow("Unknown source 999");
  });
});

describe("references", () => {
  it("give headline, outlet, byline and date of an article whose copy names them all", () => {
    expect(sourceReference(source("004"), "en")).toBe(
      '"Shanghai seeks digital upgrade" — China Daily, He Wei, 2018-08-22. Consumption grew 7.7% year on year in the first half of 2018.',
    );
    expect(sourceReference(source("004"), "zh")).toBe(
      "“Shanghai seeks digital upgrade”——《中国日报》（China Daily），He Wei，2018年8月22日。2018年上半年消费同比增长7.7%。",
    );
  });

  it("keep each headline as published (English) in both languages", () => {
    const headlines = SOURCES.flatMap((s) => (s.headline ? [s.headline] : []));
    expect(headlines).toEqual([
      "Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G",
      "Online new economy blooming in Shanghai",
      "Shanghai aiming to promote online economy",
      "Shanghai seeks digital upgrade",
    ]);
    for (const s of SOURCES.filter((s) => s.headline)) {
      expect(sourceReference(s, "en").startsWith(`"${s.headline}" — `)).toBe(true);
      expect(sourceReference(s, "zh").startsWith(`“${s.headline}”——`)).toBe(true);
    }
  });

  it("say what is not known rather than guess it: outlets, and the press-conference report's date", () => {
    const unknownOutlet = SOURCES.filter((s) => !s.outlet).map((s) => s.id);
    expect(unknownOutlet).toEqual(["000", "001", "002", "003"]);
    for (const id of unknownOutlet) {
      expect(sourceReference(source(id), "en")).toContain("outlet unknown");
      expect(sourceReference(source(id), "zh")).toContain("媒体不详");
    }
    expect(source("003").headline).toBeUndefined();
    expect(sourceReference(source("003"), "en")).toBe(
      "Report of the 67th press conference on COVID-19 prevention and control, Shanghai, 2020-04-13 — outlet unknown, date unknown. The plan issued on 2020-04-08; more than 100 unmanned factories, 20 platforms.",
    );
    expect(sourceReference(source("003"), "zh")).toContain("——媒体不详，发布日期不详。");
  });

  it("date each article only as precisely as its copy does", () => {
    expect(SOURCES.map((s) => s.published)).toEqual(["2020-04", "2021-05", "2020", undefined, "2018-08-22"]);
    expect(sourceReference(source("000"), "en")).toContain("— outlet unknown, April 2020.");
    expect(sourceReference(source("002"), "zh")).toContain("——媒体不详，Huang Yixuan，2020年。");
  });

  it("never show a seed number, and write Chinese with Chinese punctuation", () => {
    for (const s of SOURCES) {
      for (const language of ["en", "zh"] as const) {
        const reference = sourceReference(s, language);
        expect(reference).not.toMatch(/seed/i);
        expect(reference).not.toContain(s.id);
      }
      // Outside the English headline and names, the Chinese has no ASCII , ; : ( ) or quotes.
      const chinese = sourceReference(s, "zh")
        .replace(s.headline ?? "", "")
        .replace(/China Daily|He Wei|Huang Yixuan/g, "");
      expect(chinese).not.toMatch(/[,;:()"]/);
    }
  });
});

describe("written dates", () => {
  it.each([
    ["2018-08-22", "en", "2018-08-22"],
    ["2018-08-22", "zh", "2018年8月22日"],
    ["2020-04", "en", "April 2020"],
    ["2020-04", "zh", "2020年4月"],
    ["2020", "en", "2020"],
    ["2020", "zh", "2020年"],
    ["2022-12-31", "zh", "2022年12月31日"],
  ] as const)("%s in %s is %s", (iso, language, written) => {
    expect(writtenDate(iso, language)).toBe(written);
  });
});
