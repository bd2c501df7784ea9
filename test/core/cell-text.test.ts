import { cellAddress, columnLetters, textForCell, valueForCell } from "../../src/core/template/cell-text";

describe("text on its way to a cell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+86 21", "'+86 21"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["'already", "''already"],
    ["Acme 上海", "Acme 上海"],
    ["", ""],
  ])("%j is written as %j", (text, written) => {
    expect(textForCell(text)).toBe(written);
  });

  it("leaves numbers and booleans alone and blanks empty", () => {
    expect(valueForCell(-5)).toBe(-5);
    expect(valueForCell(true)).toBe(true);
    expect(valueForCell(null)).toBe("");
  });

  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(cellAddress(1, 7)).toBe("H2");
  });
});
