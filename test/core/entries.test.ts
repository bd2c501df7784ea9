import { isoToSerial } from "../../src/core/dates";
import { checkEntry, ENTRY_FIELDS, entryKey, entryRow } from "../../src/core/entries";
import { tableSpec } from "../../src/core/template/template";
import { LEDGER_FIELDS } from "../../src/core/ledger";

const errorsOf = (input: Parameters<typeof checkEntry>[0], keys?: Set<string>) =>
  checkEntry(input, keys)
    .issues.filter((i) => i.severity === "error")
    .map((i) => i.field);
const warningsOf = (input: Parameters<typeof checkEntry>[0]) =>
  checkEntry(input)
    .issues.filter((i) => i.severity === "warning")
    .map((i) => i.field);

const VALID = { goal: "Brands", name: "Acme", status: "Recognized", date: "2021-05-01" };

describe("checking an entry", () => {
  it("accepts a complete entry in either language and normalizes it", () => {
    expect(checkEntry(VALID).entry).toEqual({
      goal: "BRANDS",
      name: "Acme",
      status: "RECOGNIZED",
      date: isoToSerial("2021-05-01"),
    });
    const zh = checkEntry({
      goal: "无人工厂、无人生产线、无人车间",
      name: " 智能工厂 ",
      kind: "无人车间",
      sector: "工业互联网",
      district: "嘉定",
      status: "已认定",
      date: 44500,
    });
    expect(zh.entry).toMatchObject({
      goal: "UNMANNED",
      name: "智能工厂",
      kind: "WORKSHOP",
      sector: "INDUSTRIAL_INTERNET",
      district: "JIADING",
    });
    expect(
      checkEntry({ ...VALID, status: "in progress", kind: "", sector: "online education" }).entry?.status,
    ).toBe("IN_PROGRESS");
  });

  it.each([
    [{ ...VALID, goal: "" }, "goal"],
    [{ ...VALID, goal: "Factories" }, "goal"],
    [{ ...VALID, name: "  " }, "name"],
    [{ ...VALID, name: "x".repeat(201) }, "name"],
    [{ ...VALID, status: "" }, "status"],
    [{ ...VALID, status: "Approved" }, "status"],
    [{ ...VALID, sector: "Tourism" }, "sector"],
    [{ ...VALID, district: "Suzhou" }, "district"],
    [{ ...VALID, kind: "warehouse" }, "kind"],
    [{ ...VALID, date: "2021-02-30" }, "date"],
    [{ ...VALID, date: "yesterday" }, "date"],
    [{ ...VALID, date: "2017-12-31" }, "date"],
    [{ ...VALID, date: "2031-01-01" }, "date"],
    [{ ...VALID, evidence: "ftp://example.org/x" }, "evidence"],
    [{ ...VALID, evidence: "example.org" }, "evidence"],
  ])("flags %j at %s", (input, field) => {
    expect(errorsOf(input)).toEqual([field]);
    expect(checkEntry(input).entry).toBeUndefined();
  });

  it("warns, without refusing, outside the plan period, for an undated recognition and a missing kind", () => {
    expect(warningsOf({ ...VALID, date: "2019-06-01" })).toEqual(["date"]);
    expect(warningsOf({ ...VALID, date: "" })).toEqual(["date"]);
    expect(warningsOf({ ...VALID, goal: "UNMANNED" })).toEqual(["kind"]);
    expect(warningsOf({ ...VALID, kind: "factory" })).toEqual(["kind"]);
    expect(checkEntry({ ...VALID, date: "2019-06-01" }).entry).toBeDefined();
  });

  it("flags a duplicate goal and name, ignoring case and spacing", () => {
    const keys = new Set([entryKey("BRANDS", "ACME  ")]);
    expect(errorsOf({ ...VALID, name: "acme" }, keys)).toEqual(["name"]);
    expect(errorsOf({ ...VALID, goal: "SCENARIOS", name: "acme" }, keys)).toEqual([]);
  });

  it("gives every message in both languages", () => {
    for (const issue of checkEntry({ goal: "x", name: "", status: "y", date: "z", evidence: "w" }).issues) {
      expect(issue.message.en.length).toBeGreaterThan(5);
      expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("becomes a Register row in the workbook's language", () => {
    const entry = checkEntry({ ...VALID, sector: "ONLINE_HEALTHCARE", notes: "=x" }).entry!;
    expect(entryRow(entry, "zh", 45000)).toEqual([
      "品牌产品",
      "Acme",
      "已认定",
      isoToSerial("2021-05-01"),
      null,
      null,
      "在线医疗",
      null,
      "=x",
      null,
      45000,
      // No credit code; the provenance columns only a merge fills.
      null,
      null,
      null,
      null,
    ]);
  });

  it("puts its cells in the order of the template's Register columns", () => {
    expect(tableSpec("register").columns.map((column) => column.id)).toEqual([...LEDGER_FIELDS]);
    // Every entry field is a Register column; the credit code comes after Entered at (version 7).
    expect(ENTRY_FIELDS.every((field) => (LEDGER_FIELDS as readonly string[]).includes(field))).toBe(true);
    expect(LEDGER_FIELDS.indexOf("creditCode")).toBe(LEDGER_FIELDS.indexOf("enteredAt") + 1);
    expect(
      entryRow(checkEntry({ goal: "BRANDS", name: "x", status: "Candidate" }).entry!, "en", 1),
    ).toHaveLength(LEDGER_FIELDS.length);
  });
});

describe("names that look the same are the same entry", () => {
  const key = (name: string) => {
    const checked = checkEntry({ goal: "BRANDS", name, status: "Candidate" });
    return checked.entry ? entryKey(checked.entry.goal, checked.entry.name) : undefined;
  };

  it.each([
    ["with a zero-width space", "Acme\u200b Tea"],
    ["with a byte-order mark first", "\ufeffAcme Tea"],
    ["in full-width letters", "Ａｃｍｅ Ｔｅａ"],
    ["with a direction mark", "\u200eAcme Tea"],
    ["with a tab inside", "Acme\tTea"],
  ])("%s", (_, name) => {
    expect(key(name)).toBe(key("Acme Tea"));
    expect(
      checkEntry({ goal: "BRANDS", name, status: "Candidate" }, new Set([key("Acme Tea")!])).entry,
    ).toBeUndefined();
  });

  it.each(["\u200b", "\u200b\u200d\ufeff", " \u2060 "])("%j alone is an empty name", (name) => {
    const checked = checkEntry({ goal: "BRANDS", name, status: "Candidate" });
    expect(checked.issues.map((i) => i.field)).toContain("name");
  });

  it("writes the name without its invisible characters", () => {
    expect(
      checkEntry({ goal: "BRANDS", name: "\u200bAcme\u2060 Tea", status: "Candidate" }).entry!.name,
    ).toBe("Acme Tea");
  });

  it("counts the characters a person sees against the 200 limit", () => {
    const family = "👨‍👩‍👧";
    expect(checkEntry({ goal: "BRANDS", name: family.repeat(200), status: "Candidate" }).entry).toBeDefined();
    expect(checkEntry({ goal: "BRANDS", name: "字".repeat(201), status: "Candidate" }).entry).toBeUndefined();
  });
});

describe("what an Excel cell holds", () => {
  it("refuses notes longer than 32,767 UTF-16 code units, naming the column, though they look short", () => {
    const heavy = `e${"\u0301".repeat(16)}`; // one character a person sees, 17 code units
    const checked = checkEntry({ goal: "BRANDS", name: "A", status: "Candidate", notes: heavy.repeat(2000) });
    expect(checked.entry).toBeUndefined();
    expect(checked.issues.find((i) => i.field === "notes")!.message).toEqual({
      en: "Notes is longer than an Excel cell holds (32767 characters).",
      zh: "备注超出 Excel 单元格的容量（32767 个字符）。",
    });
  });

  it("refuses an evidence link longer than a cell, naming it", () => {
    const link = `https://example.org/${"a".repeat(32_767)}`;
    const checked = checkEntry({ goal: "BRANDS", name: "A", status: "Candidate", evidence: link });
    expect(checked.issues.find((i) => i.field === "evidence")!.message.en).toMatch(
      /^Evidence link is longer/,
    );
  });

  it("keeps notes as written, spaces and line breaks at their ends included", () => {
    const notes = "  first line\nsecond line\n";
    expect(checkEntry({ goal: "BRANDS", name: "A", status: "Candidate", notes }).entry!.notes).toBe(notes);
    expect(
      checkEntry({ goal: "BRANDS", name: "A", status: "Candidate", notes: "  \n " }).entry!.notes,
    ).toBeUndefined();
  });
});

describe("characters a file cannot store", () => {
  it.each([
    ["name", { name: "甲\ud800乙" }],
    ["notes", { name: "甲", notes: "备注\udc00" }],
    ["enteredBy", { name: "甲", enteredBy: "\ud83d" }],
  ] as const)("half of a character pair in %s is refused, naming the column", (field, input) => {
    const checked = checkEntry({ goal: "BRANDS", status: "Recognized", ...input });
    expect(checked.entry).toBeUndefined();
    const issue = checked.issues.find((i) => i.field === field)!;
    expect(issue.message.zh).toMatch(/含有残缺字符/);
  });

  it("a whole pair (an emoji, a rare Chinese character) is kept", () => {
    const checked = checkEntry({ goal: "BRANDS", status: "Recognized", name: "𠮷野家 😀" });
    expect(checked.entry?.name).toBe("𠮷野家 😀");
  });
});

describe("an enterprise's unified social credit code", () => {
  const withCode = (creditCode: string) =>
    checkEntry({ goal: "ENTERPRISES", name: "Acme", status: "Candidate", creditCode });

  it("is kept normalized when its check character is right (GB 32100-2015's own example)", () => {
    expect(withCode("91350100M000100Y43").entry?.creditCode).toBe("91350100M000100Y43");
    expect(withCode(" 9135 0100m000100y43 ").entry?.creditCode).toBe("91350100M000100Y43");
    expect(withCode("").entry?.creditCode).toBeUndefined();
  });

  it.each([
    ["a wrong check character", "91350100M000100Y44", /check character/, /校验码/],
    ["17 characters", "91350100M000100Y4", /18 characters; "91350100M000100Y4" has 17/, /为17位/],
    ["a letter no code uses", "91350100M000100I43", /holds a character no credit code has/, /不用的字符/],
  ])("is refused with %s, saying what is wrong in both languages", (_, code, en, zh) => {
    const checked = withCode(code);
    expect(checked.entry).toBeUndefined();
    const issue = checked.issues.find((i) => i.field === "creditCode");
    expect(issue?.severity).toBe("error");
    expect(issue?.message.en).toMatch(en);
    expect(issue?.message.zh).toMatch(zh);
  });

  it("goes into the Register's Credit code column", () => {
    const row = entryRow(withCode("91350100M000100Y43").entry!, "zh", 1);
    expect(row[LEDGER_FIELDS.indexOf("creditCode")]).toBe("91350100M000100Y43");
  });
});
