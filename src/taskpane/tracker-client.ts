/**
 * The task pane's one door to Excel. Components call these functions; each runs one Excel.run
 * batch from src/excel. Nothing else in the pane touches the Excel object model.
 */
import type { Entry } from "../core/entries";
import type { Language } from "../core/language";
import type { GoalSummary } from "../core/summary";
import type { TemplateChanges } from "../core/template/template-changes";
import { type ApplyReport, applyTemplate } from "../excel/apply-template";
import { previewTemplate } from "../excel/preview";
import { addEntries, exportRegisterCsv, recordSnapshot } from "../excel/register";
import {
  freezeAddInCells,
  loadAddInWithWorkbook,
  officeStartupApi,
  unfreezeAddInCells,
} from "../excel/sharing";
import { missingRequirements, officeSetSupported, type Requirement } from "../excel/requirements";
import { readTracking, setAsOf, type TrackingSnapshot, watchRegister } from "../excel/tables";

export interface TrackerClient {
  missingRequirements(): Requirement[];
  read(): Promise<TrackingSnapshot>;
  preview(language: Language): Promise<TemplateChanges>;
  apply(language: Language): Promise<ApplyReport>;
  addEntries(entries: readonly Entry[], language: Language, enteredAt: number): Promise<number>;
  recordSnapshot(
    summaries: readonly GoalSummary[],
    date: number,
    note: string,
    language: Language,
  ): Promise<number>;
  exportCsv(): Promise<string>;
  setAsOf(date: number | undefined): Promise<void>;
  /** Calls back when the register changes, for as long as the pane is open. */
  watch(onChange: () => void): Promise<void>;
  /** Freezes Forecast and Forecast date to values; resolves to the as-of date they were frozen at. */
  freeze(language: Language): Promise<number | undefined>;
  unfreeze(language: Language): Promise<void>;
  /** Makes the workbook load the add-in (and open its pane) for recipients who have it. */
  loadWithWorkbook(): Promise<void>;
}

export const excelClient: TrackerClient = {
  missingRequirements: () => missingRequirements(officeSetSupported),
  read: () => Excel.run((context) => readTracking(context)),
  preview: (language) => Excel.run((context) => previewTemplate(context, language)),
  apply: (language) => Excel.run((context) => applyTemplate(context, language)),
  addEntries: (entries, language, enteredAt) =>
    Excel.run((context) => addEntries(context, entries, language, enteredAt)),
  recordSnapshot: (summaries, date, note, language) =>
    Excel.run((context) => recordSnapshot(context, summaries, date, note, language)),
  exportCsv: () => Excel.run((context) => exportRegisterCsv(context)),
  setAsOf: (date) => Excel.run((context) => setAsOf(context, date)),
  // The subscription lives as long as the pane (Excel keeps an event handler after its run ends).
  watch: (onChange) => Excel.run((context) => watchRegister(context, onChange)),
  freeze: (language) => Excel.run((context) => freezeAddInCells(context, language)),
  unfreeze: (language) => Excel.run((context) => unfreezeAddInCells(context, language)),
  loadWithWorkbook: () => loadAddInWithWorkbook(officeStartupApi),
};
