/**
 * Runs the command line (npm run workbook) from a JavaScript build, compiled again only when one of
 * its sources changed: starting TypeScript on every run would cost seconds.
 *
 * Usage: node tools/run-cli.js src/cli/workbook.ts [arguments...]
 * The build lives in .tmp/cli-build (git ignores it). Its stamp, sources.json, holds a hash of
 * each source as it was before the compile that built it, so a file saved during a compile makes
 * the next run compile again. A build is compiled into a folder of its own and renamed into place
 * whole: a run never sees a half-built folder, nor modules left over from an older build, and of
 * two runs building at once each ends with a complete build.
 */
const { createHash } = require("crypto");
const { spawnSync } = require("child_process");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("fs");
const { join, normalize, relative } = require("path");

const ROOT = join(__dirname, "..");
/** The one program built here; tsconfig.cli.json compiles it and what it imports. */
const ENTRY = "src/cli/workbook.ts";
const BUILDS = join(ROOT, ".tmp");
const OUT = join(BUILDS, "cli-build");
const STAMP = "sources.json";
const CONFIG = join(__dirname, "tsconfig.cli.json");
/** What the build depends on besides the TypeScript it compiles. */
const SETTINGS = [CONFIG, join(ROOT, "tsconfig.json"), join(__dirname, "run-cli.js")];
/** Folders of builds under way (new-) or replaced (old-), named with their process and time. */
const SIDE_FOLDER = /^cli-build\.(new|old)-\d+-(\d+)$/;
/** A side folder older than this was left by a run that died: it is removed. */
const ABANDONED_MS = 60 * 60 * 1000;

const hashOf = (path) =>
  existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : null;
const fromRoot = (path) => relative(ROOT, path).split("\\").join("/");

/** The hash of every file a build of src/ can compile, and of its settings. */
function snapshot() {
  const files = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return files(path);
      return /\.(tsx?|json)$/.test(entry.name) ? [path] : [];
    });
  return new Map([...SETTINGS, ...files(join(ROOT, "src"))].map((path) => [fromRoot(path), hashOf(path)]));
}

/** The source of each file of a build in `folder`: x.js from x.ts (or x.tsx), a .json as itself. */
function builtSources(folder, under = folder) {
  return readdirSync(under, { withFileTypes: true }).flatMap((entry) => {
    const path = join(under, entry.name);
    if (entry.isDirectory()) return builtSources(folder, path);
    const source = join(ROOT, relative(folder, path));
    if (source.endsWith(".js")) {
      const ts = source.replace(/\.js$/, ".ts");
      return [existsSync(ts) ? ts : `${ts}x`];
    }
    return source.endsWith(".json") && entry.name !== STAMP ? [source] : [];
  });
}

/** The stamp of a build in `folder`, from the hashes taken before it was compiled. */
function stampOf(folder, before) {
  const sources = [...SETTINGS, ...builtSources(folder)].map(fromRoot);
  return { entry: ENTRY, sources: sources.map((path) => [path, before.get(path) ?? null]) };
}

/** Whether the build in `folder` is whole and its sources are what it was compiled from. */
function isFresh(folder) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(folder, STAMP), "utf8"));
  } catch {
    // No stamp, or one that cannot be read or was cut short: the build is stale, and is redone.
    return false;
  }
  const sources = stamp && stamp.entry === ENTRY && Array.isArray(stamp.sources) ? stamp.sources : [];
  return (
    sources.length > SETTINGS.length &&
    existsSync(join(folder, ENTRY.replace(/\.ts$/, ".js"))) &&
    sources.every(
      (source) =>
        Array.isArray(source) && source[1] !== null && hashOf(join(ROOT, String(source[0]))) === source[1],
    )
  );
}

function removeAbandoned() {
  if (!existsSync(BUILDS)) return;
  for (const name of readdirSync(BUILDS)) {
    const side = SIDE_FOLDER.exec(name);
    if (side && Date.now() - Number(side[2]) > ABANDONED_MS)
      rmSync(join(BUILDS, name), { recursive: true, force: true });
  }
}

const sideFolder = (kind) => join(BUILDS, `cli-build.${kind}-${process.pid}-${Date.now()}`);

/** Compiles a build into a folder of its own; returns that folder. */
function compile() {
  const before = snapshot();
  const folder = sideFolder("new");
  mkdirSync(folder, { recursive: true });
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", CONFIG, "--outDir", folder], { stdio: "inherit" });
  if (result.status !== 0) {
    rmSync(folder, { recursive: true, force: true });
    process.stderr.write("error: the command line could not be compiled (see above)\n");
    process.exit(1);
  }
  writeFileSync(join(folder, STAMP), JSON.stringify(stampOf(folder, before)));
  return folder;
}

/**
 * Puts a finished build in place of a stale one; returns the folder to run from. When another
 * run put a build there first, its build is used if fresh, else this run's own (removed at exit).
 */
function install(folder) {
  if (isFresh(OUT)) {
    rmSync(folder, { recursive: true, force: true });
    return OUT;
  }
  if (existsSync(OUT)) {
    const old = sideFolder("old");
    try {
      renameSync(OUT, old);
    } catch (error) {
      // Another run moved it first; anything else is a real failure.
      if (error.code !== "ENOENT") throw error;
    }
    rmSync(old, { recursive: true, force: true });
  }
  try {
    renameSync(folder, OUT);
    return OUT;
  } catch (error) {
    // A folder there now is another run's build, renamed in first; anything else is a failure.
    if (!existsSync(OUT)) throw error;
  }
  if (isFresh(OUT)) {
    rmSync(folder, { recursive: true, force: true });
    return OUT;
  }
  process.on("exit", () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The folder of a fresh build of the command line, compiled first if a source changed. */
function ensureBuilt() {
  if (isFresh(OUT)) return OUT;
  removeAbandoned();
  return install(compile());
}

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry || normalize(entry) !== normalize(ENTRY)) {
    const given = entry ? `, not ${entry}` : "";
    process.stderr.write(`error: tools/run-cli.js runs only ${ENTRY} (npm run workbook)${given}\n`);
    process.exit(2);
  }
  const program = require(join(ensureBuilt(), ENTRY.replace(/\.ts$/, ".js")));
  program.main(args).then((code) => {
    process.exitCode = code;
  });
}
