/**
 * The built task pane at its real width (350 px) against the Excel test double in the page:
 * create the workbook, add entries, watch counts and statuses change, import a CSV with a bad row,
 * switch to Chinese, record a snapshot. Every view is screenshotted in both languages, checked
 * with axe (no serious or critical violation) and walked with the keyboard alone.
 */
import { mkdirSync } from "fs";
import { join } from "path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { TEMPLATE_VERSION } from "../../src/core/template/template";
import type { StaticServer } from "../support/serve-static";
import { launchChromium, openPage, type OpenedPage, RESULTS_DIR, saveScreenshot, serveDist } from "./browser";

let browser: Browser;
let server: StaticServer;
let opened: OpenedPage;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  opened = await openPage(browser, server, "taskpane-double.html?lang=en-US");
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
  await server?.close();
});

const page = (): Page => opened.page;

async function openTab(name: string) {
  await page().getByRole("tab", { name }).click();
  await page().getByRole("main", { name }).waitFor();
}

/** Serious or critical accessibility violations on the page as it is now. */
async function axeProblems(): Promise<string[]> {
  // Fluent's focus manager (tabster) places aria-hidden focus sentinels that hand focus on at once;
  // axe reports them as focusable hidden elements, so they are left out of the scan.
  const results = await new AxeBuilder({ page: page() }).exclude("[data-tabster-dummy]").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Tabs through the page and returns the controls of the view that never received focus. */
async function unreachableByKeyboard(): Promise<string[]> {
  const p = page();
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const controls = await p.evaluate(() => {
    const main = document.querySelector("main")!;
    const elements = [
      ...main.querySelectorAll<HTMLElement>("button, input, select, textarea, a[href]"),
    ].filter((el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null);
    elements.forEach((el, i) => el.setAttribute("data-kb", String(i)));
    return elements.map((el, i) => ({
      i,
      label: el.getAttribute("aria-label") ?? el.textContent ?? el.tagName,
    }));
  });
  const reached = new Set<string>();
  for (let step = 0; step < controls.length * 3 + 20; step++) {
    await p.keyboard.press("Tab");
    const id = await p.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      // A radio group is one tab stop: reaching one radio reaches the group.
      const radio = active?.closest("[role=radiogroup]");
      if (radio) radio.querySelectorAll("[data-kb]").forEach((el) => el.setAttribute("data-kb-reached", "1"));
      return active?.getAttribute("data-kb") ?? null;
    });
    if (id !== null) reached.add(id);
  }
  const groupReached = await p.evaluate(() =>
    [...document.querySelectorAll("[data-kb-reached]")].map((el) => el.getAttribute("data-kb")),
  );
  groupReached.forEach((id) => id !== null && reached.add(id));
  return controls.filter((c) => !reached.has(String(c.i))).map((c) => c.label.trim());
}

async function checkView(tab: string, screenshot: string) {
  await openTab(tab);
  await page().waitForTimeout(150);
  await saveScreenshot(page(), screenshot);
  expect({ view: tab, axe: await axeProblems() }).toEqual({ view: tab, axe: [] });
  expect({ view: tab, unreachable: await unreachableByKeyboard() }).toEqual({ view: tab, unreachable: [] });
}

async function cardText(goal: string): Promise<{ actual: string; status: string }> {
  return {
    actual: (await page().getByTestId(`actual-${goal}`).textContent()) ?? "",
    status: (await page().getByTestId(`status-${goal}`).textContent()) ?? "",
  };
}

async function addEntry(entry: {
  goal: string;
  name: string;
  status: string;
  date?: string;
  sector?: string;
  district?: string;
}) {
  const form = page().getByRole("main");
  await form.getByLabel("Goal").selectOption(entry.goal);
  await form.getByLabel("Name").fill(entry.name);
  await form.getByLabel("Status").selectOption(entry.status);
  if (entry.date) await form.getByLabel("Date recognized").fill(entry.date);
  if (entry.sector) await form.getByLabel("Sector", { exact: true }).selectOption(entry.sector);
  if (entry.district) await form.getByLabel("District", { exact: true }).selectOption(entry.district);
  await form.getByRole("button", { name: "Add entry" }).click();
  await page().getByText(`Added “${entry.name}” to the register.`).waitFor();
}

