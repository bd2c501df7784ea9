/**
 * Writes the tracking workbook as an .xlsx file, optionally with register entries from a CSV file.
 *
 * Usage: npm run workbook -- [--out FILE.xlsx] [--lang en|zh-CN] [--register entries.csv]
 *          [--as-of YYYY-MM-DD]
 *
 * The file appears whole or not at all (written beside the target, then renamed). Invalid CSV rows
 * are reported on stderr (`line N: field: message`) and left out; the valid ones are written.
 * Exit codes: 0 written, 1 input or output problem, 2 bad command line. On failure stderr gets one
 * line and no file is left behind.
 */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "fs";
import { basename, dirname, join, resolve } from "path";
import { isDateSerial, nowSerial, parseIsoDate } from "../core/dates";
import type { Language } from "../core/language";
import { previewRegisterFile } from "../core/register-csv";
import { buildWorkbook } from "./workbook-file";

export const USAGE = [
  "usage: npm run workbook -- [--out FILE.xlsx] [--lang en|zh-CN] [--register entries.csv] [--as-of YYYY-MM-DD]",
  "  --out FILE.xlsx       the workbook to write (default shanghai-online-economy-<lang>.xlsx); relative to the folder you run npm in",
  "  --lang en|zh-CN       the workbook's language (default en; zh and zh-Hans mean zh-CN)",
  "  --register FILE.csv   register entries to write, checked as the task pane checks them (default: none)",
  "  --as-of YYYY-MM-DD    a fixed as-of date (default: =TODAY(), the date the workbook is opened)",
  "  --help                this text",
].join("\n");

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

export interface WorkbookArgs {
  readonly out: string;
  readonly language: Language;
  readonly register?: string;
  /** Serial day; undefined: the as-of cell is =TODAY(). */
  readonly asOf?: number;
}

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

/** A problem that ends the run: one line for stderr and the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The usage's first line: an error is one line on stderr. */
const usageError = (message: string) => new CliError(`${message} (${USAGE.split("\n")[0]})`, EXIT_USAGE);

const FLAGS = ["--out", "--lang", "--register", "--as-of"] as const;
type Flag = (typeof FLAGS)[number];

/** en, en-US... -> en; zh, zh-CN, zh-Hans... -> zh; anything else is not a language we write. */
/** en, or zh-CN (zh and zh-Hans as aliases): the two languages of the workbook. */
export function languageOfFlag(value: string): Language | undefined {
  if (/^en$/i.test(value)) return "en";
  if (/^(zh|zh-CN|zh-Hans)$/i.test(value)) return "zh";
  return undefined;
}

/** A path as the person typed it: relative to the folder npm was run from (npm sets INIT_CWD). */
export function fromInvocationFolder(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function defaultOutName(language: Language): string {
  return `shanghai-online-economy-${language === "zh" ? "zh-CN" : "en"}.xlsx`;
}

export function parseArgs(argv: readonly string[]): WorkbookArgs | "help" {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    const equals = arg.indexOf("=");
    const name = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw usageError(arg.startsWith("-") ? `unknown option ${name}` : `unexpected argument "${arg}"`);
    }
    const flag = name as Flag;
    if (values.has(flag)) throw usageError(`${flag} given twice`);
    let value: string | undefined;
    if (name !== arg) value = arg.slice(equals + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    if (value === undefined || value.trim() === "") throw usageError(`${flag} needs a value`);
    values.set(flag, value);
  }

  const langText = values.get("--lang") ?? "en";
  const language = languageOfFlag(langText);
  if (!language)
    throw usageError(`unknown language "${langText}": use en or zh-CN (zh and zh-Hans also mean zh-CN)`);

  const asOfText = values.get("--as-of");
  let asOf: number | undefined;
  if (asOfText !== undefined) {
    asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? parseIsoDate(asOfText) : undefined;
    if (asOf === undefined || !isDateSerial(asOf))
      throw usageError(`--as-of "${asOfText}" is not a date: write it as 2021-06-30`);
  }
  const out = fromInvocationFolder(values.get("--out") ?? defaultOutName(language));
  if (!/\.xlsx$/i.test(out)) throw usageError(`--out "${values.get("--out")}" must end in .xlsx`);
  const registerText = values.get("--register");
  const register = registerText === undefined ? undefined : fromInvocationFolder(registerText);
  if (register !== undefined && register === out) throw usageError("--out must not be the --register file");
  return { out, language, register, asOf };
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "code" in error) {
    const code = String((error as { code: unknown }).code);
    const reasons: Record<string, string> = {
      ENOENT: "no such file or folder",
      EACCES: "permission denied",
      EISDIR: "it is a folder",
      ENOTDIR: "a part of the path is not a folder",
      EPERM: "operation not permitted",
    };
    if (reasons[code]) return reasons[code];
  }
  return error instanceof Error ? error.message : String(error);
}

/** The register CSV's bytes. */
export function readCsvBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${messageOf(error)}`, EXIT_INPUT);
  }
}

/** Writes beside the target and renames, so the target is never left half-written. */
export function writeAtomically(path: string, contents: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  // A file replaced keeps its permissions (the new one would get the default ones).
  const mode = existsSync(path) ? statSync(path).mode & 0o7777 : undefined;
  try {
    writeFileSync(temp, contents, { flag: "wx" });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    try {
      if (existsSync(temp)) unlinkSync(temp);
    } catch {
      // Nothing more can be done; the error below says what failed.
    }
    throw new CliError(`cannot write ${path}: ${messageOf(error)}`, EXIT_INPUT);
  }
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  let entries: Parameters<typeof buildWorkbook>[0]["entries"] = [];
  let rejected = 0;
  if (args.register !== undefined) {
    const preview = previewRegisterFile(readCsvBytes(args.register), new Set());
    if (preview.fileErrors.length > 0) {
      throw new CliError(`${args.register}: ${preview.fileErrors[0].en}`, EXIT_INPUT);
    }
    for (const row of preview.rows) {
      const errors = row.checked.issues.filter((issue) => issue.severity === "error");
      if (errors.length === 0) continue;
      rejected++;
      for (const issue of errors) io.stderr(`line ${row.line}: ${issue.field}: ${issue.message.en}`);
    }
    entries = preview.accepted;
  }
  const now = nowSerial((io.now ?? (() => new Date()))());
  const workbook = buildWorkbook({ language: args.language, entries, asOf: args.asOf, now });
  const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  writeAtomically(args.out, buffer);
  io.stdout(`wrote ${args.out}: ${entries.length} entries (${rejected} rows rejected)`);
  return EXIT_OK;
}

/** Runs the command line; returns the exit code. Failures print one line on stderr. */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: Io = PROCESS_IO,
): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`error: ${error.message}`);
      return error.exitCode;
    }
    io.stderr(`error: ${messageOf(error).split("\n")[0]}`);
    return EXIT_INPUT;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
