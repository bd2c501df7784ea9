/**
 * Writes the tracking workbook as an .xlsx file, optionally with register entries from a CSV file;
 * or, with --template-csv, the empty register CSV to fill in.
 *
 * Usage: npm run workbook -- [--out FILE.xlsx] [--lang en|zh-CN] [--register entries.csv]
 *          [--as-of YYYY-MM-DD] [--reporting-unit TEXT]
 *        npm run workbook -- --template-csv [--lang en|zh-CN] [--out FILE.csv]
 *        npm run workbook -- --merge A.xlsx B.xlsx ... [--out FILE.xlsx] [--lang en|zh-CN]
 *
 * The file appears whole or not at all (written beside the target, then renamed). Invalid CSV rows
 * are reported on stderr (`line N: field: message`, in the --lang language) and left out; the valid
 * ones are written, and their warnings reported too. Exit codes: 0 written, 1 input or output
 * problem, 2 bad command line. On failure stderr gets one line and no file is left behind.
 * With --merge the workbooks are merged, in the order given, into a new one (merge.ts); stdout
 * gets one line of counts.
 */
import { nowSerial } from "../core/dates";
import type { Language } from "../core/language";
import { registerCsvTemplate } from "../core/register-csv";
import { type MergeArgs, messageLanguage, parseArgs, type TemplateArgs, type WorkbookArgs } from "./args";
import { CliError, EXIT_INPUT, EXIT_OK } from "./cli-error";
import { reasonOf, TEXT, USAGE } from "./cli-text";
import { readInputFile, writeAtomically, writeBytesAtomically } from "./files";
import { readRegister } from "./register-input";

export interface Io {
  /** Writes one line to standard output. */
  readonly stdout: (line: string) => void;
  /** Writes one line to standard error. */
  readonly stderr: (line: string) => void;
  /** The moment stamped on written entries (Entered at); default the current time. */
  readonly now?: () => Date;
}

const PROCESS_IO: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

async function writeTemplate(args: TemplateArgs, io: Io): Promise<void> {
  await writeBytesAtomically(args.out, registerCsvTemplate(args.language));
  io.stdout(TEXT.wroteTemplate(args.out)[args.language]);
}

async function writeWorkbook(args: WorkbookArgs, io: Io): Promise<void> {
  const { entries, rejected } =
    args.register === undefined
      ? { entries: [], rejected: 0 }
      : readRegister(args.register, readInputFile(args.register), args.language, io.stderr);
  const enteredAt = nowSerial((io.now ?? (() => new Date()))());
  // exceljs (a few hundred milliseconds to load) is needed only here, not for --help or the template.
  const { writeWorkbookFile } = await import("./write-workbook");
  await writeAtomically(args.out, (temp) =>
    writeWorkbookFile(temp, {
      language: args.language,
      entries,
      asOf: args.asOf,
      statusRule: args.statusRule,
      reportingUnit: args.reportingUnit,
      enteredAt,
    }),
  );
  io.stdout(TEXT.wroteWorkbook(args.out, entries.length, rejected)[args.language]);
}

async function mergeWorkbooks(args: MergeArgs, io: Io): Promise<void> {
  const { readMergeInputs, mergeInputs, mergedTables, mergeTotals } = await import("./merge");
  // Every file is read before anything is written: --out may be one of them.
  const inputs = await readMergeInputs(args.inputs);
  const at = nowSerial((io.now ?? (() => new Date()))());
  const outcome = mergeInputs(inputs, at);
  const tables = mergedTables(outcome, at, args.language);
  const { writeTablesFile } = await import("./write-workbook");
  await writeAtomically(args.out, (temp) =>
    writeTablesFile(temp, {
      language: args.language,
      asOf: args.asOf,
      statusRule: args.statusRule,
      reportingUnit: args.reportingUnit,
      tables,
    }),
  );
  io.stdout(TEXT.merged(args.out, inputs.length, mergeTotals(outcome))[args.language]);
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") io.stdout(USAGE[messageLanguage(argv)]);
  else if (args.mode === "template-csv") await writeTemplate(args, io);
  else if (args.mode === "merge") await mergeWorkbooks(args, io);
  else await writeWorkbook(args, io);
  return EXIT_OK;
}

/** Runs the command line; returns the exit code. Failures print one line on stderr. */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: Io = PROCESS_IO,
): Promise<number> {
  const language: Language = messageLanguage(argv);
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(TEXT.error(error.said)[language]);
      return error.exitCode;
    }
    io.stderr(TEXT.error(reasonOf(error, "run"))[language]);
    return EXIT_INPUT;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
