/**
 * Where the task pane is running: inside Excel, or in a plain browser (office.js absent, reporting
 * no host, or not answering). Read once at start-up.
 */
import { type Language, languageFromLocale } from "../core/language";

export interface HostInfo {
  readonly inExcel: boolean;
  /** Office's display language (or the browser's outside Office). */
  readonly language: Language;
  readonly dark: boolean;
  /**
   * Excel on Mac: its webview (WKWebView) ignores downloads from an add-in, a Blob link does
   * nothing (office-js issues 2700, 3385, 4681), so the pane shows a file's text to copy instead.
   */
  readonly blocksDownloads?: boolean;
}

/** office.js answers at once inside Office; if it never does, the page is not in Office. */
const READY_TIMEOUT_MS = 8000;

function browserLanguage(): Language {
  return languageFromLocale(typeof navigator === "undefined" ? undefined : navigator.language);
}

function isDark(colour: string | undefined): boolean {
  const match = colour ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour) : null;
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export async function detectHost(): Promise<HostInfo> {
  const outside: HostInfo = { inExcel: false, language: browserLanguage(), dark: false };
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return outside;
  const info = await Promise.race([
    Office.onReady(),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), READY_TIMEOUT_MS)),
  ]);
  if (!info || info.host !== Office.HostType.Excel) return outside;
  return {
    inExcel: true,
    language: languageFromLocale(Office.context.displayLanguage),
    dark: isDark(Office.context.officeTheme?.bodyBackgroundColor),
    // Compared as text: the value of Office.PlatformType.Mac.
    blocksDownloads: String(info.platform) === "Mac",
  };
}
