/** Running the command line in a test: a scratch folder, captured output, CSV input, the written package. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../src/cli/workbook";

export const NOW = new Date(2024, 2, 5, 9, 30, 0);

export const HEADER = "Goal,Name,Kind,Sector,District,Date recognized,Status,Evidence link,Notes,Entered by";

/** A fresh folder for each test, removed after it. */
export function scratchFolder(): () => string {
  let folder = "";
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "workbook-cli-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  return () => folder;
}

export async function runCli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

/** A register CSV in `folder` with the English header and these lines. */
export function writeCsv(folder: string, lines: readonly string[], header = HEADER): string {
  const path = join(folder, "entries.csv");
  writeFileSync(path, [header, ...lines].join("\r\n") + "\r\n");
  return path;
}

/** A part of a written .xlsx package as text, read with JSZip (not the writer's own reader). */
export async function packagePart(path: string, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const file = zip.file(part);
  if (!file) throw new Error(`no ${part} in ${path}`);
  return file.async("string");
}
