import { decideTemplateChanges, type WorkbookState } from "../../src/core/template/template-changes";
import { TABLES } from "../../src/core/template/template";
import {
  describeStep,
  formulaNeeds,
  inDependencyOrder,
  planWrites,
  type WriteStep,
} from "../../src/core/template/write-plan";

const EMPTY: WorkbookState = { sheets: ["Sheet1"], tables: [], names: new Map(), chartNames: [] };

/** Every need of every step is met by the workbook as it was or by an earlier step. */
function unmetNeeds(steps: readonly WriteStep[], existing: Iterable<string> = []): string[] {
  const available = new Set(existing);
  const unmet: string[] = [];
  for (const step of steps) {
    for (const need of step.needs)
      if (!available.has(need)) unmet.push(`${describeStep(step)} needs ${need}`);
    step.provides.forEach((key) => available.add(key));
  }
  return unmet;
}

describe("what a formula needs", () => {
  it("reads tables, columns and names, skipping text, functions and cells", () => {
    expect(
      formulaNeeds(
        '=COUNTIFS(tblRegister[Goal],tblTargets[[#This Row],[Id]],tblRegister[Status],"tbl[x] Recognized")+INT(AsOfDate)+A1',
        "tblTargets",
      ).sort(),
    ).toEqual(
      [
        "column:tblregister[goal]",
        "column:tblregister[status]",
        "column:tbltargets[id]",
        "name:asofdate",
        "table:tblregister",
        "table:tbltargets",
      ].sort(),
    );
  });

  it("takes [@Column] and [#This Row] forms as the formula's own table, with Chinese headers", () => {
    expect(formulaNeeds("=[@实际]/tblTargets[[#This Row],[目标值]]", "tblTargets").sort()).toEqual(
      ["column:tbltargets[实际]", "column:tbltargets[目标值]", "table:tbltargets"].sort(),
    );
  });
});

describe("the order of the template's writes", () => {
  it.each(["en", "zh"] as const)("meets every need in a new workbook (%s)", (language) => {
    const changes = decideTemplateChanges(EMPTY, language);
    const steps = planWrites(changes);
    expect(unmetNeeds(steps)).toEqual([]);
    // Every table, name and chart of the template is written.
    expect(steps.filter((s) => s.kind === "table")).toHaveLength(TABLES.length);
    expect(steps.filter((s) => s.kind === "chart")).toHaveLength(1);
  });

  it("is derived from the references: Targets' formulas wait for the Register, list rules for their names", () => {
    const steps = planWrites(decideTemplateChanges(EMPTY, "en"));
    const at = (label: string) => steps.findIndex((s) => describeStep(s) === label);
    expect(at("table tblTargets")).toBeLessThan(at("table tblRegister")); // template order kept where free
    expect(at("formula tblTargets[actual]")).toBeGreaterThan(at("table tblRegister"));
    expect(at("validation tblTargets[comparator]")).toBeGreaterThan(at("name SHONLINE_List_comparators"));
    expect(at("validation tblRegister[goal]")).toBeGreaterThan(at("name SHONLINE_List_goals"));
  });

  it("refuses a plan whose need nothing provides, naming it", () => {
    const orphan: WriteStep = { kind: "chart", needs: ["table:tblnowhere"], provides: [] };
    expect(() => inDependencyOrder([orphan], new Set())).toThrow(/table:tblnowhere/);
  });
});
