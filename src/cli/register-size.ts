/**
 * How many register rows a CSV text holds, counted without parsing it into records: enough to
 * refuse a file too large for a worksheet before it is read into memory. The count is the one the
 * import would find (core register-csv): parseCsv's records below the header, less the empty
 * template's allowed-values rows that the import leaves out.
 */
import { parseCsv } from "../core/csv";
import { ENTRY_FIELDS } from "../core/entries";
import { previewRegisterImport, registerCsvTemplate } from "../core/register-csv";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Any delimiter parseCsv may use: in text it accepts, a quote after one of them starts a field. */
const DELIMITERS = new Set([0x2c, 0x3b, 0x09]);
/** Excel's "sep=;" first line, which parseCsv leaves out: it names the delimiter, it is no record. */
const SEP_LINE = /^\ufeff?sep=[,;\t]\r?\n/i;

/**
 * Where each record of CSV text starts and ends ([start, end), its line break included), split as
 * parseCsv splits them: a quote opens a quoted field only at the start of a field, and a line
 * without fields (blank, or only "") is no record. For text parseCsv refuses, the records are
 * those the same rules give.
 */
export function* csvRecordSpans(text: string): Generator<readonly [number, number]> {
  const sep = SEP_LINE.exec(text);
  let start = sep ? sep[0].length : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStart = true;
  let content = false;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quoted) {
      if (code !== QUOTE) content = true;
      else if (text.charCodeAt(i + 1) === QUOTE) {
        content = true;
        i++;
      } else quoted = false;
    } else if (code === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (code === LF || code === CR) {
      if (code === CR && text.charCodeAt(i + 1) === LF) i++;
      if (content) yield [start, i + 1];
      start = i + 1;
      fieldStart = true;
      content = false;
    } else {
      fieldStart = DELIMITERS.has(code);
      content = true;
    }
  }
  if (content) yield [start, text.length];
}

/** The records of CSV text, its header included, as parseCsv counts them. */
export function countCsvRecords(text: string): number {
  let records = 0;
  for (const spans = csvRecordSpans(text); !spans.next().done;) records++;
  return records;
}

/**
 * Text every allowed-values row holds in its Goal field (in each language), up to any quote CSV
 * would double: a record without it cannot be one.
 */
const HINT_MARKS = (["en", "zh"] as const).map((language) => {
  const template = parseCsv(new TextDecoder().decode(registerCsvTemplate(language)));
  return template.records[1].fields[ENTRY_FIELDS.indexOf("goal")].split('"')[0];
});

/** The register rows of CSV text: its records below the header, without allowed-values rows. */
export function countRegisterRows(text: string): number {
  let headerEnd: number | undefined;
  let rows = 0;
  // Where each mark next occurs (Infinity: no more), so the text is searched once for each.
  const next = HINT_MARKS.map(() => -1);
  for (const [start, end] of csvRecordSpans(text)) {
    if (headerEnd === undefined) {
      headerEnd = end;
      continue;
    }
    HINT_MARKS.forEach((mark, m) => {
      if (next[m] < start) next[m] = text.indexOf(mark, start);
      if (next[m] < 0) next[m] = Infinity;
    });
    // The import itself says whether a record with a mark is an allowed-values row.
    const isHint =
      next.some((at) => at < end) &&
      previewRegisterImport(text.slice(0, headerEnd) + text.slice(start, end), new Set()).hintLines !==
        undefined;
    if (!isHint) rows++;
  }
  return rows;
}
