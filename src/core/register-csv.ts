/**
 * Importing register entries from CSV (with a preview and a row-by-row report before anything is
 * written), exporting the register as CSV, and the empty register CSV to fill in.
 */
import { formatCsv, parseCsv } from "./csv";
import { type CsvEncoding, decodeCsvBytes } from "./csv-decode";
import { inExcelRange, serialToIso, serialToIsoMinute } from "./dates";
import {
  type CheckedEntry,
  checkEntry,
  type Entry,
  ENTRY_FIELDS,
  type EntryField,
  type EntryInput,
  entryKey,
} from "./entries";
import type { Language } from "./language";
import { type Bilingual, DISTRICTS, GOALS, SECTORS, UNMANNED_KINDS } from "./plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "./register";
import { tableSpec } from "./template/template";
import { unguardText } from "./text-guard";

export interface ImportRow {
  /** Line of the CSV file the record starts on. */
  readonly line: number;
  readonly input: EntryInput;
  readonly checked: CheckedEntry;
}

export interface ImportPreview {
  readonly rows: readonly ImportRow[];
  /** Valid rows, in file order: the only ones that get written. */
  readonly accepted: readonly Entry[];
  /** Problems with the file as a whole (no row is written when there are any). */
  readonly fileErrors: readonly Bilingual[];
  /** Columns of the file that match no register field (ignored). */
  readonly ignoredColumns: readonly string[];
  /** How the file's bytes were read, when the preview started from bytes. */
  readonly encoding?: CsvEncoding;
  /** Lines of the empty template's "allowed values" row, left out (registerCsvTemplate). */
  readonly hintLines?: readonly number[];
}

const REGISTER = tableSpec("register");
const REQUIRED: readonly EntryField[] = ["goal", "name", "status"];

/** Every header spelling of each field: the field id and the Register header in both languages. */
function fieldOfHeader(header: string): EntryField | undefined {
  const wanted = header
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
  return ENTRY_FIELDS.find((field) => {
    const column = REGISTER.columns.find((c) => c.id === field)!;
    return (
      [field.toLowerCase(), column.header.en.toLowerCase(), column.header.zh].includes(wanted) ||
      field.replace(/([A-Z])/g, " $1").toLowerCase() === wanted
    );
  });
}

/** Whether text starts with a header row that names the register's required columns. */
export function startsWithRegisterHeader(text: string): boolean {
  const firstLine = text
    .replace(/^\ufeff/, "")
    .replace(/^sep=.\r?\n/i, "")
    .split(/\r?\n/, 1)[0];
  try {
    const fields = (parseCsv(firstLine).records[0]?.fields ?? []).map(fieldOfHeader);
    return REQUIRED.every((field) => fields.includes(field));
  } catch {
    // An unparseable first line is not our header.
    return false;
  }
}

/** The preview of a CSV file's bytes: decoded as Excel writes CSV (csv-decode.ts), then checked. */
export function previewRegisterFile(bytes: Uint8Array, existingKeys: ReadonlySet<string>): ImportPreview {
  const decoded = decodeCsvBytes(bytes, startsWithRegisterHeader);
  if (!decoded.ok) return { rows: [], accepted: [], fileErrors: [decoded.error], ignoredColumns: [] };
  return { ...previewRegisterImport(decoded.text, existingKeys), encoding: decoded.encoding };
}

