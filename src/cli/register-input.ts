/**
 * The register entries of a CSV file, checked as the task pane checks them (core register-csv):
 * the file refused whole when it cannot be a register, each refused row and each warning reported
 * in the chosen language, naming fields by the Register's column headers.
 */
import { decodeCsvBytes } from "../core/csv-decode";
import { type Entry, ENTRY_FIELD_LABELS, type EntryField, type Issue } from "../core/entries";
import type { Language } from "../core/language";
import type { Bilingual } from "../core/plan";
import { type ImportRow, previewRegisterImport, startsWithRegisterHeader } from "../core/register-csv";
import { vocabulary, type Vocabulary } from "../core/template/vocabulary";
import { CliError, EXIT_INPUT } from "./cli-error";
import { say, TEXT } from "./cli-text";
import { MAX_REGISTER_ROWS } from "./register-sheet";
import { countRegisterRows } from "./register-size";

export interface RegisterInput {
  readonly entries: readonly Entry[];
  /** Rows left out for an error. */
  readonly rejected: number;
}

/** The lists of the fields whose refusals name no valid value (core lists the others' itself). */
const LISTED_FIELDS: Partial<Record<EntryField, keyof Vocabulary>> = {
  goal: "goals",
  sector: "sectors",
  district: "districts",
};

function issueText(issue: Issue): Bilingual {
  const list = LISTED_FIELDS[issue.field];
  if (issue.severity !== "error" || !list) return issue.message;
  const values = TEXT.validValues(
    // " | " as in the template CSV's allowed-values row: some English labels hold commas.
    say((vocabulary("en")[list] as string[]).join(" | "), (vocabulary("zh")[list] as string[]).join("、")),
  );
  return say(`${issue.message.en} ${values.en}`, `${issue.message.zh}${values.zh}`);
}

/** The lines that report a row: its errors when it is refused, else its warnings (it is written). */
export function rowReport(row: ImportRow, language: Language): string[] {
  const refused = row.checked.issues.some((issue) => issue.severity === "error");
  return row.checked.issues
    .filter((issue) => (issue.severity === "error") === refused)
    .map((issue) => {
      const report = refused ? TEXT.rowIssue : TEXT.rowWarning;
      return report(row.line, ENTRY_FIELD_LABELS[issue.field], issueText(issue))[language];
    });
}

/** Reads the register entries of a CSV file's bytes; `report` gets one line per row issue. */
export function readRegister(
  path: string,
  bytes: Uint8Array,
  language: Language,
  report: (line: string) => void,
): RegisterInput {
  const decoded = decodeCsvBytes(bytes, startsWithRegisterHeader);
  if (!decoded.ok) throw new CliError(TEXT.inFile(path, decoded.error), EXIT_INPUT);
  const rows = countRegisterRows(decoded.text);
  if (rows > MAX_REGISTER_ROWS)
    throw new CliError(TEXT.tooManyRows(path, rows, MAX_REGISTER_ROWS), EXIT_INPUT);
  const preview = previewRegisterImport(decoded.text, new Set());
  if (preview.fileErrors.length > 0) throw new CliError(TEXT.inFile(path, preview.fileErrors[0]), EXIT_INPUT);
  let rejected = 0;
  for (const row of preview.rows) {
    if (row.checked.issues.some((issue) => issue.severity === "error")) rejected++;
    for (const line of rowReport(row, language)) report(line);
  }
  return { entries: preview.accepted, rejected };
}
