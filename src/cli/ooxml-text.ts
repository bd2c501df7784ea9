/** Text as an .xlsx file stores it, so that Excel shows what was written. */

/**
 * Characters a cell's text cannot carry as they are: those XML 1.0 cannot hold, the carriage
 * return (XML readers turn it into a line feed) and DEL (which exceljs drops when it writes).
 */
const UNWRITABLE = "\\x00-\\x08\\x0B-\\x1F\\x7F\\uFFFE\\uFFFF";
/** Half of a UTF-16 pair without its other half: UTF-8 would turn it into U+FFFD. */
const LONE_SURROGATE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";
/**
 * What escapeOoxmlText rewrites: an underscore that starts `_xHHHH_` once written (the underscore
 * of an unwritable character's escape would complete it), an unwritable character, a lone surrogate.
 */
const TO_ESCAPE = new RegExp(
  `_(?=x[0-9A-Fa-f]{4}(?:_|[${UNWRITABLE}]))|[${UNWRITABLE}]|${LONE_SURROGATE}`,
  "g",
);

/** Whether text may need escaping at all: most cells do not, and are returned as they are. */
const MAY_ESCAPE = new RegExp(`[_${UNWRITABLE}\\uD800-\\uDFFF]`);

const escapeOf = (code: number) => `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Excel reads `_xHHHH_` in a cell's text as the character U+HHHH (ECMA-376 ST_Xstring), so
 * "_x0041_" would show as "A". The underscore that starts such a sequence is stored as `_x005F_`
 * (an underscore), and the characters a file cannot carry as they are as `_xHHHH_`, as Excel
 * writes them; the text reads back as written, and other underscores stay as they are.
 */
export function escapeOoxmlText(text: string): string {
  if (!MAY_ESCAPE.test(text)) return text;
  return text.replace(TO_ESCAPE, (match) => {
    const code = match.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff)
      throw new Error(
        `the text holds half of a character pair (U+${code.toString(16).toUpperCase()}), which a file cannot store; retype that text`,
      );
    return escapeOf(code);
  });
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text for XML content, with the entities exceljs writes; `text` comes from escapeOoxmlText. */
export function xmlEncode(text: string): string {
  return text.replace(/[<>&"']/g, (char) => XML_ENTITIES[char]);
}
