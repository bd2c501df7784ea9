/** A district's workbook read from a file, for merging: unzipped here, read by the core. */
import { readFile } from "fs/promises";
import { basename } from "path";
import { readSubmission, SUBMISSION_MESSAGES, type Submission, SubmissionError } from "../core/submission";
import { readZip } from "./zip";

/** Only the package's XML parts are text the reader needs; pictures and the like stay unread. */
const XML_PART = /\.(xml|rels)$/i;

/**
 * Reads the workbook at `path`. The submission is named by the file's name, not its path, as a
 * merged row's source file says. A file that is not a zip archive is refused with SubmissionError;
 * a file that cannot be read at all fails as the file system says.
 */
export async function readSubmissionFile(path: string): Promise<Submission> {
  const bytes = await readFile(path);
  const file = basename(path);
  let archive: Map<string, Buffer>;
  try {
    archive = await readZip(bytes);
  } catch (error) {
    // JSZip refuses anything that is not a zip (a password-protected workbook is not one either).
    throw Object.assign(new SubmissionError("notXlsx", SUBMISSION_MESSAGES.notXlsx, file), { cause: error });
  }
  const parts = new Map<string, string>();
  for (const [name, data] of archive) if (XML_PART.test(name)) parts.set(name, data.toString("utf8"));
  return readSubmission(parts, file);
}
