/**
 * Upgrading the seeded texts of a workbook an earlier template made: a cell still holding what
 * that version wrote gets the current text, a cell a person changed keeps the person's text, and
 * About gains the rows it lacks at its end, so its as-of row (the AsOfDate cell) stays where it is,
 * and loses the rows the template retired while they hold what an earlier version wrote. Columns
 * a table lacks come where the template puts them; the name Freeze left goes.
 */
import type { Language } from "../../src/core/language";
import { citationNow, EARLIER_ABOUT_ROWS } from "../../src/core/template/earlier-seeds";
import type { Cell } from "../../src/core/template/structure";
import {
  ABOUT_AS_OF_ROW,
  headers,
  NAMES,
  SHEETS,
  sheetSpec,
  TABLES,
  tableSpec,
} from "../../src/core/template/template";
import { planWrites } from "../../src/core/template/write-plan";
import {
  decideTemplateChanges,
  type ExistingTable,
  type TemplateChanges,
  type WorkbookState,
} from "../../src/core/template/template-changes";
import {
  ABOUT_V2,
  FROZEN_NAME_V2,
  HEADERS_V2,
  INDICATORS_SOURCES_V2,
  RETIRED_ABOUT_ROW_V2,
  TARGETS_SOURCES_V2,
} from "./version-2-seeds";

const AS_OF = 44561; // a fixed as-of date a person typed: 2021-12-31

