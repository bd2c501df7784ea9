/**
 * What counts as an evidence link, defined once for both faces that check it: the entry check
 * (task pane, CSV import, command line) and the Register's data validation formula in the
 * workbook. Each rule is a test on the text and the same test as an Excel formula over a cell;
 * a link is accepted when every rule holds. Tests hold the two to the same verdicts.
 *
 * Excel's "=" compares text case-insensitively, so the JavaScript tests ignore case too.
 */
interface LinkRule {
  readonly test: (link: string) => boolean;
  readonly formula: (cell: string) => string;
}

const SCHEMES = ["http://", "https://"] as const;

const RULES: readonly LinkRule[] = [
  {
    // A web address: it starts with http:// or https://.
    test: (link) => SCHEMES.some((scheme) => link.toLowerCase().startsWith(scheme)),
    formula: (cell) =>
      `OR(${SCHEMES.map((scheme) => `LEFT(${cell},${scheme.length})="${scheme}"`).join(",")})`,
  },
  {
    // A host follows the scheme: something after "://", and not another "/".
    test: (link) => {
      const next = link.charAt(link.indexOf("://") + 3);
      return link.includes("://") && next !== "" && next !== "/";
    },
    formula: (cell) => {
      const next = `MID(${cell},FIND("://",${cell})+3,1)`;
      return `IFERROR(AND(${next}<>"",${next}<>"/"),FALSE)`;
    },
  },
  {
    // One address, not a sentence: no spaces.
    test: (link) => !link.includes(" "),
    formula: (cell) => `ISERROR(FIND(" ",${cell}))`,
  },
];

export function isEvidenceLink(link: string): boolean {
  return RULES.every((rule) => rule.test(link));
}

/** The validation formula for `cell` (a relative address such as J2); a blank cell is allowed. */
export function evidenceLinkFormula(cell: string): string {
  return `OR(${cell}="",AND(${RULES.map((rule) => rule.formula(cell)).join(",")}))`;
}
