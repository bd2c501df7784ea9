/**
 * Reading district workbooks for the city's merge: real workbooks written by the command line (and
 * one re-saved by LibreOffice, which keeps its text as shared strings), plus small hand-made
 * packages for the XML the writers here never produce.
 */
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import { readSubmissionFile } from "../../src/cli/submission-file";
import { isoToSerial, nowSerial, serialFromUtc } from "../../src/core/dates";
import {
  readSubmission,
  SUBMISSION_MESSAGES,
  type Submission,
  SubmissionError,
} from "../../src/core/submission";
import {
  aboutReportingUnitRow,
  sheetSpec,
  TABLE_ROW,
  tableSpec,
  TEMPLATE_VERSION,
} from "../../src/core/template/template";
import {
  decodeXml,
  isoDateTimeToSerial,
  parseSheetReference,
  readWorkbook,
} from "../../src/core/xlsx/xlsx-parts";
import { NOW, runCli } from "../cli/harness";

let folder = "";
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "submission-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const EN_CSV = [
  "Goal,Name,Kind,Sector,District,Date recognized,Status,Evidence link,Notes,Entered by",
  'Brands,Acme & Co <Ltd>,,,Pudong,2021-03-04,Recognized,https://example.com/a?x=1&y=2,"said ""yes""",Li',
  "Unmanned factories,Robot line,Production line,,Xuhui,,Candidate,,,",
  "Application scenarios,Smart port,,,Huangpu,2022-01-31,Recognized,,,",
];
const ZH_CSV = [
  "目标,名称,区,认定日期,状态,备注",
  "品牌产品,上海老字号数字商店,黄浦,2021-06-30,已认定,市经信委公布",
  "应用场景,徐汇滨江智慧导览,徐汇,2021-09-15,已认定,",
  "创新型企业,长宁区某科技公司,长宁,,候选,待复核",
];

/** A workbook written by the command line from these register lines; its path. */
async function workbook(name: string, lines: readonly string[], ...options: string[]): Promise<string> {
  const csv = join(folder, `${name}.csv`);
  writeFileSync(csv, lines.join("\r\n") + "\r\n");
  const out = join(folder, `${name}.xlsx`);
  const result = await runCli("--register", csv, "--out", out, ...options);
  if (result.code !== 0) throw new Error(`the command line failed: ${result.stderr.join("\n")}`);
  return out;
}

/** A package's XML parts as text, as a face would hand them to readSubmission. */
async function partsOf(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const file of Object.values(zip.files))
    if (!file.dir && /\.(xml|rels)$/.test(file.name)) parts.set(file.name, await file.async("string"));
  return parts;
}

/** The worksheet part of the sheet named `sheet`, found through the package's own relationships. */
function sheetPart(parts: ReadonlyMap<string, string>, sheet: string): string {
  const found = readWorkbook(parts).sheets.find((s) => s.name === sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  return found.part;
}

/** Puts `value` in column B of About's row `row`, the value cell the template leaves blank there. */
function setAboutValue(parts: Map<string, string>, sheet: string, row: number, value: string): void {
  const part = sheetPart(parts, sheet);
  const xml = parts.get(part)!;
  const rowPattern = new RegExp(`(<row r="${row}"[^>]*>)([\\s\\S]*?)(</row>)`);
  if (!rowPattern.test(xml)) throw new Error(`no row ${row} in ${part}`);
  const cell = `<c r="B${row}" t="inlineStr"><is><t>${value}</t></is></c>`;
  parts.set(
    part,
    xml.replace(rowPattern, (_, start: string, cells: string, end: string) => {
      const withoutB = cells.replace(new RegExp(`<c r="B${row}"[^>]*?(/>|>[\\s\\S]*?</c>)`), "");
      return start + withoutB + cell + end;
    }),
  );
}

const ABOUT_ZH = sheetSpec("about").name.zh;

/** The sheet row (1-based) of the About row for the reporting unit in a new workbook. */
const reportingUnitRow = (language: "en" | "zh") => TABLE_ROW + 2 + aboutReportingUnitRow(language);

async function zipOf(parts: ReadonlyMap<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of parts) zip.file(name, text);
  return zip.generateAsync({ type: "nodebuffer" });
}

