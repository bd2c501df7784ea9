/**
 * The written workbook computes what the core computes: workbooks made by the command line from
 * fixture registers (English and Chinese; none, empty, small with edge cases, 10,000 rows) at
 * several as-of dates are recalculated by LibreOffice, and every goal's Targets row (Forecast and
 * Forecast date too), the Dashboard, the Sectors counts and the Timeline are compared with the core
 * engine over the same entries; no cell of any sheet is left with an error value.
 *
 * Run with npm run test:interop (needs LibreOffice's soffice on PATH).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import type ExcelJS from "exceljs";
import { main } from "../../src/cli/workbook";
import { formatCsv } from "../../src/core/csv";
import { isoToSerial, serialToIso, todaySerial } from "../../src/core/dates";
import { type Entry, entryRow } from "../../src/core/entries";
import type { Language } from "../../src/core/language";
import { DISTRICTS, GOALS, SECTORS } from "../../src/core/plan";
import { STATUS_IDS, STATUS_LABELS } from "../../src/core/progress";
import { EngineError } from "../../src/core/errors";
import type { GoalSpec } from "../../src/core/goal-spec";
import {
  ENTRY_STATUS_LABELS,
  type EntryStatusId,
  forecastDate,
  type RegisterColumns,
} from "../../src/core/register";
import { previewRegisterImport } from "../../src/core/register-csv";
import { planSpecs, sectorBreakdown, summarizeGoals, timeline } from "../../src/core/summary";
import { evaluateGoals } from "../../src/core/evaluation";
import { districtFigures, NO_QUOTA, quotaOf } from "../../src/core/districts";
import {
  DEFAULT_STATUS_RULE,
  DEFAULT_STATUS_RULES,
  type StatusRule,
  type StatusRuleId,
} from "../../src/core/status-rules";
import type { TableId } from "../../src/core/template/structure";
import { hasTitleRow, TITLE_ROW } from "../../src/core/template/page-setup";
import {
  ABOUT_AS_OF_ROW,
  DISTRICT_HEADERS,
  headers,
  LIKELIHOOD_MODEL_LABELS,
  monthEnds,
  NO_FORECAST_DATE,
  SHEETS,
  STATUS_MARKS,
  tableSpec,
} from "../../src/core/template/template";
import { registerColumns } from "../../src/core/tracking";
import { UNMANNED_KINDS } from "../../src/core/plan";
import {
  findSoffice,
  readBlock,
  readXlsx,
  recalcProfile,
  recalculate,
  type Value,
  valueOf,
} from "./libreoffice";
import { expectedTitle } from "./title-text";

const TOLERANCE = 1e-9;
const START = isoToSerial("2020-04-08");
const DEADLINE = isoToSerial("2022-12-31");
const MID = isoToSerial("2021-06-30");

const AS_OF: Record<string, number> = {
  "before-start": isoToSerial("2020-01-15"),
  "start-day": START,
  mid: MID,
  deadline: DEADLINE,
  after: isoToSerial("2023-03-01"),
};

// ---- Fixture registers ------------------------------------------------------------------------

type Row = {
  goal: string;
  name: string;
  evidence?: string;
  status: EntryStatusId;
  date?: number;
  sector?: string;
  kind?: string;
  district?: string;
};

const iso = serialToIso;

/** Edge cases: boundaries of the period, Withdrawn and Candidate rows, undated rows, met-exactly counts. */
function smallRegister(): Row[] {
  const rows: Row[] = [];
  const add = (goal: string, status: EntryStatusId, date: number | undefined, extra: Partial<Row> = {}) =>
    rows.push({ goal, name: `${goal} ${rows.length + 1}`, status, date, ...extra });
  // Enterprises (more than 100): exactly 100 by mid-period (not met), the 101st on the deadline.
  for (let i = 0; i < 100; i++)
    add("ENTERPRISES", "RECOGNIZED", START + Math.floor((i * (MID - START)) / 99), {
      sector: SECTORS[i % SECTORS.length].id,
    });
  add("ENTERPRISES", "RECOGNIZED", DEADLINE, { sector: "ONLINE_FINANCE" });
  add("ENTERPRISES", "WITHDRAWN", START + 5, { sector: "ONLINE_FINANCE" });
  add("ENTERPRISES", "CANDIDATE", undefined);
  // Scenarios: nothing recognized at all.
  add("SCENARIOS", "CANDIDATE", START + 10, { sector: "ONLINE_EDUCATION" });
  add("SCENARIOS", "IN_PROGRESS", MID);
  add("SCENARIOS", "WITHDRAWN", undefined, { sector: "ONLINE_EDUCATION" });
  // Brands: undated recognized rows count at every as-of date, even before the start; the dated
  // ones come in yearly batches (a negative binomial once six whole months show the spread).
  for (let i = 0; i < 5; i++) add("BRANDS", "RECOGNIZED", undefined, { sector: "ONLINE_CULTURE" });
  for (const [day, count] of [
    [START + 80, 20],
    [START + 200, 2],
    [START + 430, 30],
    [START + 800, 25],
  ])
    for (let i = 0; i < count; i++)
      add("BRANDS", "RECOGNIZED", day, {
        sector: "ONLINE_CULTURE",
        evidence: `https://www.sheitc.sh.gov.cn/b${i}`,
      });
  add("BRANDS", "RECOGNIZED", START - 1, { sector: "ONLINE_CULTURE" });
  // Breakthroughs: one row on each boundary day.
  for (const date of [START - 30, START - 1, START, START + 1, MID, DEADLINE - 1, DEADLINE, DEADLINE + 1])
    add("BREAKTHROUGHS", "RECOGNIZED", date, {
      sector: "ONLINE_RND_DESIGN",
      district: "XUHUI",
      ...(date > MID ? { evidence: "https://www.stcsm.sh.gov.cn/x" } : {}),
    });
  // Unmanned (at least 100): exactly 100 by mid-period.
  for (let i = 0; i < 100; i++)
    add("UNMANNED", "RECOGNIZED", START + 1 + Math.floor((i * (MID - START - 1)) / 99), {
      kind: UNMANNED_KINDS[i % 3].id,
      sector: i % 2 === 0 ? "UNMANNED_FACTORIES" : undefined,
    });
  add("UNMANNED", "WITHDRAWN", START + 3, { kind: "FACTORY" });
  // Platforms (at least 20): 19 by the deadline, the 20th the day after; undated candidates.
  for (let i = 0; i < 19; i++)
    add("PLATFORMS", "RECOGNIZED", START + i * 50, { sector: "INDUSTRIAL_INTERNET", district: "PUDONG" });
  add("PLATFORMS", "RECOGNIZED", DEADLINE + 1, { sector: "INDUSTRIAL_INTERNET" });
  add("PLATFORMS", "CANDIDATE", undefined, { sector: "INDUSTRIAL_INTERNET" });
  return rows;
}

