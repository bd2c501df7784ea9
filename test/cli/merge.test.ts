/**
 * npm run workbook -- --merge: district workbooks written by the command line itself (one English,
 * one Chinese), merged into an English and a Chinese city workbook, read back from the package
 * (JSZip and fast-xml-parser, not the writer) and with the merge's own reader.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { readSubmissionFile } from "../../src/cli/submission-file";
import { nowSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { DISTRICTS, goalById } from "../../src/core/plan";
import { ENTRY_STATUS_LABELS } from "../../src/core/register";
import { REGISTER_HEADERS } from "../../src/core/template/headers";
import type { TableId } from "../../src/core/template/structure";
import { sheetSpec, tableSpec } from "../../src/core/template/template";
import { NOW, runCli } from "./harness";
import { below, childText, nodes, packageParts, type Node, sheetPart, textOf } from "./package-reader";
import { headerRow, tableRef } from "./template-cells";

jest.setTimeout(90_000);

const AT = nowSerial(NOW);
const district = (id: string) => DISTRICTS.find((d) => d.id === id)!.label;
const BRANDS = goalById("BRANDS").label;
const PLATFORMS = goalById("PLATFORMS").label;

const HUANGPU_CSV = [
  "Goal,Name,Status,District,Date recognized,Evidence link",
  "Brands,Acme Tea,Recognized,Huangpu,2021-03-01,https://example.com/acme",
  "Brands,Shared Co,Candidate,Huangpu,,",
  "Platforms,Huangpu Cloud,In progress,Huangpu,,",
];
/** The same reporter later: one status changed. */
const HUANGPU_LATER_CSV = HUANGPU_CSV.map((line) =>
  line.startsWith("Platforms,Huangpu Cloud")
    ? "Platforms,Huangpu Cloud,Recognized,Huangpu,2021-06-01,"
    : line,
);
/** Chinese headers and labels; no reporting unit: the District column tells who reports. */
const XUHUI_CSV = [
  "目标,名称,状态,区,认定日期",
  "品牌,上海茶叶,已认定,徐汇区,2021-04-02",
  "品牌,Shared Co,已认定,徐汇区,2021-05-01",
];

let folder = "";
const at = (name: string) => join(folder, name);

async function districtWorkbook(name: string, csv: readonly string[], ...flags: string[]): Promise<string> {
  const csvPath = at(name.replace(/\.xlsx$/, ".csv"));
  writeFileSync(csvPath, csv.join("\r\n") + "\r\n");
  const result = await runCli("--register", csvPath, "--out", at(name), ...flags);
  if (result.code !== 0) throw new Error(result.stderr.join("\n"));
  return at(name);
}

/** A copy of a workbook whose file says it was saved at `iso` (docProps/core.xml). */
async function savedAt(source: string, name: string, iso: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(source));
  const core = await zip.file("docProps/core.xml")!.async("string");
  const changed = core.replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
  expect(changed).not.toBe(core);
  zip.file("docProps/core.xml", changed);
  writeFileSync(at(name), await zip.generateAsync({ type: "nodebuffer" }));
  return at(name);
}

type Row = Record<string, string | number | null>;

/** A table's body rows read from the written package, by column id (inline or shared strings, numbers). */
async function tableRows(path: string, table: TableId, language: Language): Promise<Row[]> {
  const parts = await packageParts(path);
  const spec = tableSpec(table);
  const strings = nodes(parts.get("xl/sharedStrings.xml") ?? "<sst/>", "sst", "si").map((si) =>
    below(si, "t")
      .map(textOf)
      .concat(below(si, "r", "t").map(textOf))
      .join(""),
  );
  const ref = /ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(
    [...parts.entries()].find(
      ([name, xml]) => name.startsWith("xl/tables/") && xml.includes(` name="${spec.name}"`),
    )![1],
  )!;
  const last = Number(ref[1]);
  const sheet = parts.get(sheetPart(parts, sheetSpec(spec.sheet).name[language]))!;
  const rows = nodes(sheet, "worksheet", "sheetData", "row").filter(
    (row) => Number(row["@r"]) > headerRow(table) && Number(row["@r"]) <= last,
  );
  return rows
    .map((row) => {
      const cells: Row = Object.fromEntries(spec.columns.map((column) => [column.id, null]));
      for (const cell of below(row, "c") as Node[]) {
        const letters = /^[A-Z]+/.exec(cell["@r"])![0];
        const index = letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const column = spec.columns[index - spec.anchor.column];
        if (!column) continue;
        if (cell["@t"] === "inlineStr") cells[column.id] = below(cell, "is", "t").map(textOf).join("");
        else if (cell["@t"] === "s") cells[column.id] = strings[Number(childText(cell, "v"))];
        else if (cell.v) cells[column.id] = Number(childText(cell, "v"));
      }
      return cells;
    })
    .filter((cells) => Object.values(cells).some((value) => value !== null));
}

