/**
 * CSV in and out of the register: comma, semicolon or tab (detected from the header line, or named
 * by Excel's `sep=` first line), quoted fields with embedded delimiters, quotes and newlines. The
 * bytes become text in csv-decode.ts.
 */
import { guardText } from "./text-guard";

export type Delimiter = "," | ";" | "\t";

export interface CsvTable {
  readonly delimiter: Delimiter;
  /** Records with the 1-based line each starts on. */
  readonly records: readonly { line: number; fields: string[] }[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
  }
}

/**
 * The delimiter outside quotes that the first line uses most: semicolon files come from European
 * locales' Excel, tab-separated ones from its "Unicode text".
 */
function detectDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ",");
  return best;
}

/** Excel's hint line "sep=;" names the delimiter and is not part of the data. */
const SEP_LINE = /^sep=([,;\t])\r?\n/i;

export function parseCsv(input: string): CsvTable {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const hint = SEP_LINE.exec(text);
  if (hint) text = text.slice(hint[0].length);
  const delimiter = hint ? (hint[1] as Delimiter) : detectDelimiter(text);
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  // Line numbers are the file's, counting the hint line.
  let line = hint ? 2 : 1;
  let recordLine = line;
  const endField = () => {
    fields.push(field);
    field = "";
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== "" || afterQuote)
        throw new CsvError("a quote inside an unquoted field; quote the whole field", line);
      quoted = true;
    } else if (char === delimiter) {
      endField();
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (afterQuote) throw new CsvError("text after a closing quote", line);
      field += char;
    }
  }
  if (quoted) throw new CsvError("a quoted field is never closed", recordLine);
  if (field !== "" || fields.length > 0) endRecord();
  return { delimiter, records };
}

export function formatCsv(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  delimiter: "," | ";" = ",",
): string {
  const escape = (value: string | number | boolean | null | undefined) => {
    if (value === null || value === undefined) return "";
    const textValue = typeof value === "string" ? guardText(value) : String(value);
    return /[",;\r\n]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
  };
  // A byte-order mark makes Excel read the file as UTF-8 (Chinese text intact).
  return "\ufeff" + rows.map((row) => row.map(escape).join(delimiter)).join("\r\n") + "\r\n";
}
