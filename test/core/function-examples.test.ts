/**
 * The examples the pane shows and inserts: one for every custom function, its parameters as the
 * built functions metadata lists them, and a formula valid in any cell of either language's
 * tracking workbook (whole columns that exist there, the as-of name, no this-row reference).
 */
import {
  exampleFormula,
  exampleNumberFormat,
  FUNCTION_EXAMPLES,
  FUNCTION_IDS,
} from "../../src/core/function-examples";
import { REGISTER_HEADERS } from "../../src/core/template/headers";
import { NAMES, tableSpec } from "../../src/core/template/template";
import type { FunctionsJson } from "../../tools/build/localize-functions";
import { builtMetadata } from "../support/custom-function-calls";

let metadata: FunctionsJson;
beforeAll(async () => {
  metadata = (await builtMetadata()).en;
}, 60_000);

describe("the function examples", () => {
  it("cover every custom function, once, under the name Excel shows in every language", () => {
    expect(FUNCTION_EXAMPLES.map((e) => e.id)).toEqual([...FUNCTION_IDS]);
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...FUNCTION_IDS].sort());
    for (const example of FUNCTION_EXAMPLES) expect(example.name).toBe(`SHONLINE.${example.id}`);
  });

  it("list each function's parameters as the metadata does, optional ones marked", () => {
    for (const example of FUNCTION_EXAMPLES) {
      const fn = metadata.functions.find((f) => f.id === example.id)!;
      expect({ id: example.id, parameters: example.parameters }).toEqual({
        id: example.id,
        parameters: fn.parameters.map((p) => ({ name: p.name, optional: p.optional === true })),
      });
    }
  });

  it("describe each function in one sentence in each language", () => {
    for (const { description } of FUNCTION_EXAMPLES) {
      expect(description.en).toMatch(/^[A-Z"].*\.$/);
      expect(description.zh).toMatch(/。$/);
      expect(description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(`${description.en}${description.zh}`).not.toMatch(/\n/);
    }
  });

  it.each(["en", "zh"] as const)("write formulas valid in any cell of a %s workbook", (language) => {
    const register = tableSpec("register");
    const headers = new Set(register.columns.map((c) => c.header[language]));
    for (const id of FUNCTION_IDS) {
      const formula = exampleFormula(id, language);
      expect(formula.startsWith(`=SHONLINE.${id}(`)).toBe(true);
      expect(formula).not.toMatch(/#This Row|\[@/i);
      const references = [...formula.matchAll(/(\w+)\[([^\]]+)\]/g)];
      for (const [, table, column] of references) {
        expect(table).toBe(register.name);
        expect(headers.has(column)).toBe(true);
      }
      // Every example but the constant ones reads the as-of date the workbook computes at.
      if (!["TARGET"].includes(id)) expect(formula).toContain(NAMES.asOf);
      const calls = [...formula.matchAll(/SHONLINE\.(\w+)\(/g)].map((m) => m[1]);
      expect(calls.every((name) => (FUNCTION_IDS as readonly string[]).includes(name))).toBe(true);
    }
    expect(exampleFormula("COUNT", language)).toBe(
      `=SHONLINE.COUNT(tblRegister[${REGISTER_HEADERS.goal[language]}],"BRANDS",tblRegister[${REGISTER_HEADERS.status[language]}],tblRegister[${REGISTER_HEADERS.date[language]}],AsOfDate)`,
    );
  });

  it("give the result's cell the number format of the Targets column it resembles", () => {
    const targets = tableSpec("targets");
    const format = (id: string) => targets.columns.find((c) => c.id === id)!.numberFormat;
    expect(exampleNumberFormat("PROGRESS")).toBe(format("progress"));
    expect(exampleNumberFormat("FORECASTDATE")).toBe(format("forecastDate"));
    expect(exampleNumberFormat("FORECASTDATE")).toMatch(/yyyy/);
    expect(exampleNumberFormat("STATUS")).toBe("General");
    expect(exampleNumberFormat("SUMMARY")).toBe("General");
  });
});
