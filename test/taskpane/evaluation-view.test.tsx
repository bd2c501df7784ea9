/** @jest-environment jsdom */
/**
 * The pane's Evaluation section: the Evaluation sheet's figures for a workbook evaluated after the
 * deadline, with entries recognized after it, undated ones and some with evidence, in both
 * languages, and each figure as core evaluateGoals computes it.
 */
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { EntryInput } from "../../src/core/entries";
import { evaluateGoals } from "../../src/core/evaluation";
import type { Language } from "../../src/core/language";
import { GOALS } from "../../src/core/plan";
import { registerColumns, specsFromTargets, statusRuleFrom } from "../../src/core/tracking";
import { DICTIONARIES } from "../../src/taskpane/i18n";
import { buildOverview } from "../../src/taskpane/overview-model";
import { doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();

/** Half a year after the plan's deadline (2022-12-31). */
const AS_OF = isoToSerial("2023-06-30");
const LINK = "https://example.org/proof";

/**
 * Platforms (at least 20): 15 dated in the period (5 with evidence) and 2 undated make 17 by the
 * deadline; 4 dated in 2023 (2 with evidence) bring it to 21, the 20th on 2023-03-10; one dated after
 * the as-of date does not count yet. Brands (more than 100): 2 in the period, none with evidence.
 */
const ENTRIES: EntryInput[] = [
  ...Array.from({ length: 15 }, (_, i) => ({
    goal: "PLATFORMS",
    name: `Platform ${i + 1}`,
    date: "2021-03-01",
    evidence: i < 5 ? `${LINK}/${i}` : undefined,
  })),
  { goal: "PLATFORMS", name: "Undated platform 1" },
  { goal: "PLATFORMS", name: "Undated platform 2" },
  ...["2023-01-10", "2023-02-10", "2023-03-10", "2023-04-10"].map((date, i) => ({
    goal: "PLATFORMS",
    name: `Late platform ${i + 1}`,
    date,
    evidence: i < 2 ? `${LINK}/late-${i}` : undefined,
  })),
  { goal: "PLATFORMS", name: "Platform after the as-of date", date: "2023-08-01", evidence: LINK },
  { goal: "BRANDS", name: "Brand one", date: "2021-01-10" },
  { goal: "BRANDS", name: "Brand two", date: "2022-02-10" },
];

/** The pane in `paneLanguage` on a workbook in `workbookLanguage`, on its Evaluation tab. */
async function openEvaluation(
  paneLanguage: Language,
  workbookLanguage: Language = paneLanguage,
  asOf = AS_OF,
) {
  const workbook = await trackingWorkbook({ language: workbookLanguage, entries: ENTRIES, asOf });
  const client = doubleClient(workbook);
  renderApp(client, { inExcel: true, language: paneLanguage, dark: false });
  await screen.findByTestId("overview");
  fireEvent.click(tab(DICTIONARIES[paneLanguage].tabEvaluation));
  const view = await screen.findByTestId("evaluation-view");
  return { workbook, client, view };
}

/** A block's figures, name to value, in the order shown. */
function figures(element: HTMLElement): [string, string][] {
  return [...element.querySelectorAll("dt")].map((dt) => [
    dt.textContent ?? "",
    (dt.nextElementSibling as HTMLElement).textContent ?? "",
  ]);
}

beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

describe("the Evaluation section", () => {
  it("shows, in English, the period, the as-of date and a goal met after the deadline", async () => {
    const { view } = await openEvaluation("en");
    expect(figures(view.querySelector("dl")!)).toEqual([
      ["Period", "8 April 2020 to 31 December 2022"],
      ["As-of date", "30 June 2023"],
    ]);
    expect(within(view).getByTestId("evaluation-sheet-note").textContent).toBe(
      "The sheet “Evaluation” in the workbook shows the same figures, and prints on one page.",
    );
    const platforms = within(view).getByTestId("evaluation-PLATFORMS");
    expect(within(platforms).getByRole("heading", { level: 3 }).textContent).toBe(
      GOALS.find((goal) => goal.id === "PLATFORMS")!.label.en,
    );
    expect(figures(platforms)).toEqual([
      ["Target", "at least 20"],
      ["Required", "20"],
      ["By deadline", "17"],
      ["Rate", "85%"],
      ["Date met", "10 March 2023"],
      ["After deadline", "4"],
      ["Undated", "2"],
      ["With evidence", "33.3%"],
      ["Result", "◎ Met late"],
    ]);
    // After every deadline nothing is provisional: no notice says so.
    expect(within(view).queryByText(/not every goal's deadline has passed/)).toBeNull();
  });

  it("shows a goal missed, and a goal with nothing counted, whose evidence share is a dash", async () => {
    const { view } = await openEvaluation("en");
    expect(figures(within(view).getByTestId("evaluation-BRANDS"))).toEqual([
      ["Target", "more than 100"],
      ["Required", "101"],
      ["By deadline", "2"],
      ["Rate", "2%"],
      ["Date met", "Not met"],
      ["After deadline", "0"],
      ["Undated", "0"],
      ["With evidence", "0%"],
      ["Result", "× Missed"],
    ]);
    expect(within(view).getByTestId("evaluation-status-BRANDS").textContent).toBe("× Missed");
    expect(new Map(figures(within(view).getByTestId("evaluation-ENTERPRISES"))).get("With evidence")).toBe(
      "–",
    );
    // One block per goal, in the plan's order.
    expect(
      within(view)
        .getAllByTestId(/^evaluation-[A-Z_]+$/)
        .map((block) => block.getAttribute("data-testid")),
    ).toEqual(GOALS.map((goal) => `evaluation-${goal.id}`));
  });

  it("shows the same in Chinese, with Chinese dates and punctuation, naming the sheet 终期评估", async () => {
    const { view } = await openEvaluation("zh");
    expect(within(view).getByRole("heading", { level: 2, name: "终期评估" })).toBeTruthy();
    expect(figures(view.querySelector("dl")!)).toEqual([
      ["期间", "2020年4月8日至2022年12月31日"],
      ["截至日期", "2023年6月30日"],
    ]);
    expect(within(view).getByTestId("evaluation-sheet-note").textContent).toBe(
      "工作簿中的“终期评估”表列出相同的数字，可打印在一页上。",
    );
    expect(figures(within(view).getByTestId("evaluation-PLATFORMS"))).toEqual([
      ["目标值", "不少于20"],
      ["所需数量", "20"],
      ["按期完成数", "17"],
      ["完成率", "85%"],
      ["达成日期", "2023年3月10日"],
      ["逾期认定数", "4"],
      ["未注明日期", "2"],
      ["附证明材料", "33.3%"],
      ["结果", "◎ 逾期达成"],
    ]);
    expect(new Map(figures(within(view).getByTestId("evaluation-BRANDS"))).get("目标值")).toBe("超过100");
    expect(new Map(figures(within(view).getByTestId("evaluation-BRANDS"))).get("结果")).toBe("× 未达成");
    // No English word anywhere but the sources' headlines, kept as published.
    const sources = within(view).getByTestId("evaluation-sources");
    const rest = view.textContent!.replace(sources.textContent!, "");
    expect(rest).not.toMatch(/[A-Za-z]/);
    expect(rest).not.toMatch(/[,:;()]/);
  });

  it("lists the sources the goals cite, numbered as About numbers them, in the pane's language", async () => {
    const { workbook, view } = await openEvaluation("zh", "en");
    const items = [...within(view).getByTestId("evaluation-sources").querySelectorAll("li")].map(
      (li) => li.textContent,
    );
    expect(items[0]).toBe(
      "[1] “Municipal govt unveils 23-point plan to boost economy with tech like AI, 5G”——媒体不详，2020年4月。报道方案发布，提出“四个100+”目标，列出12个重点领域。",
    );
    // Those the sheet lists under its heading: [2] (the white paper) and [5] (2018) back no goal.
    expect(items.map((item) => item!.slice(0, 3))).toEqual(["[1]", "[3]", "[4]"]);
    const sheetItems = workbook
      .table("tblEvaluationHead")!
      .dataValues()
      .map((row) => String(row[0]))
      .filter((item) => item.startsWith("Source"));
    expect(sheetItems).toEqual(["Source [1]", "Source [3]", "Source [4]"]);
    // The workbook is English: its sheet is called Evaluation, whatever the pane's language.
    expect(within(view).getByTestId("evaluation-sheet-note").textContent).toBe(
      "工作簿中的“Evaluation”表列出相同的数字，可打印在一页上。",
    );
  });

  it("says before the deadline that the figures are not the final result", async () => {
    const { view } = await openEvaluation("en", "en", isoToSerial("2022-06-30"));
    expect(
      within(view).getByText(
        "As of 30 June 2022, not every goal's deadline has passed: these are the figures so far, not the final result.",
      ),
    ).toBeTruthy();
  });

  it("shows every goal's figures as core evaluateGoals computes them from the same register", async () => {
    const { client, view } = await openEvaluation("en");
    const snapshot = await client.read();
    const { rule } = statusRuleFrom(snapshot.about, snapshot.statusRules, snapshot.language);
    const register = registerColumns(snapshot.register);
    const expected = evaluateGoals(
      register,
      register.evidence,
      AS_OF,
      specsFromTargets(snapshot.targets).specs,
      rule,
    );
    // The model the pane renders from holds exactly those evaluations...
    expect(buildOverview(snapshot, rule, "en").evaluations).toEqual(expected);
    // ...and the section shows them, goal by goal.
    const platforms = expected.find((e) => e.spec.id === "PLATFORMS")!;
    expect([
      platforms.byDeadline,
      platforms.afterDeadline,
      platforms.undated,
      platforms.withEvidence,
    ]).toEqual([17, 4, 2, 7]);
    for (const evaluation of expected) {
      const shown = new Map(figures(within(view).getByTestId(`evaluation-${evaluation.spec.id}`)));
      expect([
        shown.get("Required"),
        shown.get("By deadline"),
        shown.get("After deadline"),
        shown.get("Undated"),
      ]).toEqual(
        [evaluation.required, evaluation.byDeadline, evaluation.afterDeadline, evaluation.undated].map(
          String,
        ),
      );
      expect(shown.get("Rate")).toBe(`${Math.round(evaluation.rate * 1000) / 10}%`);
      expect(shown.get("With evidence")).toBe(
        evaluation.evidenceCoverage === undefined
          ? "–"
          : `${Math.round(evaluation.evidenceCoverage * 1000) / 10}%`,
      );
    }
  });
});
