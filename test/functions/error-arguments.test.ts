/**
 * Error values in the cells a formula gives the custom functions, called as Excel calls them
 * (test/support/custom-function-calls.ts, rule 8 of the stricter Excel double): with the
 * metadata as the build writes it (allowErrorForDataTypeAny: true) the functions run and say which
 * cell to fix; with the property removed, Excel never calls them and the cell only repeats the
 * error.
 */
import type { FunctionsJson } from "../../tools/build/localize-functions";
import {
  type BuiltMetadata,
  builtMetadata,
  callFromCells,
  type CellInput,
  FormulaError,
  withoutAllowErrors,
} from "../support/custom-function-calls";
import { isoToSerial as d } from "../../src/core/dates";

let built: BuiltMetadata;

beforeAll(async () => {
  built = await builtMetadata();
}, 60_000);

function setDisplayLanguage(language: string | undefined) {
  (globalThis as { Office?: unknown }).Office = language
    ? { context: { displayLanguage: language } }
    : undefined;
}

afterEach(() => setDisplayLanguage(undefined));

const col = (...cells: CellInput[]) => cells.map((cell) => [cell]);
const NA = new FormulaError("#N/A");
const AS_OF = d("2021-06-30");

/** A register whose second goal cell holds #N/A (a failed lookup, say). */
const GOALS = col("BRANDS", NA, "BRANDS");
const STATUSES = col("Recognized", "Recognized", "Recognized");
const DATES = col(d("2020-05-01"), d("2020-06-01"), d("2021-01-15"));

/** The three register functions, each given that register. */
const REGISTER_CALLS: [id: string, args: CellInput[] | CellInput[][][]][] = [
  ["COUNT", [GOALS, "BRANDS", STATUSES, DATES, AS_OF] as never],
  ["FORECAST", [GOALS, "BRANDS", STATUSES, DATES, AS_OF] as never],
  ["SUMMARY", [GOALS, STATUSES, DATES, AS_OF, "en"] as never],
];

const ROW_2_EN = "Row 2 of goals holds an error value; fix that cell first.";
const ROW_2_ZH = "“目标列”第 2 行是错误值；请先修正该单元格。";

describe("a register cell holding an error", () => {
  it("the built metadata of both languages lets errors reach the functions", () => {
    expect(built.en.allowErrorForDataTypeAny).toBe(true);
    expect(built.zh.allowErrorForDataTypeAny).toBe(true);
    expect(built.generated).not.toHaveProperty("allowErrorForDataTypeAny");
  });

  it.each(REGISTER_CALLS)("%s is called and names the row to fix", (id, args) => {
    expect(callFromCells(built.en, id, args)).toEqual({ called: true, error: "#VALUE!", message: ROW_2_EN });
  });

  it.each(REGISTER_CALLS)("%s says so in Chinese under the zh-CN metadata in Chinese Office", (id, args) => {
    setDisplayLanguage("zh-CN");
    expect(callFromCells(built.zh, id, args)).toEqual({ called: true, error: "#VALUE!", message: ROW_2_ZH });
  });

  it.each(REGISTER_CALLS)("%s says the same when the error arrives as an error cell value", (id, args) => {
    expect(built.en.allowCustomDataForDataTypeAny).toBe(true);
    expect(callFromCells(built.en, id, args, { errorsAs: "ErrorCellValue" })).toEqual({
      called: true,
      error: "#VALUE!",
      message: ROW_2_EN,
    });
  });

  it.each(REGISTER_CALLS)("%s is not called at all without allowErrorForDataTypeAny", (id, args) => {
    for (const metadata of [built.generated, withoutAllowErrors(built.en), withoutAllowErrors(built.zh)])
      expect(callFromCells(metadata, id, args)).toEqual({ called: false, error: "#N/A" });
  });

  it("the same register without the error computes, so the message comes from the error cell", () => {
    const clean = [col("BRANDS", "SCENARIOS", "BRANDS"), "BRANDS", STATUSES, DATES, AS_OF];
    expect(callFromCells(built.en, "COUNT", clean as never)).toEqual({ called: true, value: 2 });
  });

  it("an error in the date of a counted row names that row and column", () => {
    const dates = col(d("2020-05-01"), d("2020-06-01"), new FormulaError("#VALUE!"));
    const args = [col("BRANDS", "BRANDS", "BRANDS"), "BRANDS", STATUSES, dates, AS_OF];
    expect(callFromCells(built.en, "FORECAST", args as never)).toEqual({
      called: true,
      error: "#VALUE!",
      message: "Row 3 of dates holds an error value; fix that cell first.",
    });
  });
});

