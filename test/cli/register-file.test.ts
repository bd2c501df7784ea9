import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { escapeOoxmlText } from "../../src/cli/ooxml-text";
import { MAX_REGISTER_ROWS } from "../../src/cli/register-sheet";
import { loadWorkbook, SPARE_REGISTER_ROWS } from "../../src/cli/workbook-file";
import { nowSerial, serialFromUtc } from "../../src/core/dates";
import { entryRow } from "../../src/core/entries";
import { previewRegisterImport } from "../../src/core/register-csv";
import { SHEETS, tableSpec } from "../../src/core/template/template";
import { cellAddress } from "../../src/core/template/cell-text";
import { TITLE_ROW } from "../../src/core/template/page-setup";
import { HEADER, NOW, packagePart, runCli, scratchFolder, writeCsv } from "./harness";
import { bodyCell, bodyRow, columnRange, headerRow, tableRef } from "./template-cells";

const folder = scratchFolder();
const REGISTER_PART = `xl/worksheets/sheet${SHEETS.findIndex((s) => s.id === "register") + 1}.xml`;

describe("text that looks like an escape stays literal", () => {
  it("escapes the underscore of _xHHHH_ and nothing else", () => {
    expect(escapeOoxmlText("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeOoxmlText("a_x00e9_b_X0041_")).toBe("a_x005F_x00e9_b_X0041_");
    expect(escapeOoxmlText("_x12_ _xGGGG_ _x0041 snake_case")).toBe("_x12_ _xGGGG_ _x0041 snake_case");
  });

  it("writes _x005F_ in the Register's cells, and a plain _x as it is", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), ["BRANDS,Brand _x0041_,,,,2021-01-05,Recognized,,note _x_ and _x0042_,"]);
    expect((await runCli("--out", out, "--register", path)).code).toBe(0);
    const sheet = await packagePart(out, REGISTER_PART);
    expect(sheet).toContain("<t>Brand _x005F_x0041_</t>");
    expect(sheet).toContain("<t>note _x_ and _x005F_x0042_</t>");
    expect(sheet).not.toMatch(/[^F]_x0041_/);
  });
});

describe("the Register of a large file", () => {
  it("refuses more rows than a worksheet holds, before reading them, and writes nothing", async () => {
    const out = join(folder(), "out.xlsx");
    const path = join(folder(), "huge.csv");
    writeFileSync(path, `${HEADER}\n${"x\n".repeat(MAX_REGISTER_ROWS + 1)}`);
    const result = await runCli("--out", out, "--register", path);
    expect(result).toMatchObject({ code: 1, stdout: [] });
    // A worksheet's 1,048,576 rows less those down to the Register's header.
    const fits = 1_048_576 - headerRow("register");
    expect(MAX_REGISTER_ROWS).toBe(fits);
    const count = (n: number) => n.toLocaleString("en");
    expect(result.stderr).toEqual([
      `error: ${path}: ${count(fits + 1)} register rows are more than a worksheet holds below its header (${count(fits)}); split the file and write one workbook per part`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("writes every entry, cell for cell, as the core's Register row", async () => {
    const out = join(folder(), "out.xlsx");
    const lines = Array.from(
      { length: 1500 },
      (_, i) =>
        `${["BRANDS", "ENTERPRISES", "UNMANNED"][i % 3]},"Entry ${i}, <&> ""q""",${i % 3 === 2 ? "Workshop" : ""},` +
        `${i % 2 ? "Online finance" : ""},${i % 5 ? "Xuhui" : ""},2021-0${1 + (i % 9)}-15,Recognized,` +
        `https://example.com/${i},${i % 4 ? "" : `" two\nlines "`},Li`,
    );
    const path = writeCsv(folder(), lines);
    const result = await runCli("--out", out, "--register", path, "--lang", "en");
    expect(result.stdout).toEqual([`wrote ${out}: 1,500 entries (0 rows rejected)`]);
    const register = (await loadWorkbook(readFileSync(out))).getWorksheet("Register")!;
    const { accepted } = previewRegisterImport(readFileSync(path, "utf8"), new Set());
    const stamp = nowSerial(NOW);
    accepted.forEach((entry, i) => {
      const row = bodyRow("register", i);
      const cells = register.getRow(row).values as unknown[];
      const read = Array.from({ length: 11 }, (_, c) => cells[c + 1]).map((v) =>
        v instanceof Date ? serialFromUtc(v) : (v ?? null),
      );
      const expected = entryRow(entry, "en", stamp);
      expect({ row, cells: read.slice(0, 10) }).toEqual({ row, cells: expected.slice(0, 10) });
      expect(read[10]).toBeCloseTo(stamp, 6);
    });
    const last = lines.length - 1;
    expect(register.getCell(bodyCell("register", "date", last)).numFmt).toBe("yyyy-mm-dd");
    expect(register.getCell(bodyCell("register", "enteredAt", last)).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(register.getCell(bodyCell("register", "goal", last + 1)).value).toBeNull();
    const table = (register.getTables() as unknown as { table: { tableRef: string } }[])[0].table;
    const ref = tableRef("register", lines.length);
    expect(table.tableRef).toBe(ref);
    const sheet = await packagePart(out, REGISTER_PART);
    // The used range starts at the title row, above the table.
    const top = cellAddress(TITLE_ROW, tableSpec("register").anchor.column);
    expect(sheet).toContain(`<dimension ref="${top}:${ref.split(":")[1]}"/>`);
    // The goal column's rule covers the entries and the spare rows below them.
    expect(sheet).toContain(`sqref="${columnRange("register", "goal", 0, last + SPARE_REGISTER_ROWS)}"`);
  });
});
