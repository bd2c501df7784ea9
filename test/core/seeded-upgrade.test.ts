/**
 * Upgrading the seeded texts of a workbook an earlier template made: a cell still holding what
 * that version wrote gets the current text, a cell a person changed keeps the person's text, and
 * About gains the rows it lacks at its end, so its as-of row (the AsOfDate cell) stays where it is.
 */
import type { Language } from "../../src/core/language";
import { citationNow, EARLIER_ABOUT_ROWS } from "../../src/core/template/earlier-seeds";
import type { Cell } from "../../src/core/template/structure";
import {
  ABOUT_AS_OF_ROW,
  headers,
  NAMES,
  sheetSpec,
  TABLES,
  tableSpec,
} from "../../src/core/template/template";
import {
  decideTemplateChanges,
  type ExistingTable,
  type TemplateChanges,
  type WorkbookState,
} from "../../src/core/template/template-changes";
import { ABOUT_V2, INDICATORS_SOURCES_V2, TARGETS_SOURCES_V2 } from "./version-2-seeds";

const AS_OF = 44561; // a fixed as-of date a person typed: 2021-12-31
const LANGUAGES: readonly Language[] = ["en", "zh"];

const sourceIndex = (id: "targets" | "indicators") =>
  tableSpec(id).columns.findIndex((c) => c.id === "source");

function withSources(id: "targets" | "indicators", language: Language, sources: readonly string[]): Cell[][] {
  return tableSpec(id).seedRows!(language).map((row, r) =>
    row.map((cell, c) => (c === sourceIndex(id) ? sources[r] : cell)),
  );
}

/** A workbook as the version-2 template left it, with `cells` for the tables given. */
function version2(language: Language, cells: Partial<Record<string, Cell[][]>> = {}): WorkbookState {
  const body: Record<string, Cell[][]> = {
    about: ABOUT_V2[language].map((row, r) => (r === ABOUT_AS_OF_ROW ? [row[0], AS_OF] : row)),
    targets: withSources("targets", language, TARGETS_SOURCES_V2),
    indicators: withSources("indicators", language, INDICATORS_SOURCES_V2),
    ...cells,
  };
  const tables = TABLES.map((spec): ExistingTable => {
    const rows = body[spec.id];
    return {
      name: spec.name,
      sheet: sheetSpec(spec.sheet).name[language],
      columns: headers(spec, language),
      rowCount: rows?.length ?? spec.seedRows?.(language).length ?? 1,
      keys: rows ? rows.map((row) => row[0]) : spec.seedRows?.(language).map((row) => row[0]),
      cells: rows,
      bodyRow: spec.anchor.row + 1,
      bodyColumn: spec.anchor.column,
    };
  });
  return {
    sheets: [...new Set(tables.map((t) => t.sheet))],
    tables,
    names: new Map([
      [NAMES.version, "=2"],
      [NAMES.language, `="${language}"`],
      [NAMES.asOf, "='About'!$B$2"],
    ]),
    chartNames: ["SHONLINE_Timeline"],
  };
}

/** The cells of table `id` once `changes` are carried out: rewrites in place, new rows at the end. */
function carriedOut(state: WorkbookState, changes: TemplateChanges, id: string): Cell[][] {
  const spec = tableSpec(id as "about");
  const cells = state.tables.find((t) => t.name === spec.name)!.cells!.map((row) => [...row]);
  for (const change of changes.seededCells.filter((c) => c.table === spec)) {
    expect(cells[change.row][change.column]).toBe(change.was);
    cells[change.row][change.column] = change.value;
  }
  const added = changes.newRows.find((r) => r.table === spec)?.rows ?? [];
  return [...cells, ...added.map((row) => [...row])];
}

/** The state after carrying out `changes` on the tables with cells. */
function after(state: WorkbookState, changes: TemplateChanges): WorkbookState {
  return {
    ...state,
    tables: state.tables.map((table) => {
      if (!table.cells) return table;
      const spec = TABLES.find((t) => t.name === table.name)!;
      const cells = carriedOut(state, changes, spec.id);
      return { ...table, cells, keys: cells.map((row) => row[0]), rowCount: cells.length };
    }),
  };
}

describe("the old forms the upgrade recognises", () => {
  it.each(LANGUAGES)(
    "name About rows the current template writes, by Items it no longer writes (%s)",
    (language) => {
      const items = tableSpec("about").seedRows!(language).map((row) => row[0]);
      for (const row of EARLIER_ABOUT_ROWS) {
        expect(items).toContain(row.item[language]);
        if (row.itemBefore?.[language] !== undefined && row.itemBefore[language] !== row.item[language])
          expect(items).not.toContain(row.itemBefore[language]);
      }
    },
  );

  it("read a seed-id citation as the same sources by number, and nothing else", () => {
    expect(citationNow("seed 000, 002", "en")).toBe("[1], [3]");
    expect(citationNow("seed 000, 002", "zh")).toBe("[1]、[3]");
    expect(citationNow("seed 004", "zh")).toBe("[5]");
    for (const other of ["seed 000, 002 (checked)", "seed 009", "Seed 000", "[1]", "", 0, null])
      expect(citationNow(other, "en")).toBeUndefined();
  });
});

