/**
 * The spellings people type for a district or a status, mapped to the plan's own (so the workbook's
 * COUNTIFS, which compare exact labels, count what was imported): "徐汇区" and "Xuhui District" are
 * 徐汇, "浦东" is 浦东新区, "认定" and "Recognised" are Recognized, "New mobility" is the sector of
 * intelligent connected vehicles.
 */
import { type Bilingual, DISTRICTS, GOALS, SECTORS, UNMANNED_KINDS } from "./plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS, type EntryStatusId } from "./register";

/** Case, width, spaces, apostrophes and hyphens aside, and a district's suffix (区, 新区, District, New Area) dropped. */
function districtForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s'’-]/g, "")
    .replace(/(newarea|district|新区|区)$/u, "");
}

/** The districts by the forms of their ids and labels (built once: read for every imported row). */
const DISTRICT_BY_FORM = new Map(
  DISTRICTS.flatMap((d) =>
    [d.id.toLowerCase(), districtForm(d.label.en), districtForm(d.label.zh)].map((form) => [form, d]),
  ),
);

export function districtOf(text: string): (typeof DISTRICTS)[number] | undefined {
  return DISTRICT_BY_FORM.get(districtForm(text));
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

type Item = { readonly id: string; readonly label: { readonly en: string; readonly zh: string } };

/** Case, width, spacing, "&"/"and" and a plural "s" aside: how two spellings of one item compare. */
function itemForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[\s'’_-]/g, "")
    .replace(/s$/, "");
}

/**
 * The names the sources and people use for the 12 sectors besides the plan's (plan-facts.md: seed
 * 000 says "telemedicine" and "fresh produce e-retail", seed 001 "online healthcare" and "grocery
 * e-commerce", seed 003 "mobility"), and the Chinese names of their English labels.
 */
const SECTOR_ALTERNATES: Readonly<Record<string, string>> = {
  newmobility: "NEW_MOBILITY",
  mobility: "NEW_MOBILITY",
  智能网联汽车: "NEW_MOBILITY",
  remoteoffice: "TELECOMMUTING",
  remotework: "TELECOMMUTING",
  远程办公室: "TELECOMMUTING",
  telemedicine: "ONLINE_HEALTHCARE",
  onlinehealthcare: "ONLINE_HEALTHCARE",
  远程医疗: "ONLINE_HEALTHCARE",
  互联网医疗: "ONLINE_HEALTHCARE",
  freshproduceeretail: "FRESH_FOOD_ECOMMERCE",
  freshfoodretail: "FRESH_FOOD_ECOMMERCE",
  groceryecommerce: "FRESH_FOOD_ECOMMERCE",
  freshfoodecommerce: "FRESH_FOOD_ECOMMERCE",
  生鲜电商: "FRESH_FOOD_ECOMMERCE",
  onlineexhibition: "ONLINE_EXHIBITIONS",
  在线展览: "ONLINE_EXHIBITIONS",
  在线展会: "ONLINE_EXHIBITIONS",
  cultureandentertainment: "ONLINE_CULTURE",
  onlineentertainment: "ONLINE_CULTURE",
  在线文化娱乐: "ONLINE_CULTURE",
  onlinerandd: "ONLINE_RND_DESIGN",
  onlinedesign: "ONLINE_RND_DESIGN",
  在线研发: "ONLINE_RND_DESIGN",
  unmannedfactory: "UNMANNED_FACTORIES",
  remoteeducation: "ONLINE_EDUCATION",
  onlinelearning: "ONLINE_EDUCATION",
};

/** Each item by the forms of its id and labels, then by its alternates: built once, read per cell. */
function itemsByForm<T extends Item>(items: readonly T[], alternates: Readonly<Record<string, string>>) {
  const byForm = new Map<string, T>();
  for (const item of items)
    for (const spelling of [item.id, item.label.en, item.label.zh])
      if (!byForm.has(itemForm(spelling))) byForm.set(itemForm(spelling), item);
  for (const [form, id] of Object.entries(alternates))
    if (!byForm.has(form))
      byForm.set(
        form,
        items.find((item) => item.id === id)!,
      );
  return (text: string): T | undefined => byForm.get(itemForm(text));
}

/** The key sector a text names: its id, its label in either language, or a usual alternate. */
const SECTOR_BY_FORM = itemsByForm(SECTORS, SECTOR_ALTERNATES);
export function sectorOf(text: string): (typeof SECTORS)[number] | undefined {
  return SECTOR_BY_FORM(text);
}

/** Other words for the three kinds of unmanned site. */
const KIND_ALTERNATES: Readonly<Record<string, string>> = {
  工厂: "FACTORY",
  生产线: "PRODUCTION_LINE",
  产线: "PRODUCTION_LINE",
  无人产线: "PRODUCTION_LINE",
  车间: "WORKSHOP",
  unmannedfactory: "FACTORY",
  unmannedproductionline: "PRODUCTION_LINE",
  unmannedworkshop: "WORKSHOP",
};

/** The kind of unmanned site a text names (factory, production line, workshop), in either language. */
const KIND_BY_FORM = itemsByForm(UNMANNED_KINDS, KIND_ALTERNATES);
export function kindOf(text: string): (typeof UNMANNED_KINDS)[number] | undefined {
  return KIND_BY_FORM(text);
}

/** Edit distance by code point, a swap of two neighbours counting as one edit ("Xuhiu" is one from "Xuhui"). */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : 0)),
  );
  for (let i = 0; i <= x.length; i++) d[i][0] = i;
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[x.length][y.length];
}

