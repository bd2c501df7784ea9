/** @jest-environment jsdom */
/**
 * The Workbook view after creating or repairing the workbook in an Excel without the page layout
 * API (ExcelApi 1.9): the template applies without its print settings, and the view says so.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Language } from "../../src/core/language";
import { PAGE_LAYOUT_REQUIREMENT } from "../../src/excel/page-layout";
import type { SetSupported } from "../../src/excel/requirements";
import { createTrackerClient } from "../../src/taskpane/tracker-client";
import {
  blankWorkbook,
  button,
  doubleRun,
  preparePaneTests,
  renderApp,
  tab,
  trackingWorkbook,
} from "./render";
import type { FakeWorkbook } from "../support/excel-double";

preparePaneTests();

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const WITHOUT_PAGE_LAYOUT: SetSupported = (set, version) =>
  !(set === PAGE_LAYOUT_REQUIREMENT.set && version === PAGE_LAYOUT_REQUIREMENT.version);

function clientOver(workbook: FakeWorkbook, isSetSupported: SetSupported) {
  return createTrackerClient(doubleRun(workbook), {
    isSetSupported,
    startup: { setStartupBehavior: async () => undefined, setDocumentSetting: async () => undefined },
  });
}

const SAID: Record<
  Language,
  { tab: string; create: string; repair: string; ready: RegExp; skipped: string }
> = {
  en: {
    tab: "Workbook",
    create: "Create the tracking workbook",
    repair: "Repair or upgrade",
    ready: /^The tracking workbook is ready \(template version \d+\)\.$/,
    skipped:
      "Print settings were not set: this version of Excel lacks ExcelApi 1.9. Everything else is in place. To print each sheet on A4 landscape, one page wide, with its title and headers on every page, choose “Repair or upgrade” again in a newer Excel or in Excel on the web.",
  },
  zh: {
    tab: "工作簿",
    create: "创建跟踪工作簿",
    repair: "修复或升级",
    ready: /^跟踪工作簿已就绪（模板版本 \d+）。$/,
    skipped:
      "未能写入打印设置：此 Excel 版本缺少 ExcelApi 1.9，其余内容均已就绪。如需每张工作表按 A4 横向、一页宽打印，且每页重复标题行和表头，请在较新版本的 Excel 或 Excel 网页版中再点一次“修复或升级”。",
  },
};

describe.each(["en", "zh"] as const)(
  "the Workbook view in %s, in an Excel without ExcelApi 1.9",
  (language) => {
    const said = SAID[language];
    const host = { inExcel: true, language, dark: false };

    it("creates the workbook without print settings and says so plainly", async () => {
      const workbook = blankWorkbook();
      renderApp(clientOver(workbook, WITHOUT_PAGE_LAYOUT), host);
      const view = await screen.findByTestId("workbook-view");
      fireEvent.click(button(view, said.create));
      expect(await within(view).findByText(said.ready)).toBeTruthy();
      expect(await within(view).findByText(said.skipped)).toBeTruthy();
      // The template is there; its page setup is not.
      expect(workbook.table("tblTargets")).toBeDefined();
      expect(workbook.sheets.every((sheet) => sheet.pageLayout.printTitleRows === null)).toBe(true);
    });

    it("says so after a repair too", async () => {
      const workbook = await trackingWorkbook({ language });
      renderApp(clientOver(workbook, WITHOUT_PAGE_LAYOUT), host);
      await screen.findByTestId("overview");
      fireEvent.click(tab(said.tab));
      const view = await screen.findByTestId("workbook-view");
      await waitFor(() => expect(button(view, said.repair)).toBeTruthy());
      fireEvent.click(button(view, said.repair));
      expect(await within(view).findByText(said.ready)).toBeTruthy();
      expect(within(view).getByText(said.skipped)).toBeTruthy();
    });

    it("says nothing of print settings where Excel writes them", async () => {
      const workbook = blankWorkbook();
      renderApp(
        clientOver(workbook, () => true),
        host,
      );
      const view = await screen.findByTestId("workbook-view");
      fireEvent.click(button(view, said.create));
      expect(await within(view).findByText(said.ready)).toBeTruthy();
      expect(within(view).queryByText(said.skipped)).toBeNull();
      expect(workbook.sheets.some((sheet) => sheet.pageLayout.printTitleRows !== null)).toBe(true);
    });
  },
);
