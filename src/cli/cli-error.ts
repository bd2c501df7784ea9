/** How the command line ends: its exit codes, and the refusal that ends a run with one line. */
import type { Bilingual } from "../core/plan";

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** A problem that ends the run: one line for stderr (in both languages) and the exit code. */
export class CliError extends Error {
  constructor(
    readonly said: Bilingual,
    readonly exitCode: number,
  ) {
    super(said.en);
    this.name = "CliError";
  }
}