/** Where version 2's About had the row version 3 retired. */
const retiredIndex = (language: Language) =>
  ABOUT_V2[language].findIndex((row) => row[0] === RETIRED_ABOUT_ROW_V2[language][0]);
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
    const columns =
      spec.id in HEADERS_V2 ? HEADERS_V2[spec.id as "targets"][language] : headers(spec, language);
    // Cells by the current headers, cut to version 2's columns.
    const kept = headers(spec, language).map((header) => columns.includes(header));
    const rows = body[spec.id]?.map((row) =>
      row.length === kept.length ? row.filter((_, c) => kept[c]) : row,
    );
    return {
      name: spec.name,
      sheet: sheetSpec(spec.sheet).name[language],
      columns,
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

/**
 * The cells of table `id` once `changes` are carried out: rewrites in place, new rows at the end,
 * then the retired rows deleted by the positions they had (bottom-up).
 */
function carriedOut(state: WorkbookState, changes: TemplateChanges, id: string): Cell[][] {
  const spec = tableSpec(id as "about");
  const cells = state.tables.find((t) => t.name === spec.name)!.cells!.map((row) => [...row]);
  for (const change of changes.seededCells.filter((c) => c.table === spec)) {
    expect(cells[change.row][change.column]).toBe(change.was);
    cells[change.row][change.column] = change.value;
  }
  const added = changes.newRows.find((r) => r.table === spec)?.rows ?? [];
  const all = [...cells, ...added.map((row) => [...row])];
  for (const row of changes.retiredRows.find((r) => r.table === spec)?.rows ?? []) all.splice(row, 1);
  return all;
}

/** The state after carrying out `changes`: new columns in place, the tables with cells changed. */
function after(state: WorkbookState, changes: TemplateChanges): WorkbookState {
  return {
    ...state,
    tables: state.tables.map((table) => {
      const spec = TABLES.find((t) => t.name === table.name)!;
      const columns = changes.newColumns.find((c) => c.table === spec)?.headersAfter ?? table.columns;
      if (!table.cells) return { ...table, columns };
      const cells = carriedOut(state, changes, spec.id);
      // A new column's cells are blank until its formulas are written.
      const widened = cells.map((row) => columns.map((header) => row[table.columns.indexOf(header)] ?? null));
      return { ...table, columns, cells: widened, keys: cells.map((row) => row[0]), rowCount: cells.length };
    }),
    names: new Map([...state.names].filter(([name]) => !changes.retiredNames.includes(name))),
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
    // The version-2 rows kept their order, less the retired one; the rows version 2 lacked came after them.
    expect(changes.retiredRows).toEqual([{ table: tableSpec("about"), rows: [retiredIndex(language)] }]);
    const v2Items = ABOUT_V2[language].length - 1;
    const added = changes.newRows.find((r) => r.table.id === "about")!.rows;
    expect(added.map((row) => row[0])).toEqual(about.slice(v2Items).map((row) => row[0]));
    expect(added).toHaveLength(current.length - v2Items);
  });

  it("deletes the retired About row only while it holds what an earlier version wrote, and only below the as-of row", () => {
    const [item] = RETIRED_ABOUT_ROW_V2[language];
    const edited = ABOUT_V2[language].map((row) =>
      row[0] === item ? [item, language === "zh" ? "预计列已核对" : "Checked by hand"] : row,
    );
    expect(decideTemplateChanges(version2(language, { about: edited }), language).retiredRows).toEqual([]);
    // A person moved it to the top, where the as-of row was: kept, so the AsOfDate row stays.
    const retired = ABOUT_V2[language][retiredIndex(language)];
    const top = [retired, ...ABOUT_V2[language].filter((row, r) => r > 0 && row !== retired)];
    expect(decideTemplateChanges(version2(language, { about: top }), language).retiredRows).toEqual([]);
    // Two copies, bottom-up.
    const twice = [...ABOUT_V2[language], RETIRED_ABOUT_ROW_V2[language]];
    expect(decideTemplateChanges(version2(language, { about: twice }), language).retiredRows[0].rows).toEqual(
      [twice.length - 1, retiredIndex(language)],
    );
  });

  it("adds Mark right after Status on Targets and Dashboard, a person's own columns keeping their places", () => {
    const state = version2(language);
    const changes = decideTemplateChanges(state, language);
    for (const id of ["targets", "dashboard"] as const) {
      const added = changes.newColumns.find((c) => c.table.id === id)!;
      const status = HEADERS_V2[id][language].indexOf(
        tableSpec(id).columns.find((c) => c.id === "status")!.header[language],
      );
      // Targets gains the by-deadline figures too (version 5), each after its neighbour.
      const lacking = tableSpec(id)
        .columns.filter((c) => !HEADERS_V2[id][language].includes(c.header[language]))
        .map((c) => c.id);
      expect(lacking).toEqual(
        id === "targets" ? ["actualByDeadline", "dateMet", "statusMark"] : ["statusMark"],
      );
      expect(added.columns.map((c) => c.id)).toEqual(lacking);
      expect(added.at[added.at.length - 1]).toBe(status + lacking.length);
      expect(added.headersAfter).toEqual(headers(tableSpec(id), language));
    }
    // A person's column after Status stays after it (Mark comes between), one at the end stays there.
    const note = language === "zh" ? "备注" : "Note";
    const columns = [...HEADERS_V2.targets[language]];
    const status = columns.indexOf(language === "zh" ? "状态" : "Status");
    columns.splice(status + 1, 0, note);
    columns.push("Mine");
    const theirs = {
      ...state,
      tables: state.tables.map((t) => (t.name === "tblTargets" ? { ...t, columns, cells: undefined } : t)),
    };
    const added = decideTemplateChanges(theirs, language).newColumns.find((c) => c.table.id === "targets")!;
    const expected = [...columns];
    expected.splice(status + 1, 0, language === "zh" ? "标记" : "Mark");
    const actual = expected.indexOf(language === "zh" ? "实际" : "Actual");
    expected.splice(
      actual + 1,
      0,
      ...(language === "zh" ? ["按期完成数", "达成日期"] : ["By deadline", "Date met"]),
    );
    expect(added.headersAfter).toEqual(expected);
  });

  it("places several missing columns in the template's order, a missing first column first", () => {
    const state = version2(language);
    const spec = tableSpec("targets");
    const current = headers(spec, language);
    const without = (...ids: string[]) => current.filter((_, c) => !ids.includes(spec.columns[c].id));
    for (const lacking of [["status", "statusMark"], ["id"], ["daysLeft", "forecastDate"]]) {
      const columns = without(...lacking);
      const theirs = {
        ...state,
        tables: state.tables.map((t) => (t.name === spec.name ? { ...t, columns, cells: undefined } : t)),
      };
      const added = decideTemplateChanges(theirs, language).newColumns.find((c) => c.table === spec)!;
      expect(added.headersAfter).toEqual(current);
      // Each index is where the column lands, counting those added before it.
      const replayed = [...columns];
      added.columns.forEach((column, k) => replayed.splice(added.at[k], 0, column.header[language]));
      expect(replayed).toEqual(current);
    }
  });

  it("deletes the name Freeze left, as the workbook spells it, and no name of ours", () => {
    const state = version2(language);
    const names = new Map([...state.names, [FROZEN_NAME_V2.name.toLowerCase(), FROZEN_NAME_V2.formula]]);
    const changes = decideTemplateChanges({ ...state, names }, language);
    expect(changes.retiredNames).toEqual([FROZEN_NAME_V2.name.toLowerCase()]);
    expect(decideTemplateChanges(state, language).retiredNames).toEqual([]);
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
    expect(about.find((row) => row[0] === aboutRows[source004][0])).toEqual(aboutRows[source004]);
    const item5 = language === "zh" ? "来源 [5]" : "Source [5]";
    expect(about.filter((row) => row[0] === item5)).toHaveLength(1);
  });

  it("changes nothing more when applied again", () => {
    const state = version2(language);
    const upgraded = after(state, decideTemplateChanges(state, language));
    const again = decideTemplateChanges(upgraded, language);
    expect(again.seededCells).toEqual([]);
    expect(again.newRows).toEqual([]);
    expect(again.retiredRows).toEqual([]);
    expect(again.newColumns).toEqual([]);
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

describe.each(LANGUAGES)("the title row of a workbook from before it (%s)", (language) => {
  /** Version 2 as it was laid out: every table a row higher, the first ones on the sheet's first row. */
  const unTitled = (state: WorkbookState): WorkbookState => ({
    ...state,
    tables: state.tables.map((t) => ({
      ...t,
      // Tables on hidden sheets (Lists, Recorded) have no title row.
      bodyRow:
        t.bodyRow! -
        (SHEETS.some((s) => s.hidden && s.tables.some((id) => tableSpec(id).name === t.name)) ? 0 : 1),
    })),
  });
  const printedSheets = (state: WorkbookState) =>
    SHEETS.filter(
      (s) => !s.hidden && state.tables.some((t) => s.tables.some((id) => tableSpec(id).name === t.name)),
    ).map((s) => s.name[language]);

  it("goes above the tables of every printed sheet of ours, and every later position is below it", () => {
    const state = unTitled(version2(language));
    const names = new Map(state.names);
    names.delete(NAMES.asOf);
    const changes = decideTemplateChanges({ ...state, names }, language);
    expect(changes.titleRows.map((p) => p.name).sort()).toEqual(printedSheets(state).sort());
    for (const table of changes.placed.tables) {
      const spec = TABLES.find((t) => t.name === table.name)!;
      expect([table.name, table.bodyRow]).toEqual([table.name, spec.anchor.row + 1]);
    }
    const asOf = changes.names.find((n) => n.name === NAMES.asOf);
    expect(asOf).toMatchObject({ row: tableSpec("about").anchor.row + 1 + ABOUT_AS_OF_ROW });
    for (const placement of changes.titleRows) {
      expect(changes.pages.find((p) => p.placement === placement)?.setup.titleRows).toEqual({
        first: 1,
        last: 2,
      });
      expect(planWrites(changes).filter((s) => s.kind === "title" && s.placement === placement)).toHaveLength(
        1,
      );
    }
  });

  it("is not inserted again, nor above a sheet's tables that have it", () => {
    const state = version2(language);
    const changes = decideTemplateChanges(state, language);
    expect(changes.titleRows).toEqual([]);
    expect(changes.placed).toEqual(state);
    const titled = planWrites(changes).filter((s) => s.kind === "title" && !s.placement.create);
    expect(titled).toEqual([]);
  });
});
