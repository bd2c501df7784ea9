/**
 * The .xlsx package is a zip archive. Reading the small archive exceljs writes in memory, with
 * JSZip; writing the package to a file part by part, with archiver, which deflates a part given
 * as a stream as it is generated (the Register's rows are never held whole) and switches to zip64
 * where a part or the archive passes 4 GB. Both are the libraries exceljs itself writes with.
 */
import archiver from "archiver";
import { createWriteStream, openSync } from "fs";
import JSZip from "jszip";
import { Readable } from "stream";

/** The parts of a zip archive by name, inflated, in the archive's order. */
export async function readZip(zip: Uint8Array): Promise<Map<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const parts = new Map<string, Buffer>();
  for (const file of Object.values(archive.files))
    if (!file.dir) parts.set(file.name, await file.async("nodebuffer"));
  return parts;
}

/** A part: bytes held in memory, or text chunks generated as they are written. */
export type ZipPart = { readonly name: string } & (
  { readonly data: Buffer } | { readonly chunks: Iterable<string> }
);

/**
 * Writes the parts, in order, as a new zip archive at `path` (which must not exist yet). Fails
 * when the archive, the file or a part's chunks fail (a generator that throws); the file is then
 * closed, half-written, for the caller to remove.
 */
export async function writeZip(path: string, parts: Iterable<ZipPart>): Promise<void> {
  // Opened first, so a missing folder or a refused file fails here, before any part is deflated.
  const output = createWriteStream(path, { fd: openSync(path, "wx") });
  const archive = archiver("zip", { zlib: { level: 6 } });
  const outputClosed = new Promise<void>((resolve) => output.on("close", resolve));
  let fail!: (error: unknown) => void;
  // Settled by the first of: the file closed after the whole archive, or any failure.
  const written = new Promise<void>((resolve, reject) => {
    fail = reject;
    void outputClosed.then(resolve);
    output.on("error", reject);
    archive.on("error", reject);
    archive.on("warning", reject);
  });
  try {
    archive.pipe(output);
    for (const part of parts) {
      const content =
        "data" in part ? part.data : Readable.from(part.chunks, { objectMode: false }).on("error", fail);
      archive.append(content, { name: part.name });
    }
    await Promise.all([archive.finalize(), written]);
  } catch (error) {
    // Stop deflating and close the file, so that it can be removed. What fails while stopping
    // follows from the error thrown here.
    archive.abort();
    output.destroy();
    await Promise.allSettled([written, outputClosed]);
    throw error;
  }
}
