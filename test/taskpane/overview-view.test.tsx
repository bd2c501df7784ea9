/** @jest-environment jsdom */
/**
 * The Overview's first screen (the as-of date, the "Four 100+" together, a line per goal) and a
 * goal's details opened under its line, with its burn-up chart.
 */
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { GOAL_IDS, type GoalId } from "../../src/core/plan";
import { DEFAULT_STATUS_RULE } from "../../src/core/status-rules";
import { readTracking } from "../../src/excel/tables";
import { formatCount } from "../../src/taskpane/format";
import { buildOverview } from "../../src/taskpane/overview-model";
import { FakeContext, type FakeWorkbook } from "../support/excel-double";
import { doubleClient, preparePaneTests, renderApp, trackingWorkbook } from "./render";

preparePaneTests();

const AS_OF = isoToSerial("2021-06-30");
const ENTRIES: EntryInput[] = [
  { goal: "BRANDS", name: "Brand one", date: "2021-01-10" },
  { goal: "BRANDS", name: "Brand two", date: "2021-02-10" },
  ...Array.from({ length: 20 }, (_, i) => ({
    goal: "PLATFORMS",
    name: `Platform ${i + 1}`,
    date: "2021-03-01",
  })),
];

afterEach(cleanup);

/** The pane in `paneLanguage` on an English workbook holding `entries` as of `asOf`. */
async function openOverview(
  options: { paneLanguage?: Language; entries?: EntryInput[]; asOf?: number } = {},
) {
  const { paneLanguage = "en", entries = ENTRIES, asOf = AS_OF } = options;
  const workbook = await trackingWorkbook({ entries, asOf });
  renderApp(doubleClient(workbook), { inExcel: true, language: paneLanguage, dark: false });
  const overview = await screen.findByTestId("overview");
  return { workbook, overview };
}

/** The overview the pane computed, recomputed from the same workbook for its figures. */
async function modelOf(workbook: FakeWorkbook, language: Language = "en") {
  const snapshot = await readTracking(new FakeContext(workbook) as unknown as Excel.RequestContext);
  return buildOverview(snapshot, DEFAULT_STATUS_RULE, language);
}

function toggleOf(goal: GoalId): HTMLButtonElement {
  return screen.getByTestId(`card-${goal}`).querySelector("h3 button") as HTMLButtonElement;
}

function chartOf(goal: GoalId): SVGSVGElement {
  return screen.getByTestId(`burnup-${goal}`) as unknown as SVGSVGElement;
}

type Point = { x: number; y: number };

function pointsOf(element: Element): Point[] {
  return element
    .getAttribute("points")!
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [x, y] = pair.split(",").map(Number);
      return { x, y };
    });
}

