import { decodeCsvBytes } from "../../src/core/csv-decode";
import { parseCsv } from "../../src/core/csv";
import {
  previewRegisterFile,
  registerCsvTemplate,
  startsWithRegisterHeader,
} from "../../src/core/register-csv";
import { ENTRY_FIELD_LABELS, ENTRY_FIELDS } from "../../src/core/entries";
import { DISTRICTS, GOALS, SECTORS } from "../../src/core/plan";

const bytesOf = (text: string) => new TextEncoder().encode(text);
const decoded = (bytes: Uint8Array) => {
  const result = decodeCsvBytes(bytes, startsWithRegisterHeader);
  if (!result.ok) throw new Error(result.error.en);
  return result;
};

describe("the empty register CSV", () => {
  it.each(["en", "zh"] as const)(
    "%s: UTF-8 with a byte-order mark, the headers in the language",
    (language) => {
      const bytes = registerCsvTemplate(language);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const file = decoded(bytes);
      expect(file.encoding).toBe("UTF-8");
      expect(file.text.startsWith("\ufeff")).toBe(false);
      const [header] = parseCsv(file.text).records;
      expect(header.fields).toEqual(ENTRY_FIELDS.map((field) => ENTRY_FIELD_LABELS[field][language]));
    },
  );

  it("lists the allowed values of each list column, in the file's language", () => {
    const [, hint] = parseCsv(decoded(registerCsvTemplate("zh")).text).records;
    const cell = (field: (typeof ENTRY_FIELDS)[number]) => hint.fields[ENTRY_FIELDS.indexOf(field)];
    for (const goal of GOALS) expect(cell("goal")).toContain(goal.label.zh);
    for (const sector of SECTORS) expect(cell("sector")).toContain(sector.label.zh);
    for (const district of DISTRICTS) expect(cell("district")).toContain(district.label.zh);
    expect(cell("status")).toBe("可选值：候选、推进中、已认定、已撤回");
    expect(cell("goal")).not.toMatch(/[A-Za-z]/);
  });

  it.each(["en", "zh"] as const)(
    "%s: imports as it is, with nothing to write and the hint row named",
    (language) => {
      const preview = previewRegisterFile(registerCsvTemplate(language), new Set());
      expect(preview.fileErrors).toEqual([]);
      expect(preview.rows).toEqual([]);
      expect(preview.hintLines).toEqual([2]);
    },
  );

  it("filled in below the hint row, imports every filled row", () => {
    const template = decoded(registerCsvTemplate("zh")).text;
    const filled = `${template}品牌产品,甲品牌,已认定,2021年6月30日,徐汇区,,在线文娱,,,\n应用场景,乙场景,推进中,2021.07.01,浦东,,,,,\n`;
    const preview = previewRegisterFile(bytesOf(filled), new Set());
    expect(preview.hintLines).toEqual([2]);
    expect(preview.accepted.map((entry) => [entry.goal, entry.name, entry.district, entry.status])).toEqual([
      ["BRANDS", "甲品牌", "XUHUI", "RECOGNIZED"],
      ["SCENARIOS", "乙场景", "PUDONG", "IN_PROGRESS"],
    ]);
  });

  it("a hint row a person changed is checked as a row, so it is refused, not taken in silence", () => {
    const template = decoded(registerCsvTemplate("en")).text.replace("Allowed: ", "Allowed:");
    const preview = previewRegisterFile(bytesOf(template), new Set());
    expect(preview.hintLines).toBeUndefined();
    expect(preview.rows).toHaveLength(1);
    expect(preview.accepted).toEqual([]);
  });
});
