/** @jest-environment jsdom */
/** The History view: the snapshots listed newest first, and each goal's actual drawn against its expected line. */
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";
import { recordSnapshot } from "../../src/excel/snapshots";
import { readTracking, setAsOf } from "../../src/excel/tables";
import { DICTIONARIES } from "../../src/taskpane/i18n";
import { buildOverview } from "../../src/taskpane/overview-model";
import { PLOT } from "../../src/taskpane/views/history-chart-model";
import { FakeContext, type FakeWorkbook } from "../support/excel-double";
import { doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();

// The plan's period, which the template's Targets sheet gives every goal.
const START = isoToSerial("2020-04-08");
const DEADLINE = isoToSerial("2022-12-31");
const MID = isoToSerial("2021-06-30");
const PERIOD = DEADLINE - START; // 997 days

/** Three snapshots of two Brands entries (recognized in January and February 2021), one backdated. */
const SNAPSHOTS = [
  { asOf: MID, takenAt: isoToSerial("2021-07-01") + 0.5, note: "mid-year" },
  // Taken after the mid-year one, for the as-of date of the plan's start.
  { asOf: START, takenAt: isoToSerial("2021-08-02") + 9.5 / 24, note: "backdated" },
  { asOf: DEADLINE, takenAt: isoToSerial("2023-01-03") + 0.75, note: "" },
];

async function workbookWithSnapshots(language: Language = "en"): Promise<FakeWorkbook> {
  const workbook = await trackingWorkbook({
    language,
    entries: [
      { goal: "BRANDS", name: "Brand one", date: "2021-01-10" },
      { goal: "BRANDS", name: "Brand two", date: "2021-02-10" },
    ],
  });
  const context = () => new FakeContext(workbook) as unknown as Excel.RequestContext;
  for (const taken of SNAPSHOTS) {
    await setAsOf(context(), taken.asOf);
    const overview = buildOverview(await readTracking(context()), DEFAULT_STATUS_RULE, language, taken.asOf);
    await recordSnapshot(context(), overview.summaries, taken, language);
  }
  await setAsOf(context(), MID);
  return workbook;
}

/** The History table as a workbook from before version 6 has it: no Expected, no Taken at. */
function dropVersion6Columns(workbook: FakeWorkbook): void {
  const table = workbook.table("tblHistory")!;
  const last = table.headers().length;
  expect(table.headers().slice(last - 2)).toEqual(["Expected", "Taken at"]);
  for (let row = 0; row <= table.rowCountRaw; row++) {
    for (const column of [last - 2, last - 1])
      table.sheet.setCell(table.headerRow + row, table.column + column, undefined);
  }
  table.columnCountRaw -= 2;
}

async function openHistory(workbook: FakeWorkbook, language: Language = "en") {
  renderApp(doubleClient(workbook), { inExcel: true, language, dark: false });
  await screen.findByTestId("overview");
  fireEvent.click(tab(DICTIONARIES[language].tabHistory));
  return screen.findByTestId("history-view");
}

function rowsOf(view: HTMLElement): string[][] {
  const rows = within(view).getByTestId("snapshot-list").querySelectorAll("tbody tr");
  return [...rows].map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? ""));
}

function numbers(elements: Element[], attribute: string): number[] {
  return elements.map((element) => Number(element.getAttribute(attribute)));
}

/** "x,y x,y" as pairs of numbers. */
function pairs(points: string | null): number[][] {
  return (points ?? "").split(" ").map((pair) => pair.split(",").map(Number));
}

const EN_LABEL =
  "Brands, actual against expected: 8 April 2020: 0 (expected 0); 30 June 2021: 2 (expected 45.4); " +
  "31 December 2022: 2 (expected 101). 101 required by 31 December 2022.";

afterEach(cleanup);

