/**
 * Stands in for Excel in the browser suite: installs `Office` (host Excel, display language from
 * the page's ?lang= or the browser) and `Excel.run` over the Excel test double, before the task
 * pane's own bundle runs. Built only into the test build (taskpane-double.html).
 */
import { FakeContext, FakeWorkbook } from "../../support/excel-double";

const params = new URLSearchParams(location.search);
const workbook = new FakeWorkbook();
new FakeContext(workbook).workbook.worksheets.add("Sheet1");

const office = {
  HostType: { Excel: "Excel" },
  onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
  context: {
    displayLanguage: params.get("lang") ?? navigator.language,
    officeTheme: undefined,
    requirements: {
      // ?old=1 plays an Excel that lacks the requirement sets.
      isSetSupported: () => params.get("old") !== "1",
    },
  },
};

const excel = {
  run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => batch(new FakeContext(workbook)),
};

Object.assign(window, { Office: office, Excel: excel, __workbook: workbook });
