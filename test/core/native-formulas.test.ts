/**
 * The contract between the workbook and the engine: the template's native formulas, evaluated on
 * a register, give the figures the core engine computes from the same register (Targets with
 * Forecast and Forecast date, Dashboard, Sectors, the Timeline), in both languages.
 */
import fc from "fast-check";
import { isoToSerial } from "../../src/core/dates";
import { EngineError } from "../../src/core/errors";
import { type GoalSpec, specOfGoal } from "../../src/core/goal-spec";
import type { Language } from "../../src/core/language";
import {
  COMPARATOR_LABELS,
  type Comparator,
  DISTRICTS,
  type GoalId,
  GOALS,
  PLAN,
  SECTORS,
} from "../../src/core/plan";
import { districtFigures, NO_QUOTA, quotaOf } from "../../src/core/districts";
import { STATUS_LABELS } from "../../src/core/progress";
import { DEFAULT_STATUS_RULES, STATUS_RULE_LABELS, type StatusRule } from "../../src/core/status-rules";
import {
  type Column,
  ENTRY_STATUS_LABELS,
  type EntryStatusId,
  forecastDate,
  type RegisterColumns,
} from "../../src/core/register";
import { sectorBreakdown, summarizeGoals, timeline } from "../../src/core/summary";
import { evaluateGoals } from "../../src/core/evaluation";
import { columnFormula, MODERN_ONLY_FUNCTIONS } from "../../src/core/template/formulas";
import type { Cell as TemplateCell, TableId } from "../../src/core/template/structure";
import {
  BREAKDOWN_HEADERS,
  DISTRICT_HEADERS,
  EVALUATION_HEADERS,
  LIKELIHOOD_HEADERS,
  LIKELIHOOD_MODEL_LABELS,
  monthEnds,
  NO_FORECAST_DATE,
  STATUS_MARKS,
  TABLES,
  tableSpec,
} from "../../src/core/template/template";
import { vocabulary } from "../../src/core/template/vocabulary";
import {
  type Cell,
  evaluateTemplate,
  FormulaError,
  formulaFunctions,
  tableRecords,
  type TargetEdit,
} from "../support/formula-engine";

const LANGUAGES: readonly Language[] = ["en", "zh"];
const START = PLAN.issued;
const DEADLINE = PLAN.deadline;
const d = isoToSerial;

// ---- Building registers ---------------------------------------------------------------------

const REGISTER = tableSpec("register");
const registerIndex = (id: string) => REGISTER.columns.findIndex((column) => column.id === id);

interface Entry {
  goal: GoalId;
  status?: EntryStatusId;
  /** ISO date, serial, or null for an undated row. */
  date?: string | number | null;
  /** Index into SECTORS, or null for none. */
  sector?: number | null;
  /** The evidence link cell; blank when left out. */
  evidence?: string;
  /** Index into DISTRICTS, or null for none (the default). */
  district?: number | null;
}

/** A register row in tblRegister column order, in the workbook's language. */
function registerRow(language: Language, entry: Entry): TemplateCell[] {
  const row: TemplateCell[] = REGISTER.columns.map(() => null);
  const goal = GOALS.find((g) => g.id === entry.goal)!;
  row[registerIndex("goal")] = goal.label[language];
  row[registerIndex("name")] = `${goal.id} entry`;
  row[registerIndex("status")] = ENTRY_STATUS_LABELS[entry.status ?? "RECOGNIZED"][language];
  const date = entry.date === undefined ? "2021-03-01" : entry.date;
  row[registerIndex("date")] = typeof date === "string" ? d(date) : date;
  const sector = entry.sector === undefined ? 0 : entry.sector;
  row[registerIndex("sector")] = sector === null ? null : SECTORS[sector].label[language];
  row[registerIndex("evidence")] = entry.evidence ?? null;
  row[registerIndex("district")] =
    entry.district === undefined || entry.district === null
      ? null
      : DISTRICTS[entry.district].label[language];
  return row;
}

const times = (n: number, entry: Entry): Entry[] => Array.from({ length: n }, () => entry);

/** Every goal, every entry status, dated and undated, with and without a sector. */
const MIXED: Entry[] = [
  ...times(3, {
    goal: "ENTERPRISES",
    date: "2020-05-01",
    sector: 2,
    evidence: "https://www.shanghai.gov.cn/a",
  }),
  ...times(2, { goal: "ENTERPRISES", date: null, sector: 3, evidence: "https://www.shanghai.gov.cn/b" }),
  { goal: "ENTERPRISES", status: "CANDIDATE", date: "2020-06-01", evidence: "https://www.shanghai.gov.cn/c" },
  ...times(4, { goal: "SCENARIOS", date: "2021-02-15", sector: 4 }),
  { goal: "SCENARIOS", status: "WITHDRAWN", date: "2021-02-15", sector: 4 },
  ...times(7, { goal: "BRANDS", date: "2022-06-30", sector: 5 }),
  { goal: "BRANDS", status: "IN_PROGRESS", date: null },
  ...times(2, { goal: "BREAKTHROUGHS", date: "2020-04-08", sector: 9 }),
  { goal: "BREAKTHROUGHS", date: "2022-12-31", sector: null },
  ...times(5, { goal: "UNMANNED", date: "2021-09-09", sector: 0 }),
  { goal: "UNMANNED", date: "2023-02-01", sector: 0, evidence: "see file 12" },
  ...times(3, { goal: "PLATFORMS", date: "2020-12-31", sector: 1 }),
  { goal: "PLATFORMS", status: "CANDIDATE", date: null, sector: 1 },
];

