/**
 * The tracking workbook, described once: the add-in writes, repairs and upgrades workbooks from
 * this description, and the command line writes .xlsx files from it.
 */
import { isoToSerial } from "../dates";
import { INDICATORS } from "../indicators";
import type { Language } from "../language";
import { REGISTER_DATE_BOUNDS } from "../entries";
import {
  type Bilingual,
  COMPARATOR_LABELS,
  GOAL_SOURCES,
  goalById,
  goalGroupById,
  GOALS,
  DISTRICTS,
  PLAN,
  SECTORS,
} from "../plan";
import { STATUS_LABELS, type StatusId } from "../progress";
import { Z_80 } from "../distributions";
import { type LikelihoodModel, MIN_MONTHS, MONTH_DAYS } from "../likelihood";
import {
  DEFAULT_STATUS_RULE,
  DEFAULT_STATUS_RULES,
  STATUS_RULE_EXPLANATIONS,
  STATUS_RULE_IDS,
  STATUS_RULE_LABELS,
  STATUS_RULE_SOURCES,
  STATUS_RULE_UNITS,
  type StatusRuleId,
} from "../status-rules";
import { REPORT_RECENT_DAYS, REPORT_RECENT_ROWS } from "../report";
import { NO_QUOTA } from "../districts";
import { TRACKED_FIELDS } from "../ledger";
import { CHANGES_FIELD_LABELS } from "../trail";
import { citeSources, sourceNumber, sourceReference, sourcesCited, SOURCES, writtenDate } from "../sources";
import { bilingual, DASHBOARD_HEADERS, REGISTER_HEADERS, TARGETS_HEADERS, TIMELINE_HEADERS } from "./headers";
import type { Cell, ColumnSpec, FormulaContext, SheetSpec, TableId, TableSpec } from "./structure";
import { type Vocabulary, vocabulary } from "./vocabulary";

/**
 * Raised whenever the template changes; workbooks with a lower version get upgraded.
 * 2: the Register's evidence-link validation follows the core's rule (core/evidence-link.ts).
 * 3: that rule refuses links with a user name or password; sources are cited by number ([1]).
 * 4: every sheet prints (A4 landscape, one page wide, repeated headings, page numbers); new sheets
 *    have a title row with the as-of date above their tables.
 * 5: figures that know the deadline (By deadline, Date met; Met late).
 * 6: the status rule is the workbook's (About row Status rule, Status rules sheet).
 * 7: districts and the city: the task breakdown (Districts sheet), the change trail (Changes, and
 *    the hidden Recorded sheet), merges and their conflicts; the Register's credit code and provenance.
 */
export const TEMPLATE_VERSION = 7;

/** Defined names: the workbook's marker, its language and the as-of date every formula uses. */
export const NAMES = {
  version: "SHONLINE_TemplateVersion",
  language: "SHONLINE_Language",
  asOf: "AsOfDate",
  /**
   * Set (=TRUE) once the change trail has started: the first refresh of a workbook of version 7
   * took the Register as it was as its baseline. From then on an empty record is an empty register.
   */
  trailStarted: "SHONLINE_TrailStarted",
  /** The About row's value cell naming who reports (the Report sheet's reporting unit). */
  reportingUnit: "SHONLINE_ReportingUnit",
  list: (list: string) => `SHONLINE_List_${list}`,
} as const;

export const DATE_FORMAT = "yyyy-mm-dd";

/** How each status is coloured (font, fill; RGB hex) where the workbook shows it; the text says it too. */
export const STATUS_COLOURS: Readonly<Record<StatusId, { font: string; fill: string }>> = {
  ACHIEVED: { font: "0B5A2A", fill: "D5F0DD" },
  MET_LATE: { font: "5C4700", fill: "F2E9C4" },
  ON_TRACK: { font: "0B5A2A", fill: "E6F4EA" },
  AT_RISK: { font: "7A4B00", fill: "FFF1CC" },
  BEHIND: { font: "8A1C1C", fill: "FBE0E0" },
  MISSED: { font: "8A1C1C", fill: "F6C9C9" },
  NOT_STARTED: { font: "404040", fill: "EDEDED" },
};
/**
 * Each status as a symbol beside its text, so a page printed in black and white still tells them
 * apart. All six are in WGL4 (Calibri, Arial and the other core Windows fonts) and in GBK (SimSun,
 * Microsoft YaHei), and in the fonts LibreOffice ships with; √ and × are the ticks and crosses of
 * Chinese forms.
 */
export const STATUS_MARKS: Readonly<Record<StatusId, string>> = {
  ACHIEVED: "√",
  MET_LATE: "◎",
  ON_TRACK: "●",
  AT_RISK: "▲",
  BEHIND: "▼",
  MISSED: "×",
  NOT_STARTED: "○",
};

/** What Forecast date shows while there is no pace to project (nothing dated in the period yet). */
export const NO_FORECAST_DATE = "–";

/**
 * The row (0-based) where the sheets' tables start: the row above them is the title row, which
 * prints on every page (page-setup.ts). The hidden Lists sheet, never printed, has none.
 */
export const TABLE_ROW = 1;

const COUNT_FORMAT = "0";
const PERCENT_FORMAT = "0.0%";
/** Expected and forecast counts: a steady pace is rarely a whole number; one decimal shows it. */
const DECIMAL_FORMAT = "0.0";
/** Indicators are published as 21, 13.5 or 84000: General shows each as published, with no added ".0". */
const AS_PUBLISHED_FORMAT = "General";
/** A data bar runs from an empty cell at 0% to a full cell at 100%, whatever the other goals reach. */
const PROGRESS_BAR = { min: 0, max: 1 };

// ---- Targets ------------------------------------------------------------------------------

/** The comparator column's note: what may be chosen, and what each source of unmanned factories says. */
function comparatorNote(): Bilingual {
  const unmanned = goalById("UNMANNED");
  const says = (language: Language, reading: (typeof unmanned.readings)[number]) => ({
    cited: sourcesCited([reading.source], language),
    comparator: COMPARATOR_LABELS[reading.comparator][language],
  });
  const en = unmanned.readings.map((reading) => says("en", reading));
  const zh = unmanned.readings.map((reading) => says("zh", reading));
  return bilingual(
    `Editable: 'more than' or 'at least'. The sources disagree for unmanned factories: ${en
      .map((r) => `${r.cited} says ${r.comparator} ${unmanned.target}`)
      .join(", ")}.`,
    `可修改：“超过”或“不少于”。无人工厂目标的来源说法不一：${zh
      .map((r) => `${r.cited} 为“${r.comparator}${unmanned.target}”`)
      .join("，")}。`,
  );
}

/**
 * The Register's rows recognized toward a goal: the criteria (the goal's label in the goal column,
 * and any more), the status Recognized, dated up to the day `until` (the as-of day unless given) or
 * undated, as the core's tallyRegister counts them. `wrap` encloses each COUNTIFS, for criteria that
 * are a whole column (SUMPRODUCT adds up the count of each of its cells).
 */
function recognizedCount(
  c: FormulaContext,
  v: Vocabulary,
  criteria: string[],
  until: string = c.asOf,
  wrap: (count: string) => string = (count) => count,
): string {
  const base = [...criteria, c.column("register", REGISTER_HEADERS.status[c.language]), c.text(v.recognized)];
  const date = c.column("register", REGISTER_HEADERS.date[c.language]);
  return (
    wrap(`COUNTIFS(${[...base, date, `"<"&(${until}+1)`].join(",")})`) +
    "+" +
    wrap(`COUNTIFS(${[...base, date, `""`].join(",")})`)
  );
}

/**
 * Forecast and Forecast date, as the core's forecastFromTally and forecastDate compute them, in
 * functions every spreadsheet has (Excel 2010, LibreOffice): no LET, no MINIFS, no array entry.
 */
/**
 * The day of the row that reached the required count, undated rows first (from the start), for a
 * goal whose Actual has reached it (core reachedOn). That row is the k-th earliest of the dated rows
 * counted; SMALL finds it over the dates with every other row pushed out of reach (+1E9 days),
 * SUMPRODUCT making it an array formula without array entry.
 */
function dateReachedFormula(c: FormulaContext): string {
  const v = vocabulary(c.language);
  const col = (key: keyof typeof TARGETS_HEADERS) => c.thisRow(TARGETS_HEADERS[key][c.language]);
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  const undated = `COUNTIFS(${[register("goal"), col("goal"), register("status"), c.text(v.recognized), register("date"), `""`].join(",")})`;
  const counted =
    `(${register("goal")}=${col("goal")})*(${register("status")}=${c.text(v.recognized)})` +
    `*(${register("date")}<>"")*(${register("date")}<${c.asOf}+1)`;
  const kthDate = `INT(SUMPRODUCT(SMALL(${register("date")}+1E9*(1-${counted}),${col("required")}-${undated})))`;
  return `IF(${undated}>=${col("required")},${col("start")},MAX(${col("start")},${kthDate}))`;
}

function forecastFormula(column: "forecast" | "forecastDate", c: FormulaContext): string {
  const v = vocabulary(c.language);
  const col = (key: keyof typeof TARGETS_HEADERS) => c.thisRow(TARGETS_HEADERS[key][c.language]);
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  const recognized = (...criteria: string[]) =>
    `COUNTIFS(${[register("goal"), col("goal"), register("status"), c.text(v.recognized), ...criteria].join(",")})`;
  // The pace: rows dated from the start to the as-of day, over the days elapsed (to the deadline at most).
  const datedInPeriod = recognized(
    register("date"),
    `">="&${col("start")}`,
    register("date"),
    `"<"&(${c.asOf}+1)`,
  );
  const elapsed = `(MIN(${c.asOf},${col("deadline")})-${col("start")})`;
  if (column === "forecast")
    return `${col("actual")}+IF(${elapsed}>0,${datedInPeriod}/${elapsed}*MAX(0,${col("deadline")}-${c.asOf}),0)`;

  const reached = dateReachedFormula(c);
  // Not met: the days the rest takes at the pace, in whole numbers as the core counts them.
  const projected =
    `IF(AND(${elapsed}>0,${datedInPeriod}>0),` +
    `${c.asOf}+ROUNDUP((${col("required")}-${col("actual")})*${elapsed}/${datedInPeriod},0),` +
    `${c.text(NO_FORECAST_DATE)})`;
  return `IF(${col("actual")}>=${col("required")},${reached},${projected})`;
}

/** The status's symbol (STATUS_MARKS), from the status text of the same row. */
function statusMarkFormula(status: string, c: FormulaContext): string {
  return (Object.keys(STATUS_MARKS) as StatusId[]).reduceRight(
    (otherwise, id) =>
      `IF(${status}=${c.text(STATUS_LABELS[id][c.language])},${c.text(STATUS_MARKS[id])},${otherwise})`,
    `""`,
  );
}

/** The rule named on the About sheet (blank when its row is missing): the status rule in use. */
function ruleInUse(c: FormulaContext): string {
  return `IFERROR(INDEX(${c.column("about", ABOUT_VALUE[c.language])},MATCH(${c.text(ABOUT_STATUS_RULE[c.language])},${c.column("about", ABOUT_ITEM[c.language])},0)),"")`;
}

/** A threshold of a rule, from its row of the Status rules table. */
function ruleThreshold(c: FormulaContext, id: StatusRuleId, which: "onTrack" | "atRisk"): string {
  const header = STATUS_RULE_HEADERS[which][c.language];
  const cell = `INDEX(${c.column("statusRules", header)},MATCH(${c.text(id)},${c.column("statusRules", STATUS_RULE_HEADERS.id[c.language])},0))`;
  // Only a number is a threshold: a blank cell or text gives #N/A, as core statusRuleFrom refuses it.
  return `IF(ISNUMBER(${cell}),${cell},NA())`;
}

