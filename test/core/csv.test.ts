import { CsvError, formatCsv, parseCsv } from "../../src/core/csv";
import { isoToSerial } from "../../src/core/dates";
import { entryKey } from "../../src/core/entries";
import { previewRegisterImport, registerToCsv } from "../../src/core/register-csv";

describe("parsing CSV", () => {
  it("reads comma files with quotes, embedded newlines and CRLF", () => {
    const table = parseCsv('a,b,c\r\n1,"two, ""2""",3\r\n"multi\nline",,x\r\n');
    expect(table.delimiter).toBe(",");
    expect(table.records).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", 'two, "2"', "3"] },
      { line: 3, fields: ["multi\nline", "", "x"] },
    ]);
  });

  it("detects semicolons and strips a byte-order mark", () => {
    const table = parseCsv("\ufeff目标;名称\n品牌产品;上海,茶\n");
    expect(table.delimiter).toBe(";");
    expect(table.records[1].fields).toEqual(["品牌产品", "上海,茶"]);
  });

  it("skips blank lines and reads a last line without a newline", () => {
    expect(parseCsv("a\n\nb").records.map((r) => r.fields[0])).toEqual(["a", "b"]);
  });

  it("reports an unclosed quote with its line", () => {
    expect(() => parseCsv('a\n"b\nc')).toThrow(new CsvError("a quoted field is never closed", 2));
    expect(() => parseCsv('a\nx"y"')).toThrow(/line 2/);
  });

  it("round-trips through formatCsv", () => {
    const rows = [
      ["a", 'quote "q"', "semi;colon"],
      ["新\n行", 3, null],
    ];
    const back = parseCsv(formatCsv(rows)).records.map((r) => r.fields);
    expect(back).toEqual([
      ["a", 'quote "q"', "semi;colon"],
      ["新\n行", "3", ""],
    ]);
  });

  it("neutralizes formula-like text on export", () => {
    expect(formatCsv([["=1+1", "-x", -5]])).toBe("\ufeff'=1+1,'-x,-5\r\n");
  });
});

describe("importing register entries", () => {
  const file = [
    "Goal,Name,Status,Date recognized,Sector,Evidence link,Extra",
    "Brands,Acme,Recognized,2021-05-01,Online education,https://a.example,x",
    "Brands,Acme,Recognized,2021-05-02,,,",
    "Nothing,Bad goal,Recognized,,,,",
    "Scenarios,Lab,Candidate,2021-02-30,,,",
    'Platforms,"Cloud, Inc.",Recognized,2021-07-01,Industrial internet,,',
  ].join("\n");

  it("previews each row with its line and issues, accepting only valid rows", () => {
    const preview = previewRegisterImport(file, new Set());
    expect(preview.fileErrors).toEqual([]);
    expect(preview.ignoredColumns).toEqual(["Extra"]);
    expect(
      preview.rows.map((r) => [
        r.line,
        r.checked.entry
          ? "ok"
          : r.checked.issues
              .filter((i) => i.severity === "error")
              .map((i) => i.field)
              .join("+"),
      ]),
    ).toEqual([
      [2, "ok"],
      [3, "name"],
      [4, "goal"],
      [5, "date"],
      [6, "ok"],
    ]);
    expect(preview.accepted.map((e) => e.name)).toEqual(["Acme", "Cloud, Inc."]);
    expect(preview.accepted[1].date).toBe(isoToSerial("2021-07-01"));
  });

  it("accepts Chinese headers, semicolons and a BOM", () => {
    const preview = previewRegisterImport(
      "\ufeff目标;名称;状态;认定日期\n品牌产品;上海茶;已认定;2021-01-05\n",
      new Set(),
    );
    expect(preview.accepted).toEqual([
      { goal: "BRANDS", name: "上海茶", status: "RECOGNIZED", date: isoToSerial("2021-01-05") },
    ]);
  });

  it("flags rows already in the register", () => {
    const preview = previewRegisterImport(
      "goal,name,status\nBRANDS,acme,Recognized\n",
      new Set([entryKey("BRANDS", "Acme")]),
    );
    expect(preview.accepted).toEqual([]);
    expect(preview.rows[0].checked.issues.find((i) => i.severity === "error")!.message.en).toContain(
      "already in the register",
    );
  });

  it("refuses a file without the required columns, or not CSV at all", () => {
    expect(previewRegisterImport("name,date\nx,2021-01-01\n", new Set()).fileErrors[0].en).toBe(
      "The header row lacks the column(s) Goal, Status.",
    );
    expect(previewRegisterImport('goal,name,status\n"x', new Set()).fileErrors[0].en).toMatch(
      /not valid CSV/,
    );
    expect(previewRegisterImport("", new Set()).fileErrors[0].en).toBe("The file is empty.");
  });

  it("flags a row with more fields than the header", () => {
    const preview = previewRegisterImport("goal,name,status\nBRANDS,a,Recognized,extra\n", new Set());
    expect(preview.accepted).toEqual([]);
  });

  it("exports dates as ISO text", () => {
    const csv = registerToCsv(
      ["Goal", "Date recognized", "Entered at"],
      [["Brands", isoToSerial("2021-05-01"), isoToSerial("2021-05-02") + 0.5]],
    );
    expect(csv).toBe("\ufeffGoal,Date recognized,Entered at\r\nBrands,2021-05-01,2021-05-02 12:00\r\n");
  });
});
