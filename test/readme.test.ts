/** The README documents every sheet and column of the template and every custom function. */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { SHEETS, TABLES } from "../src/core/template/template";
import * as functions from "../src/functions/functions";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");

describe("the README", () => {
  it("names every sheet in both languages and every table", () => {
    for (const sheet of SHEETS) {
      expect(README).toContain(sheet.name.en);
      expect(README).toContain(sheet.name.zh);
    }
    for (const table of TABLES) expect(README).toContain(`\`${table.name}\``);
  });

  it("lists every column of every table except the generated lists", () => {
    const missing = TABLES.flatMap((table) =>
      table.columns.map((column) => column.header.en).filter((header) => !README.includes(header)),
    );
    expect(missing).toEqual([]);
  });

  it("documents every custom function", () => {
    const missing = Object.keys(functions)
      .map((name) => name.toUpperCase())
      .filter((id) => !README.includes(`\`${id}(`));
    expect(missing).toEqual([]);
  });

  it("gives the two set-up commands", () => {
    expect(README).toContain("`npm ci && npm start`");
    expect(README).toContain("`npm ci && npm test`");
  });

  describe("its folder layout", () => {
    const ROOT = join(__dirname, "..");
    const block = /## Folder layout\s+```\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    const listed = [...block.matchAll(/^(\S+\/)\s/gm)].map((match) => match[1]);
    const subfolders = (dir: string) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);

    it("lists folders that exist", () => {
      expect(listed.length).toBeGreaterThan(8);
      expect(
        listed.filter(
          (folder) => !existsSync(join(ROOT, folder)) || !statSync(join(ROOT, folder)).isDirectory(),
        ),
      ).toEqual([]);
    });

    it("names every folder of src, tools and test", () => {
      const folders = [
        ...subfolders("src").map((name) => `src/${name}/`),
        ...subfolders("src/core").map((name) => `src/core/${name}/`),
        ...subfolders("tools").map((name) => `tools/${name}/`),
      ];
      expect(folders.filter((folder) => !listed.includes(folder))).toEqual([]);
      // test/ mirrors src/ and tools/; its other folders are named on its line.
      const testLine = block.slice(block.indexOf("test/"));
      const mirrors = (name: string) => name === "tools" || subfolders("src").includes(name);
      expect(subfolders("test").filter((name) => !mirrors(name) && !testLine.includes(`${name}/`))).toEqual(
        [],
      );
    });

    it("names files that exist where it says they are", () => {
      // Each folder's entry: the folder at the start of a line, its description on the lines below.
      const entries = block.split(/\n(?=\S)/).map((entry) => ({
        folder: entry.split(/\s/, 1)[0],
        files: [...entry.matchAll(/[\w./-]+\.(?:tsx?|json)\b/g)].map((match) => match[0]),
      }));
      const named = entries.flatMap(({ folder, files }) =>
        // A path with a slash is from the top of the repository; a bare name is in the entry's folder.
        files.map((file) => (file.includes("/") ? file : `${folder}${file}`)),
      );
      expect(named.length).toBeGreaterThan(5);
      expect(named.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
    });
  });
});
