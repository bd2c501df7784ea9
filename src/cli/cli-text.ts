/**
 * What the command line says, in English and Chinese: its usage, its refusals and its reports.
 * Messages say what was wrong and what to do.
 */
import type { Language } from "../core/language";
import type { Bilingual } from "../core/plan";

export const say = (en: string, zh: string): Bilingual => ({ en, zh });

/** What a merge did, over all its files: rows read, added and updated, conflicts listed, files skipped as older. */
export interface MergeTotals {
  readonly read: number;
  readonly added: number;
  readonly updated: number;
  readonly conflicts: number;
  readonly older: number;
}

/** A count with its noun: "1 entry", "2 entries"; Chinese has no plural ("1 条"). */
export function counted(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

export const USAGE = say(
  [
    "usage: npm run workbook -- [--out FILE.xlsx] [--lang en|zh-CN] [--register entries.csv] [--as-of YYYY-MM-DD] [--status-rule RATIO|ELAPSED|PACE]",
    "       npm run workbook -- --template-csv [--lang en|zh-CN] [--out FILE.csv]",
    "       npm run workbook -- --merge A.xlsx B.xlsx ... [--out FILE.xlsx] [--lang en|zh-CN] [--as-of YYYY-MM-DD]",
    "  --out FILE            the file to write (default shanghai-online-economy-<lang>.xlsx, or register-template-<lang>.csv with --template-csv); relative to the folder you run npm in",
    "  --lang en|zh-CN       the language of the workbook and of these messages (default en; zh and zh-Hans mean zh-CN)",
    "  --register FILE.csv   register entries to write, checked as the task pane checks them (default: none)",
    "  --as-of YYYY-MM-DD    a fixed as-of date (default: =TODAY(), the date the workbook is opened)",
    "  --status-rule RULE    the rule that judges On track / At risk / Behind: RATIO (to expected), ELAPSED (序时进度) or PACE, or its name (default RATIO)",
    "  --reporting-unit TEXT who reports, written on About; left blank without it. A district's name makes the workbook that district's when merged",
    "  --template-csv        write the empty register CSV to fill in (then pass it to --register) instead of the workbook (default: off)",
    "  --merge FILE.xlsx ... merge these workbooks (districts', or an earlier merged one), in this order, into a new workbook at --out: its Register, Merges, Conflicts and Changes (not with --register)",
    "  --help                this text",
  ].join("\n"),
  [
    "用法：npm run workbook -- [--out 文件.xlsx] [--lang en|zh-CN] [--register 登记.csv] [--as-of YYYY-MM-DD] [--status-rule RATIO|ELAPSED|PACE]",
    "      npm run workbook -- --template-csv [--lang en|zh-CN] [--out 文件.csv]",
    "      npm run workbook -- --merge 甲.xlsx 乙.xlsx ... [--out 文件.xlsx] [--lang en|zh-CN] [--as-of YYYY-MM-DD]",
    "  --out 文件            要写入的文件（默认 shanghai-online-economy-<语言>.xlsx；用 --template-csv 时默认 register-template-<语言>.csv）；相对路径从运行 npm 的文件夹算起",
    "  --lang en|zh-CN       工作簿和本工具提示信息的语言（默认 en；zh 和 zh-Hans 均表示 zh-CN）",
    "  --register 文件.csv   要写入的登记条目，按任务窗格的规则检查（默认：无）",
    "  --as-of YYYY-MM-DD    固定的截至日期（默认：=TODAY()，即打开工作簿当天）",
    "  --status-rule 规则    判定“进度正常”“有风险”“落后”的规则：RATIO（与应达数之比）、ELAPSED（序时进度）或 PACE（速度比），也可写规则名称（默认 RATIO）",
    "  --reporting-unit 文字 填报单位，写在“说明”表中，不写则留空；写区名时，合并时该工作簿即算作该区报送",
    "  --template-csv        不写工作簿，改为写出待填写的空白登记表 CSV（填好后用 --register 导入）（默认：关闭）",
    "  --merge 文件.xlsx ... 按所列顺序把这些工作簿（各区的，或此前合并所得的）合并为 --out 指定的新工作簿：登记、合并记录、重复报送和修改记录（不能与 --register 同用）",
    "  --help                显示本说明",
  ].join("\n"),
);

/** A command-line refusal: the message and, in brackets, the usage's first line. */
export function usageMessage(message: Bilingual): Bilingual {
  const first = (language: Language) => USAGE[language].split("\n")[0];
  return say(`${message.en} (${first("en")})`, `${message.zh}（${first("zh")}）`);
}

export const TEXT = {
  unknownOption: (name: string) => say(`unknown option ${name}`, `未知选项 ${name}`),
  unexpectedArgument: (arg: string) => say(`unexpected argument "${arg}"`, `多余的参数“${arg}”`),
  givenTwice: (flag: string) => say(`${flag} given twice`, `${flag} 给了两次，请只写一次`),
  needsValue: (flag: string) => say(`${flag} needs a value`, `${flag} 后面需要一个值`),
  unknownLanguage: (value: string) =>
    say(
      `unknown language "${value}": use en or zh-CN (zh and zh-Hans also mean zh-CN)`,
      `未知语言“${value}”：请用 en 或 zh-CN（zh、zh-Hans 也表示 zh-CN）`,
    ),
  notADate: (value: string) =>
    say(
      `--as-of "${value}" is not a date: write it as 2021-06-30`,
      `--as-of “${value}”不是日期：请写成 2021-06-30`,
    ),
  unknownStatusRule: (value: string) =>
    say(
      `unknown --status-rule "${value}": use RATIO, ELAPSED or PACE`,
      `未知的 --status-rule “${value}”：请用 RATIO、ELAPSED 或 PACE`,
    ),
  outExtension: (value: string, extension: string) =>
    say(`--out "${value}" must end in ${extension}`, `--out “${value}”须以 ${extension} 结尾`),
  outIsRegister: say("--out must not be the --register file", "--out 不能与 --register 是同一个文件"),
  templateOnly: (flag: string) =>
    say(
      `--template-csv writes the empty register only: leave out ${flag}`,
      `--template-csv 只写出空白登记表：请去掉 ${flag}`,
    ),
  mergeNeedsFiles: say(
    "--merge needs the workbooks to merge: --merge a.xlsx b.xlsx",
    "--merge 后面需要列出要合并的工作簿：--merge 甲.xlsx 乙.xlsx",
  ),
  mergeNotRegister: say(
    "--merge merges workbooks, not a register CSV: leave out --register (write each district's workbook with --register first)",
    "--merge 合并的是工作簿，不是登记表 CSV：请去掉 --register（可先用 --register 分别写出各区工作簿）",
  ),
  cannotMerge: (path: string, reason: Bilingual) =>
    say(
      `cannot read ${path}: ${reason.en}; check the file's name and folder, or leave it out of --merge`,
      `无法读取 ${path}：${reason.zh}；请检查文件名和文件夹，或从 --merge 中去掉该文件`,
    ),
  tooManyMerged: (table: Bilingual, rows: number, most: number) =>
    say(
      `the merged ${table.en} would hold ${counted(rows, "row", "rows")}, more than a worksheet holds below its header (${most.toLocaleString("en-US")}); merge fewer workbooks at a time`,
      `合并后的“${table.zh}”表将有 ${rows} 行，超出一个工作表在标题行下所能容纳的行数（${most} 行）；请分批合并`,
    ),
  merged: (path: string, files: number, totals: MergeTotals) =>
    say(
      `wrote ${path}: merged ${counted(files, "file", "files")}: ${counted(totals.read, "row", "rows")} read, ${totals.added.toLocaleString("en-US")} added, ${totals.updated.toLocaleString("en-US")} updated, ${counted(totals.conflicts, "conflict", "conflicts")}, ${counted(totals.older, "file", "files")} skipped as older`,
      `已写入 ${path}：合并 ${files} 个文件，读取 ${totals.read} 行，新增 ${totals.added} 行，更新 ${totals.updated} 行，重复报送 ${totals.conflicts} 条，${totals.older} 个文件因较旧而跳过`,
    ),
  cannotRead: (path: string, reason: Bilingual) =>
    say(`cannot read ${path}: ${reason.en}`, `无法读取 ${path}：${reason.zh}`),
  cannotWrite: (path: string, reason: Bilingual) =>
    say(`cannot write ${path}: ${reason.en}`, `无法写入 ${path}：${reason.zh}`),
  inFile: (path: string, problem: Bilingual) => say(`${path}: ${problem.en}`, `${path}：${problem.zh}`),
  tooManyRows: (path: string, rows: number, most: number) =>
    say(
      `${path}: ${counted(rows, "register row", "register rows")} are more than a worksheet holds below its header (${most.toLocaleString("en-US")}); split the file and write one workbook per part`,
      `${path}：${rows} 行登记超出一个工作表在标题行下所能容纳的行数（${most} 行）；请把文件拆开，每部分各写一个工作簿`,
    ),
  error: (message: Bilingual) => say(`error: ${message.en}`, `错误：${message.zh}`),
  wroteWorkbook: (path: string, entries: number, rejected: number) =>
    say(
      `wrote ${path}: ${counted(entries, "entry", "entries")} (${counted(rejected, "row", "rows")} rejected)`,
      `已写入 ${path}：${entries} 条登记（${rejected} 行有误，未写入）`,
    ),
  wroteTemplate: (path: string) =>
    say(
      `wrote ${path}: the empty register to fill in (a header row, then a row of allowed values that import skips)`,
      `已写入 ${path}：待填写的空白登记表（标题行，下面一行是可选值说明，导入时会跳过）`,
    ),
  rowIssue: (line: number, field: Bilingual, message: Bilingual) =>
    say(`line ${line}: ${field.en}: ${message.en}`, `第 ${line} 行：${field.zh}：${message.zh}`),
  rowWarning: (line: number, field: Bilingual, message: Bilingual) =>
    say(
      `line ${line}: ${field.en}: warning (row written): ${message.en}`,
      `第 ${line} 行：${field.zh}：提醒（该行已写入）：${message.zh}`,
    ),
  validValues: (values: Bilingual) => say(`Valid values: ${values.en}.`, `可选值：${values.zh}。`),
};

/** What the command line was doing when an error came: the general reason it then gives. */
const DOING = {
  read: say("an error while reading", "读取时出错"),
  write: say("an error while writing", "写入时出错"),
  run: say("an unexpected error", "意外出错"),
};

/**
 * Why a file could not be read or written (or the run failed), from Node's error code; for other
 * errors, the general reason with the error's own text in brackets.
 */
export function reasonOf(error: unknown, doing: keyof typeof DOING): Bilingual {
  const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
  const reasons: Record<string, Bilingual> = {
    ENOENT: say("no such file or folder", "没有这个文件或文件夹"),
    EACCES: say("permission denied", "没有权限"),
    EISDIR: say("it is a folder", "这是一个文件夹"),
    ENOTDIR: say("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    EPERM: say("operation not permitted", "不允许此操作"),
    ENOSPC: say("the disk is full", "磁盘已满"),
  };
  if (reasons[code]) return reasons[code];
  const detail = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  const general = DOING[doing];
  return say(`${general.en} (${detail})`, `${general.zh}（${detail}）`);
}
