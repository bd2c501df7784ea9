/**
 * Reading an .xlsx part's XML as an OOXML reader does, independently of the writer: checked to be
 * well-formed XML 1.0, entities and `_xHHHH_` escapes (ECMA-376 ST_Xstring) decoded.
 */
import { XMLValidator } from "fast-xml-parser";

/** A character XML 1.0 cannot hold (outside its Char production). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Throws unless `xml` is well-formed XML 1.0 made of characters XML can hold. */
export function expectWellFormed(xml: string): void {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad)
    throw new Error(`U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index} is not an XML character`);
  const result = XMLValidator.validate(xml);
  if (result !== true) throw new Error(`not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text content as an XML reader gives it: line ends normalized to LF, entities decoded. */
function xmlContent(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITIES[name])
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)));
}

/** A cell's text as Excel reads it: each `_xHHHH_` is the character U+HHHH. */
export function decodeOoxmlText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of an inline-string cell of worksheet XML, as Excel reads it. */
export function inlineCellText(sheetXml: string, address: string): string {
  const cell = new RegExp(`<c r="${address}"[^>]*t="inlineStr"><is><t[^>]*>([^<]*)</t></is></c>`).exec(
    sheetXml,
  );
  if (!cell) throw new Error(`no inline string in ${address}`);
  return decodeOoxmlText(xmlContent(cell[1]));
}
