/**
 * The evidence-link rule has two faces: the entry check and the Register's validation formula.
 * They must accept and refuse the same links; the formula is evaluated by the in-process evaluator.
 */
import fc from "fast-check";
import { evidenceLinkFormula, isEvidenceLink } from "../../src/core/evidence-link";
import { checkEntry } from "../../src/core/entries";
import { type Cell, evaluateFormula } from "../support/formula-engine";

/** The validation formula's verdict on `link`, with the cell standing as a defined name. */
function formulaAccepts(link: string): Cell {
  const workbook = { tables: new Map(), names: new Map<string, Cell>([["LINK", link]]) };
  return evaluateFormula(`=${evidenceLinkFormula("LINK")}`, workbook, { table: "", row: 0 });
}

const ACCEPTED = [
  "https://example.org",
  "http://example.org/a?b=c#d",
  "HTTPS://EXAMPLE.ORG",
  "https://sheitc.sh.gov.cn/zxxx/20200410/0001.html",
  "https://例子.中国/路径",
];
const REFUSED = [
  "example.org",
  "ftp://example.org/x",
  "https://",
  "http://",
  "https:///path",
  "https://example.org/a b",
  " https://example.org",
  "see https://example.org",
  "mailto:someone@example.org",
  "https:/example.org",
];

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
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const link = pieces.join("");
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