test("offers to create the workbook, then creates it", async () => {
  await page().getByText("No tracking workbook here yet").waitFor();
  await saveScreenshot(page(), "pane-en-no-template");
  expect(await page().getByTestId("version-found").textContent()).toBe(
    "This workbook does not have the tracking template yet.",
  );
  await page().getByRole("button", { name: "Create the tracking workbook" }).click();
  await page().getByText(`The tracking workbook is ready (template version ${TEMPLATE_VERSION}).`).waitFor();
  expect(
    await page().evaluate(() =>
      (window as unknown as { __workbook: { sheets: { rawName: string }[] } }).__workbook.sheets.map(
        (s) => s.rawName,
      ),
    ),
  ).toEqual([
    "Sheet1",
    "About",
    "Dashboard",
    "Targets",
    "Register",
    "Sectors",
    "Snapshots",
    "Indicators",
    "Lists",
    "Report",
    "Status rules",
    "Evaluation",
    "Likelihood",
    "Districts",
    "Changes",
    "Merges",
    "Conflicts",
    "Recorded",
  ]);
});

test("measures as of a fixed date set in Settings", async () => {
  await openTab("Settings");
  await page().getByRole("radio", { name: "A fixed date" }).check();
  await page().getByRole("main").getByRole("textbox", { name: "A fixed date" }).fill("2020-04-20");
  await page().getByRole("button", { name: "Use this date" }).click();
  await page()
    .getByText(/The workbook now measures as of 20 April 2020/)
    .waitFor();
  await openTab("Overview");
  await page().getByText("As of 20 April 2020").waitFor();
  expect(await cardText("PLATFORMS")).toEqual({ actual: "0 of at least 20 (0%)", status: "Behind" });
});

test("adding three entries changes the counts and statuses", async () => {
  await openTab("Register");
  await addEntry({
    goal: "PLATFORMS",
    name: "Cloud platform",
    status: "RECOGNIZED",
    date: "2020-04-15",
    sector: "INDUSTRIAL_INTERNET",
    district: "XUHUI",
  });
  await addEntry({ goal: "BRANDS", name: "Tea brand", status: "RECOGNIZED", date: "2020-04-10" });
  await addEntry({ goal: "BRANDS", name: "Candidate brand", status: "CANDIDATE", date: "2020-04-11" });
  expect(await page().getByTestId("latest").getByRole("listitem").count()).toBe(3);
  await openTab("Overview");
  expect(await cardText("PLATFORMS")).toEqual({ actual: "1 of at least 20 (5%)", status: "On track" });
  // 12 days in, a steady pace needs 101 x 12/997 = 1.2 brands: 1 is above 80% of that.
  expect(await cardText("BRANDS")).toEqual({ actual: "1 of more than 100 (1%)", status: "At risk" });
  expect(await page().getByRole("table").textContent()).toContain("Industrial internet");
});

test("the form reports field errors from the core and writes nothing", async () => {
  await openTab("Register");
  const form = page().getByRole("main");
  await form.getByLabel("Goal").selectOption("BRANDS");
  await form.getByLabel("Name").fill("Tea brand");
  await form.getByLabel("Status").selectOption("RECOGNIZED");
  await form.getByLabel("Evidence link").fill("not a link");
  await form.getByRole("button", { name: "Add entry" }).click();
  await page().getByText("Fix the fields marked below, then add the entry again.").waitFor();
  await page()
    .getByText(
      "Evidence must be one web address: http:// or https://, then the site, with no spaces and no user name or password.",
    )
    .waitFor();
  await page().getByText('"Tea brand" is already in the register for this goal.').waitFor();
  expect(await page().getByTestId("latest").getByRole("listitem").count()).toBe(3);
});

