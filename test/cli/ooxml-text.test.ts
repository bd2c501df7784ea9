import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { join } from "path";
import { escapeOoxmlText } from "../../src/cli/ooxml-text";
import { SHEETS } from "../../src/core/template/template";
import { packagePart, runCli, scratchFolder, writeCsv } from "./harness";
import { bodyCell } from "./template-cells";
import { decodeOoxmlText, expectWellFormed, inlineCellText } from "./ooxml-reader";

const folder = scratchFolder();
const REGISTER_PART = `xl/worksheets/sheet${SHEETS.findIndex((s) => s.id === "register") + 1}.xml`;
const NAME = "a\uFFFFb";
const NOTES = "note\x01ctl\x0bvt\r\nend";

describe("characters a cell's XML cannot hold as they are", () => {
  it("writes them as Excel does, _xHHHH_ in uppercase hex", () => {
    expect(escapeOoxmlText(NAME)).toBe("a_xFFFF_b");
    expect(escapeOoxmlText(NOTES)).toBe("note_x0001_ctl_x000B_vt_x000D_\nend");
    expect(escapeOoxmlText("\x00\x08\x0c\x0e\x1f\x7f\ufffe")).toBe(
      "_x0000__x0008__x000C__x000E__x001F__x007F__xFFFE_",
    );
    // Tab and line feed are XML characters, kept as they are.
    expect(escapeOoxmlText("a\tb\nc")).toBe("a\tb\nc");
  });

  it("escapes an underscore that an escaped character after it would turn into _xHHHH_", () => {
    expect(escapeOoxmlText("_x0041\r")).toBe("_x005F_x0041_x000D_");
    expect(decodeOoxmlText(escapeOoxmlText("_x0041\r"))).toBe("_x0041\r");
  });

  it("reads back as written, whatever the text", () => {
    const unit = fc.constantFrom(
      "_",
      "x",
      "0",
      "4",
      "1",
      "F",
      "a",
      "\r",
      "\n",
      "\t",
      "\x01",
      "\x7f",
      "\uffff",
      "中",
      "😀",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        const escaped = escapeOoxmlText(text);
        // Matching the characters a file cannot carry is the point of this pattern.
        // eslint-disable-next-line no-control-regex
        expect(escaped).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]/);
        expect(decodeOoxmlText(escaped)).toBe(text);
      }),
    );
  });

  it("refuses half of a character pair rather than writing U+FFFD", () => {
    expect(() => escapeOoxmlText("x\ud800y")).toThrow(
      "the text holds half of a character pair (U+D800), which a file cannot store; retype that text",
    );
    expect(() => escapeOoxmlText("\udc01")).toThrow("(U+DC01)");
    expect(escapeOoxmlText("😀")).toBe("😀");
  });

  it("survives exceljs, which drops such characters from text it is given", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("S").getCell("A1").value = escapeOoxmlText(NOTES);
    const zip = await JSZip.loadAsync((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expectWellFormed(strings);
    expect(decodeOoxmlText(/<t[^>]*>([^<]*)<\/t>/.exec(strings)![1])).toBe(NOTES);
  });

  it("keeps them in the Register's cells, in well-formed XML", async () => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), [`BRANDS,"${NAME}",,,,2021-01-05,Recognized,,"${NOTES}",`]);
    const result = await runCli("--out", out, "--register", path);
    expect(result).toMatchObject({ code: 0, stderr: [] });
    const sheet = await packagePart(out, REGISTER_PART);
    expectWellFormed(sheet);
    expect(sheet).not.toContain("\r");
    expect(inlineCellText(sheet, bodyCell("register", "name"))).toBe(NAME);
    expect(inlineCellText(sheet, bodyCell("register", "notes"))).toBe(NOTES);
  });
});
