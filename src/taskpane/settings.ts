/** The pane's own settings (language choice, status thresholds), kept per user in the browser. */
import type { Language } from "../core/language";
import { DEFAULT_THRESHOLDS, type StatusThresholds } from "../core/progress";

export interface PaneSettings {
  /** "office" follows Office's display language. */
  readonly language: Language | "office";
  readonly thresholds: StatusThresholds;
}

const KEY = "shonline.settings.v1";

export const DEFAULT_SETTINGS: PaneSettings = { language: "office", thresholds: DEFAULT_THRESHOLDS };

export function validThresholds(t: StatusThresholds): boolean {
  const numbers = [t.onTrack, t.atRisk].every((x) => typeof x === "number" && Number.isFinite(x));
  return numbers && t.atRisk >= 0 && t.onTrack <= 2 && t.atRisk < t.onTrack;
}

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
  const language = stored.language === "en" || stored.language === "zh" ? stored.language : "office";
  const thresholds =
    typeof stored.thresholds === "object" && stored.thresholds !== null && validThresholds(stored.thresholds)
      ? stored.thresholds
      : DEFAULT_THRESHOLDS;
  return { language, thresholds };
}

export function saveSettings(
  settings: PaneSettings,
  storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(KEY, JSON.stringify(settings));
}
