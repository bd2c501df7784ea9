/**
 * Benchmark (npm run bench): the command line writing workbooks from register CSVs of 25,000 to
 * 200,000 rows, each run in its own process (as `npm run workbook` runs it) to measure its time and
 * peak memory (RSS). Targets: 100,000 rows within 20 s and 1 GB; 200,000 within 2.3x the time of
 * 100,000.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { formatCsv } from "../../src/core/csv";
import { DISTRICTS, GOALS, SECTORS } from "../../src/core/plan";
import { ENTRY_FIELD_LABELS, ENTRY_FIELDS, type EntryField } from "../../src/core/entries";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../src/core/register";

const SIZES = (process.env.BENCH_CLI_ROWS ?? "25000,50000,100000,200000").split(",").map(Number);
const ROOT = join(__dirname, "..", "..");

/** A register as people fill it in: every goal, most optional columns, a note now and then. */
function registerCsv(rows: number): string {
  const header = ENTRY_FIELDS.map((field) => ENTRY_FIELD_LABELS[field].en);
  const records = Array.from({ length: rows }, (_, i) => {
    const goal = GOALS[i % GOALS.length];
    const status = ENTRY_STATUS_IDS[i % ENTRY_STATUS_IDS.length];
    const cells: Record<EntryField, string> = {
      goal: goal.label.en,
      name: `${goal.label.en} entry ${i + 1}`,
      status: ENTRY_STATUS_LABELS[status].en,
      date: `202${i % 3}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      district: DISTRICTS[i % DISTRICTS.length].label.en,
      kind: goal.id === "UNMANNED" ? "Workshop" : "",
      sector: SECTORS[i % SECTORS.length].label.en,
      evidence: `https://example.com/register/${i + 1}`,
      notes: i % 10 === 0 ? `Checked by phone, ${i % 7} follow-ups` : "",
      enteredBy: "Li Wei",
      creditCode: "",
    };
    return ENTRY_FIELDS.map((field) => cells[field]);
  });
  return formatCsv([header, ...records]);
}

interface Measure {
  readonly rows: number;
  readonly seconds: number;
  readonly rssMb: number;
  readonly fileMb: number;
}

function measure(folder: string, rows: number): Measure {
  const csv = join(folder, `register-${rows}.csv`);
  const out = join(folder, `workbook-${rows}.xlsx`);
  writeFileSync(csv, registerCsv(rows));
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      "--require",
      join(__dirname, "report-usage.js"),
      join(ROOT, "tools", "run-cli.js"),
      "src/cli/workbook.ts",
    ].concat(["--register", csv, "--out", out, "--as-of", "2021-06-30"]),
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = /bench-usage (\{.*\})\s*$/.exec(child.stderr);
  if (child.status !== 0 || !usage)
    throw new Error(`${rows} rows: exit ${child.status}\n${child.stderr.slice(-2000)}`);
  const { maxRssKb } = JSON.parse(usage[1]) as { maxRssKb: number };
  const fileMb = statSync(out).size / 2 ** 20;
  rmSync(csv);
  rmSync(out);
  return { rows, seconds, rssMb: maxRssKb / 1024, fileMb };
}

function main() {
  const folder = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    // One run first, so the timed ones do not include compiling the command line.
    measure(folder, 10);
    const results = SIZES.map((rows) => {
      const result = measure(folder, rows);
      console.log(
        `workbook ${rows.toLocaleString("en").padStart(9)} rows: ${result.seconds.toFixed(1).padStart(6)} s  ` +
          `peak RSS ${result.rssMb.toFixed(0).padStart(5)} MB  file ${result.fileMb.toFixed(1)} MB`,
      );
      return result;
    });
    const at = (rows: number) => results.find((r) => r.rows === rows);
    const hundred = at(100_000);
    const twoHundred = at(200_000);
    if (hundred) {
      const met = hundred.seconds <= 20 && hundred.rssMb <= 1024;
      console.log(`100,000 rows within 20 s and 1 GB: ${met ? "met" : "NOT met"}`);
    }
    if (hundred && twoHundred) {
      const ratio = twoHundred.seconds / hundred.seconds;
      console.log(
        `200k/100k time ${ratio.toFixed(2)}x (target <= 2.3x): ${ratio <= 2.3 ? "met" : "NOT met"}`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main();