/** 10,000 rows: every goal, status, sector and district, dates across and around the period, some undated. */
function largeRegister(count: number): Row[] {
  let seed = 20200408;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const statuses: EntryStatusId[] = [
    "RECOGNIZED",
    "RECOGNIZED",
    "RECOGNIZED",
    "CANDIDATE",
    "IN_PROGRESS",
    "WITHDRAWN",
  ];
  return Array.from({ length: count }, (_, i) => {
    const goal = pick(GOALS).id;
    return {
      goal,
      name: `Entry ${i + 1}`,
      status: pick(statuses),
      date: random() < 0.05 ? undefined : START - 60 + Math.floor(random() * (DEADLINE - START + 120)),
      sector: random() < 0.1 ? undefined : pick(SECTORS).id,
      district: random() < 0.3 ? undefined : pick(DISTRICTS).id,
      kind: goal === "UNMANNED" ? pick(UNMANNED_KINDS).id : undefined,
    };
  });
}

/** The register as a person would export it: labels in the workbook's language (ids work too). */
function registerCsv(rows: readonly Row[], language: Language): string {
  const label = (items: readonly { id: string; label: { en: string; zh: string } }[], id?: string) =>
    id ? items.find((item) => item.id === id)!.label[language] : "";
  const register = tableSpec("register");
  const columns = register.columns.filter((c) => c.id !== "enteredAt");
  const header = columns.map((c) => c.header[language]);
  const records = rows.map((row) => {
    const cells: Record<string, string> = {
      goal: label(GOALS, row.goal),
      name: row.name,
      kind: label(UNMANNED_KINDS, row.kind),
      sector: label(SECTORS, row.sector),
      district: label(DISTRICTS, row.district),
      date: row.date === undefined ? "" : iso(row.date),
      status: ENTRY_STATUS_LABELS[row.status][language],
      enteredBy: "fixture",
      evidence: row.evidence ?? "",
    };
    return columns.map((c) => cells[c.id] ?? "");
  });
  // Chinese fixtures use semicolons, as spreadsheets in some locales save them.
  return formatCsv([header, ...records], language === "zh" ? ";" : ",");
}

