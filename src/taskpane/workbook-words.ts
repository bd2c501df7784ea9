/**
 * A workbook cell's goal, status, sector or district in the pane's language, when the cell holds
 * one of the template's labels in either language (as the workbook's COUNTIFS compare them: case
 * aside, nothing trimmed): a Chinese pane on an English workbook shows 品牌产品, 已认定, 工业互联网,
 * 徐汇. Any other text is shown as written, so a row the workbook's formulas do not count ("认定",
 * " Recognized") never looks as if they did.
 */
import type { Language } from "../core/language";
import { type Bilingual, DISTRICTS, GOALS, SECTORS } from "../core/plan";
import { countifsForm, ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../core/register";

/** The labels by the form COUNTIFS compares, in both languages. */
function byLabel(labels: readonly Bilingual[]): ReadonlyMap<string, Bilingual> {
  return new Map(labels.flatMap((label) => [label.en, label.zh].map((text) => [countifsForm(text), label])));
}

const GOAL_LABELS = byLabel(GOALS.map((goal) => goal.label));
const STATUS_LABELS = byLabel(ENTRY_STATUS_IDS.map((id) => ENTRY_STATUS_LABELS[id]));
const SECTOR_LABELS = byLabel(SECTORS.map((sector) => sector.label));
const DISTRICT_LABELS = byLabel(DISTRICTS.map((district) => district.label));

const wordOf = (labels: ReadonlyMap<string, Bilingual>) => (cell: string, language: Language) =>
  labels.get(countifsForm(cell))?.[language] ?? cell;

export const goalWord = wordOf(GOAL_LABELS);
export const statusWord = wordOf(STATUS_LABELS);
export const sectorWord = wordOf(SECTOR_LABELS);
export const districtWord = wordOf(DISTRICT_LABELS);
