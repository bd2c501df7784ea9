/**
 * npm start: serve the add-in from the development server (DEV_BASE_URL) and sideload
 * manifest.xml into Excel.
 *
 *   Windows  registers the manifest as a developer add-in (HKCU\Software\Microsoft\Office\16.0\WEF\Developer,
 *            value named after the manifest's <Id>, data the manifest's absolute path), then opens Excel.
 *   macOS    copies the manifest into Excel's wef folder, then opens Excel.
 *   Linux    (or when sideloading fails) prints the steps to upload the manifest into Excel on the web.
 *
 * In every case the development server keeps running until interrupted (Ctrl+C).
 */
import { spawn, type ChildProcess } from "child_process";
import { copyFileSync, mkdirSync, readFileSync } from "fs";
import { get as httpsGet } from "https";
import { homedir } from "os";
import { posix, resolve } from "path";
import { DEV_BASE_URL } from "./build/dev-server";
import { firstLine } from "./first-line";
import { child, descendants, parseManifest } from "./manifest-xml";

export const WINDOWS_DEVELOPER_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";
/** Under the home folder: where Excel for Mac looks for sideloaded manifests. */
export const MAC_WEF_FOLDER = "Library/Containers/com.microsoft.Excel/Data/Documents/wef";

const READY_TIMEOUT_MS = 180_000;
const READY_POLL_MS = 1000;

export interface ManifestInfo {
  /** The add-in's <Id> (a GUID). */
  readonly id: string;
  /** The label of the ribbon button that opens the task pane, or the add-in's display name. */
  readonly buttonLabel: string;
}

export interface CommandStep {
  readonly command: string;
  readonly args: readonly string[];
}

export interface SideloadPlan {
  readonly platform: NodeJS.Platform;
  /** One line saying what will happen. */
  readonly summary: string;
  /** Folders to create (with parents) before copying. */
  readonly createFolders: readonly string[];
  readonly copies: readonly { readonly from: string; readonly to: string }[];
  /** Programs to run in order; a failure stops the plan (then the web steps are printed). */
  readonly commands: readonly CommandStep[];
  /** Printed after a successful automatic sideload. */
  readonly notes: readonly string[];
  /** Printed when there is nothing to do automatically, or it failed. */
  readonly webSteps: readonly string[];
}

/** Reads the <Id> and the ribbon button's label from an add-in only (XML) manifest. */
export function readManifestInfo(xml: string): ManifestInfo {
  const root = parseManifest(xml);
  const id = child(root, "Id")?.text.trim();
  if (!id) throw new Error("manifest.xml has no <Id>");
  const resid = child(descendants(root, (e) => e.name === "Control")[0], "Label")?.attributes.resid;
  const label = descendants(root, (e) => e.name === "String" && e.attributes.id === resid)[0]?.attributes
    .DefaultValue;
  const displayName = child(root, "DisplayName")?.attributes.DefaultValue;
  return { id, buttonLabel: (resid && label) || displayName || "the add-in's button" };
}

/** The numbered steps to sideload into Excel on the web, where nothing can be done automatically. */
export function webSideloadSteps(manifestPath: string, buttonLabel: string): string[] {
  return [
    `Keep this command running: it serves the add-in at ${DEV_BASE_URL}.`,
    `In the browser you will use for Excel, open ${DEV_BASE_URL}taskpane.html once; if it warns about the certificate, accept it (the development certificate may be self-signed).`,
    "Go to https://www.office.com, sign in, and open or create an Excel workbook.",
    "In the workbook choose Home > Add-ins > More add-ins > My add-ins > Upload My Add-in.",
    `Choose Browse, select ${manifestPath}, then Upload.`,
    `On the Home tab, choose "${buttonLabel}" to open the task pane.`,
  ].map((step, i) => `${i + 1}. ${step}`);
}

/**
 * What `npm start` does to sideload the add-in on `platform`: pure, so it can be tested anywhere.
 * `manifestPath` is absolute (on that platform); `homeDir` is the user's home folder.
 */
