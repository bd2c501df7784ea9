import { isoToSerial } from "../../src/core/dates";
import { checkEntry, type Entry } from "../../src/core/entries";
import { registerColumns, specsFromTargets, statusRuleFrom } from "../../src/core/tracking";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";
import { summarizeGoals } from "../../src/core/summary";
import { applyTemplate } from "../../src/excel/apply-template";
import { addEntries, exportRegisterCsv } from "../../src/excel/register";
import { recordSnapshot } from "../../src/excel/snapshots";
import { NotATrackingWorkbookError, readTracking } from "../../src/excel/tables";
import { fakeExcel } from "../support/excel-fixtures";
import { ABOUT_AS_OF_ROW, tableSpec } from "../../src/core/template/template";

async function tracking(language: "en" | "zh" = "en") {
  const excel = fakeExcel();
  await applyTemplate(excel.context, language);
  excel.fake.reset();
  return excel;
}

/** The cells of a row of the template's Register under the given columns. */
const cellsOf = (row: readonly unknown[], ...ids: string[]) =>
  ids.map((id) => row[tableSpec("register").columns.findIndex((column) => column.id === id)]);

function entry(overrides: Partial<Record<string, string | number>> = {}): Entry {
  const checked = checkEntry({
    goal: "BRANDS",
    name: "Acme",
    status: "Recognized",
    date: "2021-05-01",
    ...overrides,
  });
  if (!checked.entry) throw new Error(JSON.stringify(checked.issues));
  return checked.entry;
}

const NOW = isoToSerial("2026-11-22") + 0.5;

