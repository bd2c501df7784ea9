import { registerSheetXml, registerTableXml } from "../../src/cli/register-sheet";
import { buildWorkbook } from "../../src/cli/workbook-file";
import { readZip } from "../../src/cli/zip";
import type { Entry } from "../../src/core/entries";
import { cellAddress } from "../../src/core/template/cell-text";
import { TITLE_ROW } from "../../src/core/template/page-setup";
import { SHEETS, tableSpec } from "../../src/core/template/template";
import { bodyCell, bodyRow, tableRef } from "./template-cells";

const ENTRIES: Entry[] = [
  { goal: "BRANDS", name: "One", status: "RECOGNIZED" },
  { goal: "BRANDS", name: "Two", status: "RECOGNIZED" },
];

/** The Register's worksheet and table XML as exceljs writes them. */
async function exceljsParts(): Promise<{ sheet: string; table: string }> {
  const workbook = buildWorkbook({ language: "en", registerRows: ENTRIES.length });
  const parts = await readZip(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  const sheet = parts.get(`xl/worksheets/sheet${SHEETS.findIndex((s) => s.id === "register") + 1}.xml`)!;
  const name = ` name="${tableSpec("register").name}"`;
  const table = [...parts.values()].find((part) => part.toString("utf8").includes(name))!;
  return { sheet: sheet.toString("utf8"), table: table.toString("utf8") };
}

/** The sheet's used range with `rows` entries: from the title row to the table's last cell. */
function dimension(rows: number): string {
  const [, last] = tableRef("register", rows).split(":");
  return `<dimension ref="${cellAddress(TITLE_ROW, tableSpec("register").anchor.column)}:${last}"/>`;
}
/** The opening of the Register's first body row, the blank row exceljs writes. */
const FIRST = bodyRow("register");
const FIRST_CELL = bodyCell("register", "goal");

const splice = (sheet: string) => [...registerSheetXml(sheet, ENTRIES, "en", 45000)].join("");

describe("the Register's rows spliced into exceljs's worksheet", () => {
  let parts: { sheet: string; table: string };
  beforeAll(async () => {
    parts = await exceljsParts();
  });

  it("grows the dimension, the table and its filter to the entries", () => {
    const sheet = splice(parts.sheet);
    expect(sheet).toContain(dimension(ENTRIES.length));
    expect(sheet).toMatch(
      new RegExp(`<row r="${FIRST}" [^>]*><c r="${FIRST_CELL}" t="inlineStr"><is><t>Brands</t>`),
    );
    expect(sheet).toContain(`<row r="${FIRST + 1}" `);
    expect(sheet).not.toContain(`<row r="${FIRST + 2}" `);
    const table = registerTableXml(parts.table, ENTRIES.length);
    const ref = tableRef("register", ENTRIES.length);
    expect(table.split(`ref="${ref}"`)).toHaveLength(3);
    expect(table).toMatch(new RegExp(`<table [^>]*ref="${ref}"`));
    expect(table).toContain(`<autoFilter ref="${ref}"`);
  });

  it("fails, naming it, when the dimension is not there once", () => {
    const without = parts.sheet.replace(/<dimension [^>]*\/>/, "");
    expect(() => splice(without)).toThrow(
      `the Register written by exceljs is not as expected: the sheet's dimension: ${dimension(1)} found 0 times, not 1`,
    );
    expect(parts.sheet).toContain(dimension(1));
    const other = parts.sheet.replace(dimension(1), dimension(8));
    expect(() => splice(other)).toThrow("found 0 times, not 1");
  });

  it("fails when the blank row is not numbered as the first body row (no prefix match)", () => {
    const renumbered = parts.sheet
      .replace(`<row r="${FIRST}" `, `<row r="${FIRST}0" `)
      .replace(new RegExp(`r="([A-K])${FIRST}"`, "g"), `r="$1${FIRST}0"`);
    expect(renumbered).not.toBe(parts.sheet);
    expect(() => splice(renumbered)).toThrow(`its blank body row: not one <row r="${FIRST}"`);
    const bare = parts.sheet.replace(new RegExp(`<row r="${FIRST}" [^>]*>`), `<row r="${FIRST}">`);
    expect(bare).not.toBe(parts.sheet);
    expect(() => splice(bare)).toThrow("its blank body row");
  });

  it("fails when the blank row is not the last of sheetData", () => {
    const more = parts.sheet.replace("</sheetData>", `<row r="${FIRST + 1}" spans="1:11"></row></sheetData>`);
    expect(() => splice(more)).toThrow(`row ${FIRST} is not the last row of sheetData`);
  });

  it("fails unless the table's range occurs twice (the table and its autoFilter)", () => {
    const noFilter = parts.table.replace(/<autoFilter ref="[^"]*"/, "<autoFilter");
    const ref = tableRef("register", 1);
    expect(() => registerTableXml(noFilter, 2)).toThrow(
      `the table's and its autoFilter's range: ref="${ref}" found 1 times, not 2`,
    );
    const thrice = parts.table.replace("<tableColumns", `<extra ref="${ref}"/><tableColumns`);
    expect(() => registerTableXml(thrice, 2)).toThrow("found 3 times, not 2");
  });
});
