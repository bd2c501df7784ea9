/**
 * Where the task pane is running: inside Excel, or in a plain browser (office.js absent or
 * reporting no host). Read once at start-up from Office.onReady.
 */
import { type Language, languageFromLocale } from "../core/language";

export interface HostInfo {
  readonly inExcel: boolean;
  readonly language: Language;
}

function browserLanguage(): Language {
  return languageFromLocale(typeof navigator === "undefined" ? undefined : navigator.language);
}

export async function detectHost(): Promise<HostInfo> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    return { inExcel: false, language: browserLanguage() };
  }
  const info = await Office.onReady();
  const inExcel = info.host === Office.HostType.Excel;
  const language = inExcel ? languageFromLocale(Office.context.displayLanguage) : browserLanguage();
  return { inExcel, language };
}