/** The table's range as its table part states it. */
async function tablePartRef(path: string, table: TableId): Promise<string> {
  const parts = await packageParts(path);
  const name = tableSpec(table).name;
  const xml = [...parts.entries()].find(
    ([part, text]) => part.startsWith("xl/tables/") && text.includes(` name="${name}"`),
  )![1];
  return nodes(xml, "table")[0]["@ref"];
}

let huangpu = "";
let xuhui = "";
let cityEn = "";
let cityZh = "";
let mergedEn: Awaited<ReturnType<typeof runCli>>;
let mergedZh: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "merge-cli-"));
  huangpu = await districtWorkbook("huangpu.xlsx", HUANGPU_CSV, "--reporting-unit", "Huangpu");
  xuhui = await districtWorkbook("xuhui.xlsx", XUHUI_CSV, "--lang", "zh-CN");
  cityEn = at("city-en.xlsx");
  cityZh = at("city-zh.xlsx");
  mergedEn = await runCli("--merge", huangpu, xuhui, "--out", cityEn);
  mergedZh = await runCli("--merge", huangpu, xuhui, "--out", cityZh, "--lang", "zh-CN");
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("merging district workbooks", () => {
  it("prints one line of counts", () => {
    expect(mergedEn.code).toBe(0);
    expect(mergedEn.stderr).toEqual([]);
    expect(mergedEn.stdout).toEqual([
      `wrote ${cityEn}: merged 2 files: 5 rows read, 4 added, 0 updated, 1 conflict, 0 files skipped as older`,
    ]);
    expect(mergedZh.stdout).toEqual([
      `已写入 ${cityZh}：合并 2 个文件，读取 5 行，新增 4 行，更新 0 行，重复报送 1 条，0 个文件因较旧而跳过`,
    ]);
  });

  it("writes the rows in the output's language, with their provenance", async () => {
    const rows = await tableRows(cityEn, "register", "en");
    expect(rows.map((row) => row.name)).toEqual(["Acme Tea", "Shared Co", "Huangpu Cloud", "上海茶叶"]);
    // A Chinese district's row, relabelled into English.
    expect(rows[3]).toMatchObject({
      goal: BRANDS.en,
      status: ENTRY_STATUS_LABELS.RECOGNIZED.en,
      district: district("XUHUI").en,
      reportedBy: district("XUHUI").en,
      sourceFile: "xuhui.xlsx",
      mergedAt: AT,
    });
    expect(rows[0]).toMatchObject({
      goal: BRANDS.en,
      date: 44256, // 2021-03-01
      evidence: "https://example.com/acme",
      reportedBy: district("HUANGPU").en,
      sourceFile: "huangpu.xlsx",
      mergedAt: AT,
    });
    expect(typeof rows[0].enteredAt).toBe("number");
    expect(await tablePartRef(cityEn, "register")).toBe(tableRef("register", 4));

    const zh = await tableRows(cityZh, "register", "zh");
    expect(zh[0]).toMatchObject({ goal: BRANDS.zh, status: "已认定", reportedBy: district("HUANGPU").zh });
    expect(zh[2]).toMatchObject({ goal: PLATFORMS.zh, status: ENTRY_STATUS_LABELS.IN_PROGRESS.zh });
  });

  it("reads back as a workbook to merge, provenance and all", async () => {
    const city = await readSubmissionFile(cityEn);
    expect(city.language).toBe("en");
    expect(city.rows).toHaveLength(4);
    expect(city.rows.map((row) => row.reportedBy)).toEqual(["HUANGPU", "HUANGPU", "HUANGPU", "XUHUI"]);
    expect(city.rows[3]).toMatchObject({ goal: "BRANDS", status: "RECOGNIZED", district: "XUHUI" });
    expect((await readSubmissionFile(cityZh)).language).toBe("zh");
  });

  it("counts a duplicate across districts once, and lists it in Conflicts", async () => {
    const rows = await tableRows(cityEn, "register", "en");
    const shared = rows.filter((row) => row.name === "Shared Co");
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ status: "Candidate", reportedBy: "Huangpu" });

    const conflicts = await tableRows(cityEn, "conflicts", "en");
    expect(conflicts).toEqual([
      expect.objectContaining({
        foundAt: AT,
        goal: BRANDS.en,
        name: "Shared Co",
        matchedBy: REGISTER_HEADERS.name.en,
        creditedTo: "Huangpu",
        alsoReportedBy: "Xuhui",
        file: "xuhui.xlsx",
        differs: [REGISTER_HEADERS.status.en, REGISTER_HEADERS.date.en, REGISTER_HEADERS.district.en].join(
          ", ",
        ),
        creditedStatus: "Candidate",
        otherStatus: "Recognized",
        creditedDate: null,
        otherDate: 44317, // 2021-05-01
        settled: null,
      }),
    ]);
    const zh = await tableRows(cityZh, "conflicts", "zh");
    expect(zh).toHaveLength(1);
    expect(zh[0]).toMatchObject({
      creditedTo: "黄浦",
      alsoReportedBy: "徐汇",
      differs: "状态、认定日期、区",
      otherStatus: "已认定",
    });
  });

  it("logs each file in Merges, and records the merged Register for the add-in", async () => {
    const merges = await tableRows(cityEn, "merges", "en");
    expect(merges).toEqual([
      expect.objectContaining({
        file: "huangpu.xlsx",
        reportedBy: "Huangpu",
        at: AT,
        rows: 3,
        added: 3,
        conflicts: 0,
      }),
      expect.objectContaining({
        file: "xuhui.xlsx",
        reportedBy: "Xuhui",
        rows: 2,
        added: 1,
        conflicts: 1,
        note: null,
      }),
    ]);
    expect(typeof merges[0].savedAt).toBe("number");
    const recorded = await tableRows(cityEn, "recorded", "en");
    expect(recorded).toHaveLength(4);
    // As the Register holds it: the labels of the workbook's language, Chinese rows relabelled.
    expect(recorded[3]).toMatchObject({
      goal: "Brands",
      name: "上海茶叶",
      status: "Recognized",
      district: "Xuhui",
    });
    expect(await tableRows(cityEn, "changes", "en")).toEqual([]);
  });

  it("adds a file's rows once when it is given twice", async () => {
    const out = at("twice.xlsx");
    const result = await runCli("--merge", huangpu, huangpu, "--out", out);
    expect(result.stdout).toEqual([
      `wrote ${out}: merged 2 files: 6 rows read, 3 added, 0 updated, 0 conflicts, 0 files skipped as older`,
    ]);
    expect(await tableRows(out, "register", "en")).toHaveLength(3);
    expect((await tableRows(out, "merges", "en")).map((row) => row.added)).toEqual([3, 0]);
    expect(await tableRows(out, "conflicts", "en")).toEqual([]);
  });

  it("keeps the rows' reporters when an earlier city workbook is merged again", async () => {
    const out = at("again.xlsx");
    const result = await runCli("--merge", cityZh, xuhui, "--out", out);
    expect(result.code).toBe(0);
    const rows = await tableRows(out, "register", "en");
    expect(rows.map((row) => row.reportedBy)).toEqual(["Huangpu", "Huangpu", "Huangpu", "Xuhui"]);
    expect(rows.map((row) => row.sourceFile)).toEqual(Array(4).fill("city-zh.xlsx"));
    // Xuhui's own rows are its own again: nothing added, the duplicate already listed once here.
    expect(result.stdout[0]).toContain(": 6 rows read, 4 added, 0 updated, 1 conflict,");
  });

  it("updates a reporter's row from its later file, with a Changes row, and skips an older one", async () => {
    const later = await districtWorkbook(
      "huangpu-later.xlsx",
      HUANGPU_LATER_CSV,
      "--reporting-unit",
      "Huangpu",
    );
    const older = await savedAt(huangpu, "huangpu-2020.xlsx", "2020-01-01T00:00:00Z");
    const out = at("updated.xlsx");
    const result = await runCli("--merge", huangpu, later, older, "--out", out);
    expect(result.stdout).toEqual([
      `wrote ${out}: merged 3 files: 9 rows read, 3 added, 1 updated, 0 conflicts, 1 file skipped as older`,
    ]);
    const cloud = (await tableRows(out, "register", "en")).find((row) => row.name === "Huangpu Cloud");
    expect(cloud).toMatchObject({ status: "Recognized", sourceFile: "huangpu-later.xlsx" });
    const changes = await tableRows(out, "changes", "en");
    expect(changes).toEqual([
      expect.objectContaining({
        name: "Huangpu Cloud",
        field: REGISTER_HEADERS.status.en,
        from: "In progress",
        to: "Recognized",
        how: "Merge",
        source: "huangpu-later.xlsx",
      }),
      expect.objectContaining({ field: REGISTER_HEADERS.date.en, from: null, to: "2021-06-01" }),
    ]);
    const merges = await tableRows(out, "merges", "en");
    expect(merges[2]).toMatchObject({ file: "huangpu-2020.xlsx", added: 0, skipped: 3 });
    expect(merges[2].note).toMatch(/^Skipped: saved before/);
  });

  it("writes the reporting unit on About", async () => {
    const about = await tableRows(huangpu, "about", "en");
    expect(about.find((row) => row.item === "Reporting unit")?.value).toBe("Huangpu");
    expect((await readSubmissionFile(huangpu)).reportingUnit).toBe("Huangpu");
  });
});

