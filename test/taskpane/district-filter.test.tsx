/** @jest-environment jsdom */
/**
 * The District and Sector filter of the Overview and the Register view, the District summary with
 * its quotas, and reading the Districts table (quotasFrom; readTracking without a further sync).
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { DISTRICTS, GOAL_IDS } from "../../src/core/plan";
import { STATUS_LABELS } from "../../src/core/progress";
import { DISTRICT_HEADERS } from "../../src/core/template/template";
import { quotasFrom } from "../../src/core/tracking";
import { applyTemplate } from "../../src/excel/apply-template";
import { readTracking } from "../../src/excel/tables";
import { FakeContext, type FakeWorkbook } from "../support/excel-double";
import { fakeExcel } from "../support/excel-fixtures";
import { button, doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();
afterEach(cleanup);

const AS_OF = isoToSerial("2021-06-30");
const recognized = (goal: string, name: string, district: string, sector: string): EntryInput => ({
  goal,
  name,
  district,
  sector,
  date: "2021-03-01",
});
const ENTRIES: EntryInput[] = [
  recognized("BRANDS", "Brand one", "PUDONG", "ONLINE_EDUCATION"),
  recognized("BRANDS", "Brand two", "PUDONG", "ONLINE_CULTURE"),
  recognized("BRANDS", "Brand three", "PUDONG", "ONLINE_EDUCATION"),
  recognized("BRANDS", "Brand four", "XUHUI", "ONLINE_EDUCATION"),
  recognized("BRANDS", "Brand five", "", "ONLINE_EDUCATION"),
  recognized("PLATFORMS", "Platform one", "PUDONG", "ONLINE_CULTURE"),
  recognized("PLATFORMS", "Platform two", "XUHUI", ""),
  // Not recognized: counted nowhere.
  { ...recognized("PLATFORMS", "Platform three", "PUDONG", "ONLINE_CULTURE"), status: "Candidate" },
];

/** Sets a district's quota for a goal on the Districts table (district rows, a goal per row, in plan order). */
async function setQuota(workbook: FakeWorkbook, district: string, goal: string, quota: number) {
  const context = new FakeContext(workbook) as unknown as Excel.RequestContext;
  const row =
    DISTRICTS.findIndex((d) => d.id === district) * GOAL_IDS.length +
    GOAL_IDS.indexOf(goal as (typeof GOAL_IDS)[number]);
  const body = context.workbook.tables.getItem("tblDistricts").getDataBodyRange();
  body.getCell(row, 3).values = [[quota]];
  await context.sync();
}

async function openPane(language: Language = "en", quota = false) {
  const workbook = await trackingWorkbook({ language, entries: ENTRIES, asOf: AS_OF });
  if (quota) await setQuota(workbook, "PUDONG", "BRANDS", 5);
  renderApp(doubleClient(workbook), { inExcel: true, language, dark: false });
  await screen.findByTestId("overview");
  return workbook;
}

/** The actual count of a goal's line ("3 / 101" → 3). */
const actualOf = (goal: string) =>
  Number(screen.getByTestId(`count-${goal}`).textContent!.split("/")[0].trim());
const requiredOf = (goal: string) =>
  Number(screen.getByTestId(`count-${goal}`).textContent!.split("/")[1].trim());

function choose(key: "district" | "sector", value: string) {
  const selects = screen.getAllByTestId(`filter-${key}`);
  expect(selects).toHaveLength(1);
  fireEvent.change(selects[0], { target: { value } });
}

