/**
 * Benchmarks (npm run bench): COUNT, FORECAST and SUMMARY over 1,000,000-row register columns,
 * beside a bare loop computing the same count (the floor). Prints times, ratios and heap growth.
 * Targets: COUNT within 1.5x of the loop and under 1 s per million rows; no copy of the input.
 */
import { isoToSerial } from "../../src/core/dates";
import * as fns from "../../src/functions/functions";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEATS = 7;
const IDS = ["ENTERPRISES", "SCENARIOS", "BRANDS", "BREAKTHROUGHS", "UNMANNED", "PLATFORMS"];
const STATUSES = ["Recognized", "Recognized", "Recognized", "Candidate", "In progress", "Withdrawn"];
const START = isoToSerial("2020-04-08");
const AS_OF = isoToSerial("2021-12-31");

/** A register as Excel hands it to a custom function: three n x 1 matrices. */
function makeRegister(rows: number) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const goals: unknown[][] = new Array(rows);
  const statuses: unknown[][] = new Array(rows);
  const dates: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    goals[i] = [IDS[Math.floor(random() * IDS.length)]];
    statuses[i] = [STATUSES[Math.floor(random() * STATUSES.length)]];
    dates[i] = [START + Math.floor(random() * 1000)];
  }
  return { goals, statuses, dates };
}

function bareLoopCount(
  goals: unknown[][],
  statuses: unknown[][],
  dates: unknown[][],
  goal: string,
  asOf: number,
) {
  let count = 0;
  for (let i = 0; i < goals.length; i++) {
    if (goals[i][0] === goal && statuses[i][0] === "Recognized" && (dates[i][0] as number) <= asOf) count++;
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(run: () => T): { ms: number; result: T; heapGrowthMb: number } {
  const times: number[] = [];
  let result!: T;
  let heapGrowth = 0;
  for (let i = 0; i < REPEATS + 2; i++) {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    result = run();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapBefore);
    if (i >= 2) times.push(elapsed); // the first two runs warm the JIT up
  }
  return { ms: median(times), result, heapGrowthMb: heapGrowth / 2 ** 20 };
}

function main() {
  const { goals, statuses, dates } = makeRegister(ROWS);
  const inputMb = process.memoryUsage().heapUsed / 2 ** 20;
  const floor = time(() => bareLoopCount(goals, statuses, dates, "BRANDS", AS_OF));
  const count = time(() => fns.count(goals, "BRANDS", statuses, dates, AS_OF));
  const forecast = time(() => fns.forecast(goals, "BRANDS", statuses, dates, AS_OF));
  const summary = time(() => fns.summary(goals, statuses, dates, AS_OF, "en"));
  if (count.result !== floor.result)
    throw new Error(`COUNT ${count.result} differs from the loop ${floor.result}`);

  const perMillion = (ms: number) => (ms * 1_000_000) / ROWS;
  const line = (name: string, t: { ms: number; heapGrowthMb: number }) =>
    `${name.padEnd(10)} ${t.ms.toFixed(1).padStart(8)} ms  ${perMillion(t.ms).toFixed(1).padStart(8)} ms/M rows  ` +
    `${(t.ms / floor.ms).toFixed(2).padStart(6)}x loop  heap +${t.heapGrowthMb.toFixed(1)} MB`;
  console.log(
    `register: ${ROWS.toLocaleString("en")} rows (heap with input: ${inputMb.toFixed(0)} MB), median of ${REPEATS}`,
  );
  console.log(line("bare loop", floor));
  console.log(line("COUNT", count));
  console.log(line("FORECAST", forecast));
  console.log(line("SUMMARY", summary));
  const ratio = count.ms / floor.ms;
  console.log(
    `COUNT: ${ratio.toFixed(2)}x the bare loop (target <= 1.5x): ${ratio <= 1.5 ? "met" : "NOT met"}; ` +
      `${perMillion(count.ms).toFixed(0)} ms per million rows (target < 1000): ${perMillion(count.ms) < 1000 ? "met" : "NOT met"}`,
  );
}

main();
