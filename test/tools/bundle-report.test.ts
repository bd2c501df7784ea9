import { createHash } from "crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { gzipSync } from "zlib";
import {
  BUDGET_BYTES,
  bundleReport,
  formatBundleReport,
  KB,
  scriptSources,
} from "../../tools/build/bundle-report";

let dist: string;

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), "bundle-report-"));
});

afterEach(() => {
  rmSync(dist, { recursive: true, force: true });
});

function write(file: string, content: string | Buffer): void {
  mkdirSync(join(dist, file, ".."), { recursive: true });
  writeFileSync(join(dist, file), content);
}

const gzipSize = (content: string | Buffer) => gzipSync(content, { level: 9 }).length;

/** Bytes gzip cannot shrink: a chain of SHA-256 digests, so the fixture is the same every run. */
function incompressible(bytes: number): Buffer {
  const blocks: Buffer[] = [];
  let block = createHash("sha256").update("seed").digest();
  for (let size = 0; size < bytes; size += block.length) {
    blocks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, bytes);
}

const PAGE = `<!doctype html>
<html>
  <head>
    <script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
    <!-- <script src="commented-out.js"></script> -->
    <script defer="defer" src="taskpane.js"></script><script defer src='functions.js?v=1'></script>
    <script>window.inline = true;</script>
  </head>
  <body></body>
</html>`;

/** A webpack-like runtime naming its lazy chunks by id and content hash. */
const TASKPANE = `(()=>{r.u=e=>(({635:"view-history",854:"view-register"}[e]||e)+"."+{351:"ec7fdbba",635:"d899e3ce",854:"e239c3c5"}[e]+".js");render("overview");})();`;
const FUNCTIONS = "CustomFunctions.associate('COUNT', count);";

function writeFixture(): void {
  write("taskpane.html", PAGE);
  write("taskpane.js", TASKPANE);
  write("functions.js", FUNCTIONS);
  write("view-register.e239c3c5.js", "register view ".repeat(50));
  write("view-history.d899e3ce.js", "history view");
  write("351.ec7fdbba.js", "shared chunk of the views");
  // Not loadable from taskpane.html: another page's entry, its chunk, a source map, an asset.
  write("commented-out.js", "never loaded");
  write("excel-double.js", 'l.u=e=>e+"."+{12:"aaaabbbb"}[e]+".js"');
  write("12.aaaabbbb.js", "chunk of another entry");
  write("taskpane.js.map", "{}");
  write("assets/logo.png", Buffer.from([1, 2, 3]));
}

describe("scriptSources", () => {
  test("lists every src in document order, skipping comments and inline scripts", () => {
    expect(scriptSources(PAGE)).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "taskpane.js",
      "functions.js?v=1",
    ]);
  });

  test("reads unquoted and upper-case attributes", () => {
    expect(scriptSources(`<SCRIPT SRC=a.js></SCRIPT><script type="module" src = "b.js">`)).toEqual([
      "a.js",
      "b.js",
    ]);
  });
});

