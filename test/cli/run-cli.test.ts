/**
 * tools/run-cli.js, the cached build behind `npm run workbook`, in a scratch tree of its own: the
 * real run-cli.js and compiler settings, and a small program in place of the command line (the
 * build does not depend on what the program does). Five compiles in all, two of them at once.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";

jest.setTimeout(60_000);

const REPO = join(__dirname, "..", "..");
let tree = "";
const at = (...path: string[]) => join(tree, ...path);
const BUILD = () => at(".tmp", "cli-build");

const greeting = (version: string) => `export const greeting = (): string => "${version}";\n`;
const PROGRAM = `import { greeting } from "./greeting";
export async function main(args: string[]): Promise<number> {
  const { extra } = await import("./extra");
  process.stdout.write(\`\${greeting()} \${extra()} \${args.join(" ")}\\n\`);
  return 0;
}
`;
const PROGRAM_WITHOUT_EXTRA = `import { greeting } from "./greeting";
export async function main(args: string[]): Promise<number> {
  process.stdout.write(\`\${greeting()} \${args.join(" ")}\\n\`);
  return 0;
}
`;

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), "run-cli-"));
  mkdirSync(at("tools"));
  mkdirSync(at("src", "cli"), { recursive: true });
  for (const file of ["tools/run-cli.js", "tools/tsconfig.cli.json", "tsconfig.json"])
    copyFileSync(join(REPO, file), at(file));
  symlinkSync(join(REPO, "node_modules"), at("node_modules"), "junction");
  writeFileSync(at("src/cli/workbook.ts"), PROGRAM);
  writeFileSync(at("src/cli/greeting.ts"), greeting("v1"));
  writeFileSync(at("src/cli/extra.ts"), 'export const extra = (): string => "extra";\n');
});

afterAll(() => rmSync(tree, { recursive: true, force: true }));

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs run-cli.js in the scratch tree; `whileRunning` is called every few milliseconds until it ends. */
function runCli(args: readonly string[], whileRunning?: () => void): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [at("tools", "run-cli.js"), ...args], { cwd: tree });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = whileRunning ? setInterval(whileRunning, 5) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const runProgram = (...args: string[]) => runCli(["src/cli/workbook.ts", ...args]);
const MARKER = () => join(BUILD(), "marker");
const sideFolders = () => readdirSync(at(".tmp")).filter((name) => name !== "cli-build");
const stamp = () =>
  JSON.parse(readFileSync(join(BUILD(), "sources.json"), "utf8")) as { sources: [string, string][] };
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("tools/run-cli.js", () => {
  it("lets two runs at once on a fresh tree see only a whole build, and leaves one build folder", async () => {
    // Whenever the build folder is there, it holds the program and the stamp written last.
    const seen: string[] = [];
    const look = () => {
      if (existsSync(BUILD())) seen.push(existsSync(join(BUILD(), "sources.json")) ? "whole" : "half-built");
    };
    const runs = await Promise.all([runCli(["src/cli/workbook.ts", "a"], look), runProgram("b")]);
    expect(runs).toEqual([
      { code: 0, stdout: "v1 extra a\n", stderr: "" },
      { code: 0, stdout: "v1 extra b\n", stderr: "" },
    ]);
    expect(seen).toContain("whole");
    expect(seen).not.toContain("half-built");
    expect(readdirSync(at(".tmp"))).toEqual(["cli-build"]);
    expect(existsSync(join(BUILD(), "src/cli/workbook.js"))).toBe(true);
  });

  it("runs the build it has when nothing changed, without compiling", async () => {
    writeFileSync(MARKER(), "");
    expect(await runProgram("c")).toEqual({ code: 0, stdout: "v1 extra c\n", stderr: "" });
    expect(existsSync(MARKER())).toBe(true);
  });

  it("stamps the sources as they were before the compile, so one saved during it builds again", async () => {
    writeFileSync(at("src/cli/greeting.ts"), greeting("v2"));
    writeFileSync(at("src/cli/workbook.ts"), PROGRAM_WITHOUT_EXTRA);
    rmSync(at("src/cli/extra.ts"));
    let savedDuringCompile = false;
    const during = await runCli(["src/cli/workbook.ts", "d"], () => {
      if (savedDuringCompile || !readdirSync(at(".tmp")).some((name) => name.startsWith("cli-build.new-")))
        return;
      writeFileSync(at("src/cli/greeting.ts"), greeting("v3"));
      savedDuringCompile = true;
    });
    expect(savedDuringCompile).toBe(true);
    // The compile read v2 or v3, whichever was there when it read the file.
    expect(during).toMatchObject({ code: 0, stderr: "" });
    expect(during.stdout).toMatch(/^v[23] d\n$/);
    expect(existsSync(MARKER())).toBe(false);
    // The module deleted from the sources is gone from the build.
    expect(existsSync(join(BUILD(), "src/cli/extra.js"))).toBe(false);
    expect(stamp().sources).toContainEqual(["src/cli/greeting.ts", sha256(greeting("v2"))]);

    expect(await runProgram("e")).toEqual({ code: 0, stdout: "v3 e\n", stderr: "" });
    expect(stamp().sources).toContainEqual(["src/cli/greeting.ts", sha256(greeting("v3"))]);
    expect(sideFolders()).toEqual([]);
  });

  it("builds again when its stamp is cut short", async () => {
    const path = join(BUILD(), "sources.json");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length / 2));
    writeFileSync(MARKER(), "");
    expect(await runProgram("f")).toEqual({ code: 0, stdout: "v3 f\n", stderr: "" });
    expect(existsSync(MARKER())).toBe(false);
    expect(stamp().sources.length).toBeGreaterThan(3);
  });

  it("refuses any other program with one line and exit code 2", () => {
    for (const args of [["src/cli/other.ts"], ["src/cli/greeting.ts", "--help"], []]) {
      const run = spawnSync(process.execPath, [at("tools", "run-cli.js"), ...args], {
        cwd: tree,
        encoding: "utf8",
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(
        /^error: tools\/run-cli\.js runs only src\/cli\/workbook\.ts \(npm run workbook\)[^\n]*\n$/,
      );
    }
  });

  it("builds the program its compiler settings name", () => {
    const settings = readFileSync(join(REPO, "tools/tsconfig.cli.json"), "utf8");
    expect(settings).toMatch(/"files": \["\.\.\/src\/cli\/workbook\.ts"\]/);
    expect(readFileSync(join(REPO, "tools/run-cli.js"), "utf8")).toContain(
      'const ENTRY = "src/cli/workbook.ts";',
    );
  });
});