describe.each(LANGUAGES)("a version-2 workbook (%s)", (language) => {
  it("gets the current citations in every Source cell it still holds as written", () => {
    const state = version2(language);
    const finished = after(state, decideTemplateChanges(state, language));
    for (const id of ["targets", "indicators"] as const) {
      const rows = finished.tables.find((t) => t.name === tableSpec(id).name)!.cells!;
      const current = tableSpec(id).seedRows!(language);
      expect(rows.map((row) => row[sourceIndex(id)])).toEqual(current.map((row) => row[sourceIndex(id)]));
    }
  });

  it("gets the current About: texts brought up to date in place, new rows at the end, its as-of date kept", () => {
    const state = version2(language);
    const changes = decideTemplateChanges(state, language);
    const about = carriedOut(state, changes, "about");
    const current = tableSpec("about").seedRows!(language);
    expect(about[ABOUT_AS_OF_ROW]).toEqual([current[ABOUT_AS_OF_ROW][0], AS_OF]);
    // Every current row is there once, as the template writes it (the as-of date is the person's).
    const rest = about.filter((_, r) => r !== ABOUT_AS_OF_ROW);
    expect([...rest].sort()).toEqual(current.filter((_, r) => r !== ABOUT_AS_OF_ROW).sort());
    // The version-2 rows kept their places; the rows version 2 lacked came after them.
    const v2Items = ABOUT_V2[language].length;
    const added = changes.newRows.find((r) => r.table.id === "about")!.rows;
    expect(added.map((row) => row[0])).toEqual(about.slice(v2Items).map((row) => row[0]));
    expect(added).toHaveLength(current.length - v2Items);
  });

  it("keeps the text of a Source cell and an About row a person changed, adding the current row beside it", () => {
    const edited =
      language === "zh" ? "《中国日报》报道，已核对原文" : "China Daily; checked against the paper";
    const sources = [...TARGETS_SOURCES_V2];
    sources[2] = "seed 000; see also the city's list";
    const aboutRows = ABOUT_V2[language].map((row) => [...row]);
    const source004 = aboutRows.findIndex((row) => String(row[0]).endsWith(" 004"));
    aboutRows[source004][1] = edited;
    const state = version2(language, {
      targets: withSources("targets", language, sources),
      about: aboutRows,
    });
    const changes = decideTemplateChanges(state, language);
    const touched = (table: string, row: number) =>
      changes.seededCells.filter((c) => c.table.id === table && c.row === row);
    expect(touched("targets", 2)).toEqual([]);
    expect(touched("targets", 1)).toHaveLength(1);
    expect(touched("about", source004)).toEqual([]);
    const about = carriedOut(state, changes, "about");
    expect(about[source004]).toEqual(aboutRows[source004]);
    const item5 = language === "zh" ? "来源 [5]" : "Source [5]";
    expect(about.filter((row) => row[0] === item5)).toHaveLength(1);
  });

  it("changes nothing more when applied again", () => {
    const state = version2(language);
    const upgraded = after(state, decideTemplateChanges(state, language));
    const again = decideTemplateChanges(upgraded, language);
    expect(again.seededCells).toEqual([]);
    expect(again.newRows).toEqual([]);
  });

  it("renames an old About row only while no row has the current Item, and never adds the as-of row back", () => {
    const rows = ABOUT_V2[language].slice(1); // a person deleted the as-of row
    const current = tableSpec("about").seedRows!(language);
    const source1 = current.find((row) => /^(Source|来源) \[1\]$/.test(String(row[0])))!;
    const state = version2(language, { about: [...rows, source1] });
    const changes = decideTemplateChanges(state, language);
    const old000 = rows.findIndex((row) => String(row[0]).endsWith(" 000"));
    expect(changes.seededCells.filter((c) => c.table.id === "about" && c.row === old000)).toEqual([]);
    const added = changes.newRows.find((r) => r.table.id === "about")!.rows.map((row) => row[0]);
    expect(added).not.toContain(current[ABOUT_AS_OF_ROW][0]);
    expect(added).not.toContain(source1[0]);
  });

  it("leaves Targets' other seeded cells and the goal rows alone", () => {
    const state = version2(language);
    const changes = decideTemplateChanges(state, language);
    const columns = new Set(
      changes.seededCells
        .filter((c) => c.table.id === "targets")
        .map((c) => headers(tableSpec("targets"), language)[c.column]),
    );
    expect([...columns]).toEqual([tableSpec("targets").columns[sourceIndex("targets")].header[language]]);
    expect(changes.newRows.find((r) => r.table.id === "targets")).toBeUndefined();
  });
});
