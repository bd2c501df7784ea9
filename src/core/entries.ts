/**
 * Register entries: checking what a person typed (in the task pane, a CSV file or the command
 * line) before anything is written, and turning a valid entry into a Register row.
 */
import { parseWrittenDate, serialToIso } from "./dates";
import { isEvidenceLink } from "./evidence-link";
import { findGoal } from "./goal-spec";
import type { Language } from "./language";
import { type Bilingual, DISTRICTS, type GoalId, goalById, PLAN, SECTORS, UNMANNED_KINDS } from "./plan";
import { isoToSerial } from "./dates";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS, type EntryStatusId } from "./register";
import { districtOf, kindOf, nearestValue, sectorOf, statusOf } from "./spellings";
import { creditCodeProblem, normalizeCreditCode } from "./credit-code";

/**
 * The fields in the order of the template's Register columns (Entered at follows them), which is
 * also the empty CSV template's: the key columns first, so a printed page shows them side by side.
 */
export const ENTRY_FIELDS = [
  "goal",
  "name",
  "status",
  "date",
  "district",
  "kind",
  "sector",
  "evidence",
  "notes",
  "enteredBy",
  "creditCode",
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/**
 * The Register's columns in order: the entry's fields as far as Entered by, the time it was
 * entered, then (since version 7) the credit code and where a merged row came from.
 */
export const REGISTER_FIELDS = [
  ...ENTRY_FIELDS.filter((field) => field !== "creditCode"),
  "enteredAt",
  "creditCode",
  "reportedBy",
  "sourceFile",
  "mergedAt",
] as const satisfies readonly string[];

/** Each field's name, as the Register's column headers show it (headers.ts takes them from here). */
export const ENTRY_FIELD_LABELS: Readonly<Record<EntryField, Bilingual>> = {
  goal: { en: "Goal", zh: "目标" },
  name: { en: "Name", zh: "名称" },
  status: { en: "Status", zh: "状态" },
  date: { en: "Date recognized", zh: "认定日期" },
  district: { en: "District", zh: "区" },
  kind: { en: "Kind", zh: "类型" },
  sector: { en: "Sector", zh: "领域" },
  evidence: { en: "Evidence link", zh: "佐证链接" },
  notes: { en: "Notes", zh: "备注" },
  enteredBy: { en: "Entered by", zh: "录入人" },
  creditCode: { en: "Credit code", zh: "统一社会信用代码" },
};

/** What a person typed: text (or a date serial) per field; blanks allowed. */
export type EntryInput = Partial<Record<EntryField, string | number | null>>;

export interface Entry {
  readonly goal: GoalId;
  readonly name: string;
  readonly kind?: string;
  readonly sector?: string;
  readonly district?: string;
  readonly date?: number;
  readonly status: EntryStatusId;
  readonly evidence?: string;
  readonly notes?: string;
  readonly enteredBy?: string;
  /** The unified social credit code, normalized (credit-code.ts), for an enterprise. */
  readonly creditCode?: string;
}

export interface Issue {
  readonly field: EntryField;
  readonly severity: "error" | "warning";
  readonly message: Bilingual;
}

export interface CheckedEntry {
  /** Present when there is no error (warnings allowed). */
  readonly entry?: Entry;
  readonly issues: readonly Issue[];
}

/** Register dates are accepted within these bounds; the plan period itself is 2020-04-08 to 2022-12-31. */
export const REGISTER_DATE_BOUNDS = { min: "2018-01-01", max: "2030-12-31" } as const;

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 2000;
/** What an Excel cell holds, in UTF-16 code units. */
export const MAX_CELL_UNITS = 32_767;

const PLAN_START = isoToSerial(PLAN.issued);
const PLAN_END = isoToSerial(PLAN.deadline);
const DATE_MIN = isoToSerial(REGISTER_DATE_BOUNDS.min);
const DATE_MAX = isoToSerial(REGISTER_DATE_BOUNDS.max);

function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).trim();
}

const STATUS_ITEMS = ENTRY_STATUS_IDS.map((id) => ({ id, label: ENTRY_STATUS_LABELS[id] }));

/**
 * Format and control characters (zero-width spaces, direction marks, BOMs): invisible. The
 * zero-width joiner is kept in a written name, as it joins emoji into the one a person sees.
 */