describe("what --merge refuses", () => {
  /** Runs a merge expected to fail: its exit code, its one line, and that no file (nor temporary one) was left. */
  async function refused(out: string, ...argv: string[]) {
    const before = readdirSync(folder).length;
    const result = await runCli(...argv);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder)).toHaveLength(before);
    return { code: result.code, line: result.stderr[0] };
  }

  it("a file that is not there: exit 1, one line naming it, in the message language", async () => {
    const out = at("missing-out.xlsx");
    const missing = at("nowhere.xlsx");
    const en = await refused(out, "--merge", huangpu, missing, "--out", out);
    expect(en).toEqual({
      code: 1,
      line: `error: cannot read ${missing}: no such file or folder; check the file's name and folder, or leave it out of --merge`,
    });
    const zh = await refused(out, "--merge", missing, "--out", out, "--lang", "zh-CN");
    expect(zh.code).toBe(1);
    expect(zh.line).toBe(
      `错误：无法读取 ${missing}：没有这个文件或文件夹；请检查文件名和文件夹，或从 --merge 中去掉该文件`,
    );
  });

  it("an .xlsx not made from the template, and a file that is no workbook", async () => {
    const plain = at("plain.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1").getCell("A1").value = "hello";
    await workbook.xlsx.writeFile(plain);
    const text = at("text.xlsx");
    writeFileSync(text, "Goal,Name\n");
    const out = at("refused.xlsx");

    const notTemplate = await refused(out, "--merge", huangpu, plain, "--out", out);
    expect(notTemplate.code).toBe(1);
    expect(notTemplate.line).toMatch(
      new RegExp(
        `^error: ${plain.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}: This file is not a workbook made from this template: .*Use a workbook made with the add-in or the command line\\.$`,
      ),
    );
    const zh = await refused(out, "--lang", "zh-CN", "--merge", plain, "--out", out);
    expect(zh.line).toContain(`错误：${plain}：该文件不是用本模板制作的工作簿`);

    const notXlsx = await refused(out, "--merge", text, "--out", out);
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.line).toMatch(/: This file is not an Excel workbook \(\.xlsx\)/);
    expect(notXlsx.line).toContain(text);
  });

  it("--merge without files, or with --register: exit 2, one line", async () => {
    const out = at("usage.xlsx");
    for (const argv of [
      ["--merge", "--out", out],
      ["--out", out, "--merge"],
      ["--merge=", "--out", out],
    ]) {
      const result = await refused(out, ...argv);
      expect(result.code).toBe(2);
      expect(result.line).toMatch(
        /^error: --merge needs the workbooks to merge: --merge a\.xlsx b\.xlsx \(usage: /,
      );
    }
    const zh = await refused(out, "--lang", "zh-CN", "--merge", "--out", out);
    expect(zh.line).toMatch(/^错误：--merge 后面需要列出要合并的工作簿/);
    const withRegister = await refused(
      out,
      "--merge",
      huangpu,
      "--register",
      at("huangpu.csv"),
      "--out",
      out,
    );
    expect(withRegister.code).toBe(2);
    expect(withRegister.line).toMatch(
      /^error: --merge merges workbooks, not a register CSV: leave out --register/,
    );
    const template = await refused(at("t.csv"), "--template-csv", "--merge", huangpu, "--out", at("t.csv"));
    expect(template.code).toBe(2);
  });

  it("is in the usage", async () => {
    const result = await runCli("--help");
    const lines = result.stdout[0].split("\n");
    expect(lines.some((line) => line.trimStart().startsWith("--merge FILE.xlsx"))).toBe(true);
    expect(lines.some((line) => line.trimStart().startsWith("--reporting-unit"))).toBe(true);
  });
});