// ---- Cases ------------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly language: Language;
  /** none: the command line is given no register at all. */
  readonly fixture: "none" | "empty" | "small" | "large";
  /** undefined: the as-of cell is =TODAY(). */
  readonly asOf?: string;
  /** The status rule the workbook names (--status-rule); the default when left out. */
  readonly rule?: StatusRuleId;
  /** Quotas typed on the Districts sheet after the command line wrote it. */
  readonly quotas?: readonly Quota[];
}

interface Quota {
  readonly district: string;
  readonly goal: string;
  /** A number, or text as a person might type it (which is no quota). */
  readonly quota: number | string;
}

/** Quotas of every kind: whole, fractional, met, not met, zero, text; for districts the fixtures use. */
const QUOTAS: readonly Quota[] = [
  { district: "XUHUI", goal: "BREAKTHROUGHS", quota: 4 },
  { district: "XUHUI", goal: "BRANDS", quota: 2.5 },
  { district: "PUDONG", goal: "PLATFORMS", quota: 30 },
  { district: "PUDONG", goal: "ENTERPRISES", quota: 0 },
  { district: "HUANGPU", goal: "SCENARIOS", quota: "5" },
  { district: "MINHANG", goal: "UNMANNED", quota: 120 },
  { district: "CHONGMING", goal: "BRANDS", quota: 1 },
];

const FIXTURES: Record<Case["fixture"], () => Row[]> = {
  none: () => [],
  empty: () => [],
  small: smallRegister,
  large: () => largeRegister(10_000),
};

const CASES: Case[] = [
  ...(["en", "zh"] as const).flatMap((language) =>
    (["empty", "small", "large"] as const).flatMap((fixture) =>
      Object.keys(AS_OF).map((asOf) => ({ name: `${language} ${fixture} ${asOf}`, language, fixture, asOf })),
    ),
  ),
  // The other status rules, at their default thresholds.
  { name: "zh small mid 序时进度", language: "zh", fixture: "small", asOf: "mid", rule: "ELAPSED" },
  { name: "en small start-day pace", language: "en", fixture: "small", asOf: "start-day", rule: "PACE" },
  { name: "en small mid pace", language: "en", fixture: "small", asOf: "mid", rule: "PACE" },
  { name: "en large mid 序时进度", language: "en", fixture: "large", asOf: "mid", rule: "ELAPSED" },
  { name: "en small today", language: "en", fixture: "small" },
  // The task breakdown: districts' quotas, judged by each rule, during and after the period.
  { name: "en small mid quotas", language: "en", fixture: "small", asOf: "mid", quotas: QUOTAS },
  { name: "zh small after quotas", language: "zh", fixture: "small", asOf: "after", quotas: QUOTAS },
  {
    name: "zh large mid 序时进度 quotas",
    language: "zh",
    fixture: "large",
    asOf: "mid",
    rule: "ELAPSED",
    quotas: QUOTAS,
  },
  {
    name: "en large mid pace quotas",
    language: "en",
    fixture: "large",
    asOf: "mid",
    rule: "PACE",
    quotas: QUOTAS,
  },
  { name: "en none today", language: "en", fixture: "none" },
  { name: "zh none today", language: "zh", fixture: "none" },
];

// ---- Comparing --------------------------------------------------------------------------------

class Differences {
  readonly list: string[] = [];
  number(where: string, office: Value, core: number): void {
    if (typeof office !== "number" || Math.abs(office - core) > TOLERANCE)
      this.list.push(`${where}: LibreOffice ${JSON.stringify(office)}, core ${core}`);
  }
  value(where: string, office: Value, core: number | string): void {
    if (typeof core === "number") this.number(where, office, core);
    else this.text(where, office, core);
  }
  text(where: string, office: Value, core: string): void {
    if (office !== core)
      this.list.push(`${where}: LibreOffice ${JSON.stringify(office)}, core ${JSON.stringify(core)}`);
  }
}

