/** @jest-environment jsdom */
/** The task pane, rendered with React in jsdom, against the Excel test double. */
import { readFileSync } from "fs";
import { join } from "path";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { EntryInput } from "../../src/core/entries";
import { SHEETS } from "../../src/core/template/template";
import { addEntries } from "../../src/excel/register";
import type { StartupApi } from "../../src/excel/sharing";
import { setAsOf } from "../../src/excel/tables";
import { statusRuleFrom } from "../../src/core/tracking";
import { DICTIONARIES, translator } from "../../src/taskpane/i18n";
import { FakeContext } from "../support/excel-double";
import {
  blankWorkbook,
  button,
  doubleClient,
  ENTERED_AT,
  entry,
  paneTitle,
  preparePaneTests,
  renderApp,
  tab,
  trackingWorkbook,
} from "./render";

preparePaneTests();

const AS_OF = isoToSerial("2021-06-30");
const SETTINGS_KEY = "shonline.settings.v1";
/** What a stack trace or a raw error name looks like on screen. */
const STACK = /Error:|\bat .*\(.*:\d+:\d+\)/;

/** A form control by its field label (a required field's label ends with an asterisk). */
function field(container: HTMLElement, label: string): HTMLInputElement {
  return within(container).getByLabelText(new RegExp(`^${label}\\s*\\*?$`)) as HTMLInputElement;
}

function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute("disabled") || element.getAttribute("aria-disabled") === "true";
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

describe("where the pane runs", () => {
  it("outside Excel, says to open it in Excel and reads nothing", () => {
    const client = doubleClient(blankWorkbook());
    renderApp(client, { inExcel: false, language: "en", dark: false });
    expect(screen.getByRole("heading", { level: 1, name: "Open this in Excel" })).toBeTruthy();
    expect(screen.getByTestId("outside-excel").textContent).toContain("Home > Add-ins");
    expect(client.read).not.toHaveBeenCalled();
    expect(client.missingRequirements).not.toHaveBeenCalled();
  });

  it("outside Excel, in Chinese when the language is Chinese", () => {
    renderApp(doubleClient(blankWorkbook()), { inExcel: false, language: "zh", dark: false });
    expect(screen.getByRole("heading", { level: 1, name: "请在 Excel 中打开" })).toBeTruthy();
    expect(screen.queryByText("Open this in Excel")).toBeNull();
  });
});

describe("an Excel without the needed requirement sets", () => {
  it("warns, naming ExcelApi 1.8 and what it is for, and reads nothing", () => {
    const client = doubleClient(blankWorkbook(), false);
    renderApp(client);
    const warning = screen.getByRole("status");
    expect(warning.textContent).toContain("This version of Excel is too old for the tracker");
    expect(warning.textContent).toContain("It lacks ExcelApi 1.8, needed for tables with drop-down lists");
    expect(client.read).not.toHaveBeenCalled();
  });
});

describe("a workbook without the template", () => {
  it("opens on the Workbook view, offering to create it and listing the sheets it will create", async () => {
    const client = doubleClient(blankWorkbook());
    renderApp(client);
    const view = await screen.findByTestId("workbook-view");
    expect(button(view, "Create the tracking workbook")).toBeTruthy();
    expect(screen.getByText("No tracking workbook here yet")).toBeTruthy();
    // Every sheet of the template, by its English name (About, Dashboard, Targets, Register...).
    const sheets = SHEETS.map((sheet) => sheet.name.en);
    expect(sheets.slice(0, 4)).toEqual(["About", "Dashboard", "Targets", "Register"]);
    expect(within(view).getByText(`Will create sheets: ${sheets.join(", ")}.`)).toBeTruthy();
    expect(screen.getByTestId("version-found").textContent).toBe(
      "This workbook does not have the tracking template yet.",
    );
    expect(tab("Workbook").getAttribute("aria-selected")).toBe("true");
    expect(isDisabled(tab("Overview"))).toBe(true);
    expect(isDisabled(tab("Register"))).toBe(true);
    expect(isDisabled(tab("Settings"))).toBe(false);
  });

  it("creates the workbook when asked, says so, and opens the other views", async () => {
    const workbook = blankWorkbook();
    const client = doubleClient(workbook);
    renderApp(client);
    const view = await screen.findByTestId("workbook-view");
    expect(workbook.table("tblTargets")).toBeUndefined();
    fireEvent.click(button(view, "Create the tracking workbook"));
    expect(
      await within(view).findByText(/^The tracking workbook is ready \(template version \d+\)\.$/),
    ).toBeTruthy();
    expect(workbook.table("tblTargets")).toBeDefined();
    expect(workbook.table("tblRegister")).toBeDefined();
    expect(client.apply).toHaveBeenCalledTimes(1);
    expect(client.apply).toHaveBeenCalledWith("en");
    // Now a tracking workbook: the notice is gone, the view offers repairs and the tabs open.
    await waitFor(() => expect(screen.queryByText("No tracking workbook here yet")).toBeNull());
    await waitFor(() => expect(button(view, "Repair or upgrade")).toBeTruthy());
    expect(isDisabled(tab("Overview"))).toBe(false);
    fireEvent.click(tab("Overview"));
    expect(await screen.findByTestId("overview")).toBeTruthy();
  });
});