describe("adding register entries", () => {
  it("fills the empty table's blank row, then appends, in 2 syncs", async () => {
    const { context, fake, workbook } = await tracking();
    await addEntries(
      context,
      [entry({ name: "A" }), entry({ name: "B" }), entry({ name: "C", goal: "UNMANNED", kind: "workshop" })],
      "en",
      NOW,
    );
    expect(fake.syncCount).toBe(2);
    const rows = workbook.table("tblRegister")!.dataValues();
    expect(rows).toHaveLength(3);
    expect(rows[0].slice(0, 7)).toEqual(["Brands", "A", "Recognized", isoToSerial("2021-05-01"), "", "", ""]);
    expect(cellsOf(rows[2], "goal", "name", "kind")).toEqual([
      "Unmanned factories, production lines and workshops",
      "C",
      "Workshop",
    ]);
    expect(cellsOf(rows[0], "enteredAt")).toEqual([NOW]);
  });

  it("writes each cell under its header in a workbook whose Register keeps an earlier column order", async () => {
    const { context, workbook } = await tracking("zh");
    const register = workbook.table("tblRegister")!;
    const earlierOrder = [
      "目标",
      "名称",
      "类型",
      "领域",
      "区",
      "认定日期",
      "状态",
      "佐证链接",
      "备注",
      "录入人",
      "录入时间",
    ];
    earlierOrder.forEach((header, i) =>
      register.sheet.setCell(register.headerRow, register.column + i, { value: header }),
    );
    await addEntries(context, [entry({ name: "甲", district: "徐汇", sector: "在线文娱" })], "zh", NOW);
    expect(register.dataValues()[0]).toEqual([
      "品牌产品",
      "甲",
      "",
      "在线文娱",
      "徐汇",
      isoToSerial("2021-05-01"),
      "已认定",
      "",
      "",
      "",
      NOW,
      // The credit code and provenance columns, which the template has at the end.
      "",
      "",
      "",
      "",
    ]);
    // The export keeps the workbook's own order.
    expect((await exportRegisterCsv(context)).split("\r\n")[0]).toBe(
      `\ufeff${[...earlierOrder, "统一社会信用代码", "报送单位", "来源文件", "合并时间"].join(",")}`,
    );
  });

  it("appends 10,000 entries in at most 2 syncs", async () => {
    const { context, fake, workbook } = await tracking();
    const entries = Array.from({ length: 10_000 }, (_, i) => entry({ name: `Entry ${i}` }));
    await addEntries(context, entries, "en", NOW);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(workbook.table("tblRegister")!.rowCountRaw).toBe(10_000);
    expect(workbook.table("tblRegister")!.addCalls).toBe(1);
  });

  it("chunks larger appends into requests under 4 MB, one sync per 4 MB more", async () => {
    const { context, fake, workbook } = await tracking();
    // Chinese notes of 200 characters: about 1.3 KB a row as sent, 26 MB for 20,000 rows.
    const entries = Array.from({ length: 20_000 }, (_, i) =>
      entry({ name: `Entry ${i}`, notes: "记录".repeat(100) }),
    );
    await addEntries(context, entries, "en", NOW);
    const writes = fake.requestBytes.slice(1);
    expect(Math.max(...writes)).toBeLessThan(4_000_000);
    const total = writes.reduce((sum, bytes) => sum + bytes, 0);
    expect(fake.syncCount).toBe(1 + Math.ceil(total / 4_000_000));
    expect(workbook.table("tblRegister")!.rowCountRaw).toBe(20_000);
    expect(workbook.suspendedSyncs).toBe(writes.length);
  });

  it("reads a large register back in requests under 4 MB: 2 syncs while it fits, one more per 4 MB", async () => {
    const { context, fake } = await tracking();
    const entries = Array.from({ length: 12_000 }, (_, i) =>
      entry({ name: `Entry ${i}`, notes: "记录".repeat(100) }),
    );
    await addEntries(context, entries, "en", NOW);
    fake.reset();
    const snapshot = await readTracking(context);
    expect(snapshot.register.rows).toHaveLength(12_000);
    expect(snapshot.register.rows[11_999][1]).toBe("Entry 11999");
    // Rows this large (1.3 KB as sent) make the first request of 10,000 rows too large: Excel refuses
    // it once, and the refresh asks again with fewer.
    expect(fake.failures).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    expect(Math.max(...fake.responseBytes)).toBeLessThan(4_000_000);
    const total = fake.responseBytes.reduce((sum, bytes) => sum + bytes, 0);
    expect(fake.syncCount).toBeLessThanOrEqual(3 + Math.ceil(total / 4_000_000));
  });

  it("stores text that looks like a formula as text", async () => {
    const { context, workbook } = await tracking();
    const risky = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "'quoted"];
    await addEntries(
      context,
      risky.map((name, i) => entry({ name: `${name}`, notes: risky[i] })),
      "en",
      NOW,
    );
    const register = workbook.table("tblRegister")!;
    expect(register.dataFormulas().flat().filter(Boolean)).toEqual([]);
    expect(register.dataValues().map((r) => r[1])).toEqual(risky);
    expect(register.dataValues().map((r) => r[8])).toEqual(risky);
  });

  it("keeps extra user columns in place", async () => {
    const { context, workbook } = await tracking();
    const register = workbook.table("tblRegister")!;
    register.addColumn("My rating");
    await addEntries(context, [entry()], "en", NOW);
    expect(register.headers().at(-1)).toBe("My rating");
    expect(register.dataValues()[0].at(-1)).toBe("");
    expect(register.dataValues()[0][1]).toBe("Acme");
  });

  it.each(["00123", "310101199001011234", "2021-06-30", "50%", "TRUE", "1,234", "'quoted", "2021年6月30日"])(
    "keeps %j exactly as typed in Name, Notes and Entered by",
    async (text) => {
      const { context, workbook } = await tracking();
      await addEntries(context, [entry({ name: text, notes: text, enteredBy: text })], "en", NOW);
      const row = workbook.table("tblRegister")!.dataValues()[0];
      const headers = workbook.table("tblRegister")!.headers();
      for (const header of ["Name", "Notes", "Entered by"]) expect(row[headers.indexOf(header)]).toBe(text);
    },
  );

  it("leaves a person's own calculated column alone when appending (null, not blank)", async () => {
    const { context, workbook } = await tracking();
    const register = workbook.table("tblRegister")!;
    register.addColumn("Year");
    const year = register.column + register.columnCountRaw - 1;
    const body = context.workbook.tables.getItem("tblRegister").columns.getItem("Year").getDataBodyRange();
    body.formulas = [["=YEAR(tblRegister[[#This Row],[Date recognized]])"]];
    await context.sync();
    await addEntries(context, [entry(), entry({ name: "Beta" })], "en", NOW);
    expect(register.sheet.getCell(register.headerRow + 2, year)?.formula).toBe(
      "=YEAR(tblRegister[[#This Row],[Date recognized]])",
    );
  });

  it("names a renamed template column and writes nothing", async () => {
    const { context, workbook } = await tracking("zh");
    const register = workbook.table("tblRegister")!;
    const notes = register.headers().indexOf("备注");
    register.sheet.setCell(register.headerRow, register.column + notes, { value: "说明" });
    const before = register.dataValues();
    await expect(addEntries(context, [entry()], "zh", NOW)).rejects.toMatchObject({
      name: "MissingColumnError",
      header: { en: "Notes", zh: "备注" },
      table: { en: "Register", zh: "登记" },
    });
    expect(register.dataValues()).toEqual(before);
  });

  it("writes labels in the workbook's language", async () => {
    const { context, workbook } = await tracking("zh");
    await addEntries(
      context,
      [entry({ sector: "Online education", district: "Pudong New Area" })],
      "zh",
      NOW,
    );
    expect(workbook.table("tblRegister")!.dataValues()[0].slice(0, 7)).toEqual([
      "品牌产品",
      "Acme",
      "已认定",
      isoToSerial("2021-05-01"),
      "浦东新区",
      "",
      "在线教育",
    ]);
  });

  it("says plainly when the workbook has no template", async () => {
    const { context } = fakeExcel();
    await expect(addEntries(context, [entry()], "en", NOW)).rejects.toBeInstanceOf(NotATrackingWorkbookError);
    await expect(readTracking(context)).rejects.toBeInstanceOf(NotATrackingWorkbookError);
  });
});