/** The refusal a call throws; fails the test when it throws nothing, or something else. */
async function refusal(read: () => Promise<Submission> | Submission): Promise<SubmissionError> {
  let result: Submission;
  try {
    result = await read();
  } catch (error) {
    if (error instanceof SubmissionError) return error;
    throw error;
  }
  throw new Error(`expected a SubmissionError, read ${result.rows.length} rows`);
}

describe("readSubmission on workbooks the command line writes", () => {
  it("reads an English workbook's rows as ledger rows, with the file's facts", async () => {
    const path = await workbook("english", EN_CSV, "--as-of", "2022-06-30");
    const submission = await readSubmissionFile(path);
    expect(submission).toMatchObject({
      file: "english.xlsx",
      language: "en",
      version: TEMPLATE_VERSION,
      reportingUnit: "",
      asOf: isoToSerial("2022-06-30"),
    });
    expect(submission.rows).toHaveLength(3);
    expect(submission.rows[0]).toMatchObject({
      goal: "BRANDS",
      name: "Acme & Co <Ltd>",
      status: "RECOGNIZED",
      district: "PUDONG",
      date: isoToSerial("2021-03-04"),
      evidence: "https://example.com/a?x=1&y=2",
      notes: 'said "yes"',
      enteredBy: "Li",
      kind: null,
    });
    expect(submission.rows[1]).toMatchObject({
      goal: "UNMANNED",
      name: "Robot line",
      kind: "PRODUCTION_LINE",
      status: "CANDIDATE",
      date: null,
    });
    expect(submission.rows[2]).toMatchObject({ goal: "SCENARIOS", date: isoToSerial("2022-01-31") });
    // Entered at: the command line's clock (NOW, local time) as a date-time serial.
    expect(submission.rows[0].enteredAt).toBeCloseTo(nowSerial(NOW), 6);
    // core.xml's modified, as the zip writer stamped it: a plausible moment, in days.
    expect(submission.savedAt).toBeGreaterThan(isoToSerial("2024-01-01"));
  });

  it("reads a Chinese workbook: labels become the same ids, text is kept", async () => {
    const submission = await readSubmissionFile(await workbook("chinese", ZH_CSV, "--lang", "zh-CN"));
    expect(submission.language).toBe("zh");
    expect(submission.version).toBe(TEMPLATE_VERSION);
    // The as-of date is =TODAY(), which nobody has computed yet: no number to read.
    expect(submission.asOf).toBeUndefined();
    expect(
      submission.rows.map((row) => [row.goal, row.name, row.district, row.status, row.date, row.notes]),
    ).toEqual([
      ["BRANDS", "上海老字号数字商店", "HUANGPU", "RECOGNIZED", isoToSerial("2021-06-30"), "市经信委公布"],
      ["SCENARIOS", "徐汇滨江智慧导览", "XUHUI", "RECOGNIZED", isoToSerial("2021-09-15"), null],
      ["ENTERPRISES", "长宁区某科技公司", "CHANGNING", "CANDIDATE", null, "待复核"],
    ]);
  });

  it("reads the reporting unit, and the version from About when the defined name is gone", async () => {
    const parts = await partsOf(readFileSync(await workbook("unit", ZH_CSV, "--lang", "zh-CN")));
    setAboutValue(parts, ABOUT_ZH, reportingUnitRow("zh"), " 浦东新区商务委员会 ");
    expect(readSubmission(parts, "unit.xlsx")).toMatchObject({
      reportingUnit: "浦东新区商务委员会",
      version: TEMPLATE_VERSION,
    });

    // A workbook whose marker name was removed still states its version in About.
    const workbookXml = parts.get("xl/workbook.xml")!;
    const withoutName = workbookXml.replace(
      /<definedName name="SHONLINE_TemplateVersion">[^<]*<\/definedName>/,
      "",
    );
    expect(withoutName).not.toBe(workbookXml);
    parts.set("xl/workbook.xml", withoutName);
    const versionRow =
      TABLE_ROW + 2 + tableSpec("about").seedRows!("zh").findIndex((row) => row[0] === "模板版本");
    setAboutValue(parts, ABOUT_ZH, versionRow, "3");
    expect(readSubmission(parts, "unit.xlsx").version).toBe(3);
  });

  it("reads a workbook re-saved by LibreOffice, whose text is in shared strings", async () => {
    const soffice = spawnSync("which", ["soffice"], { encoding: "utf8" }).stdout.trim();
    if (!soffice) {
      console.warn("Skipped the LibreOffice test: soffice is not installed (which soffice found nothing).");
      return;
    }
    const parts = await partsOf(
      readFileSync(await workbook("district", ZH_CSV, "--lang", "zh-CN", "--as-of", "2022-03-31")),
    );
    setAboutValue(parts, ABOUT_ZH, reportingUnitRow("zh"), "徐汇区经信委");
    const input = join(folder, "to-convert");
    const output = join(folder, "converted");
    mkdirSync(input);
    writeFileSync(join(input, "district.xlsx"), await zipOf(parts));
    // A profile of its own, so that a LibreOffice someone else runs cannot hold this one's lock.
    const profile = pathToFileURL(join(folder, "lo-profile")).href;
    const run = spawnSync(
      soffice,
      [
        `-env:UserInstallation=${profile}`,
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        output,
        join(input, "district.xlsx"),
      ],
      { encoding: "utf8", timeout: 45_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
    const converted = join(output, "district.xlsx");
    const resaved = await partsOf(readFileSync(converted));
    // The test is worth its time only if the register's text really moved to shared strings.
    expect(resaved.get(sheetPart(resaved, "登记"))).toMatch(/<c r="B3"[^>]*t="s"/);

    const submission = await readSubmissionFile(converted);
    expect(submission).toMatchObject({
      file: "district.xlsx",
      language: "zh",
      version: TEMPLATE_VERSION,
      reportingUnit: "徐汇区经信委",
      asOf: isoToSerial("2022-03-31"),
    });
    expect(submission.rows.map((row) => [row.goal, row.name, row.district, row.status, row.date])).toEqual([
      ["BRANDS", "上海老字号数字商店", "HUANGPU", "RECOGNIZED", isoToSerial("2021-06-30")],
      ["SCENARIOS", "徐汇滨江智慧导览", "XUHUI", "RECOGNIZED", isoToSerial("2021-09-15")],
      ["ENTERPRISES", "长宁区某科技公司", "CHANGNING", "CANDIDATE", null],
    ]);
  }, 60_000);

  // Its speed is measured by the bench (npm run bench), not asserted here.
  it("reads a 5,000-row workbook whole", async () => {
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `Brands,Firm ${i} & Sons,,,Pudong,2021-05-${String(1 + (i % 28)).padStart(2, "0")},Recognized,,note <${i}>,`,
    );
    const parts = await partsOf(readFileSync(await workbook("large", [EN_CSV[0], ...lines])));
    const rows = readSubmission(parts, "large.xlsx").rows;
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toMatchObject({ goal: "BRANDS", name: "Firm 4999 & Sons", district: "PUDONG" });
  }, 60_000);
});

describe("files that are not the template's", () => {
  it("refuses an .xlsx without a Register table, saying so in both languages", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Register").addRow(["Goal", "Name"]);
    const path = join(folder, "plain.xlsx");
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
    const error = await refusal(() => readSubmissionFile(path));
    expect(error.problem).toBe("noRegister");
    expect(error.file).toBe("plain.xlsx");
    expect(error.said).toEqual(SUBMISSION_MESSAGES.noRegister);
    expect(error.said.zh).toContain("该文件不是用本模板制作的工作簿：未找到“登记”表。");
  });

  it("refuses a Register without the Name column, naming it", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Register").addTable({
      name: "tblRegister",
      ref: "A1",
      columns: [{ name: "Goal" }, { name: "Status" }],
      rows: [["Brands", "Recognized"]],
    });
    const parts = await partsOf(Buffer.from(await book.xlsx.writeBuffer()));
    const error = await refusal(() => readSubmission(parts, "no-name.xlsx"));
    expect(error.problem).toBe("missingColumns");
    expect(error.said.en).toContain('no "Name" column');
    expect(error.said.zh).toContain("缺少“名称”列");
  });

  it("refuses a file that is not a zip at all", async () => {
    const path = join(folder, "register.xlsx");
    writeFileSync(path, EN_CSV.join("\n"));
    const error = await refusal(() => readSubmissionFile(path));
    expect(error.problem).toBe("notXlsx");
    expect(error.said).toEqual(SUBMISSION_MESSAGES.notXlsx);
    expect(error.said.zh).toMatch(/[，。]/);
  });
});

