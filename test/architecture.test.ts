/**
 * The layers the README describes, held by the imports: the core is pure, only src/excel (and the
 * pane's one door to it) touches Excel, the product never reaches into build tools or tests, and
 * the template reads the domain's facts from the core rather than supplying them.
 */
import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";

const ROOT = join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]);
}

/** Imports of `file` resolved to repository paths (package imports as they are). */
function resolvedImports(file: string): string[] {
  return importsOf(file).map((spec) =>
    spec.startsWith(".")
      ? relative(ROOT, join(ROOT, file, "..", spec))
          .split("\\")
          .join("/")
      : spec,
  );
}

const SRC = sourceFiles("src").map((file) => file.split("\\").join("/"));
const CORE = SRC.filter((file) => file.startsWith("src/core/"));

describe("the layers", () => {
  it("finds the source files", () => {
    expect(CORE.length).toBeGreaterThan(15);
    expect(SRC).toContain("src/excel/apply-template.ts");
  });

  it("keeps the core pure: no Office, React or DOM", () => {
    const offenders = CORE.filter((file) => {
      const code = readFileSync(join(ROOT, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      const packages = importsOf(file).filter((spec) => !spec.startsWith("."));
      return packages.length > 0 || /\b(Excel|Office|document|window)\.\w/.test(code);
    });
    expect(offenders).toEqual([]);
  });

  it("lets only src/excel and the pane's tracker client call Excel.run", () => {
    const callers = SRC.filter((file) => readFileSync(join(ROOT, file), "utf8").includes("Excel.run"));
    expect(callers.filter((file) => !file.startsWith("src/excel/"))).toEqual([
      "src/taskpane/tracker-client.ts",
    ]);
  });

  it("never imports build tools or tests into the product", () => {
    const offenders = SRC.flatMap((file) =>
      resolvedImports(file)
        .filter((target) => target.startsWith("tools/") || target.startsWith("test/"))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("has the template read domain facts from the core, not the core from the template", () => {
    // Only the files that read a workbook's tables, or write formulas over them, need its layout.
    const readers = [
      "src/core/register-csv.ts",
      "src/core/tracking.ts",
      "src/core/function-examples.ts",
      "src/core/submission.ts",
    ];
    const offenders = CORE.filter(
      (file) => !file.startsWith("src/core/template/") && !readers.includes(file),
    ).flatMap((file) =>
      resolvedImports(file)
        .filter((target) => target.startsWith("src/core/template/"))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });
});