describe("reading for a refresh", () => {
  it("reads a workbook whose Status rules sheet is gone in 1 sync, and says the rule is unusable", async () => {
    const { context, fake, workbook } = await tracking("zh");
    workbook.sheet("状态判定规则")!.delete();
    fake.reset();
    const snapshot = await readTracking(context);
    expect(fake.syncCount).toBe(1);
    expect(snapshot.statusRules).toBeUndefined();
    // About still names the rule, so the formulas that read the table fail: the pane must say so.
    expect(statusRuleFrom(snapshot.about, snapshot.statusRules, "zh").problem).toBe("missingTable");
  });

  it("reads register, targets, the as-of date and the status rule in 2 syncs, and feeds the engine", async () => {
    const { context, fake, workbook } = await tracking();
    await addEntries(context, [entry({ name: "A" }), entry({ name: "B", status: "Candidate" })], "en", NOW);
    const about = tableSpec("about");
    workbook.sheet("About")!.setCell(about.anchor.row + 1 + ABOUT_AS_OF_ROW, about.anchor.column + 1, {
      value: isoToSerial("2021-12-31"),
    });
    fake.reset();
    const snapshot = await readTracking(context);
    // The status rules table is read once it is known to exist (a *OrNullObject result).
    expect(fake.syncCount).toBe(2);
    expect(snapshot.asOf).toBe(isoToSerial("2021-12-31"));
    expect(statusRuleFrom(snapshot.about, snapshot.statusRules, "en")).toMatchObject({
      rule: DEFAULT_STATUS_RULE,
    });
    expect(statusRuleFrom(snapshot.about, snapshot.statusRules, "en").problem).toBeUndefined();
    const summaries = summarizeGoals(
      registerColumns(snapshot.register),
      snapshot.asOf!,
      specsFromTargets(snapshot.targets).specs,
    );
    expect(summaries.find((s) => s.spec.id === "BRANDS")!.actual).toBe(1);
  });

  it("uses people's edits to targets, and reports edits it cannot use", async () => {
    const { context, workbook } = await tracking();
    const targets = workbook.table("tblTargets")!;
    targets.sheet.setCell(targets.headerRow + 3, targets.column + 3, { value: 80 }); // BRANDS target 80
    targets.sheet.setCell(targets.headerRow + 3, targets.column + 2, { value: "at least" });
    targets.sheet.setCell(targets.headerRow + 6, targets.column + 3, { value: "twenty" }); // PLATFORMS: unusable
    const reading = specsFromTargets((await readTracking(context)).targets);
    expect(reading.specs[2]).toMatchObject({ id: "BRANDS", target: 80, comparator: "at_least" });
    expect(reading.specs[5]).toMatchObject({ id: "PLATFORMS", target: 20 });
    expect(reading.ignored).toEqual([{ goal: "PLATFORMS", field: "target" }]);
  });
});

