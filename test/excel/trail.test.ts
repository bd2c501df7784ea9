import { isoToSerial } from "../../src/core/dates";
import { checkEntry, type Entry } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { blankLedgerRow, type LedgerRow, rowKey } from "../../src/core/ledger";
import { NAMES, sheetSpec } from "../../src/core/template/template";
import { TrailError } from "../../src/core/trail";
import { applyTemplate } from "../../src/excel/apply-template";
import { addEntries } from "../../src/excel/register";
import { readTracking } from "../../src/excel/tables";
import {
  editRegisterEntry,
  recordCellEdits,
  RegisterChangedError,
  rememberRegister,
  WorkbookNeedsUpgradeError,
} from "../../src/excel/trail";
import { dumpWorkbook, fakeExcel } from "../support/excel-fixtures";

const NOW = isoToSerial("2026-11-22") + 0.5;
const LATER = NOW + 1;

function entry(overrides: Partial<Record<string, string | number>> = {}): Entry {
  const checked = checkEntry({ goal: "BRANDS", name: "Acme", status: "Candidate", ...overrides });
  if (!checked.entry) throw new Error(JSON.stringify(checked.issues));
  return checked.entry;
}

const WORDS = {
  en: { brands: "Brands", status: "Status", candidate: "Candidate", recognized: "Recognized" },
  zh: { brands: "品牌产品", status: "状态", candidate: "候选", recognized: "已认定" },
} as const;
const HOW = {
  en: { pane: "Task pane", cells: "Typed in cells" },
  zh: { pane: "任务窗格", cells: "单元格直接修改" },
};

/** A workbook from the template with entries, read as a refresh reads it, the record taken as baseline. */
async function tracked(language: Language, names = ["Acme", "Beta"]) {
  const excel = fakeExcel();
  await applyTemplate(excel.context, language);
  await addEntries(
    excel.context,
    names.map((name) => entry({ name })),
    language,
    NOW,
  );
  excel.fake.reset();
  const snapshot = await readTracking(excel.context);
  const first = await recordCellEdits(excel.context, snapshot.register, NOW, "Li", language);
  excel.fake.reset();
  const table = (name: string) => excel.workbook.table(name)!;
  return { ...excel, first, table, snapshot };
}

async function refresh(excel: Awaited<ReturnType<typeof tracked>>, who = "Wang") {
  excel.fake.reset();
  const snapshot = await readTracking(excel.context);
  excel.fake.reset();
  return recordCellEdits(excel.context, snapshot.register, LATER, who, "en");
}

const keyOf = (goal: string, name: string) => rowKey({ ...blankLedgerRow(), goal, name } as LedgerRow);

