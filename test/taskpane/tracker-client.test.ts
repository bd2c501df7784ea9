/** createTrackerClient: every Excel batch goes through the run it is given; Office calls through its Office APIs. */
import { isoToSerial } from "../../src/core/dates";
import { checkEntry } from "../../src/core/entries";
import { NotATrackingWorkbookError } from "../../src/excel/tables";
import { createTrackerClient, type ExcelRun, type OfficeApis } from "../../src/taskpane/tracker-client";
import type { FakeWorkbook } from "../support/excel-double";
import { blankWorkbook, doubleRun } from "./render";

/** The double's run, counting the batches it is given. */
function countingRun(workbook: FakeWorkbook) {
  const inner = doubleRun(workbook);
  const batches: number[] = [];
  const run: ExcelRun = (batch) => {
    batches.push(batches.length + 1);
    return inner(batch);
  };
  return { run, batches };
}

const OFFICE: OfficeApis = {
  isSetSupported: () => true,
  startup: { setStartupBehavior: async () => undefined, setDocumentSetting: async () => undefined },
};

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

it("runs each call as one batch of the given run, in the context that run gives", async () => {
  const workbook = blankWorkbook();
  const { run, batches } = countingRun(workbook);
  const client = createTrackerClient(run, OFFICE);

  await expect(client.read()).rejects.toBeInstanceOf(NotATrackingWorkbookError);
  expect(batches).toHaveLength(1);

  const preview = await client.preview("zh");
  expect(preview.fromVersion).toBeNull();
  expect(batches).toHaveLength(2);

  const report = await client.apply("en");
  expect(report.toVersion).toBeGreaterThan(0);
  expect(workbook.table("tblRegister")).toBeDefined();
  expect(batches).toHaveLength(3);

  const checked = checkEntry({ goal: "BRANDS", name: "Tea brand", status: "Recognized", date: "2021-04-10" });
  expect(checked.issues).toEqual([]);
  const added = await client.addEntries([checked.entry!], "en", isoToSerial("2021-05-01"), "Li Wei");
  expect(added).toBe(1);
  await client.setAsOf(isoToSerial("2021-06-30"));
  const snapshot = await client.read();
  expect(snapshot.asOf).toBe(isoToSerial("2021-06-30"));
  expect(await client.exportCsv()).toContain("Tea brand");
  expect(batches).toHaveLength(7);
});

it("asks the given Office APIs, not Excel.run, for requirement sets and the startup settings", async () => {
  const { run, batches } = countingRun(blankWorkbook());
  const asked: string[] = [];
  const client = createTrackerClient(run, {
    isSetSupported: (set, version) => {
      asked.push(`${set} ${version}`);
      return false;
    },
    startup: {
      setStartupBehavior: async (load) => void asked.push(`startup ${load}`),
      setDocumentSetting: async (name, value) => void asked.push(`${name}=${String(value)}`),
    },
  });
  expect(client.missingRequirements().map((r) => `${r.set} ${r.version}`)).toEqual(asked);
  expect(asked.length).toBeGreaterThan(0);
  asked.length = 0;
  await client.loadWithWorkbook();
  expect(asked).toEqual(["startup true", "Office.AutoShowTaskpaneWithDocument=true"]);
  asked.length = 0;
  await client.stopLoadingWithWorkbook();
  expect(asked).toEqual(["startup false", "Office.AutoShowTaskpaneWithDocument=false"]);
  expect(batches).toHaveLength(0);
});

it("by default reaches Excel.run at each call, so it can be made before office.js defines Excel", async () => {
  const client = createTrackerClient();
  const workbook = blankWorkbook();
  const { run, batches } = countingRun(workbook);
  Object.assign(globalThis, { Excel: { run } });
  const preview = await client.preview("en");
  expect(preview.fromVersion).toBeNull();
  expect(batches).toHaveLength(1);
});