describe("snapshots and export", () => {
  it("appends one History row per goal and never rewrites earlier ones", async () => {
    const { context, workbook } = await tracking();
    const summaries = summarizeGoals(
      registerColumns({ headers: ["Goal", "Status", "Date recognized"], rows: [] }),
      isoToSerial("2021-01-01"),
    );
    await recordSnapshot(
      context,
      summaries,
      { asOf: isoToSerial("2021-01-01"), takenAt: isoToSerial("2021-01-02") + 0.5, note: "first" },
      "en",
    );
    const first = workbook.table("tblHistory")!.dataValues();
    const later = summarizeGoals(
      registerColumns({ headers: ["Goal", "Status", "Date recognized"], rows: [] }),
      isoToSerial("2021-02-01"),
    );
    const takenAt = isoToSerial("2023-03-01") + 0.75;
    await recordSnapshot(context, later, { asOf: isoToSerial("2021-02-01"), takenAt, note: "=second" }, "en");
    const history = workbook.table("tblHistory")!.dataValues();
    expect(history).toHaveLength(12);
    expect(history.slice(0, 6)).toEqual(first);
    // The as-of date, and apart from it the day and time it was taken; the expected count at the
    // as-of date: 101 × 299 of 997 days.
    expect(history[6]).toEqual([
      isoToSerial("2021-02-01"),
      "Innovative enterprises",
      0,
      100,
      "Behind",
      "=second",
      expect.closeTo((101 * 299) / 997, 9),
      takenAt,
    ]);
  });

  it("exports the register as CSV with ISO dates, a BOM and neutralized formulas", async () => {
    const { context } = await tracking("zh");
    await addEntries(
      context,
      [entry({ name: "=cmd", notes: "第一, 第二" })],
      "zh",
      isoToSerial("2021-06-01") + 0.25,
    );
    const csv = await exportRegisterCsv(context);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\ufeff目标,名称,状态,认定日期,区,类型,领域,佐证链接,备注,录入人,录入时间,统一社会信用代码,报送单位,来源文件,合并时间",
    );
    expect(lines[1]).toBe(`品牌产品,'=cmd,已认定,2021-05-01,,,,,"第一, 第二",,2021-06-01 06:00,,,,`);
  });
});

describe("register change events", () => {
  it("fire after the sync that wrote rows, so the pane can refresh", async () => {
    const { context, workbook } = await tracking();
    const { watchRegister } = await import("../../src/excel/tables");
    let changes = 0;
    await watchRegister(context, () => changes++);
    await addEntries(fakeExcel(workbook).context, [entry({ name: "Z" })], "en", NOW);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(changes).toBeGreaterThan(0);
  });
});
