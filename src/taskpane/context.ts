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
  /** Shows the Settings view (where a view asks for the person's name). */
  readonly openSettings?: () => void;
}

export const Pane = createContext<PaneContext | undefined>(undefined);

const TEMPLATE_VERSION_ITEMS = ["template version", "模板版本"];

/**
 * Whether the workbook has the change trail (the Changes, Merges, Conflicts and record tables of
 * template version 7): its About table's template version when it gives one, else whether it has
 * the Districts table, which came with them.
 */
export function hasChangeTrail(snapshot: TrackingSnapshot | undefined): boolean {
  if (!snapshot) return false;
  for (const row of snapshot.about.rows) {
    const at = row.findIndex((cell) =>
      TEMPLATE_VERSION_ITEMS.includes(
        String(cell ?? "")
          .trim()
          .toLowerCase(),
      ),
    );
    const cell = at >= 0 ? row[at + 1] : undefined;
    const version =
      typeof cell === "number" ? cell : typeof cell === "string" && cell.trim() !== "" ? Number(cell) : NaN;
    if (Number.isFinite(version)) return version >= 7;
  }
  return snapshot.districts !== undefined;
}

export function usePane(): PaneContext {
  const pane = useContext(Pane);
  if (!pane) throw new Error("usePane outside the pane");
  return pane;
}
