/**
 * The register functions count what the tracking workbook's native COUNTIFS count: on random
 * registers of mixed spellings, SHONLINE.COUNT and SUMMARY (called as Excel calls them) give the
 * Targets sheet's Actual, evaluated by the in-process formula engine on the same cells. The same
 * holds with an optional column left out, against the COUNTIFS without that column's criterion.
 * And a one-row register is a register: its blank status or date is a blank cell, not a missing
 * argument.
 */
import fc from "fast-check";
import { isoToSerial as d } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { GOALS } from "../../src/core/plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../src/core/register";
import { tableSpec } from "../../src/core/template/template";
import type { Cell as TemplateCell } from "../../src/core/template/structure";
import {
  type BuiltMetadata,
  builtMetadata,
  callFromCells,
  type CellInput,
  type CellResult,
} from "../support/custom-function-calls";
import {
  evaluateFormula,
  evaluateTemplate,
  tableRecords,
  type WorkbookModel,
} from "../support/formula-engine";

let built: BuiltMetadata;

beforeAll(async () => {
  built = await builtMetadata();
}, 60_000);

const LANGUAGES: readonly Language[] = ["en", "zh"];
const REGISTER = tableSpec("register");
const registerIndex = (id: string) => REGISTER.columns.findIndex((column) => column.id === id);
const header = (id: string, language: Language) => REGISTER.columns[registerIndex(id)].header[language];
const other = (language: Language): Language => (language === "en" ? "zh" : "en");

/** The text with each letter's case chosen by `upper`. */
const withCases = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(""));

/** Goal cells as people fill them: the label in any case, padded, ids, short names, junk, blanks. */
function goalCell(language: Language): fc.Arbitrary<CellInput> {
  const labels = GOALS.map((goal) => goal.label[language]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...labels) },
    { weight: 2, arbitrary: fc.constantFrom(...labels).chain(withCases) },
    { weight: 1, arbitrary: fc.constantFrom(...labels).map((label) => ` ${label}`) },
    { weight: 1, arbitrary: fc.constantFrom(...labels).map((label) => `${label} `) },
    { weight: 1, arbitrary: fc.constantFrom(...GOALS.flatMap((goal) => [goal.id, goal.short[language]])) },
    { weight: 1, arbitrary: fc.constantFrom<CellInput>("", null, 7, true, "Other programme") },
  );
}

/** Status cells: the Recognized label in any case, near-misses, the other statuses, blanks. */
function statusCell(language: Language): fc.Arbitrary<CellInput> {
  const recognized = ENTRY_STATUS_LABELS.RECOGNIZED[language];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(recognized) },
    { weight: 2, arbitrary: withCases(recognized) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...ENTRY_STATUS_IDS.map((id) => ENTRY_STATUS_LABELS[id][language])),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<CellInput>(
        ` ${recognized}`,
        `${recognized} `,
        "Recognised",
        "认定",
        "",
        null,
        1,
      ),
    },
  );
}

const serial = (from: string, to: string) => fc.integer({ min: d(from), max: d(to) });
const dateCell: fc.Arbitrary<CellInput> = fc.oneof(
  { weight: 6, arbitrary: serial("2019-01-01", "2024-12-31") },
  { weight: 1, arbitrary: serial("2019-01-01", "2024-12-31").map((n) => n + 0.5) },
  { weight: 2, arbitrary: fc.constantFrom<CellInput>(null, "") },
);
const asOfDate = fc.oneof(
  serial("2019-06-01", "2024-06-30"),
  serial("2019-06-01", "2024-06-30").map((n) => n + 0.25),
);

/**
 * What the custom functions accept beyond one workbook's COUNTIFS: the other language's labels
 * (the functions cannot tell a workbook's language; the Register's lists and imports write its
 * own). Left out of the random cells, and shown on its own below.
 */
