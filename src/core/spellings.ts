/**
 * The spellings people type for a district or a status, mapped to the plan's own (so the workbook's
 * COUNTIFS, which compare exact labels, count what was imported): "徐汇区" and "Xuhui District" are
 * 徐汇, "浦东" is 浦东新区, "认定" and "Recognised" are Recognized.
 */
import { DISTRICTS } from "./plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS, type EntryStatusId } from "./register";

/** Case, width, spaces, apostrophes and hyphens aside, and a district's suffix (区, 新区, District, New Area) dropped. */
function districtForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s'’-]/g, "")
    .replace(/(newarea|district|新区|区)$/u, "");
}

export function districtOf(text: string): (typeof DISTRICTS)[number] | undefined {
  const wanted = districtForm(text);
  if (wanted === "") return undefined;
  return DISTRICTS.find(
    (d) =>
      d.id.toLowerCase() === wanted ||
      districtForm(d.label.en) === wanted ||
      districtForm(d.label.zh) === wanted,
  );
}

/** Other words for the four statuses, in either language. */
const STATUS_SYNONYMS: Readonly<Record<string, EntryStatusId>> = {
  recognised: "RECOGNIZED",
  认定: "RECOGNIZED",
  已认定: "RECOGNIZED",
  inprogress: "IN_PROGRESS",
  进行中: "IN_PROGRESS",
  推进: "IN_PROGRESS",
  撤回: "WITHDRAWN",
  已撤销: "WITHDRAWN",
  candidates: "CANDIDATE",
  候选中: "CANDIDATE",
};

export function statusOf(text: string): EntryStatusId | undefined {
  const wanted = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  if (wanted === "") return undefined;
  return (
    ENTRY_STATUS_IDS.find(
      (id) =>
        id.toLowerCase().replace(/_/g, "") === wanted ||
        ENTRY_STATUS_LABELS[id].en.toLowerCase().replace(/\s/g, "") === wanted ||
        ENTRY_STATUS_LABELS[id].zh === wanted,
    ) ?? STATUS_SYNONYMS[wanted]
  );
}
