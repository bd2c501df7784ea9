/** The pane's own settings survive a reload, and a damaged entry never stops the pane opening. */
import { DEFAULT_THRESHOLDS } from "../../src/core/progress";
import {
  DEFAULT_SETTINGS,
  loadSettings,
  type PaneSettings,
  saveSettings,
  validThresholds,
} from "../../src/taskpane/settings";

const KEY = "shonline.settings.v1";

/** A Storage stand-in that keeps what is written, as localStorage would. */
function fakeStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: jest.fn((key: string) => items.get(key) ?? null),
    setItem: jest.fn((key: string, value: string) => void items.set(key, String(value))),
  };
}

describe("saving and loading settings", () => {
  it("gives the defaults when nothing was saved", () => {
    expect(loadSettings(fakeStorage())).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ language: "office", thresholds: DEFAULT_THRESHOLDS });
  });

  it("gives the defaults when there is no storage at all", () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(DEFAULT_SETTINGS, undefined)).not.toThrow();
  });

  it.each<PaneSettings>([
    { language: "zh", thresholds: { onTrack: 1.1, atRisk: 0.5 } },
    { language: "en", thresholds: { onTrack: 2, atRisk: 0 } },
    { language: "office", thresholds: { onTrack: 0.9, atRisk: 0.75 } },
  ])("round-trips %j", (settings) => {
    const storage = fakeStorage();
    saveSettings(settings, storage);
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    expect(storage.setItem).toHaveBeenCalledWith(KEY, expect.any(String));
    expect(loadSettings(storage)).toEqual(settings);
  });

  it("keeps the last save", () => {
    const storage = fakeStorage();
    saveSettings({ language: "zh", thresholds: DEFAULT_THRESHOLDS }, storage);
    saveSettings({ language: "en", thresholds: { onTrack: 1.2, atRisk: 0.6 } }, storage);
    expect(loadSettings(storage)).toEqual({ language: "en", thresholds: { onTrack: 1.2, atRisk: 0.6 } });
  });

  it.each(["{not json", "", "{", '{"language":"zh",', "undefined"])(
    "falls back to the defaults on corrupted JSON %j",
    (raw) => {
      expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual(DEFAULT_SETTINGS);
    },
  );

  it.each(["null", "42", '"zh"', "[]", "true"])("falls back to the defaults when the entry is %s", (raw) => {
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual(DEFAULT_SETTINGS);
  });

  it("follows Office when the saved language is unknown", () => {
    const raw = JSON.stringify({ language: "fr", thresholds: { onTrack: 1.1, atRisk: 0.5 } });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({
      language: "office",
      thresholds: { onTrack: 1.1, atRisk: 0.5 },
    });
  });

  it.each([
    { onTrack: 0.5, atRisk: 0.8 },
    { onTrack: 1, atRisk: 1 },
    { onTrack: 3, atRisk: 0.8 },
    { onTrack: 1, atRisk: -0.1 },
    { onTrack: 1 },
    "high",
    // Only numbers are thresholds: JSON turns NaN into null, and a hand-edited entry may hold text.
    { onTrack: 1, atRisk: null },
    { onTrack: "1.5", atRisk: "0.25" },
    { onTrack: true, atRisk: 0.5 },
  ])("keeps the language but uses the default thresholds when the saved ones are %j", (thresholds) => {
    const raw = JSON.stringify({ language: "zh", thresholds });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({
      language: "zh",
      thresholds: DEFAULT_THRESHOLDS,
    });
  });

  it("reads only its own key", () => {
    const storage = fakeStorage({ other: JSON.stringify({ language: "zh" }) });
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    expect(storage.getItem).toHaveBeenCalledWith(KEY);
  });
});

describe("validThresholds", () => {
  it.each([
    { onTrack: 1, atRisk: 0.8 },
    { onTrack: 2, atRisk: 0 },
    { onTrack: 0.01, atRisk: 0 },
    { onTrack: 1.5, atRisk: 1.49 },
  ])("accepts %p", (thresholds) => {
    expect(validThresholds(thresholds)).toBe(true);
  });

  it.each([
    { onTrack: 0.8, atRisk: 1 },
    { onTrack: 1, atRisk: 1 },
    { onTrack: 2.01, atRisk: 0.8 },
    { onTrack: 1, atRisk: -0.01 },
    { onTrack: Number.NaN, atRisk: 0.8 },
    { onTrack: 1, atRisk: Number.NaN },
    { onTrack: 1, atRisk: null as unknown as number },
    { onTrack: "1.5" as unknown as number, atRisk: "0.25" as unknown as number },
  ])("rejects %p", (thresholds) => {
    expect(validThresholds(thresholds)).toBe(false);
  });
});