const INVISIBLE = /(?!\u200d)[\p{Cf}\p{Cc}]/gu;

/** A name as written to the register: invisible characters removed, ends trimmed ("" if nothing shows). */
export function visibleName(name: string): string {
  const visible = name
    .replace(/[\t\n\r\v\f]/g, " ")
    .replace(INVISIBLE, "")
    .trim();
  return visible.replace(/\u200d/g, "").trim() === "" ? "" : visible;
}

type GraphemeSegmenter = { segment(text: string): Iterable<unknown> };
const SegmenterClass = (Intl as { Segmenter?: new (locale?: string, options?: object) => GraphemeSegmenter })
  .Segmenter;
/** One segmenter for every entry: making one per call cost a third of a 100,000-row import. */
const GRAPHEMES: GraphemeSegmenter | undefined = SegmenterClass
  ? new SegmenterClass(undefined, { granularity: "grapheme" })
  : undefined;

/** Whether a text shows more than `limit` characters (grapheme clusters where the runtime counts them). */
function seenLonger(text: string, limit: number): boolean {
  // A character a person sees is at least one UTF-16 unit: text within the limit in units is within it.
  if (text.length <= limit) return false;
  if (!GRAPHEMES) return [...text].length > limit;
  const graphemes = GRAPHEMES.segment(text)[Symbol.iterator]();
  for (let seen = 0; !graphemes.next().done;) if (++seen > limit) return true;
  return false;
}

/**
 * The key that makes two entries the same: goal and name as they look, so case, spacing, full- and
 * half-width forms (Unicode NFKC) and invisible characters do not make a second entry.
 */
export function entryKey(goal: GoalId, name: string): string {
  const seen = visibleName(name.normalize("NFKC")).replace(/\u200d/g, "");
  return `${goal}|${seen.replace(/\s+/g, " ").toUpperCase()}`;
}

const e = (en: string, zh: string): Bilingual => ({ en, zh });

/** A surrogate code unit not part of a pair (with the u flag, a whole pair is one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

/** A refusal with the nearest valid value suggested, when one is near ("Did you mean …?"). */
function refusal(field: Parameters<typeof nearestValue>[0], typed: string, message: Bilingual): Bilingual {
  const near = nearestValue(field, typed);
  if (!near) return message;
  return e(`${message.en} Did you mean "${near.en}"?`, `${message.zh}是否指“${near.zh}”？`);
}

/**
 * Checks one entry. `existingKeys` holds entryKey() of the rows already in the register (and of
 * rows accepted earlier in the same import), so duplicates are caught.
 */
