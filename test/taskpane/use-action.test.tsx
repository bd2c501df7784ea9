/** @jest-environment jsdom */
/** useAction: busy while an action runs, then its message or the failure, worded in the pane's language. */
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { isoToSerial } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import { MissingColumnError } from "../../src/core/tracking";
import { NotATrackingWorkbookError } from "../../src/excel/tables";
import { Pane, type PaneContext } from "../../src/taskpane/context";
import { formatDate } from "../../src/taskpane/format";
import { DICTIONARIES, translator } from "../../src/taskpane/i18n";
import { DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { createTrackerClient } from "../../src/taskpane/tracker-client";
import { useAction } from "../../src/taskpane/use-action";

/** The pane as the hook sees it, in `language`; nothing here reaches Excel. */
function paneIn(language: Language): PaneContext {
  return {
    language,
    t: translator(language),
    host: { inExcel: true, language, dark: false },
    client: createTrackerClient(() => Promise.reject(new Error("no Excel in this test"))),
    snapshot: undefined,
    overview: undefined,
    settings: DEFAULT_SETTINGS,
    refresh: async () => undefined,
    updateSettings: () => undefined,
  };
}

/** The hook in a pane whose language the test switches, as the Settings view does. */
function renderAction(language: Language = "en") {
  let pane = paneIn(language);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Pane.Provider value={pane}>{children}</Pane.Provider>
  );
  const rendered = renderHook(() => useAction(), { wrapper });
  const switchTo = (next: Language) => {
    pane = paneIn(next);
    rendered.rerender();
  };
  return { result: rendered.result, switchTo };
}

const en = DICTIONARIES.en;
const zh = DICTIONARIES.zh;

it("is busy while the action runs, and says nothing until it is done", async () => {
  const { result } = renderAction();
  let finish!: () => void;
  const work = new Promise<void>((resolve) => (finish = resolve));
  expect(result.current.busy).toBe(false);
  let running!: Promise<void>;
  act(() => {
    running = result.current.run(async () => {
      await work;
      return "settingsSaved";
    });
  });
  expect(result.current.busy).toBe(true);
  expect(result.current.message).toBeUndefined();
  await act(async () => {
    finish();
    await running;
  });
  expect(result.current.busy).toBe(false);
  expect(result.current.message).toEqual({ intent: "success", text: en.settingsSaved });
});

it("stays busy until every overlapping action is done", async () => {
  const { result } = renderAction();
  let finishFirst!: () => void;
  let finishSecond!: () => void;
  const first = new Promise<void>((resolve) => (finishFirst = resolve));
  const second = new Promise<void>((resolve) => (finishSecond = resolve));
  let runs!: Promise<void>[];
  act(() => {
    runs = [result.current.run(() => first), result.current.run(() => second)];
  });
  await act(async () => {
    finishSecond();
    await runs[1];
  });
  expect(result.current.busy).toBe(true);
  await act(async () => {
    finishFirst();
    await runs[0];
  });
  expect(result.current.busy).toBe(false);
});

it("words a success message from the values of the action", async () => {
  const { result } = renderAction();
  await act(() => result.current.run(async () => (t) => t("recorded", { count: 6 })));
  expect(result.current.message).toEqual({
    intent: "success",
    text: "Snapshot recorded: 6 rows added to the Snapshots sheet.",
  });
});

it("says nothing after an action that returns nothing, and clears the previous message", async () => {
  const { result } = renderAction();
  act(() => result.current.say("error", "fixFields"));
  expect(result.current.message?.text).toBe(en.fixFields);
  await act(() => result.current.run(async () => undefined));
  expect(result.current.message).toBeUndefined();
  expect(result.current.busy).toBe(false);
});

it("describes a failure in the user's language, not as a raw error", async () => {
  const { result } = renderAction();
  await act(() =>
    result.current.run(async () => {
      throw new Error("The workbook is read-only.");
    }),
  );
  expect(result.current.busy).toBe(false);
  expect(result.current.message).toEqual({
    intent: "error",
    text: "Excel could not complete the request: The workbook is read-only.",
  });

  await act(() =>
    result.current.run(async () => {
      throw new NotATrackingWorkbookError();
    }),
  );
  expect(result.current.message).toEqual({ intent: "error", text: en.errorNoTemplate });
});

it("re-reads a failure in the new language after a switch, naming the column in that language", async () => {
  const { result, switchTo } = renderAction("en");
  const header = { en: "Goal", zh: "目标" };
  await act(() =>
    result.current.run(async () => {
      throw new MissingColumnError(header);
    }),
  );
  expect(result.current.message?.text).toBe(
    translator("en")("missingColumn", { column: "Goal", table: "Register" }),
  );
  switchTo("zh");
  expect(result.current.message).toEqual({
    intent: "error",
    text: translator("zh")("missingColumn", { column: "目标", table: "登记" }),
  });
});

it("re-reads a success message in the new language, its date written the new language's way", async () => {
  const { result, switchTo } = renderAction("en");
  const serial = isoToSerial("2022-12-31");
  await act(() =>
    result.current.run(async () => (t, language) => t("asOfSaved", { date: formatDate(serial, language) })),
  );
  expect(result.current.message?.text).toBe("The workbook now measures as of 31 December 2022.");
  switchTo("zh");
  expect(result.current.message?.text).toBe(
    translator("zh")("asOfSaved", { date: formatDate(serial, "zh") }),
  );
  expect(result.current.message?.text).toContain("2022年12月31日");
});

it("says a keyed message without running anything, and re-reads it after a switch", () => {
  const { result, switchTo } = renderAction("en");
  act(() => result.current.say("error", "ruleInvalidRatio"));
  expect(result.current.message).toEqual({ intent: "error", text: en.ruleInvalidRatio });
  expect(result.current.busy).toBe(false);
  switchTo("zh");
  expect(result.current.message).toEqual({ intent: "error", text: zh.ruleInvalidRatio });
});

it("keeps run and say the same across renders, so effects can depend on them", () => {
  const { result, switchTo } = renderAction("en");
  const { run, say } = result.current;
  act(() => say("success", "settingsSaved"));
  switchTo("zh");
  expect(result.current.run).toBe(run);
  expect(result.current.say).toBe(say);
});
