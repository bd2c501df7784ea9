/**
 * Helpers for the browser suite: launch the system Chromium, serve the test build (dist/) on
 * 127.0.0.1, open a page while recording every request, console error and page error.
 */
import { existsSync, mkdirSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { serveStatic, type StaticServer } from "../support/serve-static";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const INSTALL_CHROMIUM = "apt-get install -y --no-install-recommends chromium";

const ROOT = resolve(__dirname, "../..");
export const DIST_DIR = join(ROOT, "dist");
export const RESULTS_DIR = join(ROOT, "test-results");

/** The width Excel gives a task pane; tall enough to show the whole outside-Excel state. */
export const TASK_PANE_VIEWPORT = { width: 350, height: 700 } as const;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(INSTALL_CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Serves dist/ after checking that it holds a test build (office.js served locally). */
export async function serveDist(): Promise<StaticServer> {
  const taskpane = join(DIST_DIR, "taskpane.html");
  if (!existsSync(taskpane)) {
    throw new Error("dist/taskpane.html is missing: run `npm run build:test` first.");
  }
  if (!readFileSync(taskpane, "utf8").includes("office-js/office.js")) {
    throw new Error(
      "dist/ holds a build that loads office.js from the CDN, not the test build: run `npm run build:test` first.",
    );
  }
  return serveStatic(DIST_DIR);
}

export interface PageLog {
  /** Every URL requested by any page of the context, in order. */
  readonly requests: string[];
  /** "METHOD url: reason" for requests that failed at the network level. */
  readonly failedRequests: string[];
  /** "status url" for responses with status 400 or above. */
  readonly errorResponses: string[];
  readonly consoleErrors: string[];
  readonly consoleWarnings: string[];
  readonly pageErrors: string[];
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly log: PageLog;
}

/** True when the URL points at the local test server's host. */
export function isLocal(url: string): boolean {
  try {
    return new URL(url).hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/**
 * Opens `path` (relative to the server's URL) in a fresh context at the task pane's size. The
 * listeners are on the context, so they also see requests of frames, popups and workers. Requests
 * to any other host are recorded, then aborted: the suite never reaches the network.
 */
export async function openPage(
  browser: Browser,
  server: StaticServer,
  path: string,
  options: { locale?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: TASK_PANE_VIEWPORT,
    locale: options.locale ?? "en-US",
    serviceWorkers: "block",
  });
  const log: PageLog = {
    requests: [],
    failedRequests: [],
    errorResponses: [],
    consoleErrors: [],
    consoleWarnings: [],
    pageErrors: [],
  };
  await context.route(
    (url) => !isLocal(url.toString()),
    (route) => route.abort("blockedbyclient"),
  );
  context.on("request", (request) => log.requests.push(request.url()));
  context.on("requestfailed", (request) =>
    log.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`,
    ),
  );
  context.on("response", (response) => {
    if (response.status() >= 400) log.errorResponses.push(`${response.status()} ${response.url()}`);
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    const where = message.location().url ? ` (${message.location().url})` : "";
    if (message.type() === "error") log.consoleErrors.push(`${message.text()}${where}`);
    if (message.type() === "warning") log.consoleWarnings.push(`${message.text()}${where}`);
  });
  page.on("pageerror", (error) => log.pageErrors.push(error.stack ?? error.message));
  await page.goto(new URL(path, server.url).toString(), { waitUntil: "load" });
  return { context, page, log };
}

/**
 * office.js starts some work on timers after it loads (its logging frame is added 3 s later), so
 * waiting for the network to go idle is not enough: also wait this long after the load event.
 */
export const LATE_REQUEST_WINDOW_MS = 4000;

/** Waits until late requests and messages have had their chance to happen, so they are recorded. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(LATE_REQUEST_WINDOW_MS);
  await page.waitForLoadState("networkidle");
}

/**
 * office.js itself (not our code) opens a hidden telemetry frame three seconds after it starts,
 * also when served from our own folder. The suite blocks that request, so it never leaves the
 * machine, and tolerates exactly this one address; any other outside request fails the test.
 */
export const OFFICE_JS_TELEMETRY_FRAME =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";

/** The requested URLs whose host is not 127.0.0.1 (a CDN, a Microsoft service, anything remote). */
export function nonLocalRequests(urls: readonly string[]): string[] {
  return urls.filter((url) => !isLocal(url) && url !== OFFICE_JS_TELEMETRY_FRAME);
}

/** The log, one entry a line, for failure messages. */
export function describeLog(log: PageLog): string {
  return (Object.keys(log) as (keyof PageLog)[])
    .map((key) => `${key}:${log[key].map((entry) => `\n  ${entry}`).join("") || " none"}`)
    .join("\n");
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
