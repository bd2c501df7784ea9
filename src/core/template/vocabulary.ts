/**
 * The words the tracking workbook uses in its cells (lists, statuses, comparators), in the
 * workbook's language. Native formulas compare against these exact texts, so they live in one place.
 */
import type { Language } from "../language";
import { COMPARATOR_LABELS, DISTRICTS, GOALS, SECTORS, UNMANNED_KINDS } from "../plan";
import { STATUS_LABELS } from "../progress";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../register";

export interface Vocabulary {
  readonly goals: string[];
  readonly kinds: string[];
  readonly sectors: string[];
  readonly districts: string[];
  readonly entryStatuses: string[];
  readonly comparators: string[];
  readonly recognized: string;
  readonly moreThan: string;
  readonly statuses: typeof STATUS_LABELS;
}

export function vocabulary(language: Language): Vocabulary {
  return {
    goals: GOALS.map((g) => g.label[language]),
    kinds: UNMANNED_KINDS.map((k) => k.label[language]),
    sectors: SECTORS.map((s) => s.label[language]),
    districts: DISTRICTS.map((d) => d.label[language]),
    entryStatuses: ENTRY_STATUS_IDS.map((id) => ENTRY_STATUS_LABELS[id][language]),
    comparators: [COMPARATOR_LABELS.more_than[language], COMPARATOR_LABELS.at_least[language]],
    recognized: ENTRY_STATUS_LABELS.RECOGNIZED[language],
    moreThan: COMPARATOR_LABELS.more_than[language],
    statuses: STATUS_LABELS,
  };
}

type TranslatableList = "goals" | "kinds" | "sectors" | "districts" | "entryStatuses";

/**
 * A workbook cell's word (a goal, kind, sector, district or status, as either language's workbook
 * writes it) in `language`; anything else unchanged. So a pane in Chinese shows 品牌产品 for a
 * workbook made in English, and the reverse.
 */
export function wordIn(list: TranslatableList, value: string, language: Language): string {
  const wanted = value.trim().toLowerCase();
  for (const from of ["en", "zh"] as const) {
    const index = vocabulary(from)[list].findIndex((word) => word.toLowerCase() === wanted);
    if (index >= 0) return vocabulary(language)[list][index];
  }
  return value;
}
