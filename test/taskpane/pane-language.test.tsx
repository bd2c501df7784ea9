/** @jest-environment jsdom */
/**
 * The pane speaks one language on screen: the workbook's words (goals, statuses, sectors,
 * districts) in the pane's language whatever language the workbook was made in, Chinese
 * punctuation and dates on a Chinese screen, dates typed as text, and the empty register to fill in.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { isoToSerial } from "../../src/core/dates";
import type { EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { registerCsvTemplate } from "../../src/core/register-csv";
import { SHEETS } from "../../src/core/template/template";
import type { HostInfo } from "../../src/taskpane/host";
import { DICTIONARIES } from "../../src/taskpane/i18n";
import {
  blankWorkbook,
  button,
  doubleClient,
  preparePaneTests,
  renderApp,
  tab,
  trackingWorkbook,
} from "./render";

preparePaneTests();

const AS_OF = isoToSerial("2021-06-30");
const zh = DICTIONARIES.zh;

function hostIn(language: Language, more: Partial<HostInfo> = {}): HostInfo {
  return { inExcel: true, language, dark: false, ...more };
}

/** A form control by its field label (a required field's label ends with an asterisk). */
function field(container: HTMLElement, label: string): HTMLInputElement {
  return within(container).getByLabelText(new RegExp(`^${label}\\s*\\*?$`)) as HTMLInputElement;
}

const ENTRIES: EntryInput[] = [
  { goal: "BRANDS", name: "Tea brand", date: "2021-01-10", sector: "ONLINE_CULTURE", district: "XUHUI" },
  {
    goal: "UNMANNED",
    name: "Dark factory",
    kind: "FACTORY",
    date: "2021-02-10",
    sector: "UNMANNED_FACTORIES",
    district: "PUDONG",
  },
];