/**
 * On track / At risk / Behind by the rule in use, as core judgedInPeriod judges, comparison for
 * comparison. The rule is matched as core statusRuleNamed matches it (its id, or its name in the
 * workbook's language; Excel's = ignores case); any other text, or none, is the ratio to the expected count.
 */
/** The figures a status is judged from, as formula expressions: a Targets row's cells, or a district's. */
type JudgedFigure =
  "actual" | "actualByDeadline" | "expected" | "target" | "start" | "deadline" | "remaining";
type Figures = (key: JudgedFigure) => string;

function judgedFormula(c: FormulaContext, col: Figures): string {
  const v = vocabulary(c.language);
  const s = (id: keyof Vocabulary["statuses"]) => c.text(v.statuses[id][c.language]);
  const rule = ruleInUse(c);
  const named = (id: StatusRuleId) =>
    `OR(${rule}=${c.text(id)},${rule}=${c.text(STATUS_RULE_LABELS[id][c.language])})`;
  const grade = (onTrack: string, atRisk: string) =>
    `IF(${onTrack},${s("ON_TRACK")},IF(${atRisk},${s("AT_RISK")},${s("BEHIND")}))`;
  const t = (id: StatusRuleId, which: "onTrack" | "atRisk") => ruleThreshold(c, id, which);
  const ratio = grade(
    `${col("actual")}>=${t("RATIO", "onTrack")}*${col("expected")}`,
    `${col("actual")}>=${t("RATIO", "atRisk")}*${col("expected")}`,
  );
  const share = `MIN(1,MAX(0,(${c.asOf}-${col("start")})/(${col("deadline")}-${col("start")})))`;
  const behind = `ROUND((${share}-${col("actual")}/${col("target")})*100,9)`;
  const elapsed = grade(`${behind}<${t("ELAPSED", "onTrack")}`, `${behind}<=${t("ELAPSED", "atRisk")}`);
  const observed = `(${col("actual")}*(${col("deadline")}-${c.asOf}))`;
  const needed = `((${c.asOf}-${col("start")})*${col("remaining")})`;
  const pace = grade(
    `${observed}>=${t("PACE", "onTrack")}*${needed}`,
    `${observed}>=${t("PACE", "atRisk")}*${needed}`,
  );
  return `IF(${named("ELAPSED")},${elapsed},IF(${named("PACE")},${pace},${ratio}))`;
}

/**
 * As core statusOf: after the deadline, what it decided; until then Achieved when met, Not started
 * before the start, else by the workbook's rule. `met` and `metByDeadline` are the comparisons.
 */
function statusFormula(c: FormulaContext, col: Figures, met: string, metByDeadline: string): string {
  const v = vocabulary(c.language);
  const s = (id: keyof Vocabulary["statuses"]) => c.text(v.statuses[id][c.language]);
  const ended = `IF(${met},IF(${metByDeadline},${s("ACHIEVED")},${s("MET_LATE")}),${s("MISSED")})`;
  return (
    `IF(${c.asOf}>${col("deadline")},${ended},` +
    `IF(${met},${s("ACHIEVED")},IF(${c.asOf}<${col("start")},${s("NOT_STARTED")},${judgedFormula(c, col)})))`
  );
}

function targetsFormula(column: keyof typeof TARGETS_HEADERS, c: FormulaContext): string {
  const v = vocabulary(c.language);
  const col = (key: keyof typeof TARGETS_HEADERS) => c.thisRow(TARGETS_HEADERS[key][c.language]);
  const met = `IF(${col("comparator")}=${c.text(v.moreThan)},${col("actual")}>${col("target")},${col("actual")}>=${col("target")})`;
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  switch (column) {
    case "required":
      return `IF(${col("comparator")}=${c.text(v.moreThan)},INT(${col("target")})+1,ROUNDUP(${col("target")},0))`;
    case "actual":
      return recognizedCount(c, v, [register("goal"), col("goal")]);
    case "actualByDeadline":
      return recognizedCount(c, v, [register("goal"), col("goal")], `MIN(${c.asOf},${col("deadline")})`);
    case "dateMet":
      return `IF(${col("actual")}>=${col("required")},${dateReachedFormula(c)},${c.text(NO_FORECAST_DATE)})`;
    case "progress":
      return `${col("actual")}/${col("target")}`;
    case "expected":
      return `${col("required")}*MIN(1,MAX(0,(${c.asOf}-${col("start")})/(${col("deadline")}-${col("start")})))`;
    case "remaining":
      return `MAX(0,${col("required")}-${col("actual")})`;
    case "status": {
      const byDeadline = col("actualByDeadline");
      const metByDeadline = `IF(${col("comparator")}=${c.text(v.moreThan)},${byDeadline}>${col("target")},${byDeadline}>=${col("target")})`;
      return statusFormula(c, col, met, metByDeadline);
    }
    case "statusMark":
      return statusMarkFormula(col("status"), c);
    case "forecast":
    case "forecastDate":
      return forecastFormula(column, c);
    case "daysLeft":
      // As core daysLeftShown: none once the period has ended.
      return `MAX(0,${col("deadline")}-${c.asOf})`;
    default:
      throw new Error(`No formula for Targets column ${column}`);
  }
}

const targetsColumns: ColumnSpec[] = (
  [
    { id: "id", header: TARGETS_HEADERS.id, role: "seeded", width: 15 },
    { id: "goal", header: TARGETS_HEADERS.goal, role: "seeded", width: 34 },
    {
      id: "comparator",
      header: TARGETS_HEADERS.comparator,
      role: "seeded",
      editable: true,
      width: 12,
      validation: { kind: "list", list: "comparators" },
      note: comparatorNote(),
    },
    {
      id: "target",
      header: TARGETS_HEADERS.target,
      role: "seeded",
      editable: true,
      width: 10,
      numberFormat: "0",
    },
    {
      id: "required",
      header: TARGETS_HEADERS.required,
      role: "formula",
      width: 10,
      numberFormat: COUNT_FORMAT,
    },
    { id: "unit", header: TARGETS_HEADERS.unit, role: "seeded", width: 16 },
    { id: "start", header: TARGETS_HEADERS.start, role: "seeded", width: 12, numberFormat: DATE_FORMAT },
    {
      id: "deadline",
      header: TARGETS_HEADERS.deadline,
      role: "seeded",
      editable: true,
      width: 12,
      numberFormat: DATE_FORMAT,
    },
    { id: "source", header: TARGETS_HEADERS.source, role: "seeded", width: 16 },
    { id: "actual", header: TARGETS_HEADERS.actual, role: "formula", width: 9, numberFormat: COUNT_FORMAT },
    {
      id: "actualByDeadline",
      header: TARGETS_HEADERS.actualByDeadline,
      role: "formula",
      width: 10,
      numberFormat: COUNT_FORMAT,
    },
    { id: "dateMet", header: TARGETS_HEADERS.dateMet, role: "formula", width: 12, numberFormat: DATE_FORMAT },
    {
      id: "progress",
      header: TARGETS_HEADERS.progress,
      role: "formula",
      width: 10,
      numberFormat: PERCENT_FORMAT,
    },
    {
      id: "expected",
      header: TARGETS_HEADERS.expected,
      role: "formula",
      width: 10,
      numberFormat: DECIMAL_FORMAT,
    },
    {
      id: "remaining",
      header: TARGETS_HEADERS.remaining,
      role: "formula",
      width: 10,
      numberFormat: COUNT_FORMAT,
    },
    { id: "status", header: TARGETS_HEADERS.status, role: "formula", width: 12 },
    { id: "statusMark", header: TARGETS_HEADERS.statusMark, role: "formula", width: 6, align: "center" },
    {
      id: "forecast",
      header: TARGETS_HEADERS.forecast,
      role: "formula",
      width: 10,
      numberFormat: DECIMAL_FORMAT,
    },
    {
      id: "forecastDate",
      header: TARGETS_HEADERS.forecastDate,
      role: "formula",
      width: 13,
      numberFormat: DATE_FORMAT,
    },
    {
      id: "daysLeft",
      header: TARGETS_HEADERS.daysLeft,
      role: "formula",
      width: 10,
      numberFormat: COUNT_FORMAT,
    },
  ] as ColumnSpec[]
).map((column) =>
  column.role === "formula"
    ? {
        ...column,
        formula: (c: FormulaContext) => targetsFormula(column.id as keyof typeof TARGETS_HEADERS, c),
      }
    : column,
);

const targets: TableSpec = {
  id: "targets",
  name: "tblTargets",
  sheet: "targets",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: targetsColumns,
  seedRows: (language) =>
    GOALS.map((goal) => [
      goal.id,
      goal.label[language],
      COMPARATOR_LABELS[goal.comparator][language],
      goal.target,
      null,
      goal.unit[language],
      isoToSerial(goal.start),
      isoToSerial(goal.deadline),
      citeSources(goal.sources, language),
      ...targetsColumns.slice(9).map(() => null),
    ]),
  conditionalFormats: [
    { column: "progress", kind: "dataBar", bounds: PROGRESS_BAR },
    { column: "status", kind: "statusColours" },
  ],
};

// ---- Register -----------------------------------------------------------------------------

const register: TableSpec = {
  id: "register",
  name: "tblRegister",
  sheet: "register",
  anchor: { row: TABLE_ROW, column: 0 },
  // The key columns first, so they print side by side; in the order of REGISTER_FIELDS (entryRow).
  columns: [
    {
      id: "goal",
      header: REGISTER_HEADERS.goal,
      role: "user",
      width: 30,
      validation: { kind: "list", list: "goals" },
    },
    { id: "name", header: REGISTER_HEADERS.name, role: "user", width: 26 },
    {
      id: "status",
      header: REGISTER_HEADERS.status,
      role: "user",
      width: 13,
      validation: { kind: "list", list: "entryStatuses" },
    },
    {
      id: "date",
      header: REGISTER_HEADERS.date,
      role: "user",
      width: 14,
      numberFormat: DATE_FORMAT,
      validation: { kind: "date", ...REGISTER_DATE_BOUNDS },
    },
    {
      id: "district",
      header: REGISTER_HEADERS.district,
      role: "user",
      width: 14,
      validation: { kind: "list", list: "districts" },
    },
    {
      id: "kind",
      header: REGISTER_HEADERS.kind,
      role: "user",
      width: 12,
      validation: { kind: "list", list: "kinds" },
      note: bilingual(
        "For unmanned factories: factory, production line or workshop.",
        "仅用于无人工厂：工厂、生产线或车间。",
      ),
    },
    {
      id: "sector",
      header: REGISTER_HEADERS.sector,
      role: "user",
      width: 22,
      validation: { kind: "list", list: "sectors" },
    },
    {
      id: "evidence",
      header: REGISTER_HEADERS.evidence,
      role: "user",
      width: 24,
      validation: { kind: "url" },
      note: bilingual(
        "One web address starting with http:// or https://, with no spaces and no user name or password in it.",
        "一个以 http:// 或 https:// 开头的网址，不含空格，也不含用户名或密码。",
      ),
    },
    { id: "notes", header: REGISTER_HEADERS.notes, role: "user", width: 20 },
    { id: "enteredBy", header: REGISTER_HEADERS.enteredBy, role: "user", width: 10 },
    {
      id: "enteredAt",
      header: REGISTER_HEADERS.enteredAt,
      role: "user",
      width: 16,
      numberFormat: "yyyy-mm-dd hh:mm",
    },
    // Since version 7. The credit code is text like every text the add-in writes (behind an
    // apostrophe, cell-text.ts); the provenance columns are written when a district's workbook is
    // merged into this one.
    {
      id: "creditCode",
      header: REGISTER_HEADERS.creditCode,
      role: "user",
      width: 19,
      note: bilingual(
        "For enterprises: the 18-character unified social credit code (GB 32100-2015); its last character is checked. Used first to find the same enterprise reported twice.",
        "企业条目填写18位统一社会信用代码，末位校验码按国家标准核对。合并时优先据此查找重复报送。",
      ),
    },
    { id: "reportedBy", header: REGISTER_HEADERS.reportedBy, role: "user", width: 10 },
    { id: "sourceFile", header: REGISTER_HEADERS.sourceFile, role: "user", width: 14 },
    {
      id: "mergedAt",
      header: REGISTER_HEADERS.mergedAt,
      role: "user",
      width: 16,
      numberFormat: "yyyy-mm-dd hh:mm",
    },
  ],
};

