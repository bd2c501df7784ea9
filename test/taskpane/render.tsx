/**
 * Rendering the task pane in jsdom against the Excel test double: the pane's own TrackerClient
 * over a run that gives each batch a fresh context on one shared fake workbook (batches are
 * queued, as Excel runs them one after the other), plus the few browser APIs jsdom lacks.
 */
import { configure, render } from "@testing-library/react";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";
import { checkEntry, type Entry, type EntryInput } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { applyTemplate } from "../../src/excel/apply-template";
import { addEntries } from "../../src/excel/register";
import type { StartupApi } from "../../src/excel/sharing";
import { setAsOf } from "../../src/excel/tables";
import { App } from "../../src/taskpane/App";
import type { HostInfo } from "../../src/taskpane/host";
import { createTrackerClient, type ExcelRun, type TrackerClient } from "../../src/taskpane/tracker-client";
import { FakeContext, FakeWorkbook } from "../support/excel-double";

/** ResizeObserver, matchMedia, TextDecoder, Blob.text and Blob.arrayBuffer are absent from jsdom; Fluent and the CSV import use them. */
export function installBrowserStubs(): void {
  if (!("ResizeObserver" in globalThis)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
  }
  if (typeof window.matchMedia !== "function") {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (typeof Blob.prototype.text !== "function") {
    const textOf = (blob: Blob) =>
      new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(blob);
      });
    Blob.prototype.text = function text() {
      return textOf(this);
    };
  }
  if (typeof globalThis.TextDecoder !== "function") {
    // Node's, which browsers match (the CSV import decodes UTF-8, UTF-16 and GB18030 with it).
    Object.assign(globalThis, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
  }
  if (typeof Blob.prototype.arrayBuffer !== "function") {
    Blob.prototype.arrayBuffer = function arrayBuffer() {
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(this);
      });
    };
  }
}

export const EXCEL_EN: HostInfo = { inExcel: true, language: "en", dark: false };

export type DoubleClient = { [K in keyof TrackerClient]: jest.Mock & TrackerClient[K] };

/** Excel.run over `workbook`: a fresh context per batch, each batch after the previous one has finished. */
export function doubleRun(workbook: FakeWorkbook): ExcelRun {
  let queue: Promise<unknown> = Promise.resolve();
  return (batch) => {
    const result = queue.then(() => batch(new FakeContext(workbook) as unknown as Excel.RequestContext));
    queue = result.catch(() => undefined);
    return result;
  };
}

/** Office's startup settings, accepted and forgotten (the browser suite checks what is asked). */
const IGNORED_STARTUP: StartupApi = {
  setStartupBehavior: async () => undefined,
  setDocumentSetting: async () => undefined,
};

/**
 * The pane's TrackerClient over `workbook`, each method wrapped in a jest mock the tests inspect;
 * `startup` receives Office's startup settings (ignored unless a test gives its own).
 */
export function doubleClient(
  workbook: FakeWorkbook,
  supported = true,
  startup: StartupApi = IGNORED_STARTUP,
): DoubleClient {
  const client = createTrackerClient(doubleRun(workbook), {
    isSetSupported: () => supported,
    startup,
  });
  const mocked = {} as Record<string, jest.Mock>;
  for (const [name, method] of Object.entries(client)) mocked[name] = jest.fn(method as () => unknown);
  return mocked as unknown as DoubleClient;
}

/** A workbook with one blank sheet, as a new Excel workbook has. */
export function blankWorkbook(): FakeWorkbook {
  const workbook = FakeWorkbook.withSheets("Sheet1");
  return workbook;
}

/** The "Entered at" stamp of entries the tests write themselves (2023-03-15 12:00). */
export const ENTERED_AT = 45000.5;

export function entry(input: EntryInput): Entry {
  const checked = checkEntry({ status: "Recognized", ...input });
  if (!checked.entry) throw new Error(`test entry rejected: ${JSON.stringify(checked.issues)}`);
  return checked.entry;
}

/** A workbook with the template applied, the given entries and (if given) a fixed as-of date. */
export async function trackingWorkbook(
  options: { language?: Language; entries?: EntryInput[]; asOf?: number } = {},
): Promise<FakeWorkbook> {
  const workbook = blankWorkbook();
  const language = options.language ?? "en";
  const context = () => new FakeContext(workbook) as unknown as Excel.RequestContext;
  await applyTemplate(context(), language);
  if (options.entries?.length) await addEntries(context(), options.entries.map(entry), language, ENTERED_AT);
  if (options.asOf !== undefined) await setAsOf(context(), options.asOf);
  // Let any change event those writes raise pass before a pane subscribes.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return workbook;
}

export function renderApp(client: TrackerClient, host: HostInfo = EXCEL_EN) {
  return render(<App host={host} client={client} />);
}

/**
 * Role queries compute styles for every element, which jsdom does slowly under Fluent's many
 * rules; these helpers find the few controls the tests press by their tag and exact text instead.
 */
export function button(container: HTMLElement, name: string): HTMLButtonElement {
  const matches = [...container.querySelectorAll("button")].filter((b) => b.textContent?.trim() === name);
  if (matches.length !== 1) throw new Error(`expected one button "${name}", found ${matches.length}`);
  return matches[0];
}

/**
 * A tab of the pane's tab list, by its label. (An unselected Fluent tab holds its label twice,
 * the second copy hidden to reserve the width of the bold selected label.)
 */
export function tab(name: string): HTMLElement {
  const tabs = [...document.querySelectorAll<HTMLElement>('[role="tablist"] [role="tab"]')];
  const matches = tabs.filter(
    (t) => t.textContent?.includes(name) && t.textContent.split(name).join("") === "",
  );
  if (matches.length !== 1) throw new Error(`expected one tab "${name}", found ${matches.length}`);
  return matches[0];
}

/** The pane's title (its only level-1 heading). */
export function paneTitle(): string | null {
  const titles = document.querySelectorAll("h1");
  return titles.length === 1 ? titles[0].textContent : null;
}

/** Async queries wait up to this long: a Fluent pane renders slowly in jsdom. */
export function configureQueries(): void {
  configure({ asyncUtilTimeout: 4000 });
}

/** What every test file of the whole pane sets up: browser stubs, query timeouts, a test timeout. */
export function preparePaneTests(): void {
  installBrowserStubs();
  configureQueries();
  jest.setTimeout(20_000);
}
