/** The trends the History view draws: each snapshot's expected count, taken-at moment and note, when the workbook has them. */
import { isoToSerial } from "../../src/core/dates";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";
import { applyTemplate } from "../../src/excel/apply-template";
import { recordSnapshot } from "../../src/excel/snapshots";
import { readTracking, setAsOf } from "../../src/excel/tables";
import { buildOverview } from "../../src/taskpane/overview-model";
import { goalChart, snapshotEntries } from "../../src/taskpane/views/history-chart-model";
import { FakeContext } from "../support/excel-double";
import { fakeExcel } from "../support/excel-fixtures";

const START = isoToSerial("2020-04-08");
const DEADLINE = isoToSerial("2022-12-31");
const AS_OF = isoToSerial("2021-06-30");
const TAKEN = isoToSerial("2021-07-01") + 0.5;

async function workbookWithSnapshot() {
  const { workbook } = fakeExcel();
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    batch(new FakeContext(workbook) as unknown as Excel.RequestContext);
  await run((context) => applyTemplate(context, "en"));
  await run((context) => setAsOf(context, AS_OF));
  const summaries = buildOverview(await run(readTracking), DEFAULT_STATUS_RULE, "en", AS_OF).summaries;
  await run((context) =>
    recordSnapshot(context, summaries, { asOf: AS_OF, takenAt: TAKEN, note: "mid-year" }, "en"),
  );
  const history = workbook.table("tblHistory")!;
  /** Writes one cell of History, header row included (row -1), as a person editing the sheet would. */
  const type = (row: number, header: string, value: string) =>
    history.sheet.setCell(history.headerRow + 1 + row, history.column + history.headers().indexOf(header), {
      value,
    });
  const trends = async () => buildOverview(await run(readTracking), DEFAULT_STATUS_RULE, "en", AS_OF).trends;
  return { type, trends };
}

describe("the trends of the History table", () => {
  it("read each snapshot's expected count, taken-at moment and note", async () => {
    const book = await workbookWithSnapshot();
    // Brands, more than 100: 101 required, 448 of the period's 997 days elapsed at 30 June 2021.
    expect((await book.trends()).get("BRANDS")).toEqual([
      { date: AS_OF, actual: 0, expected: 101 * (448 / 997), takenAt: TAKEN, note: "mid-year" },
    ]);
  });

  it("leave out what a cell holds that is not a number", async () => {
    const book = await workbookWithSnapshot();
    book.type(2, "Expected", "n/a");
    book.type(2, "Taken at", "yesterday");
    const [brands] = (await book.trends()).get("BRANDS")!;
    expect(brands).toEqual({ date: AS_OF, actual: 0, note: "mid-year" });
    expect(brands.expected).toBeUndefined();
    expect(brands.takenAt).toBeUndefined();
  });

  it("read a History table without the Expected and Taken at columns, as before version 6", async () => {
    const book = await workbookWithSnapshot();
    book.type(-1, "Expected", "Old column");
    book.type(-1, "Taken at", "Another");
    const trends = await book.trends();
    expect(trends.size).toBe(6);
    expect(trends.get("PLATFORMS")).toEqual([{ date: AS_OF, actual: 0, note: "mid-year" }]);
    expect(trends.get("PLATFORMS")![0].takenAt).toBeUndefined();
  });
});

describe("the History chart's numbers", () => {
  const spec = {
    label: { en: "Goal", zh: "目标" },
    target: 100,
    comparator: "at_least",
    start: START,
    deadline: DEADLINE,
  } as const;

  it("lays the expected line from 0 at the start to the required count at the deadline, flat after it", () => {
    const chart = goalChart(spec, 100, [
      { date: AS_OF, actual: 10 },
      { date: DEADLINE + 100, actual: 120 },
    ]);
    expect(chart.expected.map((p) => p.y)).toEqual([chart.baseY, chart.requiredY, chart.requiredY]);
    expect(chart.expected[1].x).toBeLessThan(chart.expected[2].x);
    // An actual above the required count is labelled too.
    expect(chart.counts.map((c) => c.value)).toEqual([0, 100, 120]);
    expect(chart.years.map((y) => y.date)).toEqual(
      ["2021-01-01", "2022-01-01", "2023-01-01"].map(isoToSerial),
    );
  });

  it("lists each snapshot once, the most recently taken first", () => {
    const entries = snapshotEntries(
      new Map([
        [
          "A",
          [
            { date: START, actual: 0, takenAt: TAKEN + 30 },
            { date: AS_OF, actual: 1, takenAt: TAKEN, note: "mid-year" },
          ],
        ],
        [
          "B",
          [
            { date: AS_OF, actual: 2, takenAt: TAKEN, note: "mid-year" },
            { date: DEADLINE, actual: 3 },
          ],
        ],
      ]),
    );
    expect(entries).toEqual([
      { date: DEADLINE },
      { date: START, takenAt: TAKEN + 30 },
      { date: AS_OF, takenAt: TAKEN, note: "mid-year" },
    ]);
  });
});
