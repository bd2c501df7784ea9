/** The two languages the product speaks. Office locales map onto them with languageFromLocale. */
export type Language = "en" | "zh";

/** "zh-CN", "zh-Hans", "zh" -> zh; everything else -> en. Traditional Chinese locales get zh too. */
export function languageFromLocale(locale: string | null | undefined): Language {
  return typeof locale === "string" && /^zh\b/i.test(locale.trim()) ? "zh" : "en";
}

/** Names or numbers in a row: "a, b, c", or 甲、乙、丙. */
export function formatList(items: readonly (string | number)[], language: Language): string {
  return items.join(language === "zh" ? "、" : ", ");
}

/** Phrases that may hold commas themselves: "a; b", or 甲；乙. */
export function formatClauses(items: readonly string[], language: Language): string {
  return items.join(language === "zh" ? "；" : "; ");
}

/** Whole sentences one after another: English puts a space between them, Chinese nothing. */
export function formatSentences(items: readonly string[], language: Language): string {
  return items.join(language === "zh" ? "" : " ");
}