const columnAt = (table: TableId, id: string) => tableSpec(table).columns.findIndex((c) => c.id === id);

/** The table's body rows as written (below its header), `columns` wide from its first column. */
function readBody(
  sheet: ExcelJS.Worksheet,
  table: TableId,
  rows: number,
  columns = tableSpec(table).columns.length,
): Value[][] {
  const { anchor } = tableSpec(table);
  return readBlock(sheet, anchor.row + 1, anchor.column, rows, columns);
}

/** The 1-based sheet row of the table's body row `index`, to name it in a difference. */
const sheetRow = (table: TableId, index: number) => tableSpec(table).anchor.row + 2 + index;

function sheetOf(workbook: ExcelJS.Workbook, id: (typeof SHEETS)[number]["id"], language: Language) {
  const name = SHEETS.find((sheet) => sheet.id === id)!.name[language];
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/**
 * Types the quotas into the written file's Districts sheet, as a person would in Excel: a number, or
 * text. The command line writes the Quota cells blank (no cell), so each goes in after its row's Goal cell.
 */
async function typeQuotas(path: string, language: Language, quotas: readonly Quota[]): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const text = (name: string) => zip.file(name)!.async("string");
  const sheetName = SHEETS.find((sheet) => sheet.id === "districts")!.name[language];
  const workbookXml = await text("xl/workbook.xml");
  const id = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbookXml)![1];
  const rels = await text("xl/_rels/workbook.xml.rels");
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
  const part = `xl/${target.replace(/^\/?xl\//, "")}`;
  let xml = await text(part);
  const { anchor } = tableSpec("districts");
  const column = (cell: string) => String.fromCharCode(65 + columnAt("districts", cell));
  for (const q of quotas) {
    const index =
      DISTRICTS.findIndex((d) => d.id === q.district) * GOALS.length +
      GOALS.findIndex((g) => g.id === q.goal);
    const row = anchor.row + 2 + index;
    const goalCell = new RegExp(`(<c r="${column("goal")}${row}"[^>]*>.*?</c>)`);
    if (!goalCell.test(xml)) throw new Error(`No Goal cell in row ${row} of ${part}`);
    const value =
      typeof q.quota === "number"
        ? `<c r="${column("quota")}${row}"><v>${q.quota}</v></c>`
        : `<c r="${column("quota")}${row}" t="inlineStr"><is><t>${q.quota}</t></is></c>`;
    xml = xml.replace(goalCell, `$1${value}`);
  }
  zip.file(part, xml);
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

