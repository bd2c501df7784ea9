import fc from "fast-check";
import { existsSync, writeFileSync } from "fs";
import { join } from "path";
import { MAX_REGISTER_ROWS } from "../../src/cli/register-sheet";
import { countCsvRecords, countRegisterRows } from "../../src/cli/register-size";
import { formatCsv, parseCsv } from "../../src/core/csv";
import { previewRegisterImport, registerCsvTemplate } from "../../src/core/register-csv";
import { runCli, scratchFolder } from "./harness";
import { headerRow } from "./template-cells";

const folder = scratchFolder();
const template = (language: "en" | "zh") => new TextDecoder().decode(registerCsvTemplate(language));

describe("counting a CSV's records without parsing it", () => {
  it("opens a quoted field only at the start of a field", () => {
    expect(countCsvRecords('BRANDS,5" screen,Recognized\nBRANDS,"a\nb",Recognized\nBRANDS,x"y,z\n')).toBe(3);
    expect(countCsvRecords('a;"b;\n""c""";d\r\ne\tf"\r\n"g"\n')).toBe(3);
  });

  it('leaves out blank lines, a line holding only "", and Excel\'s sep= line', () => {
    expect(countCsvRecords('\ufeffsep=;\r\na;b\r\n\r\n""\r\n\n;\r\nc')).toBe(3);
    expect(countCsvRecords("")).toBe(0);
  });

  it("counts what parseCsv parses, for any CSV it accepts", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", '"', ",", ";", "\t", "\n", "\r", " ", "中"),
      maxLength: 6,
    });
    const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.constantFrom<"," | ";">(",", ";"), fc.boolean(), (table, delimiter, sep) => {
        // The core's writer, below a header from which parseCsv can tell the delimiter.
        const text = (sep ? `sep=${delimiter}\n` : "") + formatCsv([["h1", "h2"], ...table], delimiter);
        expect(countCsvRecords(text)).toBe(parseCsv(text).records.length);
      }),
    );
  });
});

describe("counting a register's rows", () => {
  it("leaves out the header and the template's allowed-values row, as the import does", () => {
    for (const language of ["en", "zh"] as const) {
      const text = `${template(language)}BRANDS,One,,,,,Recognized,,,\r\n`;
      expect(previewRegisterImport(text, new Set()).hintLines).toEqual([2]);
      expect(countRegisterRows(text)).toBe(1);
    }
  });

  it("leaves out an allowed-values row wherever it is, and only such rows", () => {
    const [header, hint] = template("en").trimEnd().split("\r\n");
    const almost = hint.replace("Allowed: ", "Allowed:  x");
    const text = [
      header,
      "BRANDS,One,,,,,Recognized,,,",
      hint,
      `BRANDS,"${hint.replace(/"/g, '""')}",,,,,,,,`,
      almost,
      "",
    ];
    expect(previewRegisterImport(text.join("\n"), new Set()).hintLines).toEqual([3]);
    expect(countRegisterRows(text.join("\n"))).toBe(3);
  });

  it("is exact at a worksheet's limit, below a template's allowed-values row", () => {
    const at = `${template("en")}${"x\n".repeat(MAX_REGISTER_ROWS)}`;
    expect(countRegisterRows(at)).toBe(MAX_REGISTER_ROWS);
    expect(countRegisterRows(`${at}x\n`)).toBe(MAX_REGISTER_ROWS + 1);
  });

  it("refuses one row more than a worksheet holds, counting no allowed-values row", async () => {
    const out = join(folder(), "out.xlsx");
    const path = join(folder(), "huge.csv");
    writeFileSync(path, `${template("zh")}${"x\n".repeat(MAX_REGISTER_ROWS + 1)}`);
    const result = await runCli("--out", out, "--register", path, "--lang", "zh-CN");
    // A worksheet's 1,048,576 rows less those down to the Register's header.
    const fits = 1_048_576 - headerRow("register");
    expect(MAX_REGISTER_ROWS).toBe(fits);
    expect(result).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        `错误：${path}：${fits + 1} 行登记超出一个工作表在标题行下所能容纳的行数（${fits} 行）；请把文件拆开，每部分各写一个工作簿`,
      ],
    });
    expect(existsSync(out)).toBe(false);
  });
});