/** The pane in `paneLanguage` on a workbook made in `workbookLanguage`, switched to `tabName`. */
async function openPane(workbookLanguage: Language, paneLanguage: Language, tabName?: string, host = {}) {
  const workbook = await trackingWorkbook({ language: workbookLanguage, entries: ENTRIES, asOf: AS_OF });
  const client = doubleClient(workbook);
  renderApp(client, hostIn(paneLanguage, host));
  await screen.findByTestId("overview");
  if (tabName) fireEvent.click(tab(tabName));
  return { workbook, client };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

describe("the workbook's words in the pane's language", () => {
  it("an English workbook in a Chinese pane: goal, status, sector, district and date in Chinese", async () => {
    const { workbook } = await openPane("en", "zh", zh.tabRegister);
    // The workbook holds English words...
    expect(workbook.table("tblRegister")!.dataValues()[0].slice(0, 7)).toEqual([
      "Brands",
      "Tea brand",
      "Recognized",
      isoToSerial("2021-01-10"),
      "Xuhui",
      "",
      "Online culture and entertainment",
    ]);
    // ...and the pane shows them in Chinese.
    const items = [...(await screen.findByTestId("latest")).querySelectorAll("li")].map(
      (li) => li.textContent,
    );
    expect(items).toEqual([
      "Dark factory · 无人工厂、无人生产线、无人车间 · 已认定 · 无人工厂 · 浦东新区 · 2021年2月10日",
      "Tea brand · 品牌产品 · 已认定 · 在线文娱 · 徐汇 · 2021年1月10日",
    ]);
  });

  it("a Chinese workbook in an English pane: the same in English", async () => {
    const { workbook } = await openPane("zh", "en", "Register");
    expect(workbook.table("tblRegister")!.dataValues()[0][4]).toBe("徐汇");
    const items = [...(await screen.findByTestId("latest")).querySelectorAll("li")].map(
      (li) => li.textContent,
    );
    expect(items[1]).toBe(
      "Tea brand · Brands · Recognized · Online culture and entertainment · Xuhui · 10 January 2021",
    );
    expect(items.join()).not.toMatch(/\p{Script=Han}/u);
  });

  it("translates a label typed in another case, and shows as written what the workbook's formulas do not count", async () => {
    const { workbook } = await openPane("en", "zh", zh.tabRegister);
    const register = workbook.table("tblRegister")!;
    const headers = register.headers();
    const type = (header: string, value: string) =>
      register.sheet.setCell(register.headerRow + 1, register.column + headers.indexOf(header), { value });
    type("District", "xuhui");
    type("Status", "recognised");
    type("Sector", "Somewhere else");
    fireEvent.click(button(document.body, zh.refresh));
    await waitFor(() =>
      expect(screen.getByTestId("latest").querySelectorAll("li")[1].textContent).toBe(
        "Tea brand · 品牌产品 · recognised · Somewhere else · 徐汇 · 2021年1月10日",
      ),
    );
  });

  it("an English workbook in a Chinese pane: the overview's sectors and the history's trends in Chinese", async () => {
    await openPane("en", "zh");
    const sectors = screen.getByRole("table");
    expect(sectors.textContent).toContain("在线文娱");
    expect(sectors.textContent).not.toMatch(/[A-Za-z]/);
    fireEvent.click(tab(zh.tabHistory));
    const view = await screen.findByTestId("history-view");
    fireEvent.click(button(view, zh.recordSnapshot));
    const trend = await within(view).findByTestId("trend-BRANDS");
    expect(trend.querySelector("figcaption")!.textContent).toBe("品牌产品");
    expect(trend.querySelector("svg")!.getAttribute("aria-label")).toBe(
      "品牌产品实际与应达对比：2021年6月30日：1（应达 45.4）。2022年12月31日前所需数量 101。",
    );
  });
});

describe("Chinese punctuation and dates", () => {
  it("lists the sheets to create with 、, never a comma", async () => {
    renderApp(doubleClient(blankWorkbook()), hostIn("zh"));
    const view = await screen.findByTestId("workbook-view");
    const names = SHEETS.map((sheet) => sheet.name.zh);
    expect(within(view).getByText(`将创建工作表：${names.join("、")}。`)).toBeTruthy();
    expect(view.textContent).not.toMatch(/[,:;]/);
  });

  it("writes a goal card's percentage in full-width brackets", async () => {
    await openPane("en", "zh");
    expect(screen.getByTestId("actual-BRANDS").textContent).toBe("1 / 超过 100（1%）");
    expect(screen.getByText("截至 2021年6月30日")).toBeTruthy();
  });

  it("says in Chinese, with Chinese punctuation, which import lines are wrong", async () => {
    await openPane("en", "zh", zh.tabRegister);
    const view = await screen.findByTestId("register-view");
    const csv = "目标,名称,状态\n品牌产品,,已认定\n品牌产品,好品牌,已认定\n";
    fireEvent.change(within(view).getByTestId("csv-file"), {
      target: { files: [new File([csv], "登记.csv", { type: "text/csv" })] },
    });
    const problems = await within(view).findByTestId("import-problems");
    expect(problems.textContent).toMatch(/^第 2 行：\p{Script=Han}/u);
    expect(problems.textContent).not.toMatch(/[:;]/);
  });
});

describe("the date field", () => {
  it("is a text field with a placeholder in the pane's language, never the browser's date picker", async () => {
    await openPane("en", "zh", zh.tabRegister);
    const view = await screen.findByTestId("register-view");
    const date = field(view, zh.fieldDate);
    expect(date.type).toBe("text");
    expect(date.placeholder).toBe("例如 2021-06-30");
    expect(view.querySelector('input[type="date"]')).toBeNull();
  });

  it("shows the date it read, and writes that date, from 2021年5月5日 in a Chinese pane", async () => {
    const { workbook } = await openPane("en", "zh", zh.tabRegister);
    const view = await screen.findByTestId("register-view");
    fireEvent.change(field(view, zh.fieldGoal), { target: { value: "BRANDS" } });
    fireEvent.change(field(view, zh.fieldName), { target: { value: "新品牌" } });
    fireEvent.change(field(view, zh.fieldStatus), { target: { value: "RECOGNIZED" } });
    fireEvent.change(field(view, zh.fieldDate), { target: { value: "2021年5月5日" } });
    expect(within(view).getByText("识别为 2021年5月5日。")).toBeTruthy();
    fireEvent.change(field(view, zh.fieldDate), { target: { value: "2021/5/6" } });
    expect(within(view).getByText("识别为 2021年5月6日。")).toBeTruthy();
    fireEvent.click(button(view, zh.addEntry));
    expect(await within(view).findByText("已将“新品牌”加入登记表。")).toBeTruthy();
    const row = workbook.table("tblRegister")!.dataValues().at(-1)!;
    expect(row.slice(0, 4)).toEqual(["Brands", "新品牌", "Recognized", isoToSerial("2021-05-06")]);
  });

  it("refuses a date written the American way, with the core's message, and shows no reading of it", async () => {
    const { client } = await openPane("en", "en", "Register");
    const view = await screen.findByTestId("register-view");
    fireEvent.change(field(view, "Goal"), { target: { value: "BRANDS" } });
    fireEvent.change(field(view, "Name"), { target: { value: "US date" } });
    fireEvent.change(field(view, "Status"), { target: { value: "RECOGNIZED" } });
    fireEvent.change(field(view, "Date recognized"), { target: { value: "06/30/2021" } });
    expect(within(view).queryByText(/^Reads as/)).toBeNull();
    fireEvent.click(button(view, "Add entry"));
    expect(
      await within(view).findByText(/^"06\/30\/2021" is not a date: write it as 2021-06-30/),
    ).toBeTruthy();
    expect(client.addEntries).not.toHaveBeenCalled();
  });

  it("takes the as-of date in Settings as 2022年12月31日 too", async () => {
    const { client } = await openPane("en", "zh", zh.tabSettings);
    const view = await screen.findByTestId("settings-view");
    const date = within(view).getByDisplayValue("2021-06-30") as HTMLInputElement;
    expect(date.type).toBe("text");
    fireEvent.change(date, { target: { value: "2022年12月31日" } });
    expect(within(view).getByText("识别为 2022年12月31日。")).toBeTruthy();
    fireEvent.click(button(view, zh.asOfApply));
    expect(await within(view).findByText("工作簿现按 2022年12月31日 计算。")).toBeTruthy();
    expect(client.setAsOf).toHaveBeenCalledWith(isoToSerial("2022-12-31"));
  });
});

describe("the empty register to fill in", () => {
  /** Records the files the pane hands to the browser, instead of jsdom's navigation. */
  function captureDownloads(): () => { name: string; blob: Blob }[] {
    const blobs = new Map<string, Blob>();
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    return () =>
      (click.mock.contexts as HTMLAnchorElement[]).map((link) => ({
        name: link.download,
        blob: blobs.get(link.href)!,
      }));
  }

  it("downloads it in the pane's language, and the import skips its row of allowed values", async () => {
    const downloads = captureDownloads();
    await openPane("en", "zh", zh.tabRegister);
    const view = await screen.findByTestId("register-view");
    fireEvent.click(button(view, zh.templateButton));
    const files = downloads();
    expect(files.map((f) => f.name)).toEqual(["登记表模板.csv"]);
    const bytes = new Uint8Array(await files[0].blob.arrayBuffer());
    expect([...bytes]).toEqual([...registerCsvTemplate("zh")]);
    expect(
      await within(view).findByText(
        "已保存 登记表模板.csv。请在标题行下方每行填写一个条目，然后在此导入；标题行下的可选值说明行会被跳过。",
      ),
    ).toBeTruthy();

    // Filled in below its two rows and imported into the English workbook.
    const filled =
      new TextDecoder().decode(bytes).replace(/^\ufeff/, "") +
      "品牌产品,模板里的品牌,已认定,2021年6月1日,徐汇区\r\n";
    fireEvent.change(within(view).getByTestId("csv-file"), {
      target: { files: [new File([filled], "登记表模板.csv", { type: "text/csv" })] },
    });
    const preview = await within(view).findByTestId("import-preview");
    expect(within(preview).getByText("1 行可导入，0 行有问题。")).toBeTruthy();
    expect(within(preview).getByTestId("import-hint-lines").textContent).toBe(
      "已跳过第 2 行：该行列出的是各列的可选值，不是条目。",
    );
  });

  it("in Excel on Mac, which saves no file from an add-in, shows the file's text to copy instead", async () => {
    const downloads = captureDownloads();
    await openPane("en", "en", "Register", { blocksDownloads: true });
    const view = await screen.findByTestId("register-view");
    fireEvent.click(button(view, "Download an empty register (CSV)"));
    expect(downloads()).toEqual([]);
    expect(URL.createObjectURL).not.toHaveBeenCalled();
    expect(within(view).getByText(/^Excel on Mac does not let add-ins save files\./)).toBeTruthy();
    const text = within(view).getByLabelText("Text of register-template.csv") as HTMLTextAreaElement;
    // (A text area's value ends its lines with \n alone.)
    const template = new TextDecoder().decode(registerCsvTemplate("en"));
    expect(text.value).toBe(template.replace(/^\ufeff/, "").replace(/\r\n/g, "\n"));
    expect(text.value.split("\n")[0]).toBe(
      "Goal,Name,Status,Date recognized,District,Kind,Sector,Evidence link,Notes,Entered by,Credit code",
    );
    expect(document.activeElement).toBe(text);
    expect(within(view).queryByText(/^Saved register-template\.csv/)).toBeNull();
  });
});