describe("bundleReport", () => {
  test("gives raw and gzip (level 9) sizes of each script the page loads at start", () => {
    writeFixture();
    const report = bundleReport(dist);
    expect(report.html).toBe("taskpane.html");
    expect(report.atStart).toEqual([
      { file: "taskpane.js", rawBytes: TASKPANE.length, gzipBytes: gzipSize(TASKPANE) },
      { file: "functions.js", rawBytes: FUNCTIONS.length, gzipBytes: gzipSize(FUNCTIONS) },
    ]);
    expect(report.totals.atStart).toEqual({
      rawBytes: TASKPANE.length + FUNCTIONS.length,
      gzipBytes: gzipSize(TASKPANE) + gzipSize(FUNCTIONS),
    });
  });

  test("lists absolute URLs as external and does not count them", () => {
    writeFixture();
    write(
      "taskpane.html",
      PAGE.replace("</head>", '<script src="//cdn.example.org/lib.js"></script></head>'),
    );
    const report = bundleReport(dist);
    expect(report.external).toEqual([
      { src: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js", reason: "external, not counted" },
      { src: "//cdn.example.org/lib.js", reason: "external, not counted" },
    ]);
    expect(report.atStart.map((s) => s.file)).toEqual(["taskpane.js", "functions.js"]);
  });

  test("does not count a local copy of office.js either", () => {
    writeFixture();
    write("taskpane.html", PAGE.replace(/https:[^"]*office\.js/, "office-js/office.js"));
    write("office-js/office.js", incompressible(50_000));
    const report = bundleReport(dist);
    expect(report.external.map((s) => s.src)).toEqual(["office-js/office.js"]);
    expect(report.atStart.map((s) => s.file)).toEqual(["taskpane.js", "functions.js"]);
    expect(report.lazy.map((s) => s.file)).not.toContain("office-js/office.js");
  });

  test("counts the lazy chunks the page's scripts can load separately, and only those", () => {
    writeFixture();
    const report = bundleReport(dist);
    const register = "register view ".repeat(50);
    expect(report.lazy.map((s) => s.file).sort()).toEqual([
      "351.ec7fdbba.js",
      "view-history.d899e3ce.js",
      "view-register.e239c3c5.js",
    ]);
    expect(report.atStart.map((s) => s.file)).not.toContain("view-register.e239c3c5.js");
    expect(report.lazy.find((s) => s.file.startsWith("view-register"))).toEqual({
      file: "view-register.e239c3c5.js",
      rawBytes: register.length,
      gzipBytes: gzipSize(register),
    });
    const lazyGzip = report.lazy.reduce((sum, s) => sum + s.gzipBytes, 0);
    const lazyRaw = report.lazy.reduce((sum, s) => sum + s.rawBytes, 0);
    expect(report.totals.withEveryView).toEqual({
      rawBytes: report.totals.atStart.rawBytes + lazyRaw,
      gzipBytes: report.totals.atStart.gzipBytes + lazyGzip,
    });
    expect(report.budget.usedBytes).toBe(report.totals.atStart.gzipBytes);
  });

  test("follows chunks loaded by lazy chunks, and chunks named by file name", () => {
    writeFixture();
    write("view-history.d899e3ce.js", 'import("./chart.js")');
    write("chart.js", "chart");
    expect(bundleReport(dist).lazy.map((s) => s.file)).toContain("chart.js");
  });

  test("is within budget at 200 KB gzipped at start, and over it above", () => {
    writeFixture();
    expect(BUDGET_BYTES).toBe(200 * 1024);
    const small = bundleReport(dist);
    expect(small.budget).toMatchObject({ limitBytes: 200 * KB, withinBudget: true });

    write("taskpane.js", Buffer.concat([Buffer.from(TASKPANE), incompressible(210 * KB)]));
    const large = bundleReport(dist);
    expect(large.budget.usedBytes).toBeGreaterThan(200 * KB);
    expect(large.budget.withinBudget).toBe(false);
    expect(large.budget.withEveryViewWithinBudget).toBe(false);
    expect(formatBundleReport(large)).toMatch(/OVER BUDGET by \d+\.\d KB/);
  });

  test("keeps the budget verdict on the start, and tells whether every view fits too", () => {
    writeFixture();
    write("view-register.e239c3c5.js", incompressible(210 * KB));
    const report = bundleReport(dist);
    expect(report.budget.withinBudget).toBe(true);
    expect(report.budget.withEveryViewWithinBudget).toBe(false);
  });

  test("serves a page from another file name and from a subfolder", () => {
    writeFixture();
    write("pages/other.html", '<script src="../functions.js"></script><script src="/taskpane.js"></script>');
    expect(bundleReport(dist, "pages/other.html").atStart.map((s) => s.file)).toEqual([
      "functions.js",
      "taskpane.js",
    ]);
  });

  test("fails when the page names a script that is not in the folder", () => {
    writeFixture();
    write("taskpane.html", '<script src="missing.js"></script>');
    expect(() => bundleReport(dist)).toThrow("missing.js");
  });
});

describe("formatBundleReport", () => {
  test("prints every script, the totals and the verdict", () => {
    writeFixture();
    const report = bundleReport(dist);
    const text = formatBundleReport(report);
    expect(text).toContain("taskpane.js");
    expect(text).toContain("view-register.e239c3c5.js");
    expect(text).toMatch(/https:\/\/appsforoffice\.microsoft\.com\S+ {2}\(external, not counted\)/);
    expect(text).toMatch(/Total at start +\d+\.\d +\d+\.\d/);
    expect(text).toMatch(/Total at start \+ every view +\d+\.\d +\d+\.\d/);
    expect(text).toContain("within budget, 199.");
    expect(text).not.toContain("OVER BUDGET");
  });
});