describe("the record of the Register", () => {
  it("takes the first refresh of a register with rows as the baseline: the record holds it, Changes nothing", async () => {
    const { first, table } = await tracked("zh");
    expect(first).toEqual({ changes: 0, baseline: true });
    expect(
      table("tblChanges")
        .dataValues()
        .flat()
        .every((cell) => cell === ""),
    ).toBe(true);
    const recorded = table("tblRecorded").dataValues();
    // As written, labels of the workbook's language: goal, name, status, date, district, kind,
    // sector, evidence, notes, credit code.
    expect(recorded).toEqual([
      ["品牌产品", "Acme", "候选", "", "", "", "", "", "", ""],
      ["品牌产品", "Beta", "候选", "", "", "", "", "", "", ""],
    ]);
  });

  it("costs exactly 1 sync and writes nothing when the register is unchanged", async () => {
    const excel = await tracked("en");
    const snapshot = await readTracking(excel.context);
    const before = dumpWorkbook(excel.workbook);
    excel.fake.reset();
    expect(await recordCellEdits(excel.context, snapshot.register, LATER, "Wang", "en")).toEqual({
      changes: 0,
      baseline: false,
    });
    expect(excel.fake.syncCount).toBe(1);
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });

  it.each(["en", "zh"] as const)(
    "logs a cell typed by hand once, as typed in cells (%s), in 2 syncs",
    async (language) => {
      const excel = await tracked(language);
      const register = excel.table("tblRegister");
      const status = register.headers().indexOf(WORDS[language].status);
      register.sheet.setCell(register.headerRow + 2, register.column + status, {
        value: WORDS[language].recognized,
      });
      excel.fake.reset();
      const snapshot = await readTracking(excel.context);
      excel.fake.reset();
      expect(await recordCellEdits(excel.context, snapshot.register, LATER, "Wang", language)).toEqual({
        changes: 1,
        baseline: false,
      });
      expect(excel.fake.syncCount).toBe(2);
      expect(excel.table("tblChanges").dataValues()).toEqual([
        [
          LATER,
          "Wang",
          WORDS[language].brands,
          "Beta",
          WORDS[language].status,
          WORDS[language].candidate,
          WORDS[language].recognized,
          HOW[language].cells,
          "",
        ],
      ]);
      expect(excel.table("tblRecorded").dataValues()[1][2]).toBe(WORDS[language].recognized);
      expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
      expect(excel.table("tblChanges").dataValues()).toHaveLength(1);
    },
  );

  it("leaves a workbook without the record (before version 7) alone: 1 sync, nothing written, no error", async () => {
    const excel = await tracked("en");
    excel.workbook.sheet(sheetSpec("recorded").name.en)!.delete();
    const snapshot = await readTracking(excel.context);
    const before = dumpWorkbook(excel.workbook);
    excel.fake.reset();
    expect(await recordCellEdits(excel.context, snapshot.register, LATER, "Wang", "en")).toEqual({
      changes: 0,
      baseline: false,
    });
    expect(excel.fake.syncCount).toBe(1);
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });

  it("keeps text as text, and writes 40,000 rows in requests under 4 MB, then blanks the surplus", async () => {
    const { context, fake, table } = await tracked("en", []);
    const rows: LedgerRow[] = Array.from({ length: 40_000 }, (_, i) => ({
      ...blankLedgerRow(),
      goal: "BRANDS",
      name: i === 0 ? "=1+1" : `记录 ${i}`,
      status: "RECOGNIZED",
      date: isoToSerial("2021-05-01"),
      notes: i === 0 ? "00123" : "说明".repeat(20),
      creditCode: i === 0 ? "2021-06-30" : null,
    }));
    await rememberRegister(context, rows);
    expect(Math.max(...fake.requestBytes)).toBeLessThan(4_000_000);
    const total = fake.requestBytes.reduce((sum, bytes) => sum + bytes, 0);
    // 2 reads, then one write per 3.6 MB (the packer's budget) at most one more for the last part.
    console.log(`rememberRegister 40,000 rows: ${fake.syncCount} syncs, ${total} bytes sent`);
    expect(fake.syncCount).toBeLessThanOrEqual(2 + Math.ceil(total / 3_600_000) + 1);
    const recorded = table("tblRecorded");
    expect(recorded.rowCountRaw).toBe(40_000);
    expect(recorded.dataValues()[0]).toEqual([
      "BRANDS",
      "=1+1",
      "RECOGNIZED",
      isoToSerial("2021-05-01"),
      "",
      "",
      "",
      "",
      "00123",
      "2021-06-30",
    ]);
    expect(recorded.dataFormulas().flat().filter(Boolean)).toEqual([]);
    expect(recorded.dataValues()[39_999][1]).toBe("记录 39999");

    fake.reset();
    await rememberRegister(context, rows.slice(0, 3));
    expect(recorded.rowCountRaw).toBe(40_000);
    expect(recorded.dataValues()[2][1]).toBe("记录 2");
    expect(recorded.dataValues()[3].every((cell) => cell === "")).toBe(true);
    expect(recorded.dataValues()[39_999].every((cell) => cell === "")).toBe(true);
  });
});

