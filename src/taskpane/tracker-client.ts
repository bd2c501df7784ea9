/**
 * The task pane's one door to Excel. Components call these functions; each runs one Excel.run
 * batch from src/excel. Nothing else in the pane touches the Excel object model. Tests make the
 * client over a run of their own (the Excel test double).
 */
import type { Entry } from "../core/entries";
import type { FunctionId } from "../core/function-examples";
import type { Language } from "../core/language";
import type { StatusRule } from "../core/status-rules";
import type { GoalSummary } from "../core/summary";
import type { SnapshotTaken } from "../core/template/snapshot-rows";
import type { TemplateChanges } from "../core/template/template-changes";
import { type ApplyReport, applyTemplate } from "../excel/apply-template";
import type { DiagnosticsReport, DocumentSettingsApi, OfficeInfo } from "../excel/diagnostics";
import { insertExample, type InsertedExample } from "../excel/insert-example";
import { previewTemplate } from "../excel/preview";
import { addEntries, exportRegisterCsv } from "../excel/register";
import {
  missingRequirements,
  officeSetSupported,
  type Requirement,
  type SetSupported,
} from "../excel/requirements";
import {
  loadAddInWithWorkbook,
  officeStartupApi,
  type StartupApi,
  stopLoadingAddInWithWorkbook,
} from "../excel/sharing";
import { recordSnapshot } from "../excel/snapshots";
import { setStatusRule } from "../excel/status-rule";
import { readTracking, setAsOf, type TrackingSnapshot, watchRegister } from "../excel/tables";
import { editRegisterEntry, type EntryTarget, recordCellEdits } from "../excel/trail";
import { type MergeReport, mergeIntoWorkbook } from "../excel/merge";
import type { ChangeRecord } from "../core/changes";
import type { Submission } from "../core/submission";
import type { EntryEdit } from "../core/trail";
import type { TableBlock } from "../core/tracking";

export interface TrackerClient {
  missingRequirements(): Requirement[];
  read(): Promise<TrackingSnapshot>;
  preview(language: Language): Promise<TemplateChanges>;
  apply(language: Language): Promise<ApplyReport>;
  /** Appends entries; each is logged as added in Changes by `who` (the name in Settings) and recorded. */
  addEntries(entries: readonly Entry[], language: Language, enteredAt: number, who: string): Promise<number>;
  recordSnapshot(
    summaries: readonly GoalSummary[],
    taken: SnapshotTaken,
    language: Language,
  ): Promise<number>;
  exportCsv(): Promise<string>;
  setAsOf(date: number | undefined): Promise<void>;
  /** Names the status rule on About and writes its thresholds, in the workbook's language. */
  setStatusRule(rule: StatusRule, language: Language): Promise<void>;
  /** Calls back when the register changes, for as long as the pane is open. */
  watch(onChange: () => void): Promise<void>;
  /**
   * Writes the example of a custom function into the selected cell; refuses a selection of more
   * than one cell, a cell that is not empty or is in a table, and a workbook without the template.
   */
  insertExample(id: FunctionId): Promise<InsertedExample>;
  /**
   * Makes the workbook load the add-in (and open its pane) for recipients who have it; those
   * without it get an add-in error on opening, so the pane asks first.
   */
  loadWithWorkbook(): Promise<void>;
  /** Undoes loadWithWorkbook: the workbook no longer loads the add-in or opens its pane. */
  stopLoadingWithWorkbook(): Promise<void>;
  /**
   * "Check this Excel": each kind of call the add-in makes, on a temporary hidden sheet removed
   * afterwards, one batch per check; never rejects for a check that fails (it says so instead).
   */
  runDiagnostics(): Promise<DiagnosticsReport>;
  /**
   * Logs the edits typed into the Register since the add-in last recorded it (the register as
   * read() read it) and records it anew; the first time, the register is the baseline.
   */
  recordCellEdits(
    register: TableBlock,
    at: number,
    who: string,
    language: Language,
  ): Promise<{ changes: number; baseline: boolean }>;
  /** Edits an entry (its row as last read, and its key) in the pane, one Changes row per changed field. */
  editEntry(
    target: EntryTarget,
    edit: EntryEdit,
    at: number,
    who: string,
    language: Language,
  ): Promise<ChangeRecord[]>;
  /** Merges district workbooks into this one. */
  mergeWorkbooks(submissions: readonly Submission[], at: number, who: string): Promise<MergeReport>;
}

/** Excel.run's one-batch form: runs `batch` in a fresh request context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The Office calls the client makes outside an Excel batch. */
export interface OfficeApis {
  readonly isSetSupported: SetSupported;
  readonly startup: StartupApi;
  /** Document settings, for the check of this Excel (office.js's unless given). */
  readonly settings?: DocumentSettingsApi;
  /** Office's version, platform and host, for the check of this Excel (office.js's unless given). */
  readonly officeInfo?: () => OfficeInfo;
}

const OFFICE: OfficeApis = { isSetSupported: officeSetSupported, startup: officeStartupApi };

/**
 * A TrackerClient whose every batch goes through `run`. The default looks Excel up at each call,
 * not at creation: outside Excel the namespace never exists, and the pane only says so.
 */
export function createTrackerClient(
  run: ExcelRun = (batch) => Excel.run(batch),
  office: OfficeApis = OFFICE,
): TrackerClient {
  return {
    missingRequirements: () => missingRequirements(office.isSetSupported),
    read: () => run((context) => readTracking(context)),
    preview: (language) => run((context) => previewTemplate(context, language)),
    apply: (language) =>
      run((context) => applyTemplate(context, language, { supports: office.isSetSupported })),
    addEntries: (entries, language, enteredAt, who) =>
      run((context) => addEntries(context, entries, language, enteredAt, { who })),
    recordSnapshot: (summaries, taken, language) =>
      run((context) => recordSnapshot(context, summaries, taken, language)),
    exportCsv: () => run((context) => exportRegisterCsv(context)),
    setAsOf: (date) => run((context) => setAsOf(context, date)),
    setStatusRule: (rule, language) => run((context) => setStatusRule(context, rule, language)),
    // The subscription lives as long as the pane (Excel keeps an event handler after its run ends).
    watch: (onChange) => run((context) => watchRegister(context, onChange)),
    insertExample: (id) => run((context) => insertExample(context, id)),
    loadWithWorkbook: () => loadAddInWithWorkbook(office.startup),
    stopLoadingWithWorkbook: () => stopLoadingAddInWithWorkbook(office.startup),
    // Loaded when first asked for, as the views are: few people ever run the check.
    runDiagnostics: async () => {
      const diagnostics = await import(/* webpackChunkName: "diagnostics" */ "../excel/diagnostics");
      return diagnostics.runDiagnostics(run, {
        isSetSupported: office.isSetSupported,
        settings: office.settings ?? diagnostics.officeDocumentSettings,
        office: office.officeInfo ?? diagnostics.officeInfo,
      });
    },
    recordCellEdits: (register, at, who, language) =>
      run((context) => recordCellEdits(context, register, at, who, language)),
    editEntry: (target, edit, at, who, language) =>
      run((context) => editRegisterEntry(context, target, edit, at, who, language)),
    mergeWorkbooks: (submissions, at, who) =>
      run((context) => mergeIntoWorkbook(context, submissions, at, who)),
  };
}
