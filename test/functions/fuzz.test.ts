/**
 * Property tests: every custom function, 10,000 random calls each, with numbers, text, booleans,
 * blanks, error values and ragged matrices. Nothing may escape but a CustomFunctions.Error from
 * the engine (never an "Internal error"), and results stay in their documented range.
 */
import fc from "fast-check";
import { GOALS } from "../../src/core/plan";
import { STATUS_LABELS } from "../../src/core/progress";
import { INTERNAL_ERROR_PREFIX } from "../../src/functions/cell-errors";
import * as fns from "../../src/functions/functions";

const RUNS = 10_000;

const errorValue = fc
  .constantFrom("#N/A", "#VALUE!", "#REF!")
  .map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode));
const goalText = fc.constantFrom(
  ...GOALS.flatMap((g) => [g.id, g.id.toLowerCase(), g.label.en, ` ${g.label.en} `, g.label.zh]),
);
const dateText = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Anything a cell can hold, biased toward the values the functions take. */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -50, max: 300 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  { weight: 3, arbitrary: goalText },
  { weight: 2, arbitrary: dateText },
  { weight: 2, arbitrary: fc.integer({ min: 40000, max: 48000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "Recognized",
      "已认定",
      "Candidate",
      "more than",
      ">=",
      "at least",
      "zh-CN",
      "en",
    ),
  },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom("", null, undefined) },
  { weight: 1, arbitrary: errorValue },
);

/** Columns: mostly well-formed n x 1, sometimes ragged or wide. */
const matrix = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(
      cell.map((c) => [c]),
      { maxLength: 12 },
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

/** Calls fn; returns its result, or undefined when it threw an engine error. Any other throw fails. */
function callSafely<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof CustomFunctions.Error)) throw error;
    expect(error.message ?? "").not.toMatch(new RegExp(`^${INTERNAL_ERROR_PREFIX}`));
    return undefined;
  }
}

const STATUS_TEXTS = new Set(Object.values(STATUS_LABELS).flatMap((l) => [l.en, l.zh]));
const params = { numRuns: RUNS };

describe("no exception escapes and results stay in range", () => {
  it("MET returns a boolean", () => {
    fc.assert(
      fc.property(cell, cell, cell, (a, g, c) => {
        const r = callSafely(() => fns.met(a, g, c));
        expect(r === undefined || typeof r === "boolean").toBe(true);
      }),
      params,
    );
  });

  it("PROGRESS returns a finite number", () => {
    fc.assert(
      fc.property(cell, cell, cell, (a, g, b) => {
        const r = callSafely(() => fns.progress(a, g, b));
        expect(r === undefined || Number.isFinite(r)).toBe(true);
      }),
      params,
    );
  });

  it("REMAINING returns a number >= 0", () => {
    fc.assert(
      fc.property(cell, cell, cell, (a, g, c) => {
        const r = callSafely(() => fns.remaining(a, g, c));
        expect(r === undefined || r >= 0).toBe(true);
      }),
      params,
    );
  });

  it("EXPECTED returns 0 to the required count", () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, cell, (g, a, s, dl, c) => {
        const r = callSafely(() => fns.expected(g, a, s, dl, c));
        if (r === undefined) return;
        const required = fns.target(g, "required") as number;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(Math.max(required, fns.remaining(0, g, c)));
      }),
      params,
    );
  });

  it("STATUS returns one of the six statuses", () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, cell, cell, (a, g, asOf, s, dl, c) => {
        const r = callSafely(() => fns.status(a, g, asOf, s, dl, c));
        expect(r === undefined || STATUS_TEXTS.has(r)).toBe(true);
      }),
      params,
    );
  });

  it("COUNT returns a whole number no larger than the rows", () => {
    fc.assert(
      fc.property(matrix, cell, matrix, matrix, cell, (gs, g, ss, ds, asOf) => {
        const r = callSafely(() =>
          fns.count(gs as unknown[][], g, ss as unknown[][], ds as unknown[][], asOf),
        );
        if (r === undefined) return;
        expect(Number.isInteger(r)).toBe(true);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(Array.isArray(gs) ? gs.length : 1);
      }),
      params,
    );
  });

  it("FORECAST returns at least the count", () => {
    fc.assert(
      fc.property(matrix, cell, matrix, matrix, cell, cell, cell, (gs, g, ss, ds, asOf, s, dl) => {
        const r = callSafely(() =>
          fns.forecast(gs as unknown[][], g, ss as unknown[][], ds as unknown[][], asOf, s, dl),
        );
        if (r === undefined) return;
        expect(Number.isFinite(r)).toBe(true);
        expect(r).toBeGreaterThanOrEqual(0);
      }),
      params,
    );
  });

  it("FORECASTDATE returns a whole day", () => {
    fc.assert(
      fc.property(matrix, cell, matrix, matrix, cell, cell, cell, (gs, g, ss, ds, asOf, t, c) => {
        const r = callSafely(() =>
          fns.forecastDate(gs as unknown[][], g, ss as unknown[][], ds as unknown[][], asOf, t, c),
        );
        expect(r === undefined || Number.isInteger(r)).toBe(true);
      }),
      params,
    );
  });

  it("DAYSLEFT returns a whole number of days", () => {
    fc.assert(
      fc.property(cell, cell, cell, (g, asOf, dl) => {
        const r = callSafely(() => fns.daysLeft(g, asOf, dl));
        expect(r === undefined || Number.isInteger(r)).toBe(true);
      }),
      params,
    );
  });

  it("TARGET returns a number or text", () => {
    fc.assert(
      fc.property(cell, cell, (g, f) => {
        const r = callSafely(() => fns.target(g, f));
        expect(r === undefined || typeof r === "number" || typeof r === "string").toBe(true);
      }),
      params,
    );
  });

  it("SUMMARY returns a header and six rows of twelve", () => {
    fc.assert(
      fc.property(matrix, matrix, matrix, cell, cell, (gs, ss, ds, asOf, lang) => {
        const r = callSafely(() =>
          fns.summary(gs as unknown[][], ss as unknown[][], ds as unknown[][], asOf, lang),
        );
        if (r === undefined) return;
        expect(r).toHaveLength(7);
        for (const row of r) expect(row).toHaveLength(12);
      }),
      params,
    );
  });
});