function compare(
  workbook: ExcelJS.Workbook,
  language: Language,
  entries: readonly Entry[],
  asOf: number,
  rule: StatusRule = DEFAULT_STATUS_RULE,
  quotas: readonly Quota[] = [],
) {
  const differences = new Differences();
  const registerSpec = tableSpec("register");
  const block = {
    headers: headers(registerSpec, language),
    rows: entries.map((entry) => entryRow(entry, language, 0)),
  };
  const register = registerColumns(block);
  const summaries = summarizeGoals(register, asOf, planSpecs(), rule);

  // The register itself: every accepted entry, in order.
  const name = columnAt("register", "name");
  const written = readBody(sheetOf(workbook, "register", language), "register", entries.length + 1);
  entries.forEach((entry, i) =>
    differences.text(`Register row ${sheetRow("register", i)} name`, written[i][name], entry.name),
  );
  if (written[entries.length][name] !== null && entries.length > 0)
    differences.list.push(`Register has a row after the ${entries.length} entries`);

  const about = readBody(sheetOf(workbook, "about", language), "about", ABOUT_AS_OF_ROW + 1);
  differences.number("About as-of date", about[ABOUT_AS_OF_ROW][columnAt("about", "value")], asOf);

  // Every printed sheet's title row names the as-of date.
  for (const sheet of SHEETS.filter((s) => hasTitleRow(s))) {
    const column = tableSpec(sheet.tables[0]).anchor.column;
    const title = readBlock(sheetOf(workbook, sheet.id, language), TITLE_ROW, column, 1, 1)[0][0];
    differences.text(`${sheet.id} title row`, title, expectedTitle(sheet, language, asOf));
  }

  // Targets: one row per goal.
  const targetRows = readBody(sheetOf(workbook, "targets", language), "targets", GOALS.length);
  summaries.forEach((summary, g) => {
    const row = targetRows.find((r) => r[0] === summary.spec.id);
    const at = (id: string) => row![columnAt("targets", id)];
    const where = (column: string) => `Targets ${summary.spec.id} ${column}`;
    if (!row)
      return differences.list.push(`Targets has no row ${summary.spec.id} (row ${sheetRow("targets", g)})`);
    differences.number(where("Required"), at("required"), summary.required);
    differences.number(where("Actual"), at("actual"), summary.actual);
    differences.number(where("By deadline"), at("actualByDeadline"), summary.actualByDeadline);
    differences.value(where("Date met"), at("dateMet"), summary.dateMet ?? NO_FORECAST_DATE);
    differences.number(where("Progress"), at("progress"), summary.progress);
    differences.number(where("Expected"), at("expected"), summary.expected);
    differences.number(where("Remaining"), at("remaining"), summary.remaining);
    differences.text(where("Status"), at("status"), STATUS_LABELS[summary.status][language]);
    differences.text(where("Mark"), at("statusMark"), STATUS_MARKS[summary.status]);
    differences.number(where("Days left"), at("daysLeft"), summary.daysLeft);
    differences.number(where("Forecast"), at("forecast"), summary.forecast.atDeadline);
    differences.value(
      where("Forecast date"),
      at("forecastDate"),
      coreForecastDate(register, summary.spec, asOf),
    );
  });

  // Dashboard: the same figures looked up by goal.
  const dashboardRows = readBody(sheetOf(workbook, "dashboard", language), "dashboard", GOALS.length);
  summaries.forEach((summary) => {
    const row = dashboardRows.find((r) => r[0] === summary.spec.id);
    if (!row) return differences.list.push(`Dashboard has no row ${summary.spec.id}`);
    const at = (id: string) => row[columnAt("dashboard", id)];
    const where = (column: string) => `Dashboard ${summary.spec.id} ${column}`;
    differences.text(where("Goal"), at("goal"), summary.spec.label[language]);
    differences.number(where("Actual"), at("actual"), summary.actual);
    differences.number(where("Target"), at("target"), summary.spec.target);
    differences.number(where("Progress"), at("progress"), summary.progress);
    differences.number(where("Expected"), at("expected"), summary.expected);
    differences.text(where("Status"), at("status"), STATUS_LABELS[summary.status][language]);
    differences.text(where("Mark"), at("statusMark"), STATUS_MARKS[summary.status]);
    differences.number(where("Forecast"), at("forecast"), summary.forecast.atDeadline);
  });

  // Timeline: what the goals' Actual count at each month end (at as-of for later months), and the
  // plan-wide expected count.
  const months = timeline(register, asOf, monthEnds());
  const timelineRows = readBody(sheetOf(workbook, "dashboard", language), "timeline", months.length);
  months.forEach((month, m) => {
    const where = (column: string) => `Timeline ${iso(month.monthEnd)} ${column}`;
    const at = (id: string) => timelineRows[m][columnAt("timeline", id)];
    differences.number(where("Month end"), at("monthEnd"), month.monthEnd);
    differences.number(where("Recognized"), at("recognized"), month.recognized);
    differences.number(where("Expected"), at("expected"), month.expected);
  });
  // After as-of the line stays at the goals' actual: nothing dated later is counted.
  const total = summaries.reduce((sum, s) => sum + s.actual, 0);
  months
    .filter((month) => month.monthEnd >= Math.floor(asOf))
    .forEach((month) =>
      differences.number(`Timeline ${iso(month.monthEnd)} is the total Actual`, month.recognized, total),
    );

  // Evaluation: what the deadline decided, after it, undated, and the share with evidence.
  const evaluations = evaluateGoals(register, register.evidence, asOf, planSpecs(), rule);
  const evaluationRows = readBody(sheetOf(workbook, "evaluation", language), "evaluation", GOALS.length);
  evaluations.forEach((goal) => {
    const row = evaluationRows.find((r) => r[0] === goal.spec.id);
    if (!row) return differences.list.push(`Evaluation has no row ${goal.spec.id}`);
    const at = (id: string) => row[columnAt("evaluation", id)];
    const where = (column: string) => `Evaluation ${goal.spec.id} ${column}`;
    differences.number(where("By deadline"), at("byDeadline"), goal.byDeadline);
    differences.number(where("Rate"), at("rate"), goal.rate);
    differences.value(where("Date met"), at("dateMet"), goal.dateMet ?? NO_FORECAST_DATE);
    differences.number(where("After deadline"), at("afterDeadline"), goal.afterDeadline);
    differences.number(where("Undated"), at("undated"), goal.undated);
    differences.value(where("With evidence"), at("evidence"), goal.evidenceCoverage ?? NO_FORECAST_DATE);
    differences.text(where("Result"), at("status"), STATUS_LABELS[goal.status][language]);
  });

  // Likelihood: LibreOffice's own POISSON and BETADIST against the core's numerics.
  const likelihoodRows = readBody(sheetOf(workbook, "likelihood", language), "likelihood", GOALS.length);
  summaries.forEach((summary) => {
    const row = likelihoodRows.find((r) => r[0] === summary.spec.id);
    if (!row) return differences.list.push(`Likelihood has no row ${summary.spec.id}`);
    const at = (id: string) => row[columnAt("likelihood", id)];
    const where = (column: string) => `Likelihood ${summary.spec.id} ${column}`;
    const odds = summary.likelihood;
    const orDash = (value: number | undefined) => value ?? NO_FORECAST_DATE;
    differences.number(where("Whole months"), at("months"), odds.months);
    differences.number(where("Dispersion"), at("dispersion"), odds.dispersion);
    differences.text(where("Model"), at("model"), LIKELIHOOD_MODEL_LABELS[odds.model][language]);
    differences.value(where("Probability"), at("probability"), orDash(odds.probability));
    differences.value(where("Median"), at("median"), orDash(odds.median));
    differences.value(where("Low"), at("low"), orDash(odds.low));
    differences.value(where("High"), at("high"), orDash(odds.high));
    differences.value(where("Needed a month"), at("paceNeeded"), orDash(odds.monthlyPaceNeeded));
  });

  // Districts: each district's recognized entries against its quota, judged by the workbook's rule.
  const quotaCell = (district: string, goal: string) =>
    quotas.find((q) => q.district === district && q.goal === goal)?.quota;
  const figures = districtFigures(
    register,
    { rows: block.rows, index: columnAt("register", "district"), name: "districts" },
    asOf,
    planSpecs(),
    (district, goal) => quotaOf(quotaCell(district, goal!)),
    language,
    rule,
  );
  const districtRows = readBody(sheetOf(workbook, "districts", language), "districts", figures.length);
  figures.forEach((figure, i) => {
    const at = (id: keyof typeof DISTRICT_HEADERS) => districtRows[i][columnAt("districts", id)];
    const where = (column: string) => `Districts ${figure.district} ${String(figure.goal)} ${column}`;
    differences.text(
      where("District"),
      at("district"),
      DISTRICTS.find((d) => d.id === figure.district)!.label[language],
    );
    differences.number(where("Actual"), at("actual"), figure.actual);
    differences.number(where("By deadline"), at("actualByDeadline"), figure.actualByDeadline);
    differences.value(where("Progress"), at("progress"), figure.progress ?? NO_FORECAST_DATE);
    differences.value(where("Expected"), at("expected"), figure.expected ?? NO_FORECAST_DATE);
    differences.text(
      where("Status"),
      at("status"),
      figure.status ? STATUS_LABELS[figure.status][language] : NO_QUOTA[language],
    );
  });
  const breakdownRows = readBody(sheetOf(workbook, "districts", language), "breakdown", GOALS.length);
  summaries.forEach((summary, g) => {
    const at = (id: string) => breakdownRows[g][columnAt("breakdown", id)];
    const own = figures.filter((f) => f.goal === summary.spec.id);
    const where = (column: string) => `Breakdown ${summary.spec.id} ${column}`;
    differences.number(where("Required"), at("required"), summary.required);
    differences.number(
      where("Sum of quotas"),
      at("quotaSum"),
      // The quotas core districtFigures takes: numbers above zero (PUDONG's 0 and HUANGPU's "5" are none).
      own.reduce((sum, f) => sum + (f.quota ?? 0), 0),
    );
    differences.number(
      where("Districts with a quota"),
      at("quotaDistricts"),
      own.filter((f) => f.quota).length,
    );
    differences.number(
      where("Recognized in districts"),
      at("inDistricts"),
      own.reduce((n, f) => n + f.actual, 0),
    );
  });

  // Sectors: recognized entries per sector and goal, and the row totals.
  const breakdown = sectorBreakdown(register, register.sectors!, asOf, language);
  const sectorRows = readBody(sheetOf(workbook, "sectors", language), "sectors", SECTORS.length);
  breakdown.sectors.forEach((sector, s) => {
    const at = (id: string) => sectorRows[s][columnAt("sectors", id)];
    differences.text(`Sectors row ${sheetRow("sectors", s)} name`, at("sector"), sector);
    GOALS.forEach((goal, g) =>
      differences.number(`Sectors ${sector} ${goal.short[language]}`, at(goal.id), breakdown.counts[s][g]),
    );
    differences.number(
      `Sectors ${sector} Total`,
      at("total"),
      breakdown.counts[s].reduce((sum, n) => sum + n, 0),
    );
  });
  return differences.list;
}