const BRANDS_AND_PLATFORMS = [
  { goal: "BRANDS", name: "Brand one", date: "2021-01-10" },
  { goal: "BRANDS", name: "Brand two", date: "2021-02-10" },
  ...Array.from({ length: 20 }, (_, i) => ({
    goal: "PLATFORMS",
    name: `Platform ${i + 1}`,
    date: "2021-03-01",
  })),
];

/** The pane on a tracking workbook holding `entries` as of AS_OF, switched to one of its views. */
async function openView(tabName: string, testId: string, entries: EntryInput[] = BRANDS_AND_PLATFORMS) {
  const workbook = await trackingWorkbook({ entries, asOf: AS_OF });
  const client = doubleClient(workbook);
  renderApp(client);
  await screen.findByTestId("overview");
  fireEvent.click(tab(tabName));
  const view = await screen.findByTestId(testId);
  return { workbook, client, view };
}

describe("the Overview", () => {
  it("shows one card per goal, with actual against target and a status badge", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    renderApp(doubleClient(workbook));
    const overview = await screen.findByTestId("overview");
    expect(within(overview).getByText("As of 30 June 2021")).toBeTruthy();
    const cards = within(overview).getAllByTestId(/^card-/);
    expect(cards.map((card) => card.getAttribute("data-testid"))).toEqual([
      "card-ENTERPRISES",
      "card-SCENARIOS",
      "card-BRANDS",
      "card-BREAKTHROUGHS",
      "card-UNMANNED",
      "card-PLATFORMS",
    ]);
    expect(screen.getByTestId("actual-BRANDS").textContent).toBe("2 of more than 100 (2%)");
    expect(screen.getByTestId("status-BRANDS").textContent).toBe("Behind");
    expect(screen.getByTestId("actual-PLATFORMS").textContent).toBe("20 of at least 20 (100%)");
    expect(screen.getByTestId("status-PLATFORMS").textContent).toBe("Achieved");
    expect(screen.getByTestId("actual-ENTERPRISES").textContent).toBe("0 of more than 100 (0%)");
    // How likely, before the deadline: a percentage for a goal with dated entries, none without.
    expect(screen.getByTestId("card-BRANDS").textContent).toMatch(/Likelihood by the deadline\d+(\.\d)?%/);
    expect(screen.getByTestId("card-ENTERPRISES").textContent).toContain(
      "Likelihood by the deadline– (under a month of dated entries)",
    );
    expect(within(cards[2]).getByRole("heading", { level: 3, name: "Brands" })).toBeTruthy();
    expect(within(cards[2]).getByRole("progressbar", { name: "Progress toward Brands" })).toBeTruthy();
    const groups = [...overview.querySelectorAll("section > h2")].map((h) => h.textContent);
    expect(groups).toEqual([
      'The "Four 100+"',
      "Unmanned factories",
      "Industrial internet platforms",
      "Recognized entries by sector",
      "Recognized entries by district",
    ]);
  });
});