/** Brands in yearly batches with a few between; scenarios one a month; platforms all on one day. */
const BATCHES: Entry[] = [
  ...times(25, { goal: "BRANDS", date: "2020-06-30" }),
  ...times(3, { goal: "BRANDS", date: "2020-09-15" }),
  ...times(30, { goal: "BRANDS", date: "2021-06-30" }),
  ...times(2, { goal: "BRANDS", date: "2021-11-02" }),
  ...times(35, { goal: "BRANDS", date: "2022-06-30" }),
  ...Array.from({ length: 32 }, (_, k): Entry => ({
    goal: "SCENARIOS",
    date: d("2020-04-20") + Math.round(k * 30.4375),
  })),
  ...times(12, { goal: "PLATFORMS", date: "2020-11-11" }),
  ...times(4, { goal: "UNMANNED", date: null }),
];

// ---- The core's figures for the same inputs -------------------------------------------------

const comparatorOfLabel = (label: string, language: Language): Comparator => {
  const found = (Object.keys(COMPARATOR_LABELS) as Comparator[]).find(
    (id) => COMPARATOR_LABELS[id][language] === label,
  );
  if (!found) throw new Error(`Not a ${language} comparator label: ${label}`);
  return found;
};

function coreColumns(register: TemplateCell[][]): RegisterColumns {
  const column = (id: string, name: string): Column => ({ rows: register, index: registerIndex(id), name });
  return {
    goals: column("goal", "goals"),
    statuses: column("status", "statuses"),
    dates: column("date", "dates"),
  };
}

function coreSpecs(language: Language, edits: readonly TargetEdit[]) {
  return GOALS.map((goal) => {
    const edit = edits.find((e) => e.id === goal.id);
    return specOfGoal(goal, {
      target: edit?.target,
      comparator: edit?.comparator === undefined ? undefined : comparatorOfLabel(edit.comparator, language),
      deadline: edit?.deadline,
    });
  });
}

// ---- Comparing ------------------------------------------------------------------------------

const header = (table: TableId, column: string, language: Language) => {
  const spec = tableSpec(table).columns.find((c) => c.id === column);
  if (!spec) throw new Error(`No column ${column} in ${table}`);
  return spec.header[language];
};

const show = (value: Cell | undefined) =>
  value instanceof FormulaError ? value.code : JSON.stringify(value);

function sameCell(actual: Cell | undefined, expected: Cell): boolean {
  if (typeof expected === "number") return typeof actual === "number" && Math.abs(actual - expected) <= 1e-9;
  if (expected instanceof FormulaError)
    return actual instanceof FormulaError && actual.code === expected.code;
  return actual === expected;
}

/** The core's forecast date, the dash the workbook shows without a pace, or the error value a cell would show. */
function coreForecastDate(register: TemplateCell[][], spec: GoalSpec, asOf: number): Cell {
  try {
    return forecastDate(coreColumns(register), spec, asOf);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    if (error.key === "noPace") return NO_FORECAST_DATE;
    return new FormulaError(error.kind === "na" ? "#N/A" : error.kind === "num" ? "#NUM!" : "#VALUE!");
  }
}

/** Forecast date follows the Targets row's start and deadline, as the core's pace does. */
const FORECAST_DATE_FOLLOWS_DEADLINE_EDITS = true;

interface Inputs {
  readonly language: Language;
  readonly register: TemplateCell[][];
  readonly asOf: number;
  readonly edits: readonly TargetEdit[];
  /** The status rule named on About, with thresholds typed on its row. */
  readonly rule?: StatusRule;
  /** Quotas typed on the Districts sheet, by district id and goal id. */
  readonly quotas?: readonly Quota[];
}

interface Quota {
  readonly district: string;
  readonly goal: GoalId;
  readonly quota: TemplateCell;
}

