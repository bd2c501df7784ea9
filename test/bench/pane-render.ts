/**
 * Render benchmark (the second half of npm run bench, after npm run build:test): the time from
 * navigation to the overview rendered, for the task pane against the Excel test double
 * (taskpane-double.html?lang=en-US&template=1&rows=N, so it opens on the overview with N register
 * rows), beside the same figure for a minimal Fluent UI v9 page built the same way
 * (bench-minimal.html). The ratio is the figure to watch. Also prints the JavaScript each page
 * loaded. A report, not a test: nothing here fails on a slow machine.
 *
 * Each run uses a fresh browser context (cold cache). The moment is taken in the page itself:
 * an init script watches the DOM with a MutationObserver and records performance.now() (measured
 * from the start of the navigation) once the target is in the document:
 *   pane:    [data-testid="overview"] holding the six goal cards
 *   minimal: the heading
 *
 * Environment: BENCH_RENDER_RUNS (measured runs per page, default 9), BENCH_PANE_ROWS (default 1000).
 */
import { existsSync } from "fs";
import { join, resolve } from "path";
import { gzipSync } from "zlib";
import type { Browser, BrowserContext } from "playwright-core";
import { serveStatic, type StaticServer } from "../support/serve-static";
import { CHROMIUM_PATH, INSTALL_CHROMIUM, isLocal, launchChromium, TASK_PANE_VIEWPORT } from "../e2e/browser";

const RUNS = Math.max(1, Number(process.env.BENCH_RENDER_RUNS ?? 9));
const WARM_UP_RUNS = 1;
const PANE_ROWS = Math.max(0, Number(process.env.BENCH_PANE_ROWS ?? 1000));
const RENDER_TIMEOUT_MS = 30_000;

const DIST = resolve(__dirname, "../../dist");

interface Target {
  readonly name: string;
  readonly path: string;
  /** Evaluated in the page: true once the target is rendered. */
  readonly ready: string;
}

const PANE: Target = {
  name: "Task pane overview",
  path: `taskpane-double.html?lang=en-US&template=1&rows=${PANE_ROWS}`,
  ready: `(() => {
    const overview = document.querySelector('[data-testid="overview"]');
    return !!overview && overview.querySelectorAll('[data-testid^="card-"]').length === 6;
  })()`,
};

const MINIMAL: Target = {
  name: "Minimal Fluent UI v9 page",
  path: "bench-minimal.html",
  ready: `!!document.querySelector('[data-testid="bench-heading"]')`,
};