/** A one-sheet package by hand: the Register's table at A1:D`last`, with these rows and strings. */
function handMade(
  rowsXml: string,
  sharedStrings: string,
  table = 'ref="A1:D4" headerRowCount="1"',
): Map<string, string> {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return new Map([
    [
      "_rels/.rels",
      `<Relationships>${rel("rId1", "officeDocument", "xl/workbook.xml")}${rel("rId2", "metadata/core-properties", "docProps/core.xml")}</Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<workbook xmlns:r="r"><sheets><sheet name="It's &amp; more" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="AsOfDate">'It''s &amp; more'!$D$1</definedName><definedName name="SHONLINE_TemplateVersion" localSheetId="0">9</definedName></definedNames></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<Relationships>${rel("rId1", "worksheet", "/xl/worksheets/sheet1.xml")}${rel("rId2", "sharedStrings", "sharedStrings.xml")}</Relationships>`,
    ],
    [
      "xl/worksheets/sheet1.xml",
      `<worksheet><sheetData>${rowsXml}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`,
    ],
    [
      "xl/worksheets/_rels/sheet1.xml.rels",
      `<Relationships>${rel("rId1", "table", "../tables/table1.xml")}</Relationships>`,
    ],
    [
      "xl/tables/table1.xml",
      `<table id="1" name="tblRegister" displayName="tblRegister" ${table}><tableColumns count="4"><tableColumn id="1" name="Goal"/><tableColumn id="2" name="Name"/><tableColumn id="3" name="Notes"/><tableColumn id="4" name="Date recognized"/></tableColumns></table>`,
    ],
    ["xl/sharedStrings.xml", `<sst>${sharedStrings}</sst>`],
    [
      "docProps/core.xml",
      `<cp:coreProperties><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-05T09:30:00+08:00</dcterms:modified></cp:coreProperties>`,
    ],
  ]);
}

