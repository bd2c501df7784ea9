/** @jest-environment jsdom */
/**
 * The Edit entries view over the Excel double: finding an entry by name, changing it (one Changes
 * row per field changed, naming the person from Settings), the refusals (no name, a row changed
 * since it was read, a workbook without the change trail), and a refresh finding cell edits.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { tableSpec } from "../../src/core/template/template";
import { FakeContext, type FakeTable, type FakeWorkbook } from "../support/excel-double";
import { button, doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();

const SETTINGS_KEY = "shonline.settings.v1";

const WORDS = {
  en: {
    tab: "Edit entries",
    status: "Status",
    name: "Name",
    save: "Save changes",
    recognized: "Recognized",
    candidate: "Candidate",
    how: "Task pane",
    cells: "Typed in cells",
  },
  zh: {
    tab: "修改条目",
    status: "状态",
    name: "名称",
    save: "保存修改",
    recognized: "已认定",
    candidate: "候选",
    how: "任务窗格",
    cells: "单元格直接修改",
  },
} as const;

const ENTRIES: EntryInput[] = [
  { goal: "BRANDS", name: "Acme Tea", status: "Candidate", district: "Xuhui", date: "2021-03-04" },
  { goal: "BRANDS", name: "Acme Coffee", status: "Candidate" },
  { goal: "PLATFORMS", name: "Harbour Market", status: "Candidate" },
];

beforeEach(() => localStorage.clear());
afterEach(cleanup);

function giveName(name: string): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ language: "office", name }));
}

const register = (workbook: FakeWorkbook) => workbook.table(tableSpec("register").name)!;
const changes = (workbook: FakeWorkbook) => workbook.table(tableSpec("changes").name)!;

/** A table's rows that hold anything. */
function filledRows(table: FakeTable): unknown[][] {
  return table.dataValues().filter((row) => row.some((cell) => cell !== "" && cell !== null));
}

function cellOf(table: FakeTable, row: number, header: string): unknown {
  return table.dataValues()[row][table.headers().indexOf(header)];
}

/** The pane in `language` on a workbook in `language`, opened on the Edit entries tab. */
async function openEdit(language: Language) {
  const workbook = await trackingWorkbook({ language, entries: ENTRIES });
  const client = doubleClient(workbook);
  renderApp(client, { inExcel: true, language, dark: false });
  await screen.findByTestId("overview");
  // The first read takes the register as the change trail's baseline: nothing logged.
  await waitFor(() => expect(client.recordCellEdits).toHaveBeenCalledTimes(1));
  fireEvent.click(tab(WORDS[language].tab));
  const view = await screen.findByTestId("edit-view");
  return { workbook, client, view };
}

function search(query: string): void {
  fireEvent.change(screen.getByTestId("edit-search"), { target: { value: query } });
}

function choose(name: string): void {
  fireEvent.click(within(screen.getByTestId("edit-matches")).getByLabelText(new RegExp(`^${name} · `)));
}

describe("finding an entry", () => {
  it("lists the entries whose name contains what is typed, with goal, status, date and district", async () => {
    await openEdit("en");
    search("acme");
    expect(screen.getByTestId("edit-found").textContent).toBe("Entries found: 2.");
    const matches = screen.getByTestId("edit-matches");
    const labels = [...matches.querySelectorAll("label")].map((l) => l.textContent);
    expect(labels).toEqual([
      "Acme Tea · Brands · Candidate · 4 March 2021 · Xuhui",
      expect.stringMatching(/^Acme Coffee · Brands · Candidate · /),
    ]);
    search("harbour market");
    expect(screen.getByTestId("edit-found").textContent).toBe("Entries found: 1.");
    search("nothing like it");
    expect(screen.getByTestId("edit-found").textContent).toBe("No entry’s name contains “nothing like it”.");
    expect(screen.queryByTestId("edit-matches")).toBeNull();
  });
});