/** The core's forecast date, or the dash the workbook shows while there is no pace. */
function coreForecastDate(register: RegisterColumns, spec: GoalSpec, asOf: number): number | string {
  try {
    return forecastDate(register, spec, asOf);
  } catch (error) {
    if (error instanceof EngineError && error.key === "noPace") return NO_FORECAST_DATE;
    throw error;
  }
}

const ERROR_TEXT = /^(#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)|Err:\d+)/;

/** Every cell of every sheet holding an error value (or an error's text), as "Sheet!A1 #NAME?". */
function errorCells(workbook: ExcelJS.Workbook): string[] {
  const found: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = valueOf(cell);
        const shown =
          value !== null && typeof value === "object" ? value.error : typeof value === "string" ? value : "";
        if (typeof value === "number" && Number.isNaN(value))
          found.push(`${sheet.name}!${cell.address} unreadable`);
        else if (typeof value === "object" && value !== null)
          found.push(`${sheet.name}!${cell.address} ${shown}`);
        else if (ERROR_TEXT.test(shown)) found.push(`${sheet.name}!${cell.address} ${shown}`);
      }),
    ),
  );
  return found;
}

// ---- The suite --------------------------------------------------------------------------------

interface Prepared {
  readonly entries: readonly Entry[];
  readonly asOf: number;
  readonly workbook: ExcelJS.Workbook;
}