// ---- Sectors ------------------------------------------------------------------------------

const SECTOR_HEADER = bilingual("Sector", "领域");
const TOTAL_HEADER = bilingual("Total", "合计");

const sectors: TableSpec = {
  id: "sectors",
  name: "tblSectors",
  sheet: "sectors",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "sector", header: SECTOR_HEADER, role: "seeded", width: 30 },
    ...GOALS.map((goal): ColumnSpec => ({
      id: goal.id,
      header: goal.short,
      role: "formula",
      width: 12,
      numberFormat: COUNT_FORMAT,
      formula: (c) => {
        const v = vocabulary(c.language);
        return recognizedCount(c, v, [
          c.column("register", REGISTER_HEADERS.sector[c.language]),
          c.thisRow(SECTOR_HEADER[c.language]),
          c.column("register", REGISTER_HEADERS.goal[c.language]),
          c.text(goal.label[c.language]),
        ]);
      },
    })),
    {
      id: "total",
      header: TOTAL_HEADER,
      role: "formula",
      width: 10,
      numberFormat: COUNT_FORMAT,
      formula: (c) => GOALS.map((goal) => c.thisRow(goal.short[c.language])).join("+"),
    },
  ],
  seedRows: (language) => SECTORS.map((sector) => [sector.label[language], ...GOALS.map(() => null), null]),
};

// ---- Dashboard ----------------------------------------------------------------------------

/** A Dashboard cell looked up from the Targets row of the same goal. */
function fromTargets(targetsHeader: (typeof TARGETS_HEADERS)[keyof typeof TARGETS_HEADERS]) {
  return (c: FormulaContext) =>
    `INDEX(${c.column("targets", targetsHeader[c.language])},MATCH(${c.thisRow(DASHBOARD_HEADERS.id[c.language])},${c.column("targets", TARGETS_HEADERS.id[c.language])},0))`;
}

const dashboardColumns: ColumnSpec[] = [
  { id: "id", header: DASHBOARD_HEADERS.id, role: "seeded", width: 15 },
  { id: "group", header: DASHBOARD_HEADERS.group, role: "seeded", width: 22 },
  {
    id: "goal",
    header: DASHBOARD_HEADERS.goal,
    role: "formula",
    width: 34,
    formula: fromTargets(TARGETS_HEADERS.goal),
  },
  {
    id: "actual",
    header: DASHBOARD_HEADERS.actual,
    role: "formula",
    width: 9,
    numberFormat: COUNT_FORMAT,
    formula: fromTargets(TARGETS_HEADERS.actual),
  },
  {
    id: "target",
    header: DASHBOARD_HEADERS.target,
    role: "formula",
    width: 9,
    numberFormat: "0",
    formula: fromTargets(TARGETS_HEADERS.target),
  },
  {
    id: "progress",
    header: DASHBOARD_HEADERS.progress,
    role: "formula",
    width: 12,
    numberFormat: PERCENT_FORMAT,
    formula: fromTargets(TARGETS_HEADERS.progress),
  },
  {
    id: "expected",
    header: DASHBOARD_HEADERS.expected,
    role: "formula",
    width: 10,
    numberFormat: DECIMAL_FORMAT,
    formula: fromTargets(TARGETS_HEADERS.expected),
  },
  {
    id: "status",
    header: DASHBOARD_HEADERS.status,
    role: "formula",
    width: 12,
    formula: fromTargets(TARGETS_HEADERS.status),
  },
  {
    id: "statusMark",
    header: DASHBOARD_HEADERS.statusMark,
    role: "formula",
    width: 6,
    align: "center",
    formula: fromTargets(TARGETS_HEADERS.statusMark),
  },
  {
    id: "forecast",
    header: DASHBOARD_HEADERS.forecast,
    role: "formula",
    width: 10,
    numberFormat: DECIMAL_FORMAT,
    formula: fromTargets(TARGETS_HEADERS.forecast),
  },
];

const dashboard: TableSpec = {
  id: "dashboard",
  name: "tblDashboard",
  sheet: "dashboard",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: dashboardColumns,
  seedRows: (language) =>
    GOALS.map((goal) => [
      goal.id,
      goalGroupById(goal.group).label[language],
      ...dashboardColumns.slice(2).map(() => null),
    ]),
  conditionalFormats: [
    { column: "progress", kind: "dataBar", bounds: PROGRESS_BAR },
    { column: "status", kind: "statusColours" },
  ],
};

/** Month ends from the plan's first month to its deadline. */
export function monthEnds(): number[] {
  const start = new Date(`${PLAN.issued}T00:00:00Z`);
  const end = isoToSerial(PLAN.deadline);
  const result: number[] = [];
  for (let month = 0; ; month++) {
    const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month + 1, 0));
    const serial = isoToSerial(last.toISOString().slice(0, 10));
    if (serial > end) break;
    result.push(serial);
  }
  return result;
}

const timeline: TableSpec = {
  id: "timeline",
  name: "tblTimeline",
  sheet: "dashboard",
  anchor: { row: TABLE_ROW + 9, column: 0 },
  columns: [
    {
      id: "monthEnd",
      header: TIMELINE_HEADERS.monthEnd,
      role: "seeded",
      width: 15,
      numberFormat: DATE_FORMAT,
    },
    {
      id: "recognized",
      header: TIMELINE_HEADERS.recognized,
      role: "formula",
      width: 22,
      numberFormat: COUNT_FORMAT,
      // What the goals' Actual count (each goal's label, undated rows too) at the month end, or at
      // the as-of day for the months after it: the core's timeline().
      formula: (c) =>
        recognizedCount(
          c,
          vocabulary(c.language),
          [
            c.column("register", REGISTER_HEADERS.goal[c.language]),
            c.column("targets", TARGETS_HEADERS.goal[c.language]),
          ],
          `MIN(${c.thisRow(TIMELINE_HEADERS.monthEnd[c.language])},${c.asOf})`,
          (count) => `SUMPRODUCT(${count})`,
        ),
    },
    {
      id: "expected",
      header: TIMELINE_HEADERS.expected,
      role: "formula",
      width: 22,
      numberFormat: DECIMAL_FORMAT,
      // The plan-wide steady pace: all goals' required counts, spread from the earliest start to the latest deadline.
      formula: (c) => {
        const start = `MIN(${c.column("targets", TARGETS_HEADERS.start[c.language])})`;
        const deadline = `MAX(${c.column("targets", TARGETS_HEADERS.deadline[c.language])})`;
        return `SUM(${c.column("targets", TARGETS_HEADERS.required[c.language])})*MIN(1,MAX(0,(${c.thisRow(TIMELINE_HEADERS.monthEnd[c.language])}-${start})/(${deadline}-${start})))`;
      },
    },
  ],
  seedRows: () => monthEnds().map((serial) => [serial, null, null]),
};

// ---- History, Indicators, About, Lists -----------------------------------------------------

const history: TableSpec = {
  id: "history",
  name: "tblHistory",
  sheet: "history",
  anchor: { row: TABLE_ROW, column: 0 },
  appendOnly: true,
  columns: [
    {
      id: "date",
      header: bilingual("Date", "日期"),
      role: "user",
      width: 12,
      numberFormat: DATE_FORMAT,
      note: bilingual("The as-of date the snapshot's figures use.", "快照数字所用的截至日期。"),
    },
    // The goal as Targets names it, in the workbook's language (the pane reads either language).
    { id: "goal", header: bilingual("Goal", "目标"), role: "user", width: 30 },
    { id: "actual", header: TARGETS_HEADERS.actual, role: "user", width: 9, numberFormat: COUNT_FORMAT },
    { id: "target", header: TARGETS_HEADERS.target, role: "user", width: 9, numberFormat: "0" },
    { id: "status", header: TARGETS_HEADERS.status, role: "user", width: 12 },
    { id: "note", header: bilingual("Note", "备注"), role: "user", width: 40 },
    // Since version 6: the expected count at the as-of date (the line a snapshot's actual is read
    // against), and when the snapshot was taken, which may be long after its as-of date.
    {
      id: "expected",
      header: TARGETS_HEADERS.expected,
      role: "user",
      width: 10,
      numberFormat: DECIMAL_FORMAT,
    },
    {
      id: "takenAt",
      header: bilingual("Taken at", "记录时间"),
      role: "user",
      width: 17,
      numberFormat: "yyyy-mm-dd hh:mm",
    },
  ],
};

const indicators: TableSpec = {
  id: "indicators",
  name: "tblIndicators",
  sheet: "indicators",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "indicator", header: bilingual("Indicator", "指标"), role: "seeded", width: 50 },
    {
      id: "value",
      header: bilingual("Value", "数值"),
      role: "seeded",
      width: 10,
      numberFormat: AS_PUBLISHED_FORMAT,
    },
    { id: "unit", header: bilingual("Unit", "单位"), role: "seeded", width: 22 },
    { id: "period", header: bilingual("Period", "期间"), role: "seeded", width: 40 },
    {
      id: "reported",
      header: bilingual("Reported", "发布日期"),
      role: "seeded",
      width: 12,
      numberFormat: DATE_FORMAT,
    },
    { id: "source", header: bilingual("Source", "来源"), role: "seeded", width: 12 },
  ],
  seedRows: (language) =>
    INDICATORS.map((indicator) => [
      indicator.label[language],
      indicator.value,
      indicator.unit[language],
      indicator.period[language],
      isoToSerial(indicator.reported),
      citeSources([indicator.source], language),
    ]),
};

/** About rows, in order; the as-of row's value cell is the AsOfDate name. */
export const ABOUT_AS_OF_ROW = 0;
/** The About row whose value cell is the SHONLINE_ReportingUnit name, blank until filled. */
export const ABOUT_REPORTING_UNIT = bilingual("Reporting unit", "填报单位");
/** The About row naming the status rule in use (status-rules.ts); the Targets status formula reads it. */
export const ABOUT_STATUS_RULE = bilingual("Status rule", "状态判定规则");
const ABOUT_ITEM = bilingual("Item", "项目");
const ABOUT_VALUE = bilingual("Value", "内容");