test("imports a CSV, reporting the bad row and writing only the good ones", async () => {
  await openTab("Register");
  const csv = [
    "Goal,Name,Status,Date recognized",
    "Application scenarios,Smart clinic,Recognized,2020-04-12",
    "Application scenarios,Robot delivery,Recognized,2020-04-13",
    "Application scenarios,Broken date,Recognized,2020-02-30",
  ].join("\n");
  await page()
    .getByTestId("csv-file")
    .setInputFiles({ name: "entries.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page().getByText("2 rows ready to import, 1 with problems.").waitFor();
  expect(await page().getByTestId("import-problems").textContent()).toContain("Line 4");
  await saveScreenshot(page(), "pane-en-import-preview");
  await page().getByRole("button", { name: "Import 2 valid rows" }).click();
  await page().getByText("Imported 2 entries.").waitFor();
  await openTab("Overview");
  expect((await cardText("SCENARIOS")).actual).toBe("2 of more than 100 (2%)");
});

test("exports the register as CSV", async () => {
  await openTab("Register");
  const [download] = await Promise.all([
    page().waitForEvent("download"),
    page().getByRole("button", { name: "Export as CSV" }).click(),
  ]);
  const path = await download.path();
  const text = require("fs").readFileSync(path, "utf8") as string;
  expect(text.split("\r\n")[0]).toBe(
    "\ufeffGoal,Name,Status,Date recognized,District,Kind,Sector,Evidence link,Notes,Entered by,Entered at,Credit code,Reported by,Source file,Merged at",
  );
  expect(text).toContain("Smart clinic");
});

test("records a snapshot and shows the trend", async () => {
  await openTab("History");
  await page().getByRole("main").getByLabel("Note (optional)").fill("first look");
  await page().getByRole("button", { name: "Record snapshot" }).click();
  await page().getByText("Snapshot recorded: 6 rows added to the Snapshots sheet.").waitFor();
  await page().getByTestId("trend-PLATFORMS").waitFor();
});

test("prepares the workbook for sharing: load with the workbook and stop, nothing to freeze", async () => {
  await openTab("Workbook");
  await page()
    .getByText(/Every figure of the tracking sheets is a plain formula/)
    .waitFor();
  expect(
    await page()
      .getByRole("button", { name: /Freeze/ })
      .count(),
  ).toBe(0);
  const officeCalls = () =>
    page().evaluate(() => (window as unknown as { __officeCalls: string[] }).__officeCalls);
  // Turning it on asks first: recipients without the add-in get an add-in error on opening.
  await page().getByRole("button", { name: "Open the add-in with this workbook" }).click();
  await page()
    .getByText(/will see an add-in error each time they open the workbook/)
    .waitFor();
  expect(await officeCalls()).toEqual([]);
  await page().getByRole("button", { name: "Turn it on" }).click();
  await page()
    .getByText(/will have it load/)
    .waitFor();
  expect(await officeCalls()).toEqual(["startup Load", "Office.AutoShowTaskpaneWithDocument=true"]);
  await page().getByRole("button", { name: "Stop opening the add-in with this workbook" }).click();
  await page()
    .getByText(/no longer loads the add-in/)
    .waitFor();
  expect((await officeCalls()).slice(2)).toEqual([
    "startup None",
    "Office.AutoShowTaskpaneWithDocument=false",
  ]);
});

/** The content of a cell of the in-page double's workbook ("" when empty). */
async function cellFormula(sheet: string, row: number, column: number): Promise<string> {
  return page().evaluate(
    ([sheet, row, column]) => {
      type State = { value: unknown; formula?: string };
      type Workbook = { sheet(name: string): { cells: Map<string, State> } };
      const workbook = (window as unknown as { __workbook: Workbook }).__workbook;
      const state = workbook.sheet(sheet as string).cells.get(`${row},${column}`);
      return state?.formula ?? String(state?.value ?? "");
    },
    [sheet, row, column] as const,
  );
}

async function selectCells(sheet: string, ...addresses: string[]) {
  await page().evaluate(
    ([sheet, addresses]) =>
      (window as unknown as { __workbook: { select(s: string, ...a: string[]): void } }).__workbook.select(
        sheet as string,
        ...(addresses as string[]),
      ),
    [sheet, addresses] as const,
  );
}

test("inserts a function's example into the selected cell, and refuses a cell that is not empty", async () => {
  await openTab("Workbook");
  const count = page().getByTestId("function-COUNT");
  await count.locator("summary").click();
  await count
    .getByText("Arguments: SHONLINE.COUNT(goals, goal, [statuses], [dates], [as_of], [deadline])")
    .waitFor();
  await selectCells("Sheet1", "B2");
  await count.getByRole("button", { name: "Insert into the selected cell" }).click();
  await count.getByText("Inserted into Sheet1!B2.").waitFor();
  expect(await cellFormula("Sheet1", 1, 1)).toBe(
    '=SHONLINE.COUNT(tblRegister[Goal],"BRANDS",tblRegister[Status],tblRegister[Date recognized],AsOfDate)',
  );
  await count.getByRole("button", { name: "Insert into the selected cell" }).click();
  await count
    .getByRole("alert")
    .getByText(/^Sheet1!B2 is not empty/)
    .waitFor();
  await saveScreenshot(page(), "pane-en-functions");
  expect(await axeProblems()).toEqual([]);
  expect(await unreachableByKeyboard()).toEqual([]);
  await count.locator("summary").click();
});

test("checks this Excel: every check passes, nothing is left behind, and the report can be copied", async () => {
  await openTab("Workbook");
  const sheets = () =>
    page().evaluate(() =>
      (window as unknown as { __workbook: { sheets: { rawName: string }[] } }).__workbook.sheets.map(
        (s) => s.rawName,
      ),
    );
  const before = await sheets();
  await page().getByRole("button", { name: "Check this Excel" }).click();
  const results = page().getByTestId("diagnostics-results");
  await results.waitFor();
  expect(await page().getByTestId("diagnostics-summary").textContent()).toBe("13 passed, 0 failed.");
  expect(await results.textContent()).toContain("Platform: OfficeOnline");
  await saveScreenshot(page(), "pane-en-diagnostics");
  expect(await axeProblems()).toEqual([]);
  expect(await sheets()).toEqual(before);
  await page().getByRole("button", { name: "Copy report" }).click();
  // Headless Chromium may or may not grant the clipboard: either way the pane says what happened.
  await page()
    .getByText(/^(Report copied\.|This Excel does not let the pane copy\.)/)
    .waitFor();
});

test("every view in English: screenshot, axe, keyboard", async () => {
  for (const [tab, file] of [
    ["Overview", "pane-en-overview"],
    ["Register", "pane-en-register"],
    ["Workbook", "pane-en-workbook"],
    ["History", "pane-en-history"],
    ["Evaluation", "pane-en-evaluation"],
    ["Edit entries", "pane-en-edit"],
    ["Merge districts", "pane-en-merge"],
    ["Settings", "pane-en-settings"],
  ]) {
    await checkView(tab, file);
  }
});

test("tabs are switched with the keyboard alone", async () => {
  await openTab("Overview");
  await page().getByRole("tab", { name: "Overview" }).focus();
  await page().keyboard.press("ArrowRight");
  await page().keyboard.press("Enter");
  await page().getByRole("main", { name: "Register" }).waitFor();
});

test("switches to 中文, and every view in Chinese: screenshot, axe, keyboard", async () => {
  await openTab("Settings");
  await page().getByRole("radio", { name: "中文" }).last().check();
  await page().getByRole("button", { name: "Save settings" }).click();
  await page().getByText("设置已保存。").waitFor();
  await openTab("概览");
  expect(await cardText("PLATFORMS")).toEqual({ actual: "1 / 不少于 20（5%）", status: "进度正常" });
  for (const [tab, file] of [
    ["概览", "pane-zh-overview"],
    ["登记", "pane-zh-register"],
    ["工作簿", "pane-zh-workbook"],
    ["历史", "pane-zh-history"],
    ["终期评估", "pane-zh-evaluation"],
    ["修改条目", "pane-zh-edit"],
    ["合并各区", "pane-zh-merge"],
    ["设置", "pane-zh-settings"],
  ]) {
    await checkView(tab, file);
  }
});

test("in Chinese, a goal's details open on demand, with its burn-up chart", async () => {
  await openTab("概览");
  const card = page().getByTestId("card-PLATFORMS");
  const toggle = card.locator("button[aria-expanded]");
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
  await toggle.click();
  expect(await toggle.getAttribute("aria-expanded")).toBe("true");
  const details = page().getByTestId("details-PLATFORMS");
  await details.locator("svg[role=img]").waitFor();
  await saveScreenshot(page(), "pane-zh-overview-details");
  expect(await axeProblems()).toEqual([]);
  await toggle.click();
  expect(await toggle.getAttribute("aria-expanded")).toBe("false");
});

test("in Chinese, the functions: descriptions and arguments in Chinese, names in English", async () => {
  await openTab("工作簿");
  const section = page().getByTestId("functions");
  await section.getByRole("heading", { name: "函数" }).waitFor();
  const count = page().getByTestId("function-COUNT");
  await count.locator("summary").click();
  await count
    .getByText("参数：SHONLINE.COUNT(目标列, 目标, [状态列], [认定日期列], [截至日期], [截止日期])")
    .waitFor();
  expect(await count.locator("summary").textContent()).toBe(
    "SHONLINE.COUNT 截至日期前计入该目标的已认定登记条目数（加 TRUE：且不晚于截止日期）。",
  );
  await selectCells("Sheet1", "C3:D4");
  await count.getByRole("button", { name: "插入到所选单元格" }).click();
  await count
    .getByRole("alert")
    .getByText("所选区域 Sheet1!C3:D4 不止一个单元格。请只选择一个空单元格，然后重新插入。")
    .waitFor();
  await section.scrollIntoViewIfNeeded();
  mkdirSync(RESULTS_DIR, { recursive: true });
  await section.screenshot({ path: join(RESULTS_DIR, "pane-zh-functions.png") });
  expect(await axeProblems()).toEqual([]);
  await count.locator("summary").click();
});

test("in Chinese, the English workbook's goals, statuses, sectors and districts read in Chinese", async () => {
  await openTab("登记");
  const latest = page().getByTestId("latest").getByRole("listitem");
  expect(await latest.allTextContents()).toEqual([
    "Robot delivery · 应用场景 · 已认定 · 2020年4月13日",
    "Smart clinic · 应用场景 · 已认定 · 2020年4月12日",
    "Candidate brand · 品牌产品 · 候选 · 2020年4月11日",
    "Tea brand · 品牌产品 · 已认定 · 2020年4月10日",
    "Cloud platform · 具有全国影响力的工业互联网平台 · 已认定 · 工业互联网 · 徐汇 · 2020年4月15日",
  ]);
  await saveScreenshot(page(), "pane-zh-english-workbook-register");
  await openTab("概览");
  expect(await page().getByRole("table").textContent()).toContain("工业互联网");
  expect(await page().getByRole("table").textContent()).not.toMatch(/[A-Za-z]/);
  await saveScreenshot(page(), "pane-zh-english-workbook-overview");
  await openTab("历史");
  expect(await page().getByTestId("trend-PLATFORMS").locator("figcaption").textContent()).toBe(
    "具有全国影响力的工业互联网平台",
  );
});

test("in Chinese, the date field is text with a Chinese placeholder and says which date it read", async () => {
  await openTab("登记");
  const date = page().getByRole("main").getByLabel("认定日期");
  expect(await date.getAttribute("type")).toBe("text");
  expect(await date.getAttribute("placeholder")).toBe("例如 2021-06-30");
  await date.fill("2020年4月16日");
  await page().getByText("识别为 2020年4月16日。").waitFor();
  await date.fill("2020/4/17");
  await page().getByText("识别为 2020年4月17日。").waitFor();
  await saveScreenshot(page(), "pane-zh-date-field");
  await date.fill("");
  expect(
    await page()
      .getByText(/^识别为/)
      .count(),
  ).toBe(0);
});

test("in Chinese, downloads the empty register in Chinese, and its row of allowed values is skipped on import", async () => {
  await openTab("登记");
  const [download] = await Promise.all([
    page().waitForEvent("download"),
    page().getByRole("button", { name: "下载空白登记表（CSV）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("登记表模板.csv");
  const bytes = require("fs").readFileSync(await download.path()) as Buffer;
  const lines = bytes.toString("utf8").split("\r\n");
  expect(lines[0]).toBe("\ufeff目标,名称,状态,认定日期,区,类型,领域,佐证链接,备注,录入人,统一社会信用代码");
  expect(lines[1]).toMatch(/^可选值：创新型企业、应用场景、/);
  await page()
    .getByText(/^已保存 登记表模板\.csv。/)
    .waitFor();
  await page()
    .getByTestId("csv-file")
    .setInputFiles({ name: "登记表模板.csv", mimeType: "text/csv", buffer: bytes });
  await page().getByText("0 行可导入，0 行有问题。").waitFor();
  expect(await page().getByTestId("import-hint-lines").textContent()).toBe(
    "已跳过第 2 行：该行列出的是各列的可选值，不是条目。",
  );
  await saveScreenshot(page(), "pane-zh-template-import");
  await page().getByRole("button", { name: "取消" }).click();
});

test("in Chinese, imports a CSV saved by Excel on Chinese Windows (GB18030) into the English workbook", async () => {
  await openTab("登记");
  const bytes = require("fs").readFileSync(
    require("path").join(__dirname, "../fixtures/csv/register-gb18030.csv"),
  );
  await page()
    .getByTestId("csv-file")
    .setInputFiles({ name: "登记.csv", mimeType: "text/csv", buffer: bytes });
  await page().getByText("3 行可导入，0 行有问题。").waitFor();
  expect(await page().getByTestId("import-first-names").textContent()).toBe(
    "已按 GB18030 读取。前几行名称：上海老字号数字商店、徐汇滨江智慧导览、长宁区某科技公司。",
  );
  await saveScreenshot(page(), "pane-zh-import-gb18030");
  await page().getByRole("button", { name: "导入 3 行有效数据" }).click();
  await page().getByText("已导入 3 个条目。").waitFor();
});

test("in Chinese, the check of this Excel reads in Chinese", async () => {
  await openTab("工作簿");
  await page().getByRole("button", { name: "检查此 Excel 环境" }).click();
  await page().getByTestId("diagnostics-results").waitFor();
  expect(await page().getByTestId("diagnostics-summary").textContent()).toBe("13 项通过，0 项未通过。");
  await saveScreenshot(page(), "pane-zh-diagnostics");
  expect(await axeProblems()).toEqual([]);
});

test("logged no console or page error along the way", () => {
  const { log } = opened;
  expect({ consoleErrors: log.consoleErrors, pageErrors: log.pageErrors }).toEqual({
    consoleErrors: [],
    pageErrors: [],
  });
});

test("in Excel on Mac, which saves no file from an add-in, the empty register is shown as text to copy", async () => {
  const mac = await openPage(browser, server, "taskpane-double.html?lang=zh-CN&template=1&platform=Mac");
  try {
    const downloads: string[] = [];
    mac.page.on("download", (download) => downloads.push(download.suggestedFilename()));
    await mac.page.getByRole("tab", { name: "登记" }).click();
    await mac.page.getByRole("button", { name: "下载空白登记表（CSV）" }).click();
    await mac.page.getByText(/^Mac 版 Excel 不允许加载项保存文件。/).waitFor();
    const text = mac.page.getByLabel("登记表模板.csv 的内容");
    expect((await text.inputValue()).split("\n")[0]).toBe(
      "目标,名称,状态,认定日期,区,类型,领域,佐证链接,备注,录入人,统一社会信用代码",
    );
    expect(await text.evaluate((box) => box === document.activeElement)).toBe(true);
    await saveScreenshot(mac.page, "pane-zh-mac-template-text");
    expect(downloads).toEqual([]);
  } finally {
    await mac.context.close();
  }
});

test("an Excel without the needed requirement sets is told what is missing", async () => {
  const old = await openPage(browser, server, "taskpane-double.html?lang=en-US&old=1");
  try {
    await old.page.getByText("This version of Excel is too old for the tracker").waitFor();
    expect(await old.page.getByText(/It lacks ExcelApi 1.8/).count()).toBe(1);
    await saveScreenshot(old.page, "pane-en-unsupported");
  } finally {
    await old.context.close();
  }
});
