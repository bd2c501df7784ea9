/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The Merge districts view over the Excel double: district workbooks written by the command line
 * (in-process), chosen as files, read in the browser, listed, and merged into the city's Register.
 * The environment resolves packages as Node does: the command line's libraries have no browser build
 * that runs under jest.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { tableSpec } from "../../src/core/template/template";
import type { FakeTable } from "../support/excel-double";
import { button, doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();

const SETTINGS_KEY = "shonline.settings.v1";

let folder = "";
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "merge-view-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** A district's workbook written by the command line from these register lines, as a File. */
async function district(name: string, lines: readonly string[], ...options: string[]): Promise<File> {
  const csv = join(folder, `${name}.csv`);
  writeFileSync(csv, lines.join("\r\n") + "\r\n");
  const out = join(folder, `${name}.xlsx`);
  // Loaded here, not imported: the command line needs TextDecoder, which preparePaneTests installs.
  const { runCli } = await import("../cli/harness");
  const result = await runCli("--register", csv, "--out", out, ...options);
  if (result.code !== 0) throw new Error(`the command line failed: ${result.stderr.join("\n")}`);
  return new File([readFileSync(out)], `${name}.xlsx`);
}

const XUHUI = [
  "Goal,Name,District,Date recognized,Status",
  "Brands,Acme Tea,Xuhui,2021-03-04,Recognized",
  "Brands,Shared Brand,Xuhui,2021-03-01,Recognized",
];
const HUANGPU = [
  "目标,名称,区,认定日期,状态",
  "品牌产品,Shared Brand,黄浦,,候选",
  "品牌产品,黄浦新品,黄浦,2021-06-30,已认定",
];

function filledRows(table: FakeTable): unknown[][] {
  return table.dataValues().filter((row) => row.some((cell) => cell !== "" && cell !== null));
}

async function openMerge(name = "Li Wei") {
  if (name) localStorage.setItem(SETTINGS_KEY, JSON.stringify({ language: "en", name }));
  const workbook = await trackingWorkbook({ language: "en" });
  const client = doubleClient(workbook);
  renderApp(client);
  await screen.findByTestId("overview");
  fireEvent.click(tab("Merge districts"));
  const view = await screen.findByTestId("merge-view");
  return { workbook, client, view };
}

function choose(files: File[]): void {
  fireEvent.change(screen.getByTestId("merge-files"), { target: { files } });
}

describe("merging district workbooks", () => {
  it("lists the files read (a bad one with why), merges the others and reports counts and a conflict", async () => {
    const xuhui = await district("xuhui", XUHUI, "--reporting-unit", "Xuhui");
    const huangpu = await district("huangpu", HUANGPU, "--lang", "zh-CN", "--reporting-unit", "黄浦");
    const notes = new File(["not a workbook"], "notes.xlsx");
    const { workbook, client, view } = await openMerge();
    const input = screen.getByTestId("merge-files") as HTMLInputElement;
    expect(input.accept).toContain(".xlsx");
    expect(input.multiple).toBe(true);

    choose([xuhui, notes, huangpu]);
    const list = await within(view).findByTestId("merge-file-list");
    const items = [...list.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual([
      "xuhui.xlsx Xuhui · 2 rows · English · template version 7",
      expect.stringMatching(/^notes\.xlsx: This file is not an Excel workbook \(\.xlsx\)/),
      "huangpu.xlsx Huangpu · 2 rows · Chinese · template version 7",
    ]);
    expect(filledRows(workbook.table(tableSpec("register").name)!)).toHaveLength(0);

    fireEvent.click(button(view, "Merge 2 workbooks"));
    await within(view).findByText("Merged: 3 added, 0 updated, 1 conflict.");
    expect(client.mergeWorkbooks).toHaveBeenCalledTimes(1);
    expect(client.mergeWorkbooks.mock.calls[0][0].map((s: { file: string }) => s.file)).toEqual([
      "xuhui.xlsx",
      "huangpu.xlsx",
    ]);
    expect(client.mergeWorkbooks.mock.calls[0][2]).toBe("Li Wei");

    const register = workbook.table(tableSpec("register").name)!;
    const names = filledRows(register).map((row) => row[register.headers().indexOf("Name")]);
    expect(names).toEqual(["Acme Tea", "Shared Brand", "黄浦新品"]);

    const conflicts = within(view).getByTestId("merge-conflicts");
    expect(conflicts.querySelectorAll("li")).toHaveLength(1);
    expect(conflicts.textContent).toContain(
      "Brands · Shared Brand: credited to Xuhui, also reported by Huangpu.",
    );
    expect(conflicts.textContent).toContain("Status: Recognized (credited), Candidate (other)");
    expect(conflicts.textContent).toContain("Date recognized: 1 March 2021 (credited), blank (other)");
    // The pane read the merged workbook again.
    await waitFor(() => expect(screen.getByTestId("merge-view")).toBeTruthy());
    expect(client.read.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it("merging the same workbook again adds and lists nothing", async () => {
    const xuhui = await district("xuhui-again", XUHUI, "--reporting-unit", "Xuhui");
    const { workbook, view } = await openMerge();
    choose([xuhui]);
    await within(view).findByTestId("merge-file-list");
    fireEvent.click(button(view, "Merge 1 workbook"));
    await within(view).findByText("Merged: 2 added, 0 updated, 0 conflicts.");
    choose([xuhui]);
    await within(view).findByTestId("merge-file-list");
    fireEvent.click(button(view, "Merge 1 workbook"));
    await within(view).findByText("Merged: 0 added, 0 updated, 0 conflicts.");
    expect(filledRows(workbook.table(tableSpec("register").name)!)).toHaveLength(2);
    expect(within(view).queryByTestId("merge-conflicts")).toBeNull();
  });

  it("without a name in Settings, says where to give it and merges nothing", async () => {
    const xuhui = await district("xuhui-noname", XUHUI, "--reporting-unit", "Xuhui");
    const { workbook, client, view } = await openMerge("");
    expect(view.textContent).toContain("Give your name in Settings first");
    choose([xuhui]);
    await within(view).findByTestId("merge-file-list");
    fireEvent.click(button(view, "Merge 1 workbook"));
    const alert = await within(view).findByRole("alert");
    expect(alert.textContent).toBe(
      "Give your name in Settings first: the change trail records who made each change.",
    );
    expect(client.mergeWorkbooks).not.toHaveBeenCalled();
    expect(filledRows(workbook.table(tableSpec("register").name)!)).toHaveLength(0);
  });
});