describe("editing an entry in the pane", () => {
  it.each(["en", "zh"] as const)(
    "sets Candidate to Recognized (%s) in 3 syncs: the cell, one Changes row, the record; the next refresh finds nothing",
    async (language) => {
      const excel = await tracked(language);
      const changes = await editRegisterEntry(
        excel.context,
        { row: 1, key: keyOf("BRANDS", "Beta") },
        { status: "RECOGNIZED" },
        LATER,
        "Zhang",
        language,
      );
      expect(excel.fake.syncCount).toBe(3);
      expect(changes).toHaveLength(1);
      const register = excel.table("tblRegister");
      const status = register.headers().indexOf(WORDS[language].status);
      expect(register.dataValues().map((row) => row[status])).toEqual([
        WORDS[language].candidate,
        WORDS[language].recognized,
      ]);
      expect(excel.table("tblChanges").dataValues()).toEqual([
        [
          LATER,
          "Zhang",
          WORDS[language].brands,
          "Beta",
          WORDS[language].status,
          WORDS[language].candidate,
          WORDS[language].recognized,
          HOW[language].pane,
          "",
        ],
      ]);
      expect(
        excel
          .table("tblRecorded")
          .dataValues()
          .map((row) => row[2]),
      ).toEqual([WORDS[language].candidate, WORDS[language].recognized]);
      expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
      expect(excel.table("tblChanges").dataValues()).toHaveLength(1);
    },
  );

  it("writes a date as a serial and evidence as text, one Changes row each", async () => {
    const excel = await tracked("en");
    const link = "https://example.com/a?b=1";
    await editRegisterEntry(
      excel.context,
      { row: 0, key: keyOf("BRANDS", "Acme") },
      { date: isoToSerial("2021-06-30"), evidence: link },
      LATER,
      "",
      "en",
    );
    const register = excel.table("tblRegister");
    const headers = register.headers();
    const row = register.dataValues()[0];
    expect(row[headers.indexOf("Date recognized")]).toBe(isoToSerial("2021-06-30"));
    expect(row[headers.indexOf("Evidence link")]).toBe(link);
    expect(
      excel
        .table("tblChanges")
        .dataValues()
        .map((r) => [r[1], r[4], r[5], r[6]]),
    ).toEqual([
      ["", "Date recognized", "", "2021-06-30"],
      ["", "Evidence link", "", link],
    ]);
    expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
  });

  it("records an entry the record lacks, so the next refresh finds nothing", async () => {
    const excel = await tracked("en");
    // An entry added after the last refresh: not yet in the record.
    await addEntries(excel.context, [entry({ name: "Gamma" })], "en", NOW);
    await editRegisterEntry(
      excel.context,
      { row: 2, key: keyOf("BRANDS", "Gamma") },
      { status: "IN_PROGRESS" },
      LATER,
      "Zhang",
      "en",
    );
    expect(
      excel
        .table("tblRecorded")
        .dataValues()
        .map((row) => [row[1], row[2]]),
    ).toEqual([
      ["Acme", "Candidate"],
      ["Beta", "Candidate"],
      ["Gamma", "In progress"],
    ]);
    expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
  });

  it.each([
    ["a row that holds another entry now", { row: 0, key: keyOf("BRANDS", "Beta") }],
    ["a row the table no longer has", { row: 5, key: keyOf("BRANDS", "Beta") }],
    ["no row", { row: -1, key: keyOf("BRANDS", "Beta") }],
  ])("refuses %s in both languages and changes nothing", async (_, target) => {
    const excel = await tracked("zh");
    const before = dumpWorkbook(excel.workbook);
    const refusal = editRegisterEntry(excel.context, target, { status: "RECOGNIZED" }, LATER, "Zhang", "zh");
    await expect(refusal).rejects.toBeInstanceOf(RegisterChangedError);
    await refusal.catch((error: RegisterChangedError) => {
      expect(error.messageIn("en")).toBe(
        "The register changed since it was read: refresh and find the entry again.",
      );
      expect(error.messageIn("zh")).toBe("登记表在读取后已有变动：请刷新后重新查找该条目。");
    });
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });

  it.each([
    ["a date with a time of day", { date: isoToSerial("2021-06-30") + 0.5 }],
    ["a date out of range", { status: "RECOGNIZED" as const, date: isoToSerial("2031-01-01") }],
    ["evidence that is no link", { evidence: "see file" }],
  ])("refuses %s and changes nothing: not the cell, not Changes, not the record", async (_, edit) => {
    const excel = await tracked("en");
    const before = dumpWorkbook(excel.workbook);
    await expect(
      editRegisterEntry(excel.context, { row: 0, key: keyOf("BRANDS", "Acme") }, edit, LATER, "Z", "en"),
    ).rejects.toBeInstanceOf(TrailError);
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
    expect(
      excel
        .table("tblChanges")
        .dataValues()
        .flat()
        .every((cell) => cell === ""),
    ).toBe(true);
  });

  it("writes nothing for an edit that changes nothing (1 sync)", async () => {
    const excel = await tracked("en");
    const before = dumpWorkbook(excel.workbook);
    expect(
      await editRegisterEntry(
        excel.context,
        { row: 0, key: keyOf("BRANDS", "Acme") },
        { status: "CANDIDATE" },
        LATER,
        "Z",
        "en",
      ),
    ).toEqual([]);
    expect(excel.fake.syncCount).toBe(1);
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });

  it("refuses in a workbook before version 7, saying in both languages to upgrade it", async () => {
    const excel = await tracked("zh");
    excel.workbook.sheet(sheetSpec("changes").name.zh)!.delete();
    const before = dumpWorkbook(excel.workbook);
    const refusal = editRegisterEntry(
      excel.context,
      { row: 0, key: keyOf("BRANDS", "Acme") },
      { status: "RECOGNIZED" },
      LATER,
      "Z",
      "zh",
    );
    await expect(refusal).rejects.toBeInstanceOf(WorkbookNeedsUpgradeError);
    await refusal.catch((error: WorkbookNeedsUpgradeError) => {
      expect(error.messageIn("zh")).toContain("“修改记录”");
      expect(error.messageIn("en")).toContain('"Changes"');
    });
    expect(dumpWorkbook(excel.workbook)).toEqual(before);
  });
});

