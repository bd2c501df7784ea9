/**
 * Numbers, dates and lists shown the way the pane's language writes them: every composed text of
 * the pane goes through here, so a Chinese screen reads 2021年6月30日 and 甲、乙 (never 6/30/2021 or
 * "甲, 乙"), whatever the browser's own locale.
 */
import { serialToIso, serialToIsoMinute } from "../core/dates";
import type { Language } from "../core/language";
import type { Translate } from "./i18n";

const LOCALES: Record<Language, string> = { en: "en-GB", zh: "zh-CN" };

/** A quota as typed: a district may publish 2.5 (up to two decimals shown, none added to a whole number). */
export function formatQuota(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(value);
}

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

/** A date serial in the pane's locale, read as UTC so no time zone shifts the day. */
function formatParts(serial: number, language: Language, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(`${serialToIso(serial)}T00:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: "UTC" }).format(date);
}

/** 30 June 2021, or 2021年6月30日. */
export function formatDate(serial: number, language: Language): string {
  return formatParts(serial, language, { year: "numeric", month: "long", day: "numeric" });
}

/** Apr 2020, or 2020年4月: what a chart axis has room for. */
export function formatMonth(serial: number, language: Language): string {
  return formatParts(serial, language, { year: "numeric", month: "short" });
}

/** 2021, or 2021年. */
export function formatYear(serial: number, language: Language): string {
  return formatParts(serial, language, { year: "numeric" });
}

/** 1 July 2021, 14:05, or 2021年7月1日 14:05: the serial rounded to the minute, as the sheet shows it. */
export function formatDateTime(serial: number, language: Language, t: Translate): string {
  // The day of the rounded minute: 23:59:45 is the next day's 00:00.
  const day = Math.floor(Math.round(serial * 24 * 60) / (24 * 60));
  const time = serialToIsoMinute(serial).slice(-5);
  return t("dateTime", { date: formatDate(day, language), time });
}

// Lists, clauses and sentences are joined by core (cells and messages join them the same way).
export { formatClauses, formatList, formatSentences } from "../core/language";