describe("saving an edit", () => {
  it.each<Language>(["en", "zh"])(
    "in %s, changes the status in the Register and writes one Changes row naming the person",
    async (language) => {
      const words = WORDS[language];
      giveName(language === "zh" ? "王芳" : "Li Wei");
      const { workbook, client, view } = await openEdit(language);
      search("Acme Tea");
      choose("Acme Tea");
      expect(cellOf(register(workbook), 0, words.status)).toBe(words.candidate);
      fireEvent.change(within(view).getByLabelText(words.status), { target: { value: "RECOGNIZED" } });
      fireEvent.click(button(view, words.save));
      await within(view).findByText(language === "zh" ? "已记录 1 处修改。" : "1 change recorded.");
      expect(client.editEntry).toHaveBeenCalledTimes(1);
      expect(client.editEntry.mock.calls[0][0]).toEqual({ row: 0, key: expect.any(String) });
      expect(cellOf(register(workbook), 0, words.status)).toBe(words.recognized);
      const logged = filledRows(changes(workbook));
      expect(logged).toHaveLength(1);
      const headers = changes(workbook).headers();
      const row = Object.fromEntries(headers.map((h, i) => [h, logged[0][i]]));
      expect(Object.values(row)).toEqual(
        expect.arrayContaining([
          language === "zh" ? "王芳" : "Li Wei",
          "Acme Tea",
          words.status,
          words.candidate,
          words.recognized,
          words.how,
        ]),
      );
      // The refresh after the save finds no edit in cells: the record was updated with the edit.
      await waitFor(() => expect(client.recordCellEdits).toHaveBeenCalledTimes(2));
      await client.recordCellEdits.mock.results[1].value;
      expect(filledRows(changes(workbook))).toHaveLength(1);
    },
  );

  it("records two changes when the status and the date change", async () => {
    giveName("Li Wei");
    const { workbook, view } = await openEdit("en");
    search("Acme Coffee");
    choose("Acme Coffee");
    fireEvent.change(within(view).getByLabelText("Status"), { target: { value: "WITHDRAWN" } });
    fireEvent.change(within(view).getByLabelText("Date recognized"), { target: { value: "2021-05-06" } });
    fireEvent.click(button(view, "Save changes"));
    await within(view).findByText("2 changes recorded.");
    expect(filledRows(changes(workbook))).toHaveLength(2);
    expect(cellOf(register(workbook), 1, "Status")).toBe("Withdrawn");
    // Withdrawing keeps the row: the register still has all three entries.
    expect(filledRows(register(workbook))).toHaveLength(3);
    expect(view.textContent).toContain("Entries are never deleted");
  });

  it("without a name in Settings, says where to give it and writes nothing", async () => {
    const { workbook, client, view } = await openEdit("en");
    expect(view.textContent).toContain("Give your name in Settings first");
    search("Acme Tea");
    choose("Acme Tea");
    fireEvent.change(within(view).getByLabelText("Status"), { target: { value: "RECOGNIZED" } });
    fireEvent.click(button(view, "Save changes"));
    await within(view).findByRole("alert");
    expect(within(view).getByRole("alert").textContent).toBe(
      "Give your name in Settings first: the change trail records who made each change.",
    );
    expect(client.editEntry).not.toHaveBeenCalled();
    expect(cellOf(register(workbook), 0, "Status")).toBe("Candidate");
    expect(filledRows(changes(workbook))).toHaveLength(0);
    fireEvent.click(button(view, "Go to Settings"));
    await screen.findByTestId("settings-view");
    expect(tab("Settings").getAttribute("aria-selected")).toBe("true");
  });

  it("refuses, in Chinese, a row that changed since the pane read it, and writes nothing", async () => {
    giveName("王芳");
    const { workbook, view } = await openEdit("zh");
    search("Acme Tea");
    choose("Acme Tea");
    // A colleague renames the entry in the sheet before the save (no change event reaches the pane yet).
    const table = register(workbook);
    table.sheet.writeCell(
      table.headerRow + 1,
      table.column + table.headers().indexOf("名称"),
      "Acme Tea House",
    );
    fireEvent.change(within(view).getByLabelText("状态"), { target: { value: "RECOGNIZED" } });
    fireEvent.click(button(view, "保存修改"));
    const alert = await within(view).findByRole("alert");
    expect(alert.textContent).toBe("登记表在读取后已有变动：请刷新后重新查找该条目。");
    expect(cellOf(register(workbook), 0, "状态")).toBe("候选");
    expect(filledRows(changes(workbook))).toHaveLength(0);
  });

  it("says, without a search box, that a workbook before template version 7 must be upgraded", async () => {
    const workbook = await trackingWorkbook({ language: "en", entries: ENTRIES });
    const about = workbook.table(tableSpec("about").name)!;
    const versionRow = about.dataValues().findIndex((row) => row[0] === "Template version");
    expect(versionRow).toBeGreaterThanOrEqual(0);
    about.sheet.writeCell(about.headerRow + 1 + versionRow, about.column + 1, 6);
    const client = doubleClient(workbook);
    renderApp(client);
    await screen.findByTestId("overview");
    fireEvent.click(tab("Edit entries"));
    const view = await screen.findByTestId("edit-view");
    expect(view.textContent).toBe(
      "This workbook is from before template version 7 and has no change trail: upgrade it on the Workbook tab first.",
    );
    expect(screen.queryByTestId("edit-search")).toBeNull();
    // Nor does a refresh look for edits in cells.
    expect(client.recordCellEdits).not.toHaveBeenCalled();
  });
});

describe("a refresh", () => {
  it("logs edits typed straight into the Register's cells, once, and says so", async () => {
    giveName("Li Wei");
    const { workbook, client } = await openEdit("en");
    // Typed into a cell through Excel: the change event makes the pane read again.
    const context = new FakeContext(workbook) as unknown as Excel.RequestContext;
    const table = context.workbook.tables.getItem(tableSpec("register").name);
    table.getDataBodyRange().getCell(2, register(workbook).headers().indexOf("Status")).values = [
      ["Recognized"],
    ];
    await context.sync();
    const note = await screen.findByText(
      "Found 1 edit typed straight into cells; recorded in “Changes”.",
      {},
      { timeout: 5000 },
    );
    expect(note).toBeTruthy();
    const logged = filledRows(changes(workbook));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual(
      expect.arrayContaining(["Li Wei", "Harbour Market", "Candidate", "Recognized", "Typed in cells"]),
    );
    expect(client.recordCellEdits).toHaveBeenCalledTimes(2);
    // Logging it wrote Changes and the record, not the Register: no further read follows.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(client.read).toHaveBeenCalledTimes(2);
    expect(filledRows(changes(workbook))).toHaveLength(1);
  });
});
