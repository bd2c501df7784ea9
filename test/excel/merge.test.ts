import { isoToSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { blankLedgerRow, type LedgerRow } from "../../src/core/ledger";
import { DISTRICTS } from "../../src/core/plan";
import type { Submission } from "../../src/core/submission";
import { sheetSpec } from "../../src/core/template/template";
import { applyTemplate } from "../../src/excel/apply-template";
import { mergeIntoWorkbook } from "../../src/excel/merge";
import { readTracking } from "../../src/excel/tables";
import { recordCellEdits, WorkbookNeedsUpgradeError } from "../../src/excel/trail";
import { dumpWorkbook, fakeExcel } from "../support/excel-fixtures";

const AT = isoToSerial("2026-11-22") + 0.5;
const SAVED = isoToSerial("2026-11-20") + 0.25;

function row(fields: Partial<LedgerRow>): LedgerRow {
  return { ...blankLedgerRow(), goal: "BRANDS", status: "CANDIDATE", ...fields };
}

function submission(file: string, reportingUnit: string, rows: LedgerRow[], savedAt = SAVED): Submission {
  return { file, language: "zh", version: 7, reportingUnit, asOf: undefined, savedAt, rows };
}

async function city(language: Language) {
  const excel = fakeExcel();
  await applyTemplate(excel.context, language);
  excel.fake.reset();
  const table = (name: string) => excel.workbook.table(name)!;
  const column = (name: string, header: string) => {
    const index = table(name).headers().indexOf(header);
    if (index < 0) throw new Error(`no ${header} in ${name}`);
    return table(name)
      .dataValues()
      .map((cells) => cells[index]);
  };
  return { ...excel, table, column };
}

const XUHUI = () =>
  submission("xuhui.xlsx", "徐汇", [
    row({ name: "Acme", district: "XUHUI", creditCode: "91310000MA1FL8TQ1X" }),
    row({ name: "甲公司", status: "RECOGNIZED", date: isoToSerial("2021-05-01"), district: "XUHUI" }),
  ]);
const HUANGPU = () => submission("huangpu.xlsx", "Huangpu", [row({ name: "Beta", district: "HUANGPU" })]);

const WORDS = {
  en: {
    reportedBy: "Reported by",
    sourceFile: "Source file",
    mergedAt: "Merged at",
    name: "Name",
    status: "Status",
    xuhui: "Xuhui",
    huangpu: "Huangpu",
    merge: "Merge",
    candidate: "Candidate",
    recognized: "Recognized",
    inProgress: "In progress",
    credited: "Status (credited)",
    other: "Status (other)",
    differs: "Status, Date recognized, District",
    matchedBy: "Name",
  },
  zh: {
    reportedBy: "报送单位",
    sourceFile: "来源文件",
    mergedAt: "合并时间",
    name: "名称",
    status: "状态",
    xuhui: "徐汇",
    huangpu: "黄浦",
    merge: "合并",
    candidate: "候选",
    recognized: "已认定",
    inProgress: "推进中",
    credited: "状态（计入方）",
    other: "状态（重复方）",
    differs: "状态、认定日期、区",
    matchedBy: "名称",
  },
} as const;

describe.each(["en", "zh"] as const)("merging district workbooks into a city workbook in %s", (language) => {
  const w = WORDS[language];

  it("appends the rows with their provenance, and adds nothing when the same files come again", async () => {
    const excel = await city(language);
    const report = await mergeIntoWorkbook(excel.context, [XUHUI(), HUANGPU()], AT, "City");
    console.log(`merge of 2 small submissions into an empty ${language} city: ${excel.fake.syncCount} syncs`);
    // The Register (and whether the trail's tables exist), the other tables, then one write.
    expect(excel.fake.syncCount).toBe(3);
    expect(report).toMatchObject({ added: 3, updated: 0, conflicts: [], skipped: [] });
    expect(excel.column("tblRegister", w.name)).toEqual(["Acme", "甲公司", "Beta"]);
    expect(excel.column("tblRegister", w.reportedBy)).toEqual([w.xuhui, w.xuhui, w.huangpu]);
    expect(excel.column("tblRegister", w.sourceFile)).toEqual(["xuhui.xlsx", "xuhui.xlsx", "huangpu.xlsx"]);
    expect(excel.column("tblRegister", w.mergedAt)).toEqual([AT, AT, AT]);
    expect(excel.column("tblRegister", w.status)).toEqual([w.candidate, w.recognized, w.candidate]);
    expect(excel.column("tblMerges", w.reportedBy)).toEqual([w.xuhui, w.huangpu]);
    expect(
      excel
        .table("tblChanges")
        .dataValues()
        .flat()
        .every((cell) => cell === ""),
    ).toBe(true);

    const register = excel.table("tblRegister").dataValues();
    excel.fake.reset();
    const again = await mergeIntoWorkbook(excel.context, [XUHUI(), HUANGPU()], AT + 1, "City");
    expect(again).toMatchObject({ added: 0, updated: 0, conflicts: [] });
    expect(excel.table("tblRegister").dataValues()).toEqual(register);
    expect(excel.column("tblMerges", w.reportedBy)).toHaveLength(4);

    // The record holds the merged rows: the next refresh logs none of them as typed in cells.
    excel.fake.reset();
    const snapshot = await readTracking(excel.context);
    expect(await recordCellEdits(excel.context, snapshot.register, AT + 2, "", language)).toEqual({
      changes: 0,
      baseline: false,
    });
  });

  it("updates a reporter's own rows from a newer file, with a Changes row per field; an older file is skipped", async () => {
    const excel = await city(language);
    await mergeIntoWorkbook(excel.context, [XUHUI()], AT, "City");
    const newer = submission(
      "xuhui-2.xlsx",
      "徐汇",
      [row({ name: "Acme", status: "IN_PROGRESS", district: "XUHUI", creditCode: "91310000MA1FL8TQ1X" })],
      SAVED + 1,
    );
    excel.fake.reset();
    const report = await mergeIntoWorkbook(excel.context, [newer], AT + 1, "City");
    console.log(`merge of a newer submission updating 1 row (${language}): ${excel.fake.syncCount} syncs`);
    expect(excel.fake.syncCount).toBe(3);
    expect(report).toMatchObject({ added: 0, updated: 1 });
    expect(excel.column("tblRegister", w.status)).toEqual([w.inProgress, w.recognized]);
    expect(excel.column("tblRegister", w.sourceFile)).toEqual(["xuhui-2.xlsx", "xuhui.xlsx"]);
    expect(excel.column("tblRegister", w.mergedAt)).toEqual([AT + 1, AT]);
    const changes = excel.table("tblChanges").dataValues();
    expect(changes).toHaveLength(1);
    expect(changes[0].slice(3)).toEqual([
      "Acme",
      w.status,
      w.candidate,
      w.inProgress,
      w.merge,
      "xuhui-2.xlsx",
    ]);

    const older = submission("xuhui-0.xlsx", "徐汇", [row({ name: "Acme", status: "WITHDRAWN" })], SAVED - 1);
    const register = excel.table("tblRegister").dataValues();
    const skipped = await mergeIntoWorkbook(excel.context, [older], AT + 2, "City");
    expect(skipped.skipped).toEqual([{ file: "xuhui-0.xlsx", reason: "older" }]);
    expect(excel.table("tblRegister").dataValues()).toEqual(register);
  });

  it("counts an entry two districts report once, and lists the conflict once with both statuses", async () => {
    const excel = await city(language);
    const twice = submission("huangpu.xlsx", "黄浦", [
      row({ name: "甲公司", status: "IN_PROGRESS", district: "HUANGPU" }),
    ]);
    const report = await mergeIntoWorkbook(excel.context, [XUHUI(), twice], AT, "City");
    expect(report.added).toBe(2);
    expect(report.conflicts).toHaveLength(1);
    expect(excel.column("tblRegister", w.name).filter((name) => name === "甲公司")).toHaveLength(1);
    const conflicts = excel.table("tblConflicts");
    expect(conflicts.dataValues()).toHaveLength(1);
    const cell = (header: string) => excel.column("tblConflicts", header)[0];
    expect(cell(w.name)).toBe("甲公司");
    expect(cell(w.credited)).toBe(w.recognized);
    expect(cell(w.other)).toBe(w.inProgress);
    expect(cell(language === "en" ? "Credited to" : "计入单位")).toBe(w.xuhui);
    expect(cell(language === "en" ? "Also reported by" : "重复报送单位")).toBe(w.huangpu);
    expect(cell(language === "en" ? "Differs in" : "不一致字段")).toBe(w.differs);
    expect(cell(language === "en" ? "Matched by" : "匹配依据")).toBe(w.matchedBy);
    expect(cell(language === "en" ? "Found at" : "发现时间")).toBe(AT);

    // Merged again: the conflict is read back from the sheet and not listed a second time.
    const again = await mergeIntoWorkbook(excel.context, [XUHUI(), twice], AT + 1, "City");
    expect(again.conflicts).toEqual([]);
    expect(conflicts.dataValues()).toHaveLength(1);
  });
});

describe("merging", () => {
  it("refuses a workbook before version 7 in both languages and writes nothing", async () => {
    const excel = await city("zh");
    excel.workbook.sheet(sheetSpec("merges").name.zh)!.delete();
    const before = dumpWorkbook(excel.workbook);
    const refusal = mergeIntoWorkbook(excel.context, [XUHUI()], AT, "City");
    await expect(refusal).rejects.toBeInstanceOf(WorkbookNeedsUpgradeError);
    await refusal.catch((error: WorkbookNeedsUpgradeError) => {
      expect(error.messageIn("zh")).toContain("“合并记录”");
      expect(error.messageIn("en")).toContain('"Merges"');
    });
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });

  it("merges 16 districts × 5,000 rows into an empty city in requests under 4 MB, within 20 syncs", async () => {
    const excel = await city("zh");
    const submissions = DISTRICTS.slice(0, 16).map((district) =>
      submission(
        `${district.id}.xlsx`,
        district.label.zh,
        Array.from({ length: 5_000 }, (_, i) =>
          row({ name: `${district.label.zh}企业${i}`, district: district.id, notes: "备注".repeat(10) }),
        ),
      ),
    );
    const report = await mergeIntoWorkbook(excel.context, submissions, AT, "City");
    const total = excel.fake.requestBytes.reduce((sum, bytes) => sum + bytes, 0);
    console.log(
      `merge of 16 × 5,000 rows into an empty city: ${excel.fake.syncCount} syncs, ${total} bytes sent, largest request ${Math.max(...excel.fake.requestBytes)}`,
    );
    expect(report.added).toBe(80_000);
    expect(excel.table("tblRegister").rowCountRaw).toBe(80_000);
    expect(excel.table("tblRecorded").rowCountRaw).toBe(80_000);
    expect(excel.table("tblMerges").rowCountRaw).toBe(16);
    expect(Math.max(...excel.fake.requestBytes)).toBeLessThan(4_000_000);
    expect(excel.fake.failures).toEqual([]);
    // Measured: 16 (2 reads, then 14 requests of at most 3.6 MB for 47.8 MB). The bound allows one
    // request more than the bytes need (a request is cut before the write that would overflow it).
    expect(excel.fake.syncCount).toBeLessThanOrEqual(2 + Math.ceil(total / 3_600_000) + 1);
    expect(excel.fake.syncCount).toBeLessThanOrEqual(20);
  });
});
