/** The overview the pane shows, built from real reads of a workbook made by the template. */
import { isoToSerial } from "../../src/core/dates";
import { checkEntry, type Entry, type EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { GOAL_IDS, type GoalId } from "../../src/core/plan";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";
import { planSpecs, summarizeGoals } from "../../src/core/summary";
import { tableSpec } from "../../src/core/template/template";
import { columnIndex, registerColumns, specsFromTargets } from "../../src/core/tracking";
import { applyTemplate } from "../../src/excel/apply-template";
import { addEntries } from "../../src/excel/register";
import { recordSnapshot } from "../../src/excel/snapshots";
import { readTracking, setAsOf, type TrackingSnapshot } from "../../src/excel/tables";
import { buildOverview } from "../../src/taskpane/overview-model";
import { FakeContext, type FakeWorkbook } from "../support/excel-double";
import { fakeExcel } from "../support/excel-fixtures";

const AS_OF = isoToSerial("2021-06-30");
const TODAY = isoToSerial("2021-09-15");
const ENTERED_AT = isoToSerial("2021-07-01") + 0.5;

/** A tracking workbook, with every later call in its own context, as each Excel.run would be. */
async function trackingWorkbook(language: Language = "en") {
  const { workbook } = fakeExcel();
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    batch(new FakeContext(workbook) as unknown as Excel.RequestContext);
  await run((context) => applyTemplate(context, language));
  return {
    workbook,
    run,
    add: (inputs: EntryInput[]) =>
      run((context) => addEntries(context, inputs.map(entry), language, ENTERED_AT)),
    asOf: (date: number | undefined) => run((context) => setAsOf(context, date)),
    read: () => run((context) => readTracking(context)),
  };
}

function entry(input: EntryInput): Entry {
  const checked = checkEntry({ status: "Recognized", ...input });
  if (!checked.entry) throw new Error(`test entry rejected: ${JSON.stringify(checked.issues)}`);
  return checked.entry;
}

/** Writes one cell of a table's data body, as a person typing into Excel would. */
function typeInto(
  workbook: FakeWorkbook,
  table: string,
  row: number,
  header: string,
  value: string | number,
) {
  const t = workbook.table(table)!;
  const column = t.headers().indexOf(header);
  if (column < 0) throw new Error(`no column ${header} in ${table}`);
  t.sheet.setCell(t.headerRow + 1 + row, t.column + column, { value });
}

const ids = (summaries: readonly { spec: { id?: GoalId } }[]) => summaries.map((s) => s.spec.id);

describe("buildOverview", () => {
  it("groups the goals in the plan's order: the Four 100+, unmanned factories, platforms", async () => {
    const book = await trackingWorkbook();
    await book.asOf(AS_OF);
    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(overview.groups.map((g) => g.group)).toEqual(["FOUR_100_PLUS", "UNMANNED", "PLATFORMS"]);
    expect(overview.groups.map((g) => ids(g.summaries))).toEqual([
      ["ENTERPRISES", "SCENARIOS", "BRANDS", "BREAKTHROUGHS"],
      ["UNMANNED"],
      ["PLATFORMS"],
    ]);
    expect(ids(overview.summaries)).toEqual([...GOAL_IDS]);
  });

  it("shows the figures summarizeGoals computes, counting recognized entries dated by the as-of date", async () => {
    const book = await trackingWorkbook();
    await book.add([
      { goal: "BRANDS", name: "B1", date: "2021-01-10" },
      { goal: "BRANDS", name: "B2", date: "2021-06-30" },
      { goal: "BRANDS", name: "B3", date: "2021-07-01" }, // after the as-of date
      { goal: "BRANDS", name: "B4", status: "Candidate" },
      { goal: "PLATFORMS", name: "P1" }, // undated: counts at every as-of date
      { goal: "UNMANNED", name: "U1", kind: "workshop", date: "2020-05-01" },
    ]);
    await book.asOf(AS_OF);
    const snapshot = await book.read();
    const overview = buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", TODAY);

    expect(overview.asOf).toBe(AS_OF);
    const actual = Object.fromEntries(overview.summaries.map((s) => [s.spec.id, s.actual]));
    expect(actual).toEqual({
      ENTERPRISES: 0,
      SCENARIOS: 0,
      BRANDS: 2,
      BREAKTHROUGHS: 0,
      UNMANNED: 1,
      PLATFORMS: 1,
    });
    // The template's targets are the plan's, so the core on the plan's goals gives the same figures.
    expect(overview.summaries).toEqual(
      summarizeGoals(registerColumns(snapshot.register), AS_OF, planSpecs()),
    );
    expect(overview.ignored).toEqual([]);
  });

  it("applies the pane's thresholds", async () => {
    const book = await trackingWorkbook();
    await book.add(
      Array.from({ length: 30 }, (_, i) => ({ goal: "BRANDS", name: `B${i}`, date: "2021-01-01" })),
    );
    await book.asOf(AS_OF);
    const snapshot = await book.read();
    // 30 of the ~44.9 expected by 30 June 2021: 67% of the pace.
    const strict = buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", TODAY);
    const lenient = buildOverview(snapshot, { id: "RATIO", onTrack: 0.6, atRisk: 0.3 }, "en", TODAY);
    const brands = (o: typeof strict) => o.summaries.find((s) => s.spec.id === "BRANDS")!;
    expect(brands(strict).status).toBe("BEHIND");
    expect(brands(lenient).status).toBe("ON_TRACK");
    const register = registerColumns(snapshot.register);
    const specs = specsFromTargets(snapshot.targets).specs;
    expect(lenient.summaries).toEqual(
      summarizeGoals(register, AS_OF, specs, { id: "RATIO", onTrack: 0.6, atRisk: 0.3 }),
    );
  });

  it("lists the five latest entries, newest first", async () => {
    const book = await trackingWorkbook();
    expect(buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY).latest).toEqual([]);
    await book.add(Array.from({ length: 4 }, (_, i) => ({ goal: "BRANDS", name: `E${i + 1}` })));
    await book.add([
      { goal: "PLATFORMS", name: "E5", date: "2021-03-04" },
      { goal: "SCENARIOS", name: "E6", status: "In progress" },
      {
        goal: "BRANDS",
        name: "E7",
        status: "Withdrawn",
        date: "2020-12-31",
        sector: "ONLINE_CULTURE",
        district: "XUHUI",
      },
    ]);
    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(overview.latest.map((e) => e.name)).toEqual(["E7", "E6", "E5", "E4", "E3"]);
    // As the workbook holds them: the view words them in the pane's language.
    expect(overview.latest[0]).toEqual({
      name: "E7",
      goal: "Brands",
      sector: "Online culture and entertainment",
      district: "Xuhui",
      status: "Withdrawn",
      date: isoToSerial("2020-12-31"),
    });
    expect(overview.latest[1]).toEqual({
      name: "E6",
      goal: "Application scenarios",
      sector: "",
      district: "",
      status: "In progress",
      date: undefined,
    });
    expect(overview.latest[2].date).toBe(isoToSerial("2021-03-04"));
  });

  it("lists fewer than five when the register holds fewer", async () => {
    const book = await trackingWorkbook();
    await book.add([
      { goal: "BRANDS", name: "Only one" },
      { goal: "BRANDS", name: "And two" },
    ]);
    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(overview.latest.map((e) => e.name)).toEqual(["And two", "Only one"]);
    expect(overview.registerKeys).toEqual([
      { goal: "Brands", name: "Only one" },
      { goal: "Brands", name: "And two" },
    ]);
  });

  it("skips register rows a person cleared", async () => {
    const book = await trackingWorkbook();
    await book.add([1, 2, 3].map((i) => ({ goal: "BRANDS", name: `E${i}` })));
    // The content of the last row is deleted in Excel: the table keeps a blank row.
    const register = book.workbook.table("tblRegister")!;
    for (let c = 0; c < register.columnCountRaw; c++)
      register.sheet.setCell(register.headerRow + register.rowCountRaw, register.column + c, undefined);
    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(overview.latest.map((e) => e.name)).toEqual(["E2", "E1"]);
    expect(overview.summaries.find((s) => s.spec.id === "BRANDS")!.actual).toBe(2);
  });

  it("builds each goal's trend from the History rows, sorted by date", async () => {
    const book = await trackingWorkbook();
    const later = isoToSerial("2021-12-31");
    const earlier = isoToSerial("2021-03-31");
    await book.add([
      { goal: "BRANDS", name: "B1" },
      { goal: "BRANDS", name: "B2" },
    ]);
    const first = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(first.trends.size).toBe(0);
    await book.run((context) =>
      recordSnapshot(context, first.summaries, { asOf: later, takenAt: later, note: "year end" }, "en"),
    );
    await book.add([{ goal: "BRANDS", name: "B3" }]);
    const second = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    // Recorded after the other, but dated before it.
    await book.run((context) =>
      recordSnapshot(context, second.summaries, { asOf: earlier, takenAt: later, note: "" }, "en"),
    );

    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect([...overview.trends.keys()].sort()).toEqual([...GOAL_IDS].sort());
    // Sorted by as-of date, whenever each was taken; each keeps its expected count and when it was taken.
    expect(overview.trends.get("BRANDS")).toMatchObject([
      { date: earlier, actual: 3, takenAt: later, expected: second.summaries[2].expected },
      { date: later, actual: 2, takenAt: later, expected: first.summaries[2].expected },
    ]);
    expect(overview.trends.get("PLATFORMS")).toMatchObject([
      { date: earlier, actual: 0 },
      { date: later, actual: 0, note: "year end" },
    ]);
  });

  it("leaves out History rows without a date, a known goal or a number", async () => {
    const book = await trackingWorkbook();
    const date = isoToSerial("2021-05-01");
    const summaries = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY).summaries;
    await book.run((context) =>
      recordSnapshot(context, summaries, { asOf: date, takenAt: date, note: "" }, "en"),
    );
    const history = tableSpec("history");
    const snapshot = await book.read();
    const at = (id: string) => columnIndex(snapshot.history, history, id);
    const rows = snapshot.history.rows;
    // Damage three rows the way a person editing the sheet might.
    typeInto(book.workbook, "tblHistory", 0, snapshot.history.headers[at("date")], "last spring");
    typeInto(book.workbook, "tblHistory", 1, snapshot.history.headers[at("goal")], "Something else");
    typeInto(book.workbook, "tblHistory", 2, snapshot.history.headers[at("actual")], "n/a");
    typeInto(book.workbook, "tblHistory", 3, snapshot.history.headers[at("goal")], " breakthroughs ");
    // A goal typed by its name in the other language still counts.
    typeInto(book.workbook, "tblHistory", 4, snapshot.history.headers[at("goal")], "无人工厂");
    // So does a goal id, as earlier versions of the add-in wrote it.
    typeInto(book.workbook, "tblHistory", 5, snapshot.history.headers[at("goal")], "PLATFORMS");
    expect(rows.slice(0, 4).map((r) => r[at("goal")])).toEqual([
      "Innovative enterprises",
      "Application scenarios",
      "Brands",
      "Key technological breakthroughs",
    ]);

    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect([...overview.trends.keys()].sort()).toEqual(["BREAKTHROUGHS", "PLATFORMS", "UNMANNED"]);
    expect(overview.trends.get("BREAKTHROUGHS")).toMatchObject([{ date, actual: 0, takenAt: date }]);
    expect(overview.trends.get("UNMANNED")).toMatchObject([{ date, actual: 0 }]);
    expect(overview.trends.get("UNMANNED")).toHaveLength(1);
  });

  it("uses a fixed as-of date, and today when the cell follows the calendar", async () => {
    const book = await trackingWorkbook();
    await book.asOf(AS_OF);
    const fixed = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect(fixed).toMatchObject({ asOf: AS_OF, asOfIsToday: false, asOfMissing: false });

    await book.asOf(undefined);
    const snapshot = await book.read();
    expect(snapshot.asOfIsToday).toBe(true);
    const calendar = buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", TODAY);
    // The double computes =TODAY() as the real today; the overview shows the workbook's value.
    expect(calendar).toMatchObject({ asOf: snapshot.asOf, asOfIsToday: true, asOfMissing: false });
  });

  it("reports asOfMissing and measures as of today when the as-of cell holds text", async () => {
    const book = await trackingWorkbook();
    await book.add([
      { goal: "BRANDS", name: "Early", date: "2021-01-01" },
      { goal: "BRANDS", name: "Late", date: "2021-08-01" },
    ]);
    // A person types text over the as-of date on the About sheet.
    const context = new FakeContext(book.workbook);
    context.workbook.names.getItem("AsOfDate").getRange().values = [["end of June"]];
    await context.sync();

    const snapshot = await book.read();
    expect(snapshot.asOf).toBeUndefined();
    const overview = buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", TODAY);
    expect(overview).toMatchObject({ asOf: TODAY, asOfMissing: true, asOfIsToday: false });
    // Both entries count at TODAY (15 September 2021).
    expect(overview.summaries.find((s) => s.spec.id === "BRANDS")!.actual).toBe(2);
    expect(buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", AS_OF).summaries[2].actual).toBe(1);
  });

  it("surfaces Targets edits it could not use, and uses the good ones", async () => {
    const book = await trackingWorkbook();
    await book.asOf(AS_OF);
    const targets = book.workbook.table("tblTargets")!;
    const row = (id: GoalId) => targets.dataValues().findIndex((r) => r[0] === id);
    typeInto(book.workbook, "tblTargets", row("BRANDS"), "Target", "lots");
    typeInto(book.workbook, "tblTargets", row("PLATFORMS"), "Comparator", "roughly");
    typeInto(book.workbook, "tblTargets", row("SCENARIOS"), "Deadline", "2019-01-01");
    typeInto(book.workbook, "tblTargets", row("ENTERPRISES"), "Target", 150);

    const overview = buildOverview(await book.read(), DEFAULT_STATUS_RULE, "en", TODAY);
    expect([...overview.ignored].sort((a, b) => a.goal.localeCompare(b.goal))).toEqual([
      { goal: "BRANDS", field: "target" },
      { goal: "PLATFORMS", field: "comparator" },
      { goal: "SCENARIOS", field: "deadline" },
    ]);
    const spec = (id: GoalId) => overview.summaries.find((s) => s.spec.id === id)!.spec;
    expect(spec("BRANDS").target).toBe(100); // the plan's value
    expect(spec("PLATFORMS").comparator).toBe("at_least");
    expect(spec("SCENARIOS").deadline).toBe(isoToSerial("2022-12-31"));
    expect(spec("ENTERPRISES").target).toBe(150); // the edit, used
  });

  it("labels the sectors in the pane's language and counts entries by sector", async () => {
    const book = await trackingWorkbook("zh");
    await book.add([
      { goal: "BRANDS", name: "A", sector: "ONLINE_EDUCATION" },
      { goal: "SCENARIOS", name: "B", sector: "ONLINE_EDUCATION" },
      { goal: "BRANDS", name: "C" },
    ]);
    const snapshot: TrackingSnapshot = await book.read();
    expect(snapshot.language).toBe("zh");
    const overview = buildOverview(snapshot, DEFAULT_STATUS_RULE, "en", TODAY);
    const education = overview.sectors.sectors.indexOf("Online education");
    expect(education).toBeGreaterThanOrEqual(0);
    expect(overview.sectors.counts[education].reduce((a, b) => a + b, 0)).toBe(2);
    expect(overview.sectors.unassigned.reduce((a, b) => a + b, 0)).toBe(1);
    expect(buildOverview(snapshot, DEFAULT_STATUS_RULE, "zh", TODAY).sectors.sectors).toContain("在线教育");
  });
});