const about: TableSpec = {
  id: "about",
  name: "tblAbout",
  sheet: "about",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "item", header: ABOUT_ITEM, role: "seeded", width: 22 },
    { id: "value", header: ABOUT_VALUE, role: "seeded", editable: true, width: 100 },
  ],
  seedRows: (language) => {
    const zh = language === "zh";
    // Where the numbered citations appear: the Source column of Targets and Indicators.
    const [targetsSheet, indicatorsSheet] = [sheetSpec("targets").name, sheetSpec("indicators").name];
    const sourceColumn = TARGETS_HEADERS.source;
    return [
      [zh ? "截至日期" : "As-of date", null],
      // The English workbook keeps the Chinese title too: it is what the plan is published under.
      [zh ? "方案" : "Plan", zh ? PLAN.name.zh : `${PLAN.name.en}; in Chinese: ${PLAN.name.zh}`],
      [zh ? "发布机关" : "Issued by", PLAN.issuedBy[language]],
      [
        zh ? "期间" : "Period",
        zh
          ? `${writtenDate(PLAN.issued, language)}至${writtenDate(PLAN.deadline, language)}`
          : `${writtenDate(PLAN.issued, language)} to ${writtenDate(PLAN.deadline, language)}`,
      ],
      [zh ? "模板版本" : "Template version", TEMPLATE_VERSION],
      [
        zh ? "使用方法" : "How to use",
        zh
          ? "在“登记”表中每行登记一个条目；“目标”“领域”“看板”会按截至日期自动计算。截至日期默认为今天，可改为固定日期。"
          : "Record one entry per row on the Register sheet; Targets, Sectors and Dashboard compute from it as of the as-of date. The as-of date is today unless you type a fixed date.",
      ],
      [
        zh ? "来源编号" : "Source numbers",
        zh
          ? `“${targetsSheet.zh}”“${indicatorsSheet.zh}”表“${sourceColumn.zh}”列中的 [1]、[2] 等编号对应下列来源。各文章为英文报道，标题保留原文。`
          : `The numbers [1], [2]... in the ${sourceColumn.en} column of ${targetsSheet.en} and ${indicatorsSheet.en} refer to the sources below.`,
      ],
      ...SOURCES.map((source): Cell[] => [
        `${zh ? "来源" : "Source"} [${sourceNumber(source.id)}]`,
        sourceReference(source, language),
      ]),
      // Where the sources disagree, the reading the workbook uses and how to change it.
      ...GOALS.filter((goal) => goal.choice).map((goal): Cell[] => [
        zh ? `取舍说明：${goal.label.zh}` : `Reading used: ${goal.label.en}`,
        goal.choice![language],
      ]),
      // What each sheet is for, so the workbook explains itself without the add-in.
      ...SHEETS.filter((sheet) => sheet.id !== "about" && !sheet.hidden).map((sheet): Cell[] => [
        zh ? `工作表：${sheet.name.zh}` : `Sheet: ${sheet.name.en}`,
        sheet.note[language],
      ]),
      // Last: rows added later go at the end, so upgraded workbooks keep theirs where they were.
      [ABOUT_REPORTING_UNIT[language], null],
      [ABOUT_STATUS_RULE[language], STATUS_RULE_LABELS[DEFAULT_STATUS_RULE.id][language]],
    ];
  },
};

/** The reporting unit's row in a new About table (0-based body row). */
export function aboutReportingUnitRow(language: Language): number {
  return tableSpec("about").seedRows!(language).findIndex((row) => row[0] === ABOUT_REPORTING_UNIT[language]);
}

export const LIST_IDS = ["goals", "kinds", "sectors", "districts", "entryStatuses", "comparators"] as const;

const lists: TableSpec = {
  id: "lists",
  name: "tblLists",
  sheet: "lists",
  anchor: { row: 0, column: 0 },
  columns: LIST_IDS.map((list) => ({
    id: list,
    header: {
      goals: bilingual("Goals", "目标"),
      kinds: bilingual("Kinds", "类型"),
      sectors: bilingual("Sectors", "领域"),
      districts: bilingual("Districts", "区"),
      entryStatuses: bilingual("Statuses", "状态"),
      comparators: bilingual("Comparators", "比较方式"),
    }[list],
    role: "seeded" as const,
    width: 30,
  })),
  seedRows: (language) => {
    const v = vocabulary(language);
    const columns = LIST_IDS.map((list) => v[list]);
    const rows = Math.max(...columns.map((c) => c.length));
    return Array.from({ length: rows }, (_, r) => columns.map((c) => c[r] ?? null));
  },
};

// ---- Evaluation -------------------------------------------------------------------------------

const EVALUATION_HEAD_HEADERS = { item: bilingual("Item", "项目"), value: bilingual("Value", "内容") };
const EVALUATION_ITEMS = {
  title: bilingual("Evaluation", "评估"),
  unit: ABOUT_REPORTING_UNIT,
  period: bilingual("Period", "期间"),
  asOf: bilingual("As-of date", "截至日期"),
};
/** The sources the goals cite, listed under the heading as About lists them. */
const EVALUATION_SOURCES = GOAL_SOURCES;
const evaluationSourceItem = (source: (typeof SOURCES)[number], language: Language) =>
  `${language === "zh" ? "来源" : "Source"} [${sourceNumber(source.id)}]`;

/** The evaluation's heading: one formula for the Value column, choosing by the row's Item. */
function evaluationHeadFormula(c: FormulaContext): string {
  const item = c.thisRow(EVALUATION_HEAD_HEADERS.item[c.language]);
  const zh = c.language === "zh";
  const unitHint = zh
    ? `（请在“${sheetSpec("about").name.zh}”表“${ABOUT_REPORTING_UNIT.zh}”行填写）`
    : `(type it on ${sheetSpec("about").name.en}, row ${ABOUT_REPORTING_UNIT.en})`;
  const period = zh
    ? `${writtenDate(PLAN.issued, "zh")}至${writtenDate(PLAN.deadline, "zh")}`
    : `${writtenDate(PLAN.issued, "en")} to ${writtenDate(PLAN.deadline, "en")}`;
  const values: [string, string][] = [
    [
      EVALUATION_ITEMS.title[c.language],
      c.text(zh ? `${PLAN.name.zh}终期评估` : `Final evaluation: ${PLAN.name.en}`),
    ],
    [
      EVALUATION_ITEMS.unit[c.language],
      `IF(${NAMES.reportingUnit}="",${c.text(unitHint)},${NAMES.reportingUnit}&"")`,
    ],
    [EVALUATION_ITEMS.period[c.language], c.text(period)],
    [EVALUATION_ITEMS.asOf[c.language], c.asOf],
    ...EVALUATION_SOURCES.map((source): [string, string] => [
      evaluationSourceItem(source, c.language),
      c.text(sourceReference(source, c.language)),
    ]),
  ];
  return values.reduceRight(
    (otherwise, [key, value]) => `IF(${item}=${c.text(key)},${value},${otherwise})`,
    `""`,
  );
}

export const EVALUATION_HEADERS = {
  id: DASHBOARD_HEADERS.id,
  goal: TARGETS_HEADERS.goal,
  target: TARGETS_HEADERS.target,
  required: TARGETS_HEADERS.required,
  byDeadline: TARGETS_HEADERS.actualByDeadline,
  rate: bilingual("Rate", "完成率"),
  dateMet: TARGETS_HEADERS.dateMet,
  afterDeadline: bilingual("After deadline", "逾期认定数"),
  undated: bilingual("Undated", "未注明日期"),
  evidence: bilingual("With evidence", "附证明材料"),
  status: bilingual("Result", "结果"),
  statusMark: TARGETS_HEADERS.statusMark,
  source: TARGETS_HEADERS.source,
};

/**
 * Widths by sheet column, shared by the heading and the goals' table below it (a column has one
 * width): wide enough for the English headers and goal names, on one page all the same.
 */
const EVALUATION_WIDTHS: Record<keyof typeof EVALUATION_HEADERS, number> = {
  id: 15,
  goal: 44,
  target: 14,
  required: 10,
  byDeadline: 12,
  rate: 9,
  dateMet: 12,
  afterDeadline: 15,
  undated: 10,
  evidence: 14,
  status: 12,
  statusMark: 6,
  source: 10,
};

const evaluationHead: TableSpec = {
  id: "evaluationHead",
  name: "tblEvaluationHead",
  sheet: "evaluation",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "item", header: EVALUATION_HEAD_HEADERS.item, role: "seeded", width: EVALUATION_WIDTHS.id },
    {
      id: "value",
      header: EVALUATION_HEAD_HEADERS.value,
      role: "formula",
      width: EVALUATION_WIDTHS.goal,
      // The as-of date is a number; the other values are text, which a format leaves alone.
      numberFormat: DATE_FORMAT,
      formula: evaluationHeadFormula,
    },
  ],
  seedRows: (language) => [
    ...Object.values(EVALUATION_ITEMS).map((item): Cell[] => [item[language], null]),
    ...EVALUATION_SOURCES.map((source): Cell[] => [evaluationSourceItem(source, language), null]),
  ],
};

/** A Targets cell of the evaluation row's goal. */
const targetsCell = (c: FormulaContext, key: keyof typeof TARGETS_HEADERS) =>
  fromTargets(TARGETS_HEADERS[key])(c);

/** The goal's recognized rows (as Actual counts them) that also meet `criteria`. */
function evaluationCount(c: FormulaContext, criteria: string[]): string {
  return recognizedCount(c, vocabulary(c.language), [
    c.column("register", REGISTER_HEADERS.goal[c.language]),
    targetsCell(c, "goal"),
    ...criteria,
  ]);
}

/** Each cell as core evaluateGoals computes it, from the goal's Targets row and the Register. */
function evaluationFormula(column: keyof typeof EVALUATION_HEADERS, c: FormulaContext): string {
  const v = vocabulary(c.language);
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  switch (column) {
    case "goal":
    case "required":
    case "dateMet":
    case "status":
    case "statusMark":
    case "source":
      return targetsCell(c, column);
    case "byDeadline":
      return targetsCell(c, "actualByDeadline");
    case "target":
      // "more than 100": the comparator the goal is judged by, and its target.
      return `${targetsCell(c, "comparator")}&${c.text(c.language === "zh" ? "" : " ")}&${targetsCell(c, "target")}`;
    case "rate":
      return `${targetsCell(c, "actualByDeadline")}/${targetsCell(c, "target")}`;
    case "afterDeadline":
      return `${targetsCell(c, "actual")}-${targetsCell(c, "actualByDeadline")}`;
    case "undated":
      return `COUNTIFS(${[register("goal"), targetsCell(c, "goal"), register("status"), c.text(v.recognized), register("date"), `""`].join(",")})`;
    case "evidence":
      return `IF(${targetsCell(c, "actual")}=0,${c.text(NO_FORECAST_DATE)},(${evaluationCount(c, [register("evidence"), `"<>"`])})/${targetsCell(c, "actual")})`;
    default:
      throw new Error(`No formula for the evaluation's column ${column}`);
  }
}

const EVALUATION_FORMATS: Partial<Record<keyof typeof EVALUATION_HEADERS, string>> = {
  required: COUNT_FORMAT,
  byDeadline: COUNT_FORMAT,
  rate: PERCENT_FORMAT,
  dateMet: DATE_FORMAT,
  afterDeadline: COUNT_FORMAT,
  undated: COUNT_FORMAT,
  evidence: PERCENT_FORMAT,
};