describe("the Overview after the deadline", () => {
  it("says the period has ended, shows what the deadline counted, and tells met late from met by it", async () => {
    const entries: EntryInput[] = [
      ...Array.from({ length: 20 }, (_, i) => ({
        goal: "PLATFORMS",
        name: `Platform ${i + 1}`,
        date: "2022-06-30",
      })),
      ...Array.from({ length: 100 }, (_, i) => ({
        goal: "UNMANNED",
        name: `Factory ${i + 1}`,
        date: i < 90 ? "2022-06-30" : "2023-05-04",
      })),
    ];
    const workbook = await trackingWorkbook({ entries, asOf: isoToSerial("2024-01-31") });
    renderApp(doubleClient(workbook));
    await screen.findByTestId("overview");
    expect(screen.getByTestId("status-PLATFORMS").textContent).toBe("Achieved");
    expect(screen.getByTestId("status-UNMANNED").textContent).toBe("Met late");
    expect(screen.getByTestId("status-BRANDS").textContent).toBe("Missed");
    const unmanned = screen.getByTestId("card-UNMANNED").textContent ?? "";
    expect(unmanned).toContain("By deadline90");
    expect(unmanned).toContain("Date met4 May 2023");
    expect(unmanned).toContain("Days leftEnded");
    expect(unmanned).not.toContain("Likelihood");
    expect(unmanned).not.toMatch(/-\d/);
    expect(screen.getByTestId("card-BRANDS").textContent).toContain("Date metNot met");
  });
});

