/**
 * The pane's own settings (the language), kept per user in the browser. The status rule is not one:
 * the workbook holds it, so every colleague's pane and the sheet's formulas judge alike.
 */
import type { Language } from "../core/language";

export interface PaneSettings {
  /** "office" follows Office's display language. */
  readonly language: Language | "office";
}

const KEY = "shonline.settings.v1";

export const DEFAULT_SETTINGS: PaneSettings = { language: "office" };

export function loadSettings(
  storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage,
): PaneSettings {
  const raw = storage?.getItem(KEY);
  if (!raw) return DEFAULT_SETTINGS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return DEFAULT_SETTINGS; // a corrupted entry: start from the defaults rather than fail to open
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return DEFAULT_SETTINGS;
  const stored = parsed as Partial<PaneSettings>;
  return { language: stored.language === "en" || stored.language === "zh" ? stored.language : "office" };
}

export function saveSettings(
  settings: PaneSettings,
  storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(KEY, JSON.stringify(settings));
}
