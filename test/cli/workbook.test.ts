import { evidenceLinkFormula } from "../../src/core/evidence-link";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { inflateRawSync } from "zlib";
import type ExcelJS from "exceljs";
import { defaultOutName, parseArgs } from "../../src/cli/args";
import { buildWorkbook, loadWorkbook, SPARE_REGISTER_ROWS } from "../../src/cli/workbook-file";
import { isoToSerial, nowSerial, serialFromUtc } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { GOALS } from "../../src/core/plan";
import { columnFormula } from "../../src/core/template/formulas";
import {
  ABOUT_AS_OF_ROW,
  ABOUT_STATUS_RULE,
  sheetSpec,
  aboutReportingUnitRow,
  headers,
  LIST_IDS,
  NAMES,
  SHEETS,
  TABLES,
  tableSpec,
  TEMPLATE_VERSION,
} from "../../src/core/template/template";
import { vocabulary } from "../../src/core/template/vocabulary";
import { applyTemplate } from "../../src/excel/apply-template";
import { fakeExcel } from "../support/excel-fixtures";
import { NOW, runCli } from "./harness";
import { bodyCell, bodyRow, columnOf, columnRange, headerCell, headerRow, tableRef } from "./template-cells";

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "workbook-cli-"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const run = runCli;

const HEADER = "Goal,Name,Kind,Sector,District,Date recognized,Status,Evidence link,Notes,Entered by";

function csv(...lines: string[]): string {
  const path = join(folder, "entries.csv");
  writeFileSync(path, [HEADER, ...lines].join("\r\n") + "\r\n");
  return path;
}

/** One file of a zip archive (the .xlsx package), as text. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const skip = nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.toString("utf8", offset + 46, offset + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    offset += 46 + skip;
  }
  throw new Error(`no ${name} in the package`);
}

/** The workbook's defined names as stored: name -> formula text; `sheet` names of that sheet only. */
function storedNames(file: Buffer, sheet?: number): Map<string, string> {
  const xml = zipEntry(file, "xl/workbook.xml");
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return new Map(
    [...xml.matchAll(/<definedName name="([^"]+)"(?: localSheetId="(\d+)")?>([^<]*)<\/definedName>/g)]
      .filter((m) => (m[2] === undefined ? sheet === undefined : Number(m[2]) === sheet))
      .map((m) => [m[1], decode(m[3])]),
  );
}

interface TableModel {
  table: { name: string; tableRef: string; columns: { name: string }[] };
}

function tablesOf(
  workbook: ExcelJS.Workbook,
): Map<string, { sheet: string; ref: string; headers: string[] }> {
  const result = new Map<string, { sheet: string; ref: string; headers: string[] }>();
  for (const sheet of workbook.worksheets) {
    for (const table of sheet.getTables() as unknown as TableModel[]) {
      result.set(table.table.name, {
        sheet: sheet.name,
        ref: table.table.tableRef,
        headers: table.table.columns.map((c) => c.name),
      });
    }
  }
  return result;
}

function validations(
  sheet: ExcelJS.Worksheet,
): Record<string, { type: string; formulae?: unknown[] } | undefined> {
  return (
    sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae?: unknown[] }> } }
  ).dataValidations.model;
}

function expectNothingWritten(...paths: string[]) {
  for (const path of paths) expect(existsSync(path)).toBe(false);
  expect(readdirSync(folder).filter((name) => name.endsWith(".tmp"))).toEqual([]);
}

