/**
 * The one way a view acts: busy while an action runs, then what it says on success, or the
 * failure described in the user's language. A message is kept unworded (a key, or a function of
 * the translator) and worded at each render, so one on screen re-reads after a language switch.
 */
import { useCallback, useState } from "react";
import type { Language } from "../core/language";
import { usePane } from "./context";
import { describeFailure } from "./errors";
import type { MessageKey, Translate } from "./i18n";
import type { NoticeProps } from "./Notice";

/** A message in no language yet. */
export type Wording = MessageKey | ((t: Translate, language: Language) => string);

export interface ActionMessage {
  readonly intent: NoticeProps["intent"];
  readonly text: string;
}

export interface Action {
  /** True while any action runs. */
  readonly busy: boolean;
  /** The last thing said, worded in the pane's language of this render. */
  readonly message: ActionMessage | undefined;
  /**
   * Runs `action`, which does the work and returns what to say once it is done (or nothing). The
   * previous message goes as it starts, so a message on screen always belongs to the last action.
   */
  readonly run: (action: () => Promise<Wording | void>) => Promise<void>;
  /** Says something without running anything, such as why a form was refused before any write. */
  readonly say: (intent: ActionMessage["intent"], wording: Wording) => void;
}

interface Said {
  readonly intent: ActionMessage["intent"];
  readonly wording: Wording;
}

/** A failure, described when shown: in the language of that render. */
function failure(error: unknown): Wording {
  return (t, language) => describeFailure(error, t, language);
}

function word(wording: Wording, t: Translate, language: Language): string {
  return typeof wording === "string" ? t(wording) : wording(t, language);
}

export function useAction(): Action {
  const { t, language } = usePane();
  // Actions in flight: a view may start one while another runs (a preview during an apply).
  const [running, setRunning] = useState(0);
  const [said, setSaid] = useState<Said>();

  const say = useCallback((intent: Said["intent"], wording: Wording) => setSaid({ intent, wording }), []);
  // Stable across renders (it reads no render's values), so effects may depend on it.
  const run = useCallback(async (action: () => Promise<Wording | void>) => {
    setRunning((n) => n + 1);
    setSaid(undefined);
    try {
      const wording = await action();
      if (wording) setSaid({ intent: "success", wording });
    } catch (error) {
      setSaid({ intent: "error", wording: failure(error) });
    } finally {
      setRunning((n) => n - 1);
    }
  }, []);

  const message = said ? { intent: said.intent, text: word(said.wording, t, language) } : undefined;
  return { busy: running > 0, message, run, say };
}