/** Every disagreement between the evaluated workbook and the core, as readable lines (none expected). */
function disagreements(
  { language, register, asOf, edits, rule, quotas = [] }: Inputs,
  forecastDateFollowsDeadline = FORECAST_DATE_FOLLOWS_DEADLINE_EDITS,
): string[] {
  const model = evaluateTemplate({
    language,
    register,
    asOf,
    targetEdits: edits,
    ...(rule ? { statusRuleName: STATUS_RULE_LABELS[rule.id][language], statusRuleEdits: [rule] } : {}),
    quotaEdits: quotas.map((q) => ({
      district: DISTRICTS.find((d) => d.id === q.district)!.label[language],
      goal: q.goal,
      quota: q.quota,
    })),
  });
  const specs = coreSpecs(language, edits);
  const summaries = summarizeGoals(coreColumns(register), asOf, specs, rule);
  const found: string[] = [];
  const check = (where: string, actual: Cell | undefined, expected: Cell) => {
    if (!sameCell(actual, expected)) found.push(`${where}: formula ${show(actual)}, core ${show(expected)}`);
  };
  const t = (column: string) => header("targets", column, language);

  const targets = tableRecords(model, "tblTargets");
  expect(targets).toHaveLength(GOALS.length);
  summaries.forEach((summary, i) => {
    const id = GOALS[i].id;
    const row = targets.find((r) => r[t("id")] === id);
    if (!row) throw new Error(`No Targets row ${id}`);
    const at = (column: string) => `tblTargets[${id}][${t(column)}]`;
    check(at("required"), row[t("required")], summary.required);
    check(at("actual"), row[t("actual")], summary.actual);
    check(at("actualByDeadline"), row[t("actualByDeadline")], summary.actualByDeadline);
    check(at("dateMet"), row[t("dateMet")], summary.dateMet ?? NO_FORECAST_DATE);
    check(at("progress"), row[t("progress")], summary.progress);
    check(at("expected"), row[t("expected")], summary.expected);
    check(at("remaining"), row[t("remaining")], summary.remaining);
    check(at("status"), row[t("status")], STATUS_LABELS[summary.status][language]);
    check(at("statusMark"), row[t("statusMark")], STATUS_MARKS[summary.status]);
    check(at("daysLeft"), row[t("daysLeft")], summary.daysLeft);
    check(at("forecast"), row[t("forecast")], summary.forecast.atDeadline);
    const dateSpec = forecastDateFollowsDeadline
      ? specs[i]
      : specOfGoal(GOALS[i], { target: specs[i].target, comparator: specs[i].comparator });
    check(at("forecastDate"), row[t("forecastDate")], coreForecastDate(register, dateSpec, asOf));
  });

  const dashboard = tableRecords(model, "tblDashboard");
  expect(dashboard.map((r) => r[header("dashboard", "id", language)])).toEqual(GOALS.map((g) => g.id));
  for (const row of dashboard) {
    const id = row[header("dashboard", "id", language)];
    const source = targets.find((r) => r[t("id")] === id)!;
    for (const column of tableSpec("dashboard").columns.filter((c) => c.formula)) {
      const name = column.header[language];
      check(`tblDashboard[${String(id)}][${name}]`, row[name], source[name] as Cell);
    }
  }

  const breakdown = sectorBreakdown(
    coreColumns(register),
    { rows: register, index: registerIndex("sector"), name: "sectors" },
    asOf,
    language,
  );
  const sectors = tableRecords(model, "tblSectors");
  expect(sectors.map((r) => r[header("sectors", "sector", language)])).toEqual(breakdown.sectors);
  sectors.forEach((row, s) => {
    const sector = String(row[header("sectors", "sector", language)]);
    GOALS.forEach((goal, g) => {
      const name = goal.short[language];
      check(`tblSectors[${sector}][${name}]`, row[name], breakdown.counts[s][g]);
    });
    const total = breakdown.counts[s].reduce((sum, n) => sum + n, 0);
    check(
      `tblSectors[${sector}][${header("sectors", "total", language)}]`,
      row[header("sectors", "total", language)],
      total,
    );
  });

  const evaluations = evaluateGoals(
    coreColumns(register),
    { rows: register, index: registerIndex("evidence"), name: "evidence" },
    asOf,
    specs,
    rule,
  );
  const evaluationRows = tableRecords(model, "tblEvaluation");
  const e = (column: keyof typeof EVALUATION_HEADERS) => EVALUATION_HEADERS[column][language];
  evaluations.forEach((goal, i) => {
    const row = evaluationRows[i];
    const at = (column: keyof typeof EVALUATION_HEADERS) => `tblEvaluation[${goal.spec.id}][${e(column)}]`;
    expect(row[e("id")]).toBe(goal.spec.id);
    check(at("goal"), row[e("goal")], goal.spec.label[language]);
    check(
      at("target"),
      row[e("target")],
      `${COMPARATOR_LABELS[goal.spec.comparator][language]}${language === "zh" ? "" : " "}${goal.spec.target}`,
    );
    check(at("required"), row[e("required")], goal.required);
    check(at("byDeadline"), row[e("byDeadline")], goal.byDeadline);
    check(at("rate"), row[e("rate")], goal.rate);
    check(at("dateMet"), row[e("dateMet")], goal.dateMet ?? NO_FORECAST_DATE);
    check(at("afterDeadline"), row[e("afterDeadline")], goal.afterDeadline);
    check(at("undated"), row[e("undated")], goal.undated);
    check(at("evidence"), row[e("evidence")], goal.evidenceCoverage ?? NO_FORECAST_DATE);
    check(at("status"), row[e("status")], STATUS_LABELS[goal.status][language]);
  });

  const likelihoodRows = tableRecords(model, "tblLikelihood");
  const l = (column: keyof typeof LIKELIHOOD_HEADERS) => LIKELIHOOD_HEADERS[column][language];
  summaries.forEach((summary, i) => {
    const row = likelihoodRows[i];
    const at = (column: keyof typeof LIKELIHOOD_HEADERS) => `tblLikelihood[${summary.spec.id}][${l(column)}]`;
    const odds = summary.likelihood;
    const orDash = (value: number | undefined) => value ?? NO_FORECAST_DATE;
    expect(row[l("id")]).toBe(summary.spec.id);
    check(at("months"), row[l("months")], odds.months);
    check(at("dispersion"), row[l("dispersion")], odds.dispersion);
    check(at("model"), row[l("model")], LIKELIHOOD_MODEL_LABELS[odds.model][language]);
    check(at("probability"), row[l("probability")], orDash(odds.probability));
    check(at("median"), row[l("median")], orDash(odds.median));
    check(at("low"), row[l("low")], orDash(odds.low));
    check(at("high"), row[l("high")], orDash(odds.high));
    check(at("paceNeeded"), row[l("paceNeeded")], orDash(odds.monthlyPaceNeeded));
  });

  // The task breakdown: each district's recognized entries against its quota, as core districtFigures.
  const quotaCell = (district: string, goal: string) =>
    quotas.find((q) => q.district === district && q.goal === goal)?.quota ?? null;
  const figures = districtFigures(
    coreColumns(register),
    { rows: register, index: registerIndex("district"), name: "districts" },
    asOf,
    specs,
    (district, goal) => quotaOf(quotaCell(district, goal!)),
    language,
    rule,
  );
  const districtRows = tableRecords(model, "tblDistricts");
  expect(districtRows).toHaveLength(DISTRICTS.length * GOALS.length);
  const h = (column: keyof typeof DISTRICT_HEADERS) => DISTRICT_HEADERS[column][language];
  figures.forEach((figure, i) => {
    const row = districtRows[i];
    const at = (column: keyof typeof DISTRICT_HEADERS) =>
      `tblDistricts[${figure.district}/${String(figure.goal)}][${h(column)}]`;
    expect([row[h("district")], row[h("id")]]).toEqual([
      DISTRICTS.find((d) => d.id === figure.district)!.label[language],
      figure.goal,
    ]);
    check(at("actual"), row[h("actual")], figure.actual);
    check(at("actualByDeadline"), row[h("actualByDeadline")], figure.actualByDeadline);
    check(at("progress"), row[h("progress")], figure.progress ?? NO_FORECAST_DATE);
    check(at("expected"), row[h("expected")], figure.expected ?? NO_FORECAST_DATE);
    const status = figure.status ? STATUS_LABELS[figure.status][language] : NO_QUOTA[language];
    check(at("status"), row[h("status")], status);
    check(at("statusMark"), row[h("statusMark")], figure.status ? STATUS_MARKS[figure.status] : "");
  });
  const breakdownRows = tableRecords(model, "tblBreakdown");
  const b = (column: keyof typeof BREAKDOWN_HEADERS) => BREAKDOWN_HEADERS[column][language];
  summaries.forEach((summary, i) => {
    const row = breakdownRows[i];
    const own = figures.filter((f) => f.goal === summary.spec.id);
    const at = (column: keyof typeof BREAKDOWN_HEADERS) => `tblBreakdown[${summary.spec.id}][${b(column)}]`;
    check(at("required"), row[b("required")], summary.required);
    check(at("actual"), row[b("actual")], summary.actual);
    // The sum of the quotas core districtFigures takes (numbers above zero).
    check(
      at("quotaSum"),
      row[b("quotaSum")],
      own.reduce((sum, f) => sum + (f.quota ?? 0), 0),
    );
    check(at("quotaDistricts"), row[b("quotaDistricts")], own.filter((f) => f.quota !== undefined).length);
    check(
      at("inDistricts"),
      row[b("inDistricts")],
      own.reduce((sum, f) => sum + f.actual, 0),
    );
  });

  const months = timeline(coreColumns(register), asOf, monthEnds(), specs);
  const timelineRows = tableRecords(model, "tblTimeline");
  expect(timelineRows).toHaveLength(months.length);
  const m = (column: string) => header("timeline", column, language);
  months.forEach((month, i) => {
    const row = timelineRows[i];
    const at = (column: string) => `tblTimeline[${month.monthEnd}][${m(column)}]`;
    check(at("monthEnd"), row[m("monthEnd")], month.monthEnd);
    check(at("recognized"), row[m("recognized")], month.recognized);
    check(at("expected"), row[m("expected")], month.expected);
  });
  return found;
}