describe("the Register view", () => {
  const openRegister = () => openView("Register", "register-view");

  /** Types the three required fields of the entry form. */
  function fillEntry(view: HTMLElement, entry: { goal: string; name: string; status: string }) {
    fireEvent.change(field(view, "Goal"), { target: { value: entry.goal } });
    fireEvent.change(field(view, "Name"), { target: { value: entry.name } });
    fireEvent.change(field(view, "Status"), { target: { value: entry.status } });
  }

  it("checks an empty entry field by field with the core's messages, and writes nothing", async () => {
    const { workbook, client, view } = await openRegister();
    const before = workbook.table("tblRegister")!.dataValues();
    fireEvent.click(button(view, "Add entry"));
    expect(await within(view).findByText("Choose the goal this entry counts toward.")).toBeTruthy();
    expect(within(view).getByText("Give the entry a name.")).toBeTruthy();
    expect(within(view).getByText("Choose a status.")).toBeTruthy();
    expect(within(view).getByText("Fix the fields marked below, then add the entry again.")).toBeTruthy();
    expect(field(view, "Goal").getAttribute("aria-invalid")).toBe("true");
    expect(field(view, "Kind").getAttribute("aria-invalid")).not.toBe("true");
    expect(client.addEntries).not.toHaveBeenCalled();
    expect(workbook.table("tblRegister")!.dataValues()).toEqual(before);
  });

  it("adds a valid entry, and the overview counts it", async () => {
    const { workbook, client, view } = await openRegister();
    const rowsBefore = workbook.table("tblRegister")!.rowCountRaw;
    fillEntry(view, { goal: "BRANDS", name: "Brand three", status: "RECOGNIZED" });
    fireEvent.change(field(view, "Date recognized"), { target: { value: "2021-05-05" } });
    fireEvent.click(button(view, "Add entry"));
    expect(await within(view).findByText("Added “Brand three” to the register.")).toBeTruthy();

    const register = workbook.table("tblRegister")!;
    expect(register.rowCountRaw).toBe(rowsBefore + 1);
    expect(register.dataValues().at(-1)!.slice(0, 7)).toEqual([
      "Brands",
      "Brand three",
      "Recognized",
      isoToSerial("2021-05-05"),
      "",
      "",
      "",
    ]);
    expect(client.addEntries).toHaveBeenCalledTimes(1);
    // The form is cleared, and the latest entries start with the new one.
    expect(field(view, "Name").value).toBe("");
    await waitFor(() =>
      expect(screen.getByTestId("latest").querySelector("li")!.textContent).toContain("Brand three"),
    );

    fireEvent.click(tab("Overview"));
    expect((await screen.findByTestId("actual-BRANDS")).textContent).toBe("3 of more than 100 (3%)");
  });

  it("refuses a duplicate of an entry already in the register", async () => {
    const { workbook, client, view } = await openRegister();
    const before = workbook.table("tblRegister")!.dataValues();
    fillEntry(view, { goal: "BRANDS", name: " brand  ONE ", status: "CANDIDATE" });
    fireEvent.click(button(view, "Add entry"));
    // (The query collapses the double space, as the screen does.)
    expect(
      await within(view).findByText('"brand ONE" is already in the register for this goal.'),
    ).toBeTruthy();
    expect(client.addEntries).not.toHaveBeenCalled();
    expect(workbook.table("tblRegister")!.dataValues()).toEqual(before);
  });

  it("says why when Excel refuses the write, and keeps what was typed", async () => {
    const { workbook, client, view } = await openRegister();
    client.addEntries.mockRejectedValueOnce(new Error("The workbook is read-only."));
    const before = workbook.table("tblRegister")!.dataValues();
    fillEntry(view, { goal: "SCENARIOS", name: "Scenario one", status: "IN_PROGRESS" });
    fireEvent.click(button(view, "Add entry"));
    expect(
      await within(view).findByText("Excel could not complete the request: The workbook is read-only."),
    ).toBeTruthy();
    expect(field(view, "Name").value).toBe("Scenario one");
    expect(workbook.table("tblRegister")!.dataValues()).toEqual(before);
    expect(view.textContent).not.toMatch(STACK);
  });

  it("previews a CSV file, naming the bad row's line, and imports only the valid rows", async () => {
    const { workbook, client, view } = await openRegister();
    const csv = [
      "Goal,Name,Status,Date recognized",
      "BRANDS,CSV brand,Recognized,2021-04-01",
      "NOPE,Bad row,Recognized,",
      "PLATFORMS,CSV platform,Candidate,",
    ].join("\n");
    const file = new File([csv], "entries.csv", { type: "text/csv" });
    fireEvent.change(within(view).getByTestId("csv-file"), { target: { files: [file] } });

    const preview = await within(view).findByTestId("import-preview");
    expect(within(preview).getByText("2 rows ready to import, 1 with problems.")).toBeTruthy();
    const problems = [...within(preview).getByTestId("import-problems").querySelectorAll("li")];
    expect(problems.map((item) => item.textContent)).toEqual([
      'Line 3: "NOPE" is not one of the plan\'s six goals.',
    ]);
    expect(client.addEntries).not.toHaveBeenCalled();

    const rowsBefore = workbook.table("tblRegister")!.rowCountRaw;
    fireEvent.click(button(preview, "Import 2 valid rows"));
    expect(await within(view).findByText("Imported 2 entries.")).toBeTruthy();
    expect(screen.queryByTestId("import-preview")).toBeNull();
    const rows = workbook.table("tblRegister")!.dataValues();
    expect(rows).toHaveLength(rowsBefore + 2);
    expect(rows.slice(-2).map((row) => row[1])).toEqual(["CSV brand", "CSV platform"]);
    expect(rows.map((row) => row[1])).not.toContain("Bad row");
    expect(client.addEntries).toHaveBeenCalledTimes(1);
  });

  it("shows goals and statuses in the pane's language, whatever language the workbook was made in", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    renderApp(doubleClient(workbook), { inExcel: true, language: "zh", dark: false });
    await screen.findByTestId("overview");
    fireEvent.click(tab("登记"));
    const latest = await screen.findByTestId("latest");
    const text = latest.textContent ?? "";
    expect(text).toContain("具有全国影响力的工业互联网平台 · 已认定");
    expect(text).not.toMatch(/Industrial internet|Recognized/);
  });

  it("reads a CSV saved by Excel on Chinese Windows (GB18030), shows its first names, and imports them exact", async () => {
    const { workbook, view } = await openRegister();
    const bytes = readFileSync(join(__dirname, "../fixtures/csv/register-gb18030.csv"));
    const file = new File([bytes], "登记.csv", { type: "text/csv" });
    fireEvent.change(within(view).getByTestId("csv-file"), { target: { files: [file] } });
    const preview = await within(view).findByTestId("import-preview");
    expect(within(preview).getByTestId("import-first-names").textContent).toBe(
      "Read as GB18030. First names: 上海老字号数字商店, 徐汇滨江智慧导览, 长宁区某科技公司.",
    );
    fireEvent.click(button(preview, "Import 3 valid rows"));
    expect(await within(view).findByText("Imported 3 entries.")).toBeTruthy();
    const rows = workbook.table("tblRegister")!.dataValues();
    expect(rows.slice(-3).map((row) => [row[0], row[1]])).toEqual([
      ["Brands", "上海老字号数字商店"],
      ["Application scenarios", "徐汇滨江智慧导览"],
      ["Innovative enterprises", "长宁区某科技公司"],
    ]);
  });

  it("refuses a file whose characters cannot be read, saying how to save it", async () => {
    const { view } = await openRegister();
    const bytes = readFileSync(join(__dirname, "../fixtures/csv/not-register-latin1.csv"));
    fireEvent.change(within(view).getByTestId("csv-file"), {
      target: { files: [new File([bytes], "x.csv")] },
    });
    const preview = await within(view).findByTestId("import-preview");
    expect(preview.textContent).toContain('"CSV UTF-8 (Comma delimited)"');
    expect(within(preview).queryByTestId("import-first-names")).toBeNull();
  });
});