export function previewRegisterImport(text: string, existingKeys: ReadonlySet<string>): ImportPreview {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      rows: [],
      accepted: [],
      fileErrors: [
        { en: `The file is not valid CSV (${message}).`, zh: `文件不是有效的 CSV（${message}）。` },
      ],
      ignoredColumns: [],
    };
  }
  const [header, ...records] = table.records;
  if (!header)
    return {
      rows: [],
      accepted: [],
      fileErrors: [{ en: "The file is empty.", zh: "文件为空。" }],
      ignoredColumns: [],
    };
  const fields = header.fields.map(fieldOfHeader);
  // Two columns for one field: which one holds the value is a guess the import does not make.
  const twice = fields.findIndex((field, i) => field !== undefined && fields.indexOf(field) !== i);
  if (twice >= 0) {
    const first = header.fields[fields.indexOf(fields[twice])];
    const second = header.fields[twice];
    return {
      rows: [],
      accepted: [],
      fileErrors: [
        {
          en: `The columns "${first}" and "${second}" are both the same field; keep one of them.`,
          zh: `“${first}”和“${second}”两列是同一字段，请只保留其中一列。`,
        },
      ],
      ignoredColumns: [],
    };
  }
  const missing = REQUIRED.filter((field) => !fields.includes(field));
  const ignoredColumns = header.fields.filter((_, i) => fields[i] === undefined);
  if (missing.length > 0) {
    const names = (language: "en" | "zh") =>
      missing.map((f) => REGISTER.columns.find((c) => c.id === f)!.header[language]);
    return {
      rows: [],
      accepted: [],
      fileErrors: [
        {
          en: `The header row lacks the column(s) ${names("en").join(", ")}.`,
          zh: `标题行缺少列：${names("zh").join("、")}。`,
        },
      ],
      ignoredColumns,
    };
  }
  const keys = new Set(existingKeys);
  const rows: ImportRow[] = [];
  const accepted: Entry[] = [];
  const hints = new Set([HINT_LANGUAGES.map((l) => hintCells(l)[FIELD_POSITION.goal])].flat());
  const hintLines: number[] = [];
  for (const record of records) {
    const goalIndex = fields.indexOf("goal");
    if (hints.has((record.fields[goalIndex] ?? "").trim())) {
      hintLines.push(record.line);
      continue;
    }
    const input: EntryInput = {};
    fields.forEach((field, i) => {
      if (field) input[field] = unguardText(record.fields[i] ?? "");
    });
    const checked = checkEntry(input, keys);
    if (record.fields.length > header.fields.length) {
      rows.push({
        line: record.line,
        input,
        checked: {
          issues: [
            ...checked.issues,
            {
              field: "notes",
              severity: "error",
              message: { en: "The row has more fields than the header.", zh: "该行的字段多于标题行。" },
            },
          ],
        },
      });
      continue;
    }
    rows.push({ line: record.line, input, checked });
    if (checked.entry) {
      accepted.push(checked.entry);
      keys.add(entryKey(checked.entry.goal, checked.entry.name));
    }
  }
  return { rows, accepted, fileErrors: [], ignoredColumns, ...(hintLines.length ? { hintLines } : {}) };
}

const HINT_LANGUAGES: readonly Language[] = ["en", "zh"];
const FIELD_POSITION = Object.fromEntries(ENTRY_FIELDS.map((f, i) => [f, i])) as Record<EntryField, number>;

/** The second row of the empty template: what each column takes, in the file's language. */
function hintCells(language: Language): string[] {
  const zh = language === "zh";
  const list = (labels: readonly string[]) => labels.join(zh ? "、" : " | ");
  const lead = zh ? "可选值：" : "Allowed: ";
  const labels = (items: readonly { label: Bilingual }[]) => items.map((item) => item.label[language]);
  const hint: Record<EntryField, string> = {
    goal: `${lead}${list(labels(GOALS))}`,
    name: zh ? "必填，最多 200 字" : "Required, up to 200 characters",
    kind: `${lead}${list(labels(UNMANNED_KINDS))}${zh ? "（仅无人工厂）" : " (unmanned factories only)"}`,
    sector: `${lead}${list(labels(SECTORS))}`,
    district: `${lead}${list(labels(DISTRICTS))}`,
    date: zh ? "日期，如 2021-06-30 或 2021年6月30日" : "A date, such as 2021-06-30",
    status: `${lead}${list(ENTRY_STATUS_IDS.map((id) => ENTRY_STATUS_LABELS[id][language]))}`,
    evidence: zh ? "网址，以 http:// 或 https:// 开头" : "A web address starting http:// or https://",
    notes: zh ? "可留空" : "Optional",
    enteredBy: zh ? "可留空" : "Optional",
    creditCode: zh
      ? "企业填写18位统一社会信用代码，可留空"
      : "For enterprises: the 18-character unified social credit code; optional",
  };
  return ENTRY_FIELDS.map((field) => hint[field]);
}

/**
 * An empty register to fill in: the header row in the chosen language and one row listing what
 * each column takes (import leaves that row out, so a file filled below it imports as it is). As
 * UTF-8 with a byte-order mark, the form Excel opens without garbling Chinese.
 */
export function registerCsvTemplate(language: Language): Uint8Array {
  const headers = ENTRY_FIELDS.map((field) => REGISTER.columns.find((c) => c.id === field)!.header[language]);
  return new TextEncoder().encode(formatCsv([headers, hintCells(language)]));
}

/** The register as CSV: the table's own headers, dates as ISO text. */
export function registerToCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const dateColumns = new Set(
    REGISTER.columns
      .filter((c) => c.numberFormat?.startsWith("yyyy"))
      .flatMap((c) => [c.header.en, c.header.zh]),
  );
  const withTime = new Set(
    REGISTER.columns.filter((c) => c.numberFormat?.includes("hh")).flatMap((c) => [c.header.en, c.header.zh]),
  );
  const cells = rows.map((row) =>
    row.map((value, i) => {
      // A number Excel cannot show as a date (a person pasted it) goes out as it is.
      if (typeof value === "number" && dateColumns.has(headers[i]) && inExcelRange(value)) {
        return withTime.has(headers[i]) ? serialToIsoMinute(value) : serialToIso(value);
      }
      return value as string | number | boolean | null;
    }),
  );
  return formatCsv([headers, ...cells]);
}