// ---- Table-driven cases ---------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly entries: readonly Entry[];
  readonly asOf: string | number;
  readonly edits?: readonly { id: GoalId; target?: number; comparator?: Comparator; deadline?: string }[];
  readonly rule?: StatusRule;
  readonly quotas?: readonly Quota[];
}

/** MIXED spread over three districts, and some rows with none. */
const IN_DISTRICTS: Entry[] = MIXED.map((entry, i) => ({ ...entry, district: i % 4 === 3 ? null : i % 3 }));
/** Quotas of every kind a person types: whole, fractional, zero, text, and none. */
const QUOTAS: Quota[] = [
  { district: DISTRICTS[0].id, goal: "ENTERPRISES", quota: 2 },
  { district: DISTRICTS[1].id, goal: "ENTERPRISES", quota: 1.5 },
  { district: DISTRICTS[2].id, goal: "ENTERPRISES", quota: 0 },
  { district: DISTRICTS[0].id, goal: "SCENARIOS", quota: "3" },
  { district: DISTRICTS[1].id, goal: "SCENARIOS", quota: 40 },
  { district: DISTRICTS[2].id, goal: "BRANDS", quota: 3 },
  { district: DISTRICTS[0].id, goal: "BRANDS", quota: 30 },
  { district: DISTRICTS[1].id, goal: "UNMANNED", quota: 2 },
  { district: DISTRICTS[2].id, goal: "PLATFORMS", quota: 1 },
  { district: DISTRICTS[15].id, goal: "BREAKTHROUGHS", quota: 8 },
];

