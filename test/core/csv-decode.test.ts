import { readFileSync } from "fs";
import { join } from "path";
import { parseCsv } from "../../src/core/csv";
import { decodeCsvBytes } from "../../src/core/csv-decode";
import { previewRegisterFile, startsWithRegisterHeader } from "../../src/core/register-csv";

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "../fixtures/csv", name)));
const NAMES = ["上海老字号数字商店", "徐汇滨江智慧导览", "长宁区某科技公司"];

describe("reading CSV files as Excel writes them", () => {
  it.each([
    ["register-gb18030.csv", "GB18030", "CSV (逗号分隔) from Excel on Chinese Windows"],
    ["register-utf16le.txt", "UTF-16LE", "Unicode text, tab-separated"],
    ["register-utf16be.txt", "UTF-16BE", "UTF-16 big-endian with its mark"],
  ])("reads %s as %s (%s), every name exact", (file, encoding) => {
    const preview = previewRegisterFile(fixture(file), new Set());
    expect(preview.fileErrors).toEqual([]);
    expect(preview.encoding).toBe(encoding);
    expect(preview.rows.map((row) => row.input.name)).toEqual(NAMES);
    expect(preview.accepted.map((entry) => entry.name)).toEqual(NAMES);
  });

  it("reads UTF-8 with and without a byte-order mark", () => {
    const text = "目标,名称,状态\r\n品牌产品,甲,候选\r\n";
    const plain = new TextEncoder().encode(text);
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, marked]) {
      const preview = previewRegisterFile(bytes, new Set());
      expect(preview).toMatchObject({ encoding: "UTF-8", fileErrors: [] });
      expect(preview.accepted.map((e) => e.name)).toEqual(["甲"]);
    }
  });

  it("follows Excel's sep= first line, and keeps line numbers the file's", () => {
    const table = parseCsv(new TextDecoder().decode(fixture("register-sep.csv")));
    expect(table.delimiter).toBe(";");
    expect(table.records.map((r) => r.line)).toEqual([2, 3]);
    expect(table.records[1].fields).toEqual(["BRANDS", "Acme, Ltd", "Recognized", "a;b"]);
  });

  it("refuses bytes GB18030 decodes into a header that is not ours, naming what was tried", () => {
    const preview = previewRegisterFile(fixture("not-register-latin1.csv"), new Set());
    expect(preview.accepted).toEqual([]);
    expect(preview.fileErrors[0].en).toMatch(/tried UTF-8, UTF-16, GB18030.*CSV UTF-8/);
    expect(preview.fileErrors[0].zh).toMatch(/CSV UTF-8（逗号分隔）/);
  });

  it("refuses damaged UTF-8 rather than reading its Chinese as GB18030", () => {
    const bytes = new TextEncoder().encode("Goal,Name,Status\r\nBRANDS,上海老字号数字商店,Candidate\r\n");
    const damaged = new Uint8Array(bytes);
    damaged[damaged.length - 15] = 0xff;
    const decoded = decodeCsvBytes(damaged, startsWithRegisterHeader);
    expect(decoded.ok).toBe(false);
  });

  it("never returns replacement characters, even when a file holds one", () => {
    const bytes = new TextEncoder().encode("Goal,Name,Status\r\nBRANDS,a\ufffdb,Candidate\r\n");
    expect(decodeCsvBytes(bytes, startsWithRegisterHeader).ok).toBe(false);
  });

  it("refuses a byte-order mark followed by bytes that are not that encoding", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x47, 0xc3, 0x28]);
    const decoded = decodeCsvBytes(bytes, () => true);
    expect(decoded).toMatchObject({ ok: false });
  });
});
