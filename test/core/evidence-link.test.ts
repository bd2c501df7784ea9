/**
 * The evidence-link rule has two faces: the entry check and the Register's validation formula.
 * They must accept and refuse the same links; the formula is evaluated by the in-process evaluator.
 * Each case runs through both, so a rule the formula cannot express shows up as a failing case.
 */
import fc from "fast-check";
import { evidenceLinkFormula, isEvidenceLink } from "../../src/core/evidence-link";
import { checkEntry } from "../../src/core/entries";
import { type Cell, evaluateFormula } from "../support/formula-engine";
import { ACCEPTED, REFUSED } from "./evidence-link-cases";

/** The validation formula's verdict on `link`, with the cell standing as a defined name. */
function formulaAccepts(link: string): Cell {
  const workbook = { tables: new Map(), names: new Map<string, Cell>([["LINK", link]]) };
  return evaluateFormula(`=${evidenceLinkFormula("LINK")}`, workbook, { table: "", row: 0 });
}

describe("evidence links", () => {
  it.each(ACCEPTED)("accepts %s in the check and in the formula", (link) => {
    expect(isEvidenceLink(link)).toBe(true);
    expect(formulaAccepts(link)).toBe(true);
  });

  it.each(REFUSED)("refuses %j in the check and in the formula", (link) => {
    expect(isEvidenceLink(link)).toBe(false);
    expect(formulaAccepts(link)).toBe(false);
  });

  it("lets the formula accept a blank cell (the column is optional)", () => {
    expect(formulaAccepts("")).toBe(true);
  });

  it("keeps the formula within Excel's 255 characters, even for the widest cell address", () => {
    expect(evidenceLinkFormula("H2").length).toBeLessThanOrEqual(255);
    expect(evidenceLinkFormula("XFD1048576").length).toBeLessThanOrEqual(255);
  });

  it("gives the same verdict in both faces on 5,000 generated links", () => {
    const piece = fc.constantFrom(
      "http",
      "https",
      "HTTP",
      ":",
      "/",
      "//",
      "://",
      " ",
      "a",
      "例",
      ".",
      "?",
      "s",
      "@",
      "u:p@",
      "#",
    );
    // Half the links start with a scheme, so the rules after the first one are exercised too.
    const scheme = fc.constantFrom("", "", "http://", "https://", "HTTPS://");
    fc.assert(
      fc.property(scheme, fc.array(piece, { minLength: 1, maxLength: 8 }), (start, pieces) => {
        const link = start + pieces.join("");
        expect(formulaAccepts(link)).toBe(isEvidenceLink(link));
      }),
      { numRuns: 5000 },
    );
  });

  it("is the rule the entry check applies", () => {
    const entry = { goal: "BRANDS", name: "Acme", status: "Recognized", date: "2021-06-30" };
    expect(checkEntry({ ...entry, evidence: "https:///x" }, new Set()).issues.map((i) => i.field)).toEqual([
      "evidence",
    ]);
    expect(checkEntry({ ...entry, evidence: "https://example.org" }, new Set()).entry?.evidence).toBe(
      "https://example.org",
    );
  });
});
