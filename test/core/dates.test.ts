import {
  inExcelRange,
  isDateSerial,
  isoToSerial,
  nowSerial,
  parseIsoDate,
  parseWrittenDate,
  serialFromUtc,
  serialToIso,
  serialToIsoMinute,
  todaySerial,
} from "../../src/core/dates";
import { checkEntry } from "../../src/core/entries";

describe("dates as Excel serial numbers", () => {
  it.each([
    ["1900-03-01", 61],
    ["1970-01-01", 25569],
    ["2020-04-08", 43929],
    ["2020-02-29", 43890],
    ["2022-12-31", 44926],
    ["2024-02-29", 45351],
  ])("%s is serial %i and back", (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  it.each(["2021-02-29", "2022-13-01", "2022-00-10", "2022-04-31", "20220101", "yesterday", "", "2022-1-1x"])(
    "rejects %j",
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );

  it("accepts single-digit parts, slashes and surrounding spaces", () => {
    expect(parseIsoDate(" 2021/6/30 ")).toBe(isoToSerial("2021-06-30"));
  });

  it("throws on a bad catalogue constant", () => {
    expect(() => isoToSerial("2021-02-30")).toThrow("Not an ISO date");
  });

  it("takes today from the local calendar", () => {
    expect(todaySerial(new Date(2022, 11, 31, 23, 59))).toBe(44926);
    expect(todaySerial(new Date(2020, 3, 8, 0, 1))).toBe(43929);
  });

  it("knows which numbers are dates it can handle", () => {
    expect(isDateSerial(44926)).toBe(true);
    expect(isDateSerial(60)).toBe(false);
    expect(isDateSerial(Number.NaN)).toBe(false);
  });

  it("stamps a moment as the day's serial plus the local time of day", () => {
    expect(nowSerial(new Date(2022, 11, 31, 18, 0, 0))).toBe(44926.75);
    expect(nowSerial(new Date(2020, 3, 8, 0, 0, 36))).toBeCloseTo(43929 + 36 / 86_400, 10);
  });

  it("reads a UTC moment (a date from an .xlsx reader) as a date-time serial", () => {
    expect(serialFromUtc(new Date(Date.UTC(2022, 11, 31, 18)))).toBe(44926.75);
  });
});

describe("Excel's range of dates", () => {
  it("numbers days as Excel does, its 1900-02-29 included", () => {
    expect(isoToSerial("1900-01-01")).toBe(1);
    expect(isoToSerial("1900-02-28")).toBe(59);
    expect(serialToIso(60)).toBe("1900-02-29");
    expect(isoToSerial("1900-03-01")).toBe(61);
    expect(isoToSerial("9999-12-31")).toBe(2958465);
    expect([1, 59, 61, 44377, 2958465].map((s) => isoToSerial(serialToIso(s)))).toEqual([
      1, 59, 61, 44377, 2958465,
    ]);
  });

  it("refuses dates outside it (years before 1900 or after 9999), as Excel has none", () => {
    expect(parseIsoDate("1899-12-31")).toBeUndefined();
    expect(parseIsoDate("0050-01-01")).toBeUndefined();
    expect(inExcelRange(0)).toBe(false);
    expect(inExcelRange(1)).toBe(true);
    expect(inExcelRange(2958465.99)).toBe(true);
    expect(inExcelRange(2958466)).toBe(false);
  });
});

describe("date-times to the minute", () => {
  it.each([
    [isoToSerial("2021-06-30") + (12 * 60 + 30) / 1440, "2021-06-30 12:30"],
    [isoToSerial("2021-06-30") + (23 * 3600 + 59 * 60 + 45) / 86400, "2021-07-01 00:00"],
    [isoToSerial("2021-12-31") + (23 * 3600 + 59 * 60 + 31) / 86400, "2022-01-01 00:00"],
    [isoToSerial("2021-06-30") + 29.9 / 86400, "2021-06-30 00:00"],
  ])("%d is %s", (serial, text) => {
    expect(serialToIsoMinute(serial)).toBe(text);
  });
});

describe("dates as people write them (forms and CSV files)", () => {
  it.each([
    "2021-06-30",
    "2021/6/30",
    "2021/06/30",
    "2021.06.30",
    "2021.6.30",
    "2021年6月30日",
    "2021年06月30日",
    "2021 年 6 月 30 日",
    "2021年6月30号",
    "２０２１年６月３０日",
    " 2021-06-30 ",
  ])("%j is 2021-06-30", (text) => {
    expect(parseWrittenDate(text)).toBe(isoToSerial("2021-06-30"));
  });

  it.each([
    "2021.6-30",
    "2021-02-29",
    "2021年6月",
    "30/6/2021",
    "6/30/2021",
    "2021-13-01",
    "二〇二一年六月三十日",
    "",
  ])("%j is no date", (text) => {
    expect(parseWrittenDate(text)).toBeUndefined();
  });

  it("the form and the import take every written form", () => {
    for (const date of ["2021.06.30", "2021年6月30日"])
      expect(checkEntry({ goal: "BRANDS", name: "甲", status: "Recognized", date }).entry?.date).toBe(
        isoToSerial("2021-06-30"),
      );
  });
});
