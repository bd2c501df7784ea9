/**
 * Numbers, dates and lists shown the way the pane's language writes them: every composed text of
 * the pane goes through here, so a Chinese screen reads 2021年6月30日 and 甲、乙 (never 6/30/2021 or
 * "甲, 乙"), whatever the browser's own locale.
 */
import { serialToIso } from "../core/dates";
import type { Language } from "../core/language";

const LOCALES: Record<Language, string> = { en: "en-GB", zh: "zh-CN" };

export function formatCount(value: number, language: Language, digits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

export function formatPercent(ratio: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: "percent", maximumFractionDigits: 1 }).format(
    ratio,
  );
}

/** 30 June 2021, or 2021年6月30日. */
export function formatDate(serial: number, language: Language): string {
  const iso = serialToIso(serial);
  const date = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[language], {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(date);
}

// Lists, clauses and sentences are joined by core (cells and messages join them the same way).
export { formatClauses, formatList, formatSentences } from "../core/language";
