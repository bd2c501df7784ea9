import { formatCsv } from "../../src/core/csv";
import { previewRegisterImport } from "../../src/core/register-csv";
import { cellAddress, columnLetters, valueForCell } from "../../src/core/template/cell-text";
import { guardText, needsGuard, unguardText } from "../../src/core/text-guard";

const GUARDED: [string, string][] = [
  ["=1+1", "'=1+1"],
  ["+86 21", "'+86 21"],
  ["-5", "'-5"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tcmd", "'\tcmd"],
  ["\rcmd", "'\rcmd"],
  ["'already", "''already"],
];
const LEFT_ALONE = ["Acme 上海", "", "a=b", "x'"];

describe("text that must stay text", () => {
  it.each(GUARDED)("%j is guarded as %j in a CSV field", (text, guarded) => {
    expect(needsGuard(text)).toBe(true);
    expect(guardText(text)).toBe(guarded);
    expect(formatCsv([[text]])).toContain(guarded.replace(/^(.*[\r"].*)$/s, (field) => `"${field}"`));
    expect(unguardText(guarded)).toBe(text);
  });

  it.each(LEFT_ALONE)("%j is written to a CSV field as it is", (text) => {
    expect(needsGuard(text)).toBe(false);
    expect(formatCsv([[text]])).toBe(`\ufeff${text}\r\n`);
  });

  it.each(["'t Hooft", "'quoted'", "'"])("keeps the apostrophe of %j, which no guard put there", (text) => {
    expect(unguardText(text)).toBe(text);
    const csv = `Goal,Name,Status\r\nBRANDS,${text},Candidate\r\n`;
    expect(previewRegisterImport(csv, new Set()).accepted.map((entry) => entry.name)).toEqual([text]);
  });

  it("reads names back from an exported CSV exactly as they were", () => {
    const names = ["=HYPERLINK(1)", "'t Hooft", "+1 Lab", "-minus", "plain"];
    const csv = formatCsv([
      ["Goal", "Name", "Status"],
      ...names.map((name) => ["BRANDS", name, "Candidate"]),
    ]);
    const preview = previewRegisterImport(csv, new Set());
    expect(preview.accepted.map((entry) => entry.name)).toEqual(names);
  });

  it.each([...GUARDED.map(([text]) => text), "00123", "2021-06-30", "50%", "TRUE", "Acme 上海", "x'"])(
    "writes %j to a cell behind an apostrophe, so Excel keeps it as text",
    (text) => {
      expect(valueForCell(text)).toBe(`'${text}`);
    },
  );

  it("leaves numbers and booleans alone and blanks empty", () => {
    expect(valueForCell("")).toBe("");
    expect(valueForCell(-5)).toBe(-5);
    expect(valueForCell(true)).toBe(true);
    expect(valueForCell(null)).toBe("");
  });

  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(cellAddress(1, 7)).toBe("H2");
  });
});
