import { registerSheetXml, registerTableXml } from "../../src/cli/register-sheet";
import { buildWorkbook } from "../../src/cli/workbook-file";
import { readZip } from "../../src/cli/zip";
import type { Entry } from "../../src/core/entries";
import { SHEETS, tableSpec } from "../../src/core/template/template";

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

const splice = (sheet: string) => [...registerSheetXml(sheet, ENTRIES, "en", 45000)].join("");

describe("the Register's rows spliced into exceljs's worksheet", () => {
  let parts: { sheet: string; table: string };
  beforeAll(async () => {
    parts = await exceljsParts();
  });

  it("grows the dimension, the table and its filter to the entries", () => {
    const sheet = splice(parts.sheet);
    expect(sheet).toContain('<dimension ref="A1:K3"/>');
    expect(sheet).toMatch(/<row r="2" [^>]*><c r="A2" t="inlineStr"><is><t>Brands<\/t>/);
    expect(sheet).toContain('<row r="3" ');
    const table = registerTableXml(parts.table, ENTRIES.length);
    expect(table.match(/ref="A1:K3"/g)).toHaveLength(2);
    expect(table).toMatch(/<table [^>]*ref="A1:K3"/);
    expect(table).toContain('<autoFilter ref="A1:K3"');
  });

  it("fails, naming it, when the dimension is not there once", () => {
    const without = parts.sheet.replace(/<dimension [^>]*\/>/, "");
    expect(() => splice(without)).toThrow(
      'the Register written by exceljs is not as expected: the sheet\'s dimension: <dimension ref="A1:K2"/> found 0 times, not 1',
    );
    const other = parts.sheet.replace('<dimension ref="A1:K2"/>', '<dimension ref="A1:K9"/>');
    expect(() => splice(other)).toThrow("found 0 times, not 1");
  });

  it('fails when the blank row is not `<row r="2" ` (no prefix match)', () => {
    const renumbered = parts.sheet
      .replace(/<row r="2" /, '<row r="20" ')
      .replace(/r="([A-K])2"/g, 'r="$120"');
    expect(() => splice(renumbered)).toThrow('its blank body row: not one <row r="2"');
    const bare = parts.sheet.replace(/<row r="2" [^>]*>/, '<row r="2">');
    expect(() => splice(bare)).toThrow("its blank body row");
  });

  it("fails when the blank row is not the last of sheetData", () => {
    const more = parts.sheet.replace("</sheetData>", '<row r="3" spans="1:11"></row></sheetData>');
    expect(() => splice(more)).toThrow("row 2 is not the last row of sheetData");
  });

  it("fails unless the table's range occurs twice (the table and its autoFilter)", () => {
    const noFilter = parts.table.replace(/<autoFilter ref="[^"]*"/, "<autoFilter");
    expect(() => registerTableXml(noFilter, 2)).toThrow(
      "the table's and its autoFilter's range: ref=\"A1:K2\" found 1 times, not 2",
    );
    const thrice = parts.table.replace("<tableColumns", '<extra ref="A1:K2"/><tableColumns');
    expect(() => registerTableXml(thrice, 2)).toThrow("found 3 times, not 2");
  });
});
