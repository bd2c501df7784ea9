/**
 * Stands in for Excel in the browser suite: installs `Office` (host Excel, display language from
 * the page's ?lang= or the browser) and `Excel.run` over the Excel test double, before the task
 * pane's own bundle runs. Built only into the test build (taskpane-double.html).
 *
 * ?template=1 opens on a tracking workbook (the template applied before the pane's first read), so
 * the pane starts on the overview; with it, ?rows=N adds N register rows for the overview to count.
 * The render benchmark (npm run bench) opens the pane this way.
 */
import { isoToSerial } from "../../../src/core/dates";
import { checkEntry, type Entry } from "../../../src/core/entries";
import { type Language, languageFromLocale } from "../../../src/core/language";
import { DISTRICTS, GOAL_IDS, PLAN, SECTORS } from "../../../src/core/plan";
import { UNMANNED_KINDS } from "../../../src/core/plan";
import { applyTemplate } from "../../../src/excel/apply-template";
import { addEntries } from "../../../src/excel/register";
import { calculate } from "../../support/diagnostics-double";
import { FakeContext, FakeWorkbook } from "../../support/excel-double";

const params = new URLSearchParams(location.search);
const workbook = FakeWorkbook.withSheets("Sheet1");
// The check of this Excel reads two formulas back: a table's sum, and the add-in's TARGET (#BUSY! first).
calculate(workbook, ["#BUSY!", 20]);

/** Office's in-memory document settings. */
const documentSettings = new Map<string, unknown>();

/** What the pane asked of Office beyond Excel (startup behaviour, document settings), for the suite. */
const officeCalls: string[] = [];

const office = {
  HostType: { Excel: "Excel" },
  StartupBehavior: { load: "Load", none: "None" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  addin: {
    setStartupBehavior: async (behavior: string) => void officeCalls.push(`startup ${behavior}`),
  },
  // ?platform=Mac plays Excel on Mac, whose webview saves no download.
  onReady: async () => ({ host: "Excel", platform: params.get("platform") ?? "OfficeOnline" }),
  context: {
    displayLanguage: params.get("lang") ?? navigator.language,
    officeTheme: undefined,
    diagnostics: { version: "16.0.17928.20114", platform: "OfficeOnline", host: "Excel" },
    document: {
      settings: {
        get: (name: string) => documentSettings.get(name) ?? null,
        set: (name: string, value: unknown) => {
          documentSettings.set(name, value);
          officeCalls.push(`${name}=${String(value)}`);
        },
        remove: (name: string) => void documentSettings.delete(name),
        saveAsync: (callback: (result: { status: string }) => void) => callback({ status: "succeeded" }),
      },
    },
    requirements: {
      // ?old=1 plays an Excel that lacks the requirement sets.
      isSetSupported: () => params.get("old") !== "1",
    },
  },
};

const STATUSES = ["Recognized", "Recognized", "In progress", "Candidate"];

/** `count` valid register entries spread over the goals, sectors, districts and the plan period. */
function sampleEntries(count: number): Entry[] {
  const start = isoToSerial(PLAN.issued);
  const days = isoToSerial(PLAN.deadline) - start;
  return Array.from({ length: count }, (_, i) => {
    const goal = GOAL_IDS[i % GOAL_IDS.length];
    const checked = checkEntry({
      goal,
      name: `Sample entry ${i + 1}`,
      kind: goal === "UNMANNED" ? UNMANNED_KINDS[i % UNMANNED_KINDS.length].id : null,
      sector: SECTORS[i % SECTORS.length].id,
      district: DISTRICTS[i % DISTRICTS.length].id,
      date: start + ((i * 37) % days),
      status: STATUSES[i % STATUSES.length],
    });
    if (!checked.entry) throw new Error(`sample entry rejected: ${JSON.stringify(checked.issues)}`);
    return checked.entry;
  });
}

/** Applies the template (and adds the rows asked for); the time it took is left in __doubleSetupMs. */
async function prepareWorkbook(language: Language): Promise<void> {
  const started = performance.now();
  const context = () => new FakeContext(workbook) as unknown as Excel.RequestContext;
  await applyTemplate(context(), language);
  const rows = Math.max(0, Math.floor(Number(params.get("rows") ?? 0)) || 0);
  if (rows > 0) await addEntries(context(), sampleEntries(rows), language, isoToSerial(PLAN.deadline) + 0.5);
  Object.assign(window, { __doubleSetupMs: performance.now() - started });
}

const prepared =
  params.get("template") === "1"
    ? prepareWorkbook(languageFromLocale(office.context.displayLanguage))
    : undefined;

const excel = {
  run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
    if (prepared) await prepared;
    return batch(new FakeContext(workbook));
  },
};

Object.assign(window, { Office: office, Excel: excel, __workbook: workbook, __officeCalls: officeCalls });