const CASES: readonly Case[] = [
  { name: "an empty register", entries: [], asOf: "2021-06-30" },
  { name: "an empty register after the deadline", entries: [], asOf: "2023-01-01" },
  {
    name: "exactly 100 recognized BRANDS (more than 100 not met)",
    entries: times(100, { goal: "BRANDS" }),
    asOf: "2021-06-30",
  },
  {
    name: "exactly 100 recognized BRANDS on the deadline",
    entries: times(100, { goal: "BRANDS" }),
    asOf: DEADLINE,
  },
  {
    name: "exactly 100 recognized BRANDS after the deadline (missed)",
    entries: times(100, { goal: "BRANDS" }),
    asOf: "2023-01-01",
  },
  { name: "101 recognized BRANDS (met)", entries: times(101, { goal: "BRANDS" }), asOf: "2021-06-30" },
  {
    name: "BRANDS met only after the deadline (met late)",
    entries: [...times(100, { goal: "BRANDS", date: "2022-06-30" }), { goal: "BRANDS", date: "2023-03-01" }],
    asOf: "2024-01-01",
  },
  {
    name: "BRANDS met on the deadline, as of later (achieved), with entries after it",
    entries: [
      ...times(100, { goal: "BRANDS", date: "2022-06-30" }),
      { goal: "BRANDS", date: DEADLINE },
      ...times(5, { goal: "BRANDS", date: "2023-03-01" }),
    ],
    asOf: "2024-01-01",
  },
  {
    name: "UNMANNED met late with undated entries, which count by the deadline too",
    entries: [
      ...times(60, { goal: "UNMANNED", date: null }),
      ...times(40, { goal: "UNMANNED", date: "2023-02-01" }),
    ],
    asOf: "2023-06-30",
  },
  {
    name: "100 recognized UNMANNED (at least 100 met)",
    entries: times(100, { goal: "UNMANNED" }),
    asOf: "2021-06-30",
  },
  { name: "99 recognized UNMANNED", entries: times(99, { goal: "UNMANNED", date: null }), asOf: DEADLINE },
  {
    name: "rows dated on the start day, as of the start day",
    entries: times(3, { goal: "SCENARIOS", date: START }),
    asOf: START,
  },
  {
    name: "rows dated on the deadline, as of the day before",
    entries: times(3, { goal: "PLATFORMS", date: DEADLINE }),
    asOf: "2022-12-30",
  },
  {
    name: "rows dated on the deadline, as of the deadline",
    entries: times(3, { goal: "PLATFORMS", date: DEADLINE }),
    asOf: DEADLINE,
  },
  {
    name: "rows dated after as-of",
    entries: [
      ...times(4, { goal: "ENTERPRISES", date: "2021-07-01" }),
      { goal: "ENTERPRISES", date: "2021-06-30" },
    ],
    asOf: "2021-06-30",
  },
  {
    name: "rows dated before the start",
    entries: times(5, { goal: "BREAKTHROUGHS", date: "2019-10-01" }),
    asOf: "2020-06-30",
  },
  {
    name: "undated recognized rows",
    entries: times(20, { goal: "PLATFORMS", date: null }),
    asOf: "2020-01-01",
  },
  {
    name: "Candidate, In progress and Withdrawn rows",
    entries: [
      ...times(30, { goal: "PLATFORMS", status: "CANDIDATE" }),
      ...times(30, { goal: "PLATFORMS", status: "IN_PROGRESS", date: null }),
      ...times(30, { goal: "PLATFORMS", status: "WITHDRAWN" }),
      { goal: "PLATFORMS" },
    ],
    asOf: "2021-06-30",
  },
  {
    name: "met by dated rows after undated ones, with rows after as-of (Forecast date: the 20th)",
    entries: [
      ...times(5, { goal: "PLATFORMS", date: null }),
      ...Array.from({ length: 18 }, (_, i): Entry => ({
        goal: "PLATFORMS",
        date: d(START) + 30 * (17 - i) + 0.5,
      })),
      ...times(3, { goal: "PLATFORMS", date: "2021-07-01" }),
      { goal: "PLATFORMS", status: "CANDIDATE", date: "2020-04-09" },
    ],
    asOf: "2021-06-30",
  },
  {
    name: "met by rows dated before the start (Forecast date: the start)",
    entries: times(25, { goal: "PLATFORMS", date: "2019-12-01" }),
    asOf: "2021-06-30",
  },
  {
    name: "not met, undated rows only: no pace (Forecast date: a dash)",
    entries: times(19, { goal: "PLATFORMS", date: null }),
    asOf: "2021-06-30",
  },
  {
    name: "a pace whose days a rounded division would make one more (21 x 5 / 7)",
    entries: Array.from({ length: 7 }, (_, i): Entry => ({ goal: "PLATFORMS", date: d(START) + (i % 5) })),
    asOf: d(START) + 5,
    edits: [{ id: "PLATFORMS", target: 28 }],
  },
  { name: "a mixed register, as of before the start", entries: MIXED, asOf: "2020-01-01" },
  { name: "a mixed register, as of the start", entries: MIXED, asOf: START },
  { name: "a mixed register, mid-period", entries: MIXED, asOf: "2021-06-30" },
  { name: "a mixed register, mid-period at 18:00", entries: MIXED, asOf: d("2021-06-30") + 0.75 },
  { name: "a mixed register, on the deadline", entries: MIXED, asOf: DEADLINE },
  { name: "a mixed register, after the deadline", entries: MIXED, asOf: "2023-06-30" },
  {
    name: "a target edit",
    entries: [...MIXED, ...times(50, { goal: "BRANDS" })],
    asOf: "2021-06-30",
    edits: [
      { id: "BRANDS", target: 50 },
      { id: "SCENARIOS", target: 3.5 },
      { id: "PLATFORMS", target: 2.5 },
    ],
  },
  {
    name: "comparator edits to the other label",
    entries: [...times(100, { goal: "UNMANNED" }), ...times(100, { goal: "BRANDS" })],
    asOf: "2021-06-30",
    edits: [
      { id: "UNMANNED", comparator: "more_than" },
      { id: "BRANDS", comparator: "at_least" },
    ],
  },
  {
    name: "a deadline edit, as of before the new deadline",
    entries: MIXED,
    asOf: "2021-06-30",
    edits: [
      { id: "PLATFORMS", deadline: "2021-12-31" },
      { id: "ENTERPRISES", deadline: "2024-12-31" },
    ],
  },
  {
    name: "a deadline edit, as of after the new deadline",
    entries: MIXED,
    asOf: "2022-06-30",
    edits: [{ id: "PLATFORMS", deadline: "2021-12-31" }],
  },
  {
    name: "every edit at once",
    entries: MIXED,
    asOf: "2022-03-15",
    edits: [{ id: "SCENARIOS", target: 4, comparator: "at_least", deadline: "2023-06-30" }],
  },
  // The status rules: each goal of MIXED lands in a different band somewhere along these.
  ...["2020-06-30", "2021-06-30", "2022-06-30", "2022-12-31"].flatMap((asOf): Case[] => [
    {
      name: `序时进度 at its defaults, as of ${asOf}`,
      entries: MIXED,
      asOf,
      rule: DEFAULT_STATUS_RULES.ELAPSED,
    },
    {
      name: `the pace ratio at its defaults, as of ${asOf}`,
      entries: MIXED,
      asOf,
      rule: DEFAULT_STATUS_RULES.PACE,
    },
  ]),
  {
    name: "序时进度 with edited thresholds, brands 15 points behind (At risk from 10, Behind beyond 14)",
    entries: times(30, { goal: "BRANDS", date: "2020-06-01" }),
    asOf: "2021-06-30",
    rule: { id: "ELAPSED", onTrack: 10, atRisk: 14 },
  },
  ...[10, 30].map((brands): Case => ({
    // 100 days from the start, as of day 40: 40% of the time; 10 of 100 is 30 points, 30 is 10.
    name: `序时进度 on a threshold: ${brands} brands of 100 at 40% of the time`,
    entries: times(brands, { goal: "BRANDS", date: "2020-05-01" }),
    asOf: "2020-05-18",
    edits: [{ id: "BRANDS", target: 100, comparator: "at_least", deadline: "2020-07-17" }],
    rule: DEFAULT_STATUS_RULES.ELAPSED,
  })),
  {
    // 40 of 100 in 40 days is 1 a day; 60 more in 60 days is 1 a day: a ratio of exactly 1, On track at 1.
    name: "the pace ratio on a threshold",
    entries: times(40, { goal: "BRANDS", date: "2020-05-01" }),
    asOf: "2020-05-18",
    edits: [{ id: "BRANDS", target: 100, comparator: "at_least", deadline: "2020-07-17" }],
    rule: { id: "PACE", onTrack: 1, atRisk: 0.95 },
  },
  // How likely: recognitions in batches (a negative binomial once six whole months show the spread),
  // a steady trickle (Poisson), short histories, and after the deadline.
  ...["2020-07-31", "2020-12-31", "2021-06-30", "2022-06-30", "2022-12-31", "2023-06-30"].map(
    (asOf): Case => ({
      name: `recognitions in batches and a trickle, as of ${asOf}`,
      entries: BATCHES,
      asOf,
    }),
  ),
  {
    name: "the ratio rule with edited thresholds",
    entries: MIXED,
    asOf: "2021-06-30",
    rule: { id: "RATIO", onTrack: 0.5, atRisk: 0.1 },
  },
  // The task breakdown: districts' quotas judged as targets of their own, by each rule, before,
  // during and after the period.
  ...["2020-04-01", "2021-06-30", "2022-12-31", "2023-06-30"].flatMap((asOf) =>
    [undefined, ...(["ELAPSED", "PACE"] as const).map((id) => DEFAULT_STATUS_RULES[id])].map(
      (rule): Case => ({
        name: `district quotas as of ${asOf}${rule ? ` by ${rule.id}` : ""}`,
        entries: IN_DISTRICTS,
        asOf,
        rule,
        quotas: QUOTAS,
      }),
    ),
  ),
  {
    name: "district quotas with a deadline edit",
    entries: IN_DISTRICTS,
    asOf: "2021-06-30",
    edits: [{ id: "BRANDS", deadline: "2021-07-31" }],
    quotas: QUOTAS,
  },
];

