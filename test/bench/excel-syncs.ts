/**
 * Round trips and request sizes (npm run bench), against the Excel double, which counts syncs and
 * measures each request and response as sent. Budgets: applying the template 4 syncs at most,
 * appending 10,000 typical entries 3, a refresh 2, a merge what its bytes need; every request and response under 4 MB (Excel on
 * the web refuses above 5 MB). Typical entries are Chinese, with a link and a short note.
 */
import { isoToSerial } from "../../src/core/dates";
import { checkEntry, type Entry } from "../../src/core/entries";
import { DISTRICTS, GOAL_IDS, SECTORS, UNMANNED_KINDS } from "../../src/core/plan";
import { applyTemplate } from "../../src/excel/apply-template";
import { addEntries } from "../../src/excel/register";
import { readTracking } from "../../src/excel/tables";
import { recordCellEdits } from "../../src/excel/trail";
import { mergeIntoWorkbook } from "../../src/excel/merge";
import { blankLedgerRow, type LedgerRow } from "../../src/core/ledger";
import type { Submission } from "../../src/core/submission";
import { FakeContext, FakeWorkbook } from "../support/excel-double";

const STATUSES = ["已认定", "已认定", "推进中", "候选"];

function typicalEntries(count: number): Entry[] {
  const start = isoToSerial("2020-04-08");
  return Array.from({ length: count }, (_, i) => {
    const goal = GOAL_IDS[i % GOAL_IDS.length];
    const checked = checkEntry({
      goal,
      name: `上海某某数字科技有限公司第${i + 1}号`,
      kind: goal === "UNMANNED" ? UNMANNED_KINDS[i % UNMANNED_KINDS.length].id : null,
      sector: SECTORS[i % SECTORS.length].id,
      district: DISTRICTS[i % DISTRICTS.length].id,
      date: start + ((i * 37) % 1000),
      status: STATUSES[i % STATUSES.length],
      evidence: `https://sheitc.sh.gov.cn/xxgk/${100000 + i}.html`,
      notes: "列入市级名单，已核实材料",
      enteredBy: "王晓明",
    });
    if (!checked.entry) throw new Error(JSON.stringify(checked.issues));
    return checked.entry;
  });
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

function line(what: string, context: FakeContext, budget: number, ms: number): string {
  const request = Math.max(0, ...context.requestBytes);
  const response = Math.max(0, ...context.responseBytes);
  const within = context.syncCount <= budget && request < 4_000_000 && response < 4_000_000;
  return (
    `${what.padEnd(34)} ${String(context.syncCount).padStart(3)} syncs (budget ${budget})  ` +
    `largest request ${mb(request).padStart(8)}  largest response ${mb(response).padStart(8)}  ` +
    `${ms.toFixed(0).padStart(5)} ms  ${within ? "met" : "NOT met"}`
  );
}

async function measure(
  what: string,
  budget: number,
  run: (context: Excel.RequestContext) => Promise<unknown>,
  workbook: FakeWorkbook,
) {
  const context = new FakeContext(workbook);
  const started = performance.now();
  await run(context as unknown as Excel.RequestContext);
  console.log(line(what, context, budget, performance.now() - started));
}

async function main(): Promise<void> {
  const workbook = FakeWorkbook.withSheets("Sheet1", "我的表");
  await measure("apply to a new workbook (zh)", 4, (c) => applyTemplate(c, "zh"), workbook);
  await measure("apply again (repair, no change)", 4, (c) => applyTemplate(c, "zh"), workbook);
  const entries = typicalEntries(10_000);
  // 3 since version 7: the Register's four new columns (credit code, provenance) take 10,000
  // typical rows just over one request.
  await measure(
    "append 10,000 typical entries",
    3,
    (c) => addEntries(c, entries, "zh", isoToSerial("2022-12-31")),
    workbook,
  );
  // One more request than before version 6: the Status rules table is read once known to exist.
  await measure("refresh, 10,000 rows", 2, (c) => readTracking(c), workbook);
  await measure(
    "append 30,000 more",
    1 + 4,
    (c) => addEntries(c, typicalEntries(30_000), "zh", isoToSerial("2022-12-31")),
    workbook,
  );
  await measure("refresh, 40,000 rows", 6, (c) => readTracking(c), workbook);
  const perRow = new FakeContext(workbook);
  await readTracking(perRow as unknown as Excel.RequestContext);
  const bytes = perRow.responseBytes.reduce((sum, b) => sum + b, 0);
  console.log(`a typical register row is about ${Math.round(bytes / 40_000)} bytes as sent`);
  // The change trail at 40,000 rows: the first refresh takes the baseline (the record written
  // whole); an unchanged register then costs the one read of the record and writes nothing.
  const snapshot = await readTracking(new FakeContext(workbook) as unknown as Excel.RequestContext);
  const at = isoToSerial("2023-01-05") + 0.5;
  await measure(
    "record the baseline, 40,000 rows",
    1 + 2 + 6,
    (c) => recordCellEdits(c, snapshot.register, at, "王晓明", "zh"),
    workbook,
  );
  // The record is read as the Register is: one request per 4 MB (at 40,000 rows, a refresh's cost again).
  await measure(
    "look for cell edits, none, 40,000",
    4,
    (c) => recordCellEdits(c, snapshot.register, at, "王晓明", "zh"),
    workbook,
  );
  await measure(
    "add 1,000 entries in the pane (trail)",
    2 + 1 + 1,
    (c) =>
      addEntries(
        c,
        typicalEntries(1_000).map((e) => ({ ...e, name: `${e.name}（新）` })),
        "zh",
        at,
        { who: "王晓明" },
      ),
    workbook,
  );

  // The city's merge of 16 district workbooks of 5,000 rows into a new workbook, in the pane.
  const city = FakeWorkbook.withSheets("Sheet1");
  await applyTemplate(new FakeContext(city) as unknown as Excel.RequestContext, "zh");
  const submissions: Submission[] = DISTRICTS.map((district, d) => ({
    file: `${district.label.zh}.xlsx`,
    language: "zh",
    version: 7,
    reportingUnit: district.label.zh,
    asOf: undefined,
    savedAt: undefined,
    rows: typicalEntries(5_000).map((entry): LedgerRow => ({
      ...blankLedgerRow(),
      goal: entry.goal,
      name: `${entry.name}（${d + 1}）`,
      status: entry.status,
      date: entry.date ?? null,
      district: district.id,
      sector: entry.sector ?? null,
      evidence: entry.evidence ?? null,
      notes: entry.notes ?? null,
      enteredBy: entry.enteredBy ?? null,
    })),
  }));
  // Two reads, then about one request per 3.6 MB written (Register, Merges and record): the
  // budget is what the bytes written need, and every request stays under the limit.
  const merging = new FakeContext(city);
  const started = performance.now();
  await mergeIntoWorkbook(merging as unknown as Excel.RequestContext, submissions, at, "王晓明");
  const written = merging.requestBytes.reduce((sum, b) => sum + b, 0);
  // One more than the bytes need: a request is sent when the next table's block would not fit.
  const budget = 2 + Math.ceil(written / 3_600_000) + 1;
  console.log(
    `${line("merge 16 x 5,000 rows (pane)", merging, budget, performance.now() - started)}  (${mb(written)} written)`,
  );
}

void main();
