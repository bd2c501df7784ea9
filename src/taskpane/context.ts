/** What every view needs: the language, the translator, the Excel client and the last read. */
import { createContext, useContext } from "react";
import type { Language } from "../core/language";
import type { TrackingSnapshot } from "../excel/tables";
import type { HostInfo } from "./host";
import type { Translate } from "./i18n";
import type { Overview } from "./overview-model";
import type { PaneSettings } from "./settings";
import type { TrackerClient } from "./tracker-client";

export interface PaneContext {
  readonly language: Language;
  readonly t: Translate;
  /** Where the pane runs (the views ask whether it may save files). */
  readonly host: HostInfo;
  readonly client: TrackerClient;
  readonly snapshot: TrackingSnapshot | undefined;
  readonly overview: Overview | undefined;
  readonly settings: PaneSettings;
  /** Re-read the workbook (after a write). */
  readonly refresh: () => Promise<void>;
  readonly updateSettings: (settings: PaneSettings) => void;
}

export const Pane = createContext<PaneContext | undefined>(undefined);

export function usePane(): PaneContext {
  const pane = useContext(Pane);
  if (!pane) throw new Error("usePane outside the pane");
  return pane;
}
