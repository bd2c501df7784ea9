/** @jest-environment jsdom */
/** "Check this Excel" in the task pane: the results of each check, in English and Chinese, and the copied report. */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Language } from "../../src/core/language";
import { FUNCTION_RESULT } from "../../src/excel/diagnostics";
import { DICTIONARIES } from "../../src/taskpane/i18n";
import { createTrackerClient, type TrackerClient } from "../../src/taskpane/tracker-client";
import { calculate, documentSettings, OFFICE_INFO } from "../support/diagnostics-double";
import type { CellValue, FakeWorkbook } from "../support/excel-double";
import { blankWorkbook, button, doubleRun, preparePaneTests, renderApp } from "./render";

preparePaneTests();

/** The pane's client over the double, with document settings and Office's version of its own. */
function client(
  workbook: FakeWorkbook,
  {
    functionShows = [FUNCTION_RESULT],
    supported = true,
  }: { functionShows?: CellValue[]; supported?: boolean } = {},
): TrackerClient {
  calculate(workbook, functionShows);
  return createTrackerClient(doubleRun(workbook), {
    isSetSupported: () => supported,
    startup: { setStartupBehavior: async () => undefined, setDocumentSetting: async () => undefined },
    settings: documentSettings(workbook).api,
    officeInfo: () => OFFICE_INFO,
  });
}

/** navigator.clipboard, which jsdom lacks: writing through `writeText`, or absent. */
function setClipboard(writeText: Clipboard["writeText"] | undefined) {
  Object.defineProperty(navigator, "clipboard", {
    value: writeText ? { writeText } : undefined,
    configurable: true,
  });
}

/** The pane on a blank workbook (it opens on the Workbook view), the check run, its results shown. */
async function runCheck(language: Language = "en", options?: Parameters<typeof client>[1]) {
  const workbook = blankWorkbook();
  const words = DICTIONARIES[language];
  renderApp(client(workbook, options), { inExcel: true, language, dark: false });
  const section = await screen.findByTestId("diagnostics");
  fireEvent.click(button(section, words.diagnosticsRun));
  const results = await within(section).findByTestId("diagnostics-results");
  return { workbook, section, results, words };
}

const statusOf = (results: HTMLElement, id: string) =>
  within(results).getByTestId(`check-${id}`).getAttribute("data-status");

afterEach(() => {
  cleanup();
  setClipboard(undefined);
});

