/**
 * A sheet's page setup (core/template/page-setup.ts) queued through Excel's page layout API
 * (ExcelApi 1.9: "Work with page layout and print settings", the PageLayout reference). Nothing
 * here syncs: the writes ride in the batch that applies the template.
 */
import type { PageSetup } from "../core/template/page-setup";

export const PAGE_LAYOUT_REQUIREMENT = { set: "ExcelApi", version: "1.9" } as const;

const POINTS_PER_INCH = 72;
/** Inches as points, to a hundredth (0.3 inch is 21.6 points, not 21.599999999999998). */
const points = (inches: number) => Math.round(inches * POINTS_PER_INCH * 100) / 100;

export function queuePageLayout(sheet: Excel.Worksheet, setup: PageSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = setup.paper;
  // Both fit values together: the width alone may not take (office-js issue 1860). 0 pages tall
  // is "automatic", as many as the rows take (fitToHeight="0" in the file format).
  layout.zoom = { horizontalFitToPages: setup.fitWide, verticalFitToPages: setup.fitTall };
  const { margins } = setup;
  layout.leftMargin = points(margins.left);
  layout.rightMargin = points(margins.right);
  layout.topMargin = points(margins.top);
  layout.bottomMargin = points(margins.bottom);
  layout.headerMargin = points(margins.header);
  layout.footerMargin = points(margins.footer);
  layout.setPrintTitleRows(`$${setup.titleRows.first}:$${setup.titleRows.last}`);
  const page = layout.headersFooters.defaultForAllPages;
  page.centerHeader = setup.header.center;
  page.leftFooter = setup.footer.left;
  page.rightFooter = setup.footer.right;
}