function otherLanguageLabel(cell: CellInput, language: Language): boolean {
  if (typeof cell !== "string") return false;
  const labels = [
    ...GOALS.map((goal) => goal.label[other(language)]),
    ENTRY_STATUS_LABELS.RECOGNIZED[other(language)],
  ];
  return labels.some((label) => label.toLowerCase() === cell.toLowerCase());
}

interface Row {
  readonly goal: CellInput;
  readonly status: CellInput;
  readonly date: CellInput;
}

function rows(language: Language): fc.Arbitrary<Row[]> {
  const row = fc
    .record({ goal: goalCell(language), status: statusCell(language), date: dateCell })
    .filter((r) => !otherLanguageLabel(r.goal, language) && !otherLanguageLabel(r.status, language));
  return fc.array(row, { maxLength: 40 });
}

/** The tracking workbook holding the rows in its Register, evaluated. */
function workbook(language: Language, register: readonly Row[], asOf: number): WorkbookModel {
  const cells = register.map((r) => {
    const cellsOfRow: TemplateCell[] = REGISTER.columns.map(() => null);
    cellsOfRow[registerIndex("goal")] = r.goal as TemplateCell;
    cellsOfRow[registerIndex("status")] = r.status as TemplateCell;
    cellsOfRow[registerIndex("date")] = r.date as TemplateCell;
    return cellsOfRow;
  });
  return evaluateTemplate({ language, register: cells, asOf });
}

const column = (register: readonly Row[], key: keyof Row) => register.map((r) => [r[key]]);