describe("opening the add-in with the workbook", () => {
  /** The pane on a tracking workbook, on its Workbook view, recording Office's startup calls. */
  async function openSharing(language: "en" | "zh" = "en") {
    const calls: string[] = [];
    const startup: StartupApi = {
      setStartupBehavior: async (load) => void calls.push(`startup ${load ? "load" : "none"}`),
      setDocumentSetting: async (name, value) => void calls.push(`${name}=${String(value)}`),
    };
    const workbook = await trackingWorkbook({ asOf: AS_OF });
    const client = doubleClient(workbook, true, startup);
    const words = DICTIONARIES[language];
    renderApp(client, { inExcel: true, language, dark: false });
    await screen.findByTestId("overview");
    fireEvent.click(tab(words.tabWorkbook));
    const view = await screen.findByTestId("workbook-view");
    await waitFor(() => expect(button(view, words.loadWithWorkbook)).toBeTruthy());
    return { view, client, calls, words };
  }

  it("warns that recipients without the add-in get an error, before setting anything", async () => {
    const { view, client, calls, words } = await openSharing();
    expect(screen.queryByTestId("load-with-workbook-warning")).toBeNull();
    fireEvent.click(button(view, "Open the add-in with this workbook"));

    const warning = await screen.findByTestId("load-with-workbook-warning");
    expect(within(warning).getByRole("status").textContent).toBe(
      words.loadWithWorkbookWarningTitle + words.loadWithWorkbookWarning,
    );
    expect(warning.textContent).toContain("will see an add-in error each time they open the workbook");
    expect(warning.textContent).toContain("you can turn it off again here");
    expect(document.activeElement).toBe(button(warning, "Turn it on"));
    expect(client.loadWithWorkbook).not.toHaveBeenCalled();
    expect(calls).toEqual([]);

    fireEvent.click(button(warning, "Turn it on"));
    expect(await within(view).findByText(words.loadWithWorkbookDone)).toBeTruthy();
    expect(client.loadWithWorkbook).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(["startup load", "Office.AutoShowTaskpaneWithDocument=true"]);
    expect(screen.queryByTestId("load-with-workbook-warning")).toBeNull();
  });

  it("sets nothing when the warning is cancelled", async () => {
    const { view, client, calls } = await openSharing();
    fireEvent.click(button(view, "Open the add-in with this workbook"));
    const warning = await screen.findByTestId("load-with-workbook-warning");
    fireEvent.click(button(warning, "Cancel"));
    await waitFor(() => expect(screen.queryByTestId("load-with-workbook-warning")).toBeNull());
    expect(client.loadWithWorkbook).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it("turns it off again: startup behaviour none and the document setting false", async () => {
    const { view, client, calls, words } = await openSharing();
    fireEvent.click(button(view, "Stop opening the add-in with this workbook"));
    expect(await within(view).findByText(words.stopLoadWithWorkbookDone)).toBeTruthy();
    expect(client.stopLoadingWithWorkbook).toHaveBeenCalledTimes(1);
    expect(client.loadWithWorkbook).not.toHaveBeenCalled();
    expect(calls).toEqual(["startup none", "Office.AutoShowTaskpaneWithDocument=false"]);
  });

  it("warns in Chinese in a Chinese pane", async () => {
    const { view, calls } = await openSharing("zh");
    fireEvent.click(button(view, "随此工作簿打开加载项"));
    const warning = await screen.findByTestId("load-with-workbook-warning");
    expect(warning.textContent).toContain("未安装本加载项的同事每次打开此工作簿时，都会看到加载项错误提示");
    expect(calls).toEqual([]);
    fireEvent.click(button(warning, "确认开启"));
    expect(await within(view).findByText(DICTIONARIES.zh.loadWithWorkbookDone)).toBeTruthy();
    expect(calls).toEqual(["startup load", "Office.AutoShowTaskpaneWithDocument=true"]);
    fireEvent.click(button(view, "不再随此工作簿打开加载项"));
    expect(await within(view).findByText(DICTIONARIES.zh.stopLoadWithWorkbookDone)).toBeTruthy();
    expect(calls.slice(2)).toEqual(["startup none", "Office.AutoShowTaskpaneWithDocument=false"]);
  });
});

describe("failures", () => {
  it("shows an error message with Try again when the read fails, never a blank pane or a stack", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    const client = doubleClient(workbook);
    client.read.mockRejectedValueOnce(new Error("boom"));
    renderApp(client);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Something went wrong");
    expect(alert.textContent).toContain("Excel could not complete the request: boom");
    expect(document.body.textContent).not.toMatch(STACK);
    expect(screen.queryByTestId("overview")).toBeNull();

    fireEvent.click(button(alert, "Try again"));
    expect(await screen.findByTestId("overview")).toBeTruthy();
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect(client.read).toHaveBeenCalledTimes(2);
  });

  // A person edits the Register in Excel so that the engine rejects it when the overview is computed.
  it.each([
    ["text typed into a recognized entry's date cell", "Date recognized", "last spring", '"last spring"'],
    ["the Goal column renamed", "Goal", "Goal id", '"Goal"'],
  ])("says what is wrong in the workbook (%s) rather than going blank", async (_, header, typed, named) => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    const register = workbook.table("tblRegister")!;
    const column = register.headers().indexOf(header);
    const row = header === "Goal" ? register.headerRow : register.headerRow + 1;
    register.sheet.setCell(row, register.column + column, { value: typed });
    renderApp(doubleClient(workbook));
    // The message names the cell or column at fault.
    await waitFor(() => expect(document.body.textContent).toContain(named));
    expect(document.body.textContent).not.toMatch(STACK);
  });
});

