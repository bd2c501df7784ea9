/**
 * The build report: how much JavaScript the task pane page loads, against the budget of 200 KB
 * gzipped (1 KB = 1024 bytes, gzip level 9 as a server would send it at best).
 *
 * - "At start": every script the page names in a <script src> tag, each file counted on its own
 *   (each is its own download). Scripts from another origin (office.js from Microsoft's CDN) are
 *   listed as external and not counted, and so is a local copy of office.js (the test build
 *   serves it from dist/): it is Office's library, which Excel loads whatever the add-in does.
 * - "Lazy": every other script in the folder that the page's scripts can load later (the views
 *   not on screen at start, and the chunks they share). Webpack's runtime names a lazy chunk by
 *   its content hash, so a chunk counts as loadable when a loaded script mentions its file name or
 *   its hash as a string literal; chunks loaded by those chunks count too.
 *
 * The budget verdict is on the scripts loaded at start; the total with every view opened is shown
 * beside it.
 *
 * Usage: ts-node tools/build/bundle-report.ts [dist] [page.html]   (exit 1 when over budget)
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { basename, dirname, join, posix, relative, resolve, sep } from "path";
import { constants, gzipSync } from "zlib";

export const KB = 1024;
export const BUDGET_BYTES = 200 * KB;

export interface ScriptSize {
  /** The path inside the dist folder, with forward slashes. */
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface ExternalScript {
  /** The src as written in the page. */
  readonly src: string;
  readonly reason: string;
}

export interface SizeTotal {
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface BundleReport {
  readonly html: string;
  /** The page's scripts in document order. */
  readonly atStart: readonly ScriptSize[];
  readonly external: readonly ExternalScript[];
  /** Scripts the page can load later, largest first. */
  readonly lazy: readonly ScriptSize[];
  readonly totals: { readonly atStart: SizeTotal; readonly withEveryView: SizeTotal };
  readonly budget: {
    readonly limitBytes: number;
    /** Gzipped bytes loaded at start. */
    readonly usedBytes: number;
    readonly withinBudget: boolean;
    /** Also within the budget with every view opened. */
    readonly withEveryViewWithinBudget: boolean;
  };
}

const EXTERNAL_REASON = "external, not counted";
const OFFICE_JS_REASON = "local copy of Office's library, not counted";

/** The src of every <script> tag that has one, in document order (comments skipped). */
export function scriptSources(html: string): string[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  const sources: string[] = [];
  for (const tag of withoutComments.matchAll(/<script\b([^>]*)>/gi)) {
    const src = /(?:^|\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(tag[1]);
    const value = src ? (src[1] ?? src[2] ?? src[3]).trim() : "";
    if (value) sources.push(value);
  }
  return sources;
}

function isAbsoluteUrl(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src);
}

export function sizeOf(content: Buffer): { rawBytes: number; gzipBytes: number } {
  return {
    rawBytes: content.length,
    gzipBytes: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length,
  };
}

/** Every .js file below `dir`, as paths relative to `root` with forward slashes. */
function listScripts(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listScripts(root, full));
    else if (entry.isFile() && entry.name.endsWith(".js")) files.push(toPosix(relative(root, full)));
  }
  return files.sort();
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** The content hash in a webpack chunk name such as view-register.e239c3c5.js, if any. */
function contentHash(file: string): string | undefined {
  return /\.([0-9a-f]{6,})\.js$/i.exec(file)?.[1];
}

function mentions(code: string, file: string): boolean {
  if (code.includes(posix.basename(file))) return true;
  const hash = contentHash(file);
  return hash !== undefined && (code.includes(`"${hash}"`) || code.includes(`'${hash}'`));
}

function total(rows: readonly ScriptSize[]): SizeTotal {
  return {
    rawBytes: rows.reduce((sum, row) => sum + row.rawBytes, 0),
    gzipBytes: rows.reduce((sum, row) => sum + row.gzipBytes, 0),
  };
}