export function checkEntry(input: EntryInput, existingKeys: ReadonlySet<string> = new Set()): CheckedEntry {
  const issues: Issue[] = [];
  const error = (field: EntryField, message: Bilingual) => issues.push({ field, severity: "error", message });
  const warn = (field: EntryField, message: Bilingual) =>
    issues.push({ field, severity: "warning", message });

  const goalText = text(input.goal);
  const goal = goalText ? findGoal(goalText) : undefined;
  if (!goalText) error("goal", e("Choose the goal this entry counts toward.", "请选择该条目计入的目标。"));
  else if (!goal)
    error(
      "goal",
      refusal(
        "goal",
        goalText,
        e(`"${goalText}" is not one of the plan's six goals.`, `“${goalText}”不是方案的六个目标之一。`),
      ),
    );

  const name = visibleName(text(input.name));
  if (!name) error("name", e("Give the entry a name.", "请填写名称。"));
  else if (seenLonger(name, MAX_NAME_LENGTH))
    error(
      "name",
      e(`Keep the name to at most ${MAX_NAME_LENGTH} characters.`, `名称不超过 ${MAX_NAME_LENGTH} 个字符。`),
    );

  const statusText = text(input.status);
  const statusId = statusText ? statusOf(statusText) : undefined;
  const status = statusId ? STATUS_ITEMS.find((item) => item.id === statusId) : undefined;
  if (!statusText) error("status", e("Choose a status.", "请选择状态。"));
  else if (!status)
    error(
      "status",
      refusal(
        "status",
        statusText,
        e(
          `"${statusText}" is not a status: use Candidate, In progress, Recognized or Withdrawn.`,
          `“${statusText}”不是有效状态：请用候选、推进中、已认定或已撤回。`,
        ),
      ),
    );

  const kindText = text(input.kind);
  const kind = kindText ? kindOf(kindText) : undefined;
  if (kindText && !kind)
    error(
      "kind",
      refusal(
        "kind",
        kindText,
        e(
          `"${kindText}" is not a kind: use factory, production line or workshop.`,
          `“${kindText}”不是有效类型：请用无人工厂、无人生产线或无人车间。`,
        ),
      ),
    );
  if (kind && goal && goal.id !== "UNMANNED")
    warn("kind", e("Kind applies to unmanned factories only.", "类型仅适用于无人工厂。"));
  if (!kindText && goal?.id === "UNMANNED")
    warn(
      "kind",
      e(
        "Say whether it is a factory, a production line or a workshop.",
        "请注明是无人工厂、无人生产线还是无人车间。",
      ),
    );

  const sectorText = text(input.sector);
  const sector = sectorText ? sectorOf(sectorText) : undefined;
  if (sectorText && !sector)
    error(
      "sector",
      refusal(
        "sector",
        sectorText,
        e(`"${sectorText}" is not one of the 12 key sectors.`, `“${sectorText}”不是12个重点领域之一。`),
      ),
    );

  const districtText = text(input.district);
  const district = districtText ? districtOf(districtText) : undefined;
  if (districtText && !district)
    error(
      "district",
      refusal(
        "district",
        districtText,
        e(
          `"${districtText}" is not one of Shanghai's 16 districts.`,
          `“${districtText}”不是上海16个区之一。`,
        ),
      ),
    );

  let date: number | undefined;
  if (typeof input.date === "number") date = Number.isFinite(input.date) ? Math.floor(input.date) : undefined;
  else if (text(input.date)) date = parseWrittenDate(text(input.date));
  if (text(input.date) && date === undefined) {
    error(
      "date",
      e(
        `"${text(input.date)}" is not a date: write it as 2021-06-30 (or 2021/6/30).`,
        `“${text(input.date)}”不是日期：请写成 2021-06-30 或 2021年6月30日。`,
      ),
    );
  } else if (date !== undefined && (date < DATE_MIN || date > DATE_MAX)) {
    error(
      "date",
      e(
        `The date must fall between ${REGISTER_DATE_BOUNDS.min} and ${REGISTER_DATE_BOUNDS.max}.`,
        `日期须在 ${REGISTER_DATE_BOUNDS.min} 至 ${REGISTER_DATE_BOUNDS.max} 之间。`,
      ),
    );
  } else if (date !== undefined && (date < PLAN_START || date > PLAN_END)) {
    warn(
      "date",
      e(
        `${serialToIso(date)} is outside the plan period (${PLAN.issued} to ${PLAN.deadline}).`,
        `${serialToIso(date)} 不在方案期间（${PLAN.issued} 至 ${PLAN.deadline}）内。`,
      ),
    );
  }
  if (date === undefined && !text(input.date) && status?.id === "RECOGNIZED") {
    warn(
      "date",
      e(
        "A recognized entry without a date counts at every as-of date.",
        "无日期的已认定条目在任何截至日期都会计入。",
      ),
    );
  }

  const evidence = text(input.evidence);
  if (evidence && !isEvidenceLink(evidence))
    error(
      "evidence",
      e(
        "Evidence must be one web address: http:// or https://, then the site, with no spaces and no user name or password.",
        "佐证须为一个网址：以 http:// 或 https:// 开头，后接网站地址，不含空格，也不含用户名或密码。",
      ),
    );

  // Notes are kept as written, leading and trailing spaces and line breaks included.
  const rawNotes = input.notes === null || input.notes === undefined ? "" : String(input.notes);
  const notes = rawNotes.trim() === "" ? "" : rawNotes;
  if (seenLonger(notes, MAX_TEXT_LENGTH))
    error(
      "notes",
      e(`Keep notes to at most ${MAX_TEXT_LENGTH} characters.`, `备注不超过 ${MAX_TEXT_LENGTH} 个字符。`),
    );
  const enteredBy = text(input.enteredBy);

  const creditCode = normalizeCreditCode(text(input.creditCode));
  const codeProblem = creditCode ? creditCodeProblem(creditCode) : undefined;
  if (codeProblem)
    error(
      "creditCode",
      {
        length: e(
          `A unified social credit code has 18 characters; "${creditCode}" has ${creditCode.length}.`,
          `统一社会信用代码为18位，“${creditCode}”为${creditCode.length}位。`,
        ),
        character: e(
          `"${creditCode}" holds a character no credit code has (only digits and capital letters other than I, O, S, V and Z).`,
          `“${creditCode}”含有信用代码不用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）。`,
        ),
        checkCharacter: e(
          `The last character of "${creditCode}" is not its check character (GB 32100-2015): check the code for a typing error.`,
          `“${creditCode}”的末位与校验码不符（GB 32100-2015），请核对是否录入有误。`,
        ),
      }[codeProblem],
    );

  // Excel holds at most 32,767 UTF-16 code units in a cell ("Excel specifications and limits").
  const cells: [EntryField, string][] = [
    ["name", name],
    ["evidence", evidence],
    ["notes", notes],
    ["enteredBy", enteredBy],
  ];
  for (const [field, value] of cells)
    // Half of a UTF-16 pair on its own is no character: a file cannot store it (UTF-8 and the
    // workbook's XML both refuse it), so it would come back as "\ufffd". Refused, not changed.
    if (LONE_SURROGATE.test(value))
      error(
        field,
        e(
          `${ENTRY_FIELD_LABELS[field].en} holds a broken character (half of a character pair); retype it.`,
          `${ENTRY_FIELD_LABELS[field].zh}含有残缺字符（字符对只剩一半），请重新输入。`,
        ),
      );
    else if (value.length > MAX_CELL_UNITS)
      error(
        field,
        e(
          `${ENTRY_FIELD_LABELS[field].en} is longer than an Excel cell holds (${MAX_CELL_UNITS} characters).`,
          `${ENTRY_FIELD_LABELS[field].zh}超出 Excel 单元格的容量（${MAX_CELL_UNITS} 个字符）。`,
        ),
      );

  if (goal && name && existingKeys.has(entryKey(goal.id, name))) {
    error("name", e(`"${name}" is already in the register for this goal.`, `“${name}”已登记在该目标下。`));
  }

  if (issues.some((issue) => issue.severity === "error") || !goal || !status) return { issues };
  return {
    issues,
    entry: {
      goal: goal.id,
      name,
      kind: kind?.id,
      sector: sector?.id,
      district: district?.id,
      date,
      status: status.id as EntryStatusId,
      evidence: evidence || undefined,
      notes: notes || undefined,
      enteredBy: enteredBy || undefined,
      creditCode: creditCode || undefined,
    },
  };
}