describe("settings", () => {
  it("switching the language to Chinese re-renders the pane in Chinese, and remembers it", async () => {
    const { view } = await openView("Settings", "settings-view");
    expect(paneTitle()).toBe("Shanghai Online Economy Tracker");
    fireEvent.click(within(view).getByLabelText("中文"));
    fireEvent.click(button(view, "Save settings"));

    await waitFor(() => expect(paneTitle()).toBe("上海在线新经济目标跟踪"));
    expect(within(view).getByText("设置已保存。")).toBeTruthy();
    expect(tab("设置").getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByText("Settings")).toBeNull();
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toMatchObject({ language: "zh" });

    fireEvent.click(tab("概览"));
    expect((await screen.findByTestId("status-BRANDS")).textContent).toBe("落后");
    expect(screen.getByTestId("actual-PLATFORMS").textContent).toBe("20 / 不少于 20（100%）");
    expect(screen.getByText("截至 2021年6月30日")).toBeTruthy();
  });

  it("refuses status thresholds out of order with a message, and writes nothing", async () => {
    const { client, view } = await openView("Settings", "settings-view", []);
    fireEvent.click(within(view).getByLabelText("Points behind time elapsed"));
    expect(within(view).getByTestId("rule-source").textContent).toContain("Yinchuan");
    fireEvent.change(within(view).getByLabelText("On track threshold (percentage points)"), {
      target: { value: "40" },
    });
    fireEvent.click(button(view, "Use this rule in the workbook"));
    expect(
      await within(view).findByText(
        "Use points from 0 to 100, with the On track threshold below the At risk one.",
      ),
    ).toBeTruthy();
    expect(client.setStatusRule).not.toHaveBeenCalled();
  });

  it("writes the status rule into the workbook, and the overview judges by it", async () => {
    const { client, view, workbook } = await openView("Settings", "settings-view");
    fireEvent.click(within(view).getByLabelText("Points behind time elapsed"));
    // 2 brands of 100 at 44.9% of the time is 42.9 points behind: Behind by default, On track within 50.
    fireEvent.change(within(view).getByLabelText("On track threshold (percentage points)"), {
      target: { value: "50" },
    });
    fireEvent.change(within(view).getByLabelText("At risk threshold (percentage points)"), {
      target: { value: "60" },
    });
    fireEvent.click(button(view, "Use this rule in the workbook"));
    expect(
      await within(view).findByText("The workbook now judges by Points behind time elapsed."),
    ).toBeTruthy();
    expect(client.setStatusRule).toHaveBeenCalledWith({ id: "ELAPSED", onTrack: 50, atRisk: 60 }, "en");
    const snapshot = await doubleClient(workbook).read();
    expect(statusRuleFrom(snapshot.about, snapshot.statusRules, "en").rule).toEqual({
      id: "ELAPSED",
      onTrack: 50,
      atRisk: 60,
    });
    fireEvent.click(tab("Overview"));
    await waitFor(() => expect(screen.getByTestId("status-BRANDS").textContent).toBe("On track"));
  });
});

