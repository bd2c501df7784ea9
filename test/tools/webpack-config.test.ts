/**
 * webpack.config.js loads its helpers (TypeScript in tools/) through ts-node, so it works from a
 * clean checkout with nothing compiled first. Loaded here by plain Node in a child process, as
 * webpack-cli loads it, without building anything.
 */
import { spawnSync } from "child_process";
import { join } from "path";

const ROOT = join(__dirname, "../..");

/** Loads the config as `mode` in a fresh Node and prints what it resolved to. */
function loadConfig(mode: "development" | "production", env: Record<string, string | undefined>) {
  const script = `
    require("./webpack.config.js")({}, { mode: ${JSON.stringify(mode)} }).then((config) => {
      const copy = config.plugins.find((plugin) => plugin.constructor.name === "CopyPlugin");
      const manifest = copy.patterns.find((pattern) => pattern.from === "manifest.xml");
      const rewritten = manifest.transform(Buffer.from('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>'));
      const plugins = config.plugins.map((plugin) => plugin.constructor.name);
      const location = config.plugins.find((plugin) => plugin.constructor.name === "ManifestLocationPlugin");
      const manifestLocation = location ? location.baseUrl : null;
      console.log(JSON.stringify({ mode: config.mode, entries: Object.keys(config.entry), port: config.devServer.port, manifest: String(rewritten), plugins, manifestLocation }));
    });`;
  const environment = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete environment[key];
  return spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env: environment, encoding: "utf8" });
}

describe("webpack.config.js", () => {
  it("loads from source as a development build, keeping the development URLs", () => {
    const run = loadConfig("development", { ADDIN_BASE_URL: undefined });
    expect(run.stderr).toBe("");
    const config = JSON.parse(run.stdout);
    expect(config).toMatchObject({ mode: "development", port: 3000 });
    expect(config.entries).toEqual(["taskpane", "commands", "functions"]);
    expect(config.manifest).toContain("https://localhost:3000/taskpane.html");
  }, 30_000);

  it("adds allowErrorForDataTypeAny after both metadata files are emitted", () => {
    const config = JSON.parse(loadConfig("development", { ADDIN_BASE_URL: undefined }).stdout);
    const at = (name: string) => config.plugins.indexOf(name);
    expect(at("CustomFunctionsMetadataPlugin")).toBeGreaterThanOrEqual(0);
    expect(at("LocalizedFunctionsPlugin")).toBeGreaterThan(at("CustomFunctionsMetadataPlugin"));
    expect(at("AllowErrorArgumentsPlugin")).toBeGreaterThan(at("LocalizedFunctionsPlugin"));
  }, 30_000);

  it("rewrites the manifest to ADDIN_BASE_URL in a production build", () => {
    const run = loadConfig("production", { ADDIN_BASE_URL: "https://addin.example.org/tracker" });
    const config = JSON.parse(run.stdout);
    expect(config.manifest).toContain("https://addin.example.org/tracker/taskpane.html");
    expect(config.manifest).not.toContain("localhost");
  }, 30_000);

  it("ends a production build by naming the base URL and its manifest, and only a production build", () => {
    const production = loadConfig("production", { ADDIN_BASE_URL: "https://addin.example.org/tracker" });
    expect(JSON.parse(production.stdout).manifestLocation).toBe("https://addin.example.org/tracker/");
    const development = loadConfig("development", { ADDIN_BASE_URL: "https://addin.example.org/" });
    expect(JSON.parse(development.stdout).manifestLocation).toBeNull();
  }, 30_000);

  it.each([
    [undefined, "ADDIN_BASE_URL is not set"],
    ["http://addin.example.org/", "ADDIN_BASE_URL must use https"],
  ])(
    "stops a production build with one line when ADDIN_BASE_URL is %j",
    (value, message) => {
      const run = loadConfig("production", { ADDIN_BASE_URL: value });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(message);
    },
    30_000,
  );
});
