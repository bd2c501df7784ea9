/**
 * A district's workbook chosen in the pane, read in the browser for the merge: unzipped with
 * JSZip, loaded only when the first file is read (its own bundle chunk, which most people never
 * fetch), and handed to the core as the package's XML parts.
 */
import { readSubmission, SUBMISSION_MESSAGES, type Submission, SubmissionError } from "../core/submission";

/** Only the package's XML parts are text the reader needs; pictures and the like stay unread. */
const XML_PART = /\.(xml|rels)$/i;

/** What a file gives: its name and its bytes (a File does). */
export interface ChosenFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The package's XML parts by name, as text. A file that is not a zip archive (a password-protected
 * workbook is not one either) is refused with SubmissionError, as the command line refuses it.
 */
export async function readXlsxParts(file: ChosenFile): Promise<Map<string, string>> {
  const { default: JSZip } = await import(/* webpackChunkName: "jszip" */ "jszip");
  const bytes = await file.arrayBuffer();
  const parts = new Map<string, string>();
  try {
    const archive = await JSZip.loadAsync(bytes);
    // A part that does not inflate is a damaged archive: refused as one that is none.
    for (const entry of Object.values(archive.files))
      if (!entry.dir && XML_PART.test(entry.name)) parts.set(entry.name, await entry.async("string"));
  } catch (error) {
    throw Object.assign(new SubmissionError("notXlsx", SUBMISSION_MESSAGES.notXlsx, file.name), {
      cause: error,
    });
  }
  return parts;
}

/** Reads a chosen workbook as a submission, named by the file's name (as a merged row's source file says). */
export async function readSubmissionFile(file: ChosenFile): Promise<Submission> {
  return readSubmission(await readXlsxParts(file), file.name);
}
