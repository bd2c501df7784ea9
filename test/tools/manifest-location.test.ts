/**
 * A production build ends with one line naming the base URL it rewrote the manifest to and where
 * that manifest is, so whoever deploys takes the manifest that matches their host.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import webpack from "webpack";
import {
  displayPath,
  MANIFEST_FILE,
  ManifestLocationPlugin,
  manifestLocationLine,
} from "../../tools/build/webpack-plugins";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "manifest-location-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A compiler that is never run: its hooks are called by hand with the stats given. */
function compilerWith(plugin: ManifestLocationPlugin, outputPath: string): webpack.Compiler {
  return webpack({
    mode: "production",
    context: dir,
    entry: {},
    output: { path: outputPath },
    plugins: [plugin],
  });
}

function statsOf(assets: readonly string[], errors = false): webpack.Stats {
  return {
    hasErrors: () => errors,
    compilation: { getAsset: (name: string) => (assets.includes(name) ? { name } : undefined) },
  } as unknown as webpack.Stats;
}

describe("the manifest location line", () => {
  it("names the base URL and the manifest's path", () => {
    expect(manifestLocationLine("https://addin.example.org/", join("dist", "manifest.xml"))).toBe(
      `Manifest for https://addin.example.org/: ${join("dist", "manifest.xml")}`,
    );
  });

  it("gives the path from the folder the build runs in, or in full when it is elsewhere", () => {
    const root = resolve(dir, "project");
    expect(displayPath(join(root, "dist", "manifest.xml"), root)).toBe(join("dist", "manifest.xml"));
    const outside = join(dir, "elsewhere", "manifest.xml");
    expect(displayPath(outside, root)).toBe(outside);
  });
});

describe("ManifestLocationPlugin", () => {
  it("prints the line once the build is done, with the normalized base URL", () => {
    const lines: string[] = [];
    const plugin = new ManifestLocationPlugin("https://addin.example.org/tracker", (line) =>
      lines.push(line),
    );
    const outputPath = join(process.cwd(), "dist");
    compilerWith(plugin, outputPath).hooks.afterDone.call(statsOf([MANIFEST_FILE, "taskpane.js"]));
    expect(lines).toEqual([
      `Manifest for https://addin.example.org/tracker/: ${join("dist", "manifest.xml")}`,
    ]);
  });

  it.each([
    ["the build failed", statsOf([MANIFEST_FILE], true)],
    ["no manifest was emitted", statsOf(["taskpane.js"])],
    ["the build stopped before it had stats", undefined],
  ])("says nothing when %s", (_, stats) => {
    const lines: string[] = [];
    const plugin = new ManifestLocationPlugin("https://addin.example.org/", (line) => lines.push(line));
    compilerWith(plugin, join(dir, "dist")).hooks.afterDone.call(stats as webpack.Stats);
    expect(lines).toEqual([]);
  });

  it("refuses a base URL the build would refuse", () => {
    expect(() => new ManifestLocationPlugin("http://addin.example.org/")).toThrow(/must use https/);
  });

  it("speaks after the run's callback, where webpack-cli prints its statistics", async () => {
    writeFileSync(join(dir, "entry.js"), "export const x = 1;\n");
    const lines: string[] = [];
    const plugin = new ManifestLocationPlugin("https://addin.example.org/", (line) => lines.push(line));
    const outputPath = join(dir, "dist");
    mkdirSync(outputPath);
    const compiler = webpack({
      mode: "none",
      context: dir,
      entry: "./entry.js",
      output: { path: outputPath },
      infrastructureLogging: { level: "none" },
      plugins: [
        // The manifest, as the copy step emits it in the real build.
        (c: webpack.Compiler) =>
          c.hooks.thisCompilation.tap("EmitManifest", (compilation) =>
            compilation.hooks.processAssets.tap("EmitManifest", () =>
              compilation.emitAsset(MANIFEST_FILE, new webpack.sources.RawSource("<OfficeApp/>")),
            ),
          ),
        plugin,
      ],
    });
    await new Promise<void>((done, fail) =>
      compiler.run((error, stats) => {
        if (error || !stats || stats.hasErrors()) fail(error ?? new Error(String(stats)));
        lines.push("statistics");
        done();
      }),
    );
    await new Promise<void>((done) => compiler.close(() => done()));
    expect(lines).toEqual([
      "statistics",
      manifestLocationLine("https://addin.example.org/", displayPath(join(outputPath, MANIFEST_FILE))),
    ]);
  }, 30_000);
});
