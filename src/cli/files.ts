/** Reading the input file, and writing the output so that it appears whole or not at all. */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "fs";
import { basename, dirname, join } from "path";
import { CliError, EXIT_INPUT } from "./cli-error";
import { reasonOf, TEXT } from "./cli-text";

export function readInputFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(TEXT.cannotRead(path, reasonOf(error, "read")), EXIT_INPUT);
  }
}

/**
 * Writes beside the target and renames, so the target is never left half-written. `fill` writes
 * the temporary file, which it must create (it does not exist yet).
 */
export async function writeAtomically(
  path: string,
  fill: (temp: string) => Promise<void> | void,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  // A file replaced keeps its permissions (the new one would get the default ones).
  const mode = existsSync(path) ? statSync(path).mode & 0o7777 : undefined;
  try {
    await fill(temp);
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw new CliError(TEXT.cannotWrite(path, reasonOf(error, "write")), EXIT_INPUT);
  }
}

/** Bytes written through writeAtomically. */
export function writeBytesAtomically(path: string, bytes: Uint8Array): Promise<void> {
  return writeAtomically(path, (temp) => writeFileSync(temp, bytes, { flag: "wx" }));
}