describe("LibreOffice recalculates the written workbooks to the core's figures", () => {
  let folder = "";
  const prepared = new Map<string, Prepared>();
  const timings: string[] = [];

  beforeAll(async () => {
    const soffice = findSoffice();
    folder = mkdtempSync(join(tmpdir(), "workbook-interop-"));
    const written: string[] = [];
    const entriesOf = new Map<string, readonly Entry[]>();
    const csvOf = new Map<string, string>();
    const todayBefore = todaySerial();

    let started = Date.now();
    for (const c of CASES) {
      const key = `${c.language}-${c.fixture}`;
      if (!csvOf.has(key)) {
        const csv = registerCsv(FIXTURES[c.fixture](), c.language);
        const path = join(folder, `${key}.csv`);
        writeFileSync(path, csv);
        csvOf.set(key, path);
        const preview = previewRegisterImport(csv, new Set());
        expect(preview.rows.filter((row) => !row.checked.entry)).toEqual([]);
        entriesOf.set(key, preview.accepted);
      }
      const out = join(folder, `${c.name.replace(/ /g, "_")}.xlsx`);
      const errors: string[] = [];
      const args = ["--out", out, "--lang", c.language === "zh" ? "zh-CN" : "en"];
      if (c.fixture !== "none") args.push("--register", csvOf.get(key)!);
      if (c.asOf) args.push("--as-of", iso(AS_OF[c.asOf]));
      if (c.rule) args.push("--status-rule", c.rule);
      const code = await main(args, { stdout: () => undefined, stderr: (line) => errors.push(line) });
      // The fixtures' edge cases (undated, outside the period) draw warnings; no row is refused.
      const refusals = errors.filter(
        (line) => !/: warning \(row written\): |：提醒（该行已写入）：/.test(line),
      );
      expect({ code, refusals }).toEqual({ code: 0, refusals: [] });
      if (c.quotas) await typeQuotas(out, c.language, c.quotas);
      written.push(out);
    }
    const generated = Date.now() - started;
    timings.push(`generated ${written.length} workbooks in ${generated} ms`);
    const large = written.find((path) => path.includes("_large_"))!;
    timings.push(`10,000-row workbook: ${statSync(large).size} bytes`);

    const conversion = recalculate(
      soffice,
      recalcProfile(join(folder, "profile")),
      written,
      join(folder, "recalculated"),
    );
    timings.push(
      `LibreOffice recalculated ${written.length} workbooks in one run: ${conversion.milliseconds} ms`,
    );

    started = Date.now();
    const todayAfter = todaySerial();
    for (const [i, c] of CASES.entries()) {
      const asOf = c.asOf ? AS_OF[c.asOf] : todayAfter;
      if (!c.asOf && todayBefore !== todayAfter) continue; // the day changed during the run
      prepared.set(c.name, {
        entries: entriesOf.get(`${c.language}-${c.fixture}`)!,
        asOf,
        workbook: await readXlsx(conversion.outputs[i]),
      });
    }
    timings.push(`read back ${prepared.size} recalculated workbooks in ${Date.now() - started} ms`);
  }, 600_000);

  afterAll(() => {
    if (timings.length > 0) console.log(timings.join("\n"));
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("finds LibreOffice (or fails with the command that installs it)", () => {
    expect(typeof findSoffice()).toBe("string");
  });

  it("covers every status", () => {
    const seen = new Set<string>();
    for (const p of prepared.values()) {
      const block = {
        headers: headers(tableSpec("register"), "en"),
        rows: p.entries.map((e) => entryRow(e, "en", 0)),
      };
      for (const summary of summarizeGoals(registerColumns(block), p.asOf)) seen.add(summary.status);
    }
    expect([...seen].sort()).toEqual([...STATUS_IDS].sort());
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const p = prepared.get(c.name);
    if (!p) return; // "today" case skipped: the date changed while the suite ran
    const rule = c.rule ? DEFAULT_STATUS_RULES[c.rule] : DEFAULT_STATUS_RULE;
    expect(compare(p.workbook, c.language, p.entries, p.asOf, rule, c.quotas)).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s: no error value on any sheet", (_, c) => {
    const p = prepared.get(c.name);
    if (!p) return;
    expect(p.workbook.worksheets.length).toBe(SHEETS.length);
    expect(errorCells(p.workbook)).toEqual([]);
  });

  it("covers district quotas met, met late, missed, judged before the deadline and none", () => {
    const seen = new Set<string>();
    for (const c of CASES.filter((c) => c.quotas)) {
      const p = prepared.get(c.name)!;
      const block = {
        headers: headers(tableSpec("register"), "en"),
        rows: p.entries.map((e) => entryRow(e, "en", 0)),
      };
      const figures = districtFigures(
        registerColumns(block),
        { rows: block.rows, index: columnAt("register", "district"), name: "districts" },
        p.asOf,
        planSpecs(),
        (district, goal) => quotaOf(c.quotas!.find((q) => q.district === district && q.goal === goal)?.quota),
        "en",
        c.rule ? DEFAULT_STATUS_RULES[c.rule] : DEFAULT_STATUS_RULE,
      );
      for (const figure of figures) seen.add(figure.status ?? "none");
    }
    expect([...seen]).toEqual(expect.arrayContaining(["ACHIEVED", "MISSED", "BEHIND", "none"]));
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it("covers every likelihood model", () => {
    const seen = new Set<string>();
    for (const p of prepared.values()) {
      const block = {
        headers: headers(tableSpec("register"), "en"),
        rows: p.entries.map((e) => entryRow(e, "en", 0)),
      };
      for (const summary of summarizeGoals(registerColumns(block), p.asOf))
        seen.add(summary.likelihood.model);
    }
    expect([...seen].sort()).toEqual(["decided", "negativeBinomial", "none", "poisson"]);
  });

  it("covers Forecast date met, projected and without a pace", () => {
    const kinds = new Set<string>();
    for (const p of prepared.values()) {
      const block = {
        headers: headers(tableSpec("register"), "en"),
        rows: p.entries.map((e) => entryRow(e, "en", 0)),
      };
      const register = registerColumns(block);
      for (const summary of summarizeGoals(register, p.asOf)) {
        const date = coreForecastDate(register, summary.spec, p.asOf);
        kinds.add(
          date === NO_FORECAST_DATE ? "no pace" : summary.actual >= summary.required ? "met" : "projected",
        );
      }
    }
    expect([...kinds].sort()).toEqual(["met", "no pace", "projected"]);
  });
});