const evaluation: TableSpec = {
  id: "evaluation",
  name: "tblEvaluation",
  sheet: "evaluation",
  // Below the heading (its items and the cited sources) and a blank row.
  anchor: {
    row: TABLE_ROW + Object.keys(EVALUATION_ITEMS).length + EVALUATION_SOURCES.length + 2,
    column: 0,
  },
  columns: (Object.keys(EVALUATION_HEADERS) as (keyof typeof EVALUATION_HEADERS)[]).map((id): ColumnSpec => ({
    id,
    header: EVALUATION_HEADERS[id],
    width: EVALUATION_WIDTHS[id],
    ...(EVALUATION_FORMATS[id] ? { numberFormat: EVALUATION_FORMATS[id] } : {}),
    ...(id === "statusMark" ? { align: "center" as const } : {}),
    ...(id === "id"
      ? { role: "seeded" as const }
      : { role: "formula" as const, formula: (c: FormulaContext) => evaluationFormula(id, c) }),
  })),
  seedRows: () =>
    GOALS.map((goal) => [
      goal.id,
      ...Object.keys(EVALUATION_HEADERS)
        .slice(1)
        .map(() => null),
    ]),
  conditionalFormats: [
    { column: "rate", kind: "dataBar", bounds: PROGRESS_BAR },
    { column: "status", kind: "statusColours" },
  ],
};

// ---- Likelihood ---------------------------------------------------------------------------

/** Rows of the months table: five years of whole months from the start, beyond any plausible deadline edit. */
export const LIKELIHOOD_MONTH_ROWS = 60;

export const LIKELIHOOD_HEADERS = {
  id: DASHBOARD_HEADERS.id,
  goal: TARGETS_HEADERS.goal,
  months: bilingual("Whole months", "整月数"),
  dated: bilingual("Dated in period", "期内已认定"),
  dispersion: bilingual("Dispersion", "离散指数"),
  model: bilingual("Model", "模型"),
  mean: bilingual("Expected to come", "预计新增"),
  probability: bilingual("Probability", "达成概率"),
  median: bilingual("Median at deadline", "截止时中位数"),
  low: bilingual("Low (10%)", "下限（10%）"),
  high: bilingual("High (90%)", "上限（90%）"),
  paceNeeded: bilingual("Needed a month", "每月尚需"),
};

/** The model's name, as the Model column shows it (core LikelihoodModel). */
export const LIKELIHOOD_MODEL_LABELS: Readonly<Record<LikelihoodModel, Bilingual>> = {
  negativeBinomial: bilingual("Negative binomial", "负二项分布"),
  poisson: bilingual("Poisson", "泊松分布"),
  decided: bilingual("Decided", "已确定"),
  none: bilingual("No estimate", "无法估计"),
};

const MONTHS_HEADERS = { month: bilingual("Month", "月序"), from: bilingual("From", "起始日") };

/**
 * The goal's figures the likelihood reads, from its Targets row (looked up by the row's Id, as the
 * Dashboard does) or from this row.
 */
function likelihoodParts(c: FormulaContext) {
  const target = (key: keyof typeof TARGETS_HEADERS) => fromTargets(TARGETS_HEADERS[key])(c);
  const own = (key: keyof typeof LIKELIHOOD_HEADERS) => c.thisRow(LIKELIHOOD_HEADERS[key][c.language]);
  const elapsed = `(MIN(${c.asOf},${target("deadline")})-${target("start")})`;
  const left = `(${target("deadline")}-${c.asOf})`;
  // No estimate: nothing elapsed, nothing dated in the period, or not a whole month of history.
  const none = `OR(${elapsed}<=0,${own("dated")}=0,${own("months")}=0)`;
  return { target, own, elapsed, left, none, need: target("remaining") };
}

/** Each cell as core likelihood() computes it (src/core/likelihood.ts), in functions every spreadsheet has. */
function likelihoodFormula(column: keyof typeof LIKELIHOOD_HEADERS, c: FormulaContext): string {
  const { target, own, elapsed, left, none, need } = likelihoodParts(c);
  const v = vocabulary(c.language);
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  const dash = c.text(NO_FORECAST_DATE);
  const model = (id: LikelihoodModel) => c.text(LIKELIHOOD_MODEL_LABELS[id][c.language]);
  const mean = `(${own("dated")}/${elapsed}*${left})`;
  const dispersion = own("dispersion");
  const spread = `${Z_80}*SQRT(${mean}*${dispersion})`;
  const byDeadline = target("actualByDeadline");
  // After the deadline what it decided; without history no estimate; else the model's figure.
  const estimate = (decided: string, undecided: string, figure: string) =>
    `IF(${left}<0,${decided},IF(${none},${undecided},${figure}))`;
  switch (column) {
    case "goal":
      return target("goal");
    case "months":
      return `MAX(0,INT(${elapsed}/${MONTH_DAYS}))`;
    case "dated":
      return `COUNTIFS(${[register("goal"), target("goal"), register("status"), c.text(v.recognized), register("date"), `">="&${target("start")}`, register("date"), `"<"&(MIN(${c.asOf},${target("deadline")})+1)`].join(",")})`;
    case "dispersion": {
      // Variance ÷ mean of the goal's whole months (its column of the months table), over at least
      // MIN_MONTHS of them; at least 1.
      const ofGoal = GOALS.reduceRight((otherwise, goal) => {
        const months = c.column("likelihoodMonths", goal.short[c.language]);
        const index = `IF(AVERAGE(${months})>0,MAX(1,VAR(${months})/AVERAGE(${months})),1)`;
        return `IF(${own("id")}=${c.text(goal.id)},${index},${otherwise})`;
      }, "1");
      return `IF(${own("months")}<${MIN_MONTHS},1,IF(${own("months")}>${LIKELIHOOD_MONTH_ROWS},NA(),${ofGoal}))`;
    }
    case "model":
      return estimate(
        model("decided"),
        model("none"),
        `IF(${dispersion}>1,${model("negativeBinomial")},${model("poisson")})`,
      );
    case "mean":
      return estimate(dash, dash, mean);
    case "probability": {
      const atLeast =
        `IF(${need}<=0,1,IF(${dispersion}>1,1-BETADIST(1/${dispersion},${mean}/(${dispersion}-1),${need}),` +
        `1-POISSON(${need}-1,${mean},TRUE)))`;
      return estimate(
        `IF(${byDeadline}>=${target("required")},1,0)`,
        `IF(${need}=0,1,${dash})`,
        `IF(${mean}=0,IF(${need}=0,1,0),${atLeast})`,
      );
    }
    case "median":
      return estimate(byDeadline, dash, `${target("actual")}+${mean}`);
    case "low":
      return estimate(byDeadline, dash, `MAX(${target("actual")},${target("actual")}+${mean}-${spread})`);
    case "high":
      return estimate(byDeadline, dash, `${target("actual")}+${mean}+${spread}`);
    case "paceNeeded":
      return `IF(${left}<0,${dash},IF(${need}=0,0,IF(${left}>0,${need}/(${left}/${MONTH_DAYS}),${dash})))`;
    default:
      throw new Error(`No formula for the likelihood's column ${column}`);
  }
}

const LIKELIHOOD_FORMATS: Partial<Record<keyof typeof LIKELIHOOD_HEADERS, string>> = {
  months: COUNT_FORMAT,
  dated: COUNT_FORMAT,
  dispersion: "0.00",
  mean: DECIMAL_FORMAT,
  probability: PERCENT_FORMAT,
  median: DECIMAL_FORMAT,
  low: DECIMAL_FORMAT,
  high: DECIMAL_FORMAT,
  paceNeeded: DECIMAL_FORMAT,
};

/**
 * The Likelihood sheet's column widths, by sheet column: its two tables share the columns, so each
 * takes the width of the column it sits in, whichever is written last; wide enough for the headers.
 */
const LIKELIHOOD_WIDTHS = [15, 30, 13, 16, 11, 18, 17, 12, 19, 11, 12, 15];
const likelihoodWidth = (column: number) => LIKELIHOOD_WIDTHS[column];

const likelihoodTable: TableSpec = {
  id: "likelihood",
  name: "tblLikelihood",
  sheet: "likelihood",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: (Object.keys(LIKELIHOOD_HEADERS) as (keyof typeof LIKELIHOOD_HEADERS)[]).map((id): ColumnSpec => ({
    id,
    header: LIKELIHOOD_HEADERS[id],
    width: likelihoodWidth(Object.keys(LIKELIHOOD_HEADERS).indexOf(id)),
    ...(LIKELIHOOD_FORMATS[id] ? { numberFormat: LIKELIHOOD_FORMATS[id] } : {}),
    ...(id === "id"
      ? { role: "seeded" as const }
      : { role: "formula" as const, formula: (c: FormulaContext) => likelihoodFormula(id, c) }),
  })),
  seedRows: () =>
    GOALS.map((goal) => [
      goal.id,
      ...Object.keys(LIKELIHOOD_HEADERS)
        .slice(1)
        .map(() => null),
    ]),
};

/** A goal's start, from its Targets row (looked up by its Id). */
const goalStart = (c: FormulaContext, goal: (typeof GOALS)[number]) =>
  `INDEX(${c.column("targets", TARGETS_HEADERS.start[c.language])},MATCH(${c.text(goal.id)},${c.column("targets", TARGETS_HEADERS.id[c.language])},0))`;

const likelihoodMonths: TableSpec = {
  id: "likelihoodMonths",
  name: "tblLikelihoodMonths",
  sheet: "likelihood",
  anchor: { row: TABLE_ROW + GOALS.length + 3, column: 0 },
  columns: [
    {
      id: "month",
      header: MONTHS_HEADERS.month,
      role: "seeded",
      width: likelihoodWidth(0),
      numberFormat: COUNT_FORMAT,
    },
    {
      id: "from",
      header: MONTHS_HEADERS.from,
      role: "formula",
      width: likelihoodWidth(1),
      numberFormat: DATE_FORMAT,
      // The first whole day of the month, from the earliest start.
      formula: (c) =>
        `ROUNDUP(MIN(${c.column("targets", TARGETS_HEADERS.start[c.language])})+(${c.thisRow(MONTHS_HEADERS.month[c.language])}-1)*${MONTH_DAYS},0)`,
    },
    // Each goal's dated recognitions in its k-th whole month from its start (core monthlyCounts), and
    // nothing ("") for the months not yet whole, which VAR and AVERAGE leave out.
    ...GOALS.map((goal, index): ColumnSpec => ({
      id: goal.id,
      header: goal.short,
      role: "formula",
      width: likelihoodWidth(2 + index),
      numberFormat: COUNT_FORMAT,
      formula: (c) => {
        const v = vocabulary(c.language);
        const k = c.thisRow(MONTHS_HEADERS.month[c.language]);
        const start = goalStart(c, goal);
        const deadline = `INDEX(${c.column("targets", TARGETS_HEADERS.deadline[c.language])},MATCH(${c.text(goal.id)},${c.column("targets", TARGETS_HEADERS.id[c.language])},0))`;
        const whole = `MAX(0,INT((MIN(${c.asOf},${deadline})-${start})/${MONTH_DAYS}))`;
        const date = c.column("register", REGISTER_HEADERS.date[c.language]);
        const count = `COUNTIFS(${[
          c.column("register", REGISTER_HEADERS.goal[c.language]),
          c.text(goal.label[c.language]),
          c.column("register", REGISTER_HEADERS.status[c.language]),
          c.text(v.recognized),
          date,
          `">="&(${start}+(${k}-1)*${MONTH_DAYS})`,
          date,
          `"<"&(${start}+${k}*${MONTH_DAYS})`,
        ].join(",")})`;
        return `IF(${k}>${whole},"",${count})`;
      },
    })),
  ],
  seedRows: () =>
    Array.from({ length: LIKELIHOOD_MONTH_ROWS }, (_, k): Cell[] => [k + 1, null, ...GOALS.map(() => null)]),
};

// ---- Status rules ---------------------------------------------------------------------------

export const STATUS_RULE_HEADERS = {
  id: bilingual("Id", "编号"),
  rule: bilingual("Rule", "规则"),
  onTrack: bilingual("On track", "进度正常"),
  atRisk: bilingual("At risk", "有风险"),
  unit: bilingual("Measured in", "单位"),
  how: bilingual("How it judges", "判定方法"),
  source: bilingual("Source", "来源"),
};

