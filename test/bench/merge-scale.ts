/**
 * Benchmark (npm run bench): `npm run workbook -- --merge` over 16 district workbooks of 5,000
 * rows each (Chinese, as the districts fill them in), built once with the command line. The merge
 * runs in its own process (as `npm run workbook` runs it) for its time and peak memory (RSS), then
 * in this one, phase by phase, for the split: reading the files, merging, writing the workbook.
 * Target: the merge within 10 s.
 */
import { spawn, spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { mergedTables, mergeInputs, readMergeInputs } from "../../src/cli/merge";
import { writeTablesFile } from "../../src/cli/write-workbook";
import { formatCsv } from "../../src/core/csv";
import { nowSerial } from "../../src/core/dates";
import { ENTRY_FIELD_LABELS, ENTRY_FIELDS, type EntryField } from "../../src/core/entries";
import { DISTRICTS, GOALS, SECTORS } from "../../src/core/plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../src/core/register";

const FILES = Number(process.env.BENCH_MERGE_FILES ?? DISTRICTS.length);
const ROWS = Number(process.env.BENCH_MERGE_ROWS ?? 5_000);
const BUDGET_S = 10;
const ROOT = join(__dirname, "..", "..");
const CLI = [join(ROOT, "tools", "run-cli.js"), "src/cli/workbook.ts"];

/** A district's register as its office fills it in: Chinese labels and names, most optional columns. */
function districtCsv(d: number, rows: number): string {
  const district = DISTRICTS[d % DISTRICTS.length];
  const header = ENTRY_FIELDS.map((field) => ENTRY_FIELD_LABELS[field].zh);
  const records = Array.from({ length: rows }, (_, i) => {
    const goal = GOALS[i % GOALS.length];
    const status = ENTRY_STATUS_IDS[i % ENTRY_STATUS_IDS.length];
    // Partial: a field added to the register later is left blank here.
    const cells: Partial<Record<EntryField, string>> = {
      goal: goal.label.zh,
      name: `${district.label.zh}${goal.label.zh}第${i + 1}号`,
      status: ENTRY_STATUS_LABELS[status].zh,
      // Within the plan's period, as a district's dates are (no warnings while the files are built).
      date: `202${1 + (i % 2)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      district: district.label.zh,
      kind: goal.id === "UNMANNED" ? "车间" : "",
      sector: SECTORS[i % SECTORS.length].label.zh,
      evidence: `https://example.com/${district.id.toLowerCase()}/${i + 1}`,
      notes: i % 10 === 0 ? `电话核实，跟进${i % 7}次` : "",
      enteredBy: "李伟",
    };
    return ENTRY_FIELDS.map((field) => cells[field] ?? "");
  });
  return formatCsv([header, ...records]);
}

function run(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

/** The district workbooks, written with the command line two at a time. */
async function districtWorkbooks(folder: string): Promise<string[]> {
  const paths = Array.from({ length: FILES }, (_, d) => join(folder, `district-${d + 1}.xlsx`));
  // One run first, so the command line is compiled once, not by runs racing.
  spawnSync(process.execPath, [...CLI, "--help"], { cwd: ROOT });
  for (let d = 0; d < FILES; d += 2) {
    await Promise.all(
      paths.slice(d, d + 2).map((path, k) => {
        const csv = path.replace(/\.xlsx$/, ".csv");
        writeFileSync(csv, districtCsv(d + k, ROWS));
        const unit = DISTRICTS[(d + k) % DISTRICTS.length].label.zh;
        return run(["--register", csv, "--out", path, "--lang", "zh-CN", "--reporting-unit", unit]).then(() =>
          rmSync(csv),
        );
      }),
    );
  }
  return paths;
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "bench-merge-"));
  try {
    const inputs = await districtWorkbooks(folder);
    const out = join(folder, "city.xlsx");
    const started = process.hrtime.bigint();
    const child = spawnSync(
      process.execPath,
      [
        "--require",
        join(__dirname, "report-usage.js"),
        ...CLI,
        "--merge",
        ...inputs,
        "--out",
        out,
        "--as-of",
        "2021-06-30",
      ],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 },
    );
    const total = seconds(started);
    const usage = /bench-usage (\{.*\})\s*$/.exec(child.stderr);
    if (child.status !== 0 || !usage)
      throw new Error(`merge: exit ${child.status}\n${child.stderr.slice(-2000)}`);
    const { maxRssKb } = JSON.parse(usage[1]) as { maxRssKb: number };
    const fileMb = statSync(out).size / 2 ** 20;
    rmSync(out);

    // The same merge phase by phase, in this process.
    let from = process.hrtime.bigint();
    const read = await readMergeInputs(inputs);
    const readS = seconds(from);
    from = process.hrtime.bigint();
    const at = nowSerial();
    const outcome = mergeInputs(read, at);
    const tables = mergedTables(outcome, at, "zh");
    const mergeS = seconds(from);
    from = process.hrtime.bigint();
    await writeTablesFile(out, { language: "zh", asOf: undefined, tables });
    const writeS = seconds(from);

    const rows = (FILES * ROWS).toLocaleString("en");
    console.log(
      `merge ${FILES} workbooks x ${ROWS.toLocaleString("en")} rows (${rows}): ${total.toFixed(1).padStart(6)} s  ` +
        `peak RSS ${(maxRssKb / 1024).toFixed(0).padStart(5)} MB  file ${fileMb.toFixed(1)} MB`,
    );
    console.log(
      `  in process: read ${readS.toFixed(1)} s, merge ${mergeS.toFixed(1)} s, write ${writeS.toFixed(1)} s ` +
        `(${outcome.appended.length.toLocaleString("en")} rows added, ${outcome.conflicts.length} conflicts)`,
    );
    const ratio = total / BUDGET_S;
    console.log(
      `merge within ${BUDGET_S} s: ${ratio.toFixed(2)}x the budget: ${total <= BUDGET_S ? "met" : "NOT met"}`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
