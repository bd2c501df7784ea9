import {
  isDateSerial,
  isoToSerial,
  nowSerial,
  parseIsoDate,
  serialFromUtc,
  serialToIso,
  todaySerial,
} from "../../src/core/dates";

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