describe("command line: refusing bad input with one line and no file", () => {
  it.each([
    [["--bogus"], /unknown option --bogus/],
    [["stray"], /unexpected argument "stray"/],
    [["--out"], /--out needs a value/],
    [["--lang", "--out", "x.xlsx"], /--lang needs a value/],
    [["--out="], /--out needs a value/],
    [["--lang", "fr"], /unknown language "fr": use en or zh-CN/],
    [["--as-of", "2021-02-30"], /--as-of "2021-02-30" is not a date/],
    [["--as-of", "30/06/2021"], /--as-of "30\/06\/2021" is not a date/],
    [["--as-of", "1899-12-31"], /--as-of "1899-12-31" is not a date/],
    [["--lang", "en", "--lang", "zh-CN"], /--lang given twice/],
    [["--status-rule", "monthly"], /unknown --status-rule "monthly": use RATIO, ELAPSED or PACE/],
    [
      ["--template-csv", "--status-rule", "PACE"],
      /--template-csv writes the empty register only: leave out --status-rule/,
    ],
  ])("%j: exit 2", async (argv, message) => {
    const out = join(folder, "out.xlsx");
    const result = await run(
      ...argv,
      ...(argv.includes("--out") || argv.some((a) => a.startsWith("--out=")) ? [] : ["--out", out]),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
    expect(result.stderr[0]).toContain("usage:");
    expect(result.stdout).toEqual([]);
    expectNothingWritten(out);
  });

  it("a missing CSV: exit 1", async () => {
    const out = join(folder, "out.xlsx");
    const result = await run("--out", out, "--register", join(folder, "nowhere.csv"));
    expect(result).toMatchObject({ code: 1, stdout: [] });
    expect(result.stderr).toEqual([
      `error: cannot read ${join(folder, "nowhere.csv")}: no such file or folder`,
    ]);
    expectNothingWritten(out);
  });

  it("a CSV without the required columns: exit 1", async () => {
    const out = join(folder, "out.xlsx");
    const path = join(folder, "entries.csv");
    writeFileSync(path, "Company,When\nAcme,2021-01-01\n");
    const result = await run("--out", out, "--register", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([`error: ${path}: The header row lacks the column(s) Goal, Name, Status.`]);
    expectNothingWritten(out);
  });

  it("a file that is not CSV text: exit 1", async () => {
    const out = join(folder, "out.xlsx");
    const path = join(folder, "entries.csv");
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]));
    let result = await run("--out", out, "--register", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      `error: ${path}: The file's characters could not be read (tried UTF-8, UTF-16, GB18030). In Excel, save it with File > Save As > "CSV UTF-8 (Comma delimited)", then choose it again.`,
    ]);
    writeFileSync(path, `${HEADER}\nBRANDS,"Acme" Ltd,,,,,Recognized,,,\n`);
    result = await run("--out", out, "--register", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/The file is not valid CSV \(line 2: text after a closing quote\)/);
    expectNothingWritten(out);
  });

  it("leaves an existing file as it was when the input is bad", async () => {
    const out = join(folder, "out.xlsx");
    writeFileSync(out, "previous contents");
    const result = await run("--out", out, "--register", join(folder, "nowhere.csv"));
    expect(result.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous contents");
  });
});