type SuggestedField = "goal" | "status" | "kind" | "sector" | "district";

/** What a refused value is compared with: each item's label, and the spellings that name it. */
const CANDIDATES: Readonly<
  Record<SuggestedField, readonly { label: Bilingual; spellings: readonly string[] }[]>
> = {
  goal: GOALS.map((goal) => ({
    label: goal.label,
    spellings: [goal.label.en, goal.label.zh, goal.short.en, goal.short.zh],
  })),
  status: ENTRY_STATUS_IDS.map((id) => ({
    label: ENTRY_STATUS_LABELS[id],
    spellings: [ENTRY_STATUS_LABELS[id].en, ENTRY_STATUS_LABELS[id].zh],
  })),
  kind: UNMANNED_KINDS.map((kind) => ({ label: kind.label, spellings: [kind.label.en, kind.label.zh] })),
  sector: SECTORS.map((sector) => ({ label: sector.label, spellings: [sector.label.en, sector.label.zh] })),
  district: DISTRICTS.map((district) => ({
    label: district.label,
    spellings: [district.label.en, district.label.zh],
  })),
};

/**
 * The valid value closest to a refused one, to suggest ("Did you mean …?"): the one whose spelling
 * contains it or is contained in it, else the one within a third of its length in edits. Undefined
 * when none is that near, or when two items are equally near (a guess would mislead).
 */
export function nearestValue(field: SuggestedField, text: string): Bilingual | undefined {
  const form = field === "district" ? districtForm : itemForm;
  const wanted = form(text);
  const length = [...wanted].length;
  if (length < 2) return undefined;
  const allowed = Math.max(1, Math.floor(length / 3));
  let best: { label: Bilingual; score: number; tied: boolean } | undefined;
  for (const candidate of CANDIDATES[field]) {
    const score = Math.min(
      ...candidate.spellings.map((spelling) => {
        const known = form(spelling);
        return known.includes(wanted) || wanted.includes(known) ? 0 : editDistance(wanted, known);
      }),
    );
    if (score > allowed) continue;
    if (!best || score < best.score) best = { label: candidate.label, score, tied: false };
    else if (score === best.score) best.tied = true;
  }
  return best && !best.tied ? best.label : undefined;
}