describe("entries added in the pane", () => {
  it.each(["en", "zh"] as const)(
    "are logged as added by the person named, and recorded: the next refresh finds nothing (%s)",
    async (language) => {
      const excel = await tracked(language);
      excel.fake.reset();
      await addEntries(excel.context, [entry({ name: "Gamma" })], language, NOW, { who: "Zhang" });
      // The Register's append (2), then the trail's read and its one write.
      expect(excel.fake.syncCount).toBe(4);
      expect(excel.table("tblChanges").dataValues()).toEqual([
        [
          NOW,
          "Zhang",
          WORDS[language].brands,
          "Gamma",
          language === "zh" ? "条目" : "Entry",
          "",
          language === "zh" ? "新增" : "Added",
          HOW[language].pane,
          "",
        ],
      ]);
      expect(
        excel
          .table("tblRecorded")
          .dataValues()
          .map((row) => row[1]),
      ).toEqual(["Acme", "Beta", "Gamma"]);
      expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
      expect(excel.table("tblChanges").dataValues()).toHaveLength(1);
    },
  );

  it("without the trail (the tests' own adds), are only appended: the next refresh logs them as typed in cells", async () => {
    const excel = await tracked("en");
    await addEntries(excel.context, [entry({ name: "Gamma" })], "en", NOW);
    expect(
      excel
        .table("tblChanges")
        .dataValues()
        .flat()
        .every((cell) => cell === ""),
    ).toBe(true);
    expect(await refresh(excel)).toEqual({ changes: 1, baseline: false });
  });
});

describe("the trail's start", () => {
  it("is the first refresh of a new workbook: an entry then typed by hand is logged as added", async () => {
    const excel = await tracked("en", []);
    expect(excel.first).toEqual({ changes: 0, baseline: true });
    expect(excel.workbook.names.find(NAMES.trailStarted)?.rawFormula).toBe("=TRUE");
    // The first entry of all, typed straight into the Register.
    const register = excel.table("tblRegister");
    register.sheet.setCell(register.headerRow + 1, register.column, { value: "Brands" });
    register.sheet.setCell(register.headerRow + 1, register.column + 1, { value: "Typed tea" });
    expect(await refresh(excel)).toEqual({ changes: 1, baseline: false });
    expect(excel.table("tblChanges").dataValues()[0].slice(3, 8)).toEqual([
      "Typed tea",
      "Entry",
      "",
      "Added",
      "Typed in cells",
    ]);
  });

  it("is taken once: without the name, a register that already has entries is the baseline", async () => {
    const excel = await tracked("en");
    expect(excel.first).toEqual({ changes: 0, baseline: true });
    expect(
      excel
        .table("tblChanges")
        .dataValues()
        .flat()
        .every((cell) => cell === ""),
    ).toBe(true);
    expect(await refresh(excel)).toEqual({ changes: 0, baseline: false });
  });
});
