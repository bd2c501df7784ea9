/** The README documents every sheet and column of the template and every custom function. */
import { readFileSync } from "fs";
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
});
