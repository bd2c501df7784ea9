/**
 * CSV in and out of the register: UTF-8 with or without a byte-order mark, comma or semicolon
 * (detected from the header line), quoted fields with embedded delimiters, quotes and newlines.
 */
import { guardText } from "./text-guard";

export interface CsvTable {
  readonly delimiter: "," | ";";
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

/** The delimiter outside quotes that the first line uses more: semicolon files come from European locales' Excel. */
function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
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