/** Measures what `htmlFile` (a page in `distDir`) loads at start and can load later. */
export function bundleReport(distDir: string, htmlFile = "taskpane.html"): BundleReport {
  const root = resolve(distDir);
  const htmlPath = resolve(root, htmlFile);
  const html = readFileSync(htmlPath, "utf8");
  const pageDir = toPosix(relative(root, dirname(htmlPath)));

  const external: ExternalScript[] = [];
  const atStart: ScriptSize[] = [];
  const code = new Map<string, string>();
  for (const src of scriptSources(html)) {
    if (isAbsoluteUrl(src)) {
      external.push({ src, reason: EXTERNAL_REASON });
      continue;
    }
    const path = decodeURIComponent(src.split(/[?#]/, 1)[0]);
    const file = path.startsWith("/") ? posix.normalize(path.slice(1)) : posix.join(pageDir, path);
    if (file.startsWith("../")) throw new Error(`${htmlFile} loads ${src}, which is outside ${distDir}`);
    if (basename(file) === "office.js") {
      external.push({ src, reason: OFFICE_JS_REASON });
      continue;
    }
    if (code.has(file)) continue; // the same file named twice is downloaded once
    let content: Buffer;
    try {
      content = readFileSync(join(root, file));
    } catch {
      throw new Error(`${htmlFile} loads ${src}, which is not in ${distDir}`);
    }
    code.set(file, content.toString("utf8"));
    atStart.push({ file, ...sizeOf(content) });
  }

  // Chunks the loaded scripts can load, then the chunks those can load, until nothing is added.
  const lazy: ScriptSize[] = [];
  let candidates = listScripts(root).filter((file) => !code.has(file) && basename(file) !== "office.js");
  let searched = [...code.values()];
  while (searched.length > 0 && candidates.length > 0) {
    const found = candidates.filter((file) => searched.some((text) => mentions(text, file)));
    candidates = candidates.filter((file) => !found.includes(file));
    searched = [];
    for (const file of found) {
      const content = readFileSync(join(root, file));
      searched.push(content.toString("utf8"));
      lazy.push({ file, ...sizeOf(content) });
    }
  }
  lazy.sort((a, b) => b.gzipBytes - a.gzipBytes || a.file.localeCompare(b.file));

  const startTotal = total(atStart);
  const everyTotal = total([...atStart, ...lazy]);
  return {
    html: toPosix(relative(root, htmlPath)),
    atStart,
    external,
    lazy,
    totals: { atStart: startTotal, withEveryView: everyTotal },
    budget: {
      limitBytes: BUDGET_BYTES,
      usedBytes: startTotal.gzipBytes,
      withinBudget: startTotal.gzipBytes <= BUDGET_BYTES,
      withEveryViewWithinBudget: everyTotal.gzipBytes <= BUDGET_BYTES,
    },
  };
}

/** Bytes as KB with one decimal (1 KB = 1024 bytes). */
export function kb(bytes: number): string {
  return (bytes / KB).toFixed(1);
}

/** The report as a table for the terminal. */
export function formatBundleReport(report: BundleReport): string {
  /** [name, raw KB, gzip KB] for a size (blank sizes for a heading), or [name, note] for a script not counted. */
  type Row = readonly [string, string, string] | readonly [string, string];
  const body: Row[] = [];
  const size = (label: string, bytes: SizeTotal): Row => [label, kb(bytes.rawBytes), kb(bytes.gzipBytes)];

  body.push(["At start", "", ""]);
  for (const script of report.atStart) body.push(size(`  ${script.file}`, script));
  for (const script of report.external) body.push([`  ${script.src}`, script.reason]);
  body.push(["Lazy (loaded when first needed)", "", ""]);
  if (report.lazy.length === 0) body.push(["  (none)", "", ""]);
  for (const script of report.lazy) body.push(size(`  ${script.file}`, script));
  const totals = [
    size("Total at start", report.totals.atStart),
    size("Total at start + every view", report.totals.withEveryView),
  ];
  const header: Row = ["Script", "Raw KB", "Gzip KB"];

  // Notes (long external URLs) do not widen the columns.
  const sized = [header, ...body, ...totals].filter((row) => row.length === 3);
  const widths = [0, 1, 2].map((i) => Math.max(...sized.map((row) => (row[i] ?? "").length)));
  const format = (row: Row) =>
    row.length === 3
      ? `${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2].padStart(widths[2])}`.trimEnd()
      : `${row[0]}  (${row[1]})`;
  const rule = "-".repeat(widths[0] + widths[1] + widths[2] + 4);

  const { budget } = report;
  const spare = budget.limitBytes - budget.usedBytes;
  const verdict = budget.withinBudget
    ? `within budget, ${kb(spare)} KB to spare`
    : `OVER BUDGET by ${kb(-spare)} KB`;
  const everyView = budget.withEveryViewWithinBudget ? "also within it" : "over it";
  return [
    `Bundle report for ${report.html} (gzip level 9, 1 KB = 1024 bytes)`,
    format(header),
    rule,
    ...body.map(format),
    rule,
    ...totals.map(format),
    "",
    `Budget: ${kb(budget.usedBytes)} KB of ${kb(budget.limitBytes)} KB gzipped at start: ${verdict}` +
      ` (with every view opened: ${kb(report.totals.withEveryView.gzipBytes)} KB, ${everyView}).`,
  ].join("\n");
}

export function main(argv: string[] = process.argv.slice(2)): number {
  if (argv.length > 2 || argv.some((arg) => arg.startsWith("-"))) {
    process.stderr.write("usage: bundle-report [dist] [page.html]\n");
    return 2;
  }
  const [dist = "dist", page = "taskpane.html"] = argv;
  try {
    if (!statSync(dist).isDirectory()) throw new Error(`not a folder: ${dist}`);
    const report = bundleReport(dist, page);
    process.stdout.write(`${formatBundleReport(report)}\n`);
    return report.budget.withinBudget ? 0 : 1;
  } catch (err) {
    process.stderr.write(`bundle-report: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