describe("the History view", () => {
  it("lists one row per snapshot, the most recently taken first, with its as-of date, when it was taken and its note", async () => {
    const view = await openHistory(await workbookWithSnapshots());
    expect(rowsOf(view)).toEqual([
      ["31 December 2022", "3 January 2023, 18:00", ""],
      ["8 April 2020", "2 August 2021, 09:30", "backdated"],
      ["30 June 2021", "1 July 2021, 12:00", "mid-year"],
    ]);
    expect(within(view).queryByText("No snapshots yet.")).toBeNull();
  });

  it("draws one point per snapshot at its as-of date and actual, on the scale of the required count", async () => {
    const view = await openHistory(await workbookWithSnapshots());
    const chart = within(view).getByTestId("chart-BRANDS");
    const points = within(chart).getAllByTestId("chart-point-BRANDS");
    expect(points).toHaveLength(3);
    // In date order: the start at the left edge, the deadline at the right, mid-2021 448 days in.
    const xs = numbers(points, "cx");
    expect(xs[0]).toBe(PLOT.left);
    expect(xs[1]).toBeCloseTo(PLOT.left + (448 / PERIOD) * (PLOT.right - PLOT.left), 1);
    expect(xs[2]).toBe(PLOT.right);
    // Heights against the required mark: 0 on the axis, 2 at 2/101 of the way up to 101.
    const required = Number(within(chart).getByTestId("chart-required-BRANDS").getAttribute("y1"));
    const [y0, y1, y2] = numbers(points, "cy");
    expect(y0).toBe(PLOT.bottom);
    expect((PLOT.bottom - y1) / (PLOT.bottom - required)).toBeCloseTo(2 / 101, 3);
    expect(y2).toBe(y1);
    // The line joins the points.
    expect(pairs(within(chart).getByTestId("chart-actual-BRANDS").getAttribute("points"))).toEqual(
      points.map((p) => [Number(p.getAttribute("cx")), Number(p.getAttribute("cy"))]),
    );
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toBe(EN_LABEL);
    // A goal with no entries sits on the axis at every snapshot.
    const platforms = within(view).getByTestId("chart-PLATFORMS");
    expect(numbers(within(platforms).getAllByTestId("chart-point-PLATFORMS"), "cy")).toEqual([
      PLOT.bottom,
      PLOT.bottom,
      PLOT.bottom,
    ]);
  });

  it("draws the expected line from 0 at the goal's start to the required count at its deadline, with the axis labelled", async () => {
    const view = await openHistory(await workbookWithSnapshots());
    const chart = within(view).getByTestId("chart-BRANDS");
    const required = Number(within(chart).getByTestId("chart-required-BRANDS").getAttribute("y1"));
    expect(pairs(within(chart).getByTestId("chart-expected-BRANDS").getAttribute("points"))).toEqual([
      [PLOT.left, PLOT.bottom],
      [PLOT.right, required],
    ]);
    expect(within(chart).getByTestId("chart-start-BRANDS").textContent).toBe("Apr 2020");
    expect(within(chart).getByTestId("chart-deadline-BRANDS").textContent).toBe("Dec 2022");
    const texts = [...chart.querySelectorAll("text")].map((text) => text.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(["Actual", "Expected", "Required", "2021", "2022", "0", "101"]),
    );
  });

  it("still lists and draws the snapshots of a workbook whose History has no Expected or Taken at", async () => {
    const workbook = await workbookWithSnapshots();
    dropVersion6Columns(workbook);
    const view = await openHistory(workbook);
    // Without the moment taken, the newest as-of date comes first.
    expect(rowsOf(view)).toEqual([
      ["31 December 2022", "—", ""],
      ["30 June 2021", "—", "mid-year"],
      ["8 April 2020", "—", "backdated"],
    ]);
    const chart = within(view).getByTestId("chart-BRANDS");
    expect(within(chart).getAllByTestId("chart-point-BRANDS")).toHaveLength(3);
    expect(within(chart).getByTestId("chart-expected-BRANDS")).toBeTruthy();
    // The engine gives the expected count the snapshot did not record: the same figures.
    expect(chart.getAttribute("aria-label")).toBe(EN_LABEL);
  });

  it("speaks Chinese in a Chinese pane over an English workbook", async () => {
    const view = await openHistory(await workbookWithSnapshots("en"), "zh");
    expect(rowsOf(view)[0]).toEqual(["2022年12月31日", "2023年1月3日 18:00", ""]);
    const header = within(view).getByTestId("snapshot-list").querySelectorAll("th");
    expect([...header].map((th) => th.textContent)).toEqual(["截至日期", "记录时间", "备注"]);
    const trend = within(view).getByTestId("trend-BRANDS");
    expect(trend.querySelector("figcaption")!.textContent).toBe("品牌产品");
    expect(within(trend).getByTestId("chart-BRANDS").getAttribute("aria-label")).toBe(
      "品牌产品实际与应达对比：2020年4月8日：0（应达 0）；2021年6月30日：2（应达 45.4）；" +
        "2022年12月31日：2（应达 101）。2022年12月31日前所需数量 101。",
    );
    expect(within(trend).getByTestId("chart-start-BRANDS").textContent).toBe("2020年4月");
  });
});