describe("the Overview's District and Sector filter", () => {
  it("counts only the chosen district's rows, against the city's targets", async () => {
    await openPane();
    expect([actualOf("BRANDS"), actualOf("PLATFORMS")]).toEqual([5, 2]);
    const required = requiredOf("BRANDS");
    expect(screen.getByTestId("filter-note").textContent).toBe("");
    choose("district", "PUDONG");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(3));
    expect(actualOf("PLATFORMS")).toBe(1);
    // The targets stay the city's.
    expect(requiredOf("BRANDS")).toBe(required);
    expect(screen.getByTestId("filter-note").textContent).toBe(
      "Counting only: Pudong New Area. Targets are still the city's.",
    );
    choose("district", "XUHUI");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(1));
    expect(actualOf("PLATFORMS")).toBe(1);
    choose("district", "");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(5));
    expect(screen.getByTestId("filter-note").textContent).toBe("");
  });

  it("counts only the chosen sector's rows, and both filters together", async () => {
    await openPane();
    choose("sector", "ONLINE_EDUCATION");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(4));
    expect(actualOf("PLATFORMS")).toBe(0);
    choose("district", "PUDONG");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(2));
    expect(actualOf("PLATFORMS")).toBe(0);
    expect(screen.getByTestId("filter-note").textContent).toContain(
      "Counting only: Pudong New Area · Online education.",
    );
    choose("sector", "ONLINE_CULTURE");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(1));
    expect(actualOf("PLATFORMS")).toBe(1);
    fireEvent.click(button(screen.getByTestId("overview"), "Count everything"));
    await waitFor(() => expect(actualOf("BRANDS")).toBe(5));
    expect(actualOf("PLATFORMS")).toBe(2);
  });

  it("matches the Chinese workbook's labels and says what it counts in Chinese", async () => {
    await openPane("zh");
    expect(actualOf("BRANDS")).toBe(5);
    choose("district", "PUDONG");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(3));
    expect(screen.getByTestId("filter-note").textContent).toBe("仅统计：浦东新区。目标仍为全市目标。");
    choose("sector", "ONLINE_CULTURE");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(1));
    expect(actualOf("PLATFORMS")).toBe(1);
    expect(screen.getByTestId("filter-note").textContent).toBe(
      "仅统计：浦东新区 · 在线文娱。目标仍为全市目标。",
    );
  });

  it("shows the chosen district's quota beside the goal's line", async () => {
    await openPane("en", true);
    expect(screen.queryByTestId("quota-BRANDS")).toBeNull();
    choose("district", "PUDONG");
    await waitFor(() => expect(screen.getByTestId("quota-BRANDS").textContent).toBe("quota 5"));
    // Judged against the quota, as the Districts sheet judges it: Pudong's 3 brands of 5 required.
    expect(requiredOf("BRANDS")).toBe(5);
    expect(actualOf("BRANDS")).toBe(3);
    expect(screen.getByTestId("filter-note").textContent).toBe(
      "Counting only: Pudong New Area. A goal this district has a quota for is judged against the quota, as on the Districts sheet; the others against the city's target.",
    );
    // A goal without a quota keeps the city's target.
    expect(requiredOf("PLATFORMS")).toBe(20);
    // No quota for another goal, nor for another district.
    expect(screen.queryByTestId("quota-PLATFORMS")).toBeNull();
    choose("district", "XUHUI");
    await waitFor(() => expect(screen.queryByTestId("quota-BRANDS")).toBeNull());
  });

  it("is one filter for the Overview and the Register view's latest entries", async () => {
    await openPane();
    choose("district", "XUHUI");
    await waitFor(() => expect(actualOf("BRANDS")).toBe(1));
    fireEvent.click(tab("Register"));
    const latest = await screen.findByTestId("latest");
    expect((screen.getByTestId("filter-district") as HTMLSelectElement).value).toBe("XUHUI");
    const names = () => [...latest.querySelectorAll("li")].map((li) => li.querySelector("span")!.textContent);
    expect(names()).toEqual(["Platform two", "Brand four"]);
    choose("sector", "ONLINE_EDUCATION");
    await waitFor(() => expect(names()).toEqual(["Brand four"]));
    expect(screen.getByTestId("filter-note").textContent).toBe("Counting only: Xuhui · Online education.");
    fireEvent.click(tab("Overview"));
    await screen.findByTestId("overview");
    expect((screen.getByTestId("filter-sector") as HTMLSelectElement).value).toBe("ONLINE_EDUCATION");
    expect(actualOf("BRANDS")).toBe(1);
    expect(actualOf("PLATFORMS")).toBe(0);
  });
});