const statusRules: TableSpec = {
  id: "statusRules",
  name: "tblStatusRules",
  sheet: "statusRules",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "id", header: STATUS_RULE_HEADERS.id, role: "seeded", width: 9 },
    { id: "rule", header: STATUS_RULE_HEADERS.rule, role: "seeded", width: 24 },
    {
      id: "onTrack",
      header: STATUS_RULE_HEADERS.onTrack,
      role: "seeded",
      editable: true,
      width: 10,
      numberFormat: "General",
    },
    {
      id: "atRisk",
      header: STATUS_RULE_HEADERS.atRisk,
      role: "seeded",
      editable: true,
      width: 10,
      numberFormat: "General",
    },
    { id: "unit", header: STATUS_RULE_HEADERS.unit, role: "seeded", width: 16 },
    { id: "how", header: STATUS_RULE_HEADERS.how, role: "seeded", width: 40 },
    { id: "source", header: STATUS_RULE_HEADERS.source, role: "seeded", width: 40 },
  ],
  seedRows: (language) =>
    STATUS_RULE_IDS.map((id) => [
      id,
      STATUS_RULE_LABELS[id][language],
      DEFAULT_STATUS_RULES[id].onTrack,
      DEFAULT_STATUS_RULES[id].atRisk,
      STATUS_RULE_UNITS[id][language],
      STATUS_RULE_EXPLANATIONS[id][language],
      STATUS_RULE_SOURCES[id][language],
    ]),
};

// ---- Districts: the task breakdown ----------------------------------------------------------

export const DISTRICT_HEADERS = {
  district: REGISTER_HEADERS.district,
  id: DASHBOARD_HEADERS.id,
  goal: TARGETS_HEADERS.goal,
  quota: bilingual("Quota", "分解任务数"),
  actual: TARGETS_HEADERS.actual,
  actualByDeadline: TARGETS_HEADERS.actualByDeadline,
  progress: TARGETS_HEADERS.progress,
  expected: TARGETS_HEADERS.expected,
  status: TARGETS_HEADERS.status,
  statusMark: TARGETS_HEADERS.statusMark,
};

/**
 * The breakdown's columns line up with the districts' table below (one sheet column, one width):
 * Id, Group and Goal over District, Id and Goal; the figures over the figures; the agencies' names,
 * the widest text, over Status and Mark.
 */
export const BREAKDOWN_HEADERS = {
  id: DASHBOARD_HEADERS.id,
  group: DASHBOARD_HEADERS.group,
  goal: TARGETS_HEADERS.goal,
  required: TARGETS_HEADERS.required,
  quotaSum: bilingual("Sum of quotas", "各区分解合计"),
  quotaDistricts: bilingual("Districts with a quota", "已分解区数"),
  actual: TARGETS_HEADERS.actual,
  inDistricts: bilingual("Recognized in districts", "各区已认定合计"),
  leadAgency: bilingual("Lead agency", "牵头单位"),
  partners: bilingual("Co-responsible units", "责任单位"),
};

/** Widths by sheet column, wide enough for the English headers and the goals' names. */
const DISTRICT_WIDTHS = [16, 28, 34, 12, 14, 21, 12, 21, 22, 24];
const districtWidth = (column: number) => DISTRICT_WIDTHS[column];

/** A district row's goal cell in Targets (by the row's Id). */
const districtTarget = (c: FormulaContext, key: keyof typeof TARGETS_HEADERS) =>
  `INDEX(${c.column("targets", TARGETS_HEADERS[key][c.language])},MATCH(${c.thisRow(DISTRICT_HEADERS.id[c.language])},${c.column("targets", TARGETS_HEADERS.id[c.language])},0))`;

/** Each cell as core districtFigures computes it: the district's recognized rows, judged against its quota. */
function districtFormula(column: keyof typeof DISTRICT_HEADERS, c: FormulaContext): string {
  const v = vocabulary(c.language);
  const own = (key: keyof typeof DISTRICT_HEADERS) => c.thisRow(DISTRICT_HEADERS[key][c.language]);
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  const quota = own("quota");
  // A quota is a number above zero (core quotaOf); anything else is none.
  const hasQuota = `IF(ISNUMBER(${quota}),${quota}>0,FALSE)`;
  const dash = c.text(NO_FORECAST_DATE);
  const criteria = [register("goal"), districtTarget(c, "goal"), register("district"), own("district")];
  const required = `ROUNDUP(${quota},0)`;
  const share = `MIN(1,MAX(0,(${c.asOf}-${districtTarget(c, "start")})/(${districtTarget(c, "deadline")}-${districtTarget(c, "start")})))`;
  switch (column) {
    case "goal":
      return districtTarget(c, "goal");
    case "actual":
      return recognizedCount(c, v, criteria);
    case "actualByDeadline":
      return recognizedCount(c, v, criteria, `MIN(${c.asOf},${districtTarget(c, "deadline")})`);
    case "progress":
      return `IF(${hasQuota},${own("actual")}/${quota},${dash})`;
    case "expected":
      return `IF(${hasQuota},${required}*${share},${dash})`;
    case "status": {
      // The quota as a target of its own, "at least": the status rule of Targets, figure for figure.
      const figures: Figures = (key) =>
        ({
          actual: own("actual"),
          actualByDeadline: own("actualByDeadline"),
          expected: own("expected"),
          target: quota,
          start: districtTarget(c, "start"),
          deadline: districtTarget(c, "deadline"),
          remaining: `MAX(0,${required}-${own("actual")})`,
        })[key];
      const judged = statusFormula(
        c,
        figures,
        `${own("actual")}>=${quota}`,
        `${own("actualByDeadline")}>=${quota}`,
      );
      return `IF(${hasQuota},${judged},${c.text(NO_QUOTA[c.language])})`;
    }
    case "statusMark":
      return statusMarkFormula(own("status"), c);
    default:
      throw new Error(`No formula for the districts' column ${column}`);
  }
}

const DISTRICT_FORMATS: Partial<Record<keyof typeof DISTRICT_HEADERS, string>> = {
  quota: "General",
  actual: COUNT_FORMAT,
  actualByDeadline: COUNT_FORMAT,
  progress: PERCENT_FORMAT,
  expected: DECIMAL_FORMAT,
};

const SEEDED_DISTRICT_COLUMNS: readonly string[] = ["district", "id", "quota"];

const districtsTable: TableSpec = {
  id: "districts",
  name: "tblDistricts",
  sheet: "districts",
  // Below the breakdown (a row per goal) and a blank row.
  anchor: { row: TABLE_ROW + GOALS.length + 2, column: 0 },
  columns: (Object.keys(DISTRICT_HEADERS) as (keyof typeof DISTRICT_HEADERS)[]).map(
    (id, index): ColumnSpec => ({
      id,
      header: DISTRICT_HEADERS[id],
      width: districtWidth(index),
      ...(DISTRICT_FORMATS[id] ? { numberFormat: DISTRICT_FORMATS[id] } : {}),
      ...(id === "statusMark" ? { align: "center" as const } : {}),
      ...(id === "quota"
        ? {
            editable: true,
            note: bilingual(
              "The district's share of the goal, as the district published it; leave blank where there is none. Quotas need not add up to the city's target.",
              "该区承担的分解任务数（按各区公布的数字填写）；没有的留空。各区分解数之和不必等于全市目标。",
            ),
          }
        : {}),
      ...(SEEDED_DISTRICT_COLUMNS.includes(id)
        ? { role: "seeded" as const }
        : { role: "formula" as const, formula: (c: FormulaContext) => districtFormula(id, c) }),
    }),
  ),
  seedRows: (language) =>
    DISTRICTS.flatMap((district) =>
      GOALS.map((goal): Cell[] => [
        district.label[language],
        goal.id,
        ...Object.keys(DISTRICT_HEADERS)
          .slice(2)
          .map(() => null),
      ]),
    ),
  conditionalFormats: [
    { column: "progress", kind: "dataBar", bounds: PROGRESS_BAR },
    { column: "status", kind: "statusColours" },
  ],
};

/** Each goal's breakdown: who leads it, who shares it, and its quotas beside the city's figures. */
function breakdownFormula(column: keyof typeof BREAKDOWN_HEADERS, c: FormulaContext): string {
  const own = (key: keyof typeof BREAKDOWN_HEADERS) => c.thisRow(BREAKDOWN_HEADERS[key][c.language]);
  const districts = (key: keyof typeof DISTRICT_HEADERS) =>
    c.column("districts", DISTRICT_HEADERS[key][c.language]);
  switch (column) {
    case "goal":
    case "required":
    case "actual":
      return fromTargets(TARGETS_HEADERS[column])(c);
    case "quotaSum":
      // Quotas as core quotaOf takes them: numbers above zero (text, blank, 0 or less are none).
      return `SUMIFS(${districts("quota")},${districts("id")},${own("id")},${districts("quota")},">0")`;
    case "quotaDistricts":
      return `COUNTIFS(${districts("id")},${own("id")},${districts("quota")},">0")`;
    case "inDistricts":
      return `SUMIFS(${districts("actual")},${districts("id")},${own("id")})`;
    default:
      throw new Error(`No formula for the breakdown's column ${column}`);
  }
}

const breakdown: TableSpec = {
  id: "breakdown",
  name: "tblBreakdown",
  sheet: "districts",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: (Object.keys(BREAKDOWN_HEADERS) as (keyof typeof BREAKDOWN_HEADERS)[]).map(
    (id, index): ColumnSpec => ({
      id,
      header: BREAKDOWN_HEADERS[id],
      width: districtWidth(index),
      ...(["required", "quotaSum", "quotaDistricts", "actual", "inDistricts"].includes(id)
        ? { numberFormat: id === "quotaSum" ? "General" : COUNT_FORMAT }
        : {}),
      ...(id === "id" || id === "group" || id === "leadAgency" || id === "partners"
        ? { role: "seeded" as const, ...(id === "leadAgency" || id === "partners" ? { editable: true } : {}) }
        : { role: "formula" as const, formula: (c: FormulaContext) => breakdownFormula(id, c) }),
    }),
  ),
  // The plan names no lead agency or quota for a goal (plan-facts.md): the cells are for people to fill.
  seedRows: (language) =>
    GOALS.map((goal): Cell[] => [
      goal.id,
      goalGroupById(goal.group).label[language],
      ...Object.keys(BREAKDOWN_HEADERS)
        .slice(2)
        .map(() => null),
    ]),
};

// ---- Changes, merges, conflicts: the trail ---------------------------------------------------

const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

/**
 * The columns of a table the add-in appends to (role user, so applying the template never writes
 * them): one per header, with its width, and its number format and note where it has one.
 */
function appendedColumns<K extends string>(
  headers: Readonly<Record<K, Bilingual>>,
  widths: Readonly<Record<K, number>>,
  formats: Partial<Readonly<Record<K, string>>> = {},
  notes: Partial<Readonly<Record<K, Bilingual>>> = {},
): ColumnSpec[] {
  return (Object.keys(headers) as K[]).map((id) => ({
    id,
    header: headers[id],
    role: "user" as const,
    width: widths[id],
    ...(formats[id] ? { numberFormat: formats[id] } : {}),
    ...(notes[id] ? { note: notes[id] } : {}),
  }));
}

