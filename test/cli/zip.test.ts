import { existsSync, readdirSync, readFileSync, unlinkSync } from "fs";
import { join } from "path";
import { readZip, writeZip } from "../../src/cli/zip";
import * as entries from "../../src/core/entries";
import { HEADER, runCli, scratchFolder, writeCsv } from "./harness";

const folder = scratchFolder();

afterEach(() => jest.restoreAllMocks());

function* throwingMidway(): Generator<string> {
  yield "<a>";
  yield "x".repeat(100_000);
  throw new Error("the rows ran out");
}

describe("writing a zip archive", () => {
  it("writes the parts in order, bytes and generated text", async () => {
    const path = join(folder(), "a.zip");
    await writeZip(path, [
      { name: "one.txt", data: Buffer.from("first") },
      { name: "two.xml", chunks: ["<a>", "b", "</a>"] },
    ]);
    const parts = await readZip(readFileSync(path));
    expect([...parts].map(([name, data]) => [name, data.toString("utf8")])).toEqual([
      ["one.txt", "first"],
      ["two.xml", "<a>b</a>"],
    ]);
  });

  it("rejects when a part's generator throws, and the file can be removed", async () => {
    const path = join(folder(), "a.zip");
    const parts = [
      { name: "one.txt", data: Buffer.from("first") },
      { name: "two.xml", chunks: throwingMidway() },
    ];
    await expect(writeZip(path, parts)).rejects.toThrow("the rows ran out");
    unlinkSync(path);
    expect(readdirSync(folder())).toEqual([]);
  });

  it("rejects when the archive refuses a part", async () => {
    const path = join(folder(), "a.zip");
    await expect(writeZip(path, [{ name: "", data: Buffer.from("x") }])).rejects.toThrow(/entry name/i);
  });

  it("rejects when listing the parts throws", async () => {
    const path = join(folder(), "a.zip");
    function* parts() {
      yield { name: "one.txt", data: Buffer.from("first") };
      throw new Error("no second part");
    }
    await expect(writeZip(path, parts())).rejects.toThrow("no second part");
  });
});

describe("command line: a failure while generating the Register's rows", () => {
  /** Makes the core's Register row fail for the `failAt`-th entry written. */
  function failRowsFrom(failAt: number) {
    const entryRow = entries.entryRow;
    let calls = 0;
    jest.spyOn(entries, "entryRow").mockImplementation((...args) => {
      if (++calls >= failAt) throw new Error("row generator failed");
      return entryRow(...args);
    });
  }

  const lines = Array.from({ length: 1200 }, (_, i) => `BRANDS,Brand ${i},,,,2021-01-05,Recognized,,,`);

  it.each([
    ["en", "error: cannot write OUT: an error while writing (row generator failed)"],
    ["zh-CN", "错误：无法写入 OUT：写入时出错（row generator failed）"],
  ])("exits 1 with one line (%s) and leaves no file behind", async (language, said) => {
    const out = join(folder(), "out.xlsx");
    const path = writeCsv(folder(), lines);
    expect(readFileSync(path, "utf8").startsWith(HEADER)).toBe(true);
    failRowsFrom(700);
    const result = await runCli("--out", out, "--register", path, "--lang", language);
    expect(result).toEqual({ code: 1, stdout: [], stderr: [said.replace("OUT", out)] });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder())).toEqual(["entries.csv"]);
  });
});