describe("the District summary", () => {
  async function openSummary(language: Language) {
    await openPane(language, true);
    expect(screen.queryByTestId("district-summary")).toBeNull();
    fireEvent.click(
      button(screen.getByTestId("districts"), language === "en" ? "Show the 16 districts" : "显示 16 个区"),
    );
    return screen.findByTestId("district-summary");
  }
  const cell = (id: string) => screen.getByTestId(id).textContent;

  it("lists every district's recognized entries per goal, a quota with its status, no district and the totals", async () => {
    const table = await openSummary("en");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + DISTRICTS.length + 2);
    const pudong = screen.getByTestId("district-PUDONG-BRANDS");
    expect(pudong.textContent).toContain("3 / 5");
    // Three against a quota of five by mid-2021 of a goal running to 2022.
    const status = pudong.getAttribute("data-status") as keyof typeof STATUS_LABELS;
    expect(status).toBe("ON_TRACK");
    expect(pudong.textContent).toBe(`3 / 5${STATUS_LABELS.ON_TRACK.en}`);
    expect(cell("district-PUDONG-PLATFORMS")).toBe("1");
    expect(cell("district-XUHUI-BRANDS")).toBe("1");
    expect(cell("district-XUHUI-PLATFORMS")).toBe("1");
    expect(cell("district-HUANGPU-BRANDS")).toBe("0");
    expect(screen.getByTestId("district-XUHUI-BRANDS").getAttribute("data-status")).toBeNull();
    expect(within(screen.getByTestId("district-row-none")).getByRole("rowheader").textContent).toBe(
      "No district",
    );
    expect(cell("no-district-BRANDS")).toBe("1");
    expect(cell("no-district-PLATFORMS")).toBe("0");
    expect(cell("district-total-BRANDS")).toBe("5");
    expect(cell("district-total-PLATFORMS")).toBe("2");
  });

  it("reads in Chinese", async () => {
    await openSummary("zh");
    expect(within(screen.getByTestId("district-row-PUDONG")).getByRole("rowheader").textContent).toBe(
      "浦东新区",
    );
    expect(cell("district-PUDONG-BRANDS")).toBe(`3 / 5${STATUS_LABELS.ON_TRACK.zh}`);
    expect(within(screen.getByTestId("district-row-none")).getByRole("rowheader").textContent).toBe("未填区");
    expect(cell("no-district-BRANDS")).toBe("1");
  });
});

describe("reading the Districts table", () => {
  const headers = (language: Language, order: (keyof typeof DISTRICT_HEADERS)[]) =>
    order.map((key) => DISTRICT_HEADERS[key][language]);

  it("gives each district's quota for a goal, the table in either language, its columns in any order", () => {
    const en = quotasFrom({
      headers: headers("en", ["quota", "id", "district", "actual"]),
      rows: [
        [5, "BRANDS", "Pudong New Area", 0],
        [2, "platforms", "Xuhui", 0],
        ["", "BRANDS", "Xuhui", 0],
        [0, "SCENARIOS", "Xuhui", 0],
        [3, "BRANDS", "Nowhere", 0],
      ],
    });
    expect(en("PUDONG", "BRANDS")).toBe(5);
    expect(en("XUHUI", "PLATFORMS")).toBe(2);
    expect(en("XUHUI", "BRANDS")).toBeUndefined();
    expect(en("XUHUI", "SCENARIOS")).toBeUndefined();
    expect(en("PUDONG", "PLATFORMS")).toBeUndefined();
    const zh = quotasFrom({
      headers: headers("zh", ["district", "id", "goal", "quota"]),
      rows: [
        ["浦东新区", "BRANDS", "品牌", 7],
        ["徐汇区", "UNMANNED", "无人工厂", 1.5],
      ],
    });
    expect(zh("PUDONG", "BRANDS")).toBe(7);
    expect(zh("XUHUI", "UNMANNED")).toBe(1.5);
    expect(zh("XUHUI", "BRANDS")).toBeUndefined();
    expect(quotasFrom(undefined)("PUDONG", "BRANDS")).toBeUndefined();
  });

  it.each(["en", "zh"] as const)(
    "comes with a refresh's read of a %s workbook in the 2 syncs it took before",
    async (language) => {
      const { context, fake } = fakeExcel();
      await applyTemplate(context, language);
      fake.reset();
      const snapshot = await readTracking(context);
      expect(fake.syncCount).toBe(2);
      expect(snapshot.districts?.rows).toHaveLength(DISTRICTS.length * GOAL_IDS.length);
      expect(snapshot.districts?.headers).toContain(DISTRICT_HEADERS.quota[language]);
    },
  );

  it("is undefined in a workbook without the Districts sheet, and the read takes no more syncs", async () => {
    const { context, fake, workbook } = fakeExcel();
    await applyTemplate(context, "en");
    workbook.sheet("Districts")!.delete();
    fake.reset();
    const snapshot = await readTracking(context);
    expect(fake.syncCount).toBe(2);
    expect(snapshot.districts).toBeUndefined();
    expect(snapshot.statusRules).toBeDefined();
  });
});
