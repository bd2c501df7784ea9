/**
 * LibreOffice as a second spreadsheet engine: converts .xlsx files headless with a private profile
 * that forces every formula to be recalculated on load (by default LibreOffice keeps the cached
 * values of an .xlsx file), then reads the recalculated results back with exceljs.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { delimiter, join } from "path";
import type ExcelJS from "exceljs";
import { loadWorkbook } from "../../src/cli/workbook-file";
import { serialFromUtc } from "../../src/core/dates";

/** What to run when LibreOffice is missing; the suite fails with exactly this message. */
export const INSTALL_COMMAND = "apt-get install -y --no-install-recommends libreoffice-calc-nogui";

/** The soffice executable on PATH; throws the install command when there is none. */
export function findSoffice(): string {
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, "soffice");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(INSTALL_COMMAND);
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A LibreOffice user profile that recalculates .xlsx files on load; returns its file: URL. */
export function recalcProfile(folder: string): string {
  mkdirSync(join(folder, "user"), { recursive: true });
  writeFileSync(join(folder, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  return `file://${folder.startsWith("/") ? "" : "/"}${folder.replace(/\\/g, "/")}`;
}

export interface Conversion {
  /** Recalculated copies, in the order of the inputs. */
  readonly outputs: string[];
  readonly milliseconds: number;
}

/**
 * Opens every file in one LibreOffice process, recalculates it and saves it as .xlsx (or prints
 * it to PDF) in outDir (same file names, so outDir must not be the inputs' folder).
 */
export function recalculate(
  soffice: string,
  profileUrl: string,
  inputs: readonly string[],
  outDir: string,
  format: "xlsx" | "pdf" = "xlsx",
): Conversion {
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const result = spawnSync(
    soffice,
    [
      `-env:UserInstallation=${profileUrl}`,
      "--headless",
      "--norestore",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      ...inputs,
    ],
    { encoding: "utf8", timeout: 600_000 },
  );
  const milliseconds = Date.now() - started;
  const outputs = inputs.map((input) =>
    join(
      outDir,
      input
        .split(/[\\/]/)
        .pop()!
        .replace(/\.xlsx$/, `.${format}`),
    ),
  );
  const missing = outputs.filter((output) => !existsSync(output));
  if (result.error || missing.length > 0) {
    throw new Error(
      `soffice did not convert ${missing.join(", ") || "the files"}: ${result.error?.message ?? ""} ` +
        `exit ${result.status}; ${result.stderr ?? ""}${result.stdout ?? ""}`,
    );
  }
  return { outputs, milliseconds };
}

/** Runs a command-line tool (pdftotext, pdftoppm: poppler-utils) and returns its output; fails loudly. */
export function runTool(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (poppler-utils installed?): ${result.error?.message ?? result.stderr}`,
    );
  return result.stdout;
}

export type Value = string | number | boolean | null | { error: string };

/** A cell as a plain value: formula results, dates as serial numbers, errors as { error }. */
export function valueOf(cell: ExcelJS.Cell): Value {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return serialFromUtc(value);
  if (typeof value !== "object") return value;
  if ("formula" in value || "sharedFormula" in value) {
    const result = cell.result as unknown;
    if (result instanceof Date) return serialFromUtc(result);
    if (result !== null && typeof result === "object" && "error" in result)
      return { error: String((result as { error: unknown }).error) };
    return (result ?? null) as Value;
  }
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("text" in value) return String(value.text);
  return null;
}

/** The values of a block of cells: rows x columns from a 0-based top-left corner. */
export function readBlock(
  sheet: ExcelJS.Worksheet,
  top: number,
  left: number,
  rows: number,
  columns: number,
): Value[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => valueOf(sheet.getCell(top + r + 1, left + c + 1))),
  );
}

/**
 * exceljs reads the cached result of every formula in a date-formatted cell as a date serial, so a
 * text result (Forecast date's "–") comes back as an Invalid Date. Text that is no number stays
 * text here; numbers are read as exceljs reads them.
 */
function keepTextResultsOfDateCells(): void {
  const utils = require("exceljs/lib/utils/utils") as {
    excelToDate: ((value: unknown, date1904?: boolean) => unknown) & { keepsText?: true };
  };
  if (utils.excelToDate.keepsText) return;
  const toDate = utils.excelToDate;
  const patched = (value: unknown, date1904?: boolean) =>
    typeof value === "string" && !Number.isFinite(Number(value)) ? value : toDate(value, date1904);
  utils.excelToDate = Object.assign(patched, { keepsText: true as const });
}

export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  keepTextResultsOfDateCells();
  return loadWorkbook(readFileSync(path));
}
