/** The pane's own settings survive a reload, and a damaged entry never stops the pane opening. */
import {
  DEFAULT_SETTINGS,
  loadSettings,
  NAME_MAX,
  type PaneSettings,
  saveSettings,
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
    expect(DEFAULT_SETTINGS).toEqual({ language: "office", name: "" });
  });

  it("gives the defaults when there is no storage at all", () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(DEFAULT_SETTINGS, undefined)).not.toThrow();
  });

  it.each<PaneSettings>([
    { language: "zh", name: "" },
    { language: "en", name: "Li Wei" },
    { language: "office", name: "王芳" },
  ])("round-trips %j", (settings) => {
    const storage = fakeStorage();
    saveSettings(settings, storage);
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    expect(storage.setItem).toHaveBeenCalledWith(KEY, expect.any(String));
    expect(loadSettings(storage)).toEqual(settings);
  });

  it("keeps the last save", () => {
    const storage = fakeStorage();
    saveSettings({ language: "zh", name: "王芳" }, storage);
    saveSettings({ language: "en", name: "Li Wei" }, storage);
    expect(loadSettings(storage)).toEqual({ language: "en", name: "Li Wei" });
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
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({ language: "office", name: "" });
  });

  it("keeps the language of an entry an earlier version saved with status thresholds", () => {
    const raw = JSON.stringify({ language: "zh", thresholds: { onTrack: 1.1, atRisk: 0.5 } });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({ language: "zh", name: "" });
  });

  it("keeps the language of an entry saved before the name was asked for", () => {
    const raw = JSON.stringify({ language: "en" });
    expect(loadSettings(fakeStorage({ [KEY]: raw }))).toEqual({ language: "en", name: "" });
  });

  it("trims the name and keeps at most 50 characters of it, saved or loaded", () => {
    expect(NAME_MAX).toBe(50);
    const storage = fakeStorage();
    saveSettings({ language: "zh", name: "  王芳  " }, storage);
    expect(JSON.parse(storage.items.get(KEY)!)).toEqual({ language: "zh", name: "王芳" });
    const long = "长".repeat(60);
    saveSettings({ language: "zh", name: long }, storage);
    expect(loadSettings(storage).name).toBe("长".repeat(50));
    // A name stored by hand (or by a later version) is cut on loading too; a name not text is none.
    expect(
      loadSettings(fakeStorage({ [KEY]: JSON.stringify({ language: "en", name: ` ${"x".repeat(70)}` }) }))
        .name,
    ).toBe("x".repeat(50));
    expect(loadSettings(fakeStorage({ [KEY]: JSON.stringify({ language: "en", name: 42 }) })).name).toBe("");
  });

  it("reads only its own key", () => {
    const storage = fakeStorage({ other: JSON.stringify({ language: "zh" }) });
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    expect(storage.getItem).toHaveBeenCalledWith(KEY);
  });
});
