import { PLAN } from "../../src/core/plan";
import { pageSetup } from "../../src/core/template/page-setup";
import { SHEETS, sheetSpec, TABLE_ROW } from "../../src/core/template/template";
import { applyTemplate } from "../../src/excel/apply-template";
import { queuePageLayout } from "../../src/excel/page-layout";
import { ExcelError, FakeWorkbook, newPageLayout } from "../support/excel-double";
import { fakeExcel } from "../support/excel-fixtures";

function sheetApi(context: Excel.RequestContext, name: string): Excel.Worksheet {
  return context.workbook.worksheets.getItem(name);
}

describe("queuePageLayout over the double", () => {
  it("sets orientation, paper, both fit values, margins, print titles, header and footer in one sync", async () => {
    const { context, fake, workbook } = fakeExcel(FakeWorkbook.withSheets("Targets"));
    queuePageLayout(sheetApi(context, "Targets"), pageSetup(sheetSpec("targets"), "zh"));
    await context.sync();
    expect(fake.syncCount).toBe(1);
    expect(workbook.sheet("Targets")!.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: 28.8,
      rightMargin: 28.8,
      topMargin: 54,
      bottomMargin: 54,
      headerMargin: 21.6,
      footerMargin: 21.6,
      printTitleRows: { first: 1, last: TABLE_ROW + 1 },
      headerFooter: { centerHeader: PLAN.name.zh, leftFooter: "&A", rightFooter: "第 &P 页，共 &N 页" },
    });
  });

  it("fits the Dashboard and the Evaluation on one page, every other sheet one page wide", () => {
    for (const sheet of SHEETS.filter((s) => !s.hidden)) {
      const setup = pageSetup(sheet, "en");
      expect([sheet.id, setup.fitWide, setup.fitTall]).toEqual([
        sheet.id,
        1,
        ["dashboard", "evaluation"].includes(sheet.id) ? 1 : 0,
      ]);
    }
  });
});

describe("the double's page layout rules", () => {
  async function attempt(write: (layout: Excel.PageLayout) => void) {
    const { context, workbook } = fakeExcel(FakeWorkbook.withSheets("S"));
    write(sheetApi(context, "S").pageLayout);
    const outcome = await context.sync().then(
      () => "ok",
      (error: ExcelError) => error.code,
    );
    return { outcome, layout: workbook.sheet("S")!.pageLayout };
  }

  it("refuses what Excel refuses", async () => {
    expect((await attempt((l) => (l.paperSize = "A6" as Excel.PaperType))).outcome).toBe("InvalidArgument");
    expect((await attempt((l) => (l.orientation = "Sideways" as Excel.PageOrientation))).outcome).toBe(
      "InvalidArgument",
    );
    expect((await attempt((l) => (l.zoom = { scale: 5 }))).outcome).toBe("InvalidArgument");
    expect((await attempt((l) => (l.zoom = { scale: 80, horizontalFitToPages: 1 }))).outcome).toBe(
      "InvalidArgument",
    );
    expect((await attempt((l) => (l.leftMargin = -1))).outcome).toBe("InvalidArgument");
    expect((await attempt((l) => l.setPrintTitleRows("A1:B2"))).outcome).toBe("InvalidArgument");
    const long = "x".repeat(200);
    const header = await attempt((l) => {
      l.headersFooters.defaultForAllPages.leftHeader = long;
      l.headersFooters.defaultForAllPages.rightHeader = long;
    });
    expect(header.outcome).toBe("InvalidArgument");
    expect(header.layout.headerFooter).toEqual({ leftHeader: long });
  });

  it("does not take one fit value alone (office-js issue 1860), and takes both together", async () => {
    const alone = await attempt((l) => (l.zoom = { horizontalFitToPages: 1 }));
    expect(alone).toEqual({ outcome: "ok", layout: newPageLayout() });
    const both = await attempt((l) => (l.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }));
    expect(both.layout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });
});

describe("applying the template prints every sheet", () => {
  it("writes each visible sheet's page setup in the same syncs, none on the hidden Lists", async () => {
    const { context, fake, workbook } = fakeExcel();
    const report = await applyTemplate(context, "en", { supports: () => true });
    const syncs = fake.syncCount;
    const printed = SHEETS.filter((s) => !s.hidden).map((s) => s.name.en);
    expect(report.pageLayout).toEqual(printed);
    for (const name of printed) {
      const layout = workbook.sheet(name)!.pageLayout;
      expect([name, layout.orientation, layout.paperSize, layout.printTitleRows]).toEqual([
        name,
        "Landscape",
        "A4",
        { first: 1, last: TABLE_ROW + 1 },
      ]);
      expect(workbook.sheet(name)!.getCell(0, 0)!.formula).toMatch(/^=".* — as of "&YEAR\(AsOfDate\)/);
    }
    expect(workbook.sheet("Lists")!.pageLayout).toEqual(newPageLayout());

    // Without ExcelApi 1.9 the rest applies, in as many syncs, and the report says so.
    const old = fakeExcel();
    const without = await applyTemplate(old.context, "en", {
      supports: (set, version) => !(set === "ExcelApi" && version === "1.9"),
    });
    expect(without.pageLayout).toBe("unsupported");
    expect(old.fake.syncCount).toBe(syncs);
    expect(old.workbook.sheet("Targets")!.pageLayout).toEqual(newPageLayout());
    expect(without.createdTables).toEqual(report.createdTables);
  });

  it("leaves a person's print settings alone on a second apply of the same version", async () => {
    const { context, workbook } = fakeExcel();
    await applyTemplate(context, "en", { supports: () => true });
    workbook.sheet("Targets")!.pageLayout.orientation = "Portrait";
    const again = await applyTemplate(context, "en", { supports: () => true });
    expect(again.pageLayout).toEqual([]);
    expect(workbook.sheet("Targets")!.pageLayout.orientation).toBe("Portrait");
  });
});
