/** The command line's options: parsed, checked, and paths resolved from where npm was run. */
import { resolve } from "path";
import { isDateSerial, parseIsoDate } from "../core/dates";
import type { Language } from "../core/language";
import type { Bilingual } from "../core/plan";
import { statusRuleNamed, type StatusRuleId } from "../core/status-rules";
import { CliError, EXIT_USAGE } from "./cli-error";
import { TEXT, usageMessage } from "./cli-text";

export interface WorkbookArgs {
  readonly mode: "workbook";
  readonly out: string;
  readonly language: Language;
  readonly register?: string;
  /** Serial day; undefined: the as-of cell is =TODAY(). */
  readonly asOf?: number;
  /** The status rule the workbook names on About; undefined: the default (the ratio to expected). */
  readonly statusRule?: StatusRuleId;
  /** Who reports, written on About (Reporting unit); undefined: blank. */
  readonly reportingUnit?: string;
}

/** --merge: the workbooks to merge, in order, into a new one at `out`. */
export interface MergeArgs extends Omit<WorkbookArgs, "mode" | "register"> {
  readonly mode: "merge";
  readonly inputs: readonly string[];
}

/** --template-csv: the empty register CSV to fill in. */
export interface TemplateArgs {
  readonly mode: "template-csv";
  readonly out: string;
  readonly language: Language;
}

const usageError = (message: Bilingual) => new CliError(usageMessage(message), EXIT_USAGE);

const FLAGS = [
  "--out",
  "--lang",
  "--register",
  "--as-of",
  "--status-rule",
  "--reporting-unit",
  "--template-csv",
  "--merge",
] as const;
type Flag = (typeof FLAGS)[number];
/** Flags that take no value. */
const SWITCHES: readonly Flag[] = ["--template-csv"];
/** The flag that takes every value up to the next one (the files to merge). */
const LIST: Flag = "--merge";

interface Flags {
  readonly values: Map<Flag, string>;
  /** The values of LIST, when given. */
  readonly list: readonly string[] | undefined;
}

/** en, or zh-CN (zh and zh-Hans as aliases): the two languages of the workbook. */
export function languageOfFlag(value: string): Language | undefined {
  if (/^en$/i.test(value)) return "en";
  if (/^(zh|zh-CN|zh-Hans)$/i.test(value)) return "zh";
  return undefined;
}

/**
 * The language to speak before the options are checked: Chinese when a valid --lang asks for it,
 * so that even a refusal of another option is in Chinese; English otherwise.
 */
export function messageLanguage(argv: readonly string[]): Language {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i].startsWith("--lang=") ? argv[i].slice("--lang=".length) : undefined;
    const language = languageOfFlag(value ?? (argv[i] === "--lang" ? (argv[i + 1] ?? "") : ""));
    if (language) return language;
  }
  return "en";
}

/** A path as the person typed it: relative to the folder npm was run from (npm sets INIT_CWD). */
export function fromInvocationFolder(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

const LANGUAGE_TAG: Record<Language, string> = { en: "en", zh: "zh-CN" };

export function defaultOutName(language: Language): string {
  return `shanghai-online-economy-${LANGUAGE_TAG[language]}.xlsx`;
}

export function defaultTemplateName(language: Language): string {
  return `register-template-${LANGUAGE_TAG[language]}.csv`;
}

function readFlags(argv: readonly string[]): Flags | "help" {
  const values = new Map<Flag, string>();
  let list: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    const equals = arg.indexOf("=");
    const name = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw usageError(arg.startsWith("-") ? TEXT.unknownOption(name) : TEXT.unexpectedArgument(arg));
    }
    const flag = name as Flag;
    if (values.has(flag)) throw usageError(TEXT.givenTwice(flag));
    if (SWITCHES.includes(flag)) {
      if (name !== arg) throw usageError(TEXT.unexpectedArgument(arg));
      values.set(flag, "");
      continue;
    }
    if (flag === LIST) {
      list = name !== arg ? [arg.slice(equals + 1)] : [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) list.push(argv[++i]);
      if (list.length === 0 || list.some((file) => file.trim() === ""))
        throw usageError(TEXT.mergeNeedsFiles);
      values.set(flag, "");
      continue;
    }
    let value: string | undefined;
    if (name !== arg) value = arg.slice(equals + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    if (value === undefined || value.trim() === "") throw usageError(TEXT.needsValue(flag));
    values.set(flag, value);
  }
  return { values, list };
}

function outPath(value: string | undefined, fallback: string, extension: string): string {
  const out = fromInvocationFolder(value ?? fallback);
  if (!out.toLowerCase().endsWith(extension)) throw usageError(TEXT.outExtension(value ?? out, extension));
  return out;
}

export function parseArgs(argv: readonly string[]): WorkbookArgs | MergeArgs | TemplateArgs | "help" {
  const flags = readFlags(argv);
  if (flags === "help") return flags;
  const { values } = flags;

  const langText = values.get("--lang") ?? "en";
  const language = languageOfFlag(langText);
  if (!language) throw usageError(TEXT.unknownLanguage(langText));

  if (values.has("--template-csv")) {
    for (const flag of ["--register", "--as-of", "--status-rule", "--reporting-unit", "--merge"] as const)
      if (values.has(flag)) throw usageError(TEXT.templateOnly(flag));
    return {
      mode: "template-csv",
      out: outPath(values.get("--out"), defaultTemplateName(language), ".csv"),
      language,
    };
  }

  const asOfText = values.get("--as-of");
  let asOf: number | undefined;
  if (asOfText !== undefined) {
    asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? parseIsoDate(asOfText) : undefined;
    if (asOf === undefined || !isDateSerial(asOf)) throw usageError(TEXT.notADate(asOfText));
  }
  const ruleText = values.get("--status-rule");
  // The rule's id, or its name in either language (the workbook then names it in its own).
  const statusRule =
    ruleText === undefined ? undefined : (statusRuleNamed(ruleText, "en") ?? statusRuleNamed(ruleText, "zh"));
  if (ruleText !== undefined && statusRule === undefined) throw usageError(TEXT.unknownStatusRule(ruleText));
  const out = outPath(values.get("--out"), defaultOutName(language), ".xlsx");
  const unit = values.get("--reporting-unit")?.trim();
  const common = {
    out,
    language,
    asOf,
    ...(statusRule ? { statusRule } : {}),
    ...(unit !== undefined ? { reportingUnit: unit } : {}),
  };
  if (flags.list !== undefined) {
    if (values.has("--register")) throw usageError(TEXT.mergeNotRegister);
    // Each is read whole before the output is written: --out may name one of them (it is then replaced).
    return { mode: "merge", ...common, inputs: flags.list.map(fromInvocationFolder) };
  }
  const registerText = values.get("--register");
  const register = registerText === undefined ? undefined : fromInvocationFolder(registerText);
  if (register !== undefined && register === out) throw usageError(TEXT.outIsRegister);
  return { mode: "workbook", ...common, register };
}
