/**
 * What counts as an evidence link, defined once for both faces that check it: the entry check
 * (task pane, CSV import, command line) and the Register's data validation formula in the
 * workbook. Each rule is a test on the text and the same test as an Excel formula over a cell;
 * a link is accepted when every rule holds, and tests hold the two faces to the same verdicts.
 *
 * Excel's "=" compares text case-insensitively, so the JavaScript tests ignore case too. Excel
 * keeps a validation formula to 255 characters, so each formula may take the rules before it as
 * holding (the scheme is known, so positions are too), and the site part of a link ends at the
 * first "/" after the scheme: a "?" or "#" does not end it, which refuses a few odd links a
 * browser would open (https://example.org?u=a@b) rather than accept one that names a user.
 */
interface LinkRule {
  readonly test: (link: string) => boolean;
  /** The same test over `cell`, valid where the rules before it hold. */
  readonly formula: (cell: string) => string;
}

const SCHEMES = ["http://", "https://"] as const;

/** The most characters a cell holds: MID up to it takes the rest of any link. */
const CELL_CHARACTERS = 32767;

/** The first position after the longest scheme: a site starts there or one before it. */
const PAST_SCHEMES = Math.max(...SCHEMES.map((scheme) => scheme.length)) + 1;

/** The site part: after the scheme's "//", up to the next "/" ("" without "//"). */
function sitePart(link: string): string {
  const slashes = link.indexOf("//");
  if (slashes < 0) return "";
  const rest = link.slice(slashes + 2);
  const slash = rest.indexOf("/");
  return slash < 0 ? rest : rest.slice(0, slash);
}

const RULES: readonly LinkRule[] = [
  {
    // A web address: it starts with http:// or https://.
    test: (link) => SCHEMES.some((scheme) => link.toLowerCase().startsWith(scheme)),
    formula: (cell) =>
      `OR(${SCHEMES.map((scheme) => `LEFT(${cell},${scheme.length})="${scheme}"`).join(",")})`,
  },
  {
    // One address, not a sentence: no spaces.
    test: (link) => !link.includes(" "),
    formula: (cell) => `ISERROR(FIND(" ",${cell}))`,
  },
  {
    // A site follows the scheme: the character after "//" is there and is not another "/".
    // With a "|" after it, only "|" (nothing there) and "/|" are found in "/|". (FIND of "" would
    // do without the "|" in Excel, but LibreOffice finds "" nowhere.)
    test: (link) => sitePart(link) !== "",
    formula: (cell) => `ISERROR(FIND(MID(${cell},FIND("//",${cell})+2,1)&"|","/|"))`,
  },
  {
    // No user name or password (https://user:pass@host/): no "@" before the first "/" after the
    // site's first character (which the rule above keeps from being "/"). An "@" later in the
    // path (https://example.org/@name) is part of the page's address and allowed.
    test: (link) => !sitePart(link).includes("@"),
    formula: (cell) =>
      `FIND("@",${cell}&"@")>=FIND("/",MID(${cell},${PAST_SCHEMES},${CELL_CHARACTERS})&"/")+${PAST_SCHEMES - 1}`,
  },
];

export function isEvidenceLink(link: string): boolean {
  return RULES.every((rule) => rule.test(link));
}

/** The validation formula for `cell` (a relative address such as H2); a blank cell is allowed. */
export function evidenceLinkFormula(cell: string): string {
  return `OR(${cell}="",AND(${RULES.map((rule) => rule.formula(cell)).join(",")}))`;
}
