/** The pane's own settings survive a reload, and a damaged entry never stops the pane opening. */
import { DEFAULT_SETTINGS, loadSettings, type PaneSettings, saveSettings } from "../../src/taskpane/settings";

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
    expect(DEFAULT_SETTINGS).toEqual({ language: "office" });
  });

  it("gives the defaults when there is no storage at all", () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(DEFAULT_SETTINGS, undefined)).not.toThrow();
  });

  it.each<PaneSettings>([{ language: "zh" }, { language: "en" }, { language: "office" }])(
    "round-trips %j",
    (settings) => {
      const storage = fakeStorage();
      saveSettings(settings, storage);
      expect(storage.setItem).toHaveBeenCalledTimes(1);
      expect(storage.setItem).toHaveBeenCalledWith(KEY, expect.any(String));
      expect(loadSettings(storage)).toEqual(settings);
    },
  );

  it("keeps the last save", () => {
    const storage = fakeStorage();
    saveSettings({ language: "zh" }, storage);
    saveSettings({ language: "en" }, storage);
    expect(loadSettings(storage)).toEqual({ language: "en" });
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
    const raw = JSON.stringify({ language: "fr" });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({ language: "office" });
  });

  it("keeps the language of an entry an earlier version saved with status thresholds", () => {
    const raw = JSON.stringify({ language: "zh", thresholds: { onTrack: 1.1, atRisk: 0.5 } });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({ language: "zh" });
  });

  it("reads only its own key", () => {
    const storage = fakeStorage({ other: JSON.stringify({ language: "zh" }) });
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    expect(storage.getItem).toHaveBeenCalledWith(KEY);
  });
});
