/**
 * The pane's own settings (the language, the person's name), kept per user in the browser. The status rule is not one:
 * the workbook holds it, so every colleague's pane and the sheet's formulas judge alike.
 */
import type { Language } from "../core/language";

export interface PaneSettings {
  /** "office" follows Office's display language. */
  readonly language: Language | "office";
  /**
   * Who the change trail names for this person's edits and merges: Office tells an add-in nobody's
   * identity without a sign-in, so the person gives it here. Trimmed, at most NAME_MAX characters.
   */
  readonly name: string;
}

/** The longest name kept (a name, not a paragraph). */
export const NAME_MAX = 50;

/** A name as kept: trimmed, cut to NAME_MAX characters (not halving a character pair). */
export function cleanName(name: unknown): string {
  if (typeof name !== "string") return "";
  return [...name.trim()].slice(0, NAME_MAX).join("").trim();
}

const KEY = "shonline.settings.v1";

export const DEFAULT_SETTINGS: PaneSettings = { language: "office", name: "" };

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
  // An entry an earlier version saved has no name: it keeps its language, with the name blank.
  return {
    language: stored.language === "en" || stored.language === "zh" ? stored.language : "office",
    name: cleanName(stored.name),
  };
}

export function saveSettings(
  settings: PaneSettings,
  storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(KEY, JSON.stringify({ ...settings, name: cleanName(settings.name) }));
}