describe("the as-of date and history", () => {
  it("sets a fixed as-of date in the workbook from Settings, and the overview measures at it", async () => {
    const { client, view } = await openView("Settings", "settings-view");
    fireEvent.change(within(view).getByDisplayValue("2021-06-30"), { target: { value: "2022-12-31" } });
    fireEvent.click(button(view, "Use this date"));
    expect(await within(view).findByText("The workbook now measures as of 31 December 2022.")).toBeTruthy();
    expect(client.setAsOf).toHaveBeenCalledWith(isoToSerial("2022-12-31"));
    fireEvent.click(tab("Overview"));
    expect(await screen.findByText("As of 31 December 2022")).toBeTruthy();
    expect(screen.getByTestId("status-BRANDS").textContent).toBe("Behind");
  });

  it("re-reads the as-of message in Chinese when the language is switched on the same view", async () => {
    const { view } = await openView("Settings", "settings-view");
    fireEvent.change(within(view).getByDisplayValue("2021-06-30"), { target: { value: "2022-12-31" } });
    fireEvent.click(button(view, "Use this date"));
    expect(await within(view).findByText("The workbook now measures as of 31 December 2022.")).toBeTruthy();
    fireEvent.click(within(view).getByLabelText("中文"));
    fireEvent.click(button(view, "Save settings"));
    expect(await within(view).findByText("工作簿现按 2022年12月31日 计算。")).toBeTruthy();
    expect(within(view).queryByText("The workbook now measures as of 31 December 2022.")).toBeNull();
  });

  it("refuses a fixed as-of date left blank with a message that says what to do, and writes nothing", async () => {
    const { client, view } = await openView("Settings", "settings-view", []);
    fireEvent.change(within(view).getByDisplayValue("2021-06-30"), { target: { value: "" } });
    fireEvent.click(button(view, "Use this date"));
    const notice = await waitFor(() => {
      const found = view.querySelector('[role="alert"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(client.setAsOf).not.toHaveBeenCalled();
    // The message must say what is wrong, not just repeat the field's name.
    expect(notice.textContent!.trim()).not.toBe("As-of date");
  });

  it("records a snapshot of every goal in History and shows the trends", async () => {
    const { workbook, view } = await openView("History", "history-view");
    expect(within(view).getByText("No snapshots yet.")).toBeTruthy();
    fireEvent.change(within(view).getByLabelText("Note (optional)"), { target: { value: "mid-year" } });
    fireEvent.click(button(view, "Record snapshot"));
    expect(await within(view).findByText(translator("en")("recorded", { count: 6 }))).toBeTruthy();
    expect(within(view).getByText(/^Snapshot recorded: 6 rows added to /)).toBeTruthy();
    const history = workbook.table("tblHistory")!.dataValues();
    expect(history.map((row) => row.slice(0, 3))).toEqual([
      // Each goal by its name in the workbook's language, as the History sheet shows it.
      [AS_OF, "Innovative enterprises", 0],
      [AS_OF, "Application scenarios", 0],
      [AS_OF, "Brands", 2],
      [AS_OF, "Key technological breakthroughs", 0],
      [AS_OF, "Unmanned factories, production lines and workshops", 0],
      [AS_OF, "Industrial internet platforms with national influence", 20],
    ]);
    expect(history[0][5]).toBe("mid-year");
    await waitFor(() => expect(within(view).queryByText("No snapshots yet.")).toBeNull());
    expect(within(view).getByTestId("trend-BRANDS").querySelector("svg")!.getAttribute("aria-label")).toBe(
      // 45.4 expected: 101 × 448 of 997 days.
      "Brands, actual against expected: 30 June 2021: 2 (expected 45.4). 101 required by 31 December 2022.",
    );
  });
});

describe("keeping up with the workbook", () => {
  it("re-reads once after a burst of register change events (debounced)", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    const client = doubleClient(workbook);
    renderApp(client);
    await screen.findByTestId("overview");
    await waitFor(() => expect(client.watch).toHaveBeenCalledTimes(1));
    const onChange = client.watch.mock.calls[0][0] as () => void;
    const reads = client.read.mock.calls.length;

    jest.useFakeTimers();
    act(() => {
      onChange();
      jest.advanceTimersByTime(300);
      onChange();
    });
    await act(async () => {
      jest.advanceTimersByTime(399);
    });
    expect(client.read).toHaveBeenCalledTimes(reads); // 699 ms after the first event, 399 after the last
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    expect(client.read).toHaveBeenCalledTimes(reads + 1);
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(client.read).toHaveBeenCalledTimes(reads + 1);
  });

  it("shows a colleague's new register rows without a manual refresh", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    const client = doubleClient(workbook);
    renderApp(client);
    expect((await screen.findByTestId("actual-BRANDS")).textContent).toBe("2 of more than 100 (2%)");
    await waitFor(() => expect(client.watch).toHaveBeenCalledTimes(1));
    // Someone else appends a row (another Excel.run), and Excel raises the table's change event
    // to the handler the pane subscribed through client.watch. (The double keeps the handlers but
    // does not raise the event on writes, so the test raises it, as Excel would after the sync.)
    await addEntries(
      new FakeContext(workbook) as unknown as Excel.RequestContext,
      [entry({ goal: "BRANDS", name: "Colleague's brand", date: "2021-06-01" })],
      "en",
      ENTERED_AT,
    );
    const handlers = workbook.table("tblRegister")!.changeHandlers;
    expect(handlers).toHaveLength(1);
    await act(async () => {
      await Promise.all(handlers.map((handler) => handler()));
    });
    await waitFor(() =>
      expect(screen.getByTestId("actual-BRANDS").textContent).toBe("3 of more than 100 (3%)"),
    );
  });

  it("re-reads when Refresh is pressed", async () => {
    const workbook = await trackingWorkbook({ entries: BRANDS_AND_PLATFORMS, asOf: AS_OF });
    const client = doubleClient(workbook);
    renderApp(client);
    await screen.findByTestId("overview");
    const reads = client.read.mock.calls.length;
    // An edit that raises no register event: the as-of date, changed in Excel.
    await setAsOf(new FakeContext(workbook) as unknown as Excel.RequestContext, isoToSerial("2021-12-31"));
    fireEvent.click(button(document.body, "Refresh"));
    expect(await screen.findByText("As of 31 December 2021")).toBeTruthy();
    expect(client.read).toHaveBeenCalledTimes(reads + 1);
  });
});
