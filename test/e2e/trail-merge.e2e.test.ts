/**
 * The change trail and the merge, in the built pane at 350 px against the Excel double, in Chinese
 * and in English: give a name in Settings, change an entry's status (one Changes row naming that
 * person), type an edit straight into a cell (found at the next refresh), then merge two district
 * workbooks made by the command line (one English, one Chinese) with a duplicate across districts.
 * Each step is screenshotted and checked with axe.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { main } from "../../src/cli/workbook";
import type { StaticServer } from "../support/serve-static";
import { launchChromium, openPage, type OpenedPage, saveScreenshot, serveDist } from "./browser";

let browser: Browser;
let server: StaticServer;
let folder = "";
const files: { name: string; buffer: Buffer }[] = [];

/** Writes a district's workbook with the command line: its register and its reporting unit. */
async function districtWorkbook(name: string, language: "en" | "zh-CN", unit: string, csv: string[]) {
  const register = join(folder, `${name}.csv`);
  writeFileSync(register, csv.join("\r\n"));
  const out = join(folder, name);
  const errors: string[] = [];
  const code = await main(
    [
      "--lang",
      language,
      "--register",
      register,
      "--reporting-unit",
      unit,
      "--as-of",
      "2021-12-31",
      "--out",
      out,
    ],
    { stdout: () => undefined, stderr: (line) => errors.push(line) },
  );
  expect({ code, errors }).toEqual({ code: 0, errors: [] });
  files.push({ name, buffer: readFileSync(out) });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "trail-merge-"));
  server = await serveDist();
  browser = await launchChromium();
  // Xuhui reports a new enterprise, and one the city already has (its own row: a conflict).
  await districtWorkbook("xuhui.xlsx", "en", "Xuhui", [
    "Goal,Name,Status,Date recognized,District",
    "Innovative enterprises,Xuhui AI lab,Recognized,2021-05-01,Xuhui",
    "Innovative enterprises,Sample entry 1,Recognized,2021-05-02,Xuhui",
  ]);
  // Putuo, in Chinese: a new scenario, and Xuhui's enterprise again with another status (a conflict).
  await districtWorkbook("putuo.xlsx", "zh-CN", "普陀", [
    "目标,名称,状态,认定日期,区",
    "应用场景,普陀智慧港口,已认定,2021-06-01,普陀",
    "创新型企业,Xuhui AI lab,候选,2021-06-02,普陀",
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A table of the double's workbook, as its header and body values. */
async function tableValues(page: Page, name: string): Promise<{ headers: string[]; rows: unknown[][] }> {
  return page.evaluate((table) => {
    type Table = { headers(): string[]; dataValues(): unknown[][] };
    const workbook = (window as unknown as { __workbook: { table(name: string): Table } }).__workbook;
    const found = workbook.table(table);
    return { headers: found.headers(), rows: found.dataValues() };
  }, name);
}

/** The Changes rows as records by header, blank rows left out. */
async function changes(page: Page): Promise<Record<string, unknown>[]> {
  const { headers, rows } = await tableValues(page, "tblChanges");
  return rows
    .filter((row) => row.some((cell) => cell !== "" && cell !== null))
    .map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]])));
}

interface Words {
  readonly locale: string;
  readonly prefix: string;
  readonly tabs: { settings: string; edit: string; merge: string };
  readonly name: string;
  readonly save: string;
  readonly saved: string;
  readonly search: string;
  readonly status: string;
  readonly recognized: string;
  readonly saveEdit: string;
  readonly recorded: string;
  readonly change: Record<string, string>;
  readonly refresh: string;
  readonly cellsFound: RegExp;
  readonly cellsHow: string;
  readonly mergeButton: string;
  readonly merged: string;
  readonly mergedAgain: string;
  readonly conflict: string;
}

const WORDS: readonly Words[] = [
  {
    locale: "zh-CN",
    prefix: "pane-zh",
    tabs: { settings: "设置", edit: "修改条目", merge: "合并各区" },
    name: "您的姓名",
    save: "保存设置",
    saved: "设置已保存。",
    search: "名称包含",
    status: "状态",
    recognized: "RECOGNIZED",
    saveEdit: "保存修改",
    recorded: "已记录 1 处修改。",
    change: {
      修改人: "李伟",
      名称: "Sample entry 4",
      字段: "状态",
      原值: "候选",
      新值: "已认定",
      方式: "任务窗格",
    },
    refresh: "刷新",
    cellsFound: /^发现 1 处直接在单元格中的修改/,
    cellsHow: "单元格直接修改",
    mergeButton: "合并 2 个工作簿",
    merged: "合并完成：新增 2 条，更新 0 条，重复报送 2 条。",
    mergedAgain: "合并完成：新增 0 条，更新 0 条，重复报送 0 条。",
    conflict: "创新型企业 · Xuhui AI lab：计入徐汇，普陀亦有报送。",
  },
  {
    locale: "en-US",
    prefix: "pane-en",
    tabs: { settings: "Settings", edit: "Edit entries", merge: "Merge districts" },
    name: "Your name",
    save: "Save settings",
    saved: "Settings saved.",
    search: "Name contains",
    status: "Status",
    recognized: "RECOGNIZED",
    saveEdit: "Save changes",
    recorded: "1 change recorded.",
    change: {
      Who: "Li Wei",
      Name: "Sample entry 4",
      Field: "Status",
      From: "Candidate",
      To: "Recognized",
      How: "Task pane",
    },
    refresh: "Refresh",
    cellsFound: /^Found 1 edit typed straight into cells/,
    cellsHow: "Typed in cells",
    mergeButton: "Merge 2 workbooks",
    merged: "Merged: 2 added, 0 updated, 2 conflicts.",
    mergedAgain: "Merged: 0 added, 0 updated, 0 conflicts.",
    conflict: "Innovative enterprises · Xuhui AI lab: credited to Xuhui, also reported by Putuo.",
  },
];