describe("a single-value argument holding an error", () => {
  it.each([
    ["en", "as_of holds an error value (#REF!); fix that cell first."],
    ["zh-CN", "“截至日期”是错误值（#REF!）；请先修正该单元格。"],
  ])("names the argument and the error's code (%s)", (language, message) => {
    setDisplayLanguage(language);
    const args = [GOALS, STATUSES, DATES, new FormulaError("#REF!")];
    expect(callFromCells(built.en, "SUMMARY", args as never)).toEqual({
      called: true,
      error: "#VALUE!",
      message,
    });
  });

  it.each([
    [
      "MET",
      [new FormulaError("#DIV/0!"), "BRANDS"],
      "actual holds an error value (#DIV/0!); fix that cell first.",
    ],
    [
      "STATUS",
      [5, new FormulaError("#N/A"), AS_OF],
      "goal holds an error value (#N/A); fix that cell first.",
    ],
    [
      "TARGET",
      ["BRANDS", new FormulaError("#NAME?")],
      "field holds an error value (#NAME?); fix that cell first.",
    ],
    [
      "SUMMARY",
      [col("BRANDS"), col("Recognized"), col(AS_OF), AS_OF, new FormulaError("#NULL!")],
      "language holds an error value (#NULL!); fix that cell first.",
    ],
    [
      "REMAINING",
      [5, "BRANDS", new FormulaError("#N/A")],
      "comparator holds an error value (#N/A); fix that cell first.",
    ],
  ])("%s names it too", (id, args, message) => {
    expect(callFromCells(built.en, id, args as never)).toEqual({ called: true, error: "#VALUE!", message });
    expect(callFromCells(built.en, id, args as never, { errorsAs: "ErrorCellValue" })).toEqual({
      called: true,
      error: "#VALUE!",
      message,
    });
    expect(callFromCells(built.generated, id, args as never)).toMatchObject({ called: false });
  });
});

describe("the harness follows Excel", () => {
  const ECHO: FunctionsJson = {
    allowErrorForDataTypeAny: true,
    functions: [
      {
        id: "ECHO",
        name: "ECHO",
        parameters: [
          { name: "range", type: "any", dimensionality: "matrix" },
          { name: "typed", type: "number", optional: true },
          { name: "loose", type: "any", optional: true },
        ],
      },
    ],
  };

  it("passes an error to a parameter of type any as a CustomFunctions.Error with its code", () => {
    const echo = jest.fn(() => "ran");
    expect(
      callFromCells(ECHO, "ECHO", [[[1, new FormulaError("#REF!")]], 2, NA], { implementation: echo }),
    ).toEqual({
      called: true,
      value: "ran",
    });
    const [range, typed, loose] = echo.mock.calls[0] as unknown as [unknown[][], unknown, unknown];
    expect(range[0][1]).toBeInstanceOf(CustomFunctions.Error);
    expect((range[0][1] as CustomFunctions.Error).code).toBe("#REF!");
    expect(typed).toBe(2);
    expect((loose as CustomFunctions.Error).code).toBe("#N/A");
  });

  it("passes it as an error cell value when asked, where the metadata allows data types", () => {
    const echo = jest.fn(() => "ran");
    const withDataTypes = { ...ECHO, allowCustomDataForDataTypeAny: true };
    callFromCells(withDataTypes, "ECHO", [[[new FormulaError("#DIV/0!")]]], {
      implementation: echo,
      errorsAs: "ErrorCellValue",
    });
    expect(echo).toHaveBeenCalledWith(
      [[{ type: "Error", basicType: "Error", basicValue: "#DIV/0!", errorType: "Div0" }]],
      null,
      null,
    );
    expect(() =>
      callFromCells(ECHO, "ECHO", [[[1]]], { implementation: echo, errorsAs: "ErrorCellValue" }),
    ).toThrow("allows data types");
  });

  it("does not call the function when a parameter not of type any holds an error, even when allowed", () => {
    const echo = jest.fn();
    expect(callFromCells(ECHO, "ECHO", [[[1]], new FormulaError("#NUM!")], { implementation: echo })).toEqual(
      {
        called: false,
        error: "#NUM!",
      },
    );
    expect(echo).not.toHaveBeenCalled();
  });

  it("shows the first error, in argument order, when the call is blocked", () => {
    const echo = jest.fn();
    const blocked = withoutAllowErrors(ECHO);
    expect(
      callFromCells(blocked, "ECHO", [[[1, NA], [new FormulaError("#REF!")]]], { implementation: echo }),
    ).toEqual({
      called: false,
      error: "#N/A",
    });
    expect(
      callFromCells(blocked, "ECHO", [[[1]], undefined, new FormulaError("#DIV/0!")], {
        implementation: echo,
      }),
    ).toEqual({
      called: false,
      error: "#DIV/0!",
    });
    expect(echo).not.toHaveBeenCalled();
  });

  it("passes omitted optional arguments as null and a single cell to a range parameter as a 1 x 1 array", () => {
    const echo = jest.fn(() => 0);
    callFromCells(ECHO, "ECHO", [7], { implementation: echo });
    expect(echo).toHaveBeenCalledWith([[7]], null, null);
  });

  it("shows a thrown CustomFunctions.Error with its message, and any other exception as #VALUE!", () => {
    const thrown = () => {
      throw new CustomFunctions.Error("#N/A" as CustomFunctions.ErrorCode, "not here");
    };
    expect(callFromCells(ECHO, "ECHO", [[[1]]], { implementation: thrown })).toEqual({
      called: true,
      error: "#N/A",
      message: "not here",
    });
    const crash = () => {
      throw new TypeError("boom");
    };
    expect(callFromCells(ECHO, "ECHO", [[[1]]], { implementation: crash })).toEqual({
      called: true,
      error: "#VALUE!",
      message: "",
    });
  });
});