/** Records in window.__renderedAt the performance.now() at which `ready` first holds. */
function watchScript(ready: string): string {
  return `(() => {
    const check = () => {
      if (window.__renderedAt !== undefined || !(${ready})) return;
      window.__renderedAt = performance.now();
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

interface Run {
  readonly ms: number;
  /** The Excel double's own setup (template, rows), part of `ms`; undefined on the minimal page. */
  readonly setupMs: number | undefined;
  readonly scripts: readonly { url: string; raw: number; gzip: number }[];
  readonly errors: readonly string[];
}

async function measure(browser: Browser, server: StaticServer, target: Target): Promise<Run> {
  const context: BrowserContext = await browser.newContext({
    viewport: TASK_PANE_VIEWPORT,
    locale: "en-US",
    serviceWorkers: "block",
  });
  try {
    await context.route(
      (url) => !isLocal(url.toString()),
      (route) => route.abort("blockedbyclient"),
    );
    await context.addInitScript({ content: watchScript(target.ready) });
    const bodies: Promise<{ url: string; raw: number; gzip: number }>[] = [];
    const errors: string[] = [];
    context.on("response", (response) => {
      const url = response.url();
      if (!new URL(url).pathname.endsWith(".js") || response.status() !== 200) return;
      bodies.push(
        response
          .body()
          .then((body) => ({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })),
      );
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(new URL(target.path, server.url).toString(), { waitUntil: "commit" });
    const handle = await page.waitForFunction(
      () => (window as { __renderedAt?: number }).__renderedAt,
      null,
      {
        timeout: RENDER_TIMEOUT_MS,
      },
    );
    const ms = (await handle.jsonValue()) as number;
    const setupMs = await page.evaluate(() => (window as { __doubleSetupMs?: number }).__doubleSetupMs);
    await page.waitForLoadState("load");
    return { ms, setupMs, scripts: await Promise.all(bodies), errors };
  } finally {
    await context.close();
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmtMs = (ms: number) => `${ms.toFixed(0)} ms`;
const fmtKb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The Excel stand-in's bundle: loaded by the benchmark page, never by the add-in. */
const DOUBLE_SCRIPT = "excel-double.js";

function describeScripts(run: Run): string[] {
  const isDouble = (url: string) => new URL(url).pathname.endsWith(`/${DOUBLE_SCRIPT}`);
  const own = run.scripts.filter((s) => !isDouble(s.url));
  const raw = own.reduce((sum, s) => sum + s.raw, 0);
  const gzip = own.reduce((sum, s) => sum + s.gzip, 0);
  const double = own.length < run.scripts.length ? ` (besides ${DOUBLE_SCRIPT}, the Excel stand-in)` : "";
  return [
    `    JavaScript loaded: ${own.length} file${own.length === 1 ? "" : "s"}, ${fmtKb(raw)} raw, ${fmtKb(gzip)} gzipped${double}`,
    ...run.scripts.map(
      (s) =>
        `      ${new URL(s.url).pathname.slice(1).padEnd(32)} ${fmtKb(s.raw).padStart(10)} ${fmtKb(s.gzip).padStart(10)}`,
    ),
  ];
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`The render benchmark needs Chromium at ${CHROMIUM_PATH}. Install it with:\n`);
    process.stderr.write(`  ${INSTALL_CHROMIUM}\n`);
    return 1;
  }
  for (const page of ["taskpane-double.html", "bench-minimal.html"]) {
    if (!existsSync(join(DIST, page))) {
      process.stderr.write(`dist/${page} is missing: run \`npm run build:test\` first.\n`);
      return 1;
    }
  }
  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  try {
    const targets = [PANE, MINIMAL];
    const runs = new Map<Target, Run[]>(targets.map((t) => [t, []]));
    // Warm-up runs first, then the measured runs alternate between the pages, so that anything
    // the machine does meanwhile weighs on both alike.
    for (const target of targets)
      for (let i = 0; i < WARM_UP_RUNS; i++) await measure(browser, server, target);
    for (let i = 0; i < RUNS; i++)
      for (const target of targets) runs.get(target)!.push(await measure(browser, server, target));

    process.stdout.write(
      `\nRender benchmark: navigation start to rendered, headless Chromium, ${TASK_PANE_VIEWPORT.width}x` +
        `${TASK_PANE_VIEWPORT.height}, fresh context per run, ${WARM_UP_RUNS} warm-up + ${RUNS} measured runs\n`,
    );
    const medians = new Map<Target, number>();
    for (const target of targets) {
      const list = runs.get(target)!;
      const times = list.map((r) => r.ms);
      medians.set(target, percentile(times, 50));
      process.stdout.write(`\n  ${target.name} (${target.path})\n`);
      process.stdout.write(
        `    median ${fmtMs(percentile(times, 50))}, p90 ${fmtMs(percentile(times, 90))}` +
          ` (runs: ${times.map((t) => t.toFixed(0)).join(", ")})\n`,
      );
      const setups = list.map((r) => r.setupMs).filter((s): s is number => s !== undefined);
      if (setups.length > 0)
        process.stdout.write(
          `    of which the Excel double's setup (template, ${PANE_ROWS} rows): median ${fmtMs(percentile(setups, 50))}\n`,
        );
      process.stdout.write(`${describeScripts(list[list.length - 1]).join("\n")}\n`);
      const errors = [...new Set(list.flatMap((r) => r.errors))];
      if (errors.length > 0) process.stdout.write(`    page errors: ${errors.join("; ")}\n`);
    }
    const ratio = medians.get(PANE)! / medians.get(MINIMAL)!;
    process.stdout.write(`\n  Ratio (task pane median / minimal page median): ${ratio.toFixed(2)}x\n`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pane-render: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