export const CHANGES_HEADERS = CHANGES_FIELD_LABELS;
const CHANGES_WIDTHS: Record<keyof typeof CHANGES_HEADERS, number> = {
  at: 17,
  who: 12,
  goal: 26,
  name: 28,
  field: 14,
  from: 22,
  to: 22,
  how: 14,
  source: 18,
};

const changes: TableSpec = {
  id: "changes",
  name: "tblChanges",
  sheet: "changes",
  anchor: { row: TABLE_ROW, column: 0 },
  appendOnly: true,
  // From and To hold what the cell held (a date as its serial, text as text), in General.
  columns: appendedColumns(CHANGES_HEADERS, CHANGES_WIDTHS, { at: "yyyy-mm-dd hh:mm:ss" }),
};

export const MERGES_HEADERS = {
  file: REGISTER_HEADERS.sourceFile,
  reportedBy: REGISTER_HEADERS.reportedBy,
  savedAt: bilingual("Saved at", "文件保存时间"),
  at: REGISTER_HEADERS.mergedAt,
  who: bilingual("Merged by", "合并人"),
  rows: bilingual("Rows read", "读取行数"),
  added: bilingual("Added", "新增"),
  updated: bilingual("Updated", "更新"),
  conflicts: bilingual("Conflicts", "重复报送"),
  skipped: bilingual("Skipped rows", "跳过行数"),
  note: bilingual("Note", "说明"),
};

const merges: TableSpec = {
  id: "merges",
  name: "tblMerges",
  sheet: "merges",
  anchor: { row: TABLE_ROW, column: 0 },
  appendOnly: true,
  columns: appendedColumns(
    MERGES_HEADERS,
    {
      file: 24,
      reportedBy: 12,
      savedAt: 17,
      at: 17,
      who: 12,
      rows: 10,
      added: 10,
      updated: 10,
      conflicts: 10,
      skipped: 13,
      note: 40,
    },
    {
      savedAt: DATE_TIME_FORMAT,
      at: DATE_TIME_FORMAT,
      rows: COUNT_FORMAT,
      added: COUNT_FORMAT,
      updated: COUNT_FORMAT,
      conflicts: COUNT_FORMAT,
      skipped: COUNT_FORMAT,
    },
  ),
};

export const CONFLICTS_HEADERS = {
  foundAt: bilingual("Found at", "发现时间"),
  goal: REGISTER_HEADERS.goal,
  name: REGISTER_HEADERS.name,
  creditCode: REGISTER_HEADERS.creditCode,
  matchedBy: bilingual("Matched by", "匹配依据"),
  creditedTo: bilingual("Credited to", "计入单位"),
  alsoReportedBy: bilingual("Also reported by", "重复报送单位"),
  file: REGISTER_HEADERS.sourceFile,
  differs: bilingual("Differs in", "不一致字段"),
  creditedStatus: bilingual("Status (credited)", "状态（计入方）"),
  otherStatus: bilingual("Status (other)", "状态（重复方）"),
  creditedDate: bilingual("Date (credited)", "认定日期（计入方）"),
  otherDate: bilingual("Date (other)", "认定日期（重复方）"),
  creditedEvidence: bilingual("Evidence (credited)", "佐证链接（计入方）"),
  otherEvidence: bilingual("Evidence (other)", "佐证链接（重复方）"),
  settled: bilingual("Settled", "处理结果"),
};

const conflicts: TableSpec = {
  id: "conflicts",
  name: "tblConflicts",
  sheet: "conflicts",
  anchor: { row: TABLE_ROW, column: 0 },
  appendOnly: true,
  columns: appendedColumns(
    CONFLICTS_HEADERS,
    {
      foundAt: 16,
      goal: 22,
      name: 24,
      creditCode: 20,
      // Wide enough for each header in either language, so a printed page shows all of them.
      matchedBy: 12,
      creditedTo: 12,
      alsoReportedBy: 17,
      file: 14,
      differs: 16,
      creditedStatus: 18,
      otherStatus: 18,
      creditedDate: 19,
      otherDate: 19,
      creditedEvidence: 24,
      otherEvidence: 24,
      settled: 24,
    },
    { foundAt: DATE_TIME_FORMAT, creditedDate: DATE_FORMAT, otherDate: DATE_FORMAT },
    {
      settled: bilingual(
        "How the duplicate was settled (which district keeps it); the entry counts once, for the district credited, until a person changes the Register.",
        "重复报送的处理结果（由哪个区计入）；在有人修改“登记”表之前，该条目只计一次，计入“计入单位”。",
      ),
    },
  ),
};

/**
 * The last state of the Register the add-in recorded, by entry (hidden): a refresh compares the
 * Register with it to find edits typed straight into cells. Cells are held as the Register has
 * them, labels and all, so a label respelled (which COUNTIFS then no longer counts) is a change.
 */
export const RECORDED_FIELDS = TRACKED_FIELDS;

const recorded: TableSpec = {
  id: "recorded",
  name: "tblRecorded",
  sheet: "recorded",
  anchor: { row: 0, column: 0 },
  columns: RECORDED_FIELDS.map((id) => ({
    id,
    header: REGISTER_HEADERS[id],
    role: "user" as const,
    width: 16,
    ...(id === "date" ? { numberFormat: DATE_FORMAT } : {}),
  })),
};

// ---- Report -------------------------------------------------------------------------------

/**
 * The Report sheet's column widths, by sheet column: its three tables share the columns, so each
 * table takes the width of the column it sits in whichever is written last. 143 characters: A4
 * landscape, one page wide.
 */
const REPORT_WIDTHS = [16, 44, 13, 15, 15, 12, 5, 10, 13];
const reportWidth = (column: number) => REPORT_WIDTHS[column];

const REPORT_HEAD_HEADERS = { item: bilingual("Item", "项目"), value: bilingual("Value", "内容") };
const REPORT_ITEMS = {
  title: bilingual("Report", "报告"),
  unit: ABOUT_REPORTING_UNIT,
  asOf: bilingual("As-of date", "截至日期"),
  from: bilingual("Listed from", `近${REPORT_RECENT_DAYS}天起始日`),
};

/** The first day of the recent recognitions: REPORT_RECENT_DAYS ending on the as-of day. */
const recentFrom = (c: FormulaContext) => `(${c.asOf}-${REPORT_RECENT_DAYS - 1})`;

/** The report's heading: one formula for the Value column, choosing by the row's Item. */
function reportHeadFormula(c: FormulaContext): string {
  const item = c.thisRow(REPORT_HEAD_HEADERS.item[c.language]);
  const zh = c.language === "zh";
  const unitHint = zh
    ? `（请在“${sheetSpec("about").name.zh}”表“${ABOUT_REPORTING_UNIT.zh}”行填写）`
    : `(type it on ${sheetSpec("about").name.en}, row ${ABOUT_REPORTING_UNIT.en})`;
  const values: [keyof typeof REPORT_ITEMS, string][] = [
    ["title", c.text(zh ? `${PLAN.name.zh}进展情况报告` : `Progress report: ${PLAN.name.en}`)],
    ["unit", `IF(${NAMES.reportingUnit}="",${c.text(unitHint)},${NAMES.reportingUnit}&"")`],
    ["asOf", c.asOf],
    ["from", recentFrom(c)],
  ];
  return values.reduceRight(
    (otherwise, [key, value]) => `IF(${item}=${c.text(REPORT_ITEMS[key][c.language])},${value},${otherwise})`,
    `""`,
  );
}

const reportHead: TableSpec = {
  id: "report",
  name: "tblReport",
  sheet: "report",
  anchor: { row: TABLE_ROW, column: 0 },
  columns: [
    { id: "item", header: REPORT_HEAD_HEADERS.item, role: "seeded", width: reportWidth(0) },
    {
      id: "value",
      header: REPORT_HEAD_HEADERS.value,
      role: "formula",
      width: reportWidth(1),
      // The as-of and first days are numbers; the title and the unit are text, which a format leaves alone.
      numberFormat: DATE_FORMAT,
      formula: reportHeadFormula,
    },
  ],
  seedRows: (language) => Object.values(REPORT_ITEMS).map((item) => [item[language], null]),
};

const reportGoalColumns: ColumnSpec[] = (
  [
    ["id", DASHBOARD_HEADERS.id, undefined],
    ["goal", TARGETS_HEADERS.goal, undefined],
    ["actual", TARGETS_HEADERS.actual, COUNT_FORMAT],
    ["required", TARGETS_HEADERS.required, COUNT_FORMAT],
    ["progress", TARGETS_HEADERS.progress, PERCENT_FORMAT],
    ["status", TARGETS_HEADERS.status, undefined],
    ["statusMark", TARGETS_HEADERS.statusMark, undefined],
    ["forecast", TARGETS_HEADERS.forecast, DECIMAL_FORMAT],
    ["forecastDate", TARGETS_HEADERS.forecastDate, DATE_FORMAT],
  ] as const
).map(([id, header, numberFormat], index): ColumnSpec => ({
  id,
  header,
  width: reportWidth(index),
  ...(numberFormat ? { numberFormat } : {}),
  ...(id === "statusMark" ? { align: "center" as const } : {}),
  // The goal's Id is the key; every other cell is the Targets cell of that goal, so they always agree.
  ...(id === "id" ? { role: "seeded" as const } : { role: "formula" as const, formula: fromTargets(header) }),
}));

const reportGoals: TableSpec = {
  id: "reportGoals",
  name: "tblReportGoals",
  sheet: "report",
  anchor: { row: TABLE_ROW + 6, column: 0 },
  columns: reportGoalColumns,
  seedRows: () => GOALS.map((goal) => [goal.id, ...reportGoalColumns.slice(1).map(() => null)]),
  conditionalFormats: [
    { column: "progress", kind: "dataBar", bounds: PROGRESS_BAR },
    { column: "status", kind: "statusColours" },
  ],
};

const RECENT_HEADERS = {
  no: bilingual("No.", "序号"),
  name: REGISTER_HEADERS.name,
  goal: REGISTER_HEADERS.goal,
  date: REGISTER_HEADERS.date,
  district: REGISTER_HEADERS.district,
  registerRow: bilingual("Register row", "登记表行号"),
};

/**
 * The recent recognitions, as the core's recentRecognitions lists them. Row k holds the k-th most
 * recent, rows of one day in register order: each qualifying row's key is its day × 1E7 less its
 * sheet row, so LARGE (wrapped in SUMPRODUCT: no array entry) finds the k-th, and the sheet row
 * comes back from the key. The other cells are looked up from that row. The last row, with no
 * number, counts them: how many there were, and how many are not listed.
 */
