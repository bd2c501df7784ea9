import { existsSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { parseArgs } from "../../src/cli/args";
import { registerCsvTemplate } from "../../src/core/register-csv";
import { runCli, scratchFolder } from "./harness";

const folder = scratchFolder();

describe("command line: --template-csv", () => {
  it.each([
    ["en", "register-template-en.csv"],
    ["zh-CN", "register-template-zh-CN.csv"],
  ] as const)("names the file after the language (%s) in the folder npm ran from", (lang, name) => {
    const here = resolve(process.env.INIT_CWD ?? process.cwd(), name);
    expect(parseArgs(["--template-csv", "--lang", lang])).toEqual({
      mode: "template-csv",
      out: here,
      language: lang === "en" ? "en" : "zh",
    });
  });

  it("writes the core's empty register, which the command line then reads as a register", async () => {
    const out = join(folder(), "blank.csv");
    const result = await runCli("--template-csv", "--lang", "zh-CN", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      `已写入 ${out}：待填写的空白登记表（标题行，下面一行是可选值说明，导入时会跳过）`,
    ]);
    const bytes = readFileSync(out);
    expect(bytes.equals(Buffer.from(registerCsvTemplate("zh")))).toBe(true);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8")).toContain("目标,名称");
    // Filled in below its allowed-values row, it imports without a refused row.
    const filled = Buffer.concat([bytes, Buffer.from("品牌,某品牌,已认定,2021-01-05,,,,,,\r\n")]);
    const path = join(folder(), "filled.csv");
    writeFileSync(path, filled);
    const workbook = await runCli("--lang", "zh-CN", "--register", path, "--out", join(folder(), "b.xlsx"));
    expect(workbook.stderr).toEqual([]);
    expect(workbook.stdout[0]).toMatch(/：1 条登记（0 行有误，未写入）$/);
  });

  it("writes the English template by default", async () => {
    const out = join(folder(), "blank.csv");
    expect((await runCli("--out", out, "--template-csv")).stdout).toEqual([
      `wrote ${out}: the empty register to fill in (a header row, then a row of allowed values that import skips)`,
    ]);
    expect(readFileSync(out).equals(Buffer.from(registerCsvTemplate("en")))).toBe(true);
  });

  it.each([
    [["--template-csv", "--out", "blank.xlsx"], /--out "blank.xlsx" must end in \.csv/],
    [
      ["--template-csv", "--register", "in.csv"],
      /--template-csv writes the empty register only: leave out --register/,
    ],
    [["--template-csv", "--as-of", "2021-06-30"], /leave out --as-of/],
    [["--template-csv=yes"], /unexpected argument "--template-csv=yes"/],
    [["--template-csv", "--template-csv"], /--template-csv given twice/],
  ])("%j: exit 2, nothing written", async (argv, message) => {
    const result = await runCli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
    expect(existsSync(join(folder(), "blank.xlsx"))).toBe(false);
  });

  it("refuses an .xlsx --out for the template in Chinese", async () => {
    const result = await runCli("--template-csv", "--lang", "zh-CN", "--out", "x.xlsx");
    expect(result.stderr[0]).toMatch(/^错误：--out “x\.xlsx”须以 \.csv 结尾（用法：/);
  });
});
