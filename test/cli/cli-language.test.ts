import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { counted } from "../../src/cli/cli-text";
import { messageLanguage } from "../../src/cli/args";
import { loadWorkbook } from "../../src/cli/workbook-file";
import { REGISTER_HEADERS } from "../../src/core/template/headers";
import { vocabulary } from "../../src/core/template/vocabulary";
import { runCli, scratchFolder, writeCsv } from "./harness";
import { bodyCell } from "./template-cells";

const folder = scratchFolder();

describe("command line in Chinese (--lang zh-CN)", () => {
  it("reports refused rows by the Chinese column headers, listing the valid values", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), [
      "NOPE,某项目,,,,2021-01-05,Recognized,,,",
      "BRANDS,某品牌,,,,2021-01-05,Done,,,",
      "BRANDS,某品牌二,,,Atlantis,2021-01-05,Recognized,,,",
    ]);
    const result = await runCli("--lang", "zh-CN", "--out", out, "--register", path);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual([
      `第 2 行：${REGISTER_HEADERS.goal.zh}：“NOPE”不是方案的六个目标之一。可选值：${vocabulary("zh").goals.join("、")}。`,
      expect.stringMatching(/^第 3 行：状态：“Done”不是有效状态：请用候选、推进中、已认定或已撤回。/),
      `第 4 行：区：“Atlantis”不是上海16个区之一。可选值：${vocabulary("zh").districts.join("、")}。`,
    ]);
    expect(result.stdout).toEqual([`已写入 ${out}：0 条登记（3 行有误，未写入）`]);
  });

  it("prints a written row's warnings, and the row is written", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), ["BRANDS,无日期品牌,,,,,Recognized,,,"]);
    const result = await runCli("--out", out, "--register", path, "--lang=zh-CN");
    expect(result.stderr).toEqual([
      "第 2 行：认定日期：提醒（该行已写入）：无日期的已认定条目在任何截至日期都会计入。",
    ]);
    expect(result.stdout).toEqual([`已写入 ${out}：1 条登记（0 行有误，未写入）`]);
    const register = (await loadWorkbook(readFileSync(out))).getWorksheet("登记")!;
    expect(register.getCell(bodyCell("register", "name")).value).toBe("无日期品牌");
  });

  it("prints warnings in English too, naming the English header", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), [
      "BRANDS,Undated,,,,,Recognized,,,",
      "UNMANNED,Line,,,,2021-02-01,Recognized,,,",
    ]);
    const result = await runCli("--out", out, "--register", path);
    expect(result.stderr).toEqual([
      "line 2: Date recognized: warning (row written): A recognized entry without a date counts at every as-of date.",
      "line 3: Kind: warning (row written): Say whether it is a factory, a production line or a workshop.",
    ]);
    expect(result.stdout).toEqual([`wrote ${out}: 2 entries (0 rows rejected)`]);
  });

  it("counts in the singular for one, in English", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), ["BRANDS,One,,,,2021-01-05,Recognized,,,", "NOPE,Two,,,,,Recognized,,,"]);
    const result = await runCli("--out", out, "--register", path);
    expect(result.stdout).toEqual([`wrote ${out}: 1 entry (1 row rejected)`]);
    expect(counted(0, "entry", "entries")).toBe("0 entries");
    expect(counted(200_000, "entry", "entries")).toBe("200,000 entries");
  });

  it("refuses a bad command line in Chinese when --lang zh-CN is given, in English otherwise", async () => {
    const zh = await runCli("--lang", "zh-CN", "--bogus");
    expect(zh.code).toBe(2);
    expect(zh.stderr).toHaveLength(1);
    expect(zh.stderr[0]).toMatch(/^错误：未知选项 --bogus（用法：npm run workbook -- /);
    const en = await runCli("--bogus", "--lang", "zh-CN");
    expect(en.stderr[0]).toMatch(/^错误：未知选项 --bogus/);
    const unknown = await runCli("--lang", "fr", "--bogus");
    expect(unknown.stderr[0]).toMatch(/^error: unknown option --bogus \(usage: /);
    const asOf = await runCli("--lang=zh", "--as-of", "2021-02-30");
    expect(asOf.stderr[0]).toMatch(/^错误：--as-of “2021-02-30”不是日期：请写成 2021-06-30（用法：/);
    expect(messageLanguage(["--out", "x.xlsx"])).toBe("en");
    expect(messageLanguage(["--lang", "zh-Hans"])).toBe("zh");
  });

  it("says in Chinese why a file cannot be read or written", async () => {
    const missing = join(folder(), "nowhere.csv");
    const read = await runCli("--lang", "zh-CN", "--register", missing, "--out", join(folder(), "a.xlsx"));
    expect(read).toMatchObject({
      code: 1,
      stdout: [],
      stderr: [`错误：无法读取 ${missing}：没有这个文件或文件夹`],
    });
    const out = join(folder(), "missing", "a.xlsx");
    const write = await runCli("--lang", "zh-CN", "--out", out);
    expect(write.stderr).toEqual([`错误：无法写入 ${out}：没有这个文件或文件夹`]);
    expect(existsSync(out)).toBe(false);
  });

  it("reports a file-level problem of the CSV in Chinese", async () => {
    const path = writeCsv(folder(), [], "Company,When");
    const result = await runCli("--lang", "zh-CN", "--register", path, "--out", join(folder(), "a.xlsx"));
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([`错误：${path}：标题行缺少列：目标、名称、状态。`]);
  });

  it("prints the usage in Chinese", async () => {
    const result = await runCli("--lang", "zh-CN", "--help");
    expect(result.code).toBe(0);
    const lines = result.stdout[0].split("\n");
    expect(lines[0]).toMatch(/^用法：npm run workbook -- \[--out 文件\.xlsx\]/);
    for (const flag of ["--out", "--lang", "--register", "--as-of", "--template-csv", "--help"])
      expect(lines.some((line) => line.trimStart().startsWith(flag))).toBe(true);
    expect(lines.filter((line) => /（默认/.test(line))).toHaveLength(6);
  });
});