export function sideloadPlan(
  platform: NodeJS.Platform,
  manifestPath: string,
  homeDir: string,
  manifest: ManifestInfo,
): SideloadPlan {
  const webSteps = webSideloadSteps(manifestPath, manifest.buttonLabel);
  const none = { createFolders: [], copies: [], commands: [] };
  if (platform === "win32") {
    return {
      ...none,
      platform,
      summary: `Registering ${manifestPath} as a developer add-in and opening Excel.`,
      commands: [
        {
          command: "reg",
          args: ["add", WINDOWS_DEVELOPER_KEY, "/v", manifest.id, "/t", "REG_SZ", "/d", manifestPath, "/f"],
        },
        { command: "cmd", args: ["/d", "/c", "start", "excel"] },
      ],
      notes: [
        `In Excel, choose "${manifest.buttonLabel}" on the Home tab. If Excel was already open, close it and run npm start again.`,
        `To remove the add-in later: reg delete ${WINDOWS_DEVELOPER_KEY} /v ${manifest.id} /f`,
      ],
      webSteps,
    };
  }
  if (platform === "darwin") {
    const folder = posix.join(homeDir, MAC_WEF_FOLDER);
    const target = posix.join(folder, `${manifest.id}.${posix.basename(manifestPath)}`);
    return {
      platform,
      summary: `Copying ${manifestPath} into Excel's add-in folder and opening Excel.`,
      createFolders: [folder],
      copies: [{ from: manifestPath, to: target }],
      commands: [{ command: "open", args: ["-a", "Microsoft Excel"] }],
      notes: [
        `In Excel, choose "${manifest.buttonLabel}" on the Home tab (or Insert > Add-ins > My Add-ins). If Excel was already open, quit it and run npm start again.`,
        `To remove the add-in later, delete ${target}`,
      ],
      webSteps,
    };
  }
  return {
    ...none,
    platform,
    summary: "Excel cannot be sideloaded automatically on this system: use Excel on the web.",
    notes: [],
    webSteps,
  };
}

function run(step: CommandStep): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(step.command, [...step.args], { stdio: "inherit" });
    child.once("error", rejectRun);
    child.once("exit", (code, signal) => {
      if (code === 0) resolveRun();
      else
        rejectRun(new Error(`${step.command} ${step.args[0] ?? ""} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** Carries out the plan; returns false (after printing why and the web steps) when any part fails. */
export async function executePlan(
  plan: SideloadPlan,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  print(plan.summary);
  const automatic = plan.createFolders.length + plan.copies.length + plan.commands.length > 0;
  if (automatic) {
    try {
      plan.createFolders.forEach((folder) => mkdirSync(folder, { recursive: true }));
      plan.copies.forEach(({ from, to }) => copyFileSync(from, to));
      for (const step of plan.commands) await run(step);
      plan.notes.forEach((line) => print(line));
      return true;
    } catch (err) {
      const reason = firstLine(err);
      print(`Could not sideload automatically (${reason}). Sideload into Excel on the web instead:`);
    }
  } else {
    print("To sideload into Excel on the web:");
  }
  plan.webSteps.forEach((line) => print(`  ${line}`));
  return !automatic;
}

/** Resolves once the development server answers (any status), or rejects after a while. */
function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  return new Promise((resolveReady, rejectReady) => {
    const attempt = () => {
      if (server.exitCode !== null || server.signalCode !== null) {
        rejectReady(new Error("the development server stopped"));
        return;
      }
      // Only a readiness probe: the development certificate may be self-signed.
      const request = httpsGet(url, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
        response.resume();
        resolveReady();
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => {
        if (Date.now() > deadline) rejectReady(new Error(`no answer from ${url}`));
        else setTimeout(attempt, READY_POLL_MS);
      });
    };
    attempt();
  });
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (argv.length > 0) {
    process.stderr.write(`usage: start  (serves the add-in on ${DEV_BASE_URL} and sideloads manifest.xml)\n`);
    return 2;
  }
  const cwd = process.cwd();
  const manifestPath = resolve(cwd, "manifest.xml");
  let manifest: ManifestInfo;
  try {
    manifest = readManifestInfo(readFileSync(manifestPath, "utf8"));
  } catch (err) {
    const reason = firstLine(err);
    process.stderr.write(`start: cannot read ${manifestPath}: ${reason}\n`);
    return 1;
  }

  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [cwd] });
  const server = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd,
    stdio: "inherit",
  });
  const exited = new Promise<number>((resolveExit) => {
    server.once("error", (err) => {
      process.stderr.write(`start: cannot start the development server: ${err.message}\n`);
      resolveExit(1);
    });
    server.once("exit", (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  try {
    await waitForServer(`${DEV_BASE_URL}taskpane.html`, server);
  } catch (err) {
    if (server.exitCode !== null || server.signalCode !== null) return exited;
    const reason = err instanceof Error ? err.message : String(err);
    console.warn(`The development server is not answering yet (${reason}); sideloading anyway.`);
  }
  await executePlan(sideloadPlan(process.platform, manifestPath, homedir(), manifest));
  console.log("The development server keeps running; press Ctrl+C to stop it.");
  return exited;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