describe.each(WORDS)("in $locale", (words) => {
  let opened: OpenedPage;
  const page = () => opened.page;
  const openTab = async (name: string) => {
    await page().getByRole("tab", { name }).click();
    await page().getByRole("main", { name }).waitFor();
  };

  const chooseFiles = () =>
    page()
      .getByTestId("merge-files")
      .setInputFiles(
        files.map((file) => ({
          name: file.name,
          mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          buffer: file.buffer,
        })),
      );

  beforeAll(async () => {
    // A workbook in the pane's language with five sample entries (Sample entry 4 is a candidate).
    opened = await openPage(browser, server, `taskpane-double.html?lang=${words.locale}&template=1&rows=5`);
  });

  afterAll(async () => {
    await opened?.context.close();
  });

  it("records who changed an entry's status, from what, to what", async () => {
    await openTab(words.tabs.settings);
    await page().getByRole("main").getByLabel(words.name).fill(words.change[Object.keys(words.change)[0]]);
    await page().getByRole("button", { name: words.save }).click();
    await page().getByText(words.saved).waitFor();

    await openTab(words.tabs.edit);
    await page().getByRole("main").getByLabel(words.search).fill("Sample entry 4");
    await page()
      .getByRole("radio", { name: /^Sample entry 4/ })
      .check();
    await page().getByRole("main").getByLabel(words.status, { exact: true }).selectOption(words.recognized);
    await page().getByRole("button", { name: words.saveEdit }).click();
    await page().getByText(words.recorded).waitFor();
    await saveScreenshot(page(), `${words.prefix}-edit-recorded`);
    expect(await axeProblems(page())).toEqual([]);
    const [change] = await changes(page());
    expect(change).toMatchObject(words.change);
  });

  it("finds an edit typed straight into a cell at the next refresh, once", async () => {
    // Someone types an evidence link into Sample entry 5's row, outside the add-in.
    await page().evaluate(() => {
      type Table = {
        headers(): string[];
        headerRow: number;
        column: number;
        sheet: { setCell(row: number, column: number, cell: { value: string }): void };
      };
      const workbook = (window as unknown as { __workbook: { table(name: string): Table } }).__workbook;
      const register = workbook.table("tblRegister");
      const evidence = register.headers().findIndex((h) => /Evidence link|佐证链接/.test(h));
      register.sheet.setCell(register.headerRow + 5, register.column + evidence, {
        value: "https://www.shanghai.gov.cn/x",
      });
    });
    await page().getByRole("button", { name: words.refresh, exact: true }).click();
    await page().getByText(words.cellsFound).waitFor();
    const logged = await changes(page());
    expect(logged).toHaveLength(2);
    expect(Object.values(logged[1])).toEqual(
      expect.arrayContaining([words.cellsHow, "https://www.shanghai.gov.cn/x"]),
    );
    await page().getByRole("button", { name: words.refresh, exact: true }).click();
    await page().waitForTimeout(500);
    expect(await changes(page())).toHaveLength(2);
  });

  it("merges two district workbooks: new entries added with their provenance, duplicates listed once", async () => {
    await openTab(words.tabs.merge);
    await chooseFiles();
    await page().getByTestId("merge-file-list").waitFor();
    await page().getByRole("button", { name: words.mergeButton }).click();
    await page().getByText(words.merged).waitFor();
    await page().getByText(words.conflict).waitFor();
    await saveScreenshot(page(), `${words.prefix}-merge-done`);
    expect(await axeProblems(page())).toEqual([]);

    const { headers, rows } = await tableValues(page(), "tblRegister");
    const names = rows.map((row) => row[headers.findIndex((h) => /^(Name|名称)$/.test(h))]);
    expect(names.filter((n) => n === "Xuhui AI lab")).toHaveLength(1);
    expect(names).toContain("普陀智慧港口");
    expect(rows).toHaveLength(7);
    const source = headers.findIndex((h) => /^(Source file|来源文件)$/.test(h));
    expect(rows.slice(5).map((row) => row[source])).toEqual(["xuhui.xlsx", "putuo.xlsx"]);
    const conflicts = await tableValues(page(), "tblConflicts");
    expect(conflicts.rows.filter((row) => row.some((cell) => cell !== ""))).toHaveLength(2);

    // The same two files again add nothing and list nothing new.
    await chooseFiles();
    await page().getByRole("button", { name: words.mergeButton }).click();
    await page().getByText(words.mergedAgain).waitFor();
    expect((await tableValues(page(), "tblRegister")).rows).toHaveLength(7);
  });

  it("logged no console or page error", () => {
    expect({ consoleErrors: opened.log.consoleErrors, pageErrors: opened.log.pageErrors }).toEqual({
      consoleErrors: [],
      pageErrors: [],
    });
  });
});