describe("Check this Excel", () => {
  it("lists every check with its result, Office's version at the top, and leaves the workbook alone", async () => {
    const { workbook, section, results } = await runCheck();
    expect(within(section).getByRole("heading", { level: 2, name: "Diagnostics" })).toBeTruthy();
    expect(results.textContent).toContain("Office version: 16.0.17928.20114");
    expect(results.textContent).toContain("Platform: PC");
    expect(results.textContent).toContain("Application: Excel");
    const items = [...results.querySelectorAll("li")];
    expect(items.map((item) => item.getAttribute("data-testid"))).toEqual([
      "check-requirement-1.6",
      "check-requirement-1.7",
      "check-requirement-1.8",
      "check-requirement-1.9",
      "check-requirement-1.13",
      "check-settings",
      "check-sheet",
      "check-table",
      "check-validation",
      "check-conditionalFormats",
      "check-names",
      "check-function",
      "check-cleanup",
    ]);
    expect(items.every((item) => item.getAttribute("data-status") === "pass")).toBe(true);
    expect(within(results).getByTestId("diagnostics-summary").textContent).toBe("13 passed, 0 failed.");
    expect(within(results).getByTestId("check-requirement-1.8").textContent).toBe(
      "PassedExcelApi 1.8 (needed by the add-in: tables with drop-down lists and date checks, change events and named cells)",
    );
    expect(within(results).getByTestId("check-function").textContent).toBe(
      `PassedThe add-in's function =SHONLINE.TARGET("PLATFORMS")`,
    );
    expect(workbook.sheets.map((sheet) => sheet.rawName)).toEqual(["Sheet1"]);
    expect(workbook.names.all).toEqual([]);
  });

  it("says what failed and why: #NAME? means the functions are not loaded", async () => {
    const { results } = await runCheck("en", { functionShows: ["#NAME?"] });
    expect(statusOf(results, "function")).toBe("fail");
    expect(within(results).getByTestId("check-function").textContent).toContain(
      "Showed #NAME?: the add-in's functions are not loaded in this Excel.",
    );
    expect(within(results).getByTestId("diagnostics-summary").textContent).toBe("12 passed, 1 failed.");
  });

  it("copies a plain-text report with the version, platform, each check, its result and the date", async () => {
    const writeText = jest.fn(async (text: string) => void text);
    setClipboard(writeText);
    const { section } = await runCheck("en", { functionShows: ["#NAME?"] });
    fireEvent.click(button(section, "Copy report"));
    expect(
      await within(section).findByText("Report copied. Paste it into your support request."),
    ).toBeTruthy();
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = writeText.mock.calls[0][0];
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "Shanghai Online Economy Tracker: Check this Excel",
      expect.stringMatching(/^Checked: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/),
      "Office version: 16.0.17928.20114",
      "Platform: PC",
      "Application: Excel",
    ]);
    expect(text).toContain("[Passed] Add a temporary hidden sheet\n");
    expect(text).toContain("[Passed] Defined names: add, read back, delete\n");
    expect(text).toContain(
      `[Failed] The add-in's function =SHONLINE.TARGET("PLATFORMS")\n    Showed #NAME?: the add-in's functions are not loaded`,
    );
    expect(text).toContain("12 passed, 1 failed.");
    expect(lines.filter((line) => line.startsWith("["))).toHaveLength(13);
    // No stack trace or raw error name in what people send.
    expect(text).not.toMatch(/Error:|\bat .*\(.*:\d+:\d+\)/);
  });

  it("shows the report to copy by hand where the pane may not use the clipboard", async () => {
    setClipboard(async () => {
      throw new DOMException("Write permission denied.", "NotAllowedError");
    });
    const { section } = await runCheck();
    fireEvent.click(button(section, "Copy report"));
    expect(
      await within(section).findByText(
        "This Excel does not let the pane copy. Select the report below and copy it yourself.",
      ),
    ).toBeTruthy();
    const report = within(section).getByLabelText("Report") as HTMLTextAreaElement;
    expect(report.readOnly).toBe(true);
    expect(report.value).toContain("[Passed] Add a temporary hidden sheet");
    await waitFor(() => expect(document.activeElement).toBe(report));
  });

  it("in Chinese: labels, results and the copied report", async () => {
    const writeText = jest.fn(async (text: string) => void text);
    setClipboard(writeText);
    const { section, results } = await runCheck("zh");
    expect(within(section).getByRole("heading", { level: 2, name: "环境诊断" })).toBeTruthy();
    expect(button(section, "检查此 Excel 环境")).toBeTruthy();
    expect(results.textContent).toContain("Office 版本：16.0.17928.20114");
    expect(results.textContent).toContain("平台：PC");
    expect(within(results).getByTestId("check-sheet").textContent).toBe("通过添加临时隐藏工作表");
    expect(within(results).getByTestId("check-requirement-1.13").textContent).toBe(
      "通过ExcelApi 1.13（仅供参考：从文件插入工作表（insertWorksheetsFromBase64））",
    );
    expect(within(results).getByTestId("diagnostics-summary").textContent).toBe("13 项通过，0 项未通过。");
    expect(section.textContent).not.toMatch(/Passed|Failed|Check this Excel/);
    fireEvent.click(button(section, "复制报告"));
    expect(await within(section).findByText("报告已复制，可粘贴到支持请求中。")).toBeTruthy();
    const text = writeText.mock.calls[0][0];
    expect(text.split("\n")[0]).toBe("上海在线新经济目标跟踪：检查此 Excel 环境");
    expect(text).toMatch(/检查时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(text).toContain("[通过] 定义名称：添加、读回、删除");
  });

  it("is offered on an Excel too old for the tracker, and reports ExcelApi 1.8 missing", async () => {
    const workbook = blankWorkbook();
    renderApp(client(workbook, { supported: false }));
    const section = await screen.findByTestId("diagnostics");
    expect(screen.queryByTestId("workbook-view")).toBeNull();
    fireEvent.click(button(section, "Check this Excel"));
    const results = await within(section).findByTestId("diagnostics-results");
    expect(statusOf(results, "requirement-1.8")).toBe("fail");
    expect(within(results).getByTestId("check-requirement-1.8").textContent).toContain(
      "This Excel lacks it. Update Excel, or use Excel on the web.",
    );
    expect(statusOf(results, "requirement-1.9")).toBe("unavailable");
    expect(within(results).getByTestId("check-requirement-1.9").textContent).toContain("Not available");
  });

  it("is offered when the pane cannot read the workbook", async () => {
    const workbook = blankWorkbook();
    const failing = { ...client(workbook), read: () => Promise.reject(new Error("boom")) };
    renderApp(failing);
    expect((await screen.findByRole("alert")).textContent).toContain("boom");
    const section = await screen.findByTestId("diagnostics");
    fireEvent.click(button(section, "Check this Excel"));
    const results = await within(section).findByTestId("diagnostics-results");
    expect(statusOf(results, "table")).toBe("pass");
  });
});
