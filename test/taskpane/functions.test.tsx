/** @jest-environment jsdom */
/**
 * The Workbook view's Functions section, rendered against the Excel test double: every function
 * with its description, arguments and example in the pane's language, the example inserted into
 * the selected cell, and what is refused said in words that tell the person what to do.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import { columnLetters } from "../../src/core/template/cell-text";
import { tableSpec } from "../../src/core/template/template";
import { exampleFormula, FUNCTION_EXAMPLES, functionExample } from "../../src/core/function-examples";
import type { Language } from "../../src/core/language";
import { DICTIONARIES } from "../../src/taskpane/i18n";
import type { FakeWorkbook } from "../support/excel-double";
import { button, doubleClient, preparePaneTests, renderApp, tab, trackingWorkbook } from "./render";

preparePaneTests();

afterEach(cleanup);

/** The pane, in `paneLanguage`, on the Workbook view of a tracking workbook made in `workbookLanguage`. */
async function openFunctions(paneLanguage: Language = "en", workbookLanguage: Language = paneLanguage) {
  const workbook = await trackingWorkbook({ language: workbookLanguage, asOf: isoToSerial("2021-06-30") });
  workbook.select("Sheet1", "B2");
  const client = doubleClient(workbook);
  const words = DICTIONARIES[paneLanguage];
  renderApp(client, { inExcel: true, language: paneLanguage, dark: false });
  await screen.findByTestId("overview");
  fireEvent.click(tab(words.tabWorkbook));
  const section = await screen.findByTestId("functions");
  return { section, workbook, client, words };
}

function item(section: HTMLElement, id: string): HTMLElement {
  return within(section).getByTestId(`function-${id}`);
}

/** Opens a function's line (its summary, as a click does) and waits for its insert button. */
async function open(section: HTMLElement, id: string): Promise<HTMLElement> {
  const line = item(section, id);
  fireEvent.click(line.querySelector("summary")!);
  await waitFor(() => expect(line.querySelector("button")).not.toBeNull());
  return line;
}

const cell = (workbook: FakeWorkbook, address: [number, number]) =>
  workbook.sheet("Sheet1")!.getCell(...address);

describe("the Functions section of the Workbook view", () => {
  it("lists every function by its English name with a description, its arguments and an example", async () => {
    const { section } = await openFunctions();
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("Functions");
    // Closed, a function is one line, with no control but its summary.
    expect(item(section, "COUNT").textContent).toBe(
      `SHONLINE.COUNT ${functionExample("COUNT").description.en}`,
    );
    expect(section.querySelectorAll("button")).toHaveLength(0);
    for (const example of FUNCTION_EXAMPLES) {
      const text = (await open(section, example.id)).textContent ?? "";
      expect(text).toContain(`${example.name} ${example.description.en}`);
      expect(text).toContain(exampleFormula(example.id, "en"));
    }
    expect(item(section, "COUNT").textContent).toContain(
      "Arguments: SHONLINE.COUNT(goals, goal, [statuses], [dates], [as_of], [deadline])",
    );
  });

  it("in Chinese: descriptions and argument names in Chinese, names in English, columns as the workbook spells them", async () => {
    const { section } = await openFunctions("zh", "zh");
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("函数");
    const count = (await open(section, "COUNT")).textContent ?? "";
    expect(count).toContain(
      "SHONLINE.COUNT 截至日期前计入该目标的已认定登记条目数（加 TRUE：且不晚于截止日期）。",
    );
    expect(count).toContain(
      "参数：SHONLINE.COUNT(目标列, 目标, [状态列], [认定日期列], [截至日期], [截止日期])",
    );
    expect(count).toContain(
      '=SHONLINE.COUNT(tblRegister[目标],"BRANDS",tblRegister[状态],tblRegister[认定日期],AsOfDate)',
    );
    expect(button(item(section, "COUNT"), "插入到所选单元格")).toBeTruthy();
  });

  it("shows the columns of an English workbook in a Chinese pane, as that workbook spells them", async () => {
    const { section } = await openFunctions("zh", "en");
    expect((await open(section, "FORECAST")).textContent).toContain(exampleFormula("FORECAST", "en"));
  });

  it("inserts the example into the selected cell and says where", async () => {
    const { section, workbook, client } = await openFunctions();
    fireEvent.click(button(await open(section, "STATUS"), "Insert into the selected cell"));
    expect(await within(item(section, "STATUS")).findByText("Inserted into Sheet1!B2.")).toBeTruthy();
    expect(client.insertExample).toHaveBeenCalledWith("STATUS");
    expect(cell(workbook, [1, 1])?.formula).toBe(exampleFormula("STATUS", "en"));
  });

  it("refuses a cell that is not empty, saying what to do, and leaves it as it was", async () => {
    const { section, workbook } = await openFunctions("zh");
    workbook.sheet("Sheet1")!.setCell(1, 1, { value: "我的备注" });
    fireEvent.click(button(await open(section, "COUNT"), "插入到所选单元格"));
    const alert = await within(item(section, "COUNT")).findByRole("alert");
    expect(alert.textContent).toBe(
      "Sheet1!B2 不是空单元格，加载项不会覆盖单元格中已有的内容。请选择空单元格，或自行清除此单元格后重新插入。",
    );
    expect(cell(workbook, [1, 1])).toEqual({ value: "我的备注" });
  });

  it("refuses a selection of several cells, and one inside a table, in words", async () => {
    const { section, workbook, words } = await openFunctions();
    workbook.select("Sheet1", "B2:C3");
    fireEvent.click(button(await open(section, "TARGET"), words.insertExample));
    await waitFor(() =>
      expect(within(item(section, "TARGET")).getByRole("alert").textContent).toBe(
        "The selection Sheet1!B2:C3 is more than one cell. Select one empty cell, then insert again.",
      ),
    );
    // An empty cell of the Register's body: inside the table.
    const register = tableSpec("register");
    const insideCell = `${columnLetters(register.anchor.column + 8)}${register.anchor.row + 2}`;
    workbook.select("Register", insideCell);
    fireEvent.click(button(item(section, "TARGET"), words.insertExample));
    await waitFor(() =>
      expect(within(item(section, "TARGET")).getByRole("alert").textContent).toMatch(
        new RegExp(
          `^Register!${insideCell} is inside the table tblRegister, where Excel may fill the formula down the whole column\\.`,
        ),
      ),
    );
    expect(workbook.sheet("Sheet1")!.cells.size).toBe(0);
  });
});