function value(result: CellResult): unknown {
  if (!("value" in result)) throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

describe.each(LANGUAGES)("the register functions count what COUNTIFS counts (%s workbook)", (language) => {
  const targetsHeader = (id: string) =>
    tableSpec("targets").columns.find((c) => c.id === id)!.header[language];

  it("COUNT and SUMMARY give the Targets sheet's Actual on random registers", () => {
    fc.assert(
      fc.property(rows(language), asOfDate, (register, asOf) => {
        const model = workbook(language, register, asOf);
        const targets = tableRecords(model, "tblTargets");
        const [goals, statuses, dates] = [
          column(register, "goal"),
          column(register, "status"),
          column(register, "date"),
        ];
        const summary = value(
          callFromCells(built.en, "SUMMARY", [goals, statuses, dates, asOf, "en"]),
        ) as unknown[][];
        for (const goal of GOALS) {
          const actual = targets.find((r) => r[targetsHeader("id")] === goal.id)![targetsHeader("actual")];
          const counted = value(callFromCells(built.en, "COUNT", [goals, goal.id, statuses, dates, asOf]));
          expect({ goal: goal.id, counted }).toEqual({ goal: goal.id, counted: actual });
          expect(summary.find((r) => r[0] === goal.id)![4]).toBe(actual);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("COUNT without statuses or dates drops that criterion, as COUNTIFS without it does", () => {
    const goalRange = `tblRegister[${header("goal", language)}]`;
    const statusRange = `tblRegister[${header("status", language)}]`;
    const dateRange = `tblRegister[${header("date", language)}]`;
    const recognized = `"${ENTRY_STATUS_LABELS.RECOGNIZED[language]}"`;
    fc.assert(
      fc.property(rows(language), asOfDate, (register, asOf) => {
        const model = workbook(language, register, asOf);
        const countifs = (formula: string) =>
          evaluateFormula(`=${formula}`, model, { table: "tblTargets", row: 0 });
        const [goals, statuses, dates] = [
          column(register, "goal"),
          column(register, "status"),
          column(register, "date"),
        ];
        for (const goal of GOALS) {
          const label = `"${goal.label[language]}"`;
          const upTo = `${dateRange},"<"&(INT(AsOfDate)+1)`;
          const expected = {
            goalsOnly: countifs(`COUNTIFS(${goalRange},${label})`),
            withStatuses: countifs(`COUNTIFS(${goalRange},${label},${statusRange},${recognized})`),
            withDates:
              (countifs(`COUNTIFS(${goalRange},${label},${upTo})`) as number) +
              (countifs(`COUNTIFS(${goalRange},${label},${dateRange},"")`) as number),
          };
          expect({
            goal: goal.id,
            goalsOnly: value(callFromCells(built.en, "COUNT", [goals, goal.id, undefined, undefined, asOf])),
            withStatuses: value(
              callFromCells(built.en, "COUNT", [goals, goal.id, statuses, undefined, asOf]),
            ),
            withDates: value(callFromCells(built.en, "COUNT", [goals, goal.id, undefined, dates, asOf])),
          }).toEqual({ goal: goal.id, ...expected });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("counts the other language's labels, which this workbook's COUNTIFS do not", () => {
    const register: Row[] = [
      { goal: GOALS[2].label[other(language)], status: ENTRY_STATUS_LABELS.RECOGNIZED[language], date: null },
      { goal: GOALS[2].label[language], status: ENTRY_STATUS_LABELS.RECOGNIZED[other(language)], date: null },
    ];
    const asOf = d("2021-06-30");
    const targets = tableRecords(workbook(language, register, asOf), "tblTargets");
    const actual = targets.find((r) => r[targetsHeader("id")] === GOALS[2].id)![targetsHeader("actual")];
    const args = [
      column(register, "goal"),
      GOALS[2].id,
      column(register, "status"),
      column(register, "date"),
      asOf,
    ];
    expect({ countifs: actual, count: value(callFromCells(built.en, "COUNT", args)) }).toEqual({
      countifs: 0,
      count: 2,
    });
  });
});

describe("a one-row register", () => {
  const AS_OF = d("2021-06-30");
  const RECOGNIZED = "Recognized";

  it.each([
    ["a blank status cell", "", 0],
    ["a status cell Excel passes as null", null, 0],
    ["a Recognized status", RECOGNIZED, 1],
  ] as const)("COUNT reads %s as that row's status", (_, status, counted) => {
    // A single cell reaches a range parameter as a 1 x 1 array: [[""]] or [[null]].
    expect(callFromCells(built.en, "COUNT", ["Brands", "BRANDS", status, d("2021-01-01"), AS_OF])).toEqual({
      called: true,
      value: counted,
    });
  });

  it("COUNT without a statuses argument counts the row whatever its status", () => {
    expect(callFromCells(built.en, "COUNT", ["Brands", "BRANDS", undefined, d("2021-01-01"), AS_OF])).toEqual(
      {
        called: true,
        value: 1,
      },
    );
  });

  it.each([
    ["blank", "", 1],
    ["passed as null", null, 1],
    ["after as_of", d("2021-07-01"), 0],
  ] as const)("a date cell %s is that row's date", (_, date, counted) => {
    expect(callFromCells(built.en, "COUNT", ["Brands", "BRANDS", RECOGNIZED, date, AS_OF])).toEqual({
      called: true,
      value: counted,
    });
  });

  it("FORECAST and SUMMARY read a one-row register with a blank status as nothing recognized", () => {
    expect(callFromCells(built.en, "FORECAST", ["Brands", "BRANDS", "", d("2021-01-01"), AS_OF])).toEqual({
      called: true,
      value: 0,
    });
    const summary = value(callFromCells(built.en, "SUMMARY", ["Brands", null, d("2021-01-01"), AS_OF, "en"]));
    expect((summary as unknown[][]).find((row) => row[0] === "BRANDS")![4]).toBe(0);
  });

  it("a one-row status column beside a longer register says the lengths differ", () => {
    const result = callFromCells(built.en, "COUNT", [
      [["Brands"], ["Brands"]],
      "BRANDS",
      "",
      undefined,
      AS_OF,
    ]);
    expect(result).toEqual({
      called: true,
      error: "#VALUE!",
      message:
        "The columns differ in length: goals has 2 rows, statuses 1. Select ranges with the same rows.",
    });
  });
});
