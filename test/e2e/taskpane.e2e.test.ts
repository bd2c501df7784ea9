/**
 * The built task pane and help page in a real browser, outside Excel: the pane must say to open it
 * in Excel (in the browser's language), log no error, and fetch nothing but its own files.
 */
import type { Browser, Locator, Page } from "playwright-core";
import type { StaticServer } from "../support/serve-static";
import {
  describeLog,
  launchChromium,
  nonLocalRequests,
  OFFICE_JS_TELEMETRY_FRAME,
  openPage,
  type PageLog,
  saveScreenshot,
  serveDist,
  settle,
} from "./browser";

/** How long the task pane may take to render once loaded (office.js has to report "no host" first). */
const RENDER_TIMEOUT_MS = 15000;

let browser: Browser | undefined;
let server: StaticServer | undefined;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function ready(): { browser: Browser; server: StaticServer } {
  if (!browser || !server) throw new Error("the browser or the server did not start (see beforeAll)");
  return { browser, server };
}

/** Everything the page fetched or logged that it should not have, one line each. */
function problems(log: PageLog): string[] {
  return [
    ...nonLocalRequests(log.requests).map((url) => `request to a host other than 127.0.0.1: ${url}`),
    ...log.errorResponses.map((entry) => `error response: ${entry}`),
    // The blocked telemetry frame of office.js (see browser.ts) is the one request allowed to fail.
    ...log.failedRequests
      .filter((entry) => !entry.includes(OFFICE_JS_TELEMETRY_FRAME))
      .map((entry) => `failed request: ${entry}`),
    ...log.consoleErrors.map((entry) => `console error: ${entry}`),
    ...log.pageErrors.map((entry) => `page error: ${entry}`),
  ];
}

/** Waits for the outside-Excel heading; on time-out, fails with everything the page did. */
async function waitForOutsideHeading(
  page: Page,
  log: PageLog,
  name: string,
  screenshotName: string,
): Promise<Locator> {
  const heading = page.getByTestId("outside-excel").getByRole("heading", { name, level: 1 });
  try {
    await heading.waitFor({ state: "visible", timeout: RENDER_TIMEOUT_MS });
  } catch {
    await saveScreenshot(page, `${screenshotName}-not-rendered`);
    throw new Error(
      `The heading "${name}" did not appear within ${RENDER_TIMEOUT_MS} ms ` +
        `(screenshot: test-results/${screenshotName}-not-rendered.png).\n${describeLog(log)}`,
    );
  }
  return heading;
}

test("outside Excel, the task pane asks to be opened in Excel and loads only local files", async () => {
  const { browser, server } = ready();
  const { context, page, log } = await openPage(browser, server, "taskpane.html");
  try {
    const heading = await waitForOutsideHeading(page, log, "Open this in Excel", "taskpane-outside-excel");
    await settle(page);
    await saveScreenshot(page, "taskpane-outside-excel");
    expect(await heading.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(log.requests.some((url) => url.endsWith("/office-js/office.js"))).toBe(true);
    expect(problems(log)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("in a zh-CN browser, the task pane says so in Chinese", async () => {
  const { browser, server } = ready();
  const { context, page, log } = await openPage(browser, server, "taskpane.html", { locale: "zh-CN" });
  try {
    const heading = await waitForOutsideHeading(page, log, "请在 Excel 中打开", "taskpane-outside-excel-zh");
    await settle(page);
    await saveScreenshot(page, "taskpane-outside-excel-zh");
    expect(await heading.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    expect(await page.getByRole("heading", { name: "Open this in Excel" }).count()).toBe(0);
    expect(problems(log)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the help page has an English and a Chinese heading", async () => {
  const { browser, server } = ready();
  const { context, page, log } = await openPage(browser, server, "support.html");
  try {
    await settle(page);
    const english = page.getByRole("heading", { name: "Shanghai Online Economy Tracker", level: 1 });
    const chinese = page.getByRole("heading", { name: "上海在线新经济目标跟踪", level: 1 });
    expect(await english.isVisible()).toBe(true);
    expect(await chinese.isVisible()).toBe(true);
    expect(await chinese.getAttribute("lang")).toBe("zh-CN");
    expect(problems(log)).toEqual([]);
  } finally {
    await context.close();
  }
});