const HEADER_ROW = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="str"><v>Notes</v></c><c r="D1" t="s"><v>2</v></c></row>`;
const STRINGS =
  `<si><t>Goal</t></si><si><t>Name</t></si><si><t>Date recognized</t></si>` +
  // Rich text: runs with their own fonts, a preserved space, and a phonetic guide that is no part of the text.
  `<si><r><rPr><b/></rPr><t>Acme</t></r><r><t xml:space="preserve"> &amp; </t></r><r><t>Sons</t></r><rPh sb="0" eb="4"><t>アクメ</t></rPh></si>` +
  `<si><t xml:space="preserve">  two spaces_x000D_</t></si><si><t/></si>`;

describe("the package reader", () => {
  it("decodes entities, character references and rich-text shared strings", () => {
    const rows =
      HEADER_ROW +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>&#x54C1;&#29260;产品</t></is></c><c r="B2" t="s"><v>3</v></c>` +
      `<c r="C2" t="inlineStr"><is><r><t>&lt;a&gt; &quot;b&quot; </t></r><r><t>&apos;c&apos;</t></r></is></c><c r="D2" t="d"><v>2021-06-30T12:00:00</v></c></row>` +
      // A cell with a formula gives its cached value; cells without r follow the one before.
      `<row r="3"><c t="inlineStr"><is><t>Brands</t></is></c><c t="s"><v>4</v></c><c><f>1+1</f><v>2</v></c></row>` +
      `<row r="4"><c r="B4" t="s"><v>5</v></c><c r="C4" t="str"><f>""</f><v></v></c></row>`;
    const submission = readSubmission(handMade(rows, STRINGS), "hand.xlsx");
    expect(submission.rows).toEqual([
      expect.objectContaining({
        goal: "BRANDS",
        name: "Acme & Sons",
        notes: `<a> "b" 'c'`,
        date: isoToSerial("2021-06-30") + 0.5,
      }),
      expect.objectContaining({ goal: "BRANDS", name: "  two spaces\r", notes: 2, date: null }),
    ]);
    // A name scoped to one sheet is not the workbook's: no version. The quoted sheet name resolves.
    expect(submission.version).toBeUndefined();
    expect(submission.asOf).toBeUndefined();
    expect(submission.savedAt).toBeCloseTo(serialFromUtc(new Date(Date.UTC(2024, 2, 5, 1, 30))), 9);
  });

  it("reads booleans, errors, numbers and a defined name through a quoted sheet name", () => {
    const rows =
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="str"><v>Notes</v></c><c r="D1"><v>45000.25</v></c></row>` +
      `<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><f>NA()</f><v>#N/A</v></c><c r="C2" s="3"/><c r="D2"><v>1.5E3</v></c></row>`;
    const book = readWorkbook(handMade(rows, STRINGS, 'ref="A1:D2"'));
    expect(book.readRange("It's & more", { top: 2, left: 1, bottom: 3, right: 5 })).toEqual([
      [true, "#N/A", null, 1500, null],
      [null, null, null, null, null],
    ]);
    expect(book.valueOfName("asofdate")).toBe(45000.25);
    expect(book.table("TBLREGISTER")?.range).toEqual({ top: 1, left: 1, bottom: 2, right: 4 });
  });

  it("refuses a Register table without a header row", async () => {
    const parts = handMade(HEADER_ROW, STRINGS, 'ref="A1:D4" headerRowCount="0"');
    expect((await refusal(() => readSubmission(parts, "x.xlsx"))).problem).toBe("noHeaderRow");
  });

  it("leaves out a totals row", () => {
    const rows =
      HEADER_ROW +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Brands</t></is></c><c r="B2" t="inlineStr"><is><t>One</t></is></c></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><t>Total</t></is></c><c r="B3"><f>SUBTOTAL(103,[Name])</f><v>1</v></c></row>`;
    const parts = handMade(rows, STRINGS, 'ref="A1:D3" totalsRowCount="1"');
    expect(readSubmission(parts, "x.xlsx").rows.map((row) => row.name)).toEqual(["One"]);
  });

  it("parses references, entities and W3C date-times", () => {
    expect(decodeXml("&amp;lt; &#38; &#x26; &unknown;")).toBe("&lt; & & &unknown;");
    expect(parseSheetReference("'登记'!$B$3:$C4")).toEqual({
      sheet: "登记",
      range: { top: 3, left: 2, bottom: 4, right: 3 },
    });
    expect(parseSheetReference("About!$1:$2")).toBeUndefined();
    expect(isoDateTimeToSerial("2021-06-30")).toBe(isoToSerial("2021-06-30"));
    expect(isoDateTimeToSerial("2021-06-30T18:00:00.500Z")).toBeCloseTo(
      isoToSerial("2021-06-30") + 0.75 + 0.5 / 86400,
      9,
    );
    expect(isoDateTimeToSerial("2021-02-30T00:00:00Z")).toBeUndefined();
    expect(isoDateTimeToSerial("yesterday")).toBeUndefined();
  });
});