function recentFormula(column: keyof typeof RECENT_HEADERS, c: FormulaContext): string {
  const v = vocabulary(c.language);
  const zh = c.language === "zh";
  const register = (key: keyof typeof REGISTER_HEADERS) =>
    c.column("register", REGISTER_HEADERS[key][c.language]);
  const own = (key: keyof typeof RECENT_HEADERS) => c.thisRow(RECENT_HEADERS[key][c.language]);
  const from = recentFrom(c);
  const total = `COUNTIFS(${register("status")},${c.text(v.recognized)},${register("date")},">="&${from},${register("date")},"<"&(${c.asOf}+1))`;
  const listed = `MAX(${c.column("reportRecent", RECENT_HEADERS.no[c.language])})`;
  const sheetRow = own("registerRow");
  const position = `${sheetRow}-ROW(${tableSpec("register").name}[[#Headers],[${REGISTER_HEADERS.name[c.language]}]])`;
  const lookUp = (key: keyof typeof REGISTER_HEADERS) => `INDEX(${register(key)},${position})`;
  const orBlank = (value: string) => `IF(${sheetRow}="","",${value})`;
  switch (column) {
    case "registerRow": {
      const qualifies =
        `(${register("status")}=${c.text(v.recognized)})` +
        `*(${register("date")}>=${from})*(${register("date")}<${c.asOf}+1)`;
      const key = `SUMPRODUCT(LARGE(${qualifies}*(INT(${register("date")})*1E7-ROW(${register("date")})),${own("no")}))`;
      return `IF(OR(${own("no")}="",${own("no")}>${total}),"",ROUNDUP(${key}/1E7,0)*1E7-${key})`;
    }
    case "name": {
      const days = REPORT_RECENT_DAYS;
      const none = zh
        ? `近${days}天（含截至日期）没有认定条目。`
        : `None recognized in the ${days} days to the as-of date.`;
      const all = zh
        ? `${c.text(`近${days}天（含截至日期）共认定`)}&${total}&${c.text("条。")}`
        : `${total}&${c.text(` recognized in the ${days} days to the as-of date.`)}`;
      const more = zh
        ? `${c.text("另有")}&(${total}-${listed})&${c.text(`条未列出；近${days}天（含截至日期）共认定`)}&${total}&${c.text("条。")}`
        : `${c.text("And ")}&(${total}-${listed})&${c.text(" more; ")}&${total}&${c.text(` recognized in the ${days} days to the as-of date.`)}`;
      const summary = `IF(${own("no")}<>"","",IF(${total}=0,${c.text(none)},IF(${total}>${listed},${more},${all})))`;
      return `IF(${sheetRow}="",${summary},${lookUp("name")}&"")`;
    }
    case "goal": {
      // The goal's short name (the column is narrow); any other text as it is.
      const goal = lookUp("goal");
      return orBlank(
        GOALS.reduceRight(
          (otherwise, g) =>
            `IF(${goal}=${c.text(g.label[c.language])},${c.text(g.short[c.language])},${otherwise})`,
          `${goal}&""`,
        ),
      );
    }
    case "date":
      return orBlank(lookUp("date"));
    case "district":
      return orBlank(`${lookUp("district")}&""`);
    default:
      throw new Error(`No formula for the recent recognitions' column ${column}`);
  }
}

const reportRecent: TableSpec = {
  id: "reportRecent",
  name: "tblReportRecent",
  sheet: "report",
  anchor: { row: TABLE_ROW + 14, column: 0 },
  columns: (
    [
      ["no", undefined],
      ["name", undefined],
      ["goal", undefined],
      ["date", DATE_FORMAT],
      ["district", undefined],
      ["registerRow", COUNT_FORMAT],
    ] as const
  ).map(([id, numberFormat], index): ColumnSpec => ({
    id,
    header: RECENT_HEADERS[id],
    width: reportWidth(index),
    ...(numberFormat ? { numberFormat } : {}),
    ...(id === "no"
      ? { role: "seeded" as const }
      : { role: "formula" as const, formula: (c: FormulaContext) => recentFormula(id, c) }),
  })),
  // Numbered rows for the list, and one more, unnumbered, for the count.
  seedRows: () => [
    ...Array.from({ length: REPORT_RECENT_ROWS }, (_, k): Cell[] => [k + 1, null, null, null, null, null]),
    [null, null, null, null, null, null],
  ],
};

export const TABLES: readonly TableSpec[] = [
  about,
  targets,
  register,
  sectors,
  dashboard,
  timeline,
  history,
  indicators,
  lists,
  reportHead,
  reportGoals,
  reportRecent,
  statusRules,
  evaluationHead,
  evaluation,
  likelihoodTable,
  likelihoodMonths,
  // The districts' table first: the breakdown's formulas name it.
  districtsTable,
  breakdown,
  changes,
  merges,
  conflicts,
  recorded,
];

export const SHEETS: readonly SheetSpec[] = [
  {
    id: "about",
    name: bilingual("About", "说明"),
    tables: ["about"],
    note: bilingual(
      "The plan, its sources, and the as-of date every figure uses.",
      "方案、来源，以及所有数字使用的截至日期。",
    ),
  },
  {
    id: "dashboard",
    name: bilingual("Dashboard", "看板"),
    tables: ["dashboard", "timeline"],
    note: bilingual(
      "Progress of every goal and recognized entries over time.",
      "各目标进展及已认定条目随时间的变化。",
    ),
    chart: {
      table: "timeline",
      title: bilingual("Recognized entries against the expected pace", "已认定条目与应达进度"),
      at: { row: TABLE_ROW, column: 10 },
      size: { rows: 18, columns: 8 },
    },
  },
  {
    id: "targets",
    name: bilingual("Targets", "目标"),
    tables: ["targets"],
    note: bilingual(
      "One row per goal. Target, comparator and deadline may be edited.",
      "每个目标一行。目标值、比较方式和截止日期可修改。",
    ),
  },
  {
    id: "register",
    name: bilingual("Register", "登记"),
    tables: ["register"],
    note: bilingual(
      "One row per enterprise, scenario, brand, breakthrough, unmanned factory or platform.",
      "每个企业、场景、品牌、技术突破、无人工厂或平台一行。",
    ),
  },
  {
    id: "sectors",
    name: bilingual("Sectors", "领域"),
    tables: ["sectors"],
    note: bilingual("Recognized entries per key sector and goal.", "各重点领域、各目标的已认定条目数。"),
  },
  {
    id: "history",
    // Not "History": Excel reserves that sheet name (shared-workbook change tracking).
    name: bilingual("Snapshots", "历史"),
    tables: ["history"],
    note: bilingual("Snapshots, appended; never rewritten.", "快照记录，只追加，不改写。"),
  },
  {
    id: "indicators",
    name: bilingual("Indicators", "指标"),
    tables: ["indicators"],
    note: bilingual(
      "Context figures reported about the online economy (not targets).",
      "有关在线经济的背景数据（非目标）。",
    ),
  },
  {
    id: "lists",
    name: bilingual("Lists", "列表"),
    tables: ["lists"],
    hidden: true,
    note: bilingual("The choices offered in drop-down lists.", "下拉列表的选项。"),
  },
  {
    id: "report",
    name: bilingual("Report", "进展情况报告"),
    tables: ["report", "reportGoals", "reportRecent"],
    note: bilingual(
      `A one-page progress report: the reporting unit (type it on About), each goal's progress, and the entries recognized in the ${REPORT_RECENT_DAYS} days to the as-of date (at most ${REPORT_RECENT_ROWS} listed, the most recent first).`,
      `一页进展情况报告：填报单位（在“说明”表填写）、各目标进展，以及截至日期前${REPORT_RECENT_DAYS}天内（含截至日期）认定的条目（按认定日期由近及远，最多列出${REPORT_RECENT_ROWS}条）。`,
    ),
  },
  {
    id: "statusRules",
    name: bilingual("Status rules", "状态判定规则"),
    tables: ["statusRules"],
    note: bilingual(
      "Which rule judges On track, At risk and Behind before the deadline, with its thresholds: choose the rule on About (row Status rule); the thresholds may be edited here.",
      "截止日期前判定“进度正常”“有风险”“落后”的规则及其阈值：在“说明”表“状态判定规则”行选择规则，阈值可在本表修改。",
    ),
  },
  {
    id: "evaluation",
    name: bilingual("Evaluation", "终期评估"),
    tables: ["evaluationHead", "evaluation"],
    note: bilingual(
      "The final evaluation on one page: for each goal its target, required count, what was achieved by the deadline and at what rate, the date it was met, entries recognized after the deadline or undated, and the share with an evidence link; with the period, the as-of date and the sources.",
      "一页终期评估：各目标的目标值、所需数量、截止日期前完成数及完成率、达成日期、截止日期后认定及未注明日期的条目数、附证明材料链接的比例，以及期间、截至日期和来源。",
    ),
  },
  {
    id: "likelihood",
    name: bilingual("Likelihood", "达成可能性"),
    tables: ["likelihood", "likelihoodMonths"],
    note: bilingual(
      "How likely each goal is to reach its required count by the deadline, from its dated recognitions: a negative binomial over the months' dispersion (Poisson with under six whole months or none), the median and 80% band at the deadline, the monthly pace still needed; below, the recognitions of each whole month.",
      "各目标按期达到所需数量的可能性，依据已注明日期的认定：按各月认定数的离散程度用负二项分布（整月不足六个或无离散时用泊松分布），截止时的中位数和80%区间，以及每月尚需的数量；下方为各整月的认定数。",
    ),
  },
  {
    id: "districts",
    name: bilingual("Districts", "任务分解"),
    tables: ["breakdown", "districts"],
    note: bilingual(
      "The task breakdown: each goal's lead agency, co-responsible units and the sum of the districts' quotas beside the city's figures; below, for the 16 districts and the six goals, recognized entries against the quota, with a status by the workbook's status rule. Lead agencies and quotas are for you to fill.",
      "任务分解：各目标的牵头单位、责任单位、各区分解合计及全市数字；下方为16个区、6个目标的已认定条目数与分解任务数对照，状态按本工作簿的状态判定规则。牵头单位和分解任务数由使用者填写。",
    ),
  },
  {
    id: "changes",
    name: bilingual("Changes", "修改记录"),
    tables: ["changes"],
    note: bilingual(
      "Every change to an entry: when, who (the name given in the add-in's Settings), which entry, which field, from, to, and how (in the task pane, typed in cells, or by a merge). Appended; never rewritten.",
      "条目的每次修改：时间、修改人（在加载项“设置”中填写的姓名）、条目、字段、原值、新值及方式（任务窗格、单元格直接修改或合并）。只追加，不改写。",
    ),
  },
  {
    id: "merges",
    name: bilingual("Merges", "合并记录"),
    tables: ["merges"],
    note: bilingual(
      "Each district workbook merged into this one: the file, who reported it, when it was saved and merged, and how many rows it added or updated.",
      "并入本工作簿的各区工作簿：文件、报送单位、保存和合并时间，以及新增、更新的行数。",
    ),
  },
  {
    id: "conflicts",
    name: bilingual("Conflicts", "重复报送"),
    tables: ["conflicts"],
    note: bilingual(
      "Entries reported by more than one district: counted once, for the district that reported it first, until a person settles it; where the reports differ, both are shown.",
      "多个区报送的同一条目：在有人处理之前只计一次，计入最先报送的区；报送内容不一致之处两者并列。",
    ),
  },
  {
    id: "recorded",
    name: bilingual("Recorded", "留痕基准"),
    tables: ["recorded"],
    hidden: true,
    note: bilingual(
      "The Register as the add-in last recorded it, to find edits typed straight into cells.",
      "加载项最近一次记录的“登记”表，用于发现直接在单元格中所做的修改。",
    ),
  },
];

export function tableSpec(id: TableId): TableSpec {
  const table = TABLES.find((t) => t.id === id);
  if (!table) throw new Error(`Unknown table ${id}`);
  return table;
}

export function sheetSpec(id: SheetSpec["id"]): SheetSpec {
  const sheet = SHEETS.find((s) => s.id === id);
  if (!sheet) throw new Error(`Unknown sheet ${id}`);
  return sheet;
}

/**
 * The rows a sheet keeps in view: its title row and header row, when its first table starts at
 * the top; none on hidden sheets (freeze panes on a hidden sheet have failed in Excel: office-js
 * issues 1463, 2196).
 */
export function frozenRows(sheet: SheetSpec): number {
  const top = tableSpec(sheet.tables[0]).anchor.row;
  return !sheet.hidden && top === TABLE_ROW ? top + 1 : 0;
}

export function headers(table: TableSpec, language: Language): string[] {
  return table.columns.map((column) => column.header[language]);
}
