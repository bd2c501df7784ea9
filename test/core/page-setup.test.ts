import { oneWideScale, pageSetup, READABLE_SCALE, titleFormula } from "../../src/core/template/page-setup";
import { sheetSpec, tableSpec } from "../../src/core/template/template";

describe("page setup", () => {
  it("prints the Register one page wide at a readable scale (about 55% with the template's widths)", () => {
    const scale = oneWideScale(tableSpec("register"));
    expect(scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    expect(scale).toBeCloseTo(0.552, 2);
  });

  it("puts the Register's key columns first, so a printed page shows them side by side", () => {
    const ids = tableSpec("register").columns.map((column) => column.id);
    expect(ids.slice(0, 5)).toEqual(["goal", "name", "status", "date", "district"]);
  });

  it("repeats the title row and the header row; an earlier version's header on row 1 alone", () => {
    expect(pageSetup(sheetSpec("targets"), "en").titleRows).toEqual({ first: 1, last: 2 });
    expect(pageSetup(sheetSpec("targets"), "en", 0).titleRows).toEqual({ first: 1, last: 1 });
  });

  it("writes the as-of date without TEXT, whose format codes differ between languages", () => {
    expect(titleFormula(sheetSpec("register"), "zh")).toBe(
      '="登记（截至"&YEAR(AsOfDate)&"年"&MONTH(AsOfDate)&"月"&DAY(AsOfDate)&"日）"',
    );
    expect(titleFormula(sheetSpec("register"), "en")).not.toMatch(/TEXT\(/);
  });
});