/**
 * A Register row in the template's column order (REGISTER_FIELDS: the provenance blank), in
 * the workbook's language. A workbook whose columns are in another order gets the row rearranged
 * by header when the add-in appends it. Text is raw here: the writer protects it against
 * formula injection.
 */
export function entryRow(entry: Entry, language: Language, enteredAt: number): (string | number | null)[] {
  const label = <T extends { id: string; label: Bilingual }>(items: readonly T[], id: string | undefined) =>
    id ? items.find((item) => item.id === id)!.label[language] : null;
  const cells: Record<(typeof REGISTER_FIELDS)[number], string | number | null> = {
    goal: goalById(entry.goal).label[language],
    name: entry.name,
    status: ENTRY_STATUS_LABELS[entry.status][language],
    date: entry.date ?? null,
    district: label(DISTRICTS, entry.district),
    kind: label(UNMANNED_KINDS, entry.kind),
    sector: label(SECTORS, entry.sector),
    evidence: entry.evidence ?? null,
    notes: entry.notes ?? null,
    enteredBy: entry.enteredBy ?? null,
    enteredAt,
    creditCode: entry.creditCode ?? null,
    // Where a row came from: only a merge fills these.
    reportedBy: null,
    sourceFile: null,
    mergedAt: null,
  };
  return REGISTER_FIELDS.map((field) => cells[field]);
}
