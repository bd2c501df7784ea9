/** Numbers and dates shown the way the pane's language writes them. */
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