/** Where the recognized step line ends: its last H (x) and V (y). */
function endOfSteps(path: Element): Point {
  const d = path.getAttribute("d")!;
  const match = /H([\d.]+)V([\d.]+)$/.exec(d);
  if (!match) throw new Error(`no final step in ${d}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

describe("the Overview's first screen", () => {
  it("shows the as-of date, the Four 100+ together, and a line per goal with bar, status and actual / required", async () => {
    const { overview } = await openOverview();
    expect(within(overview).getByText("As of 30 June 2021")).toBeTruthy();
    // Two brands of the Four 100+'s 4 × 101 required.
    expect(screen.getByTestId("group-total-FOUR_100_PLUS").textContent).toBe("Together: 2 / 404");
    expect(
      within(overview).getByRole("progressbar", { name: 'Progress of The "Four 100+" together' }),
    ).toBeTruthy();
    // A group of one goal has no total of its own.
    expect(screen.queryByTestId("group-total-UNMANNED")).toBeNull();
    expect(screen.queryByTestId("group-total-PLATFORMS")).toBeNull();

    expect(GOAL_IDS.map((goal) => toggleOf(goal).textContent)).toEqual([
      "Enterprises",
      "Scenarios",
      "Brands",
      "Breakthroughs",
      "Unmanned",
      "Platforms",
    ]);
    expect(GOAL_IDS.map((goal) => screen.getByTestId(`count-${goal}`).textContent)).toEqual([
      "0 / 101",
      "0 / 101",
      "2 / 101",
      "0 / 101",
      "0 / 100",
      "20 / 20",
    ]);
    expect(screen.getByTestId("status-BRANDS").textContent).toBe("Behind");
    expect(screen.getByTestId("status-PLATFORMS").textContent).toBe("Achieved");
    const brands = screen.getByTestId("card-BRANDS");
    expect(within(brands).getByRole("progressbar", { name: "Progress toward Brands" })).toBeTruthy();

    // Every goal's details are closed; each button says so and names what it opens.
    for (const goal of GOAL_IDS) {
      const toggle = toggleOf(goal);
      const details = screen.getByTestId(`details-${goal}`);
      expect(toggle.getAttribute("type")).toBe("button");
      expect(toggle.getAttribute("aria-expanded")).toBe("false");
      expect(toggle.getAttribute("aria-controls")).toBe(details.id);
      expect(details.hidden).toBe(true);
    }
    // The button is described by the status and what the count means.
    const described = toggleOf("BRANDS")
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(["Behind", "2 of 101 required"]);
  });

  it("opens one goal's details at a time, and closes them again", async () => {
    await openOverview();
    fireEvent.click(toggleOf("BRANDS"));
    expect(toggleOf("BRANDS").getAttribute("aria-expanded")).toBe("true");
    const brands = screen.getByTestId("details-BRANDS");
    expect(brands.hidden).toBe(false);
    expect(brands.textContent).toContain("2 of more than 100 (2%)");
    // 101 × 448 days elapsed ÷ 997 days of the period = 45.4.
    expect(brands.textContent).toContain("Expected by now45.4");
    expect(brands.textContent).toMatch(/Likelihood by the deadline\d+(\.\d)?%/);
    expect(within(brands).getByRole("img")).toBe(chartOf("BRANDS"));

    fireEvent.click(toggleOf("PLATFORMS"));
    expect(toggleOf("PLATFORMS").getAttribute("aria-expanded")).toBe("true");
    expect(toggleOf("BRANDS").getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByTestId("details-BRANDS").hidden).toBe(true);

    fireEvent.click(toggleOf("PLATFORMS"));
    expect(toggleOf("PLATFORMS").getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByTestId("details-PLATFORMS").hidden).toBe(true);
  });

  it("in Chinese: short names, the total and the chart's name with Chinese punctuation", async () => {
    const { workbook } = await openOverview({ paneLanguage: "zh" });
    expect(GOAL_IDS.map((goal) => toggleOf(goal).textContent)).toEqual([
      "企业",
      "场景",
      "品牌",
      "技术突破",
      "无人工厂",
      "平台",
    ]);
    expect(screen.getByTestId("group-total-FOUR_100_PLUS").textContent).toBe("合计：2 / 404");
    const brands = (await modelOf(workbook, "zh")).summaries.find((s) => s.spec.id === "BRANDS")!;
    const { median, low, high } = brands.likelihood;
    expect(chartOf("BRANDS").getAttribute("aria-label")).toBe(
      "品牌产品累计完成情况：截至 2021年6月30日 已认定 2，按均匀进度应达 45.4；2022年12月31日前所需数量 101。" +
        `截止时预计 ${formatCount(median!, "zh", 1)}，80% 区间为 ${formatCount(low!, "zh", 1)}–${formatCount(high!, "zh", 1)}。`,
    );
    expect(chartOf("BRANDS").getAttribute("aria-label")).not.toMatch(/[,:;()]/);
  });
});

describe("the burn-up chart", () => {
  it("draws the recognized steps, the expected line, the required count and the projection with its 80% band", async () => {
    const { workbook } = await openOverview();
    const brands = (await modelOf(workbook)).summaries.find((s) => s.spec.id === "BRANDS")!;
    const { median, low, high } = brands.likelihood;
    expect(brands.likelihood.model).not.toBe("none");
    const chart = chartOf("BRANDS");
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("viewBox")).toBe("0 0 320 196");
    expect(chart.getAttribute("width")).toBe("100%");
    expect(chart.getAttribute("aria-label")).toBe(
      "Brands over time: 2 recognized by 30 June 2021, against 45.4 expected at a steady pace; 101 required by 31 December 2022. " +
        `Projected at the deadline: ${formatCount(median!, "en", 1)}, 80% band ${formatCount(low!, "en", 1)}–${formatCount(high!, "en", 1)}.`,
    );

    // From the start, a step up on 10 January and on 10 February, then flat to as_of.
    const steps = within(chart as unknown as HTMLElement).getByTestId("burnup-recognized-BRANDS");
    expect(steps.getAttribute("d")!.match(/H/g)).toHaveLength(3);
    const asOf = endOfSteps(steps);

    // The band fans out from the count at as_of to the low and high counts at the deadline.
    const band = pointsOf(within(chart as unknown as HTMLElement).getByTestId("burnup-band-BRANDS"));
    expect(band).toHaveLength(3);
    expect(band[0]).toEqual(asOf);
    expect(band[1].x).toBe(band[2].x);
    expect(band[1].x).toBeGreaterThan(asOf.x);
    expect(band[1].y).toBeLessThan(band[2].y); // high is drawn above low
    const medianLine = pointsOf(within(chart as unknown as HTMLElement).getByTestId("burnup-median-BRANDS"));
    expect(medianLine[0]).toEqual(asOf);
    expect(medianLine[1].x).toBe(band[1].x);
    expect(medianLine[1].y).toBeGreaterThan(band[1].y);
    expect(medianLine[1].y).toBeLessThan(band[2].y);

    // The expected line rises from 0 at the start to the required count at the deadline.
    const expected = pointsOf(within(chart as unknown as HTMLElement).getByTestId("burnup-expected-BRANDS"));
    const required = within(chart as unknown as HTMLElement).getByTestId("burnup-required-BRANDS");
    expect(expected).toHaveLength(2);
    expect(expected[1].x).toBe(band[1].x);
    expect(expected[1].y).toBe(Number(required.getAttribute("y1")));
    // Counts 0 and the required one on the y axis, the start and deadline on the x axis.
    expect(
      within(chart as unknown as HTMLElement)
        .getAllByTestId("burnup-count-BRANDS")
        .map((t) => t.textContent),
    ).toEqual(["0", "101"]);
    expect(screen.getByTestId("burnup-start-BRANDS").textContent).toBe("Apr 2020");
    expect(screen.getByTestId("burnup-deadline-BRANDS").textContent).toBe("Dec 2022");
    // The required count's line is labelled just above it.
    const requiredLabel = screen.getByTestId("burnup-required-label-BRANDS");
    expect(requiredLabel.textContent).toBe("Required");
    expect(Number(requiredLabel.getAttribute("y"))).toBeCloseTo(Number(required.getAttribute("y1")) - 3, 5);
    expect(chart.textContent).toContain("Projected (80% band)");
  });

  it("draws no projection for a goal with no estimate", async () => {
    const { workbook } = await openOverview();
    const enterprises = (await modelOf(workbook)).summaries.find((s) => s.spec.id === "ENTERPRISES")!;
    expect(enterprises.likelihood.model).toBe("none");
    const chart = chartOf("ENTERPRISES");
    expect(chart.querySelector("polygon")).toBeNull();
    expect(screen.queryByTestId("burnup-band-ENTERPRISES")).toBeNull();
    expect(screen.queryByTestId("burnup-median-ENTERPRISES")).toBeNull();
    expect(screen.getByTestId("burnup-recognized-ENTERPRISES")).toBeTruthy();
    expect(chart.getAttribute("aria-label")).toBe(
      "Innovative enterprises over time: 0 recognized by 30 June 2021, against 45.4 expected at a steady pace; 101 required by 31 December 2022.",
    );
    expect(chart.textContent).not.toContain("Projected");
  });

  it("after the deadline: recognized against expected only, and what the deadline counted", async () => {
    const entries: EntryInput[] = Array.from({ length: 100 }, (_, i) => ({
      goal: "UNMANNED",
      name: `Factory ${i + 1}`,
      date: i < 90 ? "2022-06-30" : "2023-05-04",
    }));
    await openOverview({ entries, asOf: isoToSerial("2024-01-31") });
    expect(screen.getByTestId("overview").querySelectorAll("polygon")).toHaveLength(0);
    expect(screen.getByTestId("overview").querySelectorAll('[data-testid^="burnup-median-"]')).toHaveLength(
      0,
    );
    const chart = chartOf("UNMANNED");
    expect(chart.getAttribute("aria-label")).toBe(
      "Unmanned factories, production lines and workshops over time: 100 recognized by 31 January 2024, against 100.0 expected at a steady pace; 100 required by 31 December 2022. " +
        "The period has ended: 90 by the deadline.",
    );
    // The steps go on past the deadline (the late ten) to as_of; the expected line stays flat after it.
    const steps = screen.getByTestId("burnup-recognized-UNMANNED");
    expect(steps.getAttribute("d")!.match(/H/g)).toHaveLength(3);
    const expected = pointsOf(screen.getByTestId("burnup-expected-UNMANNED"));
    expect(expected).toHaveLength(3);
    expect(expected[1].y).toBe(expected[2].y);
    expect(endOfSteps(steps).x).toBe(expected[2].x);
  });
});