describe("command line: writing atomically", () => {
  it("reports a target it cannot replace and leaves no temporary file", async () => {
    const out = join(folder, "taken.xlsx");
    mkdirSync(out);
    const result = await run("--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^error: cannot write .*taken\.xlsx: /);
    expect(readdirSync(folder)).toEqual(["taken.xlsx"]);
  });

  it("reports a folder that does not exist", async () => {
    const out = join(folder, "missing", "out.xlsx");
    const result = await run("--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([`error: cannot write ${out}: no such file or folder`]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("replaces an existing file whole", async () => {
    const out = join(folder, "out.xlsx");
    writeFileSync(out, "previous contents");
    const result = await run("--out", out);
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(readdirSync(folder)).toEqual(["out.xlsx"]);
  });

  it("keeps the permissions of a file it replaces", async () => {
    const out = join(folder, "out.xlsx");
    writeFileSync(out, "previous contents");
    chmodSync(out, 0o640);
    expect((await run("--out", out)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });
});

describe("command line: options", () => {
  it("defaults to English, today's date and a file named after the language, in the folder npm ran from", () => {
    const here = (name: string) => resolve(process.env.INIT_CWD ?? process.cwd(), name);
    expect(parseArgs([])).toEqual({
      mode: "workbook",
      out: here("shanghai-online-economy-en.xlsx"),
      language: "en",
    });
    expect(parseArgs(["--lang", "zh-CN"])).toMatchObject({
      out: here("shanghai-online-economy-zh-CN.xlsx"),
      language: "zh",
    });
    expect(parseArgs(["--lang=zh", "--as-of=2021-06-30", "--out=a.xlsx"])).toEqual({
      mode: "workbook",
      out: here("a.xlsx"),
      language: "zh",
      asOf: isoToSerial("2021-06-30"),
      register: undefined,
    });
    expect(defaultOutName("zh")).toBe("shanghai-online-economy-zh-CN.xlsx");
  });

  it("takes en and zh-CN (zh, zh-Hans as aliases) and refuses other languages", () => {
    for (const lang of ["zh", "zh-CN", "zh-Hans", "ZH-cn"])
      expect(parseArgs(["--lang", lang])).toMatchObject({ language: "zh" });
    for (const lang of ["zh-TW", "fr", "en-GB", "e"])
      expect(() => parseArgs(["--lang", lang])).toThrow(/unknown language/);
  });

  it("refuses an --out that is not .xlsx, or that is the --register file", () => {
    expect(() => parseArgs(["--out", "book.csv"])).toThrow(/must end in \.xlsx/);
    expect(() => parseArgs(["--out", "x.xlsx", "--register", "x.xlsx"])).toThrow(
      /must not be the --register file/,
    );
  });

  it("resolves relative paths from the folder npm was run from (INIT_CWD)", () => {
    const before = process.env.INIT_CWD;
    process.env.INIT_CWD = "/tmp/where-npm-ran";
    try {
      expect(parseArgs(["--out", "a.xlsx", "--register", "in.csv"])).toMatchObject({
        out: "/tmp/where-npm-ran/a.xlsx",
        register: "/tmp/where-npm-ran/in.csv",
      });
    } finally {
      if (before === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = before;
    }
  });

  it("prints the usage for --help", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toMatch(/^usage: npm run workbook -- \[--out FILE.xlsx\]/);
    const lines = result.stdout[0].split("\n");
    for (const flag of [
      "--out",
      "--lang",
      "--register",
      "--as-of",
      "--status-rule",
      "--template-csv",
      "--help",
    ])
      expect(lines.some((line) => line.trimStart().startsWith(flag))).toBe(true);
    expect(lines.filter((line) => /\(default/.test(line))).toHaveLength(6);
  });

  it("writes the valid rows of a CSV and reports each invalid one", async () => {
    const out = join(folder, "out.xlsx");
    const path = csv(
      "BRANDS,Acme Brand,,Online finance,Huangpu,2021-01-05,Recognized,https://example.com/a,,Li",
      "NOPE,Nothing,,,,,Recognized,,,",
      "PLATFORMS,Bad date,,,,2021-13-01,Recognized,,,",
      "UNMANNED,Robot line,Production line,Unmanned factories,,2020-05-01,Recognized,,,",
      "BRANDS,Acme Brand,,,,,Candidate,,,",
    );
    const result = await run("--out", out, "--register", path, "--as-of", "2021-06-30");
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual([
      `line 3: Goal: "NOPE" is not one of the plan's six goals. Valid values: ${vocabulary("en").goals.join(" | ")}.`,
      `line 4: Date recognized: "2021-13-01" is not a date: write it as 2021-06-30 (or 2021/6/30).`,
      `line 6: Name: "Acme Brand" is already in the register for this goal.`,
    ]);
    expect(result.stdout).toEqual([`wrote ${out}: 2 entries (3 rows rejected)`]);
    const workbook = await loadWorkbook(readFileSync(out));
    const register = workbook.getWorksheet("Register")!;
    expect(register.getRow(bodyRow("register")).values).toEqual([
      undefined,
      "Brands",
      "Acme Brand",
      "Recognized",
      new Date(Date.UTC(2021, 0, 5)),
      "Huangpu",
      undefined,
      "Online finance",
      "https://example.com/a",
      undefined,
      "Li",
      expect.any(Date),
    ]);
    const enteredAt = bodyCell("register", "enteredAt");
    expect(register.getCell(enteredAt).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(serialFromUtc(register.getCell(enteredAt).value as Date)).toBeCloseTo(nowSerial(NOW), 6);
    expect(register.getCell(bodyCell("register", "name", 1)).value).toBe("Robot line");
    expect(register.getCell(bodyCell("register", "kind", 1)).value).toBe("Production line");
    expect(register.getCell(bodyCell("register", "goal", 2)).value).toBeNull();
    expect(tablesOf(workbook).get("tblRegister")!.ref).toBe(tableRef("register", 2));
  });

  it.each(["register-gb18030.csv", "register-utf16le.txt"])(
    "reads %s as Excel on Chinese Windows saves it, names exact",
    async (file) => {
      const out = join(folder, "out.xlsx");
      const path = join(__dirname, "../fixtures/csv", file);
      const result = await run("--out", out, "--register", path, "--lang", "zh-CN");
      expect(result.code).toBe(0);
      expect(result.stdout).toEqual([`已写入 ${out}：3 条登记（0 行有误，未写入）`]);
      const register = (await loadWorkbook(readFileSync(out))).getWorksheet("登记")!;
      expect([0, 1, 2].map((row) => register.getCell(bodyCell("register", "name", row)).value)).toEqual([
        "上海老字号数字商店",
        "徐汇滨江智慧导览",
        "长宁区某科技公司",
      ]);
    },
  );

  it("writes text that looks like a formula as text", async () => {
    const out = join(folder, "out.xlsx");
    const path = csv(`BRANDS,"=HYPERLINK(""http://x"",""y"")",,,,,Recognized,,"+1 note",`);
    expect((await run("--out", out, "--register", path)).code).toBe(0);
    const register = (await loadWorkbook(readFileSync(out))).getWorksheet("Register")!;
    const name = bodyCell("register", "name");
    expect(register.getCell(name).value).toBe('=HYPERLINK("http://x","y")');
    expect(register.getCell(bodyCell("register", "notes")).value).toBe("+1 note");
    expect(register.getCell(name).formula).toBeUndefined();
  });
});

describe("the written workbook, read back", () => {
  async function write(language: Language, ...extra: string[]) {
    const out = join(folder, `${language}.xlsx`);
    const path = csv(
      "ENTERPRISES,Acme,,Online finance,Huangpu,2021-01-05,Recognized,,,",
      "BRANDS,Brand one,,,,,Recognized,,,",
      "SCENARIOS,Scene,,,,2020-06-01,Withdrawn,,,",
    );
    const result = await run(
      "--out",
      out,
      "--lang",
      language === "zh" ? "zh-CN" : "en",
      "--register",
      path,
      ...extra,
    );
    expect(result.code).toBe(0);
    const file = readFileSync(out);
    return { file, workbook: await loadWorkbook(file) };
  }

  it.each(["en", "zh"] as const)("has the template's sheets, tables and headers in %s", async (language) => {
    const { workbook } = await write(language);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS.map((s) => s.name[language]));
    expect(workbook.worksheets.map((s) => s.state)).toEqual(
      SHEETS.map((s) => (s.hidden ? "hidden" : "visible")),
    );
    const tables = tablesOf(workbook);
    expect([...tables.keys()].sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const spec of TABLES) {
      const table = tables.get(spec.name)!;
      expect(table.sheet).toBe(SHEETS.find((s) => s.id === spec.sheet)!.name[language]);
      expect(table.headers).toEqual(headers(spec, language));
      expect(table.ref.split(":")[0]).toBe(`A${spec.anchor.row + 1}`);
    }
    for (const spec of SHEETS) {
      // The title row and the header row stay in view on the visible sheets; the hidden Lists sheet
      // has no frozen pane.
      const sheet = workbook.getWorksheet(spec.name[language])!;
      if (spec.hidden) expect(sheet.views ?? []).toEqual([]);
      else
        expect(sheet.views[0]).toMatchObject({
          state: "frozen",
          ySplit: headerRow(spec.tables[0]),
          xSplit: 0,
        });
    }
    const targets = workbook.getWorksheet(SHEETS.find((s) => s.id === "targets")!.name[language])!;
    expect(targets.getColumn(2).width).toBe(34);
    expect(targets.getRow(bodyRow("targets")).values).toEqual(
      expect.arrayContaining([GOALS[0].id, GOALS[0].label[language]]),
    );
  });

  it.each(["en", "zh"] as const)(
    "defines the marker, language, as-of and list names in %s",
    async (language) => {
      const { file } = await write(language);
      const names = storedNames(file);
      const about = SHEETS.find((s) => s.id === "about")!.name[language];
      const lists = SHEETS.find((s) => s.id === "lists")!.name[language];
      expect(names.get(NAMES.version)).toBe(String(TEMPLATE_VERSION));
      expect(names.get(NAMES.language)).toBe(`"${language}"`);
      const asOfRow = bodyRow("about", ABOUT_AS_OF_ROW);
      expect(names.get(NAMES.asOf)).toBe(`'${about}'!$${columnOf("about", "value")}$${asOfRow}`);
      const words = vocabulary(language);
      LIST_IDS.forEach((list) => {
        const column = columnOf("lists", list);
        expect(names.get(NAMES.list(list))).toBe(
          `'${lists}'!$${column}$${bodyRow("lists")}:$${column}$${bodyRow("lists", words[list].length - 1)}`,
        );
      });
      const unitRow = bodyRow("about", aboutReportingUnitRow(language));
      expect(names.get(NAMES.reportingUnit)).toBe(`'${about}'!$${columnOf("about", "value")}$${unitRow}`);
      expect(names.size).toBe(4 + LIST_IDS.length);
    },
  );

  it.each([
    ["zh", "elapsed", "序时进度"],
    ["zh", "Pace ratio", "速度比"],
    ["en", "序时进度", "Points behind time elapsed"],
  ] as const)(
    "names the status rule --status-rule gives on About (%s, %s)",
    async (language, given, named) => {
      const { workbook } = await write(language, "--status-rule", given);
      const about = workbook.getWorksheet(sheetSpec("about").name[language])!;
      const row = bodyRow(
        "about",
        tableSpec("about").seedRows!(language).findIndex((r) => r[0] === ABOUT_STATUS_RULE[language]),
      );
      expect(about.getCell(`${columnOf("about", "item")}${row}`).value).toBe(ABOUT_STATUS_RULE[language]);
      expect(about.getCell(`${columnOf("about", "value")}${row}`).value).toBe(named);
    },
  );

  it("fills the Lists the names point at", async () => {
    const { workbook } = await write("zh");
    const lists = workbook.getWorksheet("列表")!;
    const words = vocabulary("zh");
    expect(lists.getCell("A2").value).toBe(words.goals[0]);
    expect(lists.getCell(`C${words.sectors.length + 1}`).value).toBe(words.sectors.at(-1));
    expect(lists.getCell(`C${words.sectors.length + 2}`).value).toBeNull();
  });

  it("writes the template's formulas, formats and the as-of date", async () => {
    const { workbook } = await write("en", "--as-of", "2021-06-30");
    const spec = tableSpec("targets");
    const column = (id: string) => spec.columns.find((c) => c.id === id)!;
    const targets = workbook.getWorksheet("Targets")!;
    const actual = bodyCell("targets", "actual");
    expect(`=${targets.getCell(actual).formula}`).toBe(columnFormula(spec, column("actual"), "en"));
    expect(targets.getCell(actual).numFmt).toBe("0");
    const forecast = bodyCell("targets", "forecast", GOALS.length - 1);
    expect(targets.getCell(forecast).formula).toBe(columnFormula(spec, column("forecast"), "en").slice(1));
    expect(targets.getCell(forecast).formula).not.toMatch(/SHONLINE\./);
    const about = workbook.getWorksheet("About")!;
    const asOf = bodyCell("about", "value", ABOUT_AS_OF_ROW);
    expect(about.getCell(asOf).value).toEqual(new Date(Date.UTC(2021, 5, 30)));
    expect(about.getCell(asOf).numFmt).toBe("yyyy-mm-dd");
    expect(workbook.getWorksheet("Dashboard")!.getCell(bodyCell("timeline", "recognized")).formula).toContain(
      "tblTimeline[[#This Row],[Month end]]",
    );
  });

  it("puts =TODAY() in the as-of cell without --as-of", async () => {
    const { workbook } = await write("en");
    const asOf = bodyCell("about", "value", ABOUT_AS_OF_ROW);
    expect(workbook.getWorksheet("About")!.getCell(asOf).formula).toBe("TODAY()");
  });

  it("validates the Register's columns on its rows and the spare rows below", async () => {
    const { workbook } = await write("en");
    const rules = validations(workbook.getWorksheet("Register")!);
    // Three entries, then the spare rows.
    const last = 3 + SPARE_REGISTER_ROWS - 1;
    const goal = (row: number) => rules[bodyCell("register", "goal", row)];
    expect(goal(0)).toMatchObject({ type: "list", formulae: [NAMES.list("goals")], allowBlank: true });
    expect(goal(last)).toMatchObject({ type: "list", formulae: [NAMES.list("goals")] });
    expect(goal(last + 1)).toBeUndefined();
    expect(rules[headerCell("register", "goal")]).toBeUndefined();
    expect(rules[bodyCell("register", "kind")]).toMatchObject({
      type: "list",
      formulae: [NAMES.list("kinds")],
      showInputMessage: true,
    });
    expect(rules[bodyCell("register", "date")]).toMatchObject({
      type: "date",
      operator: "between",
      formulae: [new Date(Date.UTC(2018, 0, 1)), new Date(Date.UTC(2030, 11, 31))],
    });
    const evidence = bodyCell("register", "evidence");
    expect(rules[evidence]).toMatchObject({ type: "custom", formulae: [evidenceLinkFormula(evidence)] });
    const targets = validations(workbook.getWorksheet("Targets")!);
    const comparator = (row: number) => targets[bodyCell("targets", "comparator", row)];
    expect(comparator(0)).toMatchObject({ type: "list", formulae: [NAMES.list("comparators")] });
    expect(comparator(GOALS.length - 1)).toMatchObject({ type: "list" });
    expect(comparator(GOALS.length)).toBeUndefined();
  });

  it("colours statuses and draws progress bars on Targets and Dashboard", async () => {
    const { file } = await write("en");
    const sheet = zipEntry(file, `xl/worksheets/sheet${SHEETS.findIndex((s) => s.id === "targets") + 1}.xml`);
    const progress = columnRange("targets", "progress", 0, GOALS.length - 1);
    expect(sheet).toContain(`<conditionalFormatting sqref="${progress}"><cfRule type="dataBar"`);
    const status = bodyCell("targets", "status");
    for (const label of ["Achieved", "On track", "At risk", "Behind", "Missed", "Not started"])
      expect(sheet).toContain(`SEARCH(&quot;${label}&quot;,${status})`);
  });

  it("gives an empty register one blank row, as Excel does", async () => {
    const out = join(folder, "empty.xlsx");
    expect((await run("--out", out)).code).toBe(0);
    const workbook = await loadWorkbook(readFileSync(out));
    expect(tablesOf(workbook).get("tblRegister")!.ref).toBe(tableRef("register", 1));
    expect(tablesOf(workbook).get("tblHistory")!.ref).toBe(tableRef("history", 1));
  });
});

describe("the written workbook against what the add-in creates", () => {
  const serialOf = serialFromUtc;
  const address = (row: number, column: number) => `${String.fromCharCode(65 + column)}${row + 1}`;

  /** Non-empty cells of a sheet read back with exceljs, in the test double's form. */
  function fileCells(
    sheet: ExcelJS.Worksheet,
  ): Map<string, { value: unknown; formula?: string; numberFormat?: string }> {
    const cells = new Map<string, { value: unknown; formula?: string; numberFormat?: string }>();
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const value = cell.value;
        const formula = cell.formula ? `=${cell.formula}` : undefined;
        const plain = formula ? "" : value instanceof Date ? serialOf(value) : (value ?? "");
        cells.set(`${Number(cell.row) - 1},${Number(cell.col) - 1}`, {
          value: plain,
          ...(formula ? { formula } : {}),
          ...(cell.numFmt ? { numberFormat: cell.numFmt } : {}),
        });
      }),
    );
    return cells;
  }

  it.each(["en", "zh"] as const)(
    "holds the add-in's cells, formats, widths, rules and names (%s)",
    async (language) => {
      const { context, workbook: fake } = fakeExcel();
      await applyTemplate(context, language);
      const buffer = Buffer.from((await buildWorkbook({ language }).xlsx.writeBuffer()) as ArrayBuffer);
      const file = await loadWorkbook(buffer);
      const sheets = fake.sheets.filter((sheet) => sheet.rawName !== "Sheet1");
      expect(file.worksheets.map((s) => s.name)).toEqual(sheets.map((s) => s.rawName));

      for (const sheet of sheets) {
        const ours = file.getWorksheet(sheet.rawName)!;
        const where = `${sheet.rawName}!`;
        expect({ where, state: ours.state }).toEqual({
          where,
          state: sheet.rawVisibility === "Hidden" ? "hidden" : "visible",
        });
        if (sheet.frozenRows > 0)
          expect(ours.views[0]).toMatchObject({ state: "frozen", ySplit: sheet.frozenRows });
        else expect(ours.views ?? []).toEqual([]);

        const cells = fileCells(ours);
        const theirs = new Map(
          [...sheet.cells].filter(([, cell]) => cell.value !== "" || cell.formula || cell.numberFormat),
        );
        for (const [key, cell] of theirs) {
          const [row, column] = key.split(",").map(Number);
          // "General" is every cell's format unless another is set: exceljs reads it back as none.
          const { numberFormat, ...rest } = cell;
          const expected = numberFormat === "General" ? rest : cell;
          expect({ at: where + address(row, column), ...cells.get(key) }).toEqual({
            at: where + address(row, column),
            ...expected,
          });
        }
        for (const [key, cell] of cells) {
          if (cell.value === "" && !cell.formula && !cell.numberFormat) continue;
          expect({ key: where + key, known: theirs.has(key) }).toEqual({ key: where + key, known: true });
        }

        for (const [column, points] of sheet.columnWidths)
          expect({ column, width: ours.getColumn(column + 1).width }).toEqual({
            column,
            width: expect.closeTo(points / 5.6, 3),
          });

        const rules = validations(ours);
        for (const { row, column, rows, rule } of sheet.validations) {
          const expected = rule as {
            list?: { source: string };
            date?: { formula1: string; formula2: string };
            custom?: { formula: string };
          };
          for (const r of [row, row + rows - 1]) {
            const at = address(r, column);
            const found = rules[at];
            if (expected.list)
              expect({ at, ...found }).toMatchObject({
                at,
                type: "list",
                formulae: [expected.list.source.slice(1)],
              });
            if (expected.date)
              expect({ at, ...found }).toMatchObject({
                at,
                type: "date",
                formulae: [expected.date.formula1, expected.date.formula2].map(
                  (d) => new Date(`${d}T00:00:00Z`),
                ),
              });
            if (expected.custom)
              expect({ at, ...found }).toMatchObject({
                at,
                type: "custom",
                formulae: [expected.custom.formula.slice(1)],
              });
          }
        }
        for (const { row, column, prompt } of sheet.prompts) {
          const { title, message } = prompt as { title: string; message: string };
          expect(rules[address(row, column)]).toMatchObject({
            showInputMessage: true,
            promptTitle: title,
            prompt: message,
          });
        }

        // The add-in's ContainsText rules are written as the same SEARCH test in formula rules.
        const formats = (
          ours as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }
        ).conditionalFormattings.flatMap((cf) => cf.rules.map((rule) => `${cf.ref} ${rule.type}`));
        const expectedFormats = sheet.conditionalFormats.map(
          (cf) =>
            `${address(cf.row, cf.column)}:${address(cf.row + cf.rows - 1, cf.column)} ${cf.type === "DataBar" ? "dataBar" : "expression"}`,
        );
        expect(formats.sort()).toEqual(expectedFormats.sort());
      }

      const names = storedNames(buffer);
      expect(new Map([...names].map(([name, formula]) => [name, `=${formula}`]))).toEqual(
        new Map(fake.names.all.map((name) => [name.rawName, name.rawFormula])),
      );
      // The rows each sheet repeats on every page: a sheet's Print_Titles name in the file.
      sheets.forEach((sheet, index) => {
        const rows = sheet.pageLayout.printTitleRows;
        const titles = storedNames(buffer, index).get("_xlnm.Print_Titles");
        expect({ sheet: sheet.rawName, titles }).toEqual({
          sheet: sheet.rawName,
          titles: rows ? `'${sheet.rawName}'!$${rows.first}:$${rows.last}` : undefined,
        });
      });
    },
  );
});