describe.each(LANGUAGES)("native formulas match the core engine (%s)", (language) => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const register = c.entries.map((entry) => registerRow(language, entry));
    const asOf = typeof c.asOf === "string" ? d(c.asOf) : c.asOf;
    const edits = (c.edits ?? []).map((edit) => ({
      id: edit.id,
      target: edit.target,
      comparator: edit.comparator && COMPARATOR_LABELS[edit.comparator][language],
      deadline: edit.deadline === undefined ? undefined : d(edit.deadline),
    }));
    expect(disagreements({ language, register, asOf, edits, rule: c.rule, quotas: c.quotas })).toEqual([]);
  });

  it("Forecast date and Forecast on examples worked by hand", () => {
    const platforms = (entries: readonly Entry[], asOf: number, edits: readonly TargetEdit[] = []) => {
      const register = entries.map((entry) => registerRow(language, entry));
      const model = evaluateTemplate({ language, register, asOf, targetEdits: edits });
      const row = tableRecords(model, "tblTargets").find(
        (r) => r[header("targets", "id", language)] === "PLATFORMS",
      )!;
      return {
        date: row[header("targets", "forecastDate", language)],
        forecast: row[header("targets", "forecast", language)],
      };
    };
    const start = d(START);
    // 5 undated rows, then dated ones every 30 days: the 20th counted is the 15th dated, day 420.
    const dated = Array.from({ length: 18 }, (_, i): Entry => ({
      goal: "PLATFORMS",
      date: start + 30 * i + 0.5,
    }));
    expect(platforms([...times(5, { goal: "PLATFORMS", date: null }), ...dated], d("2021-06-30")).date).toBe(
      start + 420,
    );
    // 19 undated rows of 20: no pace, a dash; Forecast stays the actual.
    expect(platforms(times(19, { goal: "PLATFORMS", date: null }), d("2021-06-30"))).toEqual({
      date: NO_FORECAST_DATE,
      forecast: 19,
    });
    // 7 rows in 5 days, 28 needed: 21 more at 7 per 5 days is 15 days.
    const seven = Array.from({ length: 7 }, (_, i): Entry => ({ goal: "PLATFORMS", date: start + (i % 5) }));
    const pace = platforms(seven, start + 5, [{ id: "PLATFORMS", target: 28 }]);
    expect(pace.date).toBe(start + 20);
    expect(pace.forecast).toBeCloseTo(7 + (7 / 5) * (d(DEADLINE) - start - 5), 9);
  });

  it("Forecast date follows a deadline edit", () => {
    // One PLATFORMS row recognized on the start day; the deadline moved to the next day; as of two days in.
    const register = [registerRow(language, { goal: "PLATFORMS", date: START })];
    const edits = [{ id: "PLATFORMS", deadline: d(START) + 1 }];
    expect(disagreements({ language, register, asOf: d(START) + 2, edits }, true)).toEqual([]);
  });

  it("on random registers, as-of dates and edits", () => {
    const v = vocabulary(language);
    const serial = (from: string, to: string) => fc.integer({ min: d(from), max: d(to) });
    const date = fc.oneof(
      { weight: 6, arbitrary: serial("2019-01-01", "2024-12-31") },
      { weight: 1, arbitrary: fc.constantFrom(d(START), d(DEADLINE)) },
      { weight: 1, arbitrary: serial("2019-01-01", "2024-12-31").map((n) => n + 0.5) },
      { weight: 2, arbitrary: fc.constant(null) },
    );
    const row = fc
      .record({
        goal: fc.constantFrom(...v.goals),
        status: fc.oneof(
          { weight: 3, arbitrary: fc.constant(v.recognized) },
          { weight: 2, arbitrary: fc.constantFrom(...v.entryStatuses) },
        ),
        sector: fc.option(fc.constantFrom(...v.sectors), { nil: null, freq: 6 }),
        date,
      })
      .map((entry) => {
        const cells: TemplateCell[] = REGISTER.columns.map(() => null);
        cells[registerIndex("goal")] = entry.goal;
        cells[registerIndex("status")] = entry.status;
        cells[registerIndex("sector")] = entry.sector;
        cells[registerIndex("date")] = entry.date;
        return cells;
      });
    const asOf = fc.oneof(
      { weight: 6, arbitrary: serial("2019-06-01", "2024-06-30") },
      { weight: 1, arbitrary: fc.constantFrom(d(START), d(DEADLINE), d(START) - 1, d(DEADLINE) + 1) },
      { weight: 1, arbitrary: serial("2019-06-01", "2024-06-30").map((n) => n + 0.25) },
    );
    const edit = fc.record(
      {
        target: fc.oneof(
          fc.integer({ min: 1, max: 60 }),
          fc.integer({ min: 1, max: 120 }).map((n) => n / 2),
        ),
        comparator: fc.constantFrom(...v.comparators),
        deadline: serial("2020-04-09", "2025-12-31"),
      },
      { requiredKeys: [] },
    );
    const edits = fc
      .tuple(
        ...GOALS.map((goal) =>
          fc.option(
            edit.map((e): TargetEdit => ({ id: goal.id, ...e })),
            { nil: undefined },
          ),
        ),
      )
      .map((all) => all.filter((e): e is TargetEdit => e !== undefined));

    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), asOf, edits, (register, asOf, edits) => {
        expect(disagreements({ language, register, asOf, edits })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Functions Excel 2007 already had: the file names them without the _xlfn. prefix later ones need,
 * and Excel 2010, LibreOffice and WPS compute them without array entry.
 */
const EXCEL_2007_FUNCTIONS = [
  "IF",
  "AND",
  "INT",
  "ROUNDUP",
  "MIN",
  "MAX",
  "SUM",
  "INDEX",
  "MATCH",
  "COUNTIFS",
  "IFERROR",
  "ISNUMBER",
  "ROUND",
  // The likelihood.
  "NA",
  "AVERAGE",
  "VAR",
  "SQRT",
  "POISSON",
  "BETADIST",
  "SUMPRODUCT",
  "SMALL",
  // The Report sheet's recent recognitions.
  "OR",
  "LARGE",
  "ROW",
  // The task breakdown's sums of the districts' quotas (SUMIFS is of Excel 2007, as COUNTIFS).
  "SUMIFS",
];

describe("the template's formulas", () => {
  const formulas = LANGUAGES.flatMap((language) =>
    TABLES.flatMap((table) =>
      table.columns
        .filter((column) => column.formula)
        .map(
          (column) =>
            [`${table.name}[${column.header[language]}]`, columnFormula(table, column, language)] as const,
        ),
    ),
  );

  it.each(formulas)("%s uses no function older spreadsheets lack", (_, formula) => {
    const used = formulaFunctions(formula);
    expect(used.filter((name) => MODERN_ONLY_FUNCTIONS.includes(name))).toEqual([]);
    for (const name of MODERN_ONLY_FUNCTIONS)
      expect(formula.toUpperCase()).not.toMatch(new RegExp(`\\b${name}\\(`));
  });

  it.each(formulas)("%s uses only functions of Excel 2007, none of the add-in's", (_, formula) => {
    expect(formulaFunctions(formula).filter((name) => !EXCEL_2007_FUNCTIONS.includes(name))).toEqual([]);
  });
});
