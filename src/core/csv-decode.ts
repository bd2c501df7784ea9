/**
 * Turning the bytes of a CSV file into text, for files as Excel writes them: "CSV UTF-8" (with a
 * byte-order mark), "Unicode text" (UTF-16 LE with a mark, tab-separated), and "CSV (逗号分隔)" on
 * Chinese Windows, which is GB18030/GBK without any mark. In this order: a byte-order mark; then
 * strict UTF-8; then GB18030, but only when the text it gives passes `confirm` (GB18030 decodes
 * almost any bytes, so only a header row that reads as ours shows it was the file's encoding).
 * Anything else is refused, never decoded into replacement characters.
 */
import type { Bilingual } from "./plan";

export type CsvEncoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export type DecodedCsv =
  | { readonly ok: true; readonly text: string; readonly encoding: CsvEncoding }
  | { readonly ok: false; readonly error: Bilingual };

const REPLACEMENT = "\ufffd";

function strictly(label: string, bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.includes(REPLACEMENT) ? undefined : text;
  } catch {
    // A byte sequence this encoding does not allow: the file is not in it.
    return undefined;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    // Not UTF-8 at all.
    return false;
  }
}

/** Whether most multi-byte characters of the bytes are valid UTF-8 (GB18030 text rarely is). */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder("utf-8").decode(bytes);
  let good = 0;
  let bad = 0;
  for (const char of text) {
    if (char === REPLACEMENT) bad++;
    else if (char.codePointAt(0)! > 0x7f) good++;
  }
  return good > 0 && bad <= good / 10;
}

const refused = (tried: string): DecodedCsv => ({
  ok: false,
  error: {
    en: `The file's characters could not be read (tried ${tried}). In Excel, save it with File > Save As > "CSV UTF-8 (Comma delimited)", then choose it again.`,
    zh: `无法识别文件的字符编码（已尝试 ${tried}）。请在 Excel 中选择“文件 > 另存为”，保存类型选“CSV UTF-8（逗号分隔）”，然后重新选择该文件。`,
  },
});

export function decodeCsvBytes(bytes: Uint8Array, confirm: (text: string) => boolean): DecodedCsv {
  const bom: [number[], CsvEncoding][] = [
    [[0xef, 0xbb, 0xbf], "UTF-8"],
    [[0xff, 0xfe], "UTF-16LE"],
    [[0xfe, 0xff], "UTF-16BE"],
  ];
  for (const [mark, encoding] of bom) {
    if (mark.every((byte, i) => bytes[i] === byte)) {
      // The decoder drops the mark itself (ignoreBOM false).
      const text = strictly(encoding, bytes);
      return text === undefined ? refused(`${encoding} (its byte-order mark)`) : { ok: true, text, encoding };
    }
  }
  const utf8 = strictly("utf-8", bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: "UTF-8" };
  // UTF-8 with a few damaged bytes is damaged UTF-8, not GB18030: read as GB18030 its Chinese would
  // come out as other Chinese characters, and an ASCII header row would still confirm it.
  if (mostlyUtf8(bytes)) return refused("UTF-8: the file has bytes that are not UTF-8");
  // Valid UTF-8 holding U+FFFD: characters were already lost when the file was made.
  if (isUtf8(bytes)) return refused("UTF-8: the file already holds replacement characters (�)");
  const gb = strictly("gb18030", bytes);
  if (gb !== undefined && confirm(gb)) return { ok: true, text: gb, encoding: "GB18030" };
  return refused("UTF-8, UTF-16, GB18030");
}
